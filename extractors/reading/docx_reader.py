"""DOCX reader: the body's paragraphs and table rows, in document order, as NFC `Line`s.

Walks the body XML instead of `Document.iter_inner_content()`, which skips content controls (`w:sdt`,
used by Word's cover pages) and tracked insertions (`w:ins`). A table row becomes one `Line` whose `cells`
are the row's cells, a merged cell once. Headers, footers and footnotes are left out.
Page numbers are approximate: DOCX has no pages, only the breaks Word last rendered or was told to make.
Each run's text is converted from TCVN3/VNI when its font (or its characters) says so (`legacy_text`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell, _Row
from lxml import etree

from extractors.errors import DossierError, FailureKind
from extractors.model import Document, Line, Page, nfc
from extractors.reading.docx_fonts import RunFonts
from extractors.reading.legacy_text import convert_run
from extractors.reading.ocr import OcrPages
from extractors.reading.textclean import clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PAGE = "\f"  # page-break marker inside flattened text; XML 1.0 cannot contain it, so it never clashes
_CONTAINERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"}
_SKIP = {_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _MC + "Fallback"}  # Fallback repeats its Choice
_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-",
         _W + "softHyphen": "\u00ad", _W + "lastRenderedPageBreak": _PAGE}  # TCVN3 "ư" is a soft hyphen


def read_docx(path: str | Path, name: str, *, ocr: OcrPages | None = None) -> Document:
    """Read a .docx body into a `Document` (method "docx"); `ocr` is unused, there for one reader signature."""
    document = _open(path, name)
    fonts = RunFonts(document.styles.element)
    pages = _PageBuilder(nfc(name))
    for block in _blocks(document.element.body):
        if block.tag == _W + "tbl":
            _add_table(pages, Table(block, None), fonts)
        else:
            _add_paragraph(pages, block, fonts)
    return pages.document()


# A real form unpacks to a few MB; a "zip bomb" unpacks to gigabytes and would exhaust memory in python-docx.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200


def _check_not_a_bomb(path: str | Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return  # python-docx reports a broken package with its own message
    unpacked = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if unpacked > MAX_UNPACKED_BYTES or (ratio > MAX_RATIO and unpacked > 10 * 1024 * 1024):
        raise DossierError(FailureKind.bad_input,
                           "Tệp Word bất thường: khi giải nén lớn quá mức (có thể là tệp độc hại).",
                           f"{name}: unpacks to {unpacked} bytes (ratio {ratio:.0f}): refused as a zip bomb")


def _open(path: str | Path, name: str) -> docx.document.Document:
    _check_not_a_bomb(path, name)
    with open(path, "rb") as stream:  # missing or unreadable files raise OSError as themselves
        try:
            return docx.Document(stream)
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
            raise DossierError(FailureKind.bad_input, "Tệp Word bị hỏng hoặc không phải tệp .docx thật.",
                               f"{name}: not a readable .docx: {type(exc).__name__}: {exc}") from exc


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Body-level paragraphs and tables in order, looking inside content controls and tracked insertions."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


def _add_paragraph(pages: _PageBuilder, p: etree._Element, fonts: RunFonts) -> None:
    ppr = p.find(_W + "pPr")
    if ppr is not None and _flag(ppr.find(_W + "pageBreakBefore")):
        pages.new_page()
    for number, chunk in enumerate(_flatten(p, fonts).split(_PAGE)):
        if number:
            pages.new_page()
        for text in chunk.split("\n"):
            pages.add(Line(clean(text)))
    if ppr is not None and _starts_new_page(ppr.find(_W + "sectPr")):
        pages.new_page()


def _add_table(pages: _PageBuilder, table: Table, fonts: RunFonts) -> None:
    for row in table.rows:
        texts = [_flatten(cell._tc, fonts) for cell in _unique_cells(row)]
        if any(_PAGE in text for text in texts):  # the row was pushed onto the next page
            pages.new_page()
        cells = tuple(" ".join(filter(None, map(clean, text.replace(_PAGE, "\n").split("\n")))) for text in texts)
        if any(cells):
            pages.add(Line(" | ".join(cells), cells=cells))


def _unique_cells(row: _Row) -> list[_Cell]:
    """The row's cells, each merged cell once (python-docx repeats a cell per grid column it spans).

    A vertically merged cell is reported with the text of its first row, so each row can be read on its own.
    """
    try:
        cells = row.cells
    except (ValueError, IndexError):  # a vertical merge with nothing above it: take the cells as written
        return [_Cell(tc, row.table) for tc in row._tr.tc_lst]
    unique: dict[int, _Cell] = {}
    for cell in cells:
        unique.setdefault(id(cell._tc), cell)
    return list(unique.values())


def _flatten(element: etree._Element, fonts: RunFonts) -> str:
    """Text of an element: runs, tabs, line breaks as "\\n", page breaks as `_PAGE`, nested paragraphs on own lines."""
    parts: list[str] = []
    for child in element:
        piece = _piece(child)
        if piece is not None:
            parts.append(piece)
        elif child.tag == _W + "r":
            parts.append(_run_text(child, fonts))
        elif child.tag == _W + "p":  # text boxes and nested table cells hold paragraphs of their own
            parts.append("\n" + _flatten(child, fonts) + "\n")
        elif child.tag not in _SKIP:
            parts.append(_flatten(child, fonts))
    return "".join(parts)


def _run_text(run: etree._Element, fonts: RunFonts) -> str:
    """A run's own text converted by its font as one piece (a soft hyphen element splits "n|ư|ớc" in three);
    a text box anchored in the run is read on its own, after it, so it is never converted twice."""
    pieces = [_piece(child) for child in run]
    own = "".join(piece for piece in pieces if piece is not None)
    nested = (_flatten(child, fonts) for child, piece in zip(run, pieces) if piece is None and child.tag not in _SKIP)
    return (convert_run(own, fonts.of(run)) if own else "") + "".join(nested)


def _piece(child: etree._Element) -> str | None:
    """The text a text-like element stands for, or None when `child` is not one."""
    tag = child.tag
    if tag in _TEXT:
        return (child.text or "") if _TEXT[tag] is None else _TEXT[tag]
    if tag == _W + "br":
        return _PAGE if child.get(_W + "type") == "page" else "\n"
    return None


def _flag(element: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not switched off."""
    return element is not None and element.get(_W + "val", "true") not in ("0", "false", "off")


def _starts_new_page(sect_pr: etree._Element | None) -> bool:
    """A section break ending this paragraph starts a new page unless it is continuous (nextPage is the default)."""
    if sect_pr is None:
        return False
    kind = sect_pr.find(_W + "type")
    return kind is None or kind.get(_W + "val") != "continuous"


class _PageBuilder:
    """Collects lines into pages; a break on an empty page is ignored (Word often marks one break twice)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.done: list[tuple[Line, ...]] = []
        self.lines: list[Line] = []

    def add(self, line: Line) -> None:
        if line.text:
            self.lines.append(line)

    def new_page(self) -> None:
        if self.lines:
            self.done.append(tuple(self.lines))
            self.lines = []

    def document(self) -> Document:
        self.new_page()
        pages = self.done or [()]
        return Document(self.file, tuple(Page(self.file, n, lines, "docx") for n, lines in enumerate(pages, 1)))
