"""A dossier's lines in reading order, with where each came from, and the label search over them.

Field rules see one flat list of `Ref`s across all files and pages of a dossier; each knows its file, page,
and folded text. `Extracted` is what every field rule returns: the value plus its confidence and provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from extractors.fold import fold
from extractors.model import Document, Line
from extractors.ruleset import LabelRule


@dataclass(frozen=True)
class Ref:
    """One line of the dossier and where it is."""

    index: int
    file: str
    page: int
    line: Line
    folded: str

    @property
    def text(self) -> str:
        return self.line.text


@dataclass(frozen=True)
class Extracted:
    """A field value with its confidence in [0, 1] and provenance (file, 1-based page, snippet, rule)."""

    value: Any
    confidence: float
    file: str | None = None
    page: int | None = None
    snippet: str | None = None
    rule_id: str | None = None

    @classmethod
    def at(cls, value: Any, confidence: float, ref: Ref, rule_id: str, snippet: str | None = None) -> "Extracted":
        """A value found on `ref`; OCR line confidence lowers the rule's own confidence."""
        scaled = confidence * (0.6 + 0.4 * ref.line.conf)
        return cls(value, round(min(max(scaled, 0.0), 1.0), 3), ref.file, ref.page, snippet or ref.text[:200], rule_id)


MISSING = Extracted(None, 0.0)


def flatten(docs: Iterable[Document]) -> list[Ref]:
    """All non-empty lines of all documents, in order."""
    refs: list[Ref] = []
    for doc in docs:
        for page in doc.pages:
            for line in page.lines:
                if line.text.strip():
                    refs.append(Ref(len(refs), doc.file, page.number, line, fold(line.text)))
    return refs


@dataclass(frozen=True)
class Hit:
    """A label found on a line; `value` is the text after it (or on the next line when the rest is empty)."""

    rule: LabelRule
    ref: Ref
    value: str
    value_ref: Ref


def find_labels(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Iterable[Hit]:
    """Every line from `start` on that matches one of `rules` (first matching rule per line)."""
    for ref in refs[start:]:
        for rule in rules:
            m = rule.regex.search(ref.folded)
            if m:
                yield _hit(refs, ref, rule, m)
                break


def first_label(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Hit | None:
    """The best hit: earliest rule in the list wins, then the earliest line."""
    for rule in rules:
        hit = next((h for h in find_labels(refs, [rule], start) if h.value), None)
        if hit:
            return hit
    return None


# A line that is itself "label: value" (up to six words before a colon) is never the value of the line above.
KEY_VALUE = re.compile(r"^\s*(?:[-+•]\s*)?[^\s:]+(?:\s+[^\s:]+){0,5}\s*:")


def _hit(refs: list[Ref], ref: Ref, rule: LabelRule, m: re.Match) -> Hit:
    rest = ref.text[m.end():].lstrip(" \t:.-–").rstrip()
    nxt = refs[ref.index + 1] if ref.index + 1 < len(refs) else None
    if rest or nxt is None or KEY_VALUE.match(nxt.folded) or nxt.line.cells:
        return Hit(rule, ref, rest, ref)
    return Hit(rule, ref, nxt.text.strip(), nxt)
