"""The sector a sentence names (rules/sector_sentence.yaml): "Sáng kiến thuộc lĩnh vực khác, được áp dụng trong
công việc chuyên môn …" names "khác"; the words after it ("chuyên môn" is a school's word) are no evidence.
`SANGKIEN_SECTOR_SENTENCE` points to a replacement file an admin maintains.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from extractors.fields.ruleset import RULES_DIR, Regex, load_rule_file
from extractors.fields.unit_sources import _Patterns
from extractors.fold import fold


class SectorSentence(_Patterns):
    version: str
    lead: Regex
    end: Regex
    purpose: Regex


@lru_cache(maxsize=None)
def sector_sentence() -> SectorSentence:
    path = os.environ.get("SANGKIEN_SECTOR_SENTENCE") or RULES_DIR / "sector_sentence.yaml"
    return load_rule_file(SectorSentence, Path(path))


def named_sector(text: str) -> str | None:
    """The words a sentence names its sector with ("lĩnh vực khác, …" → "khác"), or None when it names none."""
    rules = sector_sentence()
    lead = rules.rx("lead").search(fold(text))
    if not lead:
        return None
    rest = text[lead.end():]
    end = rules.rx("end").search(rest.lower())
    return (rest[:end.start()] if end else rest).strip() or None


def before_purpose(text: str) -> str:
    """`text` up to where it says what the initiative is for, when at least two words come before."""
    purpose = sector_sentence().rx("purpose").search(text.lower())
    head = text[:purpose.start()].strip(" ,;") if purpose else ""
    return head if len(head.split()) >= 2 else text
