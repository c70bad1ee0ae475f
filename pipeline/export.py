"""Exports of stored records: the contract's JSONL (machine data: English keys and status codes, plus the reviewer's
decision under `review`), a CSV a secretary opens in Excel and the council's XLSX list (both in Vietnamese).

Dossier text is an attacker's: no spreadsheet cell may become a formula (OWASP's CSV injection). XLSX text cells
are stored as strings whatever they begin with; CSV text cells that Excel would read as a formula get a `'`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import BinaryIO, TextIO

from extractors.record import CONTRACT_KEYS, amount_vnd, part
from pipeline.labels import FIELD_LABELS, STATUS_LABELS, vn_date, when

Links = dict[str, list[dict]] | None  # fingerprint → [{"dossier", "score", "kind"}] (pipeline.similar.links)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula


def contract_record(row: dict) -> dict:
    """The contract's record for a stored row; the row's status wins (reviews change it)."""
    record = dict(row["record"] or {})
    record["status"] = row["status"]
    return {key: record.get(key) for key in CONTRACT_KEYS} | {"authors": record.get("authors") or [],
                                                               "fields": record.get("fields") or {}}


@dataclass(frozen=True)
class Line:
    """One exported dossier: its contract record, the reviewer's decision in force (or None), its lowest confidence."""

    record: dict
    decision: dict | None
    min_confidence: float | None
    similar: list[dict]  # pipeline.similar.links: the dossiers it resembles

    @classmethod
    def of(cls, row: dict, decisions: dict[str, dict] | None, links: Links = None) -> "Line":
        decision = (decisions or {}).get(row["fingerprint"])
        # A decision left from before a rerun that failed no longer describes the dossier.
        in_force = decision if decision and decision["status"] == row["status"] else None
        return cls(contract_record(row), in_force, row.get("min_confidence"), (links or {}).get(row["fingerprint"], []))

    def part(self, key: str) -> dict:
        return part(self.record, key)

    def authors(self, separator: str) -> str:
        return separator.join(author["name"] for author in self.record["authors"])

    def status(self) -> str:
        return STATUS_LABELS.get(self.record["status"], self.record["status"])

    def note(self) -> str | None:
        """The reviewer's comment (a return's reason), else a failed dossier's error message."""
        return (self.decision or {}).get("comment") or self.part("error").get("message")

    def review(self) -> dict | None:
        if not self.decision:
            return None
        return {"by": self.decision["username"], "at": _utc(self.decision["at"]).isoformat(timespec="seconds"),
                "comment": self.decision["comment"]}


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite gives stored UTC back naive


def _first_applied_day(line: Line) -> date | str | None:
    """A full date as a real date; a month or a year alone is not a day, so it stays text (`09/2023`)."""
    value = line.record["first_applied"]
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else vn_date(value) or None
    except ValueError:
        return vn_date(value)


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "Có" if value else "Không"


Cell = Callable[[Line], object]
# The secretary's CSV: every field of the record a person reads, then the review.
CSV_COLUMNS: tuple[tuple[str, Cell], ...] = (
    ("Tên hồ sơ", lambda x: x.record["dossier"]),
    ("Tệp hoặc thư mục nộp", lambda x: x.record["source"]),
    (FIELD_LABELS["status"], Line.status),
    (FIELD_LABELS["title"], lambda x: x.record["title"]),
    (FIELD_LABELS["authors"], lambda x: x.authors("; ")),
    (FIELD_LABELS["unit"], lambda x: x.record["unit"]),
    ("Mã lĩnh vực", lambda x: x.part("sector").get("code")),
    (FIELD_LABELS["sector"], lambda x: x.part("sector").get("label")),
    ("Lĩnh vực ghi trong hồ sơ", lambda x: x.part("sector").get("raw")),
    (FIELD_LABELS["first_applied"], lambda x: vn_date(x.record["first_applied"])),
    (FIELD_LABELS["benefit"], lambda x: amount_vnd(x.record)),
    ("Làm lợi mỗi năm", lambda x: _yes_no(x.part("benefit").get("per_year"))),
    (FIELD_LABELS["addressee"], lambda x: x.record["addressee"]),
    ("Độ tin cậy thấp nhất (%)", lambda x: _percent(x.min_confidence)),
    ("Lỗi", lambda x: x.part("error").get("message")),
    ("Người duyệt", lambda x: (x.decision or {}).get("username")),
    ("Thời điểm duyệt", lambda x: when((x.decision or {}).get("at"))),
    ("Lý do trả lại / Ghi chú", lambda x: (x.decision or {}).get("comment")),
    ("Có thể trùng lặp với", lambda x: "; ".join(f"{s['dossier']} ({round(s['score'] * 100)}%)" for s in x.similar)
     or None),
)


