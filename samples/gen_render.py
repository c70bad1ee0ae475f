"""Draw a list of blocks as a Word file (python-docx) or a text PDF (fpdf2), byte-for-byte reproducibly.

Both writers stamp a fixed date (the dossier's signing day) instead of the clock: fpdf2's creation date, the DOCX
core properties and every ZIP member's timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from samples.gen_blocks import Block, PageBreak, Para, Run, Table

_VIETNAMESE = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐƯưƠơ“”"
_FONT_CANDIDATES = (  # (regular, bold, italic, bold italic) — the first family that covers Vietnamese wins
    ("/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf", ("Regular", "Bold", "Italic", "BoldItalic")),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed{}.ttf", ("", "-Bold", "-Italic", "-BoldItalic")),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf", ("", "-Bold", "-Italic", "-BoldItalic")),
)
_STYLES = ("", "B", "I", "BI")
_ALIGN_DOCX = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT,
               "J": WD_ALIGN_PARAGRAPH.JUSTIFY}
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_MARGINS_MM = (30, 20, 20, 20)  # left, top, right, bottom: the usual Vietnamese administrative page


@lru_cache(maxsize=1)
def pdf_font_files() -> tuple[str, ...]:
    """The four files (regular, bold, italic, bold italic) of the first serif family that has Vietnamese glyphs."""
    for pattern, suffixes in _FONT_CANDIDATES:
        files = tuple(pattern.format(suffix) for suffix in suffixes)
        if all(Path(f).exists() for f in files) and _covers(files[0]):
            return files
    raise RuntimeError("no serif TTF with Vietnamese glyphs found (install fonts-liberation or fonts-dejavu)")


def _covers(font_file: str) -> bool:
    cmap = TTFont(font_file, lazy=True).getBestCmap()
    return all(ord(char) in cmap for char in _VIETNAMESE)


def _draw(blocks: list[Block], page_break: Callable, draw_table: Callable, draw_para: Callable) -> None:
    """Hand each block to the medium's drawing function."""
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break()
        elif isinstance(block, Table):
            draw_table(block)
        else:
            draw_para(block)


# ---------------------------------------------------------------- PDF


class _Pdf(FPDF):
    """An A4 page with the page number at the bottom from page 2 on."""

    def footer(self) -> None:
        """Print the page number, centred, on every page but the first."""
        if self.page_no() > 1:
            self.set_y(-14)
            self.set_font("Serif", size=10)
            self.cell(0, 5, str(self.page_no()), align="C")


def _markdown(runs: list[Run]) -> str:
    """fpdf2 markdown for runs; runs of one style are wrapped once, since "**a****b**" is not bold a+b."""
    out = []
    for (bold, italic), group in groupby(runs, key=lambda run: (run.bold, run.italic)):
        text = "".join(run.text for run in group)
        if italic and text:
            text = f"__{text}__"
        out.append(f"**{text}**" if bold and text else text)
    return "".join(out)


def _pdf_para(pdf: FPDF, block: Para) -> None:
    pdf.set_font("Serif", size=block.size)
    pdf.set_x(pdf.l_margin + block.indent)
    text = _markdown(block.runs) or " "
    pdf.multi_cell(pdf.epw - block.indent, block.size * 0.48, text, align=block.align, markdown=True,
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(block.space_after)


def _pdf_table(pdf: FPDF, block: Table) -> None:
    pdf.set_font("Serif", size=block.size)
    headings = block.header_rows + (1 if block.caption else 0)
    with pdf.table(width=pdf.epw, col_widths=block.widths, line_height=block.size * 0.45, padding=1.2,
                   borders_layout="ALL" if block.borders else "NONE", first_row_as_headings=headings > 0,
                   num_heading_rows=max(headings, 1), headings_style=FontFace(emphasis="BOLD"),
                   text_align=block.align, v_align="MIDDLE") as grid:
        if block.caption:
            grid.row().cell(block.caption, colspan=len(block.widths), align="C")
        for index, cells in enumerate(block.rows):
            row = grid.row()
            for cell in cells:
                row.cell(cell, align="C" if index < block.header_rows else block.align)
    pdf.ln(2)


def _styles_used(blocks: list[Block]) -> set[str]:
    """The font styles ('', 'B', 'I', 'BI') the blocks need; table headings are bold, page numbers regular."""
    styles = {"", "B"}
    for block in blocks:
        if isinstance(block, Para):
            styles.update(("B" if run.bold else "") + ("I" if run.italic else "") for run in block.runs)
    return styles


def render_pdf(blocks: list[Block], stamp: dt.datetime) -> bytes:
    """The blocks as an A4 text PDF (13 pt serif, real drawn tables), dated `stamp`."""
    pdf = _Pdf(format="A4", unit="mm")
    left, top, right, bottom = _MARGINS_MM
    pdf.set_margins(left, top, right)
    pdf.set_auto_page_break(True, bottom)
    for style, font_file in zip(_STYLES, pdf_font_files()):
        if style in _styles_used(blocks):  # an unused font would still be parsed and embedded
            pdf.add_font("Serif", style, font_file)
    pdf.set_creation_date(stamp)
    pdf.add_page()
    _draw(blocks, pdf.add_page, partial(_pdf_table, pdf), partial(_pdf_para, pdf))
    return bytes(pdf.output())


# ---------------------------------------------------------------- DOCX


def _docx_para(doc, block: Para) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = _ALIGN_DOCX[block.align]
    paragraph.paragraph_format.left_indent = Mm(block.indent)
    paragraph.paragraph_format.space_after = Mm(block.space_after)
    for run in block.runs:
        written = paragraph.add_run(run.text)
        written.bold, written.italic = run.bold or None, run.italic or None
        written.font.superscript = run.sup or None
        written.font.size = Pt(block.size)


def _docx_cell(cell, text: str, width: float, bold: bool, align: str, size: float) -> None:
    cell.width = Mm(width)
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN_DOCX[align]
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def _docx_table(doc, block: Table) -> None:
    offset = 1 if block.caption else 0
    grid = doc.add_table(rows=len(block.rows) + offset, cols=len(block.widths))
    grid.style = "Table Grid" if block.borders else None
    grid.autofit = False
    widths = [w * 160 / sum(block.widths) for w in block.widths]
    if block.caption:  # one caption cell merged across the whole first row
        merged = grid.cell(0, 0).merge(grid.cell(0, len(widths) - 1))
        _docx_cell(merged, block.caption, sum(widths), True, "C", block.size)
    for r, cells in enumerate(block.rows):
        heading_row = r < block.header_rows
        for c, text in enumerate(cells):
            _docx_cell(grid.cell(r + offset, c), text, widths[c], heading_row, "C" if heading_row else block.align,
                       block.size)
    doc.add_paragraph()


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed member timestamps so identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def render_docx(blocks: list[Block], stamp: dt.datetime, author: str) -> bytes:
    """The blocks as a Word document (Times New Roman 13 pt, A4, Word tables), dated `stamp`."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    left, top, right, bottom = _MARGINS_MM
    section.left_margin, section.top_margin, section.right_margin, section.bottom_margin = (
        Mm(left), Mm(top), Mm(right), Mm(bottom))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    _draw(blocks, doc.add_page_break, partial(_docx_table, doc), partial(_docx_para, doc))
    props = doc.core_properties
    props.author = props.last_modified_by = author
    props.created = props.modified = props.last_printed = stamp.replace(tzinfo=None)
    props.revision, props.title, props.comments = 3, "", ""
    buffer = io.BytesIO()
    doc.save(buffer)
    return _stable_zip(buffer.getvalue())

