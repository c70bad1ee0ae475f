"""Reviewers teach units (issue #18): a corrected unit's spelling names that unit in later dossiers, on SQLite and
PostgreSQL, through the real pipeline; what was learned can be retired and put back; `sangkien rerun --learned`
applies it to dossiers read before; the admin page lists it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timezone
from html import unescape

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from extractors.fields.label_proposal import unknown_label
from extractors.fields.sector_examples import CodeExamples, SectorExamples
from pipeline.config import BatchSpec, load_settings
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from pipeline.learning import LEARNED_CONFIDENCE, Learned, Learning, unit_key, with_learned, written_unit
from pipeline.rerun import select
from pipeline.review import Reviews
from pipeline.sector_learning import Example, SectorLearning, accuracy, better, held_out, merged
from pipeline.store import Store
from pipeline.users import add_user
from pipeline.web import corrections
from tests.browser import log_in
from tests.conftest import ROOT, write_form_docx

TAUGHT = "Trường Mầm non Hoa Sen, Quận 3"


def test_a_spelling_is_one_key_whatever_its_case_punctuation_and_abbreviations():
    assert unit_key("MN Hoa Sen") == unit_key("mn  hoa sen.") == unit_key("Mầm non Hoa Sen")
    assert unit_key("MN Hoa Sen") != unit_key("MN Hoa Hồng") and unit_key(None) == ""


def _record(unit: str | None, **info) -> dict:
    return {"dossier": "d", "status": "needs_review", "unit": unit,
            "fields": {"unit": {"confidence": 0.6, "rule": "unit-letterhead"} | info}}


def test_a_learned_unit_replaces_the_spelling_surely_and_says_where_it_came_from():
    learned = Learned(7, "unit", unit_key("MN Hoa Sen"), "MN Hoa Sen", TAUGHT, "f" * 64, "hs-01", "lan",
                          datetime(2026, 12, 1, tzinfo=timezone.utc))
    record = with_learned(_record("MN Hoa Sen"), learned)
    info = record["fields"]["unit"]
    assert record["unit"] == TAUGHT and info["confidence"] == LEARNED_CONFIDENCE >= 0.8
    assert info["rule"] == "unit-letterhead+learned#7"
    assert info["learned"] | {"at": None} == {"id": 7, "written": "MN Hoa Sen", "dossier": "hs-01", "by": "lan",
                                              "at": None}
    assert written_unit(record) == "MN Hoa Sen"  # a later correction teaches from what was read, not the name
    assert with_learned(_record(None), learned)["unit"] is None
    assert with_learned(_record("MN Hoa Sen"), None) == _record("MN Hoa Sen")
    assert written_unit(_record(TAUGHT, corrected=True, extracted="MN Hoa Sen")) == "MN Hoa Sen"


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, home, monkeypatch):
    if request.param == "postgresql":
        monkeypatch.setenv("SANGKIEN_DATABASE_URL", request.getfixturevalue("postgres_url"))
    settings = load_settings()
    store = Store.shared(settings.database_url)
    assert store.engine.dialect.name == request.param
    return settings, store


def _drop_and_process(settings, store: Store, files: dict[str, tuple[str, str, str]]) -> dict[str, dict]:
    inbox = settings.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    for name, (title, author, unit) in files.items():
        write_form_docx(inbox / name, title, author, unit)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0)
    for entry in discover(inbox):
        process_entry(store, spec, entry)
    return {row["source"]: row for row in store.rows() if row["source"] in files}


def test_a_corrected_unit_names_the_same_spelling_in_later_dossiers(office):
    settings, store = office
    first = _drop_and_process(settings, store, {
        "a.docx": ("Sổ theo dõi trẻ điện tử", "Nguyễn Thị Lan", "MN Hoa Sen"),
        "c.docx": ("Góc đọc sách cho học sinh", "Trần Văn Minh", "Trường THCS Lê Lợi")})
    a = first["a.docx"]
    assert a["unit"] == "MN Hoa Sen" and a["record"]["fields"]["unit"]["confidence"] < 1
    reviews = Reviews(store)
    assert reviews.correct(a["fingerprint"], "unit", TAUGHT, "lan", reviews.version(a))
    [taught] = Learning(store).all_learned()
    assert (taught.written, taught.name, taught.dossier, taught.username) == ("MN Hoa Sen", TAUGHT, a["name"], "lan")
    assert store.get(a["fingerprint"])["record"]["fields"]["unit"]["extracted"] == "MN Hoa Sen"

    later = _drop_and_process(settings, store, {
        "b.docx": ("Bảng tin phụ huynh trực tuyến", "Lê Thị Hoa", "mn  Hoa Sen."),
        "d.docx": ("Thư viện xanh", "Phạm Văn Nam", "Trường THCS Lê Lợi")})
    b, info = later["b.docx"], later["b.docx"]["record"]["fields"]["unit"]
    assert b["unit"] == TAUGHT and info["confidence"] >= 0.8
    assert info["rule"].endswith(f"+learned#{taught.id}") and info["learned"]["dossier"] == a["name"]
    assert later["d.docx"]["unit"] == "Trường THCS Lê Lợi"  # another spelling learned nothing
    from flows.review_page import review_app
    from tests.web_support import PASSWORD

    add_user(store, "lan", PASSWORD, "admin")
    page = TestClient(review_app(settings))
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get("/login").text).group(1)
    page.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": token})
    shown = unescape(page.get(f"/d/{b['fingerprint']}").text)
    assert f"học từ lần sửa trước của người duyệt (hồ sơ “{a['name']}”, lan sửa; máy đọc: “mn  Hoa Sen.”)" in shown

    # A reviewer's correction of the dossier itself wins, and is now what this spelling teaches.
    assert reviews.correct(b["fingerprint"], "unit", "Trường Mầm non Hoa Sen", "minh", reviews.version(b))
    assert store.get(b["fingerprint"])["unit"] == "Trường Mầm non Hoa Sen"
    newest, first_taught = Learning(store).all_learned()
    assert first_taught.retired_by == "minh" and newest.retired_at is None and newest.written == "mn  Hoa Sen."
    assert Learning(store).learned_for({"unit": "MN Hoa Sen"}, "unit").name == "Trường Mầm non Hoa Sen"

    # Retired, nothing applies; put back, the first teaching applies again as a new version.
    assert Learning(store).retire(newest.id, "lan") and not Learning(store).retire(newest.id, "lan")
    assert Learning(store).learned_for({"unit": "MN Hoa Sen"}, "unit") is None
    restored = Learning(store).restore(first_taught.id, "lan")
    assert restored.name == TAUGHT and Learning(store).learned_for({"unit": "MN Hoa Sen"}, "unit").id == restored.id
    assert len(Learning(store).all_learned()) == 3


def sangkien(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


@pytest.mark.prefect
def test_rerun_learned_applies_what_was_taught_to_dossiers_read_before(home, tmp_path, monkeypatch):
    """Also: `sangkien learn` and, with `learn_every` sector corrections pending, a batch retrains first."""
    monkeypatch.setenv("SANGKIEN_LEARN_EVERY", "2")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "a.docx", "Sổ theo dõi trẻ điện tử", "Nguyễn Thị Lan", "MN Hoa Sen")
    write_form_docx(inbox / "b.docx", "Bảng tin phụ huynh trực tuyến", "Lê Thị Hoa", "MN Hoa Sen")
    write_form_docx(inbox / "e.docx", "Sân chơi vận động", "Võ Văn Tám", "MN Hoa Sen")
    assert sangkien("process", str(inbox)).returncode == 0
    store = Store.shared(load_settings().database_url)
    rows = {row["source"]: row for row in store.rows()}
    reviews = Reviews(store)  # the CLI's review commands are tests/test_cli_review.py's: here, the library
    e = store.get(rows["e.docx"]["fingerprint"])
    reviews.decide(e["fingerprint"], "approved", None, "lan", reviews.version(e))
    a = store.get(rows["a.docx"]["fingerprint"])
    assert reviews.correct(a["fingerprint"], "unit", TAUGHT, "lan", reviews.version(a))
    assert store.get(rows["b.docx"]["fingerprint"])["unit"] == "MN Hoa Sen"  # read before it was taught
    assert sangkien("learn").returncode == 1  # no sector corrected yet: nothing to learn
    for source in ("a.docx", "b.docx"):
        _correct_sector(store, rows[source], "giao-duc")
    assert {r["source"] for r in select(store, [], failed=False, learned=True)} == {"a.docx", "b.docx"}

    again = sangkien("rerun", "--learned")
    assert again.returncode == 0 and "processed 2" in again.stdout, again.stdout + again.stderr
    after = {row["source"]: row for row in store.rows()}
    assert {row["name"] for row in after.values()} == {"a", "b", "e"}  # reread in the archive, names kept
    assert after["b.docx"]["unit"] == TAUGHT and after["a.docx"]["unit"] == TAUGHT
    assert after["a.docx"]["record"]["fields"]["unit"]["corrected"]  # its own correction, laid over
    assert after["e.docx"]["unit"] == "MN Hoa Sen" and after["e.docx"]["status"] == "approved"  # approved: kept
    [auto] = SectorLearning(store).versions()  # two sector corrections were pending when the rerun's batch began
    assert auto.trained_by == "tự động" and auto.corrections == 2

    learned = sangkien("learn", "--user", "lan")
    assert learned.returncode == 0 and "v2: 2 corrected dossiers" in learned.stdout, learned.stdout + learned.stderr
    assert sangkien("learn", "--use", str(auto.id)).returncode == 0
    assert [v.id for v in SectorLearning(store).versions() if v.active] == [auto.id]
    assert sangkien("learn", "--shipped").returncode == 0 and SectorLearning(store).active() is None
    assert sangkien("learn", "--use", "99").returncode == 1


def test_the_admin_sees_what_was_learned_and_retires_and_restores_it(page, site):
    log_in(page, "lan")
    page.goto(f"/d/{site.fingerprint('kho-dien-tu.docx')}")
    unit = page.locator(".field-table tr", has=page.locator("th", has_text="Đơn vị"))
    unit.locator("summary:has-text('Sửa')").click()
    unit.locator("input[name=value]").fill("Công ty Điện lực Quảng Nam - EVNCPC")
    unit.locator("button:has-text('Lưu')").click()
    expect(page.locator(".flash")).to_contain_text("Đã sửa")

    page.click("nav a:has-text('Tri thức đã học')")
    row = page.locator("table.learned tbody tr").first
    expect(row).to_contain_text("Công ty Điện lực Quảng Nam")
    expect(row).to_contain_text("Công ty Điện lực Quảng Nam - EVNCPC")
    expect(row).to_contain_text("Đang dùng")
    row.locator("button:has-text('Bỏ')").click()
    expect(page.locator(".flash")).to_contain_text("Đã bỏ")
    expect(page.locator("table.learned tbody tr").first).to_contain_text("Đã bỏ")
    assert Learning(site.store).learned_for({"unit": "Công ty Điện lực Quảng Nam"}, "unit") is None
    page.locator("table.learned tbody tr").first.locator("button:has-text('Dùng lại')").click()
    expect(page.locator("table.learned tbody tr").first).to_contain_text("Đang dùng")
    expect(page.locator("table.learned tbody tr")).to_have_count(2)  # the retired version stays, for the history
    assert Learning(site.store).learned_for({"unit": "Công ty Điện lực Quảng Nam"}, "unit").name.endswith("EVNCPC")

    _correct_sector(site.store, site.row("ban-do-so.docx"), "cntt")
    version = SectorLearning(site.store).retrain("lan")
    page.reload()
    models = page.locator("table.models tbody tr")
    expect(models).to_have_count(1)
    expect(models.first).to_contain_text(f"v{version.id}")
    expect(models.first.locator(".tag")).to_have_text("đang dùng")
    page.click("button:has-text('Quay về mô hình gốc')")
    expect(page.locator(".flash")).to_contain_text("mô hình gốc")
    expect(models.first.locator(".tag")).to_have_count(0)
    assert SectorLearning(site.store).active() is None
    models.first.locator("button:has-text('Dùng phiên bản này')").click()
    expect(models.first.locator(".tag")).to_have_text("đang dùng")

    row = site.row("hs-008.pdf")
    with site.store.engine.begin() as conn:
        Learning(site.store).propose_label(conn, row | {"text": "Thời điểm đưa vào sử dụng: 03/2024"},
                                           "first_applied", "2024-03", "minh", datetime.now(timezone.utc))
    page.reload()
    proposal = page.locator("table.proposals tbody tr").first
    expect(proposal).to_contain_text("Thời điểm đưa vào sử dụng")
    expect(proposal).to_contain_text("Chờ quyết định")
    proposal.locator("button:has-text('Nhận')").click()
    expect(page.locator(".flash")).to_contain_text("Đã nhận nhãn")
    expect(page.locator("table.proposals tbody tr").first).to_contain_text("Đã nhận")
    assert [rule.id for _, rule in Learning(site.store).accepted_labels()] == ["learned-label-1"]


def test_learned_sector_examples_override_shipped_ones_and_models_are_measured_fairly():
    shipped = SectorExamples(version="s", examples={"giao-duc": CodeExamples(texts=["Tủ sách lớp học", "Dạy đọc"]),
                                                    "khac": CodeExamples(texts=["Việc khác"])})
    made = merged(shipped, [Example("a" * 64, "tủ sách lớp học", "van-hoa-xa-hoi")])
    assert made.examples["giao-duc"].all == ["Dạy đọc"] and made.examples["van-hoa-xa-hoi"].all == ["tủ sách lớp học"]
    assert better(0.5, 0.5) and better(0.5, 0.75) and not better(0.75, 0.5) and better(None, None)
    assert accuracy(None, []) is None and accuracy(None, [Example("0" * 64, "x", "khac")]) == 0.0
    assert held_out(Example("00000000" + "f" * 56, "x", "khac")) and not held_out(Example("1" * 64, "x", "khac"))


# Titles about reading and books: the shipped classifier scatters them over several sectors.
_DOING = ("Tổ chức", "Duy trì", "Phát triển", "Nhân rộng", "Đổi mới", "Xây dựng")
_WHAT = ("câu lạc bộ đọc sách", "tủ sách dùng chung", "phòng đọc lưu động", "ngày hội đọc sách", "góc sách mở")
_WHERE = ("cho thiếu nhi xã", "tại nhà văn hóa thôn", "ở điểm bưu điện văn hóa", "cho người cao tuổi phường")


def _sectorless_docx(path, title: str, author: str) -> None:
    """An application without a sector line: the classifier decides the sector from the title."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN")
    doc.add_paragraph("Kính gửi: Hội đồng sáng kiến huyện Lý Nhân")
    doc.add_paragraph(f"Tôi là: {author}, công tác tại Thư viện huyện Lý Nhân")
    doc.add_paragraph(f"Tên sáng kiến: {title}")
    doc.add_paragraph("Ngày sáng kiến được áp dụng lần đầu: 05/9/2024")
    doc.save(path)


