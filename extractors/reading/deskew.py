"""Small-angle deskew for scanned pages.

Tesseract's page segmentation (`--psm 3`) returns an empty or half page once a scan is skewed by
2.5–4° (measured, see design.md), so pages are straightened first. The angle comes from a projection
profile: rotate the ink coordinates of a downscaled copy through ±5° and keep the angle whose
row histogram is the peakiest (text lines then fall into few rows). About 20 ms per page: the copy is taken by
PIL (a page-sized array costs 11 ms) and at most `_MAX_POINTS` ink pixels are projected.
Quarter turns (90/180/270°) are not this module's job: `ocr` asks Tesseract's OSD for those.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

MAX_ANGLE = 5.0  # degrees searched either way; beyond that it is a photo that needs more than deskew
MIN_CORRECTION = 0.3  # below this Tesseract copes and rotating only steps the glyphs' edges
_WORK_SIZE = 800  # long side of the copy the angle is measured on (1000 took twice as long for the same angles)
_MIN_INK = 200  # fewer ink pixels than this: a blank page, nothing to measure
# Ink pixels projected per angle: a dense page has ~85 000 on the copy; every k-th of them finds the same angle
# (within 0.2° of all of them on 80 generated scans, the spread between two sampling grids) in a third of the time.
_MAX_POINTS = 20_000


def estimate_skew(gray: Image.Image, max_angle: float = MAX_ANGLE) -> float:
    """Return the page's counter-clockwise skew in degrees (PIL's `rotate` sense), 0.0 if unmeasurable.

    `gray` is a greyscale page (mode "L"). Undo the skew with `image.rotate(-angle)`.
    """
    ys, xs = _ink_coordinates(_downscale(gray))
    if ys.size < _MIN_INK:
        return 0.0
    step = -(-ys.size // _MAX_POINTS)
    ys, xs = ys[::step], xs[::step]
    coarse = _best_angle(ys, xs, np.arange(-max_angle, max_angle + 1e-9, 0.5))
    fine = _best_angle(ys, xs, np.arange(coarse - 0.5, coarse + 0.5 + 1e-9, 0.05))
    return round(float(fine), 2)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """Straighten a greyscale page; return the (possibly same) image and the correction applied in degrees."""
    angle = estimate_skew(image)
    if abs(angle) < MIN_CORRECTION:
        return image, 0.0
    fill = 255 if image.mode == "L" else None
    # Nearest neighbour, within the page's own frame. Measured on 39 degraded scans against OCR of their clean
    # renders (character similarity): bicubic 0.9853 in 0.33 s, nearest 0.9831 in 0.02 s (Tesseract's own time
    # is ~1.7 s a page). Growing the frame to keep the corners cost more than either (bicubic 0.9787): the
    # white wedges it adds beside grey paper disturb Tesseract's layout, and an A4 margin holds the corners' text.
    straight = image.rotate(-angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=fill)
    return straight, -angle


def _downscale(gray: Image.Image) -> np.ndarray:
    """Subsample by an integer step so the long side is about `_WORK_SIZE` (nearest neighbour is enough here)."""
    step = max(1, max(gray.size) // _WORK_SIZE)
    small = gray.resize((max(1, gray.width // step), max(1, gray.height // step)), Image.Resampling.NEAREST)
    return np.asarray(small)


def _ink_coordinates(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of dark pixels, split from the background by Otsu's threshold."""
    ys, xs = np.nonzero(gray < otsu_threshold(gray))
    return ys.astype(np.float32), xs.astype(np.float32)


def otsu_threshold(gray: np.ndarray) -> int:
    """The grey level that best separates ink from paper (maximal between-class variance)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * np.arange(256))
    total, total_mass = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - total * mass) ** 2 / (weight * (total - weight))
    return int(np.argmax(np.nan_to_num(between[:-1]))) + 1  # NaN where a class is empty (blank page)


def _best_angle(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> float:
    """The angle among `angles` whose projection onto the page's rows has the largest sum of squares."""
    scores = [_profile_score(ys, xs, np.deg2rad(a)) for a in angles]
    return float(angles[int(np.argmax(scores))])


def _profile_score(ys: np.ndarray, xs: np.ndarray, theta: float) -> float:
    """Peakiness of the row histogram after undoing a counter-clockwise rotation by `theta` (y grows downwards)."""
    rows = ys * math.cos(theta) + xs * math.sin(theta)  # Python floats keep the float32 arrays in float32
    hist = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return float(np.dot(hist, hist))
