"""Desk photos: a page lying on a textured desk, taken by a phone held at an angle (issue #17).

Unlike `gen_media.photograph` (a page filling the frame, a little askew), the sheet here fills 60–90 % of the
frame, with up to `MAX_PERSPECTIVE` of its side per corner of perspective, a rotation, a soft shadow band, a
light gradient, a colour cast, grain, a mild blur, and sometimes a finger or the edge of another sheet, and
sometimes a curled sheet (`curl`). Every random choice comes from the dossier's `random.Random`, so the same seed
gives the same bytes.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples.gen_media import _grain, _light, _perspective_coefficients

DESK_DPI = 240  # pages are rendered about as large as they appear in the frame (≤ 250 DPI), then warped
FRAME_LONG_SIDE = 3264  # an 8 MP phone photo (3264 × 2448), the size chat apps pass on uncompressed
MAX_PERSPECTIVE = 0.10  # corner displacement, as a share of the sheet's side
CURL_SHARE = 0.3  # of the photos show a sheet that is not flat
MAX_CURL = 0.06  # how high it rises off the desk, as a share of its width
_DESKS = ((112, 84, 60), (150, 118, 86), (88, 90, 96), (176, 160, 136), (70, 52, 40))
_SKIN = ((224, 172, 140), (198, 146, 110), (170, 120, 90))


@dataclass(frozen=True)
class Shot:
    """How one photo is taken: frame, sheet corners in the frame (clockwise from top left), light and lens."""

    frame: tuple[int, int]
    corners: tuple[tuple[float, float], ...]
    shadow: float  # darkest factor in the shadow band (1.0: no band)
    blur: float  # Gaussian radius in pixels
    quality: int  # JPEG quality


def plan_shot(page_size: tuple[int, int], rng: random.Random, *, perspective: float = MAX_PERSPECTIVE,
              fill: tuple[float, float] = (0.6, 0.9), landscape: bool | None = None) -> Shot:
    """Choose a photo of a sheet of `page_size`: framing, placement, perspective, shadow, blur and quality."""
    if landscape is None:
        landscape = rng.random() < 0.25
    short = FRAME_LONG_SIDE * 3 // 4
    frame = (FRAME_LONG_SIDE, short) if landscape else (short, FRAME_LONG_SIDE)
    corners = _sheet_corners(page_size, frame, rng, rng.uniform(*fill), rng.uniform(0, perspective))
    shadow = rng.uniform(0.55, 0.8) if rng.random() < 0.7 else 1.0
    return Shot(frame, corners, shadow, rng.uniform(0.4, 1.1), rng.randint(72, 88))


def _sheet_corners(page_size: tuple[int, int], frame: tuple[int, int], rng: random.Random, fill: float,
                   strength: float) -> tuple[tuple[float, float], ...]:
    """The sheet's corners: scaled to fill `fill` of the frame, turned, each corner moved by up to `strength`
    of the sheet's side, and the whole shrunk until it lies inside the frame with a small margin."""
    width, height = page_size
    scale = fill * min(frame[0] / width, frame[1] / height)
    angle = np.radians(rng.uniform(-6.0, 6.0))
    half = np.array([(-width, -height), (width, -height), (width, height), (-width, height)], dtype=np.float64) / 2
    moved = half + [(rng.uniform(-strength, strength) * width, rng.uniform(-strength, strength) * height)
                    for _ in range(4)]
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    points = moved @ turn.T * scale
    margin = 0.02 * min(frame)
    reach = np.abs(points).max(axis=0)
    points *= min(1.0, *((np.array(frame) / 2 - margin) / reach))
    room = np.array(frame) / 2 - margin - np.abs(points).max(axis=0)
    centre = np.array(frame) / 2 + [rng.uniform(-r, r) for r in room]
    return tuple((float(x), float(y)) for x, y in points + centre)


