"""Stamped dossiers: red round seals (con dấu) and blue handwriting on the rendered pages, then scanned or
photographed in colour.

Every page gets two seals: the hanging seal (dấu treo) over the unit's name in a letterhead, the head's seal over
each signature, and seals over body lines to make up the two. A seal is a double ring with the unit's name in
capitals around it and a star in the middle, in semi-transparent ink whose pressure varies across it. Signatures and
handwritten dates are blue. Positions come from the text PDF's own line boxes, so seals land on real text.
Every random choice comes from the dossier's `random.Random`: the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from samples.gen_facts import Facts
from samples.gen_layout import agency_lines
from samples.gen_media import (
    _grain,
    _soften,
    _specks,
    degrade_scan,
    photograph,
    rasterize,
    save_image,
    save_scan_pdf,
)

# seal-scan: colour image PDF; seal-image: colour JPEG(s); seal-photo: phone photos; seal-grey: the stamped pages
# scanned in grey (the ink's colour is lost: the reader must do no worse than before on them).
STAMPED_KINDS = ("seal-scan", "seal-image", "seal-photo", "seal-grey")
BASE_KIND = {"seal-scan": "pdf-scan", "seal-image": "image", "seal-photo": "photo-folder", "seal-grey": "pdf-scan"}
SEALS_PER_PAGE = 2
_SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
_HAND = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
_SIGNING_WORDS = ("NGƯỜI", "THỦ TRƯỞNG", "XÁC NHẬN", "TÁC GIẢ", "GIÁM ĐỐC", "HIỆU TRƯỞNG", "CHỦ TỊCH", "TRƯỞNG")


class Box(NamedTuple):
    """A text line's box in page pixels (left, top, right, bottom) and its text."""

    left: float
    top: float
    right: float
    bottom: float
    text: str


def line_boxes(pdf: bytes, dpi: int) -> list[list[Box]]:
    """Every page's text lines with their boxes in pixels of a rendering at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in document:
            height, textpage, scale = page.get_height(), page.get_textpage(), dpi / 72
            boxes = []
            for index in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(index)
                text = textpage.get_text_bounded(left, bottom, right, top).strip()
                if text:
                    boxes.append(Box(left * scale, (height - top) * scale, right * scale, (height - bottom) * scale,
                                     text))
            pages.append(boxes)
    finally:
        document.close()
    return pages


# ---------------------------------------------------------------- drawing


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        angle = math.pi * k / 5 - math.pi / 2
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=255)


def _ring_text(layer: Image.Image, text: str, radius: float, size: int) -> None:
    """`text` around the centre of `layer`, clockwise from lower left over the top, letters upright outwards."""
    font = _font(_SANS_BOLD, size)
    centre = layer.width / 2
    step = 2 * math.pi * 0.86 / max(len(text), 1)
    start = -math.pi * 0.86 + step / 2  # leaves a gap at the bottom
    for index, char in enumerate(text):
        if char == " ":
            continue
        angle = start + index * step
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.BILINEAR)
        x = centre + radius * math.sin(angle) - size
        y = centre - radius * math.cos(angle) - size
        layer.paste(255, (round(x), round(y)), glyph)


def seal_shape(text: str, diameter: int, rng: random.Random) -> Image.Image:
    """The seal's design as a mask ('L', 255 = ink): double ring, ring text, star; turned at random."""
    layer = Image.new("L", (diameter, diameter), 0)
    draw = ImageDraw.Draw(layer)
    outer, c = diameter / 2 - 1, diameter / 2
    draw.ellipse((c - outer, c - outer, c + outer, c + outer), outline=255, width=max(2, round(diameter * 0.028)))
    inner = outer * 0.66
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(1, round(diameter * 0.012)))
    band = (outer + inner) / 2
    size = max(8, min(round((outer - inner) * 0.62), round(2 * math.pi * band * 0.86 / max(len(text), 1) * 1.25)))
    _ring_text(layer, text, band - size * 0.05, size)
    _star(draw, c, c, inner * rng.uniform(0.45, 0.6))
    return layer.rotate(rng.uniform(-30, 30), resample=Image.BILINEAR)


def _pressure(rng: random.Random, size: int) -> np.ndarray:
    """Uneven stamping: a tilt across the seal, blotches, and specks where no ink took (0..1)."""
    gen = np.random.default_rng(rng.getrandbits(64))
    blotch = Image.fromarray((gen.random((5, 5)) * 255).astype(np.uint8)).resize((size, size), Image.BICUBIC)
    ys, xs = np.mgrid[0:size, 0:size] / size - 0.5
    direction = rng.uniform(0, 2 * math.pi)
    tilt = (xs * math.cos(direction) + ys * math.sin(direction)) * rng.uniform(0.3, 0.9)
    level = 0.75 + 0.35 * (np.asarray(blotch, np.float32) / 255 - 0.5) + tilt
    holes = gen.random((size, size)) > rng.uniform(0.04, 0.15)
    return np.clip(level, 0.25, 1.0) * holes


