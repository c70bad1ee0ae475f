"""The issuing unit in the letterhead of a document's first page (Decree 30/2020 layout).

The letterhead's left column names the parent body (cơ quan chủ quản) above the unit: "SỞ GIÁO DỤC VÀ ĐÀO TẠO X" /
"TRƯỜNG THPT Y". Readers give it as a borderless two-column table (the left cell), or merge both columns onto one
line ("TRƯỜNG THPT Y   Độc lập - Tự do - Hạnh phúc"), and wrap long names over lines. The unit is the last part
that starts with a unit head word, with the lines it wrapped onto; separator rules and the motto are cut away.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.fields.casing import proper_case
from extractors.fields.known_phrases import ocr_respelt
from extractors.fields.lines import Ref, clean_text, in_capitals
from extractors.fields.unit_debris import without_trailing_debris
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold

_JOINS = ("-", "–", ",", "&")  # a line ending so goes on on the next one
_JOIN_WORDS = ("va",)


@dataclass(frozen=True)
class Found:
    """A unit as some strategy read it, the lines it was read from, and the strategy's rule id."""

    value: str
    refs: tuple[Ref, ...]
    rule_id: str


def _left_column(ref: Ref) -> str:
    """The letterhead's left part of a line: the first cell, or the text before the motto, without rules."""
    rules = unit_sources().letterhead
    text = clean_text(ref.line.cells[0] if ref.line.cells else ref.text)
    motto = rules.rx("motto").search(fold(text))
    text = text[:motto.start()] if motto else text
    if rules.rx("separator").fullmatch(fold(text)):
        return ""
    return without_trailing_debris(rules.rx("separator").sub("", text).strip())


def _pieces(page: list[Ref]) -> list[tuple[str, Ref]]:
    """The left-column texts at the top of a page, up to the document's heading or first label."""
    rules = unit_sources().letterhead
    pieces = []
    for ref in page[:rules.max_lines]:
        text = _left_column(ref)
        if not text:
            continue
        folded = fold(text)
        prefix = rules.rx("prefix").match(folded)
        if prefix and unit_sources().starts_unit(folded[prefix.end():]):
            return [(text[prefix.end():], ref)]  # "Đơn vị Phòng X": the cover says which line is the unit
        if rules.rx("stop").match(folded):
            break
        capitals = _leading_capitals(text)
        if capitals != text and unit_sources().rx("unnamed_end").match(fold(capitals)):
            continue  # "TỔNG CÔNG TY Ho 0 LỰC": OCR broke the name after its kind; the lines below still count
        if capitals:
            pieces.append((capitals, ref))
        if capitals != text:  # what follows in lower case is the other column's debris, or the document itself
            break
    return pieces


def _leading_capitals(text: str) -> str:
    """The words in capitals (or without letters) a line starts with."""
    words = text.split()
    count = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w) and not in_capitals(w)), len(words))
    return text if count == len(words) else " ".join(words[:count])


def _goes_on(text: str) -> bool:
    """Whether a line ends mid-name ("… CỨU NẠN," / "… THÔNG TIN -" / "… VÀ" / "… - CÔNG TY"): the next line is
    its rest."""
    words = fold(text).split()
    return (text.rstrip().endswith(_JOINS) or bool(words) and words[-1] in _JOIN_WORDS
            or bool(unit_sources().letterhead.rx("open_end").search(fold(text))))


def _unit(pieces: list[tuple[str, Ref]]) -> tuple[str, tuple[Ref, ...]] | None:
    """The last name that starts with a unit head word, with its wrapped lines."""
    starts = [i for i, (text, _) in enumerate(pieces)
              if unit_sources().starts_unit(fold(text)) and (i == 0 or not _goes_on(pieces[i - 1][0]))]
    if not starts:
        return None
    chosen = pieces[starts[-1]:]
    return " ".join(" ".join(text.split()) for text, _ in chosen), tuple(ref for _, ref in chosen)


def letterhead_units(refs: list[Ref]) -> list[Found]:
    """The unit of each document's first-page letterhead, in document order."""
    found, seen = [], set()
    for ref in refs:
        if ref.file in seen:
            continue
        seen.add(ref.file)  # the first line of a file: the top of its first page
        page = [r for r in refs[ref.index: ref.index + unit_sources().letterhead.max_lines]
                if r.file == ref.file and r.page == ref.page]
        unit = _unit(_pieces(page))
        if unit:
            found.append(Found(proper_case(ocr_respelt(*unit)).strip(" .,;:"), unit[1], "unit-letterhead"))
    return found