def desk_photo(page: Image.Image, rng: random.Random, clutter: bool = True, curl: bool = True,
               **options) -> tuple[Image.Image, Shot]:
    """A phone photo (RGB) of the colour page `page` on a desk; `options` go to `plan_shot`. `clutter=False`
    leaves out the other sheet's edge and the finger, `curl=False` keeps the sheet flat (the same draws are made,
    so the rest stays the same)."""
    # The curl is drawn from a stream of its own, seeded by `rng`'s state without drawing from it: photos planned
    # before curls existed keep every other draw (the state's ints hash the same in every run; None would not).
    bend = Curl.plan(random.Random(hash(rng.getstate()[1])))
    shot = plan_shot(page.size, rng, **options)
    if bend and curl:
        page = bend.apply(page)
    image = _desk(shot.frame, rng)
    if rng.random() < 0.25 and clutter:
        _other_sheet(image, shot, rng)
    _lay(image, page, shot)
    if rng.random() < 0.2 and clutter:
        _finger(image, shot, rng)
    return _lens(image, shot, rng), shot


@dataclass(frozen=True)
class Curl:
    """A sheet that does not lie flat: its height above the desk rises across its width, as a page that was
    rolled bows in the middle, or one whose edge lifts. Seen from a phone held at an angle, every line of text
    bows by the height under it and the raised part is foreshortened and lit differently."""

    height: float  # the highest point, as a share of the sheet's width
    edge: float | None  # None: a bow over the whole width; else where the lift starts (share of width, either side)
    left: bool  # the lifting edge is the left one
    tilt: float  # how much of a height shows as a shift up the page (the phone's angle)

    @classmethod
    def plan(cls, rng: random.Random) -> Curl | None:
        if rng.random() >= CURL_SHARE:
            return None
        edge = None if rng.random() < 0.5 else rng.uniform(0.5, 0.75)
        return cls(rng.uniform(0.015, MAX_CURL), edge, rng.random() < 0.5, rng.uniform(0.3, 0.6))

    def heights(self, x: np.ndarray) -> np.ndarray:
        """Height above the desk (in shares of the width) at `x` (shares of the width, 0 to 1)."""
        x = 1 - x if self.left else x
        if self.edge is None:
            return self.height * np.sin(np.pi * x)
        return self.height * np.clip((x - self.edge) / (1 - self.edge), 0, None) ** 2

    def apply(self, page: Image.Image) -> Image.Image:
        """`page` bent (RGBA: transparent where the desk shows, above the raised part)."""
        width, height = page.size
        x = np.linspace(0, 1, width)
        z = self.heights(x)
        slope = np.gradient(z, x)
        # Seen from above, a raised stretch is shorter by the cosine of its slope: the column of the photo at
        # each point of the sheet, whose inverse says which point each column shows.
        seen = np.concatenate(([0], np.cumsum(1 / np.sqrt(1 + slope[1:] ** 2)) / (width - 1)))
        columns = np.interp(np.linspace(0, seen[-1], width), seen, x)
        raised = self.heights(columns)  # the height under each column of the photo
        lift = self.tilt * raised * width  # pixels up the page
        top = int(np.ceil(lift.max()))
        map_x = np.broadcast_to((columns * (width - 1)).astype(np.float32), (height + top, width))
        map_y = (np.arange(height + top, dtype=np.float32)[:, None] - top + lift[None, :].astype(np.float32))
        rgba = np.asarray(page.convert("RGBA"))
        shade = (0.8 + 0.2 / np.sqrt(1 + np.gradient(raised, columns) ** 2)).astype(np.float32)
        bent = cv2.remap(rgba, np.ascontiguousarray(map_x), np.ascontiguousarray(map_y), cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
        bent[..., :3] = (bent[..., :3] * shade[None, :, None]).astype(np.uint8)
        return Image.fromarray(bent, "RGBA")


def _desk(frame: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wood-like desk: a base colour with grain stretched along one axis."""
    width, height = frame
    noise = np.random.default_rng(rng.getrandbits(64))
    streaks = noise.standard_normal((height // 64 + 1, width // 4 + 1)).astype(np.float32) * 14
    streaks = np.asarray(Image.fromarray(streaks, "F").resize(frame, Image.BILINEAR), dtype=np.float32)
    base = np.array(rng.choice(_DESKS), dtype=np.float32)
    return Image.fromarray(np.clip(base + streaks[..., None], 0, 255).astype(np.uint8), "RGB")


def _lay(image: Image.Image, page: Image.Image, shot: Shot) -> None:
    """Paste `page` warped onto the sheet's corners (PIL maps output points back to the page's)."""
    width, height = page.size
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    coefficients = _perspective_coefficients(list(shot.corners), source)
    paper = page.getchannel("A") if page.mode == "RGBA" else Image.new("L", page.size, 255)  # a curl shows desk
    warped = page.convert("RGB").transform(shot.frame, Image.PERSPECTIVE, coefficients, Image.BICUBIC)
    mask = paper.transform(shot.frame, Image.PERSPECTIVE, coefficients, Image.BILINEAR)
    image.paste(warped, (0, 0), mask)


def _other_sheet(image: Image.Image, shot: Shot, rng: random.Random) -> None:
    """The edge of another sheet peeking out from under this one on one side."""
    corners = np.array(shot.corners)
    side = rng.randrange(4)
    a, b = corners[side], corners[(side + 1) % 4]
    outward = np.array([b[1] - a[1], a[0] - b[0]]) / np.hypot(*(b - a)) * rng.uniform(20, 60)
    shift = (b - a) * rng.uniform(0.1, 0.3)
    polygon = [tuple(a + shift), tuple(b + shift), tuple(b + shift + outward), tuple(a + shift + outward)]
    ImageDraw.Draw(image).polygon(polygon, fill=(232, 230, 222))


def _finger(image: Image.Image, shot: Shot, rng: random.Random) -> None:
    """A fingertip holding the sheet down over its bottom margin."""
    (x3, y3), (x4, y4) = shot.corners[2], shot.corners[3]
    t = rng.uniform(0.2, 0.8)
    x, y = x4 + (x3 - x4) * t, y4 + (y3 - y4) * t
    radius = 0.025 * max(image.size)
    ImageDraw.Draw(image).ellipse((x - radius, y - radius * 0.6, x + radius, y + radius * 2.5),
                                  fill=rng.choice(_SKIN))


def _shadow_band(rng: random.Random, size: tuple[int, int], darkest: float) -> np.ndarray:
    """A soft band of shadow (the phone or an arm) across the frame: 1 outside, `darkest` at its core."""
    width, height = size
    small_w, small_h = max(2, width // 16), max(2, height // 16)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    direction = rng.uniform(0, np.pi)
    distance = (xs - rng.uniform(0.2, 0.8) * small_w) * np.cos(direction) + \
        (ys - rng.uniform(0.2, 0.8) * small_h) * np.sin(direction)
    half_width, softness = rng.uniform(0.04, 0.12) * small_h, rng.uniform(0.03, 0.08) * small_h
    inside = 1 / (1 + np.exp((np.abs(distance) - half_width) / softness))
    band = 1 - (1 - darkest) * inside
    return np.asarray(Image.fromarray(band.astype(np.float32), "F").resize(size, Image.BILINEAR), dtype=np.float32)


def _lens(image: Image.Image, shot: Shot, rng: random.Random) -> Image.Image:
    """Light (gradient, shadow band), a colour cast, grain and a mild blur."""
    pixels = np.asarray(image, dtype=np.float32)
    light = _light(rng, shot.frame)
    if shot.shadow < 1.0:
        light = light * _shadow_band(rng, shot.frame, shot.shadow)
    warm = rng.random() < 0.7
    cast = np.array([1.0, rng.uniform(0.92, 0.98), rng.uniform(0.80, 0.9)] if warm else
                    [rng.uniform(0.88, 0.95), rng.uniform(0.95, 1.0), 1.0], dtype=np.float32)
    pixels = pixels * (light[..., None] * cast)
    pixels += _grain(rng, shot.frame, rng.uniform(2.0, 4.0))[..., None]
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    return out.filter(ImageFilter.GaussianBlur(shot.blur))


def jpeg_bytes(image: Image.Image, quality: int) -> bytes:
    """The photo as the phone stores it: JPEG at phone quality, 4:2:0 chroma, no metadata."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, subsampling=2)
    return buffer.getvalue()
