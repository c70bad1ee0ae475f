"""Phone-photo clean-up before OCR: uneven light and colour cast flattened.

A photographed page is bright near the window and grey in the far corner, and tinted by the light; Tesseract's
global threshold then loses the words in the dark part. Dividing the page by an estimate of its paper (the
brightest level around each point, smoothed) makes the paper white everywhere and keeps the ink (design.md:
background division rescued photo pages; adaptive thresholding destroyed them). The 3×3 median design.md paired
with it is left out: on generated phone photos it cost tone marks ("hồi" read "hổi") and gained no word.
Only pages whose global threshold would turn a good part of the paper into ink are flattened (a shaded photo);
milder light Tesseract copes with, and flattening would only risk marks ("Chi" read "Chỉ" on a generated photo).
The decision is taken on a copy of about 256 pixels, in milliseconds.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image, ImageFilter

from extractors.reading.deskew import otsu_threshold

_WORK_SIZE = 256  # long side of the copy the paper is estimated on
_PAPER_WINDOW = 9  # max filter on that copy (~3 text lines at any DPI): wide enough to step over any glyph
_DARK_PAPER = 0.15  # share of the page; the desk around a photographed page takes up to ~10 %


def paper(gray: Image.Image) -> Image.Image:
    """A small, smooth estimate of the paper's brightness under every part of `gray` (mode "L")."""
    return _paper_of(_small(gray))


def is_unevenly_lit(gray: Image.Image, level: Image.Image) -> bool:
    """Whether more than `_DARK_PAPER` of the page has paper darker than the page's global ink threshold (Otsu)."""
    threshold = otsu_threshold(np.asarray(_small(gray)))
    return float((np.asarray(level) < threshold).mean()) > _DARK_PAPER


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
    background = np.asarray(level.resize(gray.size, Image.Resampling.BILINEAR), dtype=np.uint16)
    flat = np.asarray(gray, dtype=np.uint16) * 255 // np.maximum(background, 1)
    return Image.fromarray(np.minimum(flat, 255).astype(np.uint8), "L"), True
