"""A unit's name written in capitals (letterheads, signature blocks) back in the case it is written in prose.

"TRƯỜNG THPT NGUYỄN DU" → "Trường THPT Nguyễn Du", "SỞ GIÁO DỤC VÀ ĐÀO TẠO NINH BÌNH" → "Sở Giáo dục và Đào tạo
Ninh Bình". The data (rules/unit_sources.yaml `casing`) says which words stay in capitals and how the common nouns
of unit names are written; every other word is a syllable of a proper name. Letters (tone marks, old or new tone
placement) are kept as written: only their case changes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold

_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$")  # punctuation around a word: "(VNPT)," → "(", "VNPT", "),"


def _key(word: str) -> str:
    """A word folded, without the punctuation around it."""
    return _EDGE.match(fold(word)).group(2)


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[tuple[str, ...], tuple[bool, ...]], int]:
    """(folded words kept upper, folded phrase → which of its words are capitalised, longest phrase length)."""
    casing = unit_sources().casing
    upper = frozenset(fold(word) for word in casing.upper)
    phrases = {tuple(_key(w) for w in p.split()): tuple(w[:1].isupper() for w in p.split()) for p in casing.phrases}
    return upper, phrases, max(map(len, phrases), default=1)


def _cased(word: str, capital: bool) -> str:
    lead, core, tail = _EDGE.match(word).groups()
    return lead + (core[:1].upper() + core[1:].lower() if capital else core.lower()) + tail


def proper_case(text: str) -> str:
    """`text` in a unit name's usual case; text already in mixed case is returned unchanged."""
    if any(c.islower() for c in text):
        return text
    upper, phrases, longest = _tables()
    words = _TOKEN.findall(text)
    keys = [_key(w) for w in words]
    out, i, starts_name = [], 0, True
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            capitals = phrases.get(tuple(keys[i:i + size]))
            if capitals:
                span = zip(words[i:i + size], capitals)
                out += [_cased(w, c or (starts_name and n == 0)) for n, (w, c) in enumerate(span)]
                break
        else:
            size = 1
            out.append(words[i] if keys[i] in upper or not keys[i].isalpha() else _cased(words[i], True))
        starts_name = words[i + size - 1] in ("-", "–")  # "ĐIỆN LỰC A - CÔNG TY …": a second name starts
        i += size
    return " ".join(out)


@lru_cache(maxsize=1)
def phrase_words() -> frozenset[str]:
    """Every folded word of the common-noun phrases and of the words kept in capitals."""
    upper, phrases, _ = _tables()
    return upper | frozenset(word for phrase in phrases for word in phrase)
