"""Signature blocks: a role heading ("NGƯỜI NỘP ĐƠN", "ĐỒNG TÁC GIẢ", "THỦ TRƯỞNG ĐƠN VỊ"), a hint ("(Ký, ghi rõ
họ tên)"), room to sign, and the signer's name under it — often two blocks side by side.

Side-by-side blocks are kept apart by what the reader kept of the columns: the cells of a borderless table
(DOCX), the word boxes of OCR lines (a wide gap between words starts another column), else, in a PDF text layer
where both columns merge into one line, by order: the i-th name under the i-th role. That last way is a guess
when a line names fewer people than there are roles, and the block says so (`sure`).
The roles are data (extractors/fields/rules/authors.yaml): `author` roles sign as authors, `head` roles are the
unit's head or a confirming body, whose signer is never an author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from extractors.fields.author_rules import author_rules
from extractors.fields.lines import Ref, clean_text
from extractors.fields.person_names import as_name, name_run, split_merged
from extractors.fold import fold
from extractors.model import Word


@dataclass(frozen=True)
class SignatureBlock:
    """One signature block: its role heading as written, whether it signs as an author or as the unit's head,
    the names under it, the line of its heading, and whether its names are surely its own (`sure`)."""

    role: str
    kind: str  # "author" | "head"
    names: tuple[str, ...]
    ref: Ref
    sure: bool = True


@dataclass
class _Column:
    """A column of a signature zone being read: its roles, the text under them, where it lies on the line."""

    roles: list[tuple[str, str]] = field(default_factory=list)  # (kind, role as written)
    pieces: list[str] = field(default_factory=list)
    span: tuple[float, float] | None = None
    sure: bool = True


def _roles(text: str) -> tuple[list[tuple[str, str, int, int]], str]:
    """The roles in `text` (kind, as written, start, end) and what is left with roles, hints and filler blanked."""
    rules = author_rules().signature
    folded = fold(text)
    roles: list[tuple[str, str, int, int]] = []
    for m in rules.roles.finditer(folded):
        kind = "head" if m.group("head") else "author"
        if roles and folded[roles[-1][3]:m.start()].strip() == "/":  # "Người nộp đơn/Đại diện nhóm": one role
            kind, _, start, _ = roles.pop()
            roles.append((kind, text[start:m.end()], start, m.end()))
        elif m.end() > m.start():
            roles.append((kind, text[m.start():m.end()], m.start(), m.end()))
    left = folded
    for pattern in (rules.signed_at, rules.roles, rules.hints, rules.filler):
        left = pattern.sub(lambda m: " " * len(m.group()), left)
    return roles, left


def _is_role_text(text: str) -> bool:
    """A heading of roles only (at most `role_leftover_words` other words, no "label: value"), or roles with the
    signer's name after them on the same line ("NGƯỜI NỘP ĐƠN Đỗ Thanh Thảo": no room left to sign)."""
    roles, left = _roles(text)
    if not roles or ":" in left.strip(" ."):
        return False
    words = re.findall(r"[a-z]{2,}", left)
    return len(words) <= author_rules().signature.role_leftover_words or bool(_names_after_roles(text, roles))


def _names_after_roles(text: str, roles: list[tuple[str, str, int, int]]) -> list[str]:
    """The names written after the last role of a line when only roles and hints come before them."""
    before, after = text[:roles[-1][3]], text[roles[-1][3]:]
    if _without_roles_and_hints(before).strip(" .,:-–/"):
        return []
    return _names_of(_without_roles_and_hints(after))


def _starts_with_role(cell: str) -> bool:
    """A cell opening with a role, maybe after the signing place and date."""
    roles, _ = _roles(cell)
    dated = author_rules().signature.signed_at.match(fold(cell))
    return bool(roles) and not cell[dated.end() if dated else 0:roles[0][2]].strip(" .:-–*")


def is_role_line(ref: Ref) -> bool:
    """A line of signature headings: every filled cell opens with a role, or the whole line is roles."""
    if ref.line.cells:
        filled = [c for c in ref.line.cells if c.strip()]
        return bool(filled) and len(ref.line.cells) <= 4 and all(_starts_with_role(c) for c in filled)
    return _is_role_text(ref.text)


def _is_hint(text: str) -> bool:
    return not author_rules().signature.hints.sub("", fold(text)).strip(" .,;:-–_")


_MERGED_WORDS = 16  # four names of four words; a longer line is a sentence


def _names_of(text: str) -> list[str]:
    """The names a piece of a signature zone (its roles and hints blanked) gives: a run of names ("A, B"), or
    names merged side by side."""
    rest = " ".join(clean_text(text).split()).strip(" /,;:.-–")
    if not rest:
        return []
    run = name_run(rest)
    if run and sum(len(n.split()) for n in run) == len(rest.replace(",", " ").split()):
        return run
    if len(rest.split()) > _MERGED_WORDS:
        return []
    return split_merged(rest) or ([as_name(rest)] if as_name(rest) else [])



def _kind_of_line(ref: Ref) -> str:
    """What a line of a signature zone holds: roles, a hint, names, specks, or something else (the zone ends)."""
    if is_role_line(ref):
        return "role"
    texts = [c for c in ref.line.cells if c.strip()] if ref.line.cells else [ref.text]
    if all(_is_hint(t) for t in texts):
        return "hint"
    left = [_without_roles_and_hints(t) for t in texts]
    if any(_names_of(t) for t in left):
        return "names"
    # Judged on what the roles and hints leave: a stamp's or a signature's stroke read as a letter beside a hint
    # ("(Ký tên, đóng dấu) Ề (Ký, ghi rõ họ tên)") is a speck, not the end of the zone.
    rest = " ".join(left)
    letters = sum(ch.isalpha() for ch in rest)
    return "speck" if letters <= 4 or len(rest.split()) <= 2 and not ref.line.cells else "other"


