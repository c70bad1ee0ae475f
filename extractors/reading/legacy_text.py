"""Legacy Vietnamese text to NFC Unicode: TCVN3 (ABC), VNI-Windows and Windows-1258 read as Windows-1252.

Old Word files and PDF text layers carry text typed in 8-bit Vietnamese fonts: Word shows "Céng hoµ" for
"Cộng hoà" unless the .VnTime font is installed. The encoding is decided by the font name when it is known
(".Vn*" fonts are TCVN3, "VNI-*" fonts are VNI) and otherwise by statistics: text is converted only when the
conversion turns most of its accented words into valid Vietnamese syllables and the original did not have them.
Ordinary Unicode text always comes back unchanged.

TCVN3 stores "ư" as 0xAD, the soft hyphen, which tools drop ("®îc" for "được") and PDFium reports as "-";
`restore_dropped_u` puts it back where a word is impossible without it: "-" after an initial consonant, "ơ"
before c/ng/u, vowel-less words ("nh", "nhng") and a short word list. Limits: words that exist without "ư" stay
as they are ("chưa", "đưa", "mưa", "mười", "tưới" come back as "cha", "đa", "ma", "mời", "tới"), a run that
keeps any soft hyphen is trusted as complete, and each DOCX run or PDF font span is judged on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from extractors.model import nfc
from extractors.reading.legacy_charsets import (
    CP1258_AS_CP1252,
    DROPPED_U_WORDS,
    TCVN3,
    TCVN3_TONES,
    VIETNAMESE_LATIN1,
    VNI,
)

_TABLES = {"tcvn3": TCVN3, "vni": VNI, "cp1258": CP1258_AS_CP1252}
ENCODINGS = tuple(_TABLES)
_TRANSLATIONS = {encoding: str.maketrans(table) for encoding, table in _TABLES.items()}
# Characters that point at an encoding; Latin-1 letters of Unicode Vietnamese do not.
_TELLTALE = {encoding: frozenset(table) - VIETNAMESE_LATIN1 for encoding, table in _TABLES.items()}
_ANY_TELLTALE = frozenset().union(*_TELLTALE.values())

# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư, ạ…ỹ): no 8-bit font's text contains them.
_UNICODE_ONLY = re.compile("[\u0102-\u0103\u0110-\u0111\u0128-\u0129\u0168-\u0169\u01a0-\u01b0\u1ea0-\u1ef9]")
# Word keeps the text of a font it takes for a symbol font as U+F0xx: back to the byte the font draws.
_SYMBOL_FONT_CODES = {0xF000 + code: code for code in range(0x20, 0x100)}
_OI_TO_U = str.maketrans("\u01a2\u01a3", "\u01af\u01b0")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")  # PDF subset fonts: "ABCDEF+.VnTime"
_STYLE_SUFFIX = re.compile(r"[,-](?:Bold|Italic|BoldItalic|Oblique|Regular)$", re.IGNORECASE)
_TCVN3_VOWELS = "aeiouyAEIOUY" + "".join(code for code, letter in TCVN3.items() if letter in "ăâêôơưĂÂÊÔƠƯ")
_TONE_AFTER_VOWEL = re.compile(f"(?<=[{re.escape(_TCVN3_VOWELS)}])[{''.join(TCVN3_TONES)}]")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowel groups of Vietnamese syllables, tone marks removed ("oâ", "aô" are not among them: VNI read as TCVN3).
_NUCLEI = ("iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi"
           "|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|[aăâeêioôơuưy]")
_ONSET = "(?:ngh|ng|nh|gh|gi|kh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])"
_SYLLABLE = re.compile(f"{_ONSET}?(?:{_NUCLEI})(?:ng|nh|ch|[cmnpt])?")
_WORD = re.compile(r"[^\W\d_]+")

# Dropped "ư": a soft hyphen PDFium turned into "-" after an initial consonant ("n-ớc"), "ơ" before c/ng/u
# ("đợc", "thơng", "rợu" cannot exist without "ư"), and whole words (below).
_HYPHEN_U = re.compile(r"(?<![^\W\d_])((?i:ng|nh|th|tr|ch|kh|ph|[bcdđghklmnrstvx]))[-\x02]"
                       r"(?=[a-zđơưăâêô\u00e0-\u00fd\u1ea1-\u1ef9])")
_HORN_O = re.compile(r"(?<![ưƯ])(?=[ơờớởỡợ](?:c|ng|u)(?![^\W\d_]))")
_LONE_WORD = re.compile(r"(?<![\w.])[^\W\d_]{1,4}(?![\w.)])")
_U_ONSETS = ("b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "r", "s", "t", "th", "tr",
             "v", "x")
# A token with no vowel is "ư" lost: "nh" → "như", "nhng" → "nhưng"; lone "c", "d", "h"… are list letters.
_NO_VOWEL_WORDS = ({onset: onset + "ư" for onset in _U_ONSETS if len(onset) > 1 or onset in "ts"}
                   | {onset + "ng": onset + "ưng" for onset in _U_ONSETS if onset != "ng"})
_U_WORDS = {**_NO_VOWEL_WORDS, **DROPPED_U_WORDS}


def font_encoding(font_name: str | None) -> str | None:
    """The legacy encoding a font name stands for: ".VnTime" → "tcvn3", "VNI-Times" → "vni", else None."""
    name = _font_family(font_name).casefold()
    if name.startswith(".vn"):
        return "tcvn3"
    return "vni" if name.startswith("vni") else None


def detect(text: str, font_name: str | None = None) -> str | None:
    """"tcvn3", "vni" or "cp1258" when `text` is in that legacy encoding, else None (Unicode, English, unsure)."""
    by_font = font_encoding(font_name)
    if by_font:  # unless the text was converted to Unicode and the old font name kept
        return None if _UNICODE_ONLY.search(text) else by_font
    if not _ANY_TELLTALE.intersection(text):
        return None
    valid, total = syllable_score(text)
    floor = max(0.75, (valid / total if total else 0.0) + 0.25)  # must beat the text as it stands, clearly
    shares = {encoding: _share(to_unicode(text, encoding)) for encoding in ENCODINGS
              if _TELLTALE[encoding].intersection(text)}
    best = max(shares, key=shares.__getitem__, default=None)
    return best if best and shares[best] >= floor else None


def to_unicode(text: str, encoding: str | None, font_name: str | None = None) -> str:
    """`text` converted from `encoding` (None: already Unicode) to NFC; ".VnTimeH"-style fonts give capitals."""
    if encoding:
        text = text.translate(_SYMBOL_FONT_CODES)
    if encoding == "tcvn3":
        tones = _TONE_AFTER_VOWEL.sub(lambda m: TCVN3_TONES[m.group()], text)
        converted = nfc(tones.translate(_TRANSLATIONS["tcvn3"]))
        if "\u00ad" not in text:  # soft hyphens kept: every "ư" is there
            converted = restore_dropped_u(converted)
        return converted.upper() if _font_family(font_name).endswith("H") else converted
    return nfc(text.translate(_TRANSLATIONS[encoding]) if encoding else text)


def convert_run(text: str, font_name: str | None = None) -> str:
    """One run of text in one font, converted when it is legacy text; other text comes back as it was (not NFC,
    so a PDF page keeps one character per character box)."""
    encoding = detect(text, font_name)
    return to_unicode(text, encoding, font_name) if encoding else text


def convert_runs(runs: Iterable[tuple[str, str | None]]) -> str:
    """Text made of (text, font name) runs, each converted on its own, joined."""
    return "".join(convert_run(text, font) for text, font in runs)


def may_be_legacy(text: str) -> bool:
    """Cheap test: does `text` hold any character a legacy encoding leaves behind? (False for most Unicode.)"""
    return not _ANY_TELLTALE.isdisjoint(text)


def repair_pdf_letters(text: str) -> str:
    """"Ƣ/ƣ" (U+01A2/3, "OI"), written by old converters for "Ư/ư", back to "Ư/ư", one character for one."""
    return text.translate(_OI_TO_U)


def restore_dropped_u(text: str) -> str:
    """Put back the "ư" a dropped TCVN3 soft hyphen took away where the word is impossible without it."""
    text = _HYPHEN_U.sub(lambda m: m.group(1) + "ư", text)
    text = _HORN_O.sub("ư", text)
    return _LONE_WORD.sub(_restore_word, text)


def _restore_word(match: re.Match[str]) -> str:
    word = match.group()
    if not (word.islower() or (len(word) > 1 and word[0].isupper() and word[1:].islower())):
        return word  # "TH", "HNG": abbreviations, and single capitals, are left alone
    restored = _U_WORDS.get(word.lower())
    if restored is None:
        return word
    return restored if word.islower() else restored[0].upper() + restored[1:]


def syllable_score(text: str) -> tuple[int, int]:
    """(valid, total) over the words of `text` holding a non-ASCII letter: how Vietnamese-looking it is."""
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    return sum(map(_is_syllable, words)), len(words)


def _share(text: str) -> float:
    """Share of valid syllables among the accented words; 0 below two words, too few to judge."""
    valid, total = syllable_score(text)
    return valid / total if total >= 2 else 0.0


def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable: initial consonant, one to three vowels, final consonant, at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    base = nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def _font_family(font_name: str | None) -> str:
    """"ABCDEF+.VnTimeH,Bold" → ".VnTimeH": the family, without a PDF subset prefix or a style suffix."""
    return _STYLE_SUFFIX.sub("", _SUBSET_PREFIX.sub("", (font_name or "").strip()))

