"""Single-value fields: title, addressee, sector text (the first-applied date: first_applied.py; the benefit:
benefit.py).

Each is found by the label rules of extractors/fields/rules/labels.yaml; the functions here only say what to do with
the text after a label (join wrapped lines, strip quotes).
"""

from __future__ import annotations

import re

from extractors.fields.addressee_sentence import addresses_nobody, closing_addressee
from extractors.fields.lines import (
    MISSING,
    Extracted,
    Ref,
    caps_continuation,
    clean_text,
    first_label,
    in_capitals,
)
from extractors.fields.ruleset import labels

_QUOTES = "\"'“”„«»‘’`"


def clean_title(text: str) -> str:
    """Without surrounding quotes, glued footnote digits, trailing punctuation or a lone quote mid-title (OCR
    reads a speck or a quote opened on the line above as one)."""
    text = re.sub(r"^\s*\d\s*[:.]?\s*", "", text) if re.match(r"^\s*\d\s*:", text) else text
    words = text.strip().strip(_QUOTES + " .;,:").strip(_QUOTES).split()
    return " ".join(w for w in words if w.strip(_QUOTES))


def extract_title(refs: list[Ref]) -> Extracted:
    """The title after a title label (a capitalised one keeps its capitalised lines), else the SKKN cover's."""
    hit = first_label(refs, labels().rules("title"))
    if not hit:
        return _skkn_cover_title(refs)
    value = hit.value
    if in_capitals(value):
        value = " ".join([value, *(r.text.strip() for r in caps_continuation(refs, refs[hit.end - 1]))])
    return Extracted.at(clean_title(value), hit.rule.confidence, hit.value_ref, hit.rule.id, lines=hit.lines(refs))


def _skkn_cover_title(refs: list[Ref]) -> Extracted:
    """The capitalised lines under "SÁNG KIẾN KINH NGHIỆM" on an SKKN cover, joined."""
    cover = labels().skkn_cover
    start = next((r for r in refs if re.search(cover.start, r.key)), None)
    if not start:
        return MISSING
    lines = []
    for ref in refs[start.index + 1: start.index + 8]:
        if re.search(cover.stop, ref.key) or (lines and not in_capitals(ref.text)):
            break
        if in_capitals(ref.text):
            lines.append(clean_text(ref.text))
    if not lines:
        return MISSING
    return Extracted.at(clean_title(" ".join(lines)), 0.88, refs[start.index + 1], "skkn-cover", " / ".join(lines))


# An application form is addressed to a council; without its "Kính gửi" line the reader is unsure. Description
# and SKKN reports address nobody: there the field is absent by form, not a doubt for the reviewer.
NOT_ADDRESSED = Extracted(None, 0.6, rule_id="no-addressee-line")
NOT_ADDRESSED_BY_FORM = Extracted(None, 0.9, rule_id="form-without-addressee", absent=True)


def extract_addressee(refs: list[Ref]) -> Extracted:
    """The "Kính gửi" line's council; else the council a request sentence names (addressee_sentence.py)."""
    hit = first_label(refs, labels().rules("addressee"))
    if hit and not addresses_nobody(hit.value):
        return Extracted.at(hit.value.strip(" .;-–"), hit.rule.confidence, hit.value_ref, hit.rule.id)
    requested = closing_addressee(refs)
    if requested.value:
        return requested
    addressed = re.compile(labels().addressed_form)
    return NOT_ADDRESSED if any(addressed.search(r.key) for r in refs) else NOT_ADDRESSED_BY_FORM


def extract_sector_raw(refs: list[Ref]) -> Extracted:
    hit = first_label(refs, labels().rules("sector_raw"))
    if not hit:
        return MISSING
    return Extracted.at(hit.value.strip(" .;"), hit.rule.confidence, hit.value_ref, hit.rule.id)


