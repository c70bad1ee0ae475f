"""The rules for finding a unit and a council where no label names them (rules/unit_sources.yaml), validated and
compiled at load like the other rule files. `SANGKIEN_UNIT_SOURCES` points to a replacement file an admin maintains.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from pydantic import PrivateAttr

from extractors.fields.ruleset import RULES_DIR, Regex, _Strict, load_rule_file


class _Patterns(_Strict):
    """A strategy's settings; its regular expressions are compiled once, at load, and read with `rx(name)`."""

    _compiled: dict[str, re.Pattern] = PrivateAttr(default_factory=dict)

    def model_post_init(self, _context) -> None:
        for name, value in self:
            if isinstance(value, str) and type(self).model_fields[name].metadata:  # a `Regex` field
                self._compiled[name] = re.compile(value)

    def rx(self, name: str) -> re.Pattern:
        return self._compiled[name]


class Letterhead(_Patterns):
    confidence: float
    max_lines: int
    motto: Regex
    separator: Regex
    stop: Regex
    prefix: Regex
    open_end: Regex


class Signature(_Patterns):
    confidence: float
    lead: Regex
    other_column: Regex
    not_unit: Regex


class TitleTail(_Patterns):
    confidence: float
    preposition: Regex
    gap_words: int
    closing: Regex
    trailing: Regex


class DepartmentLabel(_Patterns):
    confidence: float
    pattern: Regex
    noun: str


class AuthorLine(_Patterns):
    confidence: float
    heading: Regex
    aside: Regex


class Investor(_Patterns):
    pattern: Regex
    parts: Regex


class AddresseeSentence(_Patterns):
    confidence: float
    pattern: Regex
    not_addressee: Regex


class Casing(_Strict):
    upper: list[str]
    phrases: list[str]


class UnitSources(_Patterns):
    version: str
    unit_head: Regex
    unnamed_end: Regex
    unnamed_factor: float
    letterhead: Letterhead
    signature: Signature
    title_tail: TitleTail
    author_line: AuthorLine
    investor: Investor
    agreed_confidence: float
    department_label: DepartmentLabel
    addressee: AddresseeSentence
    casing: Casing

    def starts_unit(self, folded: str) -> bool:
        """Whether a folded text starts with a unit head word ("truong", "cong ty", "ubnd" …)."""
        return bool(self.rx("unit_head").match(folded.lstrip()))


@lru_cache(maxsize=None)
def unit_sources() -> UnitSources:
    return load_rule_file(UnitSources, Path(os.environ.get("SANGKIEN_UNIT_SOURCES") or RULES_DIR / "unit_sources.yaml"))
