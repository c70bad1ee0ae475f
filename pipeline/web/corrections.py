"""What a reviewer types into a field's box, turned into the contract's value (and back, to fill the box).

A value that cannot be understood, or that no real dossier has (31/02, an empty title, a title of thousands of
characters, an amount beyond any initiative's), raises `ValueError` with a Vietnamese message for the page.
Authors can be declared unknown ("không rõ"): stored as an empty list in a reviewer's correction, which the
page tells apart from an extraction that found none by the field's `corrected` mark.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from extractors.fields.ruleset import sectors
from extractors.fold import squash
from extractors.record import amount_vnd, part
from pipeline.labels import sector_label, vn_date, vn_money

_DATE = re.compile(r"^(?:(?:(\d{1,2})/)?(\d{1,2})/)?(\d{4})$")
AUTHOR_KEYS = ("name", "birth_date", "workplace", "position", "qualification", "contribution_pct")
MAX_LENGTH = {"title": 500, "unit": 300, "addressee": 300, "author": 100}  # characters, spaces tidied
MAX_AUTHORS = 30
MAX_AMOUNT_VND = 10**13  # 10.000 tỷ đồng: far above any initiative's yearly benefit, far below a typo's
FIRST_YEAR = 1900
UNKNOWN_AUTHORS = "không rõ"


def _text(raw: str, limit: str, required: bool = False) -> str | None:
    """The text with spaces tidied, within MAX_LENGTH[limit]; None when empty and not `required`."""
    value = " ".join(unicodedata.normalize("NFC", raw).split()) or None
    if value is None and required:
        raise ValueError("Không được để trống.")
    if value and len(value) > MAX_LENGTH[limit]:
        raise ValueError(f"Dài quá {MAX_LENGTH[limit]} ký tự (đang có {len(value)}).")
    return value


def _date(raw: str) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    iso = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", raw)
    found = _DATE.match(raw)
    if iso:
        year, month, day = iso.groups()
    elif found:
        day, month, year = found.groups()
    else:
        raise ValueError("Ngày phải có dạng ngày/tháng/năm, tháng/năm hoặc năm (ví dụ 05/09/2023).")
    last_year = date.today().year + 1
    if not FIRST_YEAR <= int(year) <= last_year:
        raise ValueError(f"Năm phải từ {FIRST_YEAR} đến {last_year}.")
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("Ngày này không có trên lịch (ví dụ 31/02 hay tháng 13).") from None
    return "-".join(part for part in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if part)


def _amount(raw: str) -> int | None:
    digits = re.sub(r"đồng|[\s.,đ]", "", raw.strip().lower())  # "đồng" before its "đ"
    if not digits:
        return None
    if not digits.isdigit():
        raise ValueError("Số tiền chỉ gồm chữ số (ví dụ 150.000.000).")
    if int(digits) > MAX_AMOUNT_VND:
        raise ValueError(f"Số tiền quá lớn (tối đa {vn_money(MAX_AMOUNT_VND)} đồng).")
    return int(digits)


def _authors(raw: str, current: list[dict]) -> list[dict]:
    """One author a line, lead author first; "không rõ" alone says the authors are unknown (an empty list)."""
    names = [name for name in (_text(line, "author") for line in raw.splitlines()) if name]
    if len(names) == 1 and squash(names[0]) == squash(UNKNOWN_AUTHORS):
        return []
    if not names:
        raise ValueError(f"Cần ít nhất một tác giả; nếu không rõ, hãy ghi “{UNKNOWN_AUTHORS}”.")
    if len(names) > MAX_AUTHORS:
        raise ValueError(f"Nhiều nhất {MAX_AUTHORS} tác giả.")
    return [(current[i] if i < len(current) else dict.fromkeys(AUTHOR_KEYS)) | {"name": name}
            for i, name in enumerate(names)]


def authors_unknown(record: dict) -> bool:
    """True when a reviewer declared the authors unknown (not merely none found by extraction)."""
    return not record.get("authors") and bool(((record.get("fields") or {}).get("authors") or {}).get("corrected"))


def _sector(raw: str, current: dict) -> dict:
    code = raw.strip()
    if code not in {s.code for s in sectors().sectors}:
        raise ValueError("Lĩnh vực không có trong danh mục.")
    return {"code": code, "label": sector_label(code), "raw": part(current, "sector").get("raw")}


def _benefit(raw: str, current: dict) -> dict:
    return (current.get("benefit") or {"text": None, "per_year": None}) | {"amount_vnd": _amount(raw)}


PARSERS = {  # field: (the reviewer's text, the current record) → the field's new value
    "title": lambda raw, _: _text(raw, "title", required=True),
    "unit": lambda raw, _: _text(raw, "unit"),
    "addressee": lambda raw, _: _text(raw, "addressee"),
    "first_applied": lambda raw, _: _date(raw),
    "authors": lambda raw, current: _authors(raw, current.get("authors") or []),
    "sector": _sector,
    "benefit": _benefit,
}


def parse(field: str, raw: str, current: dict):
    """The new value of `field` of the record `current` from the reviewer's text."""
    if field not in PARSERS:
        raise ValueError("Trường này không sửa được.")
    return PARSERS[field](raw, current)


def shown(field: str, record: dict) -> str:
    """The value of `field` as the reviewer reads and edits it."""
    value = record.get(field)
    if field == "authors":
        return UNKNOWN_AUTHORS if authors_unknown(record) else "\n".join(a["name"] for a in value or [])
    if field == "sector":
        return part(record, "sector").get("code") or ""
    if field == "first_applied":
        return vn_date(value)
    if field == "benefit":
        return vn_money(amount_vnd(record))
    return value or ""
