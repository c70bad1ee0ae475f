"""A written sector given as a form's tick boxes, as SKKN covers print them:

    Lĩnh vực nghiên cứu:
    - Quản lý giáo dục ☐
    - Phương pháp dạy học bộ môn: ☐
    - Lĩnh vực khác: Kế toán ☒

The ticked option is the sector; when none is ticked (the tick is lost to text extraction, or the author wrote
instead of ticking), an "other" option whose blank was filled in ("Lĩnh vực khác: Kế toán"); an untouched list
names no sector at all — never its first printed option.
"""

from __future__ import annotations

import re

from extractors.fields.lines import Ref, clean_text

UNTICKED = "☐□▢◻"
TICKED = "☑☒✓✔✗✘■▣⊠"
_BOX = re.compile(f"[{UNTICKED}{TICKED}]|\\[\\s*[xX ]?\\s*\\]")
_TICK = re.compile(f"[{TICKED}]|\\[\\s*[xX]\\s*\\]")
_MARKER = re.compile(r"^[\s\-–+•*]*")
MAX_OPTIONS = 12


def options(refs: list[Ref], first: Ref) -> list[str]:
    """The option lines from `first` on (each holding a box), as written; [] when `first` holds no box."""
    found = []
    for ref in refs[first.index: first.index + MAX_OPTIONS]:
        if not _BOX.search(ref.text):
            break
        found.append(clean_text(ref.text))
    return found


def boxed_choice(lines: list[str]) -> tuple[str | None, bool]:
    """(the chosen option's words, whether it was ticked) of a list of box lines; (None, False) when none is
    chosen. An option "label: words" gives its words."""
    ticked = next((line for line in lines if _TICK.search(line)), None)
    if ticked:
        return _answer(ticked), True
    filled = next((line for line in lines if _words(line.partition(":")[2])), None)
    return (_answer(filled), False) if filled else (None, False)


def _answer(line: str) -> str:
    head, _, rest = line.partition(":")
    return _words(rest) or _words(head)


def _words(text: str) -> str:
    return " ".join(_MARKER.sub("", _BOX.sub(" ", text)).split()).strip(" .;:")