def csv_cell(value: object) -> object:
    """A CSV cell that Excel will not run: text that could start a formula gets a leading `'` (OWASP)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_jsonl(rows: Iterable[dict], out: TextIO, decisions: dict[str, dict] | None = None,
                links: Links = None) -> int:
    count = 0
    for row in rows:
        line = Line.of(row, decisions, links)
        out.write(json.dumps(line.record | {"review": line.review(), "similar": line.similar},
                             ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict], out: TextIO, decisions: dict[str, dict] | None = None,
              links: Links = None) -> int:
    writer = csv.writer(out)
    writer.writerow([header for header, _ in CSV_COLUMNS])
    count = 0
    for row in rows:
        line = Line.of(row, decisions, links)
        writer.writerow([csv_cell(cell(line)) for _, cell in CSV_COLUMNS])
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}
ENCODINGS = {"jsonl": "utf-8", "csv": "utf-8-sig"}  # CSV with a BOM so Excel shows Vietnamese correctly


def export_bytes(rows: Iterable[dict], fmt: str, decisions: dict[str, dict] | None = None,
                 links: Links = None) -> tuple[bytes, int]:
    """`rows` as a file of `fmt` (jsonl, csv or xlsx) with the reviewers' `decisions` and the dossiers each
    resembles (`links`), and their count."""
    if fmt == "xlsx":
        binary = io.BytesIO()
        count = write_xlsx(rows, binary, decisions)
        return binary.getvalue(), count
    out = io.StringIO(newline="")
    count = WRITERS[fmt](rows, out, decisions, links)
    return out.getvalue().encode(ENCODINGS[fmt]), count


def export_file(rows: Iterable[dict], fmt: str, path: Path, decisions: dict[str, dict] | None = None,
                links: Links = None) -> int:
    """Write `rows` as `fmt` to `path`; returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body, count = export_bytes(rows, fmt, decisions, links)
    path.write_bytes(body)
    return count


@dataclass(frozen=True)
class CouncilColumn:
    header: str
    width: int  # characters
    cell: Cell | None  # None: the row's number (STT)
    number_format: str | None = None  # for dates and numbers; text cells are plain


COUNCIL_TITLE = "DANH SÁCH SÁNG KIẾN ĐỀ NGHỊ CÔNG NHẬN"
COUNCIL_COLUMNS = (
    CouncilColumn("STT", 6, None),
    CouncilColumn(FIELD_LABELS["title"], 50, lambda x: x.record["title"]),
    CouncilColumn(FIELD_LABELS["authors"], 28, lambda x: x.authors(", ")),
    CouncilColumn(FIELD_LABELS["unit"], 34, lambda x: x.record["unit"]),
    CouncilColumn(FIELD_LABELS["sector"], 26, lambda x: x.part("sector").get("label")),
    CouncilColumn(FIELD_LABELS["first_applied"], 14, _first_applied_day, "dd/mm/yyyy"),
    CouncilColumn(FIELD_LABELS["benefit"], 18, lambda x: amount_vnd(x.record), "#,##0"),
    CouncilColumn(FIELD_LABELS["status"], 12, Line.status),
    CouncilColumn("Ghi chú", 40, Line.note),
)
HEADER_ROW = 3  # under the title and the export date


def write_xlsx(rows: Iterable[dict], out: BinaryIO, decisions: dict[str, dict] | None = None,
               exported: datetime | None = None) -> int:
    """The council's list as an Excel sheet: a title and the export date above a table with a bold frozen header
    and an autofilter, set widths, wrapped text, `#,##0` amounts and real dates (`dd/mm/yyyy`)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách sáng kiến"
    last = get_column_letter(len(COUNCIL_COLUMNS))
    sheet["A1"], sheet["A2"] = COUNCIL_TITLE, f"Xuất ngày {(exported or datetime.now()).strftime('%d/%m/%Y %H:%M')}"
    sheet["A1"].font, sheet["A2"].font = Font(bold=True, size=14), Font(italic=True)
    for row in (1, 2):
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet[f"A{row}"].alignment = Alignment(horizontal="center")
    for index, column in enumerate(COUNCIL_COLUMNS, start=1):
        header = sheet.cell(HEADER_ROW, index, column.header)
        header.font, header.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    top, count = Alignment(wrap_text=True, vertical="top"), 0
    for count, row in enumerate(rows, start=1):
        line = Line.of(row, decisions)
        for index, column in enumerate(COUNCIL_COLUMNS, start=1):
            value = count if column.cell is None else column.cell(line)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters openpyxl refuses
            cell = sheet.cell(HEADER_ROW + count, index, value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, even when the text begins with "="
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
            cell.alignment = top
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # printed, every page repeats the header
    sheet.page_setup.orientation = "landscape"
    book.save(out)
    return count
