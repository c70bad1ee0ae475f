"""A written sector given as a form's tick boxes, as SKKN covers print them:

    Lĩnh vực nghiên cứu:
    - Quản lý giáo dục ☐
    - Phương pháp dạy học bộ môn: ☐
    - Lĩnh vực khác: Kế toán ☒

The ticked option is the sector; when none is ticked (the tick is lost to text extraction, or the author wrote
instead of ticking), an "other" option whose blank was filled in ("Lĩnh vực khác: Kế toán"); an untouched list of
boxes names no sector at all — never its first printed option. A list whose boxes were lost (a font without
them) counts when one of its items was filled in.
"""

from __future__ import annotations

import re

from extractors.fields.lines import Ref, clean_text
from extractors.fields.ruleset import LABEL_FIELDS, labels
from extractors.fold import fold

UNTICKED = "☐□▢◻"
TICKED = "☑☒✓✔✗✘■▣⊠"
_BOX = re.compile(f"[{UNTICKED}{TICKED}]|\\[\\s*[xX ]?\\s*\\]")
_TICK = re.compile(f"[{TICKED}]|\\[\\s*[xX]\\s*\\]")
_MARKER = re.compile(r"^[\s\-–+•*]*")
_OTHER = re.compile(r"\bkhac\b")
_ITEM = re.compile(r"^\s*[-–+•*]\s*\S")
MAX_OPTIONS = 12


def options(refs: list[Ref], first: Ref) -> list[str]:
    """The option lines from `first` on, as written: each holds a box or is a list item ("- Quản lý giáo dục", as
    a text layer keeps the options of a font without box glyphs); [] when `first` is neither."""
    found = []
    for ref in refs[first.index: first.index + MAX_OPTIONS]:
        if not (_BOX.search(ref.text) or _ITEM.match(ref.text)) or _other_label(ref):
            break
        found.append(clean_text(ref.text))
    return found


def _other_label(ref: Ref) -> bool:
    """A list item that is another field's label ("- Ngày áp dụng: …"), not a sector option."""
    rules = labels()
    return any(rule.regex.search(ref.key) for field in LABEL_FIELDS if field != "sector_raw"
               for rule in rules.rules(field))


def has_boxes(lines: list[str]) -> bool:
    return any(_BOX.search(line) for line in lines)


def boxed_choice(lines: list[str]) -> tuple[str | None, bool]:
    """(the chosen option's words, whether it was ticked) of a list of box lines; (None, False) when none is
    chosen. An option "label: words" gives its words."""
    ticked = next((line for line in lines if _TICK.search(line)), None)
    if ticked:
        return _answer(ticked), True
    # a filled blank: any option's among boxes; without boxes only an "other" option's ("- Lĩnh vực khác: Kế
    # toán"), since "- Giáo dục mầm non: ứng dụng CNTT …" is a list of fields, each with what it covers
    boxed = has_boxes(lines)
    filled = next((line for line in lines if _words(line.partition(":")[2])
                   and (boxed or _OTHER.search(fold(line.partition(":")[0])))), None)
    return (_answer(filled), False) if filled else (None, False)


def option_heads(lines: list[str]) -> list[str]:
    """What each option names before its colon ("- Giáo dục mầm non: …" → "Giáo dục mầm non")."""
    return [head for head in (_words(line.partition(":")[0]) for line in lines) if head]


def _answer(line: str) -> str:
    head, _, rest = line.partition(":")
    return _words(rest) or _words(head)


def _words(text: str) -> str:
    return " ".join(_MARKER.sub("", _BOX.sub(" ", text)).split()).strip(" .;:")
