"""What a reviewer types into a field's box, turned into the contract's value (and back, to fill the box).

A value that cannot be understood raises `ValueError` with a Vietnamese message for the page.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.fields.ruleset import sectors
from pipeline.labels import sector_label, vn_date, vn_money

_DATE = re.compile(r"^(?:(?:(\d{1,2})/)?(\d{1,2})/)?(\d{4})$")
AUTHOR_KEYS = ("name", "birth_date", "workplace", "position", "qualification", "contribution_pct")


def _text(raw: str) -> str | None:
    return " ".join(unicodedata.normalize("NFC", raw).split()) or None


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
    if (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        raise ValueError("Ngày hoặc tháng không hợp lệ.")
    return "-".join(part for part in (year, month and f"{int(month):02d}", day and f"{int(day):02d}") if part)


def _amount(raw: str) -> int | None:
    digits = re.sub(r"[\s.,đ]|đồng", "", raw.strip().lower())
    if not digits:
        return None
    if not digits.isdigit():
        raise ValueError("Số tiền chỉ gồm chữ số (ví dụ 150.000.000).")
    return int(digits)


def parse(field: str, raw: str, current: dict):
    """The new value of `field` of the record `current` from the reviewer's text."""
    if field in ("title", "unit", "addressee"):
        return _text(raw)
    if field == "first_applied":
        return _date(raw)
    if field == "authors":
        old = current.get("authors") or []
        names = [name for name in (_text(line) for line in raw.splitlines()) if name]
        return [(old[i] if i < len(old) else dict.fromkeys(AUTHOR_KEYS)) | {"name": name}
                for i, name in enumerate(names)]
    if field == "sector":
        code = raw.strip()
        if code not in {s.code for s in sectors().sectors}:
            raise ValueError("Lĩnh vực không có trong danh mục.")
        return {"code": code, "label": sector_label(code), "raw": (current.get("sector") or {}).get("raw")}
    if field == "benefit":
        benefit = current.get("benefit") or {"text": None, "per_year": None}
        return benefit | {"amount_vnd": _amount(raw)}
    raise ValueError("Trường này không sửa được.")


def shown(field: str, record: dict) -> str:
    """The value of `field` as the reviewer reads and edits it."""
    value = record.get(field)
    if field == "authors":
        return "\n".join(a["name"] for a in value or [])
    if field == "sector":
        return (value or {}).get("code") or ""
    if field == "first_applied":
        return vn_date(value)
    if field == "benefit":
        return vn_money((value or {}).get("amount_vnd"))
    return value or ""