def _reading_dossiers(settings, store: Store, start: int, count: int) -> list[dict]:
    titles = [f"{a} {b} {c}" for a in _DOING for b in _WHAT for c in _WHERE]
    files = {}
    for n in range(start, start + count):
        files[f"doc-{n:03d}.docx"] = titles[n]
        _sectorless_docx(settings.inbox / f"doc-{n:03d}.docx", titles[n], "Nguyễn Thị Thu")
    spec = BatchSpec.of(settings, settings.inbox, stable_seconds=0)
    for entry in discover(settings.inbox):
        process_entry(store, spec, entry)
    return [row for row in store.rows() if row["source"] in files]


def _correct_sector(store: Store, row: dict, code: str, user: str = "lan") -> None:
    reviews, now = Reviews(store), store.get(row["fingerprint"])
    assert reviews.correct(row["fingerprint"], "sector", corrections.parse("sector", code, now["record"]), user,
                           reviews.version(now))


def test_corrected_sectors_retrain_the_classifier_which_is_kept_measured_and_reversible(office):
    settings, store = office
    settings.inbox.mkdir(parents=True, exist_ok=True)
    rows, made = [], 0
    while sum(held_out(Example(r["fingerprint"], "", "")) for r in rows) < 2 or len(rows) < 10:
        rows += _reading_dossiers(settings, store, made, 4)  # fingerprints decide which are held out
        made += 4
    wrong = [r for r in rows if r["record"]["sector"]["code"] != "giao-duc"]
    assert len(wrong) >= len(rows) // 2  # the shipped classifier does not know this kind of initiative
    for row in rows:
        _correct_sector(store, row, "giao-duc")
    learning = SectorLearning(store)
    assert learning.corrections_since_last() == len(rows)

    first = learning.retrain("lan")
    assert first.active and first.corrections == len(rows) and first.held_out >= 2
    assert first.accuracy_after > first.accuracy_before and first.accuracy_after == 1.0
    assert learning.corrections_since_last() == 0 and learning.active() is not None
    [later] = _reading_dossiers(settings, store, made, 1)
    assert later["record"]["sector"]["code"] == "giao-duc"  # the retrained model, through the pipeline
    assert later["record"]["fields"]["sector"]["rule"].startswith("sector-textcat")

    # Reviewers now label the training dossiers otherwise, the held-out ones stay: the new model measures worse on
    # them than the one in use, and is kept aside.
    for row in rows:
        if not held_out(Example(row["fingerprint"], "", "")):
            _correct_sector(store, row, "dang-doan-the", "minh")
    second = learning.retrain("minh")
    assert not second.active and second.accuracy_after < second.accuracy_before
    assert [v.id for v in learning.versions() if v.active] == [first.id]

    assert learning.activate(second.id) and [v.id for v in learning.versions() if v.active] == [second.id]
    assert learning.activate(None) and learning.active() is None  # back to the shipped classifier
    assert not learning.activate(999)


