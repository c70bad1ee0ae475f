"""The passages two texts share, for a reviewer to read side by side: every run of words covered by a shingle
(folded, boilerplate dropped) that the other text also holds, as character spans of each text; and a text cut
into plain and marked pieces, long unshared stretches shortened to their ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.similarity.rules import similarity_rules
from extractors.similarity.shingles import Word, shingles, without_boilerplate, words

Span = tuple[int, int]
ELLIPSIS = " … "


@dataclass(frozen=True)
class Shared:
    """What two texts share: spans of the first, spans of the second, and the share of each text's words."""

    first: list[Span]
    second: list[Span]
    first_share: float
    second_share: float


def _covered(content: Sequence[Word], common: set[str], size: int) -> list[bool]:
    """Which words of `content` lie in a shingle found in `common`."""
    marked = [False] * len(content)
    for i, shingle in enumerate(shingles(content, size)):
        if shingle in common:
            for j in range(i, min(i + size, len(content))):
                marked[j] = True
    return marked


def _spans(content: Sequence[Word], marked: list[bool]) -> list[Span]:
    spans: list[Span] = []
    run_start = None
    for i, word in enumerate(content):
        if marked[i] and run_start is None:
            run_start = word.start
        if run_start is not None and (not marked[i] or i == len(content) - 1):
            end = word.end if marked[i] else content[i - 1].end
            spans.append((run_start, end))
            run_start = None
    return spans


def shared_passages(first: str, second: str) -> Shared:
    """The passages `first` and `second` share (spans index each text's NFC form)."""
    size = similarity_rules().index.shingle_words
    a, b = without_boilerplate(words(first)), without_boilerplate(words(second))
    common = set(shingles(a, size)) & set(shingles(b, size))
    marked_a, marked_b = _covered(a, common, size), _covered(b, common, size)
    return Shared(_spans(a, marked_a), _spans(b, marked_b), sum(marked_a) / max(len(a), 1),
                  sum(marked_b) / max(len(b), 1))


def pieces(text: str, spans: Sequence[Span], context: int = 160) -> list[tuple[str, bool]]:
    """`text` as (piece, shared?) pieces in order; an unshared stretch longer than twice `context` keeps only
    its ends around an ellipsis (the text's own start and end included)."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[at:start]
        if len(gap) > 2 * context:
            head = gap[:context] if at else ""
            tail = gap[-context:] if start < len(text) else ""
            gap = head + ELLIPSIS + tail
        if gap:
            out.append((gap, False))
        if end > start:
            out.append((text[start:end], True))
        at = end
    return out
