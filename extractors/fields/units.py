"""Snaps a unit as written to its canonical name in the unit registry (extractors/fields/rules/units.yaml).

"Trường MN Trúc Đào" and "Trường Mầm non Trúc Đào" are one unit: both are folded, abbreviations expanded,
and compared with every known name and alias. Only a confident match (difflib ratio ≥ `min_similarity`) snaps;
anything else is kept exactly as written, so an unknown unit is never forced onto a wrong one.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extractors.fields.ruleset import RULES_DIR, load_rule_file
from extractors.fold import squash


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    aliases: list[str] = []


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    abbreviations: dict[str, str]
    min_similarity: float
    units: list[Unit]


@lru_cache(maxsize=None)
def registry() -> Registry:
    return load_rule_file(Registry, Path(os.environ.get("SANGKIEN_UNITS") or RULES_DIR / "units.yaml"))


def normalise(text: str, abbreviations: dict[str, str]) -> str:
    """Folded, punctuation-free, abbreviations expanded: the key two spellings of one unit share."""
    words = re.sub(r"[^\w\s]", " ", squash(text)).split()
    expanded = {squash(short): squash(long) for short, long in abbreviations.items()}
    return " ".join(expanded.get(word, word) for word in words)


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str]]:
    reg = registry()
    return [(normalise(spelling, reg.abbreviations), unit.name)
            for unit in reg.units for spelling in (unit.name, *unit.aliases)]


def similarity(a: str, b: str) -> float:
    """Word by word: 0 unless both have the same words in order, each at most slightly misspelt.

    A whole-string ratio would take "Quang Sơn" for "Quang Trung"; units differ by a proper name, so every
    word must match on its own (OCR may still garble a letter or two).
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return 0.0
    ratios = [difflib.SequenceMatcher(None, x, y).ratio() for x, y in zip(words_a, words_b)]
    return 0.0 if min(ratios, default=0.0) < 0.75 else difflib.SequenceMatcher(None, a, b).ratio()


def snap(unit: str) -> tuple[str, float] | None:
    """(canonical name, similarity) when `unit` confidently matches a known unit, else None."""
    key = normalise(unit, registry().abbreviations)
    best = max(((similarity(key, known), name) for known, name in _index()), default=None)
    if best and best[0] >= registry().min_similarity:
        return best[1], best[0]
    return None