@pytest.mark.parametrize("field, value, lines, want", [
    ("first_applied", "2024-03", ["Thời điểm đưa vào sử dụng: 03/2024", "Ngày ký: 15/03/2024"],
     "Thời điểm đưa vào sử dụng"),
    ("first_applied", "2024-03-05", ["- Mốc vận hành chính thức: ngày 5 tháng 3 năm 2024"], "Mốc vận hành chính thức"),
    ("first_applied", "2024-03-05", ["Ngày lập: 15/3/2024"], None),  # 15/3 is not 5/3
    ("title", "Số hóa kho lưu trữ hồ sơ tại xã Hải Bắc", ["2. Nội dung đăng ký: Số hóa kho lưu trữ hồ sơ tại",
                                                            "xã Hải Bắc"], "Nội dung đăng ký"),
    ("title", "Số hóa kho lưu trữ hồ sơ", ["Tên sáng kiến: Số hóa kho lưu trữ hồ sơ"], None),  # known: no proposal
    ("authors", [{"name": "Nguyễn Văn An"}], ["Người đăng ký: Ông Nguyễn Văn An"], "Người đăng ký"),
    ("benefit", {"amount_vnd": 41_200_000, "per_year": True}, ["Giá trị thu về: 41.200.000 đồng/năm"],
     "Giá trị thu về"),
    ("unit", "Trường MN Bình Minh", ["Nơi làm: Trường MN Bình Minh"], None),  # units are learned as spellings
])
def test_a_corrected_value_after_an_unknown_label_proposes_that_label(field, value, lines, want):
    assert unknown_label(lines, field, value) == want


