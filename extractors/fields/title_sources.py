"""The title where no title label names it, strongest evidence first (rules/titles.yaml):

1. `skkn-cover`: the capitalised lines under "SÁNG KIẾN KINH NGHIỆM" on an SKKN cover;
2. `title-subject-line` / `title-project`: a submission's "V/v: …" line (its request words cut off) or a
   project's "Đề án: …";
3. `title-quoted`: the title in quotes in a lead-in sentence ("… công nhận sáng kiến “…” …");
4. `title-under-heading`: the lines in capitals under the document's heading ("BÁO CÁO MÔ TẢ SÁNG KIẾN");
5. `title-prefixed-heading`: a page heading that puts the document's kind before the title;
6. `title-list-entry`: a numbered entry of a list of initiatives whose next line names its lead author.

Each is a guess about a position, so it stays under the review threshold unless another strategy reads the same
title (`+agreed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.fields.lines import (
    MISSING,
    Extracted,
    Ref,
    caps_continuation,
    clean_text,
    continuation,
    find_labels,
    in_capitals,
    is_boundary,
)
from extractors.fields.person_names import as_name
from extractors.fields.ruleset import labels
from extractors.fields.title_rules import title_rules
from extractors.fold import fold, squash

_QUOTES = "\"'“”„«»‘’`"
_CLOSING = {"“": "”", '"': '"', "«": "»"}


@dataclass(frozen=True)
class Candidate:
    """A title some strategy read, the lines it was read from, and the strategy's confidence and rule id."""

    value: str
    confidence: float
    lines: tuple[Ref, ...]
    rule_id: str

    def extracted(self, confidence: float | None = None, rule_id: str | None = None) -> Extracted:
        return Extracted.at(self.value, confidence or self.confidence, self.lines[0], rule_id or self.rule_id,
                            " / ".join(clean_text(r.text) for r in self.lines)[:200], lines=self.lines)


def clean_title(text: str) -> str:
    """Without surrounding quotes, glued footnote digits, trailing punctuation or a lone quote mid-title (OCR
    reads a speck or a quote opened on the line above as one)."""
    text = re.sub(r"^\s*\d\s*[:.]?\s*", "", text) if re.match(r"^\s*\d\s*:", text) else text
    if in_capitals(text):  # a speck between two words of a capitals title read as a hyphen: "KHU-DÂN CƯ"
        text = re.sub(r"(?<=[^\W\d_]{2})-(?=[^\W\d_]{2})", " ", text)
    words = text.strip().strip(_QUOTES + " .;,:").strip(_QUOTES).split()
    return " ".join(w for w in words if w.strip(_QUOTES))


def without_people(title: str) -> str:
    """`title` without a closing bracket that names its authors or unit ("… (Nguyễn Văn A, Trần Thị B, @THPT X)");
    a bracket of other words ("(Meal Management System)") stays."""
    m = title_rules().rx("bracket_tail").search(title)
    if not m:
        return title
    inside = m.group("inside")
    items = [i.strip(" -–.") for i in inside.split(",") if i.strip(" -–.")]
    names = sum(bool(as_name(i)) for i in items)
    return title[:m.start()].rstrip() if "@" in inside or names > len(items) / 2 else title


def _title(text: str) -> str | None:
    """`text` as a title when it has enough words to be one."""
    value = clean_title(without_people(text))
    return value if len(value.split()) >= title_rules().min_words else None


def skkn_cover(refs: list[Ref]) -> Candidate | None:
    """The capitalised lines under "SÁNG KIẾN KINH NGHIỆM" on an SKKN cover, joined."""
    cover = labels().skkn_cover
    start = next((r for r in refs if re.search(cover.start, r.key)), None)
    if not start:
        return None
    lines = []
    for ref in refs[start.index + 1: start.index + 8]:
        if re.search(cover.stop, ref.key) or (lines and not in_capitals(ref.text)):
            break
        if in_capitals(ref.text):
            lines.append(ref)
    if not lines:
        return None
    return Candidate(clean_title(" ".join(clean_text(r.text) for r in lines)), 0.88, tuple(lines), "skkn-cover")


def subject_lines(refs: list[Ref]) -> list[Candidate]:
    """"V/v: Phê duyệt triển khai X" → X; "Đề án: X" → X: the first line of each kind."""
    found = []
    for rule in title_rules().subject_lines:
        for hit in find_labels(refs, [rule]):
            value = _title(_without_request(hit.value))
            if value:
                found.append(Candidate(value, rule.confidence, tuple(hit.lines(refs)), rule.id))
                break
    return found