def _without_roles_and_hints(text: str) -> str:
    rules = author_rules().signature
    folded = fold(text)
    keep = [True] * len(text)
    for pattern in (rules.signed_at, rules.roles, rules.hints):
        for m in pattern.finditer(folded):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    return "".join(ch if k else " " for ch, k in zip(text, keep))


def _zone(refs: list[Ref], start: Ref) -> list[Ref]:
    """The role line and the lines under it that belong to its blocks: more roles, hints, names, specks."""
    zone, seen_names = [start], False
    for ref in refs[start.index + 1: start.index + 1 + author_rules().signature.lines_after_role]:
        if seen_names and ref.file != zone[-1].file:  # the names may be on the next page's file, nothing after them
            break
        kind = _kind_of_line(ref)
        if kind == "other" or (kind == "role" and seen_names):
            break
        seen_names |= kind == "names"
        zone.append(ref)
    return zone


def _segments(words: tuple[Word, ...]) -> list[list[Word]]:
    """Words split where the gap between two is far wider than a space: one list per column."""
    ordered = sorted(words, key=lambda w: w.left)
    if not ordered:
        return []
    gap = 2.5 * median(w.height for w in ordered)
    parts = [[ordered[0]]]
    for before, word in zip(ordered, ordered[1:]):
        if word.left - (before.left + before.width) > gap:
            parts.append([])
        parts[-1].append(word)
    return parts


def _by_cells(zone: list[Ref]) -> list[_Column]:
    columns = [_Column() for _ in zone[0].line.cells]
    for ref in zone:
        for i, cell in enumerate((ref.line.cells or ())[:len(columns)]):
            if cell.strip():
                columns[i].pieces.append(cell)
    return columns


def _by_words(zone: list[Ref]) -> list[_Column]:
    """Columns from word boxes: each role segment opens a column unless it lies over one; other text goes to the
    column it lies under (or the nearest)."""
    columns: list[_Column] = []
    for ref in zone:
        for seg in _segments(ref.line.words):
            text = " ".join(w.text for w in seg)
            span = (seg[0].left, max(w.left + w.width for w in seg))
            over = [c for c in columns if c.span and c.span[0] <= span[1] and span[0] <= c.span[1]]
            if over:
                column = over[0]
            elif _roles(text)[0] or not columns:
                column = _Column(span=span)
                columns.append(column)
            else:
                middle = (span[0] + span[1]) / 2
                column = min(columns, key=lambda c: abs((c.span[0] + c.span[1]) / 2 - middle))
            column.pieces.append(text)
    return sorted(columns, key=lambda c: c.span[0])


def _by_order(zone: list[Ref]) -> list[_Column]:
    """Columns of merged plain lines: one per role in reading order (a role line's single role of the same kind as
    the last role continues that column: "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG"); the i-th name of a line under
    the i-th column, a line with fewer names filling the columns still without one (a guess)."""
    columns: list[_Column] = []
    for ref in zone:
        kind = _kind_of_line(ref)
        if kind == "role":
            roles, _ = _roles(ref.text)
            if len(roles) == 1 and columns and columns[-1].roles and columns[-1].roles[-1][0] == roles[0][0]:
                continue
            columns += [_Column(roles=[(k, text)]) for k, text, _, _ in roles]
            for column, name in zip(columns[-len(roles):], _names_after_roles(ref.text, roles)):
                column.pieces.append(name)
        elif kind == "names" and columns:
            names = _names_of(_without_roles_and_hints(ref.text))
            if len(names) == len(columns):
                targets = columns
            elif len(columns) == 1:
                targets = columns * len(names)
            else:
                empty = [c for c in columns if not c.pieces] or columns
                targets = (empty * len(names))[:len(names)]
                for column in targets:
                    column.sure = False
            for column, name in zip(targets, names):
                column.pieces.append(name)
    return columns


def _blocks(zone: list[Ref]) -> list[SignatureBlock]:
    head = zone[0]
    if head.line.cells:
        columns = _by_cells(zone)
    elif head.line.words and all(r.line.words for r in zone):
        columns = _by_words(zone)
    else:
        columns = _by_order(zone)
    blocks = []
    for column in columns:
        names: list[str] = []
        for piece in column.pieces:
            roles, _ = _roles(piece)
            column.roles += [(k, text) for k, text, _, _ in roles]
            names += [n for n in _names_of(_without_roles_and_hints(piece)) if n not in names]
        if column.roles:
            kind = "head" if any(k == "head" for k, _ in column.roles) else "author"
            blocks.append(SignatureBlock(" ".join(t for _, t in column.roles), kind, tuple(names), head, column.sure))
    return blocks


def signature_blocks(refs: list[Ref]) -> list[SignatureBlock]:
    """Every signature block of the dossier, in reading order (left to right within a line)."""
    blocks, index = [], 0
    while index < len(refs):
        ref = refs[index]
        if not is_role_line(ref):
            index += 1
            continue
        zone = _zone(refs, ref)
        blocks += _blocks(zone)
        index = zone[-1].index + 1
    return blocks
