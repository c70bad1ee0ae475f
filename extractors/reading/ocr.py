"""OCR of page images with Tesseract (`vie`): photo clean-up, deskew, recognise, keep word boxes and confidences.

Concurrency: one single-threaded Tesseract per core is 2–3× faster than Tesseract's own threading (design.md).
Pages of one document run in a small thread pool; pages are recognised in this process by Tesseract's library
(tesserocr, which releases the GIL), one initialised engine per core kept for the next page. Starting a
`tesseract` command per page cost its start-up, model loading and image decoding every time: on 30 bench pages
the command used 19.9 CPU s, the library 14.4 s. The rare orientation check (OSD) still runs the command
(pytesseract).
Ruled tables are found in the page image first and read cell by cell (`rulings`, `ocr_tables`), so their rows
come out as `Line`s with cells (`table_rebuild`).
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from glob import glob
from pathlib import Path

# Without this, a Tesseract built with OpenMP spawns threads that fight the page-level parallelism below. The
# `tesseract` command (OSD) gets it through os.environ; tesserocr's wheel bundles a library built without OpenMP,
# and one built with it would read it when loaded, hence before the import.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
import pytesseract  # noqa: E402
import tesserocr  # noqa: E402
from PIL import Image  # noqa: E402

from extractors.errors import DossierError, FailureKind  # noqa: E402
from extractors.model import Line, Page, Word, nfc  # noqa: E402
from extractors.reading.deskew import deskew  # noqa: E402
from extractors.reading.ocr_tables import blank_tables, stack_cells, unstack  # noqa: E402
from extractors.reading.ocr_words import cleaned  # noqa: E402
from extractors.reading.photo import flatten_light  # noqa: E402
from extractors.reading.rulings import page_tables  # noqa: E402
from extractors.reading.table_rebuild import rebuild  # noqa: E402

_M_MMAP_THRESHOLD = -3  # from glibc's malloc.h


def _free_large_buffers_at_once() -> None:
    """Make glibc return every buffer over 1 MB to the system when it is freed.

    By default glibc raises its mmap threshold after the first large free, so later page-sized buffers (9 MB at
    300 DPI) come from per-thread heaps that never shrink: reading a 20-page scan peaked at 516 MB instead of
    406 MB. Elsewhere than glibc this does nothing.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(_M_MMAP_THRESHOLD, 1 << 20)


_free_large_buffers_at_once()

LANG = "vie"  # `+eng` costs up to 75 % more and gained nothing (design.md)
DEFAULT_TIMEOUT = 120  # seconds per page
CORES = os.cpu_count() or 1
_TESSERACT_SLOTS = threading.BoundedSemaphore(CORES)  # a process-wide cap on Tesseracts at work
_idle_engines: dict[str, list[tesserocr.PyTessBaseAPI]] = {}  # by language-data folder; loading one takes ~40 ms
# Where distributions put Tesseract's language data, for a `tesseract` (4.x) that does not print its folder.
_TESSDATA_FOLDERS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata",
                     "/opt/homebrew/share/tessdata")
_GOOD_CONF = 60  # a word at or above this confidence counts as read
# Pages are handed to Tesseract at most this long: A4 at ~225 DPI (`_for_tesseract`)...
_READ_LONG_SIDE = 2630
# ...unless that would shrink them by less than this: a 240 DPI page (0.94) saved Tesseract 0.6 % of its ~1.5 s
# and cost 45 ms to shrink.
_WORTH_SHRINKING = 0.9


@dataclass(frozen=True)
class PageImage:
    """One page to OCR: its 1-based number and image (any mode; greyscale is used); `dpi` is passed on when known;
    `lit`: its light was already evened out (a sheet flattened by `photo.flatten_sheet_light`), not looked at again."""

    number: int
    image: Image.Image
    dpi: int | None = None
    lit: bool = False


OcrPages = Callable[[Iterable[PageImage], str], Sequence[Page]]


