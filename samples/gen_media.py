"""Turn a text PDF into what secretaries receive on paper: office scans and phone photos.

Every random choice comes from the dossier's `random.Random` (noise from a NumPy generator seeded by it), and every
writer is given fixed metadata, so the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

_DESK_COLOURS = ((92, 74, 58), (120, 112, 100), (60, 58, 62), (150, 128, 100))


def rasterize(pdf_bytes: bytes, dpi: int, colour: bool = False) -> list[Image.Image]:
    """Render every page of a PDF at `dpi`, grey ('L') or colour ('RGB')."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        pages = [document[i].render(scale=dpi / 72, grayscale=not colour).to_pil() for i in range(len(document))]
    finally:
        document.close()
    return [page.convert("RGB" if colour else "L") for page in pages]


def _grain(rng: random.Random, size: tuple[int, int], sigma: float) -> np.ndarray:
    """Sensor grain: Gaussian noise drawn at half resolution and enlarged (softer, like real scanners)."""
    width, height = size
    noise = np.random.default_rng(rng.getrandbits(64)).standard_normal(
        ((height + 1) // 2, (width + 1) // 2), dtype=np.float32) * sigma
    return np.asarray(Image.fromarray(noise, "F").resize(size, Image.BILINEAR), dtype=np.float32)


def _light(rng: random.Random, size: tuple[int, int]) -> np.ndarray:
    """Uneven lighting: a brightness ramp in a random direction, from `darkest` up to 1."""
    width, height = size
    small_w, small_h = max(2, width // 16), max(2, height // 16)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    direction = rng.uniform(0, 2 * np.pi)
    ramp = (xs / small_w - 0.5) * np.cos(direction) + (ys / small_h - 0.5) * np.sin(direction)
    darkest = rng.uniform(0.68, 0.82)
    ramp = darkest + (1.0 - darkest) * (ramp - ramp.min()) / (ramp.max() - ramp.min())
    return np.asarray(Image.fromarray(ramp.astype(np.float32), "F").resize(size, Image.BILINEAR), dtype=np.float32)


def _soften(rng: random.Random, strong: bool = False) -> ImageFilter.Kernel:
    """A slight optical blur as a 3x3 kernel (much faster than GaussianBlur on full pages)."""
    centre = rng.uniform(3.0, 5.0) if strong else rng.uniform(5.0, 9.0)
    return ImageFilter.Kernel((3, 3), (1, 2, 1, 2, centre, 2, 1, 2, 1))


def _specks(image: Image.Image, rng: random.Random, count: int) -> None:
    """Draw a few dust specks and toner dots."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(count):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.uniform(0.8, 2.6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(20, 110))


def degrade_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """An office scan of a grey page: slight skew (0.3–1.5°), slight blur, grey paper, sensor grain, specks."""
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    image = page.rotate(angle, resample=Image.BILINEAR, fillcolor=255).filter(_soften(rng))
    pixels = np.asarray(image, dtype=np.float32)
    paper, ink = rng.uniform(232, 246), rng.uniform(18, 45)
    pixels = ink + pixels * ((paper - ink) / 255.0)
    pixels += _grain(rng, image.size, rng.uniform(2.5, 4.5))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    _specks(image, rng, rng.randint(4, 18))
    return image


def _perspective_coefficients(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    """PIL PERSPECTIVE data mapping output points `target` back to input points `source` (four pairs)."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return list(np.linalg.solve(np.array(rows, dtype=np.float64), np.array(values, dtype=np.float64)))


def _photo_geometry(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page lying on a desk, seen slightly askew: rotation ≤ 2° and a mild keystone."""
    width, height = page.size
    margin = int(0.05 * width)
    canvas = Image.new("RGB", (width + 2 * margin, height + 2 * margin), rng.choice(_DESK_COLOURS))
    canvas.paste(page, (margin, margin))
    corners = [(margin, margin), (margin + width, margin), (margin + width, margin + height), (margin, margin + height)]
    angle = np.radians(rng.uniform(-2.0, 2.0))
    cx, cy = canvas.width / 2, canvas.height / 2
    jitter = 0.012 * width
    target = []
    for x, y in corners:
        dx, dy = x - cx, y - cy
        target.append((cx + dx * np.cos(angle) - dy * np.sin(angle) + rng.uniform(-jitter, jitter),
                       cy + dx * np.sin(angle) + dy * np.cos(angle) + rng.uniform(-jitter, jitter)))
    coefficients = _perspective_coefficients(target, corners)
    return canvas.transform(canvas.size, Image.PERSPECTIVE, coefficients, Image.BILINEAR,
                            fillcolor=canvas.getpixel((0, 0)))


def photograph(page: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of a colour page: askew on a desk, uneven light, a warm cast, noise and soft focus."""
    image = _photo_geometry(page, rng)
    pixels = np.asarray(image, dtype=np.float32)
    cast = np.array([1.0, rng.uniform(0.93, 0.97), rng.uniform(0.80, 0.88)], dtype=np.float32)
    pixels = pixels * _light(rng, image.size)[..., None] * cast
    pixels += _grain(rng, image.size, rng.uniform(2.0, 4.0))[..., None]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    return image.filter(_soften(rng, strong=True))


def save_scan_pdf(pages: list[Image.Image], path: Path, dpi: int, stamp: dt.datetime) -> None:
    """An image-only PDF (JPEG quality 70, no text layer) with fixed metadata."""
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=70,
                  title="scan", creator="Scanner", producer="Scanner", creationDate=stamp.timetuple(),
                  modDate=stamp.timetuple())


def save_image(page: Image.Image, path: Path, dpi: int) -> None:
    """One page image by suffix: JPEG (quality 80), PNG (white background) or TIFF (bilevel CCITT G4, like
    office scanners)."""
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        page.save(path, "JPEG", quality=80, dpi=(dpi, dpi))
    elif suffix == ".png":  # scanner software with background removal: paper turns pure white
        whitened = page.point(lambda value: 255 if value > 200 else value)
        whitened.save(path, "PNG", dpi=(dpi, dpi))
    else:
        bilevel = page.convert("L").point(lambda value: 255 if value > 150 else 0).convert("1")
        bilevel.save(path, "TIFF", compression="group4", dpi=(dpi, dpi))
