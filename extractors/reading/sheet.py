"""Find the sheet of paper in a phone photo and warp it flat (issue #17).

A page photographed on a desk fills only part of the frame, in perspective. Its outline is looked for on a copy of
about `_WORK_SIZE` pixels: text is closed away (a grey closing, which lets paper swallow the ink), then two
candidates are drawn — the outer contours of Canny edges, and the bright region Otsu's threshold separates from
the desk (when the two differ: a scan's grain is no desk) — each reduced to its convex hull and a 4-corner polygon
whose sides are then refitted to the outline.
A candidate counts only when it is convex, clear of the frame's border, covers `MIN_SHARE`–`MAX_SHARE` of the
frame, has corners near right angles and a paper-like aspect; otherwise the whole frame is read as before (a
scan, a page filling the frame). Known miss: the edge of another sheet peeking out from under the page merges
with it, no 4-corner outline is found, and the frame is read whole. The sheet is warped to an A4 rectangle at
the size Tesseract is given (`ocr.read_scale`: about 225 DPI), so no second resize follows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

_WORK_SIZE = 1000  # long side of the detection copy: an A4 outline is then ~700 px tall, ±1 px is 0.15 %
_CLOSE = 11  # closing kernel on that copy: a text line is ~4 px tall there, a word gap ~3 px
MIN_SHARE = 0.2  # a sheet smaller than this share of the frame is more likely a label, a card or a screen
MAX_SHARE = 0.92  # above this the page fills the frame (a scan): read it whole, as before
_MAX_CORNER_SKEW = 30.0  # degrees off a right angle: a phone tilted ~10 % per corner stays within ~15
A4 = math.sqrt(2)
_A4_TOLERANCE = 0.15  # measured aspect within this share of √2 is taken as A4 (perspective squeezes one side)
_ASPECT_RANGE = (1.1, 1.9)  # outside it the outline is no sheet of paper (or a half-seen one)
# Grey levels between the means of Otsu's two classes on the detection copy: Otsu splits any frame in two, and on a
# scan filling the frame the halves are its paper's grain, 1–2 levels apart (a noise blob's hull then passed for a
# sheet); a sheet on a desk stands 60 or more above it in the generator's photos.
_MIN_SEPARATION = 20
_BORDER = 3  # pixels of the detection copy: a corner closer to the frame's edge than this was cut by the frame
_SIDE_MIDDLE = 0.1  # a side is refitted on its points between 10 % and 90 % of its length: corners are rounded
_SIDE_BAND = 0.04  # ... and within this share of its length from it: a finger or a dog-ear lies farther out
SHEET_LONG_SIDE = 2630  # = ocr._READ_LONG_SIDE: A4 at ~225 DPI, what Tesseract is handed


@dataclass(frozen=True)
class Sheet:
    """A sheet's corners in frame pixels (top left, top right, bottom right, bottom left) and its share of the
    frame."""

    corners: tuple[tuple[float, float], ...]
    share: float

    def size(self) -> tuple[int, int]:
        """Width and height of the flattened sheet: A4 (or the measured aspect) with a long side of
        `SHEET_LONG_SIDE`."""
        c = np.array(self.corners)
        width, height = _sides(c)
        aspect = _aspect(c)
        aspect = A4 if abs(aspect / A4 - 1) <= _A4_TOLERANCE else aspect
        short = round(SHEET_LONG_SIDE / aspect)
        return (short, SHEET_LONG_SIDE) if height >= width else (SHEET_LONG_SIDE, short)

    def source_scale(self) -> float:
        """Frame pixels per flattened-sheet pixel (below 1: the sheet was enlarged to be read)."""
        return max(_sides(np.array(self.corners))) / SHEET_LONG_SIDE


def _length(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.hypot(*(a - b)))


def detection_copy(image: Image.Image) -> tuple[np.ndarray, float]:
    """A small single-channel copy to look for the sheet on, and its scale to the frame.

    In colour, the darkest channel: paper is bright in all three, while wood and most desks are dark in blue.
    """
    factor = max(image.size) / _WORK_SIZE  # small frames enlarged too: the kernels below are sized for this copy
    # Box-reduced by the whole factor first (reducing_gap=1), then bilinear for the rest: a bilinear filter as wide
    # as the factor over all of an 8 MP colour frame took 60 % more time; corners moved by at most 5 frame pixels.
    small = image.resize((max(1, round(image.width / factor)), max(1, round(image.height / factor))),
                         Image.Resampling.BILINEAR, reducing_gap=1.0)
    pixels = np.asarray(small.convert("RGB") if small.mode not in ("L", "RGB") else small)
    if pixels.ndim == 2:
        return pixels, factor
    # Channel by channel: numpy's min over a last axis of three is ten times slower
    return np.minimum(np.minimum(pixels[..., 0], pixels[..., 1]), pixels[..., 2]), factor


def find_sheet(image: Image.Image) -> Sheet | None:
    """The sheet of paper in `image` (any mode), or None when no outline is found with confidence."""
    small, factor = detection_copy(image)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((_CLOSE, _CLOSE), np.uint8))
    blurred = cv2.GaussianBlur(closed, (5, 5), 0)
    candidates = [quad for mask in (_edge_outline(blurred), bright_region(blurred))
                  for quad in _quads(mask)]
    frame_area = float(small.shape[0] * small.shape[1])
    sheets = [Sheet(tuple((float(x) * factor, float(y) * factor) for x, y in quad),
                    cv2.contourArea(quad.astype(np.float32)) / frame_area)
              for quad in candidates if _inside(quad, small.shape)]
    sheets = [sheet for sheet in sheets if MIN_SHARE <= sheet.share <= MAX_SHARE and _paper_like(sheet)]
    return max(sheets, key=lambda sheet: sheet.share, default=None)


def _edge_outline(blurred: np.ndarray) -> np.ndarray:
    """Edges of the closed copy (thresholds from its median, as in Canny's common auto setting), thickened so
    that a sheet's border closes."""
    median = float(np.median(blurred))
    edges = cv2.Canny(blurred, int(max(0, 0.66 * median)), int(min(255, 1.33 * median)))
    return cv2.dilate(edges, np.ones((3, 3), np.uint8))


def bright_region(blurred: np.ndarray) -> np.ndarray:
    """The paper against the desk: the pixels above Otsu's threshold (255), or every pixel when the two classes are
    less than `_MIN_SEPARATION` apart: the frame is all one surface (a scan), no sheet is outlined by grain."""
    level, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if class_separation(np.bincount(blurred.ravel(), minlength=256), int(level)) < _MIN_SEPARATION:
        return np.full_like(mask, 255)
    return mask


def class_separation(histogram: np.ndarray, level: int) -> float:
    """Grey levels between the mean of the pixels above `level` and the mean of the rest (0 when a class is empty),
    from a 256-bin `histogram`."""
    values = np.arange(histogram.size, dtype=np.float64)
    dark, bright = histogram[:level + 1], histogram[level + 1:]
    if not dark.sum() or not bright.sum():
        return 0.0
    return float(values[level + 1:] @ bright / bright.sum() - values[:level + 1] @ dark / dark.sum())


def _quads(mask: np.ndarray) -> list[np.ndarray]:
    """Convex 4-corner outlines of the largest outer contours of `mask`, corners ordered clockwise from top left."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    quads = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        hull = cv2.convexHull(contour)
        polygon = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(polygon) == 4 and cv2.isContourConvex(polygon):
            quads.append(_refined(_clockwise(polygon.reshape(4, 2).astype(np.float64)), contour.reshape(-1, 2)))
    return quads


def _refined(quad: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """`quad` with each side refitted to the outline's points near its middle, corners where the lines meet.

    The hull's polygon cuts corners and is pulled outwards by whatever sticks out of the sheet (a finger over the
    margin, a dog-ear); a robust line through the points along each side follows the paper's edge instead.
    """
    points = outline.astype(np.float32)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        along = (b - a) / max(_length(a, b), 1e-9)
        offset = points - a
        t = offset @ along / max(_length(a, b), 1e-9)
        distance = np.abs(offset @ np.array([-along[1], along[0]]))
        near = points[(t > _SIDE_MIDDLE) & (t < 1 - _SIDE_MIDDLE) & (distance < _SIDE_BAND * _length(a, b))]
        if len(near) < 10:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0], dtype=np.float64), np.array([vx, vy], dtype=np.float64)))
    corners = [_crossing(lines[i - 1], lines[i]) for i in range(4)]
    if any(c is None for c in corners):
        return quad
    return np.array(corners)


def _crossing(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """Where two lines (point, direction) meet; None when they are (nearly) parallel."""
    (p, d), (q, e) = first, second
    det = d[0] * -e[1] - d[1] * -e[0]
    if abs(det) < 1e-6:
        return None
    s = ((q - p)[0] * -e[1] - (q - p)[1] * -e[0]) / det
    return p + s * d


def _clockwise(points: np.ndarray) -> np.ndarray:
    """Top left, top right, bottom right, bottom left (y grows downwards)."""
    centre = points.mean(axis=0)
    ordered = points[np.argsort(np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0]))]
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0)


def _inside(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Whether every corner lies clear of the frame's border: one on it is where the frame cut the sheet, and the
    outline there is the frame's, not the paper's."""
    height, width = shape[:2]
    return bool((quad.min() >= _BORDER) and (quad[:, 0].max() <= width - 1 - _BORDER)
                and (quad[:, 1].max() <= height - 1 - _BORDER))


