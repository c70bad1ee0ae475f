"""Authors named in a sentence: "Nhóm tác giả gồm: cô Nguyễn Thị Lan, cô Trần Thị Hoa và thầy LÊ VĂN CƯỜNG",
"Tôi tên là …", "Chúng tôi là …, giáo viên …". The introducing phrases are data (rules/authors.yaml
`prose_intro`); the names are read by `person_names.name_run` (a surname, capitalised syllables; capitals made
proper case), which stops at the first word that is not part of a name, so a unit or a position after them is
never taken.
"""

from __future__ import annotations

from extractors.fields.author_rules import author_rules
from extractors.fields.lines import Ref, continuation
from extractors.fields.person_names import name_run


def prose_names(refs: list[Ref]) -> tuple[list[str], Ref] | None:
    """The names of the first introducing phrase followed by at least one name, and its line."""
    for ref in refs:
        if ref.line.cells:
            continue
        for intro in author_rules().intros:
            for m in intro.finditer(ref.folded):
                text = " ".join([ref.text[m.end():], *(r.text for r in continuation(refs, ref))])
                names = name_run(text)
                if names:
                    return names, ref
    return None
