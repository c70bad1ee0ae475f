"""A dossier's original files and their page images, for the detail page.

A file is served only when its name is one the record lists AND its real path (links resolved) lies inside
the data folder or the inbox: nothing taken from the URL is ever used as a path. Page images are rendered once
(PDF with pypdfium2, pictures downscaled with Pillow, a photographed sheet straightened as the reader does) and
cached under `<home>/cache/pages`; the original photo is one click away in the file list.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from PIL import Image, ImageOps

from extractors.fold import fold
from extractors.reading.sheet import find_sheet, flatten
from pipeline.config import Settings

PDF_SCALE = 1.5  # 108 DPI: sharp enough to read, small enough to load at once
MAX_SIDE = 1400
PICTURES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
VIEW_VERSION = "flat"  # in the cached image's name: images cached before photos were straightened are not reused


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def original(settings: Settings, row: dict, name: str) -> Path | None:
    """The file `name` of the dossier `row`, or None when it is not one of its files or lies outside."""
    files = row.get("files") or []
    if name not in {f["name"] for f in files} or not row.get("location"):
        return None
    location = Path(row["location"])
    path = location / name if location.is_dir() else location
    if not location.is_dir() and len(files) != 1:
        return None
    path = path.resolve()
    roots = [settings.home.resolve(), settings.inbox.resolve()]
    return path if path.is_file() and _inside(path, roots) else None


def has_page_image(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix == ".pdf" or suffix in PICTURES


def straightened(photo: Image.Image) -> Image.Image:
    """A photographed sheet as the reader OCR'd it — found on the desk and warped flat — so the field boxes, which
    are fractions of that page, land on their words; any other picture as it is."""
    sheet = find_sheet(photo)
    return flatten(photo, sheet) if sheet else photo


def page_image(settings: Settings, path: Path, digest: str, page: int) -> Path | None:
    """The PNG of `page` (1-based) of the file at `path` whose content hash is `digest`; None if no such page."""
    cache = settings.home / "cache" / "pages"
    target = cache / f"{digest}-{page}-{VIEW_VERSION}.png"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(path)
        try:
            if not 1 <= page <= len(pdf):
                return None
            image = pdf[page - 1].render(scale=PDF_SCALE).to_pil()
        finally:
            pdf.close()
    elif suffix in PICTURES:
        with Image.open(path) as picture:
            if not 1 <= page <= getattr(picture, "n_frames", 1):
                return None
            picture.seek(page - 1)
            image = straightened(ImageOps.exif_transpose(picture.convert("RGB")))
    else:
        return None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    partial = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.part")
    image.save(partial, format="PNG", optimize=True)
    partial.replace(target)  # whole files only, even with two requests rendering at once
    return target


def snippet_span(text: str, snippet: str | None) -> tuple[int, int] | None:
    """Where `snippet` stands in `text`: exactly, else ignoring tones and case, else also line breaks.

    Folding keeps every character's position (extractors.fold), so a folded match cuts the original text."""
    core = (snippet or "").strip(" .…\n")
    if len(core) < 3:
        return None
    start = text.find(core)
    if start >= 0:
        return start, start + len(core)
    folded_text, folded = fold(text), fold(core)
    start = folded_text.find(folded)
    if start >= 0:
        return start, start + len(core)
    # Snippets join wrapped lines with " / " (a title over three lines); the text has line breaks there.
    pattern = r"[\s/]+".join(re.escape(word) for word in folded.split() if word != "/")
    found = re.search(pattern, folded_text)
    return found.span() if found else None


def marked(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """`text` cut into pieces, each with the field it shows (or None), for the template to wrap in <mark>."""
    pieces, at = [], 0
    for start, end, field in sorted(spans):
        if start < at:  # overlapping snippets: the first keeps the mark
            continue
        pieces += [(text[at:start], None), (text[start:end], field)]
        at = end
    pieces.append((text[at:], None))
    return [piece for piece in pieces if piece[0]]
