"""Ruled tables in page images: long thin dark lines found with numpy, and erased before OCR.

Tesseract reads a ruling as "|", ":" or "I" and lets it split or glue words ("HồSÿNam |31/5/1967"), so the
rulings of a detected table are painted white before recognition; the grid they drew is kept for
`table_rebuild`. A line is a run of dark pixels at least `1/40` of the page's long side (two text lines),
in a column (or row) that is at most a few pixels thick: dark regions such as the desk around a photographed
page are no lines. About 0.1 s for an A4 page at 300 DPI.
"""

from __future__ import annotations

import numpy as np

from .deskew import _otsu_threshold as otsu_threshold
from .table_rebuild import Grid, Segment, find_tables

_MIN_LENGTH = 1 / 40  # of the page's long side
_BIN = 1 / 1200  # of the long side (3 px at 300 DPI): columns are pooled so a slightly tilted line stays one run
_SIDE = 3  # bins either side that must not be solid ink: lines up to ~9 px thick at 300 DPI
_SOLID = 0.85  # share of a run's length beside it that is ink when the "line" is the edge of a dark region
_TOLERANCE = 1 / 300  # of the long side (~1 mm on A4): rulings this close meet


def page_tables(gray: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """The ruled tables of a greyscale page (0 = black) and a copy with their rulings painted white.

    Without tables the page itself is returned, not a copy.
    """
    long_side = max(gray.shape)
    size = max(1, round(long_side * _BIN))
    segments = find_rulings(gray, size)
    grids = find_tables(segments, long_side * _TOLERANCE)
    if not grids:
        return grids, gray
    return grids, _erase(gray, [s for s in segments if any(_inside(s, g, long_side * _TOLERANCE) for g in grids)],
                         size)


def find_rulings(gray: np.ndarray, size: int) -> list[Segment]:
    """Vertical and horizontal runs of ink at least 1/40 of the long side, pooled over `size`-pixel strips."""
    ink = gray < otsu_threshold(gray)
    min_length = max(gray.shape) * _MIN_LENGTH
    return _runs(ink, size, min_length, vertical=True) + _runs(ink.T, size, min_length, vertical=False)


def _runs(ink: np.ndarray, size: int, min_length: float, *, vertical: bool) -> list[Segment]:
    """Long runs down the columns of `ink` (pooled `size` columns wide) with no solid ink beside them."""
    height, width = ink.shape
    strips = width // size
    pooled = ink[:, :strips * size].reshape(height, strips, size).any(axis=2)
    edges = np.diff(np.pad(pooled, ((1, 1), (0, 0))).astype(np.int8), axis=0)
    start_cols, starts = np.nonzero(edges.T == 1)  # transposed: runs come column by column, top to bottom
    _, ends = np.nonzero(edges.T == -1)
    long = ends - starts >= min_length
    cols, starts, ends = start_cols[long], starts[long], ends[long]
    if not cols.size:
        return []
    counts = np.vstack([np.zeros((1, strips), np.int32), np.cumsum(pooled, axis=0, dtype=np.int32)])
    beside = [(counts[ends, side] - counts[starts, side]) / (ends - starts)
              for side in (np.clip(cols - _SIDE, 0, strips - 1), np.clip(cols + _SIDE, 0, strips - 1))]
    thin = np.maximum(*beside) < _SOLID
    return [Segment(vertical, (col + 0.5) * size, float(start), float(end))
            for col, start, end in zip(cols[thin].tolist(), starts[thin].tolist(), ends[thin].tolist())]


def _inside(segment: Segment, grid: Grid, tolerance: float) -> bool:
    left, top, right, bottom = grid.box
    if not segment.vertical:
        left, top, right, bottom = top, left, bottom, right
    return (left - tolerance <= segment.pos <= right + tolerance
            and segment.start >= top - tolerance and segment.end <= bottom + tolerance)


def _erase(gray: np.ndarray, segments: list[Segment], size: int) -> np.ndarray:
    """A copy of `gray` with each segment's strip (one pixel wider each side, for anti-aliasing) painted white."""
    clean = gray.copy()
    for s in segments:
        low, high = max(0, round(s.pos - size / 2) - 1), round(s.pos + size / 2) + 1
        if s.vertical:
            clean[round(s.start):round(s.end), low:high] = 255
        else:
            clean[low:high, round(s.start):round(s.end)] = 255
    return clean