def _without_request(text: str) -> str:
    """A subject line's value without its request words ("Phê duyệt triển khai Hệ thống X" → "Hệ thống X")."""
    m = title_rules().rx("request_words").match(fold(text))
    if not m:
        return text
    noun = m.start("noun")
    return text[noun:] if noun >= 0 and text[noun:noun + 1].isupper() else text[m.end():]


def quoted(refs: list[Ref]) -> Candidate | None:
    """The quoted title a lead-in sentence gives after "sáng kiến" / "giải pháp" / "đề tài"."""
    rules = title_rules().quoted
    for ref in refs:
        for m in rules.rx("pattern").finditer(ref.folded):
            lines = (ref, *continuation(refs, ref))
            text = " ".join([ref.text[m.end():].strip(), *(clean_text(r.text) for r in lines[1:])])
            value = _title(_quoted_span(text))
            if value:
                return Candidate(value, rules.confidence, lines, "title-quoted")
    return None


def _quoted_span(text: str) -> str:
    """What the quote opening `text` encloses, quotes nested in it kept ("“Một số giải pháp “Xanh” …”"); "" when
    it is not closed."""
    opening, depth = text[:1], 0
    closing = _CLOSING[opening]
    for i, ch in enumerate(text):
        if ch == closing and (depth == 1 or opening == closing) and i:
            return text[1:i]
        depth += (ch == opening) - (ch == closing and opening != closing)
    return ""


def under_heading(refs: list[Ref]) -> Candidate | None:
    """The capitalised lines (or a quoted line) under the document's heading."""
    rules = title_rules().form_heading
    for ref in refs:
        if not rules.rx("heading").match(ref.key):
            continue
        below = [r for r in refs[ref.index + 1: ref.index + 1 + rules.max_lines] if not _bracketed(r.text)][:1]
        if not below or is_boundary(below[0]):
            continue
        first = below[0]
        text = clean_text(first.text)
        if in_capitals(text):
            lines = (first, *caps_continuation(refs, first))
        elif text[:1] in _CLOSING and text.rstrip(" .").endswith(_CLOSING[text[:1]]):
            lines = (first,)
        else:
            continue
        value = _title(" ".join(clean_text(r.text) for r in lines))
        if value:
            return Candidate(value, rules.confidence, lines, "title-under-heading")
    return None


def _bracketed(text: str) -> bool:
    text = text.strip()
    return text.startswith("(") and text.endswith(")")


def prefixed_heading(refs: list[Ref]) -> Candidate | None:
    """"Sáng kiến kinh nghiệm Một số biện pháp …" at the top of a file → "Một số biện pháp …"."""
    rules = title_rules().prefixed_heading
    tops = [r for r in refs if r.index == 0 or refs[r.index - 1].file != r.file]
    for top in tops:
        for ref in refs[top.index: top.index + rules.top_lines]:
            m = rules.rx("prefix").match(ref.folded)
            rest = clean_text(ref.text[m.end():]) if m and ref.file == top.file else ""
            if rest[:1].isupper() and ":" not in rest and not in_capitals(rest):
                lines = (ref, *continuation(refs, ref))
                value = _title(" ".join([rest, *(clean_text(r.text) for r in lines[1:])]))
                if value:
                    return Candidate(value, rules.confidence, lines, "title-prefixed-heading")
    return None


def list_entry(refs: list[Ref]) -> Candidate | None:
    """The first numbered entry followed by its lead author's line ("1. Giải pháp …" / "- Chủ nhiệm: …")."""
    rules = title_rules().list_entry
    for ref in refs:
        m = rules.rx("entry").match(ref.folded)
        if not m or rules.rx("not_title").search(ref.folded) or ":" in ref.text:
            continue
        lines = (ref, *continuation(refs, ref))
        nxt = refs[lines[-1].index + 1] if lines[-1].index + 1 < len(refs) else None
        value = _title(" ".join([ref.text[m.end():], *(clean_text(r.text) for r in lines[1:])]))
        if value and nxt and rules.rx("then").match(nxt.key):
            return Candidate(value, rules.confidence, lines, "title-list-entry")
    return None


def _candidates(refs: list[Ref]) -> Iterator[Candidate | None]:
    """Every strategy's title, strongest first."""
    yield skkn_cover(refs)
    yield from subject_lines(refs)
    for strategy in (quoted, under_heading, prefixed_heading, list_entry):
        yield strategy(refs)


def unlabelled_title(refs: list[Ref]) -> Extracted:
    """The first strategy's title; confident only when another strategy read the same title."""
    found = [c for c in _candidates(refs) if c]
    if not found:
        return MISSING
    best = found[0]
    if any(squash(c.value) == squash(best.value) for c in found[1:]):
        confidence = max(best.confidence, title_rules().agreed_confidence)
        return best.extracted(confidence, f"{best.rule_id}+agreed")
    return best.extracted()
