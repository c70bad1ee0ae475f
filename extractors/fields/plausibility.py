"""Checks a found value against what its field should look like, and lowers its confidence when it does not.

Label rules say where a value is; these checks say whether what was read there is believable: OCR words that
are no Vietnamese syllable, a stray quote mid-title, a unit cut off after "phường", a first-applied year later
than every other year in the dossier, an author who is not a Vietnamese full name. Each failed check multiplies
the field's confidence by its factor (extractors/fields/rules/checks.yaml) and adds its reason for the reviewer.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from extractors.fields.benefit import words_disagree
from extractors.fields.lines import Extracted
from extractors.fields.name_tones import MENDED, tone_misread
from extractors.fields.names import is_person_name
from extractors.fields.placeholders import is_placeholder
from extractors.fields.ruleset import RULES_DIR, Regex, load_rule_file
from extractors.fields.syllables import odd_words, stray_marks
from extractors.fold import fold
from extractors.record import FIELDS


class Check(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fields: list[Literal[FIELDS]]
    ocr_only: bool
    factor: float
    reason: str


class Checks(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    checks: dict[str, Check]
    known_words: list[str]
    foreign_word: Regex
    place_words: list[str]
    surnames: list[str]
    minority_name_starts: list[str] = []

    @model_validator(mode="after")
    def _every_check_is_known(self) -> "Checks":
        unknown = sorted(set(self.checks) - set(TESTS))
        if unknown:
            raise ValueError(f"checks {unknown} have no test in extractors/fields/plausibility.py "
                             f"(known: {sorted(TESTS)})")
        return self


@lru_cache(maxsize=4)
def _foreign(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=None)
def checks() -> Checks:
    return load_rule_file(Checks, Path(os.environ.get("SANGKIEN_CHECKS") or RULES_DIR / "checks.yaml"))


@dataclass(frozen=True)
class Context:
    """What checks compare a value with: the dossier's years, and which pages were OCR'd."""

    years: tuple[int, ...]
    ocr_pages: frozenset[tuple[str, int]]

    def is_ocr(self, found: Extracted) -> bool:
        return (found.file, found.page) in self.ocr_pages


_YEAR = re.compile(r"(?<!\d)(19[7-9]\d|20\d\d)(?!\d)")


def context_of(full_text: str, ocr_pages: set[tuple[str, int]]) -> Context:
    return Context(tuple(int(y) for y in _YEAR.findall(full_text)), frozenset(ocr_pages))


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _odd_word(found: Extracted, ctx: Context) -> bool:
    return bool(odd_words(_text(found.value), frozenset(checks().known_words), _foreign(checks().foreign_word)))


def _stray_mark(found: Extracted, ctx: Context) -> bool:
    return bool(stray_marks(_text(found.value)))


def _cut_place(found: Extracted, ctx: Context) -> bool:
    text = " ".join(_text(found.value).lower().split())
    if text.endswith(("-", "–", ",")):  # a separator with nothing after it
        return True
    # Compared with tone marks: folded, "quận" would also be the "Quan" ending "huyện Nho Quan".
    tail = text.rstrip(" ;")
    return any(tail == word or tail.endswith((" " + word, "," + word)) for word in checks().place_words)


def _late_year(found: Extracted, ctx: Context) -> bool:
    year = int(found.value[:4])
    others = list(ctx.years)
    if year in others:
        others.remove(year)  # the value's own mention
    return bool(others) and year > max(others)


def _glued_digits(found: Extracted, ctx: Context) -> bool:
    return bool(re.search(re.escape(found.value[:4]) + r"\d", found.snippet or ""))


def _surname_tone(found: Extracted, ctx: Context) -> bool:
    exact = {s.lower() for s in checks().surnames}
    folded = {fold(s) for s in checks().surnames}
    firsts = [author["name"].split()[0] for author in found.value if author["name"].split()]
    return any(word.lower() not in exact and fold(word) in folded for word in firsts)


def _name_tone(found: Extracted, ctx: Context) -> bool:
    return any(tone_misread(word) for author in found.value for word in author["name"].split()[1:])


def _mended_name(found: Extracted, ctx: Context) -> bool:
    return found.rule_id.endswith(MENDED)


def _not_a_name(found: Extracted, ctx: Context) -> bool:
    surnames = frozenset(fold(s) for s in checks().surnames)
    starts = frozenset(fold(s) for s in checks().minority_name_starts)
    return any(not is_person_name(author["name"], surnames, starts) for author in found.value)


def _placeholder_author(found: Extracted, ctx: Context) -> bool:
    return any(is_placeholder(author["name"]) for author in found.value)


def _words_disagree(found: Extracted, ctx: Context) -> bool:
    return words_disagree(found.value["text"], found.value["amount_vnd"])


TESTS: dict[str, Callable[[Extracted, Context], bool]] = {
    "odd-word": _odd_word, "stray-mark": _stray_mark, "cut-place": _cut_place, "late-year": _late_year,
    "glued-digits": _glued_digits, "surname-tone": _surname_tone, "name-tone": _name_tone, "not-a-name": _not_a_name,
    "mended-name": _mended_name, "placeholder-author": _placeholder_author,
    "words-disagree": _words_disagree,
}


def doubts(name: str, found: Extracted, ctx: Context) -> list[str]:
    """The ids of the checks `found` (the value of field `name`) fails."""
    if not found.value:
        return []
    return [check_id for check_id, check in checks().checks.items()
            if name in check.fields and (ctx.is_ocr(found) or not check.ocr_only) and TESTS[check_id](found, ctx)]


def checked(name: str, found: Extracted, ctx: Context) -> Extracted:
    """`found` with its confidence lowered by every check it fails, and the reasons kept."""
    failed = doubts(name, found, ctx)
    if not failed:
        return found
    confidence = found.confidence
    for check_id in failed:
        confidence *= checks().checks[check_id].factor
    return replace(found, confidence=round(confidence, 3), doubts=tuple(failed))


def reason(check_id: str) -> str:
    return checks().checks[check_id].reason
