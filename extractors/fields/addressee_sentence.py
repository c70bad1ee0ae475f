"""The council a dossier addresses when it has no usable "Kính gửi" line: its closing (or opening) request
"Kính đề nghị Hội đồng sáng kiến … xem xét, công nhận …". Less sure than a "Kính gửi" line, so under the review
threshold; a council without a name ("Đề nghị Hội đồng xét công nhận …") names nobody.
"""

from __future__ import annotations

from extractors.fields.lines import MISSING, Extracted, Hit, Ref, continuation, is_boundary
from extractors.fields.unit_sources import unit_sources
from extractors.fold import fold


def addresses_nobody(value: str) -> bool:
    """A "Kính gửi:" left empty that ran into the next sentence ("Kính gửi: Chúng tôi ghi tên dưới đây:")."""
    return bool(unit_sources().addressee.rx("not_addressee").match(fold(value)))


def with_seat(refs: list[Ref], hit: Hit) -> str:
    """A "Kính gửi" council with the body it sits in when that stands alone on the next line, as a centred
    heading is set ("Kính gửi: Hội đồng Khoa học và Công nghệ cơ sở" / "Trung tâm Kiểm soát bệnh tật …"); text
    layers already join such a wrapped line, a Word paragraph does not."""
    value = hit.value.strip(" .;-–")
    nxt = refs[hit.end] if hit.end < len(refs) else None
    if (nxt is None or nxt.line.cells or is_boundary(nxt) or not fold(value).startswith("hoi dong")
            or not unit_sources().starts_unit(nxt.folded)):
        return value
    return f"{value} {nxt.text.strip(' .;')}"


def closing_addressee(refs: list[Ref]) -> Extracted:
    """The council named in a request sentence, read over the lines the sentence wrapped onto."""
    rule = unit_sources().addressee
    for ref in refs:
        if ref.line.cells:
            continue
        lines = [ref, *continuation(refs, ref, limit=2)]
        text = " ".join(r.text.strip() for r in lines)
        match = rule.rx("pattern").search(fold(text))
        if match:
            council = " ".join(text[match.start("council"): match.end("council")].split()).strip(" ,.;")
            return Extracted.at(council, rule.confidence, ref, "addressee-request-sentence", lines=lines[1:])
    return MISSING
