"""Diacritic-free, lower-case views of Vietnamese text that keep every character's position.

Labels are matched on the folded view ("ten sang kien" matches "Tên sáng kiến", "TÊN SÁNG KIẾN" and OCR's
"Tên sảng kiến"); because folding maps one character to one character, a match's span cuts the value
out of the original NFC text unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPECIAL = {"đ": "d", "Đ": "d", "ƣ": "u", "Ƣ": "u"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Same length as `text`: diacritics removed, lower case, đ → d."""
    return "".join(_fold_char(ch) for ch in text)


def squash(text: str) -> str:
    """Fold and collapse whitespace: the key for comparing names and titles loosely."""
    return " ".join(fold(text).split())


# Vietnamese dictionary order: letters with their own place in the alphabet (ă â đ ê ô ơ ư come after their
# base letter), then tones as a tie-break in the order dictionaries use (none, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = ("0 1 2 3 4 5 6 7 8 9 a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z").split()
_TONES = {"": "a", "\u0300": "b", "\u0309": "c", "\u0303": "d", "\u0301": "e", "\u0323": "f"}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter, not the tone


def _rank(index: int) -> str:
    """A two-letter code that sorts alike under any collation (plain lower-case ASCII letters only)."""
    return chr(ord("a") + index // 26) + chr(ord("a") + index % 26)


_SEPARATOR = _rank(0)  # spaces and punctuation: a word sorts before its longer neighbours
_RANKS = {letter: _rank(i + 1) for i, letter in enumerate(_ALPHABET)}


@lru_cache(maxsize=4096)
def _collate_char(ch: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    marks = decomposed[1:]
    letter = unicodedata.normalize("NFC", decomposed[0] + "".join(m for m in marks if m in _LETTER_MARKS))
    if ch.lower() == "đ":
        letter = "đ"
    tone = next((m for m in marks if m in _TONES), "")
    rank = _RANKS.get(letter) or _RANKS.get(fold(letter)) or _SEPARATOR
    return rank, _TONES[tone]


def sort_key(text: str | None) -> str | None:
    """A key that orders Vietnamese text as a dictionary does ("Đ…" after "D…", "Ư…" after "U…", before "V…"),
    made of lower-case ASCII letters only, so it sorts the same in SQLite and under any PostgreSQL collation."""
    if not text:
        return None
    pairs = [_collate_char(ch) for ch in " ".join(unicodedata.normalize("NFC", text).split())]
    return "".join(rank for rank, _ in pairs) + _SEPARATOR + "".join(tone for _, tone in pairs)
