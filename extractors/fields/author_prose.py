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
        # the line with the ones it wraps onto: a phrase may be cut by the line's end ("… Ba chúng" / "tôi - cô …")
        lines = [ref, *continuation(refs, ref)]
        text, folded = " ".join(r.text for r in lines), " ".join(r.folded for r in lines)
        for intro in author_rules().intros:
            for m in intro.finditer(folded, 0, len(folded)):
                if m.start() >= len(ref.folded):
                    break
                names = name_run(text[m.end():])
                if names:
                    return names, ref
    return None
