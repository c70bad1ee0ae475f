"""Photos that cannot be read say so: too small, too dark, blurred, or cut off (issue #17).

OCR of such a page returns a few garbled words, and the dossier then fails later as "not a dossier" or comes out
with wrong fields, which tells the secretary nothing. Each check measures one thing on the page OCR is about to
read and, when it is hopeless, raises `DossierError(bad_input)` saying what to retake. A page with too little
text to measure (a blank back side) passes every check: it is not this module's business.
Thresholds were found on generated pages (bench/photo.py, tests/test_legibility.py): each sits where Tesseract's
word accuracy collapses, not where it merely dips, so a page read today is never refused.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

from extractors.errors import DossierError, FailureKind
from extractors.reading.photo import paper
from extractors.reading.sheet import bright_region, detection_copy

# Text x-height in the pixels OCR gets: Tesseract scales lines up to ~36 px itself, but the strokes of 5 px letters
# are gone and tone marks merge into them (measured: below ~6 px word accuracy fell under a half).
MIN_X_HEIGHT = 6.0
# Median paper brightness (0–255) under which the photo is too dark. Generated pages with grain of σ 3 and no JPEG
# still read at a paper level of 26 once flattened; a phone raises its gain in such light and its JPEG steps are a
# good part of the few dozen levels left between paper and ink, so the line is drawn a little higher.
MIN_PAPER = 40
# Blur: the width in pixels of ink edges on the flattened sheet (A4 at ~225 DPI, body text ~22 px x-height).
# Measured on generated pages: ~2.0 sharp, 5.0 at a Gaussian blur of σ 2.5 (word accuracy 0.84–0.96), 6.0 at σ 3
# (0.63–0.93), 8.0 at σ 4 (0.40–0.61): the line is drawn between the last two.
MAX_EDGE_WIDTH = 7.0
# Marks shorter than this on a flattened sheet (A4 at ~225 DPI) are tone marks, dots and grain, not letters: it is
# the x-height of 6 pt type, and even enlarged from a tiny photo, letters keep their height on the sheet.
_MIN_MARK = 8
_TILE = 64  # pixels on a side; a tile of text at 225 DPI holds two or three lines
_MIN_TEXT_TILES = 12  # fewer tiles with text than this: nothing to measure (a blank or nearly blank page)
_TEXT_CONTRAST = 40.0  # a tile whose grey levels spread less than this holds no text (grain, a shadow's edge)
_EDGE_BAND = 0.012  # share of the frame's long side along an edge where text cut by the frame shows
# Share of that band (inside the paper) that is ink when text runs off the frame: a cut line of text covers 10–15 %;
# the paper's own edge crossing the band, or a seam of shadow, about 2 %.
_EDGE_INK = 0.05


def check_legible(page: Image.Image, detail: float, name: str, number: int) -> None:
    """Raise `DossierError` when `page` (mode "L", as OCR reads it) is too small, too dark or blurred.

    `detail` is the photo's pixels per page pixel, at most 1 (a sheet enlarged by warping gains no detail).
    """
    if paper_level(page) < MIN_PAPER:
        raise _retake(name, number, "quá tối, hãy chụp lại ở nơi đủ sáng (không dùng đèn flash chiếu thẳng)",
                      f"paper level {paper_level(page):.0f} < {MIN_PAPER}")
    # `x_height` is never below `_MIN_MARK`: from a photo with this much detail the text cannot be too small, and
    # the measure (~0.1 s a page) is skipped.
    height = x_height(page) if min(1.0, detail) * _MIN_MARK < MIN_X_HEIGHT else None
    if height is not None and height * min(1.0, detail) < MIN_X_HEIGHT:
        raise _retake(name, number, "chụp quá xa nên chữ quá nhỏ, hãy chụp gần hơn để trang giấy chiếm gần hết "
                                    "khung hình", f"text x-height {height * min(1.0, detail):.1f} px < {MIN_X_HEIGHT}")
    width = edge_width(page)
    if width is not None and width > MAX_EDGE_WIDTH:
        raise _retake(name, number, "bị mờ, hãy chụp lại rõ nét hơn (giữ máy yên, chạm vào trang giấy để lấy nét)",
                      f"ink edges {width:.1f} px wide > {MAX_EDGE_WIDTH}")


def check_cut_off(frame: Image.Image, name: str, number: int) -> None:
    """Raise `DossierError` when the sheet runs off the frame on some side (the desk shows on another) and its
    text reaches that edge: lines there are cut."""
    small, _ = detection_copy(frame)
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((11, 11), np.uint8))
    sheet = bright_region(cv2.GaussianBlur(closed, (5, 5), 0)) > 0
    desk = 1.0 - float(sheet.mean())
    ink = (closed.astype(np.int16) - small) > 40
    band = max(2, round(_EDGE_BAND * max(small.shape)))
    edges = {"top": np.s_[:band, :], "bottom": np.s_[-band:, :], "left": np.s_[:, :band], "right": np.s_[:, -band:]}
    touched = [side for side, cut in edges.items() if sheet[cut].mean() > 0.2]
    if not 1 <= len(touched) <= 3 or desk < 0.1:
        return
    # Ink well inside the paper: along the paper's own edge the closing brightened the desk, which reads as ink.
    inner = cv2.erode(sheet.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0
    cut = [side for side in touched if float((ink[edges[side]] & inner[edges[side]]).mean()) > _EDGE_INK]
    if cut:
        raise _retake(name, number, "bị mất một phần trang giấy ở mép ảnh, hãy chụp lại cho cả trang nằm trọn "
                                    "trong khung hình", f"sheet off the frame, text at its {'/'.join(cut)}")


def paper_level(page: Image.Image) -> float:
    """The median brightness of the paper (its estimate under the ink, `photo.paper`)."""
    return float(np.median(np.asarray(paper(page))))


def x_height(page: Image.Image) -> float | None:
    """The commonest height of ink marks taller than a tone mark: lower-case letters, i.e. the x-height, in the
    pixels of `page` (a flattened sheet); None when the page holds too few marks to tell."""
    ink = _ink(page)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    heights, widths = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= _MIN_MARK) & (heights <= 80) & (widths <= 3 * heights) & (widths >= 2)]
    if letters.size < 50:
        return None
    histogram = np.convolve(np.bincount(letters, minlength=82).astype(float), (1, 2, 1), mode="same")
    return float(np.argmax(histogram))


def _ink(page: Image.Image) -> np.ndarray:
    """Ink pixels: darker than 70 % of the paper around them, so a shadow on the paper is not ink."""
    background = np.asarray(paper(page).resize(page.size, Image.Resampling.BILINEAR), dtype=np.float32)
    return np.asarray(page, dtype=np.float32) < 0.7 * background


def edge_width(page: Image.Image) -> float | None:
    """How many pixels ink edges take to go from paper to ink: the median over text tiles of the tile's contrast
    over its steepest slope (a step blurred by a Gaussian of σ measures about 2.5 σ). None when fewer than
    `_MIN_TEXT_TILES` tiles hold text. Unlike the variance of the Laplacian it does not grow with grain or
    shrink with a faded or shaded page."""
    pixels = np.asarray(page)  # 8-bit: the partial sorts below move a quarter of the bytes of floats
    rows, cols = pixels.shape[0] // _TILE, pixels.shape[1] // _TILE
    # Every other tile, as a checkerboard: half the work, and the median over a page's text tiles is the same to a
    # tenth of a pixel.
    where = np.flatnonzero(_checkerboard(rows, cols))
    grid = pixels[:rows * _TILE, :cols * _TILE].reshape(rows, _TILE, cols, _TILE).transpose(0, 2, 1, 3)
    low, high = _ranks(grid[where // cols, where % cols].reshape(-1, _TILE * _TILE), (0.02, 0.98))
    contrast = high.astype(np.float32) - low
    text = contrast > _TEXT_CONTRAST
    if int(text.sum()) < _MIN_TEXT_TILES // 2:
        return None
    (steepest,) = _ranks(_slopes(pixels, where[text] // cols, where[text] % cols), (0.99,))
    return float(np.median(contrast[text] / np.maximum(steepest, 1e-3)))


def _slopes(pixels: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Grey levels per pixel (Sobel's magnitude / 8) over the tiles at `rows`, `cols`, one tile a row.

    Sobel runs on those tiles alone (a third of a page or less), stacked with a pixel of their neighbours each, so
    every kept value is what Sobel gives on the whole page.
    """
    side = _TILE + 2
    padded = cv2.copyMakeBorder(pixels, 1, 1, 1, 1, cv2.BORDER_REFLECT_101)  # Sobel's own border
    stack = sliding_window_view(padded, (side, side))[::_TILE, ::_TILE][rows, cols].reshape(-1, side)
    slope = cv2.magnitude(cv2.Sobel(stack, cv2.CV_32F, 1, 0), cv2.Sobel(stack, cv2.CV_32F, 0, 1)) / 8
    return slope.reshape(-1, side, side)[:, 1:-1, 1:-1].reshape(len(rows), _TILE * _TILE)


def _checkerboard(rows: int, cols: int) -> np.ndarray:
    return ((np.arange(rows)[:, None] + np.arange(cols)[None, :]) % 2 == 0).ravel()


def _ranks(values: np.ndarray, shares: tuple[float, ...]) -> list[np.ndarray]:
    """Per row, the values at these shares of the sorted row (a partial sort: far cheaper than `np.percentile`)."""
    kth = [min(values.shape[1] - 1, round(share * (values.shape[1] - 1))) for share in shares]
    ordered = np.partition(values, kth, axis=1)
    return [ordered[:, k] for k in kth]


def _retake(name: str, number: int, what_vi: str, detail: str) -> DossierError:
    return DossierError(FailureKind.bad_input, f"Ảnh “{name}” trang {number} {what_vi}.",
                        f"{name} page {number}: cannot be read well: {detail}")
