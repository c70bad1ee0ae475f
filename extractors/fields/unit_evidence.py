"""The unit when no label names it: from the letterhead, a signing block or the title's tail, and how sure that is.

Each strategy alone is weaker than a labelled line (letterheads may name a parent body, a title may end with the
place rather than the unit), so its value stays under the review threshold. Two independent sources naming the
same unit — two strategies, or the letterheads of two documents of the dossier — make it sure.
A department labelled by its noun ("Khoa, phòng: Sơ sinh") is read as "Khoa Sơ sinh", one more source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import chain

from extractors.fields.casing import proper_case
from extractors.fields.known_phrases import ocr_respelt
from extractors.fields.letterhead import Found, letterhead_units
from extractors.fields.lines import MISSING, Extracted, Ref, clean_text, find_labels, in_capitals, is_boundary
from extractors.fields.ruleset import labels
from extractors.fields.signature_unit import signature_units
from extractors.fields.title_tail import tail_unit, title_tail_units
from extractors.fields.unit_sources import unit_sources
from extractors.fields.units import normalise, registry, similarity, snap
from extractors.fold import fold


def _key(unit: str) -> str:
    return normalise(unit, registry().abbreviations)


def same_unit(a: str, b: str) -> bool:
    """One unit: the same name (a letter or two apart), or one the tail of the other ("THCS X" / "Trường THCS X")."""
    ka, kb = _key(a), _key(b)
    short, long = sorted((ka, kb), key=len)
    return bool(short) and (long == short or long.endswith(" " + short)
                            or similarity(ka, kb) >= registry().min_similarity)


def _confidence(found: Found) -> float:
    rules = unit_sources()
    return {"unit-letterhead": rules.letterhead.confidence, "unit-signature": rules.signature.confidence,
            "unit-department-label": rules.department_label.confidence,
            "unit-title-tail": rules.title_tail.confidence,
            "unit-author-line": rules.author_line.confidence}[found.rule_id]


def _independent(found: Found, others: list[Found]) -> list[Found]:
    """The other sources that name the same unit: another strategy, or another file's letterhead."""
    def apart(other: Found) -> bool:
        files = {r.file for r in found.refs} ^ {r.file for r in other.refs}
        return other.rule_id != found.rule_id or bool(files)
    return [o for o in others if o is not found and apart(o) and same_unit(found.value, o.value)]


def _extracted(found: Found, confidence: float, rule_id: str, title: Extracted) -> Extracted:
    value = found.value
    snapped = snap(value)
    if snapped:  # the registry's spelling of a known unit; the confidence stays what the evidence is worth
        value, rule_id = snapped[0], f"{rule_id}+registry"
    if not found.refs:  # the title's tail when the title's own line is not known
        return replace(title, value=value, confidence=round(confidence, 3), rule_id=rule_id, box=None, doubts=())
    return Extracted.at(value, confidence, found.refs[0], rule_id, lines=found.refs[1:])


def department_units(refs: list[Ref]) -> list[Found]:
    """The first department labelled by its noun ("Khoa, phòng: Sơ sinh" → "Khoa Sơ sinh")."""
    rule = unit_sources().department_label
    for ref in refs:
        match = rule.rx("pattern").match(ref.key)
        value = clean_text(ref.text[match.end():]).strip(" .;:") if match else ""
        if value:
            named = value if ref.folded[match.end():].strip().startswith(rule.noun.lower()) else f"{rule.noun} {value}"
            return [Found(named, (ref,), "unit-department-label")]
    return []


def _author_values(refs: list[Ref]) -> Iterator[tuple[Ref, str]]:
    """The values of author labels, and the lines under a bare author heading ("TÁC GIẢ")."""
    for hit in find_labels(refs, [*labels().rules("author_list"), *labels().rules("author_block")]):
        yield hit.value_ref, hit.value
    heading = unit_sources().author_line.rx("heading")
    for ref in refs[:-1]:
        if heading.match(ref.key):
            yield refs[ref.index + 1], refs[ref.index + 1].text


