"""A field the dossier does not state at all, on a form that does not ask for it: nothing is expected there, so the
empty field is no doubt for the reviewer (`absent`). An application form ("Đơn yêu cầu/đề nghị công nhận …") asks
for every field: there an empty one stays a doubt, as does one whose label is there but whose value was not read.
Measured on the real set (bench/calibration.py): no field so judged absent had a value."""

from __future__ import annotations

import re

from extractors.fields.lines import MISSING, Extracted, Ref
from extractors.fields.ruleset import labels

ABSENT_CONFIDENCE = 0.85


def is_application(refs: list[Ref]) -> bool:
    """Whether the dossier holds an application form, which asks for every field."""
    addressed = re.compile(labels().addressed_form)
    return any(addressed.search(r.key) for r in refs)


def not_stated(refs: list[Ref], rule_id: str) -> Extracted:
    """The empty field of a dossier that names no label of it: absent on a report, a doubt on an application."""
    return MISSING if is_application(refs) else Extracted(None, ABSENT_CONFIDENCE, rule_id=rule_id, absent=True)
