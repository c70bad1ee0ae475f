"""The unit at the end of a title: "… tại Công ty Cổ phần X", "… ở trường THCS Y", "… (tác giả, @THPT Z)".

Only a tail that reads as a name counts: after its head word every word is a proper name's syllable, a number, an
abbreviation or a common noun of unit names ("mầm non", "phường"); a locality above the commune written after the
name without a comma, or a school year, is cut off.
"""

from __future__ import annotations

from extractors.fields.casing import phrase_words, proper_case
from extractors.fields.letterhead import Found
from extractors.fields.lines import Extracted, Ref
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold


def _reads_as_name(unit: str) -> bool:
    words = unit.replace(",", " ").split()[1:]
    return all(w[:1].isupper() or w[:1].isdigit() or fold(w) in phrase_words() for w in words)


def tail_unit(title: str) -> str | None:
    """The unit a title ends with, or None."""
    rules = unit_sources().title_tail
    folded = fold(title)
    match = rules.rx("pattern").search(folded)
    if not match:
        return None
    start, end = match.span("unit")
    trailing = rules.rx("trailing").search(folded, start, end)
    unit = title[start: trailing.start() if trailing else end].strip(" .,;:")
    if not _reads_as_name(unit):
        return None
    unit = proper_case(unit)
    return unit[:1].upper() + unit[1:]


def title_tail_units(title: Extracted, refs: list[Ref]) -> list[Found]:
    """The unit at the end of the extracted title (or of the line it was read from, brackets included)."""
    line = next((r for r in refs if r.file == title.file and r.page == title.page and r.text[:200] == title.snippet),
                None)
    for text in (title.value, title.snippet):
        unit = tail_unit(text) if text else None
        if unit:
            return [Found(unit, (line,) if line else (), "unit-title-tail")]
    return []
