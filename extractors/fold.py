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
