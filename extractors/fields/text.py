"""Single-value fields: title, addressee, sector text (the first-applied date: first_applied.py; the benefit:
benefit.py; titles without a label: title_sources.py).

Each is found by the label rules of extractors/fields/rules/labels.yaml; the functions here only say what to do with
the text after a label (join wrapped lines, strip quotes).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from extractors.fields.absence import is_application
from extractors.fields.addressee_sentence import addresses_nobody, closing_addressee, with_seat
from extractors.fields.lines import (
    MISSING,
    Extracted,
    Hit,
    Ref,
    caps_continuation,
    find_labels,
    first_label,
    in_capitals,
)
from extractors.fields.ruleset import labels
from extractors.fields.sector_boxes import boxed_choice, has_boxes, option_heads, options
from extractors.fields.title_sources import clean_title, unlabelled_title, without_people
from extractors.fold import squash


def extract_title(refs: list[Ref]) -> Extracted:
    """The title after a title label (a capitalised one keeps its capitalised lines), else where an unlabelled
    strategy finds one (title_sources.py)."""
    hit = first_label(refs, labels().rules("title"))
    if not hit:
        return unlabelled_title(refs)
    value = clean_title(without_people(_title_value(refs, hit)))
    rivals = _rival_titles(refs, hit, value)
    confidence, rule_id = hit.rule.confidence, hit.rule.id
    if rivals:  # the dossier names its initiative two ways: which one the council registers is a reviewer's call
        confidence, rule_id = confidence * RIVAL_TITLES, f"{rule_id}+titles-disagree"
    return Extracted.at(value, confidence, hit.value_ref, rule_id, lines=hit.lines(refs))


RIVAL_TITLES = 0.8  # another labelled title says other words
_RIVAL_WORDS = 4  # shorter values after a title label are hints ("Tên sáng kiến: như trên"), not rivals
_SLIP_WORDS = 2  # folded titles this many words apart (or a tenth of the words) are one title, a slip apart
_RIVAL_LABEL = 0.8  # only a sure label's value rivals ("2 Tên sáng kiến." without a colon heads a list of notes)


def _title_value(refs: list[Ref], hit: Hit) -> str:
    value = hit.value
    if in_capitals(value):
        value = " ".join([value, *(r.text.strip() for r in caps_continuation(refs, refs[hit.end - 1]))])
    return value


def _rival_titles(refs: list[Ref], chosen: Hit, value: str) -> list[str]:
    """Other labelled titles of the dossier that say other words than `value` (one a wrapped start of the other,
    or a slip apart, is the same title)."""
    mine, rivals = squash(value), []
    for hit in find_labels(refs, labels().rules("title")):
        if (hit.value_ref is chosen.value_ref or not hit.value or hit.rule.confidence < _RIVAL_LABEL
                or hit.value_ref is not hit.ref  # a heading's next line may be anything ("Phạm vi công nhận đề nghị")
                or len(hit.ref.line.cells or ()) > 2):  # a many-column table's heading: "Tên sáng kiến | Lĩnh vực …"
            continue
        other = squash(clean_title(without_people(_title_value(refs, hit))))
        if len(other.split()) < _RIVAL_WORDS or other.startswith(mine) or mine.startswith(other):
            continue
        if Levenshtein.distance(mine.split(), other.split()) > max(_SLIP_WORDS, len(mine.split()) // 10):
            rivals.append(other)
    return rivals


# An application form is addressed to a council; without its "Kính gửi" line the reader is unsure. Description
# and SKKN reports address nobody: there the field is absent by form, not a doubt for the reviewer.
NOT_ADDRESSED = Extracted(None, 0.6, rule_id="no-addressee-line")
NOT_ADDRESSED_BY_FORM = Extracted(None, 0.9, rule_id="form-without-addressee", absent=True)


def extract_addressee(refs: list[Ref]) -> Extracted:
    """The "Kính gửi" line's council; else the council a request sentence names (addressee_sentence.py)."""
    hit = first_label(refs, labels().rules("addressee"))
    if hit and not addresses_nobody(hit.value):
        return Extracted.at(with_seat(refs, hit), hit.rule.confidence, hit.value_ref, hit.rule.id)
    requested = closing_addressee(refs)
    if requested.value:
        return requested
    return NOT_ADDRESSED if is_application(refs) else NOT_ADDRESSED_BY_FORM


# An option filled in by hand where a box should have been ticked is a little less sure than a tick.
FILLED_OPTION = 0.9


def extract_sector_raw(refs: list[Ref]) -> Extracted:
    """The sector as written after its label (earlier rules first, then the earliest line); of tick boxes, the
    chosen option (sector_boxes.py), none when no option is chosen; under a heading, the fields its list names."""
    for rule in labels().rules("sector_raw"):
        for hit in find_labels(refs, [rule]):
            found = _written_sector(refs, hit)
            if found is not None:
                return found
    return MISSING


def _written_sector(refs: list[Ref], hit: Hit) -> Extracted | None:
    below = refs[hit.ref.index + 1] if not hit.value and hit.ref.index + 1 < len(refs) else None
    first = below or hit.value_ref
    boxes = options(refs, first) if first is not hit.ref or not hit.head else []
    chosen, ticked = boxed_choice(boxes) if boxes else (None, False)
    if chosen:
        confidence = hit.rule.confidence * (1.0 if ticked else FILLED_OPTION)
        return Extracted.at(chosen, confidence, first, f"{hit.rule.id}+boxes")
    if has_boxes(boxes):  # boxes nobody ticked or filled in
        return MISSING
    if hit.value:
        return Extracted.at(hit.value.strip(" .;"), hit.rule.confidence, hit.value_ref, hit.rule.id)
    if boxes:  # "- Giáo dục mầm non: <what it covers>" / "- Công nghệ thông tin: …": the fields listed
        return Extracted.at(", ".join(option_heads(boxes)), hit.rule.confidence, first, f"{hit.rule.id}+list")
    return None
