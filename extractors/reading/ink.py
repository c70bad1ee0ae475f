"""Coloured ink out of a colour page before OCR: red seals (con dấu) and blue signatures lifted to paper.

Every dossier carries a red round seal over the signature and often over the unit's name, and a blue signature.
Read in plain greyscale, the seal's ring and its capitals come out as words and the text under it is darkened into
blots. Black print is dark in every channel, while red and blue ink are bright in their own channel: the grey
level `max + chroma` (chroma = max − min over the channels) puts coloured ink at or above the paper's level and
leaves black print, even under the seal, dark; the lifted ink is capped at the paper's level around it.
Whether a page carries such ink is decided on a copy of about 512 pixels, in milliseconds; a page without it (and
every greyscale page) gets the plain greyscale conversion it always had. The paper's colour cast (a warm photo, a
yellowish sheet) is removed first, so only ink counts as colour.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops

from extractors.reading.photo import paper

_WORK_SIZE = 512  # long side of the copy the decision is taken on
_PAPER_PERCENTILE = 90  # paper covers most of a page: this percentile of each channel is the paper's colour
_INK_DOMINANCE = 50  # a channel this far above both others (0..255, cast removed) is red or blue ink
_INK_SHARE = 0.0004  # of the small copy's pixels (~75 of 185 000): a seal or a signature, not JPEG fringes
_LIFT = 2.0  # chroma × (brightness / 255)² × this is added: red seal ink (200, 40, 50) passes paper
_LIFT_TABLE = [min(255, round(value * _LIFT)) for value in range(256)]
_MIN_DARKNESS = 60  # the brightest channel of ink is at least this: near-black pixels carry no usable hue


def ink_free_gray(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> Image.Image:
    """`image` as an 8-bit greyscale page for OCR, with red and blue ink lifted to paper when the page has some.

    A greyscale image comes back unchanged; a colour page without coloured ink as `convert("L")`. With `box`, only
    that part comes back (the sheet on a desk photo), though the whole image decides whether ink is lifted.
    """
    if image.mode in ("L", "1", "I", "F") or image.mode.startswith("I;16"):
        return image.crop(box) if box else image
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    small = _small(rgb)
    gains = paper_gains(small)
    if not has_coloured_ink(small, gains):
        gray = rgb.convert("L")  # whole, then cut: cropping colour first costs more than it saves
        return gray.crop(box) if box else gray
    return lift_ink(rgb.crop(box) if box else rgb, gains)


def _small(rgb: Image.Image) -> Image.Image:
    factor = max(1, max(rgb.size) // _WORK_SIZE)
    return rgb.reduce(factor) if factor > 1 else rgb


def paper_gains(small: Image.Image) -> tuple[float, float, float]:
    """Per-channel factors that make the paper neutral grey (a warm or tinted page's cast removed)."""
    levels = np.percentile(np.asarray(small).reshape(-1, 3), _PAPER_PERCENTILE, axis=0)
    levels = np.maximum(levels, 1.0)
    top = float(levels.max())
    return tuple(float(top / level) for level in levels)


def has_coloured_ink(small: Image.Image, gains: tuple[float, float, float]) -> bool:
    """Whether enough of the page is red or blue ink: one channel clearly above both others, once the cast is
    removed. Brown desks and yellowed paper are not: their channels fall off gradually."""
    # Band by band: numpy over interleaved channels (pixels[..., 0], max(axis=-1)) took five times as long.
    red, green, blue = (np.asarray(band, np.float32) * np.float32(gain) for band, gain in zip(small.split(), gains))
    reddish = red - np.maximum(green, blue)
    bluish = blue - np.maximum(red, green)
    brightest = np.maximum(np.maximum(red, green), blue)
    ink = (np.maximum(reddish, bluish) > _INK_DOMINANCE) & (brightest > _MIN_DARKNESS)
    return float(ink.mean()) > _INK_SHARE


def lift_ink(rgb: Image.Image, gains: tuple[float, float, float]) -> Image.Image:
    """Greyscale `max + lift × (max − min)` over the cast-free channels: paper and black print keep their level (their
    channels are equal), coloured ink reaches paper white. All in PIL's C loops (~30 ms for an A4 at 200 DPI)."""
    bands = [band.point(_gain_table(gain)) for band, gain in zip(rgb.split(), gains)]
    brightest = ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])
    darkest = ImageChops.darker(ImageChops.darker(bands[0], bands[1]), bands[2])
    # The lift grows with the square of brightness: JPEG's halved colour resolution smears a seal's red onto black
    # print under it, and a thin ruling lifted by its smeared chroma vanished from a table (linearly: in a photo).
    chroma = ImageChops.subtract(brightest, darkest)
    weight = ImageChops.multiply(brightest, brightest)
    lifted = ImageChops.add(brightest, ImageChops.multiply(weight, chroma).point(_LIFT_TABLE))
    # Ink lifted above the paper around it leaves a white ghost of the seal, and a table cell holding paper and
    # ghost only is thresholded between the two: a digit under a seal's edge was lost. Cap at the local paper.
    level = paper(brightest).resize(rgb.size, Image.Resampling.BILINEAR)
    return ImageChops.darker(lifted, level)


def _gain_table(gain: float) -> list[int]:
    return [min(255, round(value * gain)) for value in range(256)]
