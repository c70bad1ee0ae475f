"""A field the dossier does not state at all, on a form that does not ask for it: nothing is expected there, so the
empty field is no doubt for the reviewer (`absent`). An application form ("Đơn yêu cầu/đề nghị công nhận …") asks
for every field: there an empty one stays a doubt, as does one whose label is there but whose value was not read.
Measured on the real set (bench/real.py): no field so judged absent had a value in a Word or text-PDF dossier."""

from __future__ import annotations

import re

from extractors.fields.lines import MISSING, Extracted, Ref
from extractors.fields.ruleset import labels

ABSENT_CONFIDENCE = 0.85
# OCR can damage a label past recognition (generated scans: a report's date label lost, its date with it), so on a
# dossier read by OCR the empty field stays a doubt, though a milder one than a label whose value was not read.
OCR_ABSENT_CONFIDENCE = 0.6


def is_application(refs: list[Ref]) -> bool:
    """Whether the dossier holds an application form, which asks for every field."""
    addressed = re.compile(labels().addressed_form)
    return any(addressed.search(r.key) for r in refs)


def not_stated(refs: list[Ref], rule_id: str) -> Extracted:
    """The empty field of a dossier that names no label of it: absent on a report, a doubt on an application or
    where OCR read any of it."""
    if is_application(refs):
        return MISSING
    if any(ref.method == "ocr" for ref in refs):
        return Extracted(None, OCR_ABSENT_CONFIDENCE, rule_id=f"{rule_id}+ocr")
    return Extracted(None, ABSENT_CONFIDENCE, rule_id=rule_id, absent=True)