def _dated_docx(path, title: str, date_line: str) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN")
    doc.add_paragraph("Kính gửi: Hội đồng sáng kiến huyện Lý Nhân")
    doc.add_paragraph("Tác giả: Nguyễn Văn An, Trường THCS Lê Lợi")
    doc.add_paragraph(f"Tên sáng kiến: {title}")
    doc.add_paragraph("Lĩnh vực áp dụng sáng kiến: Giáo dục")
    doc.add_paragraph(date_line)
    doc.save(path)


def test_an_accepted_label_reads_later_dossiers_and_a_rejected_one_does_not(office):
    settings, store = office
    settings.inbox.mkdir(parents=True, exist_ok=True)
    spec = BatchSpec.of(settings, settings.inbox, stable_seconds=0)

    def dropped(name: str, title: str) -> dict:
        _dated_docx(settings.inbox / name, title, "Thời điểm đưa vào sử dụng: 03/2024")
        outcome = process_entry(store, spec, next(e for e in discover(settings.inbox) if e.source == name))
        return store.get(outcome.fingerprint)

    first = dropped("a.docx", "Sổ điểm điện tử")
    assert first["first_applied"] is None  # the label is not one the rules know
    reviews, learning = Reviews(store), Learning(store)
    assert reviews.correct(first["fingerprint"], "first_applied", "2024-03", "minh", reviews.version(first))
    [proposal] = learning.label_proposals()
    assert (proposal.field, proposal.label, proposal.status) == ("first_applied", "Thời điểm đưa vào sử dụng",
                                                                 "proposed")
    assert dropped("b.docx", "Bản đồ lớp học")["first_applied"] is None  # proposed only: not applied

    assert learning.decide_label(proposal.id, "accepted", "lan")
    later = dropped("c.docx", "Thư viện ảnh bài giảng")
    info = later["record"]["fields"]["first_applied"]
    assert later["first_applied"] == "2024-03" and info["rule"] == f"learned-label-{proposal.id}"
    assert info["confidence"] >= 0.8

    assert learning.decide_label(proposal.id, "rejected", "lan")
    assert dropped("d.docx", "Góc học tập xanh")["first_applied"] is None
    second = store.get(first["fingerprint"])
    assert not reviews.correct(second["fingerprint"], "first_applied", "2024-03", "minh", reviews.version(second))
    assert len(learning.label_proposals()) == 1  # proposed once


