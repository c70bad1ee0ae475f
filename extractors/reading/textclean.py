"""Text clean-up shared by the digital readers (DOCX, PDF text layer): NFC, no control characters, no blank lines."""

from __future__ import annotations

import re
import unicodedata

from extractors.model import Line, nfc

_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\u2028\u2029\x85]")


def clean(text: str) -> str:
    """NFC text with control, private-use and replacement characters and soft hyphens dropped (tabs kept), ends
    stripped.

    PDF text layers carry stray control characters (e.g. \\x02 for a soft hyphen) and Word files invisible soft
    hyphens (U+00AD) that would break label matching; legacy TCVN3 runs have turned theirs into "ư" before this.
    """
    kept = (c for c in nfc(text) if c == "\t" or not (is_junk(c) or c == "\u00ad"))
    return "".join(kept).strip()


def split_lines(text: str) -> list[Line]:
    """One `Line` per non-blank line of `text`."""
    cleaned = (clean(text[start:end]) for start, end in line_spans(text))
    return [Line(part) for part in cleaned if part]


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text`, line breaks excluded: lets a reader map lines to character boxes."""
    breaks = list(_LINE_BREAK.finditer(text))
    starts = [0] + [match.end() for match in breaks]
    ends = [match.start() for match in breaks] + [len(text)]
    return list(zip(starts, ends))


def letter_count(text: str) -> int:
    """How many letters `text` holds: the measure used to compare two readings of the same page."""
    return sum(c.isalpha() for c in text)


def is_junk(char: str) -> bool:
    """Control, private-use, surrogate, unassigned or replacement character: never part of real text."""
    return char == "\ufffd" or unicodedata.category(char) in ("Cc", "Co", "Cs", "Cn")
