"""Authors and the unit: from author tables, key–value blocks ("Họ và tên: …", also as two-column table rows,
lines.py) or cover lines ("Tác giả: A, B"); without any, from signature blocks and prose
(extractors/fields/authors_unlabelled.py).

Tables that follow a "Danh sách những người đã tham gia áp dụng thử…" heading list helpers, never authors.
Strategies are tried from the most structured to the least; the first that finds a name wins. What a template
leaves in place of a name ("[Họ tên tác giả]", "Nguyễn Văn A", "Tập thể") is no author.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.fields.authors_unlabelled import unlabelled_authors
from extractors.fields.lines import MISSING, Extracted, Hit, Ref, find_labels, first_label
from extractors.fields.person_names import name_run, proper_case
from extractors.fields.placeholders import clean_workplace, is_placeholder, is_position
from extractors.fields.ruleset import labels
from extractors.fields.unit_evidence import inferred_unit, named_unit
from extractors.fields.units import snap
from extractors.fields.values import clean_name, looks_like_name, parse_date, parse_percent, split_names
from extractors.fold import squash

_KEYS = ("name", "birth_date", "workplace", "position", "qualification", "contribution_pct")


def _author(**values) -> dict:
    return {key: values.get(key) for key in _KEYS} | {"workplace": clean_workplace(values.get("workplace"))}


def _honorifics() -> re.Pattern:
    return re.compile(labels().honorifics)


def _split_position_unit(text: str) -> tuple[str | None, str | None]:
    """'Giáo viên, Trường THCS Quang Sơn, TP Tam Điệp' → ('Giáo viên', 'Trường THCS Quang Sơn, TP Tam Điệp')."""
    head, sep, tail = text.partition(",")
    return (head.strip() or None, tail.strip() or None) if sep else (None, text.strip() or None)


def _helpers_heading_before(refs: list[Ref], index: int) -> bool:
    heading = re.compile(labels().author_table.not_authors_heading)
    return any(heading.search(r.folded) for r in refs[max(0, index - 3):index])


# OCR glues punctuation between words of a header cell ("Nơi,làm việc").
_GLUED_PUNCT = re.compile(r"(?<=\w)[,.;](?=\w)")
# A bracketed note in a header or name cell: "Họ và tên (Ghi rõ tỷ lệ % đóng góp)", "Trần Thị Hoa (60%)".
_BRACKETED = re.compile(r"\([^()]*\)")


def _header_columns(ref: Ref) -> dict[str, int] | None:
    """Column index per author key when `ref` is an author-table header row."""
    if not ref.line.cells or len(ref.line.cells) < 3:  # a signature block is a table too, of two cells
        return None
    spec = labels().author_table
    folded = [squash(_GLUED_PUNCT.sub(" ", _BRACKETED.sub(" ", c))) for c in ref.line.cells]
    name_col = next((i for i, c in enumerate(folded) if re.search(spec.name, c)), None)
    if name_col is None:
        return None
    columns = {"name": name_col}
    for key, pattern in spec.columns.items():
        col = next((i for i, c in enumerate(folded) if i not in columns.values() and re.search(pattern, c)), None)
        if col is not None and key not in columns:
            columns[key] = col
    return columns


def _row_author(cells: tuple[str, ...], columns: dict[str, int]) -> dict | None:
    def cell(key: str) -> str | None:
        i = columns.get(key)
        return cells[i].strip() if i is not None and i < len(cells) and cells[i].strip() else None

    name = clean_name(_BRACKETED.sub(" ", cell("name") or ""), _honorifics())
    if not name:
        return None
    position, workplace = cell("position"), cell("workplace")
    if cell("position_unit"):
        position, workplace = _split_position_unit(cell("position_unit"))
    birth = parse_date(cell("birth_date") or "")
    pct = parse_percent(cell("contribution_pct") or "")
    if pct is None and "contribution_pct" not in columns:  # the share written beside the name
        pct = parse_percent(" ".join(_BRACKETED.findall(cell("name") or "")))
    return _author(name=name, birth_date=birth[0] if birth else None, workplace=workplace, position=position,
                   qualification=cell("qualification"), contribution_pct=pct)


def from_table(refs: list[Ref]) -> tuple[list[dict], Ref] | None:
    """Authors from the first author table (rows with cells) not under a helpers heading."""
    for ref in refs:
        columns = _header_columns(ref)
        if columns is None or "helper_task" in columns or _helpers_heading_before(refs, ref.index):
            continue  # a column for the help given, or a helpers heading: people who applied it, not authors
        authors = []
        for row in refs[ref.index + 1:]:
            if not row.line.cells:
                break
            found = _row_author(row.line.cells, columns)
            if found:
                authors.append(found)
        if authors:
            return authors, ref
    return None


def _block_value(refs: list[Ref], start: int, end: int, field: str) -> str | None:
    hit = next(find_labels(refs[:end], labels().rules(field), start), None)
    return hit.value if hit and hit.value else None


def from_key_values(refs: list[Ref]) -> tuple[list[dict], Ref] | None:
    """Authors from "Họ và tên: …" blocks, each read up to the next name or eight lines."""
    names = [h for h in find_labels(refs, labels().rules("author_block")) if h.value]
    names = [h for h in names if not _helpers_heading_before(refs, h.ref.index)]
    authors = []
    for i, hit in enumerate(names):
        end = min(names[i + 1].ref.index if i + 1 < len(names) else len(refs), hit.ref.index + 9)
        start = hit.ref.index  # the name's own line may go on with "Ngày sinh: …", "Chức vụ: …"
        position, workplace = _block_value(refs, start, end, "position"), _block_value(refs, start, end, "unit")
        joint = _block_value(refs, start, end, "position_unit")
        if joint:
            position, workplace = _split_position_unit(joint)
        birth = parse_date(_block_value(refs, start, end, "birth_date") or "")
        lead, *others = _names_in(_names_text(hit))
        authors.append(_author(
            name=lead, birth_date=birth[0] if birth else None, workplace=workplace,
            position=position, qualification=_block_value(refs, start, end, "qualification"),
            contribution_pct=parse_percent(_block_value(refs, start, end, "contribution") or "")))
        authors.extend(_author(name=n) for n in others)
    return (_unique(authors), names[0].ref) if authors else None


def _names_text(hit: Hit) -> str:
    """The text naming people after a label: with the lines it wrapped onto when every part then has the shape
    of a name ("…, Trần" / "Quốc Tuấn"), else its own line only (OCR may glue the next heading on)."""
    parts = [clean_name(n, _honorifics()) for n in split_names(hit.value)]
    return hit.value if parts and all(looks_like_name(p) for p in parts) else hit.head


def _names_in(value: str) -> list[str]:
    """The names a "Họ và tên" value gives: usually one; "A, B" when every part has the shape of a name."""
    parts = [clean_name(n, _honorifics()) for n in split_names(value)]
    names = [p for p in parts if not is_position(p)]  # "Nguyễn Văn An, Phó Giám đốc Sở …"
    if names and (len(parts) > 1) and all(looks_like_name(p) for p in names):
        return names
    return [clean_name(value, _honorifics())]


def _unique(authors: list[dict]) -> list[dict]:
    """Each person once (a cover and the body may both name them), first mention kept."""
    seen, out = set(), []
    for author in authors:
        key = squash(author["name"])
        if key not in seen:
            seen.add(key)
            out.append(author)
    return out


def from_cover_line(refs: list[Ref]) -> tuple[list[dict], Ref] | None:
    """Authors from "Tác giả/ các tác giả: A, B" or "Người thực hiện: A"."""
    hit = first_label(refs, labels().rules("author_list"))
    if not hit:
        return None
    names = [clean_name(n, _honorifics()) for n in split_names(_names_text(hit))]
    names = [n for n in names if looks_like_name(n) and not is_position(n)] or name_run(hit.value)
    if not names:  # name_run: the names leading a value that goes on ("Trịnh Văn Đạt - Sinh ngày …")
        return None
    position = _block_value(refs, hit.ref.index + 1, hit.ref.index + 6, "position")
    return [_author(name=n, position=position if i == 0 else None) for i, n in enumerate(names)], hit.ref


STRATEGIES = [(from_table, "author-table", 0.9), (from_key_values, "author-key-value", 0.85),
              (from_cover_line, "author-cover", 0.88)]


def _co_authors(refs: list[Ref], known: list[dict]) -> list[dict]:
    """Names on an "Đồng tác giả: …" line ("Không" names nobody) that no strategy listed yet."""
    hit = first_label(refs, labels().rules("co_author"))
    if not hit or hit.value_ref is not hit.ref:
        return []
    names = {a["name"] for a in known}
    found = [clean_name(n, _honorifics()) for n in split_names(_names_text(hit))]
    return [_author(name=n) for n in found if looks_like_name(n) and n not in names]


PLACEHOLDER_CONFIDENCE = 0.3


def extract_authors(refs: list[Ref]) -> Extracted:
    """The authors, lead first, by the first strategy that finds any real name; else signature blocks and prose;
    else, when an author label holds only a template's placeholder, no author with the reason for the reviewer."""
    placeholder = None
    for strategy, rule_id, confidence in STRATEGIES:
        found = strategy(refs)
        if found:
            authors, ref = found
            real = [a | {"name": proper_case(a["name"])} for a in authors + _co_authors(refs, authors)
                    if not is_placeholder(a["name"])]
            if real:
                return Extracted.at(real, confidence, ref, rule_id)
            placeholder = placeholder or ref
    unlabelled = unlabelled_authors(refs)
    if unlabelled:
        return Extracted.at([_author(name=n) for n in unlabelled.names], unlabelled.confidence, unlabelled.ref,
                            unlabelled.rule_id)
    placeholder = placeholder or _placeholder_label(refs)
    if placeholder:
        return Extracted(None, PLACEHOLDER_CONFIDENCE, placeholder.file, placeholder.page, placeholder.text[:200],
                         "author-placeholder", doubts=("placeholder-author",))
    return MISSING


