"""Table cells OCR'd apart in one Tesseract call: each cell's crop stacked under the previous one.

Read in place, a table defeats Tesseract's line finding even with its rulings erased: wrapped cells are centred
at different heights, so one "line" takes words from three rows of text and mangles them (conf 0.6 instead of
0.95 on a clean scan). Stacked one per band of white, every cell is a short paragraph of its own; one call
keeps the cost to a single Tesseract start. Words are then moved back to page coordinates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .deskew import _otsu_threshold as otsu_threshold
from .model import Word
from .table_rebuild import Grid

_INSET = 1 / 450  # of the long side (~8 px at 300 DPI): skips what is left of the erased rulings
_GAP = 1 / 50  # of the long side: white between stacked cells, more than a line's spacing
_MIN_INK = 1 / 100_000  # of the page's pixels (~90 at 300 DPI): a cell with less ink is empty or specks


@dataclass(frozen=True)
class Placement:
    """One cell crop in the stacked image: rows `top`–`bottom` there, shifted by (`dx`, `dy`) from the page."""

    top: int
    bottom: int
    dx: int
    dy: int


def blank_tables(gray: np.ndarray, grids: Sequence[Grid]) -> np.ndarray:
    """A copy of the page with every table painted white: the rest is read as usual, without them."""
    page = gray.copy()
    for grid in grids:
        left, top, right, bottom = (round(v) for v in grid.box)
        page[max(0, top):bottom + 1, max(0, left):right + 1] = 255
    return page


def stack_cells(gray: np.ndarray, grids: Sequence[Grid]) -> tuple[np.ndarray, list[Placement]]:
    """The inked cells of `grids`, each cropped inside its rulings, stacked left-aligned on a white page."""
    long_side = max(gray.shape)
    inset, gap = max(2, round(long_side * _INSET)), round(long_side * _GAP)
    threshold, min_ink = otsu_threshold(gray), gray.size * _MIN_INK
    crops = []
    for box in (box for grid in grids for box in cell_boxes(grid)):
        left, top = max(0, round(box[0]) + inset), max(0, round(box[1]) + inset)
        ink = gray[top:max(top, round(box[3]) - inset), left:max(left, round(box[2]) - inset)] < threshold
        if np.count_nonzero(ink) >= min_ink:  # trimmed to its ink: the stack's white gaps are the margins
            rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
            top, left = top + rows[0], left + cols[0]
            crops.append((gray[top:top + rows[-1] - rows[0] + 1, left:left + cols[-1] - cols[0] + 1], left, top))
    width = max((crop.shape[1] for crop, _, _ in crops), default=1) + 2 * gap
    height = sum(crop.shape[0] + gap for crop, _, _ in crops) + gap
    stacked = np.full((height, width), 255, dtype=np.uint8)
    placements, y = [], gap
    for crop, left, top in crops:
        stacked[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        placements.append(Placement(y, y + crop.shape[0], left - gap, top - y))
        y += crop.shape[0] + gap
    return stacked, placements


def cell_boxes(grid: Grid) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every cell, row by row."""
    return [(left, top, right, bottom) for (top, bottom), edges in zip(grid.bands, grid.columns)
            for left, right in zip(edges, edges[1:])]


def unstack(words: Iterable[Word], placements: Sequence[Placement]) -> list[Word]:
    """Words read on the stacked image, moved back to where their cell is on the page; strays are dropped."""
    moved = []
    for word in words:
        middle = word.top + word.height / 2
        place = next((p for p in placements if p.top - 1 <= middle <= p.bottom + 1), None)
        if place is not None:
            moved.append(replace(word, left=word.left + place.dx, top=word.top + place.dy))
    return moved