def _multiply(page: np.ndarray, mask: np.ndarray, at: tuple[int, int], colour: tuple[float, float, float],
              opacity: float) -> None:
    """Lay ink of `colour` (0..1 per channel) through `mask` (0..1) onto `page` (float RGB), in place: ink on paper
    multiplies, so black text under it stays black."""
    x, y = at
    h, w = mask.shape
    top, left = max(0, y), max(0, x)
    bottom, right = min(page.shape[0], y + h), min(page.shape[1], x + w)
    if bottom <= top or right <= left:
        return
    alpha = (mask[top - y:bottom - y, left - x:right - x] * opacity)[..., None]
    region = page[top:bottom, left:right]
    region *= 1 - alpha + alpha * np.asarray(colour, np.float32)


def stamp_seal(page: np.ndarray, centre: tuple[float, float], text: str, dpi: int, rng: random.Random) -> None:
    """Stamp a red round seal of 36–42 mm centred at `centre` (pixels) onto `page`, in place."""
    diameter = round(rng.uniform(36, 42) / 25.4 * dpi)
    shape = np.asarray(seal_shape(text, diameter, rng).filter(ImageFilter.BoxBlur(0.6)), np.float32) / 255
    colour = (rng.uniform(0.78, 0.9), rng.uniform(0.08, 0.2), rng.uniform(0.12, 0.25))
    mask = shape * _pressure(rng, diameter)
    _multiply(page, mask, (round(centre[0] - diameter / 2), round(centre[1] - diameter / 2)), colour,
              rng.uniform(0.75, 0.95))


def _blue(rng: random.Random) -> tuple[float, float, float]:
    return rng.uniform(0.1, 0.22), rng.uniform(0.18, 0.32), rng.uniform(0.6, 0.78)


def signature(page: np.ndarray, centre: tuple[float, float], dpi: int, rng: random.Random) -> None:
    """A blue handwritten-looking signature (a looping stroke and a flourish under it) centred at `centre`."""
    width, height = round(rng.uniform(28, 40) / 25.4 * dpi), round(rng.uniform(9, 14) / 25.4 * dpi)
    layer = Image.new("L", (width + 20, height + 20), 0)
    loops, phase = rng.uniform(3, 6), rng.uniform(0, math.pi)
    t = np.linspace(0, 1, 240)
    xs = 10 + width * t + width * 0.05 * np.sin(2 * math.pi * loops * t + phase)
    ys = 10 + height * (0.45 + 0.35 * np.cos(2 * math.pi * loops * t) * (1 - t * 0.5) - 0.2 * t)
    stroke = max(2, round(dpi / 110))
    draw = ImageDraw.Draw(layer)
    draw.line(list(zip(xs, ys)), fill=255, width=stroke, joint="curve")
    swoosh = [(10 + width * rng.uniform(0.0, 0.2), 10 + height * 0.95), (10 + width * 1.0, 10 + height * 0.75)]
    draw.line(swoosh, fill=255, width=stroke)
    mask = np.asarray(layer.filter(ImageFilter.BoxBlur(0.7)), np.float32) / 255
    _multiply(page, mask, (round(centre[0] - layer.width / 2), round(centre[1] - layer.height / 2)), _blue(rng),
              rng.uniform(0.8, 0.95))


