"""Near copies (issue #19): a report resubmitted under a new title and another author is flagged on both
dossiers through the real pipeline, unrelated reports of the same form are not, the export carries the pair,
the list filters them, the page puts the two side by side, and the index is one for every process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema

from extractors.similarity.passages import ELLIPSIS, pieces, shared_passages
from extractors.similarity.shingles import content_shingles, shingles, without_boilerplate, words
from extractors.similarity.signature import containments, sign, to_bytes
from pipeline import similar
from pipeline.config import BatchSpec, load_settings
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from pipeline.store import Store
from tests.conftest import ROOT

# Our own words: one report's body, and an unrelated one of the same form and sector.
REPORT = [
    "Trước đây mỗi buổi sáng cán bộ một cửa phải chép tay sổ tiếp nhận rồi mới chuyển hồ sơ sang bộ phận chuyên "
    "môn, nên người dân thường chờ lâu và giấy hẹn hay ghi nhầm ngày trả kết quả.",
    "Chúng tôi dán mã vạch lên từng bìa hồ sơ ngay tại quầy, quét mã khi bàn giao giữa các bộ phận và gửi tin "
    "nhắn cho người dân khi kết quả đã sẵn sàng, không cần gọi điện hỏi lại.",
    "Sau sáu tháng áp dụng, thời gian chờ tại quầy giảm từ bốn mươi phút xuống còn mười hai phút, không còn hồ sơ "
    "thất lạc giữa các phòng và số lần trả kết quả trễ hẹn giảm hẳn so với năm trước.",
]
OTHER = [
    "Kho lưu trữ của phường chứa hơn mười nghìn trang văn bản giấy xếp theo năm, việc tìm một quyết định cũ có khi "
    "mất cả buổi chiều vì nhãn hộp đã mờ.",
    "Tổ công nghệ số chụp lại từng trang bằng máy quét mượn của huyện, đặt tên tệp theo số và ngày văn bản, rồi "
    "lập bảng tra cứu chung trên máy chủ nội bộ cho mọi cán bộ dùng.",
    "Từ khi có bảng tra cứu, một văn bản cũ được tìm thấy trong vài phút, hộp giấy gốc được niêm phong và chỉ mở "
    "khi cần bản chính để đối chiếu.",
]


def write_report(path: Path, title: str, author: str, unit: str, paragraphs: list[str]) -> Path:
    """A short description report as a real Word file: the form's lines around the author's own paragraphs."""
    doc = docx.Document()
    for line in ("BÁO CÁO MÔ TẢ SÁNG KIẾN", "Kính gửi: Hội đồng sáng kiến phường Hải Châu",
                 f"Tên sáng kiến: {title}", f"Họ và tên: {author}", f"Nơi công tác: {unit}",
                 "Lĩnh vực áp dụng sáng kiến: Cải cách hành chính", "Mô tả bản chất của sáng kiến:", *paragraphs,
                 "Tôi xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu trách "
                 "nhiệm trước pháp luật."):
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _process(inbox: Path) -> Store:
    settings = load_settings()
    store = Store.shared(settings.database_url)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0)
    for entry in discover(inbox):
        process_entry(store, spec, entry)
    return store


# --- the pure functions -------------------------------------------------------------------------------------


def test_words_are_folded_beside_their_toned_form_and_place():
    text = "Sáng KIẾN số hoá"
    found = words(text)
    assert [(w.toned, w.folded) for w in found] == [("sáng", "sang"), ("kiến", "kien"), ("số", "so"), ("hoá", "hoa")]
    assert [text[w.start:w.end] for w in found] == ["Sáng", "KIẾN", "số", "hoá"]
    assert words("Sa\u0301ng")[0].toned == "sáng"  # decomposed input is read as NFC


def test_the_forms_boilerplate_is_dropped_and_the_value_after_a_label_kept():
    kept = without_boilerplate(words("KÍNH GỬI: Hội đồng sáng kiến phường Hải Châu. Tên sáng kiến: Sổ tay số"))
    assert [w.folded for w in kept] == ["phuong", "hai", "chau", "so", "tay", "so"]
    assert [w.folded for w in without_boilerplate(words("tên sáng kiến"), phrases=[])] == ["ten", "sang", "kien"]


def test_shingles_are_runs_of_words_tone_free():
    assert shingles(words("Một hai ba bốn năm"), 4) == ["mot hai ba bon", "hai ba bon nam"]
    assert shingles(words("Một hai"), 4) == ["mot hai"]
    assert content_shingles("Đổi mới cách dạy học") == content_shingles("DOI MOI CACH DAY HOC")  # OCR lost tones


def test_shared_passages_survive_reordering_and_are_marked_in_each_text():
    first = " ".join(REPORT)
    second = " ".join([REPORT[2], OTHER[0], REPORT[0]])
    shared = shared_passages(first, second)
    marked_first = "".join(first[a:b] for a, b in shared.first)
    assert REPORT[0].rstrip(".") in marked_first and REPORT[1][:40] not in marked_first
    assert any(second[a:b].startswith("Sau sáu tháng") for a, b in shared.second)
    assert 0.6 < shared.first_share < 0.75 and 0.6 < shared.second_share < 0.75  # two of three paragraphs
    cut = pieces("x" * 500 + "chung" + "y" * 500, [(500, 505)], context=50)
    assert cut == [(ELLIPSIS + "x" * 50, False), ("chung", True), ("y" * 50 + ELLIPSIS, False)]


def test_containment_scores_a_text_copied_into_a_longer_one_and_not_an_unrelated_one():
    small = {f"cau {i}" for i in range(200)}
    longer = small | {f"them {i}" for i in range(600)}  # Jaccard 0.25, but all of `small` is in it
    unrelated = {f"khac {i}" for i in range(200)}
    share, bound = containments(to_bytes(sign(small)), len(small), [to_bytes(sign(longer)), to_bytes(sign(unrelated))],
                                [len(longer), len(unrelated)])
    assert share[0] > 0.85 and 0.5 < bound[0] < share[0]
    assert share[1] < 0.1 and bound[1] == 0


def test_a_same_title_needs_shared_text_unless_a_form_is_bare(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'index.db'}")
    title = "Dùng mã vạch theo dõi hồ sơ một cửa tại phường Hải Châu"
    assert similar.index(store, "a" * 64, " ".join(REPORT), title) == []
    assert similar.index(store, "b" * 64, " ".join(OTHER), title) == []  # a common title over its own text
    found = similar.index(store, "c" * 64, "Đơn yêu cầu công nhận sáng kiến", title)  # a bare form: its title
    assert {m.fingerprint for m in found} == {"a" * 64, "b" * 64} and {m.kind for m in found} == {"same_title"}
    store.engine.dispose()


def test_a_reviewers_title_correction_is_compared_again_and_survives_a_rebuild(home):
    from pipeline.review import Reviews

    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    # two bare forms (their field values only): compared by title alone
    write_report(inbox / "ma-vach.docx", "Dùng mã vạch theo dõi hồ sơ một cửa", "Lê Văn Cường",
                 "UBND phường Hải Châu", [])
    write_report(inbox / "kho.docx", "Số hóa kho lưu trữ văn bản", "Trần Thị Bình", "UBND phường Hải Châu", [])
    store = _process(inbox)
    rows = _by_source(store)
    first, second = rows["ma-vach.docx"]["fingerprint"], rows["kho.docx"]["fingerprint"]
    assert similar.matches(store, second) == []
    reviews = Reviews(store)
    reviews.correct(second, "title", "Dùng mã vạch theo dõi hồ sơ một cửa", "minh",
                    reviews.version(store.get(second)))
    assert [(m["fingerprint"], m["kind"]) for m in similar.matches(store, second)] == [(first, "same_title")]
    similar.rebuild(store)
    assert [m["fingerprint"] for m in similar.matches(store, first)] == [second]


# --- through the pipeline, into the export ------------------------------------------------------------------


def _fill(inbox: Path) -> Store:
    inbox.mkdir(parents=True, exist_ok=True)
    write_report(inbox / "ma-vach-2023.docx", "Dùng mã vạch theo dõi hồ sơ một cửa", "Lê Văn Cường",
                 "UBND phường Hải Châu", REPORT)
    write_report(inbox / "kho-luu-tru.docx", "Số hóa kho lưu trữ văn bản của phường", "Trần Thị Bình",
                 "UBND phường Hải Châu", OTHER)
    _process(inbox)
    # Next year, another author resubmits the first report under a new title, its paragraphs reordered.
    write_report(inbox / "ma-vach-2024.docx", "Quản lý luân chuyển hồ sơ bằng mã vạch", "Phạm Thị Dung",
                 "UBND phường Thạch Thang", [REPORT[2], REPORT[0], REPORT[1]])
    return _process(inbox)


def _by_source(store: Store) -> dict[str, dict]:
    return {row["source"]: row for row in store.rows()}


def test_a_resubmitted_report_is_flagged_on_both_dossiers_and_exported(home, record_schema):
    from pipeline.export import export_bytes

    store = _fill(home / "inbox")
    rows = _by_source(store)
    later, earlier = rows["ma-vach-2024.docx"], rows["ma-vach-2023.docx"]
    [match] = similar.matches(store, later["fingerprint"])
    assert match["fingerprint"] == earlier["fingerprint"] and match["kind"] == "same_text" and match["score"] > 0.75
    assert [m["fingerprint"] for m in similar.matches(store, earlier["fingerprint"])] == [later["fingerprint"]]
    assert similar.matches(store, rows["kho-luu-tru.docx"]["fingerprint"]) == []  # same form, its own text

    body, _ = export_bytes(store.rows(), "jsonl", None, similar.links(store))
    records = {r["source"]: r for r in map(json.loads, body.decode().splitlines())}
    for record in records.values():
        jsonschema.validate(record, record_schema)
    assert records["ma-vach-2024.docx"]["similar"] == [{"dossier": "ma-vach-2023", "score": match["score"],
                                                        "kind": "same_text"}]
    assert records["ma-vach-2023.docx"]["similar"][0]["dossier"] == "ma-vach-2024"
    assert records["kho-luu-tru.docx"]["similar"] == []

    pairs = similar.size(store)["similar_pairs"]
    assert similar.rebuild(store) == 3 and similar.size(store)["similar_pairs"] == pairs == 1


# --- the review page ----------------------------------------------------------------------------------------


def test_the_list_filters_possible_copies(site):
    _fill(site.settings.inbox)
    site.login("minh")
    assert site.count("similar=1") == 2
    page = site.client.get("/?similar=1").text
    assert "Quản lý luân chuyển hồ sơ bằng mã vạch" in page and "Số hóa kho lưu trữ" not in page
    assert 'class="tag tag-similar"' in page
    assert site.count() == 11  # the site's eight and the three reports


def test_a_reviewer_compares_the_two_side_by_side(page, site):
    from playwright.sync_api import expect

    from tests.browser import log_in

    _fill(site.settings.inbox)
    log_in(page, "minh")
    page.check("input[name=similar]")
    page.click("button:has-text('Lọc')")
    expect(page.locator("h1")).to_have_text("2 hồ sơ")
    page.click("a:has-text('Quản lý luân chuyển hồ sơ bằng mã vạch')")
    section = page.locator("#trung-lap")
    row = section.locator("table.alike tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Dùng mã vạch theo dõi hồ sơ một cửa")
    expect(row).to_contain_text("UBND phường Hải Châu")
    expect(row).to_contain_text("Chờ duyệt")
    expect(row).to_contain_text("cùng nội dung")
    sides = section.locator(".side-by-side > div")
    expect(sides).to_have_count(2)
    for side in (sides.nth(0), sides.nth(1)):
        expect(side.locator("mark.shared").first).to_contain_text("Sau sáu tháng áp dụng")
    expect(sides.nth(1).locator("mark.shared", has_text="Trước đây mỗi buổi sáng")).to_have_count(1)
    expect(sides.nth(0).locator("mark.shared", has_text="cam đoan")).to_have_count(0)  # the form's: never marked
    row.locator("a", has_text="Dùng mã vạch").click()
    expect(page.locator("#trung-lap table.alike")).to_contain_text("Quản lý luân chuyển hồ sơ bằng mã vạch")


# --- one index for every process (PostgreSQL) ---------------------------------------------------------------

_INDEX_IN_A_CHILD = """
import sys
from pipeline import similar
from pipeline.store import Store
store = Store.open(sys.argv[1])
found = similar.index(store, sys.argv[2], sys.argv[3], sys.argv[4])
print(",".join(m.fingerprint for m in found))
"""


def _index_elsewhere(url: str, fingerprint: str, text: str, title: str) -> str:
    done = subprocess.run([sys.executable, "-c", _INDEX_IN_A_CHILD, url, fingerprint, text, title], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_two_processes_share_one_index_on_postgres(postgres_url):
    store = Store.open(postgres_url)
    for fingerprint, name in (("a" * 64, "ma-vach-2023"), ("b" * 64, "ma-vach-2024")):
        store.claim(fingerprint, name, f"{name}.docx")
        store.save(fingerprint, {"status": "needs_review", "text": " ".join(REPORT), "title": name})
    first = _index_elsewhere(postgres_url, "a" * 64, " ".join(REPORT), "Dùng mã vạch theo dõi hồ sơ một cửa")
    assert first == ""  # nothing indexed before it
    second = _index_elsewhere(postgres_url, "b" * 64, " ".join(reversed(REPORT)), "Mã vạch cho hồ sơ")
    assert second == "a" * 64  # found what the other process indexed
    [seen] = similar.matches(store, "a" * 64)  # and this process reads the pair from the earlier side
    assert seen["fingerprint"] == "b" * 64 and seen["kind"] == "same_text"
    assert similar.size(store) == {"similar_signatures": 2, "similar_bands": similar.size(store)["similar_bands"],
                                   "similar_pairs": 1}
    assert similar.rebuild(store) == 2 and similar.size(store)["similar_pairs"] == 1  # refilled, then analysed
    store.engine.dispose()
