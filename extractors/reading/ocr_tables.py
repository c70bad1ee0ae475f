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

from extractors.model import Word
from extractors.reading.rulings import ink_mask
from extractors.reading.table_rebuild import Grid

_INSET = 1 / 450  # of the long side (~8 px at 300 DPI): skips what is left of the erased rulings
_GAP = 1 / 50  # of the long side: white between stacked cells, more than a line's spacing
_EDGE_LINE = 0.8  # share of a cell's width or height that a leftover ruling covers; "1" in its cell covers half
_MAX_HEIGHT = 30_000  # pixels: Tesseract keeps coordinates in 16 bits
_MIN_INK = 1 / 100_000  # of the page's pixels (~90 at 300 DPI): a cell with less ink is empty or specks


@dataclass(frozen=True)
class Placement:
    """One cell crop in the stacked image: rows `top`–`bottom` there, shifted by (`dx`, `dy`) from the page."""

    top: int
    bottom: int
    dx: int
    dy: int


@dataclass(frozen=True)
class Stack:
    """Cell crops stacked on one white image, and where each came from."""

    image: np.ndarray
    placements: tuple[Placement, ...]


def blank_tables(gray: np.ndarray, grids: Sequence[Grid]) -> np.ndarray:
    """A copy of the page with every table painted white: the rest is read as usual, without them."""
    page = gray.copy()
    for grid in grids:
        left, top, right, bottom = (round(v) for v in grid.box)
        page[max(0, top):bottom + 1, max(0, left):right + 1] = 255
    return page


def stack_cells(gray: np.ndarray, grids: Sequence[Grid]) -> list[Stack]:
    """The inked cells of `grids`, each cropped inside its rulings, stacked left-aligned on white pages.

    A stack stays under `_MAX_HEIGHT` pixels, a limit Tesseract's 16-bit coordinates set, so a long table
    may need more than one.
    """
    long_side = max(gray.shape)
    inset, gap = max(2, round(long_side * _INSET)), round(long_side * _GAP)
    ink, min_ink = ink_mask(gray), gray.size * _MIN_INK
    crops = [crop for box in (box for grid in grids for box in cell_boxes(grid))
             if (crop := _cell_crop(gray, ink, box, inset, min_ink)) is not None]
    stacks, start, height = [], 0, gap
    for end, (crop, _, _) in enumerate(crops):
        if end > start and height + crop.shape[0] + gap > _MAX_HEIGHT:
            stacks.append(_stack(crops[start:end], gap))
            start, height = end, gap
        height += crop.shape[0] + gap
    return stacks + ([_stack(crops[start:], gap)] if crops[start:] else [])


def _stack(crops: list[tuple[np.ndarray, int, int]], gap: int) -> Stack:
    width = max(crop.shape[1] for crop, _, _ in crops) + 2 * gap
    image = np.full((sum(crop.shape[0] + gap for crop, _, _ in crops) + gap, width), 255, dtype=np.uint8)
    placements, y = [], gap
    for crop, left, top in crops:
        image[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        placements.append(Placement(y, y + crop.shape[0], left - gap, top - y))
        y += crop.shape[0] + gap
    return Stack(image, tuple(placements))


def _cell_crop(gray: np.ndarray, ink: np.ndarray, box: tuple[float, float, float, float], inset: int,
               min_ink: float) -> tuple[np.ndarray, int, int] | None:
    """The cell's ink with its page position: inside the rulings, trimmed to the ink, its paper made white.

    The stack's white gaps are the margins; a photo's grey paper would show as boxes on that white.
    """
    left, top = max(0, round(box[0]) + inset), max(0, round(box[1]) + inset)
    right, bottom = max(left, round(box[2]) - inset), max(top, round(box[3]) - inset)
    cell = _without_edge_lines(ink[top:bottom, left:right])
    if np.count_nonzero(cell) < min_ink:
        return None
    rows, cols = np.flatnonzero(cell.any(axis=1)), np.flatnonzero(cell.any(axis=0))
    paper = max(1.0, float(np.percentile(gray[top:bottom, left:right], 90)))
    crop = gray[top + rows[0]:top + rows[-1] + 1, left + cols[0]:left + cols[-1] + 1]
    return np.minimum(crop * (255 / paper), 255).astype(np.uint8), left + int(cols[0]), top + int(rows[0])


def _without_edge_lines(cell: np.ndarray) -> np.ndarray:
    """The cell's ink without what is left of a ruling along its edges: a row or column near an edge that is ink
    for most of its length (a tilted or photographed ruling escapes the erasing in places)."""
    cell = cell.copy()
    for mask in (cell, cell.T):
        reach = max(1, mask.shape[0] // 4)
        lines = np.flatnonzero(mask.mean(axis=1) > _EDGE_LINE) if mask.size else []
        mask[[i for i in lines if i < reach or i >= mask.shape[0] - reach]] = False
    return cell


def cell_boxes(grid: Grid) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every cell, row by row."""
    return [(left, top, right, bottom) for (top, bottom), edges in zip(grid.bands, grid.columns)
            for left, right in zip(edges, edges[1:])]


def unstack(words: Iterable[Word], placements: Sequence[Placement]) -> list[Word]:
    """Words read on the stacked image, moved back to where their cell is on the page.

    Strays between cells are dropped, and so is "|", Tesseract's reading of a ruling's remains.
    """
    moved = []
    for word in words:
        middle, text = word.top + word.height / 2, word.text.strip("|")
        place = next((p for p in placements if p.top - 1 <= middle <= p.bottom + 1), None)
        if place is not None and text:
            moved.append(replace(word, text=text, left=word.left + place.dx, top=word.top + place.dy))
    return moved