def ocr_pages(pages: Iterable[PageImage], name: str, *, timeout: float = DEFAULT_TIMEOUT) -> tuple[Page, ...]:
    """OCR pages in parallel (one per core), in order; `pages` is consumed lazily so few images sit in memory."""
    results: list[Page] = []
    pending: deque[Future[Page]] = deque()
    with ThreadPoolExecutor(max_workers=CORES, thread_name_prefix="ocr") as pool:
        try:
            for page in pages:
                pending.append(pool.submit(_ocr_page, page, name, timeout=timeout))
                if len(pending) > CORES:  # one page waits ready for the next free worker, no more
                    results.append(pending.popleft().result())
            results.extend(future.result() for future in pending)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return tuple(results)


def ocr_image(image: Image.Image, name: str, page_number: int, *, timeout: float = DEFAULT_TIMEOUT) -> Page:
    """OCR one page image into a `Page` (method "ocr"); word boxes are in pixels of the straightened image."""
    return _ocr_page(PageImage(page_number, image), name, timeout=timeout)


def _ocr_page(page: PageImage, name: str, *, timeout: float = DEFAULT_TIMEOUT) -> Page:
    """OCR one `PageImage`: even out a photo's light, deskew, recognise, and if the result looks like nonsense try
    Tesseract's OSD turn."""
    gray = page.image if page.image.mode == "L" else page.image.convert("L")
    if not page.lit:
        gray, _ = flatten_light(gray)
    straight, _ = deskew(gray)
    lines, size = _read(straight, page.dpi, timeout), straight.size
    if _looks_misoriented(lines):
        turn = _osd_turn(gray, timeout)
        if turn:
            turned, _ = deskew(gray.rotate(-turn, expand=True))
            upright = _read(turned, page.dpi, timeout)
            if _score(upright) > _score(lines):
                lines, size = upright, None  # boxes of a turned page do not fall on the page as filed
    return Page(file=nfc(name), number=page.number, lines=tuple(lines), method="ocr", size=size)


def _read(image: Image.Image, dpi: int | None, timeout: float) -> list[Line]:
    """Recognise an upright page, with ruled tables as rows of cells; word boxes in `image`'s pixels.

    Read in place, Tesseract garbles ruled tables, so the page is read with its tables blanked out and the
    tables' cells are read apart, stacked in one image with their rulings erased (`ocr_tables`).
    """
    scale = read_scale(image.size)
    grids, erased = page_tables(np.asarray(image))
    if not grids:
        return _recognise(image, scale, dpi, timeout)
    lines = _recognise(Image.fromarray(blank_tables(erased, grids)), scale, dpi, timeout)
    # Cells are read at full size: their small wrapped text lost letters shrunk ("góp" read "g0p").
    cells = [word for stack in stack_cells(erased, grids)
             for word in unstack(_words(_recognise(Image.fromarray(stack.image), 1.0, dpi, timeout, psm=6)),
                                 stack.placements)]
    return rebuild(lines, grids, cells)


def read_scale(size: tuple[int, int]) -> float:
    """The factor a page of `size` is shrunk by before Tesseract reads it (1.0: read as it is)."""
    scale = _READ_LONG_SIDE / max(size)
    return scale if scale < _WORTH_SHRINKING else 1.0


def _recognise(image: Image.Image, scale: float, dpi: int | None, timeout: float, psm: int = 3) -> list[Line]:
    """Run Tesseract once (psm 3: automatic layout; 6: one block, for stacked cells) on `image` shrunk by `scale`
    (`_for_tesseract`); group its words into lines, with boxes in `image`'s pixels."""
    page = _for_tesseract(image, scale)
    with _engine() as engine:
        engine.SetPageSegMode(psm)
        # The pixels as they are (8-bit grey, one byte each): nothing is encoded or decoded on the way.
        engine.SetImageBytes(page.tobytes(), page.width, page.height, 1, page.width)
        if dpi:
            engine.SetSourceResolution(round(dpi * scale))
        started = time.monotonic()
        if not engine.Recognize(timeout=max(1, round(timeout * 1000))):
            if time.monotonic() - started >= timeout:
                raise _timed_out(timeout)
            raise _ocr_failed("tesseract could not recognise the page")
        tsv = engine.GetTSVText(0)
    return _group_lines(tsv, 1 / scale)


