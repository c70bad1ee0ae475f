"""Ink separation before OCR (extractors/reading/ink.py) on small pages drawn here with the generator's own seal,
signature and phone-photo code: red and blue ink go, black print (even under a seal) stays, grey pages are untouched.
"""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.reading.ink import ink_free_gray
from extractors.reading.ocr import ocr_image
from samples.gen_media import photograph
from samples.gen_render import pdf_font_files
from samples.gen_seals import signature, stamp_seal
from samples.generate import generate

DPI = 200
LINES = ("Tên sáng kiến: Ứng dụng phần mềm quản lý", "hồ sơ học sinh tại Trường THCS Quang Sơn")
RING = "SỞ GIÁO DỤC VÀ ĐÀO TẠO NINH BÌNH * TRƯỜNG THCS QUANG SƠN *"


def _page(size: tuple[int, int] = (1300, 420)) -> Image.Image:
    """Black print on white, RGB: two lines of Vietnamese at ~13 pt and 200 DPI."""
    page = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(pdf_font_files()[0], 40)
    for number, line in enumerate(LINES):
        draw.text((60, 120 + 70 * number), line, font=font, fill=(20, 20, 20))
    return page


def _stamped(page: Image.Image, centre: tuple[float, float], seed: int = 7) -> Image.Image:
    pixels = np.asarray(page, np.float32) / 255
    stamp_seal(pixels, centre, RING, DPI, random.Random(seed))
    return Image.fromarray((pixels * 255).round().astype(np.uint8), "RGB")


def _as_jpeg(image: Image.Image) -> Image.Image:
    """Through a colour scanner's JPEG (quality 80, colour at half resolution), as scans arrive."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def test_a_grey_page_is_returned_unchanged():
    grey = _stamped(_page(), (300, 180)).convert("L")
    assert ink_free_gray(grey) is grey


def test_a_colour_page_without_coloured_ink_is_plain_grey():
    page = _page()
    assert np.array_equal(np.asarray(ink_free_gray(page)), np.asarray(page.convert("L")))


def test_a_warm_phone_photo_without_ink_is_plain_grey():
    photo = photograph(_page(), random.Random(3))  # warm cast, uneven light, a brown desk around the page
    assert np.array_equal(np.asarray(ink_free_gray(photo)), np.asarray(photo.convert("L")))


def test_seal_and_signature_are_lifted_to_paper_and_print_stays():
    page = _page((1300, 700))
    pixels = np.asarray(page, np.float32) / 255
    stamp_seal(pixels, (1000, 520), RING, DPI, random.Random(1))  # below the print, alone on paper
    signature(pixels, (450, 560), DPI, random.Random(2))
    coloured = _as_jpeg(Image.fromarray((pixels * 255).round().astype(np.uint8), "RGB"))
    plain, separated = np.asarray(coloured.convert("L")), np.asarray(ink_free_gray(coloured))
    ink_area = np.s_[380:, :]
    assert (plain[ink_area] < 160).sum() > 2000  # the seal and signature are dark enough to be read as print
    assert (separated[ink_area] < 160).sum() < 20
    print_area = np.s_[100:260, :]
    assert (separated[print_area] < 100).sum() >= 0.95 * (plain[print_area] < 100).sum()


@pytest.mark.ocr
def test_text_under_a_seal_reads_back_and_the_ring_does_not():
    stamped = _as_jpeg(_stamped(_page(), (560, 190)))  # the seal's centre on the print
    text = ocr_image(ink_free_gray(stamped), "seal.jpg", 1).text
    for line in LINES:
        assert line in text
    assert not {"GIÁO", "DỤC", "NINH", "BÌNH", "QUANG"} & set(text.split())


def test_stamped_media_are_reproducible(tmp_path):
    def written(out):
        generate(5, 1, out, kinds=("seal-scan",))
        return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first, second = written(tmp_path / "a"), written(tmp_path / "b")
    assert first == second and len(first) == 2  # truth.jsonl and the scan
