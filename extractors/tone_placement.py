"""Where the tone mark sits in the open syllables ending in oa, oe, uy.

The old convention puts it on the first vowel ("hòa", "khỏe", "thủy"), the new one on the second ("hoà", "khoẻ",
"thuỷ"). Both are correct Vietnamese and both occur in dossiers, often in one office's files; a reader searching
for one means the other too. "qu" is a consonant, so "quý" has one spelling only; a final consonant ("hoàn",
"thuyết") fixes the mark on the second vowel in both conventions, so only a word-final pair has two spellings.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining, as NFD writes them)
PAIRS = ("oa", "oe", "uy")
# On NFD text: a pair at the end of the word with the tone after its first (old) or second (new) vowel, and how
# the other convention writes it.
_STYLES = ((re.compile(rf"(?<![qQ])(?P<first>[oOuU])(?P<tone>[{_TONES}])(?P<second>[aAeEyY])$"),
            "{first}{second}{tone}"),
           (re.compile(rf"(?<![qQ])(?P<first>[oOuU])(?P<second>[aAeEyY])(?P<tone>[{_TONES}])$"),
            "{first}{tone}{second}"))


def other_placement(word: str) -> str | None:
    """`word` spelt with the other convention's tone placement (NFC), or None when it has only one spelling."""
    decomposed = unicodedata.normalize("NFD", word)
    for pattern, other in _STYLES:
        found = pattern.search(decomposed)
        if found and (found["first"] + found["second"]).lower() in PAIRS:
            return unicodedata.normalize("NFC", decomposed[:found.start()] + other.format(**found.groupdict()))
    return None
