"""The unit at the end of a title: "… tại Công ty Cổ phần X", "… ở trường THCS Y", "… (tác giả, @THPT Z)".

Only a tail that reads as a name counts: after its head word every word is a proper name's syllable, a number, an
abbreviation or a common noun of unit names ("mầm non", "phường"); a locality above the commune written after the
name without a comma, or a school year, is cut off.
"""

from __future__ import annotations

from extractors.fields.casing import name_words, proper_case
from extractors.fields.letterhead import Found
from extractors.fields.lines import Extracted, Ref, continuation
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold


def _reads_as_name(unit: str) -> bool:
    """After the head, every word outside the unit-name nouns is a name's syllable or a number or sign."""
    return all(w[:1].isupper() or not w[:1].isalpha() for w in name_words(unit))


def _names_someone(unit: str) -> bool:
    """Whether a unit has a proper name or a number of its own ("Trường mầm non Hương Tràm", "Trường Mầm non 3"),
    not only nouns ("Bệnh viện Y học cổ truyền", "trường mầm non")."""
    return any(w[:1].isupper() or w[:1].isdigit() for w in name_words(unit))


def _candidates(title: str) -> list[str]:
    """Each tail of `title` that starts with a unit head word after a preposition (and a few words), longest
    first, closing brackets, quotes and full stop cut off."""
    rules, sources = unit_sources().title_tail, unit_sources()
    folded = fold(title)
    end = rules.rx("closing").search(folded).start()
    tails = []
    for prep in rules.rx("preposition").finditer(folded, 0, end):
        start = prep.end()
        for _ in range(rules.gap_words + 1):
            if sources.starts_unit(folded[start:end]):
                tails.append(title[start:end])
                break
            nxt = folded.find(" ", start, end)
            if nxt < 0 or "(" in folded[start:nxt] or "@" in folded[start:nxt]:
                break
            start = nxt + 1
    return tails


def _trimmed(unit: str) -> str:
    """Without a place written after the name without a comma, when the name says whose it is without it."""
    trailing = unit_sources().title_tail.rx("trailing").search(fold(unit))
    if trailing and _names_someone(unit[:trailing.start()]):  # "… Hương Tràm thành phố Cà Mau" ends with a place;
        return unit[:trailing.start()]  # "Sở Nội vụ tỉnh X" is named by it
    return unit


def tail_unit(title: str, prose_after: bool = True) -> str | None:
    """The unit a title ends with, or None. `prose_after`: the text may go on in prose after the unit (a title
    does: "… tại trường học và gia đình"), so every word after the head must read as a name's."""
    for tail in _candidates(title):
        unit = _trimmed(tail.strip(" .,;:")).strip(" .,;:")
        if (_reads_as_name(unit) or not prose_after) and _names_someone(unit):
            unit = proper_case(unit)
            return unit[:1].upper() + unit[1:]
    return None


def title_tail_units(title: Extracted, refs: list[Ref]) -> list[Found]:
    """The unit at the end of the extracted title (or of the line it was read from, brackets included)."""
    line = next((r for r in refs if r.file == title.file and r.page == title.page and r.text[:200] == title.snippet),
                None)
    # The title's line with the lines it wrapped onto: a snippet may be cut short, and the title's value leaves out
    # a bracket of authors and unit after it.
    written = " ".join(r.text for r in (line, *continuation(refs, line))) if line else title.snippet
    for text in (title.value, written):
        unit = tail_unit(text) if text else None
        if unit:
            return [Found(unit, (line,) if line else (), "unit-title-tail")]
    return []