def _placeholder_label(refs: list[Ref]) -> Ref | None:
    """The first author label whose value is a template's placeholder ("Tác giả: Tập thể …", "Họ và tên: ……"), or
    an author table whose rows leave the name blank."""
    for field in ("author_block", "author_list"):
        hit = next((h for h in find_labels(refs, labels().rules(field)) if h.value and is_placeholder(h.value)), None)
        if hit:
            return hit.ref
    return next((ref for ref in refs if _blank_author_table(refs, ref)), None)


def _blank_author_table(refs: list[Ref], ref: Ref) -> bool:
    columns = _header_columns(ref)
    if columns is None or "helper_task" in columns or _helpers_heading_before(refs, ref.index):
        return False
    row = refs[ref.index + 1] if ref.index + 1 < len(refs) else None
    return bool(row and row.line.cells and len(row.line.cells) > columns["name"]
                and not clean_name(row.line.cells[columns["name"]], _honorifics()))


UNIT_KNOWN_CONFIDENCE = 0.9


def extract_unit(refs: list[Ref], authors: Extracted, title: Extracted = MISSING) -> Extracted:
    """The lead author's unit, snapped to its canonical name when the unit registry knows it; without any unit
    label, the unit the letterhead, a signing block or the title's tail names (unit_evidence.py)."""
    found = _unit_as_written(refs, authors)
    if found.value is None:
        return inferred_unit(refs, title)
    found = named_unit(refs, found)
    snapped = snap(found.value) if found.value else None
    if not snapped:
        return found
    # A unit the registry knows is a real unit's name, whatever OCR made of its letters.
    confidence = max(found.confidence, round(UNIT_KNOWN_CONFIDENCE * snapped[1], 3))
    rule_id = found.rule_id if snapped[0] == found.value else f"{found.rule_id}+registry"
    return replace(found, value=snapped[0], confidence=confidence, rule_id=rule_id)


def _unit_as_written(refs: list[Ref], authors: Extracted) -> Extracted:
    """The lead author's workplace; else the first unit label ("Đơn vị công tác: …")."""
    lead = authors.value[0] if authors.value else None
    if lead and lead.get("workplace"):
        return Extracted(lead["workplace"], authors.confidence, authors.file, authors.page, authors.snippet,
                         "unit-from-author")
    hit = first_label(refs, labels().rules("unit"))
    value = clean_workplace(hit.value.strip(" .;:")) if hit else None
    if value:  # a key–value table's row ("Đơn vị công tác | …") says so in its rule id
        return Extracted.at(value, hit.rule.confidence, hit.value_ref,
                            hit.rule.id + ("-table" if hit.ref.line.cells else ""), lines=hit.lines(refs))
    hit = first_label(refs, labels().rules("position_unit"))
    value = clean_workplace(_split_position_unit(hit.value)[1]) if hit else None
    if value:
        return Extracted.at(value, hit.rule.confidence, hit.value_ref, hit.rule.id)
    return MISSING
