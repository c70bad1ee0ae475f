"""The rules for finding a title where no title label names it (rules/titles.yaml), validated and compiled at load
like the other rule files. `SANGKIEN_TITLES` points to a replacement file an admin maintains.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from extractors.fields.ruleset import RULES_DIR, LabelRule, Regex, load_rule_file
from extractors.fields.unit_sources import _Patterns  # compiles each `Regex` field at load


class Quoted(_Patterns):
    confidence: float
    pattern: Regex


class FormHeading(_Patterns):
    confidence: float
    heading: Regex
    max_lines: int


class PrefixedHeading(_Patterns):
    confidence: float
    top_lines: int
    prefix: Regex


class ListEntry(_Patterns):
    confidence: float
    entry: Regex
    then: Regex
    not_title: Regex


class TitleRules(_Patterns):
    version: str
    subject_lines: list[LabelRule]
    request_words: Regex
    quoted: Quoted
    form_heading: FormHeading
    prefixed_heading: PrefixedHeading
    list_entry: ListEntry
    min_words: int
    agreed_confidence: float
    bracket_tail: Regex
    phrases: tuple[str, ...] = ()  # words of titles OCR misreads by a mark into another word ("Ưng dụng")


@lru_cache(maxsize=None)
def title_rules() -> TitleRules:
    return load_rule_file(TitleRules, Path(os.environ.get("SANGKIEN_TITLES") or RULES_DIR / "titles.yaml"))
