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

A sheet that does not lie flat (rolled, or an edge lifting) has curved sides, and its lines of text bow with them.
Each side's bend is measured against the 4-corner outline, in the flattened sheet's own coordinates; when one
bends by more than `_MIN_BEND`, the warp follows the four sides (each point moved by the bends of the two sides
across from each other, blended by its distance from them, as a Coons patch blends its boundary curves) instead of
the straight perspective, so the lines come out straight. A finger or a dog-ear on a side is an outlier to its
bend's fit, not a bend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
_BEND_BAND = 0.08  # a side's bend is measured on outline points within this share of the sheet from the side
_BEND_END = 0.05  # ... away from its ends, where the sides across it run (and the closing rounds the corner)
_BEND_BINS = 24  # ... as the median offset in each of this many stretches of the side ...
_BEND_DEGREE = 3  # ... fitted by a cubic (a bow or a lifting edge), stretches far off the fit dropped once
_MIN_BEND = 0.004  # a bend below this share of the sheet is the outline's noise (±1 px of the detection copy)
_MAX_BEND = 0.08  # ... and one above it no curl a photo of a page to be read shows
_BEND_AGREEMENT = 0.5  # opposite sides bow alike: apart by at most this share of the larger bow
_MEASURED = np.linspace(_BEND_END, 1 - _BEND_END, 19)
_GRID = 16  # the curved warp is computed every this many pixels and interpolated in between
SHEET_LONG_SIDE = 2630  # = ocr._READ_LONG_SIDE: A4 at ~225 DPI, what Tesseract is handed


@dataclass(frozen=True)
class Sheet:
    """A sheet's corners in frame pixels (top left, top right, bottom right, bottom left) and its share of the
    frame."""

    corners: tuple[tuple[float, float], ...]
    share: float
    # Each side's bend (top, right, bottom, left) as cubic coefficients (numpy.polyval order): its offset from the
    # straight side, as a share of the flattened sheet across it, along the side from 0 to 1 (left to right,
    # top to bottom); None when the sheet lies flat.
    bends: tuple[tuple[float, ...], ...] | None = None

    def size(self) -> tuple[int, int]:
        """Width and height of the flattened sheet: A4 (or the measured aspect) with a long side of
        `SHEET_LONG_SIDE`."""
        c = np.array(self.corners)
        width, height = _sides(c)
        aspect = _aspect(c)
        aspect = A4 if abs(aspect / A4 - 1) <= _A4_TOLERANCE else aspect
        short = round(SHEET_LONG_SIDE / aspect)
        return (short, SHEET_LONG_SIDE) if height >= width else (SHEET_LONG_SIDE, short)

    def largest_bend(self) -> float:
        """How far the most bent side strays from its straight line, as a share of the sheet (0 when flat)."""
        return largest_bend(self.bends) if self.bends else 0.0

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
    candidates = [found for mask in (_edge_outline(blurred), bright_region(blurred))
                  for found in _quads(mask)]
    frame_area = float(small.shape[0] * small.shape[1])
    sheets = [(Sheet(tuple((float(x) * factor, float(y) * factor) for x, y in quad),
                     cv2.contourArea(quad.astype(np.float32)) / frame_area), quad, outline)
              for quad, outline in candidates if _inside(quad, small.shape)]
    sheets = [found for found in sheets if MIN_SHARE <= found[0].share <= MAX_SHARE and _paper_like(found[0])]
    if not sheets:
        return None
    sheet, quad, outline = max(sheets, key=lambda found: found[0].share)
    return replace(sheet, bends=side_bends(quad, outline))


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


def _quads(mask: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Convex 4-corner outlines of the largest outer contours of `mask`, corners ordered clockwise from top left,
    each with the contour's points."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)  # every point: bends
    quads = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        hull = cv2.convexHull(contour)
        polygon = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(polygon) == 4 and cv2.isContourConvex(polygon):
            outline = contour.reshape(-1, 2)
            quads.append((_refined(_clockwise(polygon.reshape(4, 2).astype(np.float64)), outline), outline))
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


def side_bends(quad: np.ndarray, outline: np.ndarray) -> tuple[tuple[float, ...], ...] | None:
    """How far each side of the sheet bows away from `quad` (see `Sheet.bends`), from the `outline` points
    near it; None when the sheet lies flat or a side has too few points to tell.

    Paper bends as a whole: a rolled or lifting sheet bows its two opposite sides alike. When they disagree,
    something else is on one of them (another sheet's edge under it, a finger), which only adds to its outline:
    the smoother side stands for both.
    """
    unit = np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=np.float32)
    flat = cv2.perspectiveTransform(outline.reshape(-1, 1, 2).astype(np.float32),
                                    cv2.getPerspectiveTransform(quad.astype(np.float32), unit)).reshape(-1, 2)
    x, y = flat[:, 0], flat[:, 1]
    # Per side: where along it (0 to 1) and how far off it (towards the outside negative for top and left).
    sides = ((x, y), (y, x - 1), (x, y - 1), (y, x))
    fits = []
    for along, off in sides:
        near = (np.abs(off) < _BEND_BAND) & (along > _BEND_END) & (along < 1 - _BEND_END)
        fit = _fit_bend(along[near], off[near])
        if fit is None:
            return None
        fits.append(fit)
    bends = [bend for bend, _ in fits]
    for first, second in ((0, 2), (1, 3)):
        if not _alike(bends[first], bends[second]):
            bends[first] = bends[second] = min(fits[first], fits[second], key=lambda fit: fit[1])[0]
    return tuple(bends) if _MIN_BEND <= largest_bend(bends) <= _MAX_BEND else None


