"""Is a word a possible Vietnamese syllable? The cheap test that tells OCR's misreads ("vetlver", "KT\"")
from real words, used to make the confidence of OCR'd values honest.

A Vietnamese word is one syllable: an optional initial consonant group, one to three vowels, an optional final
consonant group — and a stop final (c, ch, p, t) takes only the acute or dot-below tone. The test is structural
(it accepts syllables no dictionary lists, like "tẳng"), so it never rejects a rare real word.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.fold import fold

# Final k: Đắk, Lắk.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnptk])?")
_STOP_FINAL = re.compile(r"(?:c|ch|p|t|k)$")
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}
_LETTERS = re.compile(r"[^\W\d_]+")


def tones(word: str) -> list[str]:
    """The tone marks on `word` (a syllable carries at most one)."""
    return [_TONES[ch] for ch in unicodedata.normalize("NFD", word) if ch in _TONES]


def is_syllable(word: str) -> bool:
    """True when `word` (letters only, any case) can be a Vietnamese syllable."""
    folded = fold(word)
    if not _SYLLABLE.fullmatch(folded):
        return False
    marks = tones(word)
    if len(marks) > 1:
        return False
    return not (marks and _STOP_FINAL.search(folded) and marks[0] not in ("acute", "dot"))


def _acronym(word: str) -> bool:
    return (word.isupper() and len(word) <= 6 and word.isalpha()
            and not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word)))


def odd_words(text: str, known: frozenset[str] = frozenset(), foreign: re.Pattern | None = None) -> list[str]:
    """The words of `text` that are neither Vietnamese syllables nor numbers, acronyms, `known` words or words
    matching `foreign` (what no misread of a Vietnamese word looks like: a plain Latin word such as "Docker").

    Acronyms (all capitals, up to six letters, no diacritics but Đ: THCS, UBND, HĐND) pass; so do words with
    digits (lớp 6A, 2018), unless a marked letter stands among them ("2Ù18": a digit OCR misread). A capitalised
    word with tone or vowel marks ("THỤỰC") is a word, not an acronym.
    """
    odd = []
    for token in text.split():
        core = token.strip(".,;:!?()[]{}\"'“”‘’«»…-–/")
        if core and any(ch.isdigit() for ch in core):
            if any(ch.isalpha() and not ch.isascii() and ch not in "Đđ" for ch in core):
                odd.append(core)
            continue
        if not core:
            continue
        for part in re.split(r"[-/]", core):  # "Hạ-Long", "kỹ thuật/quản lý"
            if not part or fold(part) in known or _acronym(part):
                continue
            if foreign is not None and foreign.fullmatch(part):
                continue
            if _LETTERS.fullmatch(part) is None or not is_syllable(part):
                odd.append(part)
    return odd


# A token that is only punctuation: a speck, a stray quote, a colon after the last word.
_MARK = re.compile(r"^[\"'“”‘’«»`´^ˆ~|_:;,.]+$")
_DASH = re.compile(r"^[-–—]+$")
# A dash run into other marks ("Điện -. Điện tử"): no separator is written so, a speck beside it was read.
_DASH_AND_MARK = re.compile(r"^(?=.*[-–—])(?=.*[^-–—])[-–—\"'“”‘’«»`´^ˆ~|_:;,.]+$")


def stray_marks(text: str) -> list[str]:
    """Punctuation-only tokens after the first word of `text` (leading quotes open a quoted title).

    A dash run into other marks ("-.") always counts; a lone dash only between two lower-case words: "Văn hóa -
    Thể thao" separates names, "qua - mạng" is a scanned line's end read as a character.
    """
    tokens = text.split()
    marks = [t for t in tokens[1:] if _MARK.match(t) or _DASH_AND_MARK.match(t)]
    marks += [t for before, t, after in zip(tokens, tokens[1:], tokens[2:])
              if _DASH.match(t) and before[:1].islower() and after[:1].islower()]
    return marks
