"""Exports of stored records: the contract's JSONL, a flat CSV for spreadsheets, and the council's XLSX list."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from pipeline.labels import STATUS_LABELS, vn_date

CONTRACT_KEYS = ("dossier", "source", "status", "title", "authors", "unit", "sector", "first_applied", "benefit",
                 "addressee", "fields", "error")
CSV_COLUMNS = ("dossier", "source", "status", "title", "authors", "unit", "sector_code", "sector_label",
               "sector_raw", "first_applied", "amount_vnd", "per_year", "addressee", "min_confidence", "error")


def contract_record(row: dict) -> dict:
    """The contract's record for a stored row; the row's status wins (reviews change it)."""
    record = dict(row["record"] or {})
    record["status"] = row["status"]
    return {key: record.get(key) for key in CONTRACT_KEYS} | {"authors": record.get("authors") or [],
                                                               "fields": record.get("fields") or {}}


def _flat(record: dict, min_confidence: float | None) -> dict:
    sector, benefit, error = record["sector"] or {}, record["benefit"] or {}, record["error"] or {}
    return {
        "dossier": record["dossier"], "source": record["source"], "status": record["status"],
        "title": record["title"], "authors": "; ".join(a["name"] for a in record["authors"]), "unit": record["unit"],
        "sector_code": sector.get("code"), "sector_label": sector.get("label"), "sector_raw": sector.get("raw"),
        "first_applied": record["first_applied"], "amount_vnd": benefit.get("amount_vnd"),
        "per_year": benefit.get("per_year"), "addressee": record["addressee"], "min_confidence": min_confidence,
        "error": error.get("message"),
    }


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(contract_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(_flat(contract_record(row), row.get("min_confidence")))
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}
ENCODINGS = {"jsonl": "utf-8", "csv": "utf-8-sig"}  # CSV with a BOM so Excel shows Vietnamese correctly


def export_bytes(rows: Iterable[dict], fmt: str, decisions: dict[str, dict] | None = None) -> tuple[bytes, int]:
    """`rows` as a file of `fmt` (jsonl, csv or xlsx; `decisions` fill the XLSX's "Ghi chú"), and their count."""
    if fmt == "xlsx":
        binary = io.BytesIO()
        count = write_xlsx(rows, binary, decisions)
        return binary.getvalue(), count
    out = io.StringIO(newline="")
    count = WRITERS[fmt](rows, out)
    return out.getvalue().encode(ENCODINGS[fmt]), count


def export_file(rows: Iterable[dict], fmt: str, path: Path, decisions: dict[str, dict] | None = None) -> int:
    """Write `rows` as `fmt` to `path`; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body, count = export_bytes(rows, fmt, decisions)
    path.write_bytes(body)
    return count


# The council's list: (header, width in characters, cell value of a contract record and its decision).
COUNCIL_COLUMNS = (
    ("STT", 6, None),
    ("Tên sáng kiến", 50, lambda r, d: r["title"]),
    ("Tác giả", 28, lambda r, d: ", ".join(a["name"] for a in r["authors"])),
    ("Đơn vị", 34, lambda r, d: r["unit"]),
    ("Lĩnh vực", 26, lambda r, d: (r["sector"] or {}).get("label")),
    ("Ngày áp dụng lần đầu", 14, lambda r, d: vn_date(r["first_applied"]) or None),
    ("Số tiền làm lợi (đồng)", 18, lambda r, d: (r["benefit"] or {}).get("amount_vnd")),
    ("Trạng thái", 12, lambda r, d: STATUS_LABELS.get(r["status"], r["status"])),
    ("Ghi chú", 40, lambda r, d: (d or {}).get("comment") or (r["error"] or {}).get("message")),
)


def write_xlsx(rows: Iterable[dict], out: BinaryIO, decisions: dict[str, dict] | None = None) -> int:
    """The council's list as an Excel sheet: bold frozen header, set widths, wrapped titles, `#,##0` amounts.

    Dates are written as text (dd/mm/yyyy): a dossier may give only a month or a year."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách sáng kiến"
    sheet.append([header for header, _, _ in COUNCIL_COLUMNS])
    count = 0
    for count, row in enumerate(rows, start=1):
        record, decision = contract_record(row), (decisions or {}).get(row["fingerprint"])
        sheet.append([count] + [value(record, decision) for _, _, value in COUNCIL_COLUMNS[1:]])
    for index, (_, width, _) in enumerate(COUNCIL_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    top = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = top
        line[6].number_format = "#,##0"
    sheet.freeze_panes = "A2"
    book.save(out)
    return count
