"""The real-dossier text markup (bench/real/README.md) → the generator's blocks, so a real text is drawn as DOCX,
text PDF and scan exactly like a generated dossier.

One line per paragraph: a plain line is justified, `^ ` starts a centred line, `| a | b |` is a bordered table row,
`:: a :: b` a borderless one (letterheads, signature blocks), a cell's lines are joined by ` // `, `===` is a page
break, blank lines and `#` comments are skipped. Consecutive rows of one kind form one table.
"""

from __future__ import annotations

import re
import unicodedata

from samples.gen_blocks import Block, PageBreak, Para, Run, Table

_TEXT_WIDTH_MM = 160  # A4 between the renderers' margins
_CELL_LINES = " // "
# The PDF renderer writes paragraphs as fpdf2 markdown; a form's blanks ("____", "--") would be read as styling.
_MARKDOWN = ((re.compile(r"_{2,}"), lambda m: "…" * (len(m.group()) // 2 or 1)),
             (re.compile(r"\*{2,}"), lambda m: "*"),
             (re.compile(r"-{2,}"), lambda m: "–"))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.strip())
    for pattern, replace in _MARKDOWN:
        text = pattern.sub(replace, text)
    return text


def _kind(line: str) -> str:
    if line == "===":
        return "break"
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        return "grid"
    if line.startswith("::"):
        return "plain-table"
    return "para"


def _cells(line: str, kind: str) -> list[str]:
    parts = line[1:-1].split("|") if kind == "grid" else line[2:].split("::")
    return ["\n".join(_clean(piece) for piece in part.split(_CELL_LINES)) for part in parts]


def _table(rows: list[list[str]], kind: str) -> Table:
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    widths = (43.0, 57.0) if kind == "plain-table" and width == 2 else (_TEXT_WIDTH_MM / width,) * width
    if kind == "grid":
        return Table(tuple(map(tuple, rows)), widths, header_rows=1, borders=True, align="L", size=11.5)
    return Table(tuple(map(tuple, rows)), widths, header_rows=0, borders=False, align="C", size=12.0)


def _para(line: str) -> Para:
    if line.startswith("^ "):
        return Para((Run(_clean(line[2:]), bold=True),), align="C", space_after=2.0)
    return Para((Run(_clean(line)),), align="J")


def parse(markup: str) -> list[Block]:
    """The blocks of a case text: paragraphs, tables and page breaks in reading order."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    rows_kind = ""

    def close_table() -> None:
        if rows:
            blocks.append(_table(rows, rows_kind))
            rows.clear()

    for raw in markup.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind = _kind(line)
        if kind in ("grid", "plain-table"):
            if kind != rows_kind:
                close_table()
            rows_kind = kind
            rows.append(_cells(line, kind))
            continue
        close_table()
        rows_kind = ""
        blocks.append(PageBreak() if kind == "break" else _para(line))
    close_table()
    return blocks
