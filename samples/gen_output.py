"""Write one dossier into the inbox in its medium ("kind"), and name it the way secretaries' inboxes look."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from samples.gen_facts import Facts
from samples.gen_forms import Form, build_confirmation
from samples.gen_media import degrade_scan, photograph, rasterize, save_image, save_scan_pdf
from samples.gen_photo import DESK_DPI, desk_photo, jpeg_bytes
from samples.gen_render import render_docx, render_pdf
from samples.gen_seals import BASE_KIND, STAMPED_KINDS, write_stamped

KINDS = ("docx", "pdf-text", "pdf-scan", "image", "photo-folder", "multi-folder")
# Kinds written only when asked for (`--kinds`), so the default mix of a seed stays what it always was.
EXTRA_KINDS = ("desk-photo", *STAMPED_KINDS)  # stamped colour media: samples/gen_seals.py
FOLDER_KINDS = ("photo-folder", "multi-folder", "desk-photo")
IMAGE_EXTS = (".jpg", ".png", ".tif")

_DOC_WORDS = {"don-tt18": "Don yeu cau", "ban-mo-ta": "Ban mo ta sang kien", "bao-cao-kv": "Bao cao sang kien",
              "skkn": "SKKN", "doanh-nghiep": "Don de nghi cong nhan SK", "tu-do": "Sang kien"}
_FORM_FILES = {"don-tt18": "01-don.docx", "ban-mo-ta": "01-ban-mo-ta.docx", "bao-cao-kv": "01-bao-cao.docx",
               "skkn": "01-skkn.docx", "doanh-nghiep": "01-don-de-nghi.docx", "tu-do": "01-sang-kien.docx"}
_WORD_USERS = ("Admin", "User", "HP", "Windows User", "")


@dataclass(frozen=True)
class Medium:
    """How one dossier is written: its kind, the scan and photo resolutions, and an image's file type."""

    kind: str
    scan_dpi: int = 200
    photo_dpi: int = 150
    image_ext: str = ".jpg"


def ascii_name(text: str, limit: int = 42) -> str:
    """A file-name-safe ASCII form of Vietnamese text: diacritics dropped, đ -> d, cut at a word boundary."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = re.sub(r"[^A-Za-z0-9 _.-]", "", "".join(c for c in text if not unicodedata.combining(c)))
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def entry_stem(rng: random.Random, index: int, facts: Facts, kind: str) -> str:
    """A realistic inbox name for dossier `index` (without extension)."""
    kind = BASE_KIND.get(kind, kind)  # stamped media are named as the scans and photos they are
    who = ascii_name(facts.authors[0].name)
    word = _DOC_WORDS.get(facts.variant, "Ho so sang kien")  # real-dossier layouts share one name
    if kind in FOLDER_KINDS:
        options = (f"Ho so {index} - {ascii_name(facts.unit.name)}", f"Ho so sang kien - {who}",
                   f"HS{index:03d}_{who.replace(' ', '_')}")
    elif kind == "image":
        options = (f"anh_chup_{index:02d}", f"scan-{index:03d}", f"{word} - {who}")
    else:
        named = f"SKKN {who}" if facts.variant == "skkn" else f"{word} - {who}"
        options = (named, f"hs-{index:03d}", f"{word}_{who.replace(' ', '')}", f"{index:02d}. {word} {who}")
        options += (f"scan_hs_{index:03d}",) if kind == "pdf-scan" else ()
    return rng.choice(options)


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, 30, tzinfo=dt.timezone.utc)


def _scanned(pdf: bytes, medium: Medium, rng: random.Random) -> list:
    return [degrade_scan(page, rng) for page in rasterize(pdf, medium.scan_dpi)]


def _write_images(folder: Path, pages: list, names: list[str], dpi: int) -> None:
    folder.mkdir()
    for page, name in zip(pages, names):
        save_image(page, folder / name, dpi)


def _write_desk_photos(folder: Path, pdf: bytes, rng: random.Random) -> str:
    """A sub-folder of phone photos of the pages lying on a desk (`gen_photo`), JPEG at phone quality."""
    folder.mkdir()
    first = rng.randint(1, 9000)
    for n, page in enumerate(rasterize(pdf, DESK_DPI, colour=True)):
        photo, shot = desk_photo(page, rng)
        (folder / f"IMG_{first + n:04d}.jpg").write_bytes(jpeg_bytes(photo, shot.quality))
    return folder.name


def write_entry(inbox: Path, stem: str, medium: Medium, facts: Facts, form: Form, rng: random.Random) -> str:
    """Write the dossier under `inbox` as `medium`; returns the entry's name (file or folder)."""
    stamp = _stamp(facts.signed)
    kind = medium.kind
    pdf = b"" if kind in ("docx", "multi-folder") else render_pdf(form.blocks, stamp)
    if kind == "docx":
        (inbox / f"{stem}.docx").write_bytes(render_docx(form.blocks, stamp, rng.choice(_WORD_USERS)))
        return f"{stem}.docx"
    if kind == "pdf-text":
        (inbox / f"{stem}.pdf").write_bytes(pdf)
        return f"{stem}.pdf"
    if kind == "pdf-scan":
        save_scan_pdf(_scanned(pdf, medium, rng), inbox / f"{stem}.pdf", medium.scan_dpi, stamp)
        return f"{stem}.pdf"
    if kind == "image":
        pages = _scanned(pdf, medium, rng)
        if len(pages) == 1:
            save_image(pages[0], inbox / f"{stem}{medium.image_ext}", medium.scan_dpi)
            return f"{stem}{medium.image_ext}"
        _write_images(inbox / stem, pages, [f"trang-{n}{medium.image_ext}" for n in range(1, len(pages) + 1)],
                      medium.scan_dpi)
        return stem
    if kind == "photo-folder":
        pages = [photograph(page, rng) for page in rasterize(pdf, medium.photo_dpi, colour=True)]
        first = rng.randint(1, 9000)
        _write_images(inbox / stem, pages, [f"IMG_{first + n:04d}.jpg" for n in range(len(pages))], medium.photo_dpi)
        return stem
    if kind == "desk-photo":
        return _write_desk_photos(inbox / stem, pdf, rng)
    if kind in STAMPED_KINDS:
        return write_stamped(inbox, stem, kind, pdf, facts, medium.scan_dpi, medium.photo_dpi, stamp, rng)
    if kind == "multi-folder":
        folder = inbox / stem
        folder.mkdir()
        form_file = folder / _FORM_FILES.get(facts.variant, "01-ho-so.docx")
        form_file.write_bytes(render_docx(form.blocks, stamp, rng.choice(_WORD_USERS)))
        confirmation = render_pdf(build_confirmation(facts, rng), stamp)
        save_scan_pdf(_scanned(confirmation, medium, rng), folder / "02-xac-nhan.pdf", medium.scan_dpi, stamp)
        return stem
    raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS + EXTRA_KINDS)}")
