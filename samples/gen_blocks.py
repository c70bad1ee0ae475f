"""The medium-independent content of a generated document: paragraphs, tables and page breaks.

A form builder produces a list of blocks once; the DOCX and PDF renderers draw the same list, so every medium of
one dossier carries the same text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# fpdf2 markdown markers: document text must never contain them.
_MARKDOWN = ("**", "__", "--")


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with one formatting; `sup` marks a footnote number glued to a label."""

    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph. `align` is L, C, R or J; `indent` is a left indent in millimetres."""

    runs: tuple[Run, ...]
    align: str = "J"
    size: float = 13.0
    indent: float = 0.0
    space_after: float = 1.5

    @property
    def text(self) -> str:
        """The plain text of the paragraph."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Table:
    """A table; the first `header_rows` rows are bold, `caption` is a first row merged across all columns.

    A table without borders lays out two-column letterheads and signature blocks.
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header_rows: int = 1
    caption: str | None = None
    borders: bool = True
    align: str = "L"
    size: float = 11.5


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


Block = Para | Table | PageBreak


def nfc(text: str) -> str:
    """Normalise to NFC and refuse text that would be read as fpdf2 markdown."""
    text = unicodedata.normalize("NFC", text)
    if any(marker in text for marker in _MARKDOWN):
        raise ValueError(f"generated text contains a markdown marker: {text!r}")
    return text


def para(*parts: str | Run, align: str = "J", size: float = 13.0, indent: float = 0.0,
         bold: bool = False, italic: bool = False, space_after: float = 1.5) -> Para:
    """A paragraph from plain strings (formatted with `bold`/`italic`) and ready-made runs."""
    runs = tuple(part if isinstance(part, Run) else Run(nfc(part), bold=bold, italic=italic) for part in parts)
    return Para(runs, align=align, size=size, indent=indent, space_after=space_after)


def heading(text: str, size: float = 13.0, align: str = "C", space_after: float = 2.0) -> Para:
    """A bold heading line, centred by default."""
    return para(text, align=align, size=size, bold=True, space_after=space_after)


def kv(label: str, value: str, indent: float = 0.0, note: str = "") -> Para:
    """A key-value line: the label in bold, `note` a glued footnote number, then ': ' and the value."""
    runs = [Run(nfc(label), bold=True)]
    if note:
        runs.append(Run(note, bold=True, sup=True))
    runs.append(Run(nfc(": " + value) if value else ":"))
    return Para(tuple(runs), indent=indent)


def table(rows: list[list[str]], widths: list[float], **options) -> Table:
    """A table from lists of cell strings (normalised)."""
    caption = options.pop("caption", None)
    return Table(tuple(tuple(nfc(cell) for cell in row) for row in rows), tuple(widths),
                 caption=nfc(caption) if caption else None, **options)


def letterhead(left: list[str], right: list[str]) -> Table:
    """The two-column header of Vietnamese official documents: agency on the left, national motto on the right."""
    height = max(len(left), len(right))
    rows = [[left[i] if i < len(left) else "", right[i] if i < len(right) else ""] for i in range(height)]
    return table(rows, [43, 57], header_rows=height, borders=False, align="C", size=11.0)


def plain_text(blocks: list[Block]) -> str:
    """All text of the blocks, one line per paragraph or table row (cells joined by ' | ')."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines.append(block.text)
        elif isinstance(block, Table):
            caption = ((block.caption,),) if block.caption else ()
            lines.extend(" | ".join(row) for row in caption + block.rows)
    return "\n".join(lines)
