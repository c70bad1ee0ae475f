"""Image reader: JPEG, PNG and (multi-page) TIFF scans or photos, each frame one OCR'd page.

Frames are upright by EXIF and greyscale. A sheet photographed on a desk is found and warped flat (`sheet`);
any other frame is read whole, at most `MAX_SIDE` pixels on the long side (≈ 300 DPI A4): a 48 MP phone photo
costs Tesseract minutes and gains nothing. A page too small, dark, blurred or cut off to be read fails with a
reason saying what to retake (`legibility`). Colour frames lose their red seals and blue signatures on the way to
grey (`ink`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from extractors.errors import DossierError, FailureKind
from extractors.model import Document, nfc
from extractors.reading import ink
from extractors.reading.legibility import check_cut_off, check_legible
from extractors.reading.ocr import OcrPages, PageImage, ocr_pages
from extractors.reading.photo import flatten_sheet_light
from extractors.reading.sheet import cut_out, find_sheet, flatten

MAX_SIDE = 3600  # A4 at 300 DPI is 2480 × 3508: a 300 DPI scan passes untouched
# PIL warns above this many pixels and raises DecompressionBombError above twice as many (200 M:
# an A0 scan at 400 DPI or a 200 MP photo); that error becomes bad input. 200 M grey pixels is 200 MB.
Image.MAX_IMAGE_PIXELS = 100_000_000


def read_image(path: str | Path, name: str, *, ocr: OcrPages = ocr_pages, sheets: bool = True) -> Document:
    """OCR every frame of an image file into a `Document` of pages with method "ocr".

    `sheets=False` reads every frame whole, without looking for a sheet (for comparison in bench/photo.py).
    """
    return Document(file=nfc(name), pages=tuple(ocr(_frames(Path(path), name, sheets), name)))


def _frames(path: Path, name: str, sheets: bool = True) -> Iterator[PageImage]:
    """Decode frames one at a time (a 30-page TIFF never sits in memory whole); OCR errors pass through untouched."""
    with _decode_errors(name):
        image = Image.open(path)
    with image:
        count = getattr(image, "n_frames", 1)
        for number in range(1, count + 1):
            with _decode_errors(name):
                image.seek(number - 1)
                if image.format == "JPEG":
                    _draft_scale(image)
                upright = _upright(image)
            yield page_image(upright, name, number, sheets)


def prepare(frame: Image.Image) -> Image.Image:
    """An upright greyscale copy of `frame`, downscaled to `MAX_SIDE`."""
    return _shrink(_to_gray(_upright(frame)))


def page_of(upright: Image.Image, name: str, number: int, sheets: bool = True) -> Image.Image:
    """The greyscale page OCR reads from an upright frame (`page_image`)."""
    return page_image(upright, name, number, sheets).image


def page_image(upright: Image.Image, name: str, number: int, sheets: bool = True) -> PageImage:
    """Page `number` as OCR reads it from an upright frame: the sheet warped flat, its light evened out, when one is
    found (raising `DossierError` when it is too small, dark or blurred to read), else the whole frame shrunk to
    `MAX_SIDE` as before — unless a sheet visibly runs off the frame with its text. `sheets=False`: the whole
    frame, unchecked."""
    sheet = find_sheet(upright) if sheets else None
    if sheet is None:
        if sheets:
            check_cut_off(upright, name, number)
        return PageImage(number, _shrink(_to_gray(upright)))
    box, sheet = cut_out(sheet, upright.size)  # seals are lifted off the sheet alone, not the desk around it
    page = flatten(_to_gray(upright, box), sheet)
    check_legible(page, min(1.0, sheet.source_scale()), name, number)
    return PageImage(number, flatten_sheet_light(page), lit=True)


def _upright(frame: Image.Image) -> Image.Image:
    """`frame` turned upright by its EXIF orientation, transparency flattened onto white; `frame` itself when
    neither applies (every caller converts it into a new image)."""
    # exif_transpose copies a frame that needs no turn: 24 MB and ~10 ms for an 8 MP photo, for nothing.
    frame.load()  # decoded here, where `_frames` turns a broken file into bad input
    upright = frame
    if frame.getexif().get(ExifTags.Base.Orientation, 1) != 1:
        upright = ImageOps.exif_transpose(frame)
    if "A" in upright.getbands() or upright.info.get("transparency") is not None:
        upright = _on_white(upright)
    return upright


@contextmanager
def _decode_errors(name: str) -> Iterator[None]:
    """Decoding failures of the file itself become bad input; a missing or unreadable file stays an OSError."""
    try:
        yield
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        raise
    except Image.DecompressionBombError as exc:
        raise DossierError(FailureKind.bad_input, f"Ảnh “{name}” quá lớn (quá nhiều điểm ảnh) để xử lý an toàn.",
                           f"{name}: {exc}") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DossierError(FailureKind.bad_input, f"Ảnh “{name}” bị hỏng, bị cắt cụt hoặc không phải ảnh thật.",
                           f"{name}: cannot decode image: {type(exc).__name__}: {exc}") from exc


def _draft_scale(frame: Image.Image) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding: far cheaper than resizing afterwards."""
    long_side = max(frame.size)
    if long_side <= 2 * MAX_SIDE:
        return
    ratio = MAX_SIDE / long_side
    # In its own mode: decoding to "L" here would lose the colour `ink` separates seals by.
    frame.draft(frame.mode, (math.ceil(frame.width * ratio), math.ceil(frame.height * ratio)))


def _to_gray(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> Image.Image:
    """8-bit greyscale of `image` (cut to `box` when given); 16/32-bit scans are scaled down first, as
    `convert("L")` would clip them to white paper; colour frames lose their seals and signatures (`ink`)."""
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        values = np.asarray(image, dtype=np.float64)
        gray = Image.fromarray((values * (255 / max(float(values.max()), 1.0))).astype(np.uint8))
    elif image.mode in ("L", "1", "LA", "La"):
        gray = image.convert("L")
    else:
        return ink.ink_free_gray(image, box)
    return gray.crop(box) if box else gray


def _on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto white paper (transparent pixels are often black underneath)."""
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba)


def _shrink(image: Image.Image) -> Image.Image:
    long_side = max(image.size)
    if long_side <= MAX_SIDE:
        return image
    ratio = MAX_SIDE / long_side
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
