"""Ruled tables in page images: long thin dark lines found with numpy, and erased before OCR.

Tesseract reads a ruling as "|", ":" or "I" and lets it split or glue words ("HồSÿNam |31/5/1967"), so the
rulings of a detected table are painted over with the paper before recognition; the grid they drew is kept for
`table_rebuild`. A line is a run of dark pixels at least `1/40` of the page's long side (two text lines),
in a column (or row) that is at most a few pixels thick: dark regions such as the desk around a photographed
page are no lines. About 0.1 s for an A4 page at 300 DPI.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from extractors.reading.table_rebuild import Grid, Segment, find_tables

_BLOCKS = 100  # blocks along the long side in which the paper's brightness is measured
_INK = 0.75  # darker than this share of the paper's brightness is ink
_MIN_LENGTH = 1 / 40  # of the page's long side
_BIN = 1 / 1200  # of the long side (3 px at 300 DPI): columns are pooled so a slightly tilted line stays one run
_SIDE = 3  # bins either side that must not be solid ink: lines up to ~9 px thick at 300 DPI
_SOLID = 0.85  # share of a run's length beside it that is ink when the "line" is the edge of a dark region
_TOLERANCE = 1 / 300  # of the long side (~1 mm on A4): rulings this close meet


def page_tables(gray: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """The ruled tables of a greyscale page (0 = black) and a copy with their rulings painted over.

    Without tables the page itself is returned, not a copy. Most pages hold no table, so a copy a quarter the
    size each way is searched first, in a fifth of the time; only a page that shows a grid there is searched in
    full (on 218 generated scans and photos, 55 with tables, the quick search agreed on every page).
    """
    if not _find(_darkest_of_four(_darkest_of_four(gray)))[0]:
        return [], gray
    grids, segments, blocks, size = _find(gray)
    if not grids:
        return grids, gray
    long_side = max(gray.shape)
    near = 2 * long_side * _TOLERANCE
    paper = _expand(blocks, gray.shape)
    return grids, _erase(gray, paper, [s for s in segments if any(_on_grid(s, g, near) for g in grids)], size)


def _find(gray: np.ndarray) -> tuple[list[Grid], list[Segment], _Blocks, int]:
    """The grids of a page, the rulings they were built from, the paper's level and the strip size used."""
    long_side = max(gray.shape)
    size = max(1, round(long_side * _BIN))
    blocks = _paper_blocks(gray)
    segments = find_rulings(gray < _ink_limit(blocks, gray.shape), size)
    return find_tables(segments, long_side * _TOLERANCE), segments, blocks, size