@contextmanager
def _engine() -> Iterator[tesserocr.PyTessBaseAPI]:
    """A Tesseract with `vie` loaded, for one page: at most one per core at work, each kept for the next page."""
    folder = tessdata()
    with _TESSERACT_SLOTS:
        idle = _idle_engines.setdefault(folder, [])
        engine = idle.pop() if idle else _start_engine(folder)
        try:
            yield engine
        finally:
            engine.Clear()
            idle.append(engine)


def _start_engine(folder: str) -> tesserocr.PyTessBaseAPI:
    try:
        return tesserocr.PyTessBaseAPI(path=folder, lang=LANG)
    except RuntimeError as exc:  # "Failed to init API, possibly an invalid tessdata path"
        raise _missing_tesseract(f"cannot load '{LANG}' from {folder or 'anywhere'}: {exc}") from exc


def tessdata() -> str:
    """The folder of Tesseract's language data: TESSDATA_PREFIX when set (Tesseract's own convention), else the
    one the installed `tesseract` command reads."""
    return os.environ.get("TESSDATA_PREFIX") or _tessdata_of(pytesseract.pytesseract.tesseract_cmd)


@cache
def _tessdata_of(command: str) -> str:
    try:
        listing = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=60)
    except OSError as exc:
        raise _missing_tesseract(f"cannot run {command}: {exc}") from exc
    # Tesseract 5: List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):
    said = re.search(r'languages in "(.+?)"', listing.stdout + listing.stderr)
    if said:
        return said.group(1)
    known = (Path(found).parent for pattern in _TESSDATA_FOLDERS
             for found in sorted(glob(f"{pattern}/{LANG}.traineddata")))
    return str(next(known, ""))


def _for_tesseract(image: Image.Image, scale: float) -> Image.Image:
    """The page as Tesseract reads it as well and faster: shrunk by `scale` (bilinear, which averages grain).

    Tesseract's line recogniser scales text lines to about 36 pixels tall whatever the page's resolution, so
    pixels beyond ~225 DPI only feed its layout analysis. On 37 generated scans and photos, against their PDFs'
    own text: at 300 DPI 0.9354 character similarity in 68.0 Tesseract CPU s, at 225 DPI 0.9395 in 52.4 s.
    Made black and white as well, pages took 32 % less but lost tone marks on photos ("chi" read "chì"): field
    accuracy on 120 generated dossiers fell from 710 to 705 of 720, while shrinking alone kept 710.
    """
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BILINEAR)
    return image


@contextmanager
def _image_file(image: Image.Image) -> Iterator[str]:
    """An uncompressed TIFF showing `image`, written for one `tesseract` command (pytesseract would write a PNG,
    and compressing a grainy page costs more than the check it is written for)."""
    with tempfile.NamedTemporaryFile(prefix="sangkien-page-", suffix=".tif") as file:
        image.save(file, format="TIFF", compression="raw")
        file.flush()
        yield file.name


