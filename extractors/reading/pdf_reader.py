"""PDF reader: each page from its text layer when that is good, else rendered and OCR'd.

pypdfium2 does everything here: text is 25× faster than pypdf's and exact (design.md), rendering is in memory,
and a password failure comes back as `FPDF_ERR_PASSWORD`. pypdf only confirms encryption: PDFium's error
code is process-global and can be left over from an earlier document.
PDFium is not thread-safe, not even across documents, so every PDFium call holds `_PDFIUM_LOCK`;
OCR runs outside it.
Text layers are repaired before use: legacy TCVN3/VNI text converted (by the PDF font names when a page has
telltale characters, else by statistics), "Ƣ/ƣ" made "Ư/ư". Lines are made NFC by `clean`.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader

from extractors.errors import DossierError, FailureKind
from extractors.model import Document, Line, Page, nfc
from extractors.reading import ink
from extractors.reading.legacy_text import convert_run, convert_runs, may_be_legacy, repair_pdf_letters
from extractors.reading.ocr import OcrPages, PageImage, ocr_pages
from extractors.reading.pdf_layout import table_lines
from extractors.reading.textclean import clean, is_junk, letter_count, split_lines

RENDER_DPI = 300
_MAX_RENDER_PIXELS = 40_000_000  # A3 at 300 DPI is 17 M; posters are rendered at a lower DPI instead
_MIN_CHARS = 40
_LEADERS = set(".…_-·•")  # dot leaders of blank forms ("Kính gửi: …………") are neither letters nor junk
_PDFIUM_LOCK = threading.RLock()  # see the module docstring


def text_layer_is_good(text: str) -> bool:
    """Whether a page's text layer can be trusted instead of OCR.

    It needs ≥ 40 visible characters, almost no junk, mostly letters or digits (dot leaders aside), and, when
    long, some Vietnamese diacritics: a long text without any is a scanner's English OCR layer, not the page.
    """
    chars = [c for c in nfc(text) if not c.isspace() and c not in _LEADERS]
    junk = sum(map(is_junk, chars))  # control and private-use codes: a font without a Unicode map
    if len(chars) - junk < _MIN_CHARS or junk > 0.05 * len(chars):
        return False
    if sum(map(str.isalnum, chars)) < 0.6 * len(chars):  # symbols, not words
        return False
    letters = [c for c in chars if c.isalpha()]
    return len(letters) < 200 or sum(not c.isascii() for c in letters) >= 0.02 * len(letters)


def page_needs_ocr(text: str, image_cover: float) -> bool:
    """OCR a page whose text layer is poor, or a scan (images over half the page) with only a stamp of text.

    E-government systems stamp "Ký bởi: …" text onto scanned pages; that must not hide the scan.
    """
    return not text_layer_is_good(text) or (image_cover >= 0.5 and len(clean(text)) < 500)


def read_pdf(path: str | Path, name: str, *, ocr: OcrPages = ocr_pages) -> Document:
    """Read a PDF into a `Document`: pages with a good text layer get method "text", the others "ocr"."""
    with _PDFIUM_LOCK:
        pdf = _open(path, name)
        count = len(pdf)
    try:
        layers = [_text_layer(pdf, index, name) for index in range(count)]
        scanned = [i for i, layer in enumerate(layers) if not layer.blank and page_needs_ocr(layer.text, layer.cover)]
        ocr_done = {page.number: page for page in ocr((_render(pdf, index, name) for index in scanned), name)}
    finally:
        with _PDFIUM_LOCK:
            pdf.close()
    pages = (_pick(nfc(name), number, layer, ocr_done.get(number)) for number, layer in enumerate(layers, 1))
    return Document(file=nfc(name), pages=tuple(pages))


def _open(path: str | Path, name: str) -> pdfium.PdfDocument:
    try:
        with _PDFIUM_LOCK:  # PDFium's last-error code is process-global: read it before another thread opens
            return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD and _is_encrypted(path):
            raise DossierError(FailureKind.encrypted, f"Tệp PDF “{name}” có mật khẩu.",
                               f"{name}: PDF is password-protected") from exc
        raise DossierError(FailureKind.bad_input, f"Tệp PDF “{name}” bị hỏng hoặc không có trang nào.",
                           f"{name}: PDFium cannot open it: {exc}") from exc


def _is_encrypted(path: str | Path) -> bool:
    """Ask pypdf: PDFium keeps its last error from an earlier document when a later one fails without one."""
    try:
        return PdfReader(str(path)).is_encrypted
    except Exception:  # noqa: BLE001 - unreadable by pypdf too: not a password question
        return False


class _Layer(NamedTuple):
    text: str
    cover: float  # share of the page covered by images
    blank: bool  # no objects at all: nothing to OCR
    tables: list[Line] | None  # the page's lines with ruled tables as rows with cells, when it has any


def _text_layer(pdf: pdfium.PdfDocument, index: int, name: str) -> _Layer:
    """What the page offers without OCR."""
    with _PDFIUM_LOCK, _page_errors(name, index):
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            text = _unicode_text(textpage, textpage.get_text_range())
            tables = table_lines(page, textpage, text)
            textpage.close()
            return _Layer(text, _image_cover(page), pdfium_c.FPDFPage_CountObjects(page) == 0, tables)
        finally:
            page.close()


def _unicode_text(textpage: pdfium.PdfTextPage, text: str) -> str:
    """The text layer with legacy text converted and "Ƣ/ƣ" repaired; a converted page may change length, and
    then `table_lines` sees its boxes no longer line up and gives plain lines."""
    if may_be_legacy(text):
        same_length = len(text) == textpage.count_chars()
        text = convert_runs(_font_runs(textpage, text)) if same_length else convert_run(text)
    return repair_pdf_letters(text)


def _font_runs(textpage: pdfium.PdfTextPage, text: str) -> list[tuple[str, str | None]]:
    """`text` cut where the font changes, with the font name PDFium reports (~1 µs a character)."""
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    runs: list[tuple[str, str | None]] = []
    start, font = 0, None
    for index in range(len(text)):
        size = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
        name = buffer.value.decode("latin-1") if 0 < size <= len(buffer) else font  # generated spaces have none
        if name != font and index > start:
            runs.append((text[start:index], font))
            start = index
        font = name
    runs.append((text[start:], font))
    return runs


def _image_cover(page: pdfium.PdfPage) -> float:
    width, height = page.get_size()
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return min(1.0, covered / (width * height)) if width * height > 0 else 0.0


def _render(pdf: pdfium.PdfDocument, index: int, name: str) -> PageImage:
    """Render one page to a greyscale image at 300 DPI (less for oversized pages), copied out of PDFium's buffer.

    Rendered in colour, then made grey without its red seals and blue signatures (`ink`): colour scans arrive as
    image PDFs too. Only the small decision copy is looked at for a page without coloured ink.
    """
    with _PDFIUM_LOCK, _page_errors(name, index):
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, (_MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")  # a copy: the bitmap's memory is freed on close
            bitmap.close()
        finally:
            page.close()
    image = ink.ink_free_gray(image)  # outside the lock: PDFium is not involved
    return PageImage(number=index + 1, image=image, dpi=round(scale * 72))


def _pick(name: str, number: int, layer: _Layer, scanned: Page | None) -> Page:
    """The OCR reading, unless it found less than half the letters of the text layer (a misjudged digital page)."""
    if scanned is not None and letter_count(scanned.text) * 2 >= letter_count(layer.text):
        return scanned
    lines = layer.tables if layer.tables is not None else split_lines(layer.text)
    return Page(file=name, number=number, lines=tuple(lines), method="text")


@contextmanager
def _page_errors(name: str, index: int) -> Iterator[None]:
    """Turn a PDFium failure on one page into a bad-input `DossierError` naming the page."""
    try:
        yield
    except pdfium.PdfiumError as exc:
        raise DossierError(FailureKind.bad_input, f"Trang {index + 1} của tệp PDF “{name}” bị hỏng.",
                           f"{name}: page {index + 1} unreadable: {exc}") from exc