def author_line_units(refs: list[Ref]) -> list[Found]:
    """The unit an author line names when it names no one ("Tác giả: Cá nhân thuộc Đội đường sắt X (…)"); read
    only when no author gave a workplace, as every inferred unit is."""
    aside = unit_sources().author_line.rx("aside")
    for ref, value in _author_values(refs):
        unit = tail_unit(aside.split(clean_text(value), maxsplit=1)[0], prose_after=False)  # the unit ends it
        if unit:
            return [Found(unit, (ref,), "unit-author-line")]
    return []


def investor_units(refs: list[Ref]) -> list[Found]:
    """The organisation on the investor line ("Chủ đầu tư …: Nguyễn Thị An, trường THCS X" → "trường THCS X")."""
    rule, sources = unit_sources().investor, unit_sources()
    for ref in refs:
        match = rule.rx("pattern").match(ref.key)
        if match:
            parts = rule.rx("parts").split(clean_text(ref.text[match.end():]).strip(" .;:|"))
            return [Found(part, (ref,), "unit-investor") for part in parts[:3] if sources.starts_unit(fold(part))][:1]
    return []


BACKING_ONLY = {"unit-investor"}  # sources that may agree with another but are never the unit on their own


def inferred_unit(refs: list[Ref], title: Extracted) -> Extracted:
    """The best-supported unit among an author line, the letterheads, signing blocks, a department's label and the
    title's tail (in that order of trust: the author line says whose unit it is); the investor line only backs one."""
    found = (author_line_units(refs) + letterhead_units(refs) + signature_units(refs) + department_units(refs)
             + (title_tail_units(title, refs) if title.value else []) + investor_units(refs))
    standing = [f for f in found if f.rule_id not in BACKING_ONLY]
    if not standing:
        return MISSING
    support = {id(f): _independent(f, found) for f in standing}
    best = max(standing, key=lambda f: (len({o.rule_id for o in support[id(f)]}) + bool(support[id(f)]),
                                        -found.index(f)))
    agreeing = support[id(best)]
    if agreeing:
        rules = "+".join(dict.fromkeys([best.rule_id, *(o.rule_id for o in agreeing)]))
        return _extracted(best, unit_sources().agreed_confidence, rules, title)
    return _extracted(best, _confidence(best), best.rule_id, title)


def _name_lines(refs: list[Ref]) -> Iterator[Found]:
    """Lines that are only an organisation's name in capitals, as a cover or a second cover sets it (read lazily:
    the letterhead or a signing block usually answers first)."""
    return (_wrapped_name(refs, r) for r in refs
            if not r.line.cells and ":" not in r.text and len(r.text.split()) <= 16 and in_capitals(r.text)
            and unit_sources().starts_unit(r.folded))


def _wrapped_name(refs: list[Ref], ref: Ref) -> Found:
    """The name line with the few words a text layer or OCR wrapped onto the next line ("… KAMPONG" / "THOM")."""
    lines = [ref]
    nxt = refs[ref.index + 1] if ref.index + 1 < len(refs) else None
    if (nxt is not None and ref.method != "docx" and in_capitals(nxt.text) and len(nxt.text.split()) <= 3
            and not is_boundary(nxt) and not unit_sources().starts_unit(nxt.folded)):
        lines.append(nxt)
    name = " ".join(clean_text(r.text) for r in lines).strip(" .;")
    return Found(proper_case(ocr_respelt(name, tuple(lines))), tuple(lines), "unit-name-line")


def named_unit(refs: list[Ref], found: Extracted) -> Extracted:
    """A workplace naming its organisation only by its kind ("Ban Giám đốc Công ty") as the letterhead or a
    signing block names it ("CÔNG TY TNHH …"): two sources, so sure; with no such name, less sure than written."""
    rules = unit_sources()
    match = rules.rx("unnamed_end").search(_key(found.value))
    if not match:
        return found
    kind = match.group("kind")
    named = next((f for f in chain(letterhead_units(refs), signature_units(refs), _name_lines(refs))
                  if _key(f.value).startswith(kind + " ") and not rules.rx("unnamed_end").search(_key(f.value))),
                 None)
    if named is None:
        return replace(found, confidence=round(found.confidence * rules.unnamed_factor, 3),
                       rule_id=f"{found.rule_id}+unnamed")
    return _extracted(named, rules.agreed_confidence, f"{found.rule_id}+{named.rule_id}", found)
