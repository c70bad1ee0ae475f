"""What stands where a name or a workplace should but is none: a template's placeholder ("[Họ tên tác giả]",
"(ghi rõ họ tên)", "Tập thể …", dot leaders, "xxx", the example "Nguyễn Văn A"), a position ("Phó Giám đốc Sở …"),
a phone number or e-mail written under a workplace. The patterns are data (extractors/fields/rules/authors.yaml)."""

from __future__ import annotations

import re

from extractors.fields.author_rules import author_rules
from extractors.fields.unit_debris import without_trailing_debris
from extractors.fold import squash


def is_placeholder(text: str) -> bool:
    """What a template leaves where a name goes."""
    rules = author_rules()
    return bool(rules.placeholder.search(squash(text)) or rules.example.search(text.strip()))


def is_position(text: str) -> bool:
    """'Phó Giám đốc Sở …', 'giáo viên': a position, never a name."""
    return bool(author_rules().position.match(squash(text)))


_POSITION_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[,:;]\s*")


def without_position(workplace: str | None) -> str | None:
    """'Phó hiệu trưởng - Trường Tiểu học X' → 'Trường Tiểu học X': a workplace cell that starts with the author's
    position, set apart by a dash or a comma, keeps only what follows."""
    if not workplace:
        return workplace
    m = _POSITION_SEPARATOR.search(workplace)
    if m and m.end() < len(workplace) and is_position(workplace[:m.start()]):
        return workplace[m.end():].strip() or workplace
    return workplace


_PARTS = re.compile(r"\s+[-–—]\s+|\s*,\s*")


def _unfilled(text: str) -> bool:
    """A template's text; not the example letter of a name ("Nguyễn Văn A"): units end in letters ("Lương B")."""
    return bool(author_rules().placeholder.search(squash(text)))


def without_placeholders(workplace: str | None) -> str | None:
    """'Khoa/Phòng [Tên khoa phòng của bạn] - Trung tâm Y tế X' → 'Trung tâm Y tế X': the parts of a workplace that
    a template left unfilled are dropped; a workplace that is all placeholder is none."""
    if not workplace or not _unfilled(workplace):
        return workplace
    parts = [p for p in _PARTS.split(workplace) if p.strip() and not _unfilled(p)]
    return ", ".join(parts) if parts else None


def clean_workplace(workplace: str | None) -> str | None:
    """A workplace as written without the author's position, contact details, a template's placeholders or the
    specks OCR leaves after it ("Khoa Xây dựng _.")."""
    cleaned = without_placeholders(without_position(without_contacts(workplace)))
    return without_trailing_debris(cleaned) if cleaned else cleaned


def without_contacts(workplace: str | None) -> str | None:
    """'Khoa Xây dựng 0939123475 an@gmail.com' → 'Khoa Xây dựng': a workplace cell ends where contact details start."""
    if not workplace:
        return workplace
    m = author_rules().contact.search(workplace)
    return (workplace[:m.start()].rstrip(" ,;:-–/") or None) if m else workplace