def _alike(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    """Whether two opposite sides bow the same way: apart by at most `_BEND_AGREEMENT` of the larger bow."""
    a, b = bend_at(first, _MEASURED), bend_at(second, _MEASURED)
    return float(np.abs(a - b).max()) <= _BEND_AGREEMENT * max(float(np.abs(a).max()), float(np.abs(b).max()))


def bend_at(bend: tuple[float, ...], along: np.ndarray) -> np.ndarray:
    """A side's offset at `along`; past the stretch it was measured on, the offset at that stretch's end (a cubic
    strays fast outside its data)."""
    return np.polyval(bend, np.clip(along, _BEND_END, 1 - _BEND_END))


def largest_bend(bends: Sequence[tuple[float, ...]]) -> float:
    """The largest offset of any of `bends` from its straight side, over the stretch they were measured on."""
    return max(float(np.abs(bend_at(bend, _MEASURED)).max()) for bend in bends)


def _fit_bend(along: np.ndarray, off: np.ndarray) -> tuple[tuple[float, ...], float] | None:
    """A cubic through the median offset of each stretch of a side, the stretches farthest off it (a finger, a
    dog-ear, a corner cut by the closing) dropped once; and how rough the side is, the mean distance of the
    stretches from the first cubic (paper bends smoothly; a step is something on it). None with fewer than half
    the stretches seen."""
    stretch = np.minimum((along * _BEND_BINS).astype(int), _BEND_BINS - 1)
    centres, medians = [], []
    for i in range(_BEND_BINS):
        values = off[stretch == i]
        if len(values) >= 2:
            centres.append((i + 0.5) / _BEND_BINS)
            medians.append(float(np.median(values)))
    if len(centres) < _BEND_BINS // 2:
        return None
    centres, medians = np.array(centres), np.array(medians)
    fit = np.polyfit(centres, medians, _BEND_DEGREE)
    residual = np.abs(medians - np.polyval(fit, centres))
    keep = residual <= max(3 * float(np.median(residual)), 0.002)
    if keep.sum() > _BEND_DEGREE + 2:
        fit = np.polyfit(centres[keep], medians[keep], _BEND_DEGREE)
    return tuple(float(c) for c in fit), float(residual.mean())


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
    that box's pixels: what is done to the page before the warp then need not be done to the desk around it. A
    curled sheet's sides bow out past its corners: the box is widened by the largest bend."""
    xs, ys = zip(*sheet.corners)
    bulge = 1 + math.ceil(max(_sides(np.array(sheet.corners))) * sheet.largest_bend())
    left, top = max(0, math.floor(min(xs)) - bulge), max(0, math.floor(min(ys)) - bulge)
    right, bottom = min(size[0], math.ceil(max(xs)) + 1 + bulge), min(size[1], math.ceil(max(ys)) + 1 + bulge)
    return (left, top, right, bottom), replace(sheet, corners=tuple((x - left, y - top) for x, y in sheet.corners))


def flatten(gray: Image.Image, sheet: Sheet) -> Image.Image:
    """The sheet cut out of `gray` (mode "L", or "RGB" for the review page's view) and warped to a rectangle of
    `sheet.size()`."""
    width, height = sheet.size()
    target = np.array([(0, 0), (width, 0), (width, height), (0, height)], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(np.array(sheet.corners, dtype=np.float32), target)
    if sheet.bends:
        flat = cv2.remap(np.asarray(gray), *_curved_maps(np.linalg.inv(matrix), sheet.bends, (width, height)),
                         cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        return Image.fromarray(flat, gray.mode)
    # INTER_AREA is not supported by warpPerspective; linear is what a downscale by < 2 needs here
    flat = cv2.warpPerspective(np.asarray(gray), matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat, gray.mode)


def _curved_maps(inverse: np.ndarray, bends: tuple[tuple[float, ...], ...],
                 size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """For every pixel of the flattened sheet, where to take it from in the frame: its place on the straight
    sheet moved by the bends of the sides around it (blended linearly between opposite sides), then through
    the perspective `inverse`. Computed on a grid every `_GRID` pixels and interpolated."""
    width, height = size
    # Samples where cv2.resize puts its input pixels' centres, so the interpolation lands on whole pixels.
    u, v = ((np.arange(n) + 0.5) * side / n - 0.5 for side, n in ((width, -(-width // _GRID)),
                                                                 (height, -(-height // _GRID))))
    u, v = u / width, v / height
    top, right, bottom, left = (bend_at(bend, t) for bend, t in zip(bends, (u, v, u, v)))
    uu, vv = np.meshgrid(u, v)
    x = (uu + (1 - uu) * left[:, None] + uu * right[:, None]) * width
    y = (vv + (1 - vv) * top[None, :] + vv * bottom[None, :]) * height
    frame = cv2.perspectiveTransform(np.stack([x, y], axis=-1).reshape(-1, 1, 2).astype(np.float64), inverse)
    frame = frame.reshape(len(v), len(u), 2).astype(np.float32)
    return (cv2.resize(frame[..., 0], size, interpolation=cv2.INTER_LINEAR),
            cv2.resize(frame[..., 1], size, interpolation=cv2.INTER_LINEAR))
