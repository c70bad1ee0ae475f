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
from extractors.ruleset import LabelRule, labels


@dataclass(frozen=True)
class Ref:
    """One line of the dossier and where it is."""

    index: int
    file: str
    page: int
    line: Line
    folded: str
    method: str = "docx"  # how the page was read: wrapped lines exist only in "text" and "ocr" pages

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
                    refs.append(Ref(len(refs), doc.file, page.number, line, fold(line.text), page.method))
    return refs


@dataclass(frozen=True)
class Hit:
    """A label found on a line; `value` is the text after it (or on the next line when the rest is empty),
    with the lines it wrapped onto; `end` is the index of the first line after the value."""

    rule: LabelRule
    ref: Ref
    value: str
    value_ref: Ref
    end: int


def find_labels(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Iterable[Hit]:
    """Every line from `start` on that matches one of `rules` (first matching rule per line).

    A label may be broken over two lines ("Đánh giá lợi ích … do áp dụng" / "sáng kiến theo ý kiến của tác
    giả: …"): a line without a colon is also tried joined with the next one.
    """
    for ref in refs[start:]:
        for rule in rules:
            found = _match(refs, ref, rule)
            if found:
                yield _hit(refs, ref, rule, *found)
                break


def _match(refs: list[Ref], ref: Ref, rule: LabelRule) -> tuple[Ref, int] | None:
    """Where the label of `rule` ends: the line holding its end and the offset there."""
    m = rule.regex.search(ref.folded)
    if m:
        return ref, m.end()
    if ":" in ref.folded or ref.index + 1 >= len(refs):
        return None
    nxt = refs[ref.index + 1]
    m = rule.regex.search(f"{ref.folded} {nxt.folded}")
    if m and m.start() < len(ref.folded) < m.end() - 1:
        return nxt, m.end() - len(ref.folded) - 1
    return None


def first_label(refs: list[Ref], rules: list[LabelRule], start: int = 0) -> Hit | None:
    """The best hit: earliest rule in the list wins, then the earliest line."""
    for rule in rules:
        hit = next((h for h in find_labels(refs, [rule], start) if h.value), None)
        if hit:
            return hit
    return None


# A line that is itself "label: value" (up to eight words before a colon) is never the value of the line above.
KEY_VALUE = re.compile(r"^\s*(?:[-+•]\s*)?[^\s:]+(?:\s+[^\s:]+){0,7}\s*:")


def is_boundary(ref: Ref) -> bool:
    """A line that starts something new: a section heading, a label, a table row, the signing block."""
    return bool(ref.line.cells or KEY_VALUE.match(ref.folded)
                or any(rule.regex.search(ref.folded) for rule in labels().rules("section_start")))


def continuation(refs: list[Ref], ref: Ref, limit: int = 3) -> list[Ref]:
    """The lines after `ref` that its text wrapped onto.

    Text layers and OCR break long values over lines ("…, huyện Lạng" / "Giang"); a following line continues
    the value unless it starts something new, the value ended a sentence, or it is a heading in capitals.
    """
    more, last = [], ref
    for nxt in refs[ref.index + 1: ref.index + 1 + limit]:
        text = nxt.text.strip()
        wrapped = last.method != "docx" and not last.text.rstrip().endswith((".", ":", ";", "!", "?")) and (
            not text.isupper())
        if is_boundary(nxt) or not (text[:1].islower() or wrapped):
            break
        more.append(nxt)
        last = nxt
    return more


def _hit(refs: list[Ref], ref: Ref, rule: LabelRule, label_end: Ref, offset: int) -> Hit:
    rest = label_end.text[offset:].lstrip(" \t:.-–").rstrip()
    nxt = refs[label_end.index + 1] if label_end.index + 1 < len(refs) else None
    first = label_end if rest or nxt is None or is_boundary(nxt) else nxt
    if first is nxt:
        rest = nxt.text.strip()
    more = continuation(refs, first)
    value = " ".join([rest, *(r.text.strip() for r in more)]).strip()
    return Hit(rule, ref, value, first, (more[-1] if more else first).index + 1)
