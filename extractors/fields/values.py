"""Pure parsers for the notations Vietnamese dossiers use: money, dates, percentages, person names.

All take original (NFC) text and work on its folded view, so "150 TRIỆU ĐỒNG" and OCR's "150 triêu đông"
parse alike. Dot groups thousands and comma is the decimal mark ("1.250.000.000 đ", "1,25 tỷ đồng"); a dot before one
or two digits and a scale word is a decimal point ("1.6 tỷ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.fold import fold

# Dot groups thousands, comma is the decimal mark; but a dot before one or two digits and a scale word ("1.6 tỷ",
# "12.5 triệu", as software and English-trained writers put it) can only be a decimal point.
_NUMBER = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?=\s*(?:ty|trieu|nghin|ngan)(?![a-z]))|\d+(?:,\d+)?)"
_CURRENCY = r"(?:dong|vnd|d)(?![a-z])"
# (a speck OCR reads as a full stop may sit between a grouped figure and its currency: "672.300.000. VNĐ/năm";
# not after a year: "Năm 2023. Đồng thời …")
# OCR reads a lone "đ" as "ở": only after a figure grouped in millions is that the currency ("122.000.000 ở").
_OCR_DONG = r"(?<=\d\.\d{3}\.\d{3})\s*o(?![a-z])"
_MONEY = re.compile(_NUMBER + r"(?:(?:(?<=\.\d{3})\.)?\s*"
                    + r"(?:(ty|trieu|nghin|ngan)(?![a-z])(?:\s*" + _CURRENCY + ")?|" + _CURRENCY + ")|"
                    + _OCR_DONG + ")")
_SCALE = {"ty": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}


@dataclass(frozen=True)
class Money:
    """An amount in đồng and where it was written (character span in the source text)."""

    amount: int
    start: int
    end: int


def _to_number(digits: str) -> float:
    if re.fullmatch(r"\d+\.\d{1,2}", digits):  # the decimal point _NUMBER lets through
        return float(digits)
    return float(digits.replace(".", "").replace(",", "."))


def find_money(text: str) -> list[Money]:
    """Every money mention in `text`, in order."""
    found = []
    for m in _MONEY.finditer(fold(text)):
        number = _to_number(m.group(1))
        found.append(Money(round(number * _SCALE.get(m.group(2), 1)), m.start(), m.end()))
    return found


_MONTH_WORD = r"th?a?n?g"  # "tháng", and the typo "tng"
_GAP = r"[\s.,_–-]*"  # between the words of a date: OCR reads a speck or a rule as "_" or "-" ("tháng 7_năm")
_DATE_PATTERNS = [  # (regex, which groups are day/month/year) — most precise first
    (re.compile(r"ngay[\s'`\"‘’“”.,:]*(\d{1,2})" + _GAP + _MONTH_WORD + _GAP + r"(\d{1,2})" + _GAP
                + r"nam\s*(\d{4})"), "dmy"),
    # the same with the month word damaged by OCR ("ngày 08 Tin 9 năm 2022")
    (re.compile(r"ngay\s*(\d{1,2})\s+[a-z]{1,6}\s+(\d{1,2})\s*nam\s*(\d{4})"), "dmy"),
    (re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)"), "dmy"),
    (re.compile(r"thang" + _GAP + r"(\d{1,2})[\s.,_]*(?:/|nam|-)\s*(\d{4})"), "my"),
    (re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?!\d)"), "my"),
    (re.compile(r"(?<![\d/.,])(\d{1,2})\.(\d{4})(?![\d.,])"), "my"),  # "09.2023" as a register writes it
    (re.compile(r"nam\s+hoc\s*(\d{4})"), "y"),
    (re.compile(r"(?:nam|tu|vao)\s+(\d{4})(?!\d)"), "y"),
]


def parse_date(text: str) -> tuple[str, int, int] | None:
    """The first date in `text` as (`YYYY-MM-DD` | `YYYY-MM` | `YYYY`, start, end), or None.

    The earliest mention wins; at the same place the most precise notation wins.
    """
    found = find_dates(text)
    return found[0] if found else None


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Every date in `text`, in order, as `parse_date` gives them; a notation inside a more precise one at the same
    place ("năm 2023" in "ngày 5 tháng 9 năm 2023") is not a date of its own."""
    folded = fold(text)
    matches = []
    for rank, (regex, order) in enumerate(_DATE_PATTERNS):
        for m in regex.finditer(folded):
            value = _format_date(dict(zip(order, (int(g) for g in m.groups()))))
            if value:
                matches.append((m.start(), rank, value, m.end()))
    found: list[tuple[str, int, int]] = []
    for start, _, value, end in sorted(matches):
        if not found or start >= found[-1][2]:
            found.append((value, start, end))
    return found


def _format_date(parts: dict[str, int]) -> str | None:
    year, month, day = parts["y"], parts.get("m"), parts.get("d")
    if not 1900 <= year <= 2100 or (month and not 1 <= month <= 12) or (day and not 1 <= day <= 31):
        return None
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")


def parse_percent(text: str) -> float | None:
    """'60%' / '33,3 %' → 60.0 / 33.3; None when absent or out of range."""
    m = _PERCENT.search(text) or re.fullmatch(r"\s*(\d{1,3}(?:[.,]\d+)?)\s*", text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    return value if 0 <= value <= 100 else None


def clean_name(text: str, honorifics: re.Pattern) -> str:
    """A person's name without honorifics, row numbers, trailing punctuation or extra spaces."""
    text = re.sub(r"^\s*\d+[.)]?\s+", "", text)
    m = honorifics.match(fold(text))
    if m:
        text = text[m.end():]
    # OCR specks: "Văn . Quang", "Thuỷ _", a lone small letter after the name ("Lã Văn Kiên ï"); a lone capital
    # stays (the example name "Nguyễn Văn A" is judged a placeholder later).
    words = [w for w in text.strip(" .,;:-–_|").split() if re.search(r"[^\W_]", w)]
    while len(words) > 2 and len(words[-1]) == 1 and not words[-1].isupper():
        words.pop()
    return " ".join(words)


def split_names(text: str) -> list[str]:
    """'A, B và C' → ['A', 'B', 'C']."""
    parts = re.split(r"\s*(?:,|;|\svà\s|\sva\s)\s*", text)
    return [p for p in (p.strip() for p in parts) if p]


def looks_like_name(text: str) -> bool:
    """2–6 capitalised words with no digits: the shape of a Vietnamese full name."""
    words = text.split()
    return 2 <= len(words) <= 6 and not re.search(r"\d", text) and all(w[:1].isupper() for w in words)
