"""What OCR leaves at the end of a letterhead or signing-block line after the unit's name: a short rule under the
letterhead read as "_", a speck or a stamp's edge read as ":" or "¿". Tokens with neither letter nor digit at a
line's end are no part of the name; a dash or an ampersand stays, since it says the name goes on on the next line
("ĐIỆN LỰC TAM ĐIỆP -" / "CÔNG TY"). Marks between two words are left alone: the value keeps them, and the
plausibility checks doubt it.
"""

from __future__ import annotations

import re

_DEBRIS = re.compile(r"(?:\s+(?![-–—&]+(?:\s|$))(?:[^\w\s]|_)+)+\s*$")


def without_trailing_debris(text: str) -> str:
    """`text` without the punctuation-only tokens it ends with (never its first word)."""
    return _DEBRIS.sub("", text)
