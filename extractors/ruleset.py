"""Loads the extraction rules (extractors/rules/*.yaml) into validated, compiled models.

A broken rule file fails loudly, naming the file and the key (pydantic, `extra="forbid"`), instead of being
skipped. `SANGKIEN_LABELS` / `SANGKIEN_SECTORS` point to replacement files an admin maintains.
"""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from extractors.fold import fold

RULES_DIR = Path(__file__).with_name("rules")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelRule(_Strict):
    """A label pattern (regex over folded text) and the base confidence of what it finds."""

    id: str
    pattern: str
    confidence: float

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)


class AuthorTable(_Strict):
    name: str
    columns: dict[str, str]
    not_authors_heading: str


class SkknCover(_Strict):
    start: str
    stop: str


class Labels(_Strict):
    version: str
    fields: dict[str, list[LabelRule]]
    author_table: AuthorTable
    skkn_cover: SkknCover
    addressed_form: str  # a line that marks a form carrying a "Kính gửi" line (an application form)
    honorifics: str
    benefit_money_words: str
    benefit_cost_words: str
    per_year_words: str

    def rules(self, field: str) -> list[LabelRule]:
        return self.fields.get(field, [])


class Sector(_Strict):
    code: str
    label: str
    keywords: list[str]

    @property
    def folded_keywords(self) -> list[str]:
        return [" ".join(fold(k).split()) for k in self.keywords]


class Sectors(_Strict):
    version: str
    fallback: str
    sectors: list[Sector]

    def by_code(self, code: str) -> Sector:
        return next(s for s in self.sectors if s.code == code)


def load_rule_file(model: type[BaseModel], path: Path) -> BaseModel:
    """Read and validate one YAML rule file; a broken one raises, naming the file and the key."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(f"invalid rule file {path}: {exc}") from exc


@lru_cache(maxsize=None)
def labels() -> Labels:
    return load_rule_file(Labels, Path(os.environ.get("SANGKIEN_LABELS") or RULES_DIR / "labels.yaml"))


@lru_cache(maxsize=None)
def sectors() -> Sectors:
    return load_rule_file(Sectors, Path(os.environ.get("SANGKIEN_SECTORS") or RULES_DIR / "sectors.yaml"))


def ruleset_version() -> str:
    """Stored with every record so a reviewer knows which rules produced it."""
    return f"{labels().version}+{sectors().version}"
