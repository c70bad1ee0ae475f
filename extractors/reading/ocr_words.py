"""Words Tesseract returns that no page holds: specks read as words, and a toned vowel read twice.

A speck of dust, toner or a seal's faint edge a few pixels wide comes back as a word of its own — ".", "..", "h",
"Ề" — and the field rules take it into a title or a unit ("… dịch vụ công . trực tuyến", "Sở Nội vụ tỉnh Quảng Nam
Ề"). Printed letters are never that small beside the text around them: a word whose box is under `_SPECK` of the
page's usual word height both ways is dropped; a dash, which is as flat, is kept.
Large bold capitals sometimes come back with their vowel twice, each with its own tone ("KIẾỂN" for "KIẾN"), and the
heading no longer matches; Vietnamese writes one tone mark a syllable, so the second of the two is dropped.
"""

from __future__ import annotations

import statistics
import unicodedata

from extractors.model import Word

# Of the median height of the page's words of two letters or more (ascenders and marks included, ~45 px at 300
# DPI): the specks met on stamped scans were 3–7 px; a lower-case letter's x-height is about half the median.
_SPECK = 0.25
_MIN_WORDS = 10  # fewer words than this to measure by: nothing is dropped
_DASHES = set("-–—")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook above, dot below


def cleaned(words: list[Word]) -> list[Word | None]:
    """Each of `words` with its doubled toned vowels made one, or None where it is a speck."""
    heights = [w.height for w in words if sum(c.isalpha() for c in w.text) >= 2]
    limit = _SPECK * statistics.median(heights) if len(heights) >= _MIN_WORDS else 0.0
    return [_one_tone(w) if max(w.width, w.height) >= limit or set(w.text) <= _DASHES else None for w in words]


def _one_tone(word: Word) -> Word:
    text = one_tone(word.text)
    return word if text == word.text else Word(text, word.left, word.top, word.width, word.height, word.conf)


def one_tone(text: str) -> str:
    """`text` with the second of two adjacent alike vowels that both carry a tone mark dropped ("KIẾỂN" → "KIẾN")."""
    kept: list[str] = []
    for char in text:
        if kept and _toned(char) and _toned(kept[-1]) and _untoned(char) == _untoned(kept[-1]):
            continue
        kept.append(char)
    return "".join(kept)


def _toned(char: str) -> bool:
    return any(mark in _TONES for mark in unicodedata.normalize("NFD", char)[1:])


def _untoned(char: str) -> str:
    """The letter without its tone mark (its breve, circumflex or horn kept), lower case."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
