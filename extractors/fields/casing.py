"""A unit's name written in capitals (letterheads, signature blocks) back in the case it is written in prose.

"TRƯỜNG THPT NGUYỄN DU" → "Trường THPT Nguyễn Du", "SỞ GIÁO DỤC VÀ ĐÀO TẠO NINH BÌNH" → "Sở Giáo dục và Đào tạo
Ninh Bình". The data (rules/unit_sources.yaml `casing`) says which words stay in capitals and how the common nouns
of unit names are written; every other word is a syllable of a proper name. Letters (tone marks, old or new tone
placement) are kept as written: only their case changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.sector_keywords import tone_view
from extractors.fields.unit_sources import unit_sources

_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$")  # punctuation around a word: "(VNPT)," → "(", "VNPT", "),"


def _key(word: str) -> str:
    """A word in lower case with its tone mark at its end (old and new tone placement alike, "TĨNH" no "tỉnh"),
    without the punctuation around it."""
    return tone_view(_EDGE.match(word).group(2))


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[tuple[str, ...], tuple[bool, ...]], int]:
    """(words kept upper, phrase (tone-view words) → which of its words are capitalised, longest phrase length)."""
    casing = unit_sources().casing
    upper = frozenset(_key(word) for word in casing.upper)
    phrases = {tuple(_key(w) for w in p.split()): tuple(w[:1].isupper() for w in p.split()) for p in casing.phrases}
    return upper, phrases, max(map(len, phrases), default=1)


def _cased(word: str, capital: bool) -> str:
    lead, core, tail = _EDGE.match(word).groups()
    return lead + (core[:1].upper() + core[1:].lower() if capital else core.lower()) + tail


def _segments(words: list[str]) -> list[tuple[int, int, tuple[bool, ...] | None]]:
    """(start, size, which words are capitalised) per phrase found, longest first; (i, 1, None) for other words."""
    _, phrases, longest = _tables()
    keys = [_key(w) for w in words]
    out, i = [], 0
    while i < len(words):
        size, capitals = next(((n, phrases[tuple(keys[i:i + n])]) for n in range(min(longest, len(words) - i), 0, -1)
                               if tuple(keys[i:i + n]) in phrases), (1, None))
        out.append((i, size, capitals))
        i += size
    return out


def name_words(text: str) -> list[str]:
    """The words of a unit name outside its common-noun phrases and abbreviations: its proper name, numbers, signs."""
    upper = _tables()[0]
    words = _TOKEN.findall(text)
    return [words[i] for i, size, capitals in _segments(words) if capitals is None and _key(words[i]) not in upper]


def proper_case(text: str) -> str:
    """`text` in a unit name's usual case; text already in mixed case is returned unchanged."""
    if any(c.islower() for c in text):
        return text
    upper = _tables()[0]
    words = _TOKEN.findall(text)
    out, starts_name = [], True
    for i, size, capitals in _segments(words):
        if capitals:
            span = enumerate(zip(words[i:i + size], capitals))
            out += [_cased(w, c or (starts_name and n == 0)) for n, (w, c) in span]
        else:
            key = _key(words[i])
            out.append(words[i] if key in upper or not key[:1].isalpha() else _cased(words[i], True))
        starts_name = words[i + size - 1] in ("-", "–")  # "ĐIỆN LỰC A - CÔNG TY …": a second name starts
    return " ".join(out)
