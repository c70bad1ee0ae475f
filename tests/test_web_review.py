"""Reviewers' work through the web page: list filters, search with and without tones (SQLite and PostgreSQL),
corrections, decisions and their audit trail, exports of the current filter, and reviews surviving a rerun."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
import unicodedata
from datetime import datetime, timezone
from html import unescape

import jsonschema
import openpyxl
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import create_engine, select, text

from extractors.fold import sort_key
from pipeline.search import MAX_SPELLINGS, matching, spellings
from pipeline.store import MIGRATIONS, Store, engine_url
from pipeline.strategies import explain
from pipeline.web import listing
from pipeline.web.app import create_app
from tests.conftest import ROOT
from tests.web_support import GENERATED, Site, make_site, served

EXTRACTED = len(GENERATED) + 4  # the demo dossiers and generated forms; hong.pdf fails


@pytest.fixture(params=["sqlite", "postgresql"])
def any_site(request, home, monkeypatch) -> Site:
    if request.param == "postgresql":
        monkeypatch.setenv("SANGKIEN_DATABASE_URL", request.getfixturevalue("postgres_url"))
    s = make_site(home)
    assert s.store.engine.dialect.name == request.param
    s.login()
    return s


def test_search_finds_words_with_tones_exactly_and_without_tones_loosely(any_site: Site):
    s = any_site
    assert s.count() == EXTRACTED + 1
    every_form = s.count("q=sáng kiến")  # the forms' heading; a tone-less query finds at least as many
    assert 5 <= every_form <= s.count("q=sang kien")
    assert s.count("q=SANG KIEN") == s.count("q=sang kien")
    assert s.count("q=bản đồ số") == 1 and s.count("q=ban do so") == 1 and s.count("q=BAN DO SO") == 1
    assert s.count("q=bàn đồ số") == 0 and s.count("q=bản đồ sổ") == 0  # tones typed are tones respected
    assert s.count("q=đô thị") == 1 and s.count("q=do thi") == 1  # đ folds to d
    assert s.count("q=số bản đồ") == 0  # words as a phrase, in order
    assert s.count("q=ban do so&status=approved") == 0
    assert s.count('q=" OR 1=1 --') == 0  # search syntax is never taken from the query
    page = s.client.get("/?q=ban+do+so").text
    assert "Ứng dụng bản đồ số quản lý cây xanh đô thị" in page and "Phần mềm quản lý kho" not in page

    fp = s.fingerprint("ban-do-so.docx")  # the index follows the text: re-extracted, then forgotten
    s.store.save(fp, {"text": "Ứng dụng bản đồ nhiệt trong giám sát cây xanh"})
    assert s.count("q=ban do so") == 0 and s.count("q=bản đồ nhiệt") == 1 and s.count("q=ban do nhiet") == 1
    s.store.forget(fp)
    assert s.count("q=ban do nhiet") == 0


def test_filters_sorting_paging_and_counts(site: Site, monkeypatch):
    site.login()
    assert site.count("status=failed") == 1 and site.count("status=needs_review") == EXTRACTED
    assert site.count("unit=UBND phường Hải Châu") == 2
    hai_chau = site.row("ban-do-so.docx")
    assert site.count(f"sector={hai_chau['sector_code']}") >= 2
    assert site.count(f"year={hai_chau['first_applied'][:4]}") >= 3
    low = sum(r["min_confidence"] is not None and r["min_confidence"] < 0.8 for r in site.store.rows())
    assert site.count("low=1") == low
    page = site.client.get("/").text
    assert "Theo lĩnh vực" in page and "Theo đơn vị" in page and '<table class="chart">' in page
    assert "Cải cách hành chính" in page or "Hành chính" in page

    by_amount = site.client.get("/?sort=amount_vnd&order=desc").text.split("<tbody>")[1]
    amounts = sorted((r["amount_vnd"] for r in site.store.rows() if r["amount_vnd"]), reverse=True)
    first, second = (f"{a:,}".replace(",", ".") for a in amounts[:2])
    assert by_amount.index(first) < by_amount.index(second)

    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    one, two = site.client.get("/?sort=title").text, site.client.get("/?sort=title&page=2").text
    assert "Trang 1 / 3" in one and "Trang 2 / 3" in two and "page=3" in two
    fingerprints = [row["fingerprint"] for row in site.store.rows()]
    links = [[fp for fp in fingerprints if f"/d/{fp}" in page] for page in (one, two)]
    assert len(links[0]) == 3 and len(links[1]) == 3 and not set(links[0]) & set(links[1])


def test_correct_approve_return_with_an_audit_trail(site: Site):
    site.login("minh")
    fp = site.fingerprint("kho-dien-tu.docx")
    before = site.row("kho-dien-tu.docx")
    typed = "  Phần mềm quản lý kho   vật tư điện tử "  # spaces tidied
    assert site.post(f"/d/{fp}/correct", field="title", value=typed).status_code == 303
    assert site.post(f"/d/{fp}/correct", field="benefit", value="200.000.000").status_code == 303
    assert site.post(f"/d/{fp}/correct", field="first_applied", value="3/2024").status_code == 303
    assert site.post(f"/d/{fp}/correct", field="sector", value="cong-nghiep").status_code == 303
    assert site.post(f"/d/{fp}/correct", field="unit", value=before["unit"]).status_code == 303  # unchanged: no entry
    bad = site.post(f"/d/{fp}/correct", field="first_applied", value="hôm qua")
    assert "Ngày phải có dạng" in site.client.get(bad.headers["location"]).text
    row = site.row("kho-dien-tu.docx")
    assert row["title"] == "Phần mềm quản lý kho vật tư điện tử" and row["amount_vnd"] == 200_000_000
    assert row["first_applied"] == "2024-03" and row["sector_code"] == "cong-nghiep"
    assert row["record"]["fields"]["title"] == before["record"]["fields"]["title"] | {
        "confidence": 1.0, "corrected": True, "extracted": before["title"]}  # what the extractor had found
    page = site.client.get(f"/d/{fp}").text
    assert "đã sửa" in page and "Phần mềm quản lý kho vật tư điện tử" in page

    refused = site.post(f"/d/{fp}/return", comment="  ")
    assert "cần ghi rõ lý do" in site.client.get(refused.headers["location"]).text
    assert site.row("kho-dien-tu.docx")["status"] == "needs_review"
    site.post(f"/d/{fp}/return", comment="Thiếu xác nhận của đơn vị áp dụng")
    assert site.row("kho-dien-tu.docx")["status"] == "returned"
    assert site.post(f"/d/{fp}/approve").status_code == 409  # a decided dossier is locked until reopened
    assert site.post(f"/d/{fp}/reopen").status_code == 303
    site.post(f"/d/{fp}/approve")
    assert site.row("kho-dien-tu.docx")["status"] == "approved"

    history = site.client.get(f"/d/{fp}").text.split("Lịch sử duyệt")[1]
    assert history.count("<td>minh</td>") == 7
    assert f"{before['title']} → Phần mềm quản lý kho vật tư điện tử" in history
    assert "Trả lại → Chờ duyệt" in history and "Chờ duyệt → Đã duyệt" in history
    assert "Thiếu xác nhận của đơn vị áp dụng" in history
    assert site.count("status=approved") == 1


def test_exports_follow_the_current_filter(site: Site, record_schema, tmp_path):
    site.login()
    site.post(f"/d/{site.fingerprint('ban-do-so.docx')}/return", comment="Bổ sung số liệu")
    hai_chau = "unit=UBND phường Hải Châu"

    book = openpyxl.load_workbook(io.BytesIO(site.client.get(f"/export.xlsx?{hai_chau}").content))
    sheet = book.active
    header = [c.value for c in sheet[3]]  # under the heading and the export date
    assert header == ["STT", "Tên sáng kiến", "Tác giả", "Đơn vị", "Lĩnh vực", "Ngày áp dụng lần đầu",
                      "Số tiền làm lợi (đồng)", "Trạng thái", "Ghi chú"]
    rows = [[c.value for c in line] for line in sheet.iter_rows(min_row=4)]
    assert len(rows) == 2 and [r[0] for r in rows] == [1, 2]
    returned = next(r for r in rows if r[1].startswith("Ứng dụng bản đồ số"))
    assert returned[2:4] == ["Nguyễn Văn An", "UBND phường Hải Châu"] and returned[5] == datetime(2023, 9, 5)
    assert returned[6] == 150_000_000 and returned[7] == "Trả lại" and returned[8] == "Bổ sung số liệu"
    assert sheet.freeze_panes == "A4" and sheet["A3"].font.b
    assert sheet["G4"].number_format == "#,##0" and sheet.column_dimensions["B"].width >= 40

    text = site.client.get(f"/export.csv?{hai_chau}").content
    assert text.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))) == 2
    lines = site.client.get("/export.jsonl?q=ban do so").text.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, record_schema)
    assert record["status"] == "returned" and record["source"] == "ban-do-so.docx"


    # the same council list from the command line, every dossier
    out = tmp_path / "danh-sach.xlsx"
    made = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--format", "xlsx", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert len(rows) == EXTRACTED + 1 and ("Trả lại", "Bổ sung số liệu") in {row[7:9] for row in rows}


def test_the_admin_page_hands_reruns_to_the_runtime_it_was_given(site: Site):
    """The page runs nothing itself: its rerun button calls the hook `create_app` was given (one dossier, or
    every failed one) and says how many dossiers that takes; it links to the Prefect UI the runtime names."""
    asked = []

    def rerun(fingerprint: str | None) -> int:
        asked.append(fingerprint)
        return 0 if fingerprint == "0" * 64 else 1 if fingerprint else 3

    app = create_app(site.settings, rerun=rerun, prefect_ui=lambda: "http://127.0.0.1:4299")
    page = Site(site.settings, site.store, TestClient(app))
    page.login()
    assert 'href="http://127.0.0.1:4299"' in page.client.get("/admin").text
    fp = site.fingerprint("hong.pdf")
    for fingerprint, flash in ((fp, "Đã cho chạy lại 1 hồ sơ"), ("", "Đã cho chạy lại 3 hồ sơ"),
                               ("0" * 64, "Không có hồ sơ nào để chạy lại.")):
        assert page.post("/admin/rerun", fingerprint=fingerprint).status_code == 303
        assert flash in page.client.get("/admin").text
    assert asked == [fp, None, "0" * 64]


@pytest.mark.prefect
def test_reviews_survive_a_rerun_from_the_admin_page(site: Site):
    site.login()
    fp = site.fingerprint("ban-do-so.docx")
    site.post(f"/d/{fp}/correct", field="unit", value="UBND quận Hải Châu")
    site.post(f"/d/{fp}/approve")
    extracted_at = site.row("ban-do-so.docx")["created_at"]

    with served(site) as live:  # `sangkien serve`: the rerun runs in a thread of its process
        live.login()
        assert live.post("/admin/rerun", fingerprint=fp).status_code == 303
        assert "Đã cho chạy lại 1 hồ sơ" in live.client.get("/admin").text
        deadline, rerun_log = time.monotonic() + 240, site.settings.logs / "rerun.log"
        while "processed 1" not in (rerun_log.read_text(encoding="utf-8") if rerun_log.exists() else ""):
            assert time.monotonic() < deadline, (site.settings.logs / "serve.log").read_text(encoding="utf-8")
            time.sleep(0.5)
    row = site.store.get(fp)
    assert row["created_at"] != extracted_at and row["flow_run_id"]  # extracted again, by a flow run
    assert row["unit"] == "UBND quận Hải Châu" and row["status"] == "approved"
    assert row["record"]["fields"]["unit"]["corrected"] is True
    page = site.client.get(f"/d/{fp}").text
    assert "UBND quận Hải Châu" in page and "Đã duyệt" in page


def test_detail_shows_the_source_page_with_its_box_and_the_snippet_in_the_text(site: Site):
    site.login()
    fp = site.fingerprint("hs-008.pdf")
    row = site.store.get(fp)
    title = row["record"]["fields"]["title"]
    assert title["file"] == "hs-008.pdf" and title["page"] == 1
    page = site.client.get(f"/d/{fp}").text
    assert f'src="/d/{fp}/page?file=hs-008.pdf&page=1"' in page
    marked = page.split('<mark class="current"')[1].split("</mark>")[0]
    assert row["title"].split()[-1] in marked  # the title's snippet is highlighted in the full text
    assert title["rule"] and f"Tìm từ: {explain(title['rule'])}" in unescape(page)  # why, in Vietnamese

    image = site.client.get(f"/d/{fp}/page", params={"file": "hs-008.pdf", "page": 1})
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert len(list((site.settings.home / "cache" / "pages").glob("*.png"))) == 1
    assert site.client.get(f"/d/{fp}/page", params={"file": "hs-008.pdf", "page": 99}).status_code == 404

    record = row["record"] | {"fields": row["record"]["fields"] | {"title": title | {"box": [0.1, 0.2, 0.6, 0.25]}}}
    site.store.save(fp, {"record": record})
    assert 'style="left: 10.00%; top: 20.00%; width: 50.00%; height: 5.00%"' in site.client.get(f"/d/{fp}").text

    word = site.client.get(f"/d/{site.fingerprint('ban-do-so.docx')}").text
    assert "Tệp Word không có ảnh trang" in word and "<img" not in word

    # A page whose file is no longer where the dossier says (moved, or outside the inbox and the home): said so
    site.store.save(fp, {"location": str(site.settings.home.parent / "elsewhere")})
    moved = unescape(site.client.get(f"/d/{fp}").text)
    assert "Không mở được tệp gốc “hs-008.pdf”" in moved and "Tệp Word" not in moved and "<img" not in moved


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_migration_0003_makes_earlier_dossiers_searchable(dialect, request, tmp_path):
    url = request.getfixturevalue("postgres_url") if dialect == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(engine_url(url))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        now = datetime.now(timezone.utc)
        conn.execute(text("INSERT INTO dossiers (fingerprint, name, source, status, text, ruleset_version, "
                          "created_at, updated_at) VALUES ('f' || :n, 'cu', 'cu.docx', 'needs_review', "
                          ":t, 'v1', :now, :now)"), {"n": "0" * 63, "t": "Đơn yêu cầu công nhận SÁNG KIẾN", "now": now})
    engine.dispose()
    store = Store.open(url)  # upgrades to the newest revision
    t = store.dossiers
    for query, found in (("sang kien", 1), ("sáng kiến", 1), ("don yeu cau", 1), ("săng kiến", 0)):
        with store.engine.connect() as conn:
            where = matching(t, store.engine.dialect.name, query)
            assert len(conn.execute(select(t.c.fingerprint).where(where)).all()) == found, query
    store.engine.dispose()


def test_the_page_of_a_failed_dossier_opens_with_its_reason_and_files(site: Site):
    site.login()  # an admin: the page leads to the admin page's rerun
    failed = site.row("hong.pdf")
    assert failed["status"] == "failed" and failed["error_message"]
    admin = site.client.get("/admin").text
    assert f'href="/d/{failed["fingerprint"]}"' in admin  # the admin page's link to it
    page = site.client.get(f"/d/{failed['fingerprint']}")
    assert page.status_code == 200
    assert "Không đọc được hồ sơ này" in page.text and failed["error_message"] in page.text.replace("&#34;", '"')
    files = page.text.split("Tệp gốc")[1]
    assert "hong.pdf" in files
    assert 'href="/admin"' in page.text.split("Tệp gốc")[0]
    assert "/correct" not in page.text and "/approve" not in page.text  # nothing to review in a failed dossier

    site.login("minh")  # a reviewer is told whom to ask
    page = site.client.get(f"/d/{failed['fingerprint']}")
    assert page.status_code == 200 and "báo quản trị viên" in page.text


def test_the_page_of_a_record_without_benefit_or_date_opens_with_those_fields_empty(site: Site):
    site.login()
    fp = site.fingerprint("ban-do-so.docx")
    record = site.row("ban-do-so.docx")["record"] | {"benefit": None, "first_applied": None}
    site.store.save(fp, {"record": record, "amount_vnd": None, "first_applied": None})
    page = site.client.get(f"/d/{fp}")
    assert page.status_code == 200
    benefit = page.text.split("<th>Số tiền làm lợi (đồng)</th>")[1].split("</tr>")[0]
    assert '<span class="muted">—</span>' in benefit and 'name="value" value=""' in benefit
    assert "None" not in benefit and "đồng/năm" not in benefit
    applied = page.text.split("<th>Ngày áp dụng lần đầu</th>")[1].split("</tr>")[0]
    assert "—" in applied and 'name="value" value=""' in applied
    assert site.client.get("/").status_code == 200 and site.client.get("/export.xlsx").status_code == 200


def test_search_is_one_for_both_tone_placements_and_any_unicode_form(any_site: Site):
    s = any_site
    old_style, new_style = s.fingerprint("ban-do-so.docx"), s.fingerprint("kho-dien-tu.docx")
    s.store.save(old_style, {"text": "Công trình thủy lợi và hòa giải ở cơ sở; giữ gìn sức khỏe"})
    s.store.save(new_style, {"text": "Kho vật tư của công trình thuỷ điện; quý khách tuỳ chọn"})
    for query, found in (("thủy lợi", 1), ("thuỷ lợi", 1), ("THUỶ LỢI", 1), ("hoà giải", 1), ("hòa giải", 1),
                         ("sức khoẻ", 1), ("thủy điện", 1), ("tùy chọn", 1), ("công trình thủy", 2),
                         ("công trình thuỷ", 2), ("quý khách", 1), ("qúy khách", 0), ("lợi thủy", 0)):
        assert s.count(f"q={query}") == found, query
        decomposed = unicodedata.normalize("NFD", query)
        assert decomposed != query and s.count(f"q={decomposed}") == found, f"{query} (NFD)"
    assert s.count("q=thuy loi") == 1 and s.count("q=cong trinh thuy") == 2  # tone-less as before


def test_many_words_with_two_spellings_stay_a_bounded_query():
    words = ["hòa", "thủy", "khỏe", "hóa", "tùy", "họa"]
    phrases = spellings(words)
    assert len(phrases) == MAX_SPELLINGS and phrases[0] == " ".join(words)
    assert "hoà thuỷ khoẻ hoá tùy họa" in phrases


def test_text_columns_sort_in_vietnamese_order_first_click_ascending(site: Site):
    site.login()
    authors = ["Nguyễn Văn An", "Đặng Văn Hải", "Dương Thị Lan", "Ưng Văn Bảy", "Uông Thị Hoa", "Võ Thị Tuyết",
               "Xa Văn Bình"]
    rows = [row for row in site.store.rows() if row["status"] != "failed"]
    for row, author in zip(rows, authors, strict=True):
        site.store.save(row["fingerprint"], {"lead_author": author})
    body = site.client.get("/?sort=lead_author&order=asc").text.split("<tbody>")[1]
    order = sorted(authors, key=body.index)
    assert order == ["Dương Thị Lan", "Đặng Văn Hải", "Nguyễn Văn An", "Uông Thị Hoa", "Ưng Văn Bảy",
                     "Võ Thị Tuyết", "Xa Văn Bình"]
    body = site.client.get("/?sort=lead_author&order=desc").text.split("<tbody>")[1]
    assert sorted(authors, key=body.index) == order[::-1]

    unsorted = site.client.get("/").text  # sorted by arrival: every header's first click sorts ascending
    for column in ("title", "lead_author", "unit", "status", "amount_vnd"):
        assert f'href="/?sort={column}&amp;order=asc"' in unsorted, column
    assert "aria-sort" not in unsorted.split("</thead>")[0]
    ascending = site.client.get("/?sort=title&order=asc").text.split("</thead>")[0]
    header = re.search(r'<th aria-sort="ascending"><a href="([^"]+)"[^>]*>Tên sáng kiến', ascending)
    assert header and ascending.count("aria-sort=") == 1
    descending = site.client.get(unescape(header.group(1))).text.split("</thead>")[0]  # the next click toggles
    header = re.search(r'<th aria-sort="descending"><a href="([^"]+)"[^>]*>Tên sáng kiến', descending)
    assert header and "order=asc" in header.group(1)
    links = [f">{escape(row['title'])}</a>" for row in rows if row["title"]]
    body = site.client.get("/?sort=title&order=asc").text.split("<tbody>")[1]
    assert sorted(links, key=body.index) == sorted(links, key=lambda link: sort_key(unescape(link[1:-4])))