def handwritten_date(page: np.ndarray, at: tuple[float, float], day: dt.date, dpi: int, rng: random.Random) -> None:
    """A date written by hand in blue ("15/11/2024"), slightly turned, its top-left at `at`."""
    size = round(rng.uniform(4.0, 5.0) / 25.4 * dpi)
    text = f"{day.day}/{day.month}/{day.year}"
    layer = Image.new("L", (size * len(text), size * 2), 0)
    ImageDraw.Draw(layer).text((size // 2, size // 2), text, font=_font(_HAND, size), fill=255)
    layer = layer.rotate(rng.uniform(-7, 7), resample=Image.BILINEAR)
    _multiply(page, np.asarray(layer, np.float32) / 255, (round(at[0]), round(at[1])), _blue(rng),
              rng.uniform(0.8, 0.95))


# ---------------------------------------------------------------- placing


def _letterhead(boxes: list[Box], width: float, height: float) -> list[Box]:
    """The left column of a two-column letterhead: lines in the top fifth that end before the page's middle."""
    return [b for b in boxes if b.bottom < height * 0.2 and b.right < width * 0.5]


def _signing(boxes: list[Box]) -> list[Box]:
    """Lines a signature goes under: the '(Ký …)' hints, else the signers' roles in capitals."""
    hints = [b for b in boxes if b.text.startswith("(Ký")]
    return hints or [b for b in boxes if b.text.isupper() and any(w in b.text for w in _SIGNING_WORDS)]


def stamp_page(page: Image.Image, boxes: list[Box], facts: Facts, first: bool, dpi: int,
               rng: random.Random) -> Image.Image:
    """`page` (RGB) with its seals, signatures and handwritten dates."""
    pixels = np.asarray(page, np.float32) / 255
    text = " * ".join(agency_lines(facts)) + " *"
    mm = dpi / 25.4
    seals = 0
    head = _letterhead(boxes, page.width, page.height) if first else []
    if head:  # dấu treo: over the left of the unit's name
        stamp_seal(pixels, (min(b.left for b in head) + rng.uniform(0, 8) * mm, head[-1].top), text, dpi, rng)
        seals += 1
    for anchor in _signing(boxes)[:SEALS_PER_PAGE - seals]:
        middle, below = (anchor.left + anchor.right) / 2, anchor.bottom + rng.uniform(7, 11) * mm
        signature(pixels, (middle + rng.uniform(-5, 5) * mm, below), dpi, rng)
        stamp_seal(pixels, (middle - rng.uniform(12, 20) * mm, below - rng.uniform(0, 4) * mm), text, dpi, rng)
        handwritten_date(pixels, (middle + rng.uniform(8, 14) * mm, below + rng.uniform(6, 9) * mm),
                         facts.signed, dpi, rng)
        seals += 1
    body = [b for b in boxes if len(b.text) > 3]
    for _ in range(SEALS_PER_PAGE - seals):
        if not body:
            break
        line = rng.choice(body)
        stamp_seal(pixels, (rng.uniform(line.left, line.right), (line.top + line.bottom) / 2), text, dpi, rng)
    return Image.fromarray(np.clip(pixels * 255, 0, 255).astype(np.uint8), "RGB")


def stamped_pages(pdf: bytes, facts: Facts, dpi: int, rng: random.Random) -> list[Image.Image]:
    """The PDF's pages rendered in colour at `dpi`, stamped."""
    return [stamp_page(page, boxes, facts, number == 0, dpi, rng)
            for number, (page, boxes) in enumerate(zip(rasterize(pdf, dpi, colour=True), line_boxes(pdf, dpi)))]


# ---------------------------------------------------------------- media


def colour_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """An office colour scan: slight skew and blur, off-white paper, ink not quite black, grain, specks."""
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    image = page.rotate(angle, resample=Image.BILINEAR, fillcolor=(255, 255, 255)).filter(_soften(rng))
    pixels = np.asarray(image, np.float32)
    paper = np.array([rng.uniform(238, 248), rng.uniform(234, 244), rng.uniform(226, 240)], np.float32)
    ink = rng.uniform(18, 40)
    pixels = ink + pixels * ((paper - ink) / 255.0)
    pixels += _grain(rng, image.size, rng.uniform(2.5, 4.5))[..., None]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    _specks(image, rng, rng.randint(4, 18))
    return image


def grey_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """The stamped page through a greyscale scanner (as `gen_media.degrade_scan`)."""
    return degrade_scan(page.convert("L"), rng)


def write_stamped(inbox: Path, stem: str, kind: str, pdf: bytes, facts: Facts, scan_dpi: int, photo_dpi: int,
                  stamp: dt.datetime, rng: random.Random) -> str:
    """Write a stamped dossier of `kind` (one of STAMPED_KINDS); returns the inbox entry's name."""
    if kind == "seal-photo":
        pages = [photograph(page, rng) for page in stamped_pages(pdf, facts, photo_dpi, rng)]
        folder, first = inbox / stem, rng.randint(1, 9000)
        folder.mkdir()
        for n, page in enumerate(pages):
            save_image(page, folder / f"IMG_{first + n:04d}.jpg", photo_dpi)
        return stem
    scanned = grey_scan if kind == "seal-grey" else colour_scan
    pages = [scanned(page, rng) for page in stamped_pages(pdf, facts, scan_dpi, rng)]
    if kind in ("seal-scan", "seal-grey"):
        save_scan_pdf(pages, inbox / f"{stem}.pdf", scan_dpi, stamp)
        return f"{stem}.pdf"
    if kind != "seal-image":
        raise ValueError(f"unknown stamped kind {kind!r}; expected one of {', '.join(STAMPED_KINDS)}")
    if len(pages) == 1:
        save_image(pages[0], inbox / f"{stem}.jpg", scan_dpi)
        return f"{stem}.jpg"
    (inbox / stem).mkdir()
    for n, page in enumerate(pages, 1):
        save_image(page, inbox / stem / f"trang-{n}.jpg", scan_dpi)
    return stem
