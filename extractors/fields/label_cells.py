"""Two-column key–value tables ("Tác giả sáng kiến | Đồng chí Nguyễn Văn An, Phó Giám đốc …"): each such row read
as the line "label: value", so the label rules that need a colon find it.

A row qualifies when its first cell (after an optional row number) is a label of one of `fields` once a colon is
added, and its value cell is not itself a label (a header row of a two-column table).
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.fields.lines import Ref
from extractors.fields.ruleset import labels
from extractors.fold import fold
from extractors.model import Line

_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])\s*[.)]?\s*$")


def _is_label(text: str, fields: tuple[str, ...]) -> bool:
    key = Ref(0, "", 0, Line(text), fold(text)).key + ":"
    return any(rule.regex.search(key) for field in fields for rule in labels().rules(field))


def _label_value(cells: tuple[str, ...]) -> tuple[str, str] | None:
    filled = list(cells)
    if len(filled) == 3 and (not filled[0].strip() or _ROW_NUMBER.match(fold(filled[0]))):
        filled = filled[1:]
    if len(filled) != 2 or ":" in filled[0] or not filled[1].strip():
        return None
    return filled[0].strip(), filled[1].strip()


def cells_as_labels(refs: list[Ref], fields: tuple[str, ...]) -> list[Ref]:
    """`refs` with every key–value row of a label of `fields` turned into a plain "label: value" line."""
    out = []
    for ref in refs:
        pair = _label_value(ref.line.cells) if ref.line.cells else None
        if pair and _is_label(pair[0], fields) and not _is_label(pair[1], fields):
            text = f"{pair[0]}: {pair[1]}"
            ref = replace(ref, line=Line(text, conf=ref.line.conf), folded=fold(text), key="")
        out.append(ref)
    return out
