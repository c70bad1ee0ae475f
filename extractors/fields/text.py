"""Single-value fields: title, addressee, sector text, first-applied date, benefit.

Each is found by the label rules of extractors/fields/rules/labels.yaml; the functions here only say what to do with
the text after a label (join wrapped lines, strip quotes, parse a date, pick the benefit amount).
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
    find_labels,
    first_label,
    in_capitals,
    is_boundary,
)
from extractors.fields.ruleset import labels
from extractors.fields.values import find_money, parse_date
from extractors.fold import fold

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


def extract_first_applied(refs: list[Ref]) -> Extracted:
    """The first date after an "applied first" label (earlier rules first), else after a body sentence saying
    so; never the form's signing date."""
    rules = labels()
    for rule in [*rules.rules("first_applied"), *rules.rules("first_applied_sentence")]:
        for hit in find_labels(refs, [rule]):
            found = parse_date(hit.value)
            if found:
                value = found[0]
                precision = 1.0 if len(value) == 10 else 0.95
                return Extracted.at(value, rule.confidence * precision, hit.value_ref, rule.id, hit.value[:200])
    return MISSING


def _benefit_passage(refs: list[Ref], hit) -> tuple[str, Ref]:
    lines = [hit.value] if hit.value else []
    for ref in refs[hit.end: hit.value_ref.index + 8]:
        if lines and is_boundary(ref):
            break
        lines.append(clean_text(ref.text))
    return " ".join(" ".join(lines).split()), hit.value_ref


def pick_benefit_amount(passage: str) -> tuple[int | None, bool, float]:
    """(amount in đồng or None, per year?, confidence): money saved or earned, never the investment cost."""
    rules = labels()
    money_words, cost_words = re.compile(rules.benefit_money_words), re.compile(rules.benefit_cost_words)
    per_year = re.compile(rules.per_year_words)
    folded = fold(passage)
    candidates = []
    for money in find_money(passage):
        clause_start = max(folded.rfind(c, 0, money.start) for c in ".;") + 1
        clause = folded[clause_start: money.start]
        after = folded[money.end: money.end + 25]
        if cost_words.search(clause) and not money_words.search(clause):
            continue
        score = 1.0 if money_words.search(clause) else 0.6
        candidates.append((score, money, bool(per_year.search(after) or per_year.search(clause))))
    if not candidates:
        return None, False, 0.85
    score, money, yearly = max(candidates, key=lambda c: (c[0], -c[1].start))
    return money.amount, yearly, 0.9 * score


def extract_benefit(refs: list[Ref]) -> Extracted:
    """The benefit passage and its amount; passages with money win over purely social ones."""
    found = []
    for hit in find_labels(refs, labels().rules("benefit")):
        passage, ref = _benefit_passage(refs, hit)
        if passage:
            amount, yearly, confidence = pick_benefit_amount(passage)
            found.append((amount is not None, hit, passage, ref, amount, yearly, confidence))
    if not found:
        return MISSING
    # With money first, then the surest label (a bare heading yields to the label under it), then the earliest.
    _, hit, passage, ref, amount, yearly, confidence = max(found, key=lambda f: (f[0], f[1].rule.confidence))
    value = {"text": passage, "amount_vnd": amount, "per_year": yearly}
    return Extracted.at(value, hit.rule.confidence * confidence / 0.9, ref, hit.rule.id, passage[:200])
