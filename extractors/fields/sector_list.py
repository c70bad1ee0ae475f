"""A written sector that lists several fields ("Giáo dục, Công nghệ thông tin", "Hành chính – Tư pháp").

Forms ask for one field; a writer who lists several puts the main one first (a university teacher's "Giáo dục,
Xây dựng", a company's "Chuyển đổi số, Quản lý hành chính, …"), and the council's secretary files the dossier
under the first listed field that names a sector. Counting keyword words over the whole list instead lets a long
phrase ("Công nghệ thông tin": four words) outvote a short main field ("Giáo dục": two).
"""

from __future__ import annotations

import re

# Separators between listed fields: commas, semicolons, slashes, spaced dashes, "+" — outside brackets only
# ("Giáo dục (ngoại khoá, hướng nghiệp)" is one field), and never an unspaced hyphen ("V4-Pro").
_SEPARATOR = re.compile(r"\s*[,;/+]\s*|\s+[-–—]\s+")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def listed_fields(raw: str) -> list[str]:
    """The fields a written sector lists, in order; one item when it lists none."""
    masked = _BRACKETS.sub(lambda m: "\x00" * len(m.group()), raw)  # same length: cut offsets stay valid
    items, start = [], 0
    for sep in _SEPARATOR.finditer(masked):
        items.append(raw[start:sep.start()])
        start = sep.end()
    items.append(raw[start:])
    return [item.strip(" .:") for item in items if item.strip(" .:")]
