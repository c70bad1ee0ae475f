"""The first-applied date: after an "applied first" label (earlier rules first), else after a body sentence saying
so; of the dates found there, the one `choose_first_applied` takes (the start of a period, never a document's date,
a period's end or the signing line)."""

from __future__ import annotations

from extractors.fields.absence import not_stated
from extractors.fields.dates import choose_first_applied, date_mentions
from extractors.fields.lines import MISSING, Extracted, Ref, find_labels
from extractors.fields.ruleset import labels


def extract_first_applied(refs: list[Ref]) -> Extracted:
    """The first label (or sentence) whose value holds a date that fits; none fits → no value (confidence 0);
    no label nor sentence at all → absent, unless the form asks for it (absence.py).

    A later label of the same rule that gives the same date more precisely wins: "áp dụng thử: tháng 11/2025"
    then "áp dụng lần đầu: 15/11/2025" is the 15th."""
    rules, labelled = labels(), False
    for rule in [*rules.rules("first_applied"), *rules.rules("first_applied_sentence")]:
        hits = list(find_labels(refs, [rule]))
        labelled = labelled or bool(hits)
        found = [(hit, chosen.value) for hit in hits if (chosen := choose_first_applied(date_mentions(hit.value)))]
        if found:
            hit, value = max(found, key=lambda f: len(f[1]) if f[1].startswith(found[0][1]) else 0)
            precision = 1.0 if len(value) == 10 else 0.95
            return Extracted.at(value, hit.rule.confidence * precision, hit.value_ref, hit.rule.id, hit.value[:200])
    return MISSING if labelled else not_stated(refs, "form-without-first-applied")
