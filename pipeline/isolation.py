"""Reading a file in a child process, for a dossier whose last reader died while working on it.

PDFium (pypdfium2), Tesseract (tesserocr) and PIL's decoders run inside the batch process: fast, but a file that
crashes one of them (a segfault, an abort) would take the whole batch down, and every retry of the batch with it.
So a dossier whose claim had to be taken from a dead holder is read apart: when its file brings the child down,
only the child ends and the dossier is recorded as failed, naming the file; a dossier that merely shared the
crashed batch reads as usual, a second or two slower.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from extractors.errors import DossierError, FailureKind
from extractors.model import Document
from extractors.reading.read import read_file

# A fresh interpreter: a fork would copy the batch's threads, locks and Tesseract engines mid-use.
_SPAWN = multiprocessing.get_context("spawn")


def read_apart(path: Path, name: str, digest: str,
               reader: Callable[[Path, str], Document] = read_file) -> Document:
    """`reader(path, name)` run in a child process (a `pipeline.dossier.Reader`; the content is not cached).

    Its `DossierError`s come back as they are; the child's death becomes a `crashed` failure."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_SPAWN) as pool:
        try:
            return pool.submit(reader, path, name).result()
        except BrokenProcessPool as exc:
            raise DossierError(FailureKind.crashed, f"Tệp “{name}” làm chương trình đọc dừng đột ngột.",
                               f"{name} ({digest[:12]}): the reading process died on it: {exc}") from exc
