"""A field the dossier does not state at all, on a form that does not ask for it: nothing is expected there, so the
empty field is no doubt for the reviewer (`absent`). An application form ("Đơn yêu cầu/đề nghị công nhận …") asks
for every field: there an empty one stays a doubt, as does one whose label is there but whose value was not read.
Measured on the real set (bench/real.py): no field so judged absent had a value in a Word or text-PDF dossier."""

from __future__ import annotations

import re

from extractors.fields.lines import MISSING, Extracted, Ref, as_surely_as_read
from extractors.fields.ruleset import labels

ABSENT_CONFIDENCE = 0.85
# OCR can damage a label past recognition (generated scans: a report's date label lost, its date with it). On a
# dossier read by OCR the absence is only as sure as the reading: scaled by the lines' mean confidence as a value
# read from them is (lines.as_surely_as_read); and a line shaped like a label ("Thời gian …: …") that OCR read this
# badly may be the lost one, so then the empty field stays a doubt. Real scans (bench/real.py): 9 of the 11 reports
# without the item are read well enough to say so.
POOR_LINE, POOR_LABEL_HEAD = 0.6, 40  # line confidence; how far into the line a label's colon may come
OCR_DOUBT = 0.6


def is_application(refs: list[Ref]) -> bool:
    """Whether the dossier holds an application form, which asks for every field."""
    addressed = re.compile(labels().addressed_form)
    return any(addressed.search(r.key) for r in refs)


def not_stated(refs: list[Ref], rule_id: str) -> Extracted:
    """The empty field of a dossier that names no label of it: absent on a report, a doubt on an application; on a
    report read by OCR as sure as the reading is."""
    if is_application(refs):
        return MISSING
    read = [ref for ref in refs if ref.method == "ocr"]
    if not read:
        return Extracted(None, ABSENT_CONFIDENCE, rule_id=rule_id, absent=True)
    if any(ref.line.conf < POOR_LINE and ":" in ref.text[:POOR_LABEL_HEAD] for ref in read):
        return Extracted(None, OCR_DOUBT, rule_id=f"{rule_id}+ocr")
    confidence = as_surely_as_read(ABSENT_CONFIDENCE, read)
    return Extracted(None, round(confidence, 3), rule_id=f"{rule_id}+ocr")  # not `absent`: it counts as a doubt
