"""Phone-photo clean-up before OCR: uneven light and colour cast flattened.

A photographed page is bright near the window and grey in the far corner, and tinted by the light; Tesseract's
global threshold then loses the words in the dark part. Dividing the page by an estimate of its paper (the
brightest level around each point, smoothed) makes the paper white everywhere and keeps the ink (design.md:
background division rescued photo pages; adaptive thresholding destroyed them). The 3×3 median design.md paired
with it is left out: on generated phone photos it cost tone marks ("hồi" read "hổi") and gained no word.
Scans have even paper and are left alone: the decision is taken on a copy of about 256 pixels, in milliseconds.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

_WORK_SIZE = 256  # long side of the copy the paper is estimated on
_PAPER_WINDOW = 9  # max filter on that copy (~3 text lines at any DPI): wide enough to step over any glyph
_UNEVEN = 0.15  # paper varying by more than this share of its brightest level: a photo's light, not a scan's


def paper(gray: Image.Image) -> Image.Image:
    """A small, smooth estimate of the paper's brightness under every part of `gray` (mode "L")."""
    factor = max(1, max(gray.size) // _WORK_SIZE)
    small = gray.reduce(factor) if factor > 1 else gray
    return small.filter(ImageFilter.MaxFilter(_PAPER_WINDOW)).filter(ImageFilter.BoxBlur(_PAPER_WINDOW // 2))


def is_unevenly_lit(level: Image.Image) -> bool:
    """Whether the paper estimate varies as under a lamp or a window (scans vary by a few grey levels)."""
    values = np.asarray(level, dtype=np.float32)
    low, high = np.percentile(values, (5, 95))
    return high > 0 and (high - low) / high > _UNEVEN


def flatten_light(gray: Image.Image) -> tuple[Image.Image, bool]:
    """`gray` with its paper made evenly white when it is unevenly lit, and whether it was changed."""
    level = paper(gray)
    if not is_unevenly_lit(level):
        return gray, False
    background = np.asarray(level.resize(gray.size, Image.Resampling.BILINEAR), dtype=np.uint16)
    flat = np.asarray(gray, dtype=np.uint16) * 255 // np.maximum(background, 1)
    return Image.fromarray(np.minimum(flat, 255).astype(np.uint8), "L"), True