def test_a_written_sector_a_reviewer_coded_is_coded_so_in_later_dossiers_at_once(office):
    settings, store = office
    settings.inbox.mkdir(parents=True, exist_ok=True)
    spec = BatchSpec.of(settings, settings.inbox, stable_seconds=0)

    def dropped(name: str, title: str) -> dict:
        import docx

        doc = docx.Document()
        for line in ("BÁO CÁO MÔ TẢ SÁNG KIẾN", f"Tên sáng kiến: {title}", "Tác giả: Lò Thị Mai",
                     "Lĩnh vực áp dụng: Công tác thư viện cơ sở"):
            doc.add_paragraph(line)
        doc.save(settings.inbox / name)
        outcome = process_entry(store, spec, next(e for e in discover(settings.inbox) if e.source == name))
        return store.get(outcome.fingerprint)

    first = dropped("a.docx", "Sổ tay bạn đọc nhỏ")
    assert first["record"]["sector"]["code"] != "van-hoa-xa-hoi"  # the keywords say otherwise
    _correct_sector(store, first, "van-hoa-xa-hoi")
    [taught] = Learning(store).all_learned()
    assert (taught.field, taught.written, taught.name) == ("sector", "Công tác thư viện cơ sở", "van-hoa-xa-hoi")
    later = dropped("b.docx", "Giờ kể chuyện cuối tuần")  # at once: no retraining needed for the same wording
    assert later["record"]["sector"] == {"code": "van-hoa-xa-hoi", "label": "Văn hóa – Xã hội – Lao động",
                                         "raw": "Công tác thư viện cơ sở"}
    info = later["record"]["fields"]["sector"]
    assert info["rule"].endswith(f"+learned#{taught.id}") and info["confidence"] >= 0.8
