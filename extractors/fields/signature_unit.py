"""The unit named in a signing block: "XÁC NHẬN CỦA TRƯỜNG THCS X", "TM. UBND XÃ Y", "GIÁM ĐỐC BỆNH VIỆN Z".

Signing blocks sit side by side in a borderless table (one cell each) or merged onto one line with the other
column's role ("… TÁC GIẢ"), and long names wrap onto the next line in capitals. A block that names no unit
("THỦ TRƯỞNG ĐƠN VỊ", "HIỆU TRƯỞNG") gives nothing.
"""

from __future__ import annotations

from extractors.fields.casing import proper_case
from extractors.fields.known_phrases import ocr_respelt
from extractors.fields.letterhead import Found
from extractors.fields.lines import Ref, clean_text, in_capitals
from extractors.fields.unit_debris import without_trailing_debris
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold


def _wrapped(refs: list[Ref], ref: Ref, text: str) -> tuple[str, list[Ref]]:
    """The name with the capitalised line it wrapped onto (not a hint in brackets, not a new block)."""
    rules = unit_sources().signature
    nxt = refs[ref.index + 1] if ref.index + 1 < len(refs) else None
    if nxt is None or nxt.line.cells or ref.line.cells:
        return text, [ref]
    more = " " + clean_text(nxt.text)
    other = rules.rx("other_column").search(fold(more))  # the pattern reads folded text; the cut keeps places
    more = without_trailing_debris(more[:other.start()] if other else more).strip()
    if not more or not in_capitals(more) or rules.rx("lead").match(fold(more)) or len(more.split()) > 6:
        return text, [ref]
    return f"{text} {more}", [ref, nxt]


def _named(refs: list[Ref], ref: Ref, text: str) -> Found | None:
    rules = unit_sources().signature
    folded = fold(text)
    lead = rules.rx("lead").match(folded)
    if not lead or not in_capitals(text):
        return None
    rest = folded[lead.end():]
    if rules.rx("not_unit").match(rest) or not unit_sources().starts_unit(rest):
        return None
    cut = rules.rx("other_column").search(rest)
    name = without_trailing_debris(text[lead.end(): lead.end() + (cut.start() if cut else len(rest))]).strip(" .,;:")
    name, lines = _wrapped(refs, ref, name) if not cut else (name, [ref])
    return Found(proper_case(ocr_respelt(" ".join(name.split()), tuple(lines))), tuple(lines), "unit-signature")


def signature_units(refs: list[Ref]) -> list[Found]:
    """Every unit a signing block names, in reading order."""
    found = []
    for ref in refs:
        for text in ref.line.cells or (ref.text,):
            hit = _named(refs, ref, clean_text(text))
            if hit:
                found.append(hit)
    return found
