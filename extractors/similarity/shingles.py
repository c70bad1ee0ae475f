"""Text → words (each toned and tone-free, with its place in the text) → the form's boilerplate dropped →
word shingles.

Words are compared tone-free (extractors.fold: lower case, no diacritics, đ → d), as the search does: an OCR'd
copy that lost or misread a tone mark still matches the typed original. Each word keeps its toned form and its
span in the NFC text, so the passages two dossiers share are shown as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractors.fold import fold
from extractors.similarity.rules import similarity_rules

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Word:
    """One word of a text: as written (lower case, NFC), tone-free, and where it stands."""

    toned: str
    folded: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of `text` (read as NFC; spans index the NFC text)."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)  # one character per character: spans hold in both
    return [Word(m.group().lower(), folded[m.start():m.end()], m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=8)
def _phrase_table(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Folded phrases by their first word, longest first (so the longer of two overlapping labels wins)."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        folded = tuple(w.folded for w in words(phrase))
        if folded:
            table.setdefault(folded[0], []).append(folded)
    return {first: sorted(found, key=len, reverse=True) for first, found in table.items()}


def boilerplate_phrases() -> tuple[str, ...]:
    return tuple(similarity_rules().boilerplate)


def without_boilerplate(text_words: Sequence[Word], phrases: Iterable[str] | None = None) -> list[Word]:
    """`text_words` less every occurrence of a form phrase (compared tone-free, word by word)."""
    table = _phrase_table(tuple(boilerplate_phrases() if phrases is None else phrases))
    kept, i = [], 0
    while i < len(text_words):
        here = text_words[i].folded
        match = next((p for p in table.get(here, ()) if _starts_at(text_words, i, p)), None)
        if match:
            i += len(match)
            continue
        kept.append(text_words[i])
        i += 1
    return kept


def _starts_at(text_words: Sequence[Word], i: int, phrase: tuple[str, ...]) -> bool:
    return len(text_words) - i >= len(phrase) and all(text_words[i + j].folded == w for j, w in enumerate(phrase))


def shingles(content: Sequence[Word], size: int | None = None) -> list[str]:
    """Every run of `size` consecutive words, tone-free, joined by spaces (a text shorter than one shingle:
    its words as one)."""
    size = size or similarity_rules().index.shingle_words
    folded = [w.folded for w in content]
    if len(folded) < size:
        return [" ".join(folded)] if folded else []
    return [" ".join(folded[i:i + size]) for i in range(len(folded) - size + 1)]


def content_shingles(text: str) -> set[str]:
    """The distinct shingles of `text` once the form's boilerplate is dropped: what a dossier is compared by."""
    return set(shingles(without_boilerplate(words(text))))
