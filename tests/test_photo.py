"""Desk photos (issue #17): the sheet is found and flattened, scans pass as before, and photos that cannot be read
say what to retake. Photos are generated here (`samples/gen_photo.py`) from a rendered form; no Tesseract."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageFilter

from extractors.errors import DossierError, FailureKind
from extractors.reading import legibility
from extractors.reading.image_reader import page_of, prepare, read_image
from extractors.reading.sheet import (
    SHEET_LONG_SIDE,
    _quads,
    bright_region,
    class_separation,
    detection_copy,
    find_sheet,
    flatten,
    side_bends,
)
from samples.gen_media import _grain, rasterize
from samples.gen_output import _stamp
from samples.gen_photo import DESK_DPI, Curl, desk_photo, jpeg_bytes
from samples.gen_render import render_pdf
from samples.generate import prepare as plan_dossiers

NAME = "IMG_0001.jpg"


@pytest.fixture(scope="module")
def page() -> Image.Image:
    """The first page of a generated application form, in colour, as the desk photos are made of."""
    _, _, _, facts, form, _ = plan_dossiers(21, 1, Path("unused"), ("desk-photo",))[0]
    return rasterize(render_pdf(form.blocks, _stamp(facts.signed)), DESK_DPI, colour=True)[0]


_TAKEN: dict[tuple, tuple[Image.Image, tuple]] = {}


def _photo(page: Image.Image, seed: int, **options) -> tuple[Image.Image, tuple]:
    """A desk photo of `page` and its sheet's corners, taken once per seed and options (8 MP takes a second); the
    sheet lies flat unless `curl=True` is given (a curled sheet's corners are not the shot's)."""
    options.setdefault("curl", False)
    key = (seed, tuple(sorted(options.items())))
    if key not in _TAKEN:
        photo, shot = desk_photo(page, random.Random(seed), **options)
        _TAKEN[key] = photo, shot.corners
    return _TAKEN[key]


def _worst_corner_error(found, truth) -> float:
    return max(float(np.hypot(fx - tx, fy - ty)) for (fx, fy), (tx, ty) in zip(found, truth))


@pytest.mark.parametrize("seed,landscape", [(1, False), (3, True), (4, False), (5, True)])
def test_the_sheet_is_found_within_a_few_pixels_of_its_corners(page, seed, landscape):
    # Without another sheet peeking out from under it: that one is merged with the page (a known miss, read whole)
    photo, corners = _photo(page, seed, landscape=landscape, clutter=False)
    sheet = find_sheet(photo)
    assert sheet is not None
    # 1 % of the frame's long side (33 px): a text line on the flattened page is ~45 px tall
    assert _worst_corner_error(sheet.corners, corners) < 0.01 * max(photo.size)


def _outline_of(polygon: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    mask = np.zeros((1000, 800), np.uint8)
    cv2.fillPoly(mask, [np.array(polygon, np.int32)], 255)
    return _quads(mask)[0]


def test_a_side_that_bows_is_measured_and_a_straight_one_is_not():
    left, right, top, bottom = 100, 700, 80, 930
    xs = np.linspace(left, right, 200)
    bow = 25 * np.sin(np.pi * (xs - left) / (right - left))  # the middle of top and bottom 25 px up
    polygon = [*zip(xs, top - bow), *zip(xs[::-1], (bottom - bow)[::-1])]
    bends = side_bends(*_outline_of(polygon))
    assert bends is not None
    top_bend, right_bend, bottom_bend, left_bend = (np.polyval(b, [0.1, 0.5, 0.9]) for b in bends)
    # In shares of the flattened sheet's height (850 px): the middle stands 25 * (1 - sin(0.1 pi)) = 17 px above
    # the points a tenth of the way in
    assert 14 / 850 < top_bend[0] - top_bend[1] < 20 / 850
    assert 14 / 850 < bottom_bend[0] - bottom_bend[1] < 20 / 850
    assert np.abs(np.concatenate([left_bend, right_bend])).max() < 0.004
    assert side_bends(*_outline_of([(left, top), (right, top), (right, bottom), (left, bottom)])) is None


def test_something_on_one_side_is_no_bend_the_side_across_it_shows():
    """Another sheet's edge sticking out along the top of a bowed sheet: the top disagrees with the bottom, and
    the bottom (which bows less) stands for both; on a flat sheet the same edge leaves it flat."""
    left, right, top, bottom = 100, 700, 80, 930
    xs = np.linspace(left, right, 200)
    for depth in (25, 0):
        bow = depth * np.sin(np.pi * (xs - left) / (right - left))
        peeking = np.where(xs < 300, 30, 0)  # the other sheet, 30 px out along the top's left third
        polygon = [*zip(xs, top - bow - peeking), *zip(xs[::-1], (bottom - bow)[::-1])]
        bends = side_bends(*_outline_of(polygon))
        if not depth:
            assert bends is None
            continue
        top_bend, _, bottom_bend, _ = (np.polyval(b, np.linspace(0.1, 0.9, 9)) for b in bends)
        assert np.allclose(top_bend, bottom_bend)
        assert 14 / 850 < bottom_bend[0] - bottom_bend[4] < 20 / 850


def _row_shift(flat: Image.Image) -> int:
    """How far the text lines in the sheet's left and right quarters stand above or below the same lines in its
    middle (pixels, the worse side): the shift that best aligns their rows of ink."""
    ink = (np.asarray(flat.convert("L"), dtype=np.float32) < 128)[:, :]
    width = ink.shape[1]
    rows = [ink[:, round(width * a):round(width * b)].mean(axis=1) for a, b in ((0.1, 0.3), (0.4, 0.6), (0.7, 0.9))]
    rows = [r - r.mean() for r in rows]

    def shift(a: np.ndarray, b: np.ndarray) -> int:
        lags = range(-80, 81)
        return abs(max(lags, key=lambda lag: float(np.dot(a, np.roll(b, lag)))))
    return max(shift(rows[1], rows[0]), shift(rows[1], rows[2]))


def test_a_curled_sheet_is_flattened_with_its_lines_straight(page):
    bowed = Curl(height=0.05, edge=None, left=False, tilt=0.5).apply(page)  # the middle ~2.5 % of the width up
    photo, _ = desk_photo(bowed, random.Random(4), clutter=False, curl=False, landscape=False)
    sheet = find_sheet(photo)
    assert sheet is not None and sheet.bends is not None
    straight = _row_shift(flatten(photo.convert("L"), sheet))
    as_if_flat = _row_shift(flatten(photo.convert("L"), replace(sheet, bends=None)))
    # The straight warp's sides run through the bowed ones, so lines stand ~15 px apart across the page (a text
    # line is ~45 px tall there: Tesseract cuts them); following the sides, 1 px
    assert as_if_flat >= 12
    assert straight <= 4


def test_a_flat_sheet_has_no_bends(page):
    for seed in (1, 3, 4, 5):
        photo, _ = _photo(page, seed, clutter=False)
        assert find_sheet(photo).bends is None, seed


def test_a_flattened_sheet_is_a4_at_the_size_tesseract_reads(page):
    photo, _ = _photo(page, 4, landscape=False, clutter=False)
    flat = flatten(photo.convert("L"), find_sheet(photo))
    assert flat.size == (round(SHEET_LONG_SIDE / 2 ** 0.5), SHEET_LONG_SIDE)
    assert np.asarray(flat)[:40].mean() > 150  # the top margin is paper, not desk


def test_a_scan_filling_the_frame_is_read_whole_as_before(page):
    scan = page.convert("L")
    assert find_sheet(scan) is None
    assert page_of(scan, NAME, 1).tobytes() == prepare(scan).tobytes()


def test_a_grainy_frame_of_one_surface_has_no_sheet():
    # A scan filling the frame is paper everywhere: Otsu's halves are its grain, 1-2 grey levels apart, and the
    # hull of a noise blob passed for a sheet (seed 12 did on the box-reduced detection copy: 0.69 of the frame)
    for seed in range(16):
        frame = np.clip(238 + _grain(random.Random(seed), (1654, 2339), 3.5), 0, 255).astype(np.uint8)
        assert (bright_region(frame) == 255).all()
        assert find_sheet(Image.fromarray(frame)) is None, seed


def test_a_sheet_stands_apart_from_its_desk(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    small, _ = detection_copy(photo)
    histogram = np.bincount(small.ravel(), minlength=256)
    level = int(cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])
    assert class_separation(histogram, level) > 50
    assert 0.3 < (bright_region(small) == 255).mean() < 0.95


def test_a_desk_without_paper_has_no_sheet(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    desk = photo.crop((0, 0, photo.width // 8, photo.height // 8)).resize(photo.size)
    assert find_sheet(desk) is None


def _reason(frame: Image.Image) -> DossierError:
    with pytest.raises(DossierError) as caught:
        page_of(frame, NAME, 2)
    assert caught.value.kind is FailureKind.bad_input and f"Ảnh “{NAME}” trang 2" in caught.value.message_vi
    return caught.value


def test_a_sharp_photo_passes_every_check(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    assert page_of(photo, NAME, 1).size == (1860, SHEET_LONG_SIDE)


def test_a_blurred_photo_is_refused_asking_for_a_sharper_one(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    assert "bị mờ" in _reason(photo.filter(ImageFilter.GaussianBlur(5))).message_vi


def test_a_dark_photo_is_refused_asking_for_light(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    dark = Image.fromarray((np.asarray(photo, dtype=np.float32) * 0.12).astype(np.uint8))
    assert "quá tối" in _reason(dark).message_vi


def test_a_dim_photo_is_still_read(page):
    photo, _ = _photo(page, 1, landscape=False, clutter=False)
    dim = Image.fromarray((np.asarray(photo, dtype=np.float32) * 0.4).astype(np.uint8))
    assert np.median(np.asarray(page_of(dim, NAME, 1))) > 200  # flattened: the paper is white again


def test_a_photo_taken_from_too_far_is_refused_asking_to_come_closer(page):
    """A 0.2 MP photo: the sheet is ~450 px tall, its letters ~3.5 px. (Enlarged onto the sheet, letters of a
    word merge and measure taller, so the check errs on the lenient side: at 1/5 of this photo it still passes.)"""
    photo, _ = _photo(page, 11)
    tiny = photo.resize((photo.width // 6, photo.height // 6), Image.Resampling.BILINEAR)
    assert "chữ quá nhỏ" in _reason(tiny).message_vi


def test_a_sheet_running_off_the_frame_with_its_text_is_refused(page):
    photo, corners = _photo(page, 12, landscape=False)
    bottom = max(y for _, y in corners)
    cut = photo.crop((0, 0, photo.width, round(bottom - 0.3 * (bottom - min(y for _, y in corners)))))
    assert "mất một phần trang" in _reason(cut).message_vi


def test_a_sheet_running_off_the_frame_below_its_text_is_read(page):
    """Only the bottom margin is outside the frame: nothing is lost, the frame is read whole as before."""
    photo, corners = _photo(page, 12, landscape=False)
    bottom = max(y for _, y in corners)
    margin_only = photo.crop((0, 0, photo.width, round(bottom - 0.01 * photo.height)))
    legibility.check_cut_off(margin_only, NAME, 1)


def test_reading_a_blurred_photo_file_fails_with_the_reason(page, tmp_path):
    photo, shot = desk_photo(page, random.Random(13))
    path = tmp_path / NAME
    path.write_bytes(jpeg_bytes(photo.filter(ImageFilter.GaussianBlur(5)), shot.quality))
    with pytest.raises(DossierError) as caught:
        read_image(path, NAME)
    assert caught.value.message_vi == f"Ảnh “{NAME}” trang 1 bị mờ, hãy chụp lại rõ nét hơn (giữ máy yên, chạm " \
                                      "vào trang giấy để lấy nét)."
    assert "ink edges" in caught.value.detail


def test_the_desk_photo_generator_is_reproducible(page):
    small = page.reduce(4)  # the same draws on a quarter-size page: quicker, and just as telling
    first, second, other = (desk_photo(small, random.Random(seed))[0] for seed in (14, 14, 15))
    assert jpeg_bytes(first, 80) == jpeg_bytes(second, 80) != jpeg_bytes(other, 80)


def test_the_review_page_shows_the_photographed_sheet_straightened_as_it_was_read(page, tmp_path, home):
    """The field boxes are fractions of the page OCR read: the page image served for a desk photo is that sheet,
    warped flat (A4's proportions, no desk), while a scan filling the frame is served as it is."""
    from pipeline.config import load_settings
    from pipeline.web.sources import MAX_SIDE, page_image

    photo, _ = _photo(page, 4)
    path = tmp_path / NAME
    path.write_bytes(jpeg_bytes(photo, 85))
    served = Image.open(page_image(load_settings(), path, "d" * 64, 1))
    assert abs(served.height / served.width - 297 / 210) < 0.03
    assert abs(photo.height / photo.width - 297 / 210) > 0.05  # the photo itself is not A4-shaped
    assert np.asarray(served.convert("L"))[:40, :40].mean() > 150  # paper in the corner, not the desk

    scan = tmp_path / "scan.png"
    page.save(scan)
    expected = page.copy()
    expected.thumbnail((MAX_SIDE, MAX_SIDE))
    assert Image.open(page_image(load_settings(), scan, "e" * 64, 1)).size == expected.size
