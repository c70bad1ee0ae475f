"""The sector classifier's labelled examples (rules/sector_examples.yaml beside this file), validated like the rule
files.

Each taxonomy code has raw sector wordings, initiative titles/descriptions and typical units. A text that is
not NFC, or the same (folded) text under two codes, fails loudly: either would quietly teach the model noise.
`SANGKIEN_SECTOR_EXAMPLES` points to a replacement file an admin maintains.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from extractors.fields.ruleset import RULES_DIR, load_rule_file
from extractors.fold import squash


class CodeExamples(BaseModel):
    """The examples of one sector code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    raw: list[str] = []
    texts: list[str] = []
    units: list[str] = []

    @field_validator("raw", "texts", "units")
    @classmethod
    def _clean(cls, items: list[str]) -> list[str]:
        for item in items:
            if not item.strip():
                raise ValueError("empty example")
            if unicodedata.normalize("NFC", item) != item:
                raise ValueError(f"not NFC: {item!r}")
        return items

    @property
    def all(self) -> list[str]:
        return self.raw + self.texts + self.units


class SectorExamples(BaseModel):
    """Examples per taxonomy code, and the file's version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    examples: dict[str, CodeExamples]

    @model_validator(mode="after")
    def _no_contradictions(self) -> "SectorExamples":
        seen: dict[str, str] = {}
        for code, group in self.examples.items():
            for text in group.all:
                other = seen.setdefault(squash(text), code)
                if other != code:
                    raise ValueError(f"{text!r} is an example of both {other!r} and {code!r}")
        return self

    def pairs(self, codes: list[str]) -> list[tuple[str, str]]:
        """(text, code) for every example of the given codes, in file order."""
        return [(text, code) for code in codes if code in self.examples for text in self.examples[code].all]


def examples_path() -> Path:
    return Path(os.environ.get("SANGKIEN_SECTOR_EXAMPLES") or RULES_DIR / "sector_examples.yaml")


@lru_cache(maxsize=None)
def sector_examples() -> SectorExamples:
    return load_rule_file(SectorExamples, examples_path())