def _darkest_of_four(gray: np.ndarray) -> np.ndarray:
    """A half-size copy keeping the darkest pixel of each 2×2 square, so a one-pixel ruling survives."""
    height, width = (gray.shape[0] // 2) * 2, (gray.shape[1] // 2) * 2
    even = gray[:height, :width]
    return np.minimum(np.minimum(even[0::2, 0::2], even[1::2, 0::2]), np.minimum(even[0::2, 1::2], even[1::2, 1::2]))


def paper_level(gray: np.ndarray) -> np.ndarray:
    """Per pixel, the brightness of the paper around it: the brightest pixel within a block or two.

    Uneven light makes one global level useless on photos; the dark desk around a photographed page takes
    the paper's level within a block of the paper's edge, so it shows as ink too thick to pass for a line.
    """
    return _expand(_paper_blocks(gray), gray.shape)


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Pixels darker than 3/4 of the paper around them (`paper_level`)."""
    return gray < _ink_limit(_paper_blocks(gray), gray.shape)


class _Blocks(NamedTuple):
    level: np.ndarray  # uint8, the paper's brightness per block
    size: int  # pixels per block side


def _paper_blocks(gray: np.ndarray) -> _Blocks:
    block = max(8, max(gray.shape) // _BLOCKS)
    height, width = gray.shape
    rows, cols = -(-height // block), -(-width // block)
    padded = np.pad(gray, ((0, rows * block - height), (0, cols * block - width)), mode="edge")
    brightest = np.pad(padded.reshape(rows, block, cols, block).max(axis=(1, 3)), 1, mode="edge")
    around = np.max([brightest[dy:dy + rows, dx:dx + cols] for dy in range(3) for dx in range(3)], axis=0)
    return _Blocks(around, block)


def _ink_limit(blocks: _Blocks, shape: tuple[int, ...]) -> np.ndarray:
    """Per pixel, the grey level below which it is ink. Scaled per block and rounded up, so an integer comparison
    with it equals `gray < paper * _INK` without a page-sized float array (70 MB at 300 DPI)."""
    return _expand(_Blocks(np.ceil(blocks.level * _INK).astype(np.uint8), blocks.size), shape)


def _expand(blocks: _Blocks, shape: tuple[int, ...]) -> np.ndarray:
    """Block values spread over the pixels of a page of `shape`."""
    height, width = shape
    return np.repeat(np.repeat(blocks.level, blocks.size, axis=0), blocks.size, axis=1)[:height, :width]


def find_rulings(ink: np.ndarray, size: int) -> list[Segment]:
    """Vertical and horizontal runs of `ink` at least 1/40 of the long side, pooled over `size`-pixel strips."""
    min_length = max(ink.shape) * _MIN_LENGTH
    return (_runs(np.ascontiguousarray(_pool(ink.T, size)), size, min_length, vertical=True)
            + _runs(_pool(ink, size), size, min_length, vertical=False))


def _pool(ink: np.ndarray, size: int) -> np.ndarray:
    """Rows of `ink` OR-ed together `size` at a time: a line tilted by a pixel or two stays in one strip."""
    strips = ink.shape[0] // size
    pooled = ink[0:strips * size:size].copy()
    for offset in range(1, size):
        pooled |= ink[offset:strips * size:size]
    return pooled


def _runs(strips: np.ndarray, size: int, min_length: float, *, vertical: bool) -> list[Segment]:
    """Runs along each strip (a row of `strips`) at least `min_length` long, with no solid ink beside them; gaps no
    wider than a strip (`size`) are bridged."""
    count, length = strips.shape
    edges = np.diff(np.pad(strips, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    # Row-major, every strip starts and ends on paper (the padding): its edges alternate start, end.
    flat = np.flatnonzero(edges)
    rows, starts = np.divmod(flat[0::2], length + 1)
    ends = flat[1::2] - rows * (length + 1)
    rows, starts, ends = bridged(rows, starts, ends, size)
    long = ends - starts >= min_length
    rows, starts, ends = rows[long], starts[long], ends[long]
    if not rows.size:
        return []
    sides = [np.clip(rows + offset, 0, count - 1) for offset in (-_SIDE, _SIDE)]
    beside_rows = np.unique(np.concatenate(sides))  # running sums of just the strips beside a run
    counts = np.zeros((beside_rows.size, length + 1), np.int32)
    np.cumsum(strips[beside_rows], axis=1, dtype=np.int32, out=counts[:, 1:])
    beside = [(counts[at, ends] - counts[at, starts]) / (ends - starts)
              for at in (np.searchsorted(beside_rows, side) for side in sides)]
    thin = np.maximum(*beside) < _SOLID
    return [Segment(vertical, (row + 0.5) * size, float(start), float(end))
            for row, start, end in zip(rows[thin].tolist(), starts[thin].tolist(), ends[thin].tolist())]


def bridged(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, gap: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs (strip, start, end exclusive; in order along each strip) with those at most `gap` pixels apart on one
    strip joined: a ruling faded for a pixel under a seal's lifted ink stays one line, where its piece beyond the
    gap, shorter than a line, was dropped with the last row's column edge."""
    joined = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= gap)
    if not joined.any():
        return rows, starts, ends
    first, last = np.r_[True, ~joined], np.r_[~joined, True]
    return rows[first], starts[first], ends[last]


def _on_grid(segment: Segment, grid: Grid, tolerance: float) -> bool:
    """Whether a run lies on one of the grid's rulings: bold text in a cell makes long runs too, never erased.

    A tilted ruling's runs stray from the line's mean position, hence the wider `tolerance` used here.
    """
    left, top, right, bottom = grid.box
    if segment.vertical:
        lines, low, high = {x for edges in grid.columns for x in edges}, top, bottom
    else:
        lines, low, high = {y for band in grid.bands for y in band}, left, right
    return (segment.start >= low - tolerance and segment.end <= high + tolerance
            and any(abs(segment.pos - line) <= tolerance for line in lines))


def _erase(gray: np.ndarray, paper: np.ndarray, segments: list[Segment], size: int) -> np.ndarray:
    """A copy of `gray` with each segment's strip and one strip either side (blur, tilt) painted as paper.

    Paper, not white: on a photo's grey paper white strips would leave the cells boxed in bright lines.
    """
    clean = gray.copy()
    for s in segments:
        across = slice(max(0, round(s.pos - 1.5 * size) - 1), round(s.pos + 1.5 * size) + 1)
        along = slice(round(s.start), round(s.end))
        strip = (along, across) if s.vertical else (across, along)
        clean[strip] = paper[strip]
    return clean
