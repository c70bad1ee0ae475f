"""Loads the extraction rules (extractors/fields/rules/*.yaml) into validated, compiled models.

A broken rule file fails loudly when it is loaded, naming the file and the key (pydantic, `extra="forbid"`):
an unknown key or field name, a regular expression that does not compile. `SANGKIEN_LABELS` / `SANGKIEN_SECTORS` /
`SANGKIEN_BENEFIT` point to replacement files an admin maintains.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from extractors.fold import fold

RULES_DIR = Path(__file__).with_name("rules")


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from exc
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]

# Fields whose rules are labels: a line carrying one of them starts something new (extractors/fields/lines.py).
LABEL_FIELDS = ("addressee", "title", "sector_raw", "first_applied", "benefit", "author_block", "author_list",
                "co_author", "birth_date", "position_unit", "position", "unit", "qualification", "contribution")
# Every rule list labels.yaml may hold: the label fields, and the lists that only shape the search.
RuleList = Literal[LABEL_FIELDS + ("label_noise", "first_applied_sentence", "section_start")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelRule(_Strict):
    """A label pattern (regex over folded text) and the base confidence of what it finds."""

    id: str
    pattern: Regex
    confidence: float
    value_lines: int = 3  # lines a wrapped value may run on to (a heading's answer may be a whole paragraph)

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)


class AuthorTable(_Strict):
    name: Regex
    columns: dict[str, Regex]
    not_authors_heading: Regex


class SkknCover(_Strict):
    start: Regex
    stop: Regex


class Labels(_Strict):
    version: str
    fields: dict[RuleList, list[LabelRule]]
    author_table: AuthorTable
    skkn_cover: SkknCover
    addressed_form: Regex  # a line that marks a form carrying a "Kính gửi" line (an application form)
    honorifics: Regex

    def rules(self, field: str) -> list[LabelRule]:
        """The field's label rules, then those an admin accepted from reviewers' corrections (`using_labels`)."""
        learned = _LEARNED_LABELS.get()
        shipped = self.fields.get(field, [])
        return shipped + [rule for name, rule in learned if name == field] if learned else shipped


# Label rules learned from reviewers' corrections and accepted by an admin, for the extraction running in this
# context: (rule list name, rule). The pipeline keeps them; extraction only reads them.
_LEARNED_LABELS: ContextVar[tuple[tuple[str, LabelRule], ...]] = ContextVar("learned_labels", default=())


@contextmanager
def bound(var: ContextVar, value) -> Iterator[None]:
    """`var` set to `value` for the body's extraction (what a caller chose it to read with), then as it was."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def using_labels(learned: tuple[tuple[str, LabelRule], ...]):
    """Extract with the accepted `learned` label rules beside the shipped ones."""
    return bound(_LEARNED_LABELS, tuple(learned))


def learned_labels_key() -> tuple:
    """What the learned label rules in use are, for caches of label lookups."""
    return tuple((name, rule.id, rule.pattern) for name, rule in _LEARNED_LABELS.get())


class MoneyKind(_Strict):
    """Words that say what an amount of money is: a gain, a cost, or another figure that is not a benefit."""

    kind: Literal["gain", "cost", "not_benefit"]
    weak: bool
    pattern: Regex

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.pattern)


class BenefitConfidence(_Strict):
    labelled: float
    total: float
    total_unlabelled: float
    first_of_several: float
    last_of_totals: float
    sum_of_items: float
    unlabelled: float
    words_only: float
    words_agree: float
    social: float
    ceiling: float


class BenefitRules(_Strict):
    """Which money of a benefit section is the benefit (rules/benefit.yaml); patterns compiled at load."""

    version: str
    money_kinds: list[MoneyKind]
    range_before: Regex
    total_words: Regex
    per_year_words: Regex
    item_marker: Regex
    section_words: Regex
    column_unit: Regex
    confidence: BenefitConfidence
    section_stop: Regex
    unit_line: Regex
    row_number: Regex

    @cached_property
    def range(self) -> re.Pattern:
        return re.compile(self.range_before)

    @cached_property
    def total(self) -> re.Pattern:
        return re.compile(self.total_words)

    @cached_property
    def per_year(self) -> re.Pattern:
        return re.compile(self.per_year_words)

    @cached_property
    def item(self) -> re.Pattern:
        return re.compile(self.item_marker)

    @cached_property
    def section(self) -> re.Pattern:
        return re.compile(self.section_words)

    @cached_property
    def unit(self) -> re.Pattern:
        return re.compile(self.column_unit)

    @cached_property
    def stop(self) -> re.Pattern:
        return re.compile(self.section_stop)

    @cached_property
    def unit_announced(self) -> re.Pattern:
        return re.compile(self.unit_line)

    @cached_property
    def row_numbers(self) -> re.Pattern:
        return re.compile(self.row_number)


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
def benefit_rules() -> BenefitRules:
    return load_rule_file(BenefitRules, Path(os.environ.get("SANGKIEN_BENEFIT") or RULES_DIR / "benefit.yaml"))


@lru_cache(maxsize=None)
def sectors() -> Sectors:
    return load_rule_file(Sectors, Path(os.environ.get("SANGKIEN_SECTORS") or RULES_DIR / "sectors.yaml"))
