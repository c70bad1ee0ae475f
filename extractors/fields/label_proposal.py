"""A label the rules do not know, shown by a reviewer's correction (issue #18).

A reviewer types a field's value; when the dossier's text has a line "<label>: <that value>" whose label no rule
of the field knows ("Tên giải pháp đề xuất: …", "Thời điểm đưa vào sử dụng: 03/2024"), that label is a variant
worth proposing to an admin. Pure: the pipeline keeps the proposals, and applies the accepted ones as label rules
(`label_rule`) through `ruleset.using_labels`.
"""

from __future__ import annotations

import re

from extractors.fields.ruleset import LabelRule, labels
from extractors.fold import fold, squash

# The contract field a correction names → the label rule list its label joins.
RULE_LISTS = {"title": "title", "authors": "author_block", "first_applied": "first_applied", "benefit": "benefit"}
LEARNED_CONFIDENCE = 0.85  # a labelled line's usual trust
LEARNED_RULE = "learned-label-"  # an accepted label's rule id: this, then the proposal's id
_LINE = re.compile(r"^\s*(?:[-+•*]\s*|\d{1,2}(?:\.\d{1,2})*[.)]?\s+|[a-h][.)]\s*)?"
                   r"(?P<label>[^\W\d_][^:]{2,80}?)\s*:\s*(?P<rest>\S.*)$")
_WORDS = range(1, 9)  # a label is one to eight words
_TITLE_PREFIX = 12  # a wrapped title's first line must be this long to stand for the title


def _date_patterns(value: str) -> list[re.Pattern]:
    """How "2024-03-05" or "2024-03" is written, folded: 5/3/2024, 05/03/2024, ngay 5 thang 3 nam 2024, 3/2024 …"""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1]
    m = rf"0?{month}"
    if len(parts) == 3:
        d = rf"0?{parts[2]}"
        return [re.compile(rf"(?<!\d){d}\s*[/.-]\s*{m}\s*[/.-]\s*{year}(?!\d)"),
                re.compile(rf"ngay\s+{d}\s+thang\s+{m}\s+nam\s+{year}")]
    return [re.compile(rf"(?<![\d/.]){m}\s*[/.-]\s*{year}(?!\d)"), re.compile(rf"thang\s+{m}\s*(?:nam|/)\s*{year}")]


def _written(rest: str, field: str, value) -> bool:
    """Whether the folded text after a label writes `value` (its start, for titles and names)."""
    if field == "title":
        title = squash(value)
        return rest.startswith(title) or (len(rest) >= _TITLE_PREFIX and title.startswith(rest))
    if field == "authors":
        return bool(value) and squash(value[0]["name"]) in rest
    if field == "first_applied":
        return any(p.search(rest) for p in _date_patterns(value))
    if field == "benefit":
        amount = (value or {}).get("amount_vnd")
        if not amount:
            return False
        grouped = re.escape(f"{amount:,}".replace(",", "."))
        return bool(re.search(rf"(?<![\d.,]){grouped}(?!\d)|(?<!\d){amount}(?!\d)", rest))
    return False


def unknown_label(lines: list[str], field: str, value) -> str | None:
    """The first label that introduces `value` on one of `lines` and that no rule of the field knows; None when
    the value is not found after a label, or its label is known already (the miss lies elsewhere)."""
    rule_list = RULE_LISTS.get(field)
    if not rule_list or not value:
        return None
    for line in lines:
        match = _LINE.match(line)
        if not match or len(match["label"].split()) not in _WORDS:
            continue
        if not _written(squash(match["rest"]), field, value):
            continue
        if any(rule.regex.search(fold(line)) for rule in labels().rules(rule_list)):
            return None
        return " ".join(match["label"].split()).rstrip(" .")
    return None


def label_rule(label: str, proposal_id: int) -> LabelRule:
    """The rule an accepted label becomes: its words, folded, at a line's start, then a colon."""
    words = r"\s+".join(re.escape(word) for word in squash(label).split())
    return LabelRule(id=f"{LEARNED_RULE}{proposal_id}", pattern=rf"^\s*{words}\s*:", confidence=LEARNED_CONFIDENCE)
