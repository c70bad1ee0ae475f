"""Pieces shared by every form: the national motto, letterheads, signing lines and signature blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samples.gen_blocks import Block, Para, heading, letterhead, para, table
from samples.gen_facts import Facts
from samples.gen_pools import PROVINCES
from samples.gen_values import DateText, words_date

_RIGHT_HALF = 64  # mm: signing lines and signatures sit centred in the right part of the page
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# Footnote numbers of the official TT 18/2013 annex, glued to labels in copies of it ("Kính gửi1:").
FOOTNOTES = (
    "1 Tên cơ sở được yêu cầu công nhận sáng kiến.",
    "2 Tên sáng kiến.",
    "4 Lĩnh vực có thể áp dụng sáng kiến (kỹ thuật, quản lý, tác nghiệp…).",
    "5 Ghi ngày nào sớm hơn.",
)

@dataclass
class Form:
    """A laid-out form: its blocks and the ground truth of what it says."""

    blocks: list[Block] = field(default_factory=list)
    truth: dict = field(default_factory=dict)


def word(facts: Facts, text: str, key: str | None = None) -> str:
    """The default label `text` as this dossier words it: unchanged, or (under --vary) a spelled alternative.

    `key` names the pool when it is not `text`. Alternatives that name money ('Giá trị làm lợi') or a day ('… từ
    ngày') are admitted only when the benefit states an amount or the first-applied date is written as 5/9/2023.
    """
    chosen = facts.wording.label(text, key, money=facts.benefit.amount_vnd is not None,
                                 day=facts.applied.text[:1].isdigit())
    return text if chosen is None else facts.spell(chosen)


def label(facts: Facts, text: str, shout: bool = True, **options) -> str:
    """A label (worded as `word` does) with the writer's spelling; in capitals when the dossier shouts its labels."""
    text = facts.spell(word(facts, text, **options))
    return text.upper() if shout and facts.upper_labels else text


def note(facts: Facts, number: int) -> str:
    """The footnote number glued to a label in copies of the official annex, or ''."""
    return str(number) if facts.glued_notes else ""


def motto(facts: Facts) -> list[Block]:
    """The national motto as two centred bold lines."""
    return [heading(facts.spell(MOTTO[0]), size=12.5, space_after=0.5), heading(MOTTO[1], size=13, space_after=6)]


def agency_lines(facts: Facts) -> list[str]:
    """The agency written at the top left: a parent organisation (if any) and the unit, in capitals."""
    unit = facts.unit
    region = " MIỀN TRUNG" if "miền Trung" in unit.council else " MIỀN BẮC"
    parents = {
        "evn": "TỔNG CÔNG TY ĐIỆN LỰC" + region,
        "telecom": "TẬP ĐOÀN BƯU CHÍNH VIỄN THÔNG VIỆT NAM",
        "school": f"SỞ GIÁO DỤC VÀ ĐÀO TẠO {unit.province.upper()}",
        "health": f"SỞ Y TẾ {unit.province.upper()}",
        "company": "",
    }
    parent = parents.get(unit.domain, "UBND " + (unit.locality or f"{PROVINCES[unit.province]} {unit.province}"))
    return [line for line in (parent.upper(), unit.name.upper()) if line]


def header(facts: Facts, with_agency: bool) -> list[Block]:
    """The top of a form: a two-column letterhead with the agency, or the motto alone."""
    if with_agency:
        return [letterhead(agency_lines(facts), [facts.spell(MOTTO[0]), MOTTO[1]]), para("", space_after=3)]
    return motto(facts)


def signing_line(facts: Facts, day: dt.date | None = None) -> Para:
    """'Tam Điệp, ngày 15 tháng 11 năm 2024', italic, in the right half."""
    return para(f"{facts.place}, {words_date(day or facts.signed)}", align="C", indent=_RIGHT_HALF, italic=True,
                space_after=1)


def signature(role: str, hint: str, name: str) -> list[Block]:
    """A signature block in the right half: role, '(Ký và ghi rõ họ tên)', room to sign, the name."""
    return [
        para(role, align="C", indent=_RIGHT_HALF, bold=True, space_after=0.5),
        para(hint, align="C", indent=_RIGHT_HALF, italic=True, size=12, space_after=14),
        para(name, align="C", indent=_RIGHT_HALF, bold=True),
    ]


def signature_pair(left: tuple[str, str], right: tuple[str, str]) -> Block:
    """Two signature blocks side by side (e.g. the unit's confirmation and the author), as a borderless table."""
    return table([[left[0], right[0]], ["", ""], ["", ""], [left[1], right[1]]], [50, 50], header_rows=4,
                 borders=False, align="C", size=12.5)


def footnotes(facts: Facts) -> list[Block]:
    """The annex's footnote texts, written at the end when the labels carry glued numbers."""
    if not facts.glued_notes:
        return []
    return [para(text, size=10, italic=True, space_after=0.5) for text in FOOTNOTES]


def applied_phrase(date: DateText) -> str:
    """The first-applied date inside a sentence: 'từ tháng 9 năm 2022', 'trong năm học …', 'ngày 05/9/2022'."""
    text = date.text
    if text.startswith("Từ "):
        return "t" + text[1:]
    if text.startswith("tháng"):
        return "từ " + text
    if text.startswith("năm học"):
        return "trong " + text
    return text if text.startswith("ngày") else "ngày " + text


def lead_name(facts: Facts) -> str:
    """The lead author's name as signed (no honorific)."""
    return facts.authors[0].name
