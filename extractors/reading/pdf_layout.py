"""Layout of a PDF text page for table rebuilding: ruling lines from path objects, words from character boxes.

Only pages whose paths form a ruled grid pay for character boxes (one PDFium call per character, ~2 µs):
plain text pages keep the text layer's fast path. Coordinates are pixels of the page rendered at 300 DPI,
y growing downwards, the space `table_rebuild` and OCR word boxes share. Callers hold the PDFium lock.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.model import Line, Word
from extractors.reading.table_rebuild import Grid, Segment, find_tables, rebuild
from extractors.reading.textclean import clean, line_spans

SCALE = 300 / 72  # PDF points to 300 DPI pixels
TOLERANCE = 12.0  # 1 mm at 300 DPI: rulings this close meet; a cell border drawn twice is one line
_THIN = 2.0  # points: a filled rectangle this thin is a drawn line (Word draws borders so)
_MAX_SEGMENTS = 5_000  # more path segments than this: a vector drawing, not a form; stop looking
_MAX_DEPTH = 4  # Form XObjects nested deeper than this are not followed
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def table_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> list[Line] | None:
    """The page's lines with ruled tables rebuilt as rows with cells, or None when the page has no ruled table."""
    if len(text) != textpage.count_chars():  # PDFium dropped or inserted characters: boxes would not line up
        return None
    height = page.get_height()
    grids = find_tables(ruling_segments(page, height), TOLERANCE)
    if not grids:
        return None
    return rebuild(_lines_with_words(textpage, text, height, grids), grids)


def ruling_segments(page: pdfium.PdfPage, height: float) -> list[Segment]:
    """Horizontal and vertical lines drawn by the page's paths: stroked edges, and thin filled rectangles."""
    segments: list[Segment] = []
    budget = _MAX_SEGMENTS
    for path, matrix in _paths(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, _IDENTITY, 0):
        count = pdfium_c.FPDFPath_CountSegments(path)
        budget -= count
        if budget < 0:
            break
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_c.FPDFPath_GetDrawMode(path, fill, stroke):
            continue
        for points in _subpaths(path, count, matrix):
            if stroke.value:
                segments += (_segment(a, b, height) for a, b in zip(points, points[1:]))
            elif fill.value:
                segments.append(_thin_box(points, height))
    return [s for s in segments if s is not None]


def _paths(container: object, count, get, matrix: _Matrix, depth: int) -> Iterator[tuple[object, _Matrix]]:
    """Path objects of a page or Form XObject, with their matrices composed up to the page."""
    for index in range(count(container)):
        obj = get(container, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        own = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(obj, own)
        composed = _compose((own.a, own.b, own.c, own.d, own.e, own.f), matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, composed
        elif depth < _MAX_DEPTH:
            yield from _paths(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, composed,
                              depth + 1)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying `inner` then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F


def _subpaths(path: object, count: int, matrix: _Matrix) -> Iterator[list[tuple[float, float]]]:
    """Straight-line runs of the path in page points; a curve ends a run, a close adds the edge back to its start."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if pdfium_c.FPDFPathSegment_GetType(segment) != pdfium_c.FPDF_SEGMENT_LINETO:
            if len(points) > 1:
                yield points
            points = [point]
            continue
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            yield points + [points[0]]
            points = [point]
    if len(points) > 1:
        yield points


def _segment(a: tuple[float, float], b: tuple[float, float], height: float) -> Segment | None:
    """An axis-parallel edge as a `Segment` in pixels; slanted or dot-sized edges are no rulings."""
    (x0, y0), (x1, y1) = a, b
    if abs(x0 - x1) < 0.5 < abs(y0 - y1):
        return Segment(True, x0 * SCALE, (height - max(y0, y1)) * SCALE, (height - min(y0, y1)) * SCALE)
    if abs(y0 - y1) < 0.5 < abs(x0 - x1):
        return Segment(False, (height - y0) * SCALE, min(x0, x1) * SCALE, max(x0, x1) * SCALE)
    return None


def _thin_box(points: list[tuple[float, float]], height: float) -> Segment | None:
    """A filled shape thin in one direction, as the line along its middle; shading boxes are no rulings."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    if right - left <= _THIN < top - bottom:
        return _segment(((left + right) / 2, bottom), ((left + right) / 2, top), height)
    if top - bottom <= _THIN < right - left:
        return _segment((left, (bottom + top) / 2), (right, (bottom + top) / 2), height)
    return None


def _lines_with_words(textpage: pdfium.PdfTextPage, text: str, height: float, grids: list[Grid]) -> list[Line]:
    """The text layer's lines (as `split_lines` cuts them); those starting or ending in a grid get word boxes."""
    lines = []
    for start, end in line_spans(text):
        line = clean(text[start:end])
        if not line:
            continue
        part = text[start:end]
        ends = (start + len(part) - len(part.lstrip()), start + len(part.rstrip()) - 1)
        if any(grid.contains(word) for word in _words(textpage, text, ends, height) for grid in grids):
            lines.append(Line(line, words=tuple(_words(textpage, text, range(start, end), height))))
        else:
            lines.append(Line(line))
    return lines


def _words(textpage: pdfium.PdfTextPage, text: str, indices: Iterable[int], height: float) -> list[Word]:
    """Words of the characters at `indices`: runs of non-space characters that touch, boxed by PDFium.

    A gap wider than half a character's height also ends a word: cells side by side need no space between them.
    """
    rect = pdfium_c.FS_RECTF()
    words: list[Word] = []
    run: list[tuple[str, float, float, float, float]] = []
    for index in indices:
        char = text[index]
        if char.isspace() or not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect):
            box = None  # loose boxes (the font's ascent to descent) keep one line's characters level
        else:
            box = (rect.left, height - rect.top, rect.right, height - rect.bottom)
        if run and (box is None or _apart(run[-1][1:], box)):
            words.append(_word(run))
            run = []
        if box is not None:
            run.append((char, *box))
    if run:
        words.append(_word(run))
    return [word for word in words if word.text]


def _apart(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    size = max(a[3] - a[1], b[3] - b[1], 1.0)
    return b[0] - a[2] > size / 2 or abs((a[1] + a[3]) - (b[1] + b[3])) / 2 > size / 2


def _word(run: list[tuple[str, float, float, float, float]]) -> Word:
    left = min(c[1] for c in run) * SCALE
    top = min(c[2] for c in run) * SCALE
    right = max(c[3] for c in run) * SCALE
    bottom = max(c[4] for c in run) * SCALE
    text = clean("".join(c[0] for c in run))
    return Word(text, round(left), round(top), max(1, round(right - left)), max(1, round(bottom - top)), 100.0)
