"""An author's name read by OCR with a misread tone mark takes the common name syllable it must be.

Tesseract misreads the tone mark stacked over a capital's circumflex, breve or horn: "LÊ VĂN LẦM" for "LÂM". A
syllable after the surname, in capitals with such a stacked tone, that no common name is made of
(rules/name_syllables.yaml), whose letters with another tone make exactly one syllable that is, is that syllable
misread. Only the tone may differ — a vowel's shape or a letter is left as written — and two candidates leave the
word alone. The bound is that tight because the list cannot hold every name: a name in mixed case, or without a
stacked tone ("Băng"), is never changed into a listed one ("Bằng"). Only names written in capitals on OCR'd pages
are mended; a mended name keeps the confidence of the rule that found it, says so in its rule id, and is doubted
(checks.yaml `mended-name`).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from extractors.fields.lines import Extracted, Ref
from extractors.fields.ruleset import RULES_DIR, _Strict, load_rule_file
from extractors.fields.sector_keywords import tone_view

MENDED = "+known-name"


class NameSyllables(_Strict):
    version: str
    syllables: list[str]


@lru_cache(maxsize=None)
def name_syllables() -> NameSyllables:
    path = os.environ.get("SANGKIEN_NAME_SYLLABLES") or RULES_DIR / "name_syllables.yaml"
    return load_rule_file(NameSyllables, Path(path))


_TONE_DIGITS = "12345"  # how tone_view writes a word's tone after its letters


@lru_cache(maxsize=1)
def _known() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(the known syllables in tone view, their letters without the tone → the known syllables spelt with them)."""
    views = {tone_view(s): s.lower() for s in name_syllables().syllables}
    table: dict[str, set[str]] = {}
    for view, spelt in views.items():
        table.setdefault(view.rstrip(_TONE_DIGITS), set()).add(spelt)
    return frozenset(views), {letters: frozenset(spelt) for letters, spelt in table.items()}


_SHAPES = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _stacked_capital(word: str) -> bool:
    """A word in capitals with a tone mark over a circumflex, breve or horn ("LẦM", "TUYỀN")."""
    marks = set(unicodedata.normalize("NFD", word))
    return word.isupper() and bool(marks & _SHAPES) and bool(marks & _TONES)


def tone_misread(word: str) -> str | None:
    """The one common name syllable `word` would be with another tone, when `word` itself is none ("Mình": "minh");
    any case, so it only doubts what `_mended_word` may not change."""
    known, table = _known()
    view = tone_view(word)
    if view in known:
        return None
    candidates = table.get(view.rstrip(_TONE_DIGITS), frozenset())
    return next(iter(candidates)) if len(candidates) == 1 else None


def _mended_word(word: str) -> str:
    if not _stacked_capital(word):
        return word
    known, table = _known()
    view = tone_view(word)
    if view in known:
        return word
    candidates = table.get(view.rstrip(_TONE_DIGITS), frozenset())
    if len(candidates) != 1:
        return word
    (syllable,) = candidates
    return syllable.upper() if word.isupper() else syllable[:1].upper() + syllable[1:]


def mended_name(name: str) -> str:
    """`name` as written with each syllable after the surname that is a common name syllable's misread tone
    mended."""
    words = name.split()
    return " ".join(words[:1] + [_mended_word(w) for w in words[1:]])


def _mended_author(name: str, page_text: str) -> str:
    """The author's name (already in proper case) mended where the page writes it in capitals."""
    if name.upper() not in page_text:
        return name
    mended = mended_name(name.upper())
    return name if mended == name.upper() else " ".join(w[:1] + w[1:].lower() for w in mended.split())


def known_names(authors: Extracted, refs: list[Ref]) -> Extracted:
    """The authors with misread tones mended when their page was OCR'd, the rule id saying so."""
    page = [ref for ref in refs if (ref.file, ref.page) == (authors.file, authors.page)]
    if not authors.value or not any(ref.method == "ocr" for ref in page):
        return authors
    text = "\n".join(" ".join(ref.text.split()) for ref in page)
    value = [{**author, "name": _mended_author(author["name"], text)} for author in authors.value]
    if value == authors.value:
        return authors
    return replace(authors, value=value, rule_id=authors.rule_id + MENDED)
