"""Phone-photo clean-up before OCR: uneven light and colour cast flattened.

A photographed page is bright near the window and grey in the far corner, and tinted by the light; Tesseract's
global threshold then loses the words in the dark part. Dividing the page by an estimate of its paper (the
brightest level around each point, smoothed) makes the paper white everywhere and keeps the ink (design.md:
background division rescued photo pages; adaptive thresholding destroyed them). The 3×3 median design.md paired
with it is left out: on generated phone photos it cost tone marks ("hồi" read "hổi") and gained no word.
Only pages whose global threshold would turn a good part of the paper into ink are flattened (a shaded photo);
milder light Tesseract copes with, and flattening would only risk marks ("Chi" read "Chỉ" on a generated photo).
The decision is taken on a copy of about 256 pixels, in milliseconds.
A sheet cut out of a desk photo (`sheet`) is all paper, so there the bar is lower (`flatten_sheet_light`): any
shadow band dark enough to turn into ink, or a page exposed dark all over, is flattened.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageFilter

from extractors.reading.deskew import otsu_threshold

_WORK_SIZE = 256  # long side of the copy the paper is estimated on
_PAPER_WINDOW = 9  # max filter on that copy (~3 text lines at any DPI): wide enough to step over any glyph
_DARK_PAPER = 0.15  # share of the page; the desk around a photographed page takes up to ~10 %
# On a flattened sheet there is no desk: a shadow band over 2 % of it (a strip ~2 lines tall) would turn to ink.
_SHEET_DARK_PAPER = 0.02
# A sheet whose paper is darker than this (median) is flattened even when evenly lit: at a paper level of 89,
# generated pages with a ruled table kept 0.19–0.31 of their words (without a table 0.99); flattened, 0.97–0.99.
_DIM_PAPER = 150


def paper(gray: Image.Image) -> Image.Image:
    """A small, smooth estimate of the paper's brightness under every part of `gray` (mode "L")."""
    return _paper_of(_small(gray))


def is_unevenly_lit(gray: Image.Image, level: Image.Image, dark_share: float = _DARK_PAPER) -> bool:
    """Whether more than `dark_share` of the page has paper darker than the page's global ink threshold (Otsu)."""
    threshold = otsu_threshold(np.asarray(_small(gray)))
    return float((np.asarray(level) < threshold).mean()) > dark_share


def _small(gray: Image.Image) -> Image.Image:
    factor = max(1, max(gray.size) // _WORK_SIZE)
    return gray.reduce(factor) if factor > 1 else gray


def _paper_of(small: Image.Image) -> Image.Image:
    return _brightest_around(small).filter(ImageFilter.BoxBlur(_PAPER_WINDOW // 2))


def _brightest_around(small: Image.Image) -> Image.Image:
    """PIL's `MaxFilter(_PAPER_WINDOW)` (edges repeated), as two one-dimensional passes: a maximum over a square
    is the maximum over its rows' maxima, and PIL's rank filter sorts the whole square (45 ms here, not 2)."""
    half = _PAPER_WINDOW // 2
    padded = np.pad(np.asarray(small), half, mode="edge")
    rows = sliding_window_view(padded, _PAPER_WINDOW, axis=0).max(axis=-1)
    return Image.fromarray(np.ascontiguousarray(sliding_window_view(rows, _PAPER_WINDOW, axis=1).max(axis=-1)), "L")


def flatten_light(gray: Image.Image) -> tuple[Image.Image, bool]:
    """`gray` with its paper made evenly white when it is unevenly lit, and whether it was changed."""
    level = paper(gray)
    if not is_unevenly_lit(gray, level):
        return gray, False
    return _divided(gray, level), True


def flatten_sheet_light(sheet: Image.Image) -> Image.Image:
    """A flattened sheet (all paper, no desk) with its paper made evenly white when shaded or dim."""
    level = paper(sheet)
    if np.median(np.asarray(level)) >= _DIM_PAPER and not is_unevenly_lit(sheet, level, _SHEET_DARK_PAPER):
        return sheet
    return _divided(sheet, level)


def _divided(gray: Image.Image, level: Image.Image) -> Image.Image:
    """`gray` divided by its paper's brightness `level` (enlarged to it): the paper white, the ink as dark."""
    background = np.asarray(level.resize(gray.size, Image.Resampling.BILINEAR), dtype=np.uint16)
    flat = np.asarray(gray, dtype=np.uint16) * 255 // np.maximum(background, 1)
    return Image.fromarray(np.minimum(flat, 255).astype(np.uint8), "L")