def _paper_like(sheet: Sheet) -> bool:
    """Corners near right angles and an aspect a sheet of paper has."""
    c = np.array(sheet.corners)
    for i in range(4):
        a, b = c[i - 1] - c[i], c[(i + 1) % 4] - c[i]
        angle = math.degrees(math.acos(np.clip(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)), -1, 1)))
        if abs(angle - 90) > _MAX_CORNER_SKEW:
            return False
    low, high = _ASPECT_RANGE
    return low <= _aspect(c) <= high


def _sides(c: np.ndarray) -> tuple[float, float]:
    """Mean width and mean height of a quadrilateral (corners clockwise from top left)."""
    return (_length(c[0], c[1]) + _length(c[3], c[2])) / 2, (_length(c[0], c[3]) + _length(c[1], c[2])) / 2


def _aspect(c: np.ndarray) -> float:
    width, height = _sides(c)
    return max(width, height) / max(1e-9, min(width, height))


def cut_out(sheet: Sheet, size: tuple[int, int]) -> tuple[tuple[int, int, int, int], Sheet]:
    """The box around `sheet` in a frame of `size`, with the pixels `flatten` interpolates from, and the sheet in
    that box's pixels: what is done to the page before the warp then need not be done to the desk around it."""
    xs, ys = zip(*sheet.corners)
    left, top = max(0, math.floor(min(xs)) - 1), max(0, math.floor(min(ys)) - 1)
    right, bottom = min(size[0], math.ceil(max(xs)) + 2), min(size[1], math.ceil(max(ys)) + 2)
    return (left, top, right, bottom), Sheet(tuple((x - left, y - top) for x, y in sheet.corners), sheet.share)


def flatten(gray: Image.Image, sheet: Sheet) -> Image.Image:
    """The sheet cut out of `gray` (mode "L", or "RGB" for the review page's view) and warped to a rectangle of
    `sheet.size()`."""
    width, height = sheet.size()
    target = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.array(sheet.corners, dtype=np.float32), target)
    # INTER_AREA is not supported by warpPerspective; linear is what a downscale by < 2 needs here
    flat = cv2.warpPerspective(np.asarray(gray), matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat, gray.mode)