# Columns of Tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height, conf, text.
_BLOCK, _PARAGRAPH, _LINE, _LEFT, _CONF, _TEXT = 2, 3, 4, 6, 10, 11
# Letters Tesseract's Vietnamese model reads for ours but no Vietnamese text holds: the Icelandic eth for Đ ("Ð/c").
_CONFUSABLES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def _group_lines(tsv: str, unscale: float = 1.0) -> list[Line]:
    """Words (rows of Tesseract's TSV) sharing (block, paragraph, line) form one `Line`, in Tesseract's reading
    order; boxes are multiplied by `unscale`; specks are no words (`ocr_words`)."""
    keys, words = [], []
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) <= _TEXT or not cells[_TEXT].strip() or float(cells[_CONF]) < 0:
            continue
        left, top, width, height = (round(int(value) * unscale) for value in cells[_LEFT:_CONF])
        keys.append((cells[_BLOCK], cells[_PARAGRAPH], cells[_LINE]))
        words.append(Word(nfc(cells[_TEXT].strip()).translate(_CONFUSABLES), left, top, width, height,
                          float(cells[_CONF])))
    grouped: dict[tuple[str, str, str], list[Word]] = {}
    for key, word in zip(keys, cleaned(words)):  # specks dropped, doubled vowels made one (`ocr_words`)
        if word is not None:
            grouped.setdefault(key, []).append(word)
    return [
        Line(" ".join(w.text for w in words), conf=sum(w.conf for w in words) / len(words) / 100, words=tuple(words))
        for words in grouped.values()
    ]


def _words(lines: list[Line]) -> list[Word]:
    return [word for line in lines for word in line.words]


def _looks_misoriented(lines: list[Line]) -> bool:
    """Upside-down or sideways pages come back as many low-confidence words; blank pages are left alone."""
    confs = [word.conf for word in _words(lines)]
    return bool(confs) and sum(c >= _GOOD_CONF for c in confs) < len(confs) / 2


def _score(lines: list[Line]) -> float:
    """How much was read with confidence: the sum of confidences of the words counted as read."""
    return sum(w.conf for w in _words(lines) if w.conf >= _GOOD_CONF)


def _osd_turn(gray: Image.Image, timeout: float) -> int:
    """Clockwise quarter turn (0/90/180/270) Tesseract's OSD says makes the page upright; 0 if it cannot tell."""
    try:
        with _image_file(gray) as source:
            osd = _tesseract(pytesseract.image_to_osd, source, output_type=pytesseract.Output.DICT, timeout=timeout)
    except DossierError as error:
        if error.kind is FailureKind.ocr_failed:  # "Too few characters", or no `osd` data: keep the page as read
            return 0
        raise
    return int(osd.get("rotate", 0)) % 360


def _tesseract(call: Callable, image: object, *, timeout: float, **kwargs: object) -> dict:
    """Call pytesseract (the `tesseract` command) under the process-wide slot limit, turning its failures into
    `DossierError`s."""
    with _TESSERACT_SLOTS:
        try:
            return call(image, timeout=timeout, **kwargs)
        except pytesseract.TesseractNotFoundError as exc:
            raise _missing_tesseract(str(exc)) from exc
        except pytesseract.TesseractError as exc:
            if f"Failed loading language '{LANG}'" in str(exc.message):
                raise _missing_tesseract(str(exc.message)) from exc
            raise _ocr_failed(f"tesseract failed: {exc.message}") from exc
        except RuntimeError as exc:  # pytesseract signals its timeout with a bare RuntimeError
            if "timeout" not in str(exc):
                raise
            raise _timed_out(timeout) from exc


def _timed_out(timeout: float) -> DossierError:
    return DossierError(FailureKind.timeout, f"Nhận dạng chữ một trang mất quá {timeout:g} giây.",
                        f"tesseract timed out after {timeout} s")


def _ocr_failed(detail: str) -> DossierError:
    return DossierError(FailureKind.ocr_failed, "Nhận dạng chữ (OCR) một trang bị lỗi.", detail)


def _missing_tesseract(detail: str) -> DossierError:
    return DossierError(
        FailureKind.missing_dependency,
        "Máy xử lý chưa cài Tesseract OCR tiếng Việt (gói tesseract-ocr tesseract-ocr-vie).",
        f"tesseract or its '{LANG}' language data is missing (apt install tesseract-ocr tesseract-ocr-vie): {detail}",
    )
