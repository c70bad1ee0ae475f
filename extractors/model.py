"""The data every reader produces and every field extractor consumes.

A reader turns one file into a `Document`: pages of `Line`s in reading order, all text NFC.
Table rows keep their cells so field rules can read columns instead of guessing from spacing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace


def nfc(text: str) -> str:
    """Normalise to NFC; every reader calls this on what it emits (python-docx and PDF text pass NFD through)."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Word:
    """One positioned word: OCR words with Tesseract confidence (0–100), or PDF text-layer words (300 DPI
    pixels, confidence 100) in rebuilt table rows."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


@dataclass(frozen=True)
class Line:
    """A line of text; `cells` is set when the line is a table row (one entry per cell, merged cells once)."""

    text: str
    cells: tuple[str, ...] | None = None
    conf: float = 1.0  # 0–1: 1.0 for digital text, mean word confidence for OCR
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of one file; `number` is 1-based; `method` says how its text was obtained."""

    file: str
    number: int
    lines: tuple[Line, ...]
    method: str  # "docx" | "text" (PDF text layer) | "ocr"
    size: tuple[int, int] | None = None  # (width, height) of the image the word boxes of plain lines refer to,
    # when it shows the page as its file does (not turned); lets reviewers see where a value was read

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Document:
    """All pages of one file; `file` is the name shown in provenance (relative to the dossier entry)."""

    file: str
    pages: tuple[Page, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    def named(self, file: str) -> Document:
        """The same pages under another file name: content read once, filed under two names."""
        file = nfc(file)
        if file == self.file:
            return self
        return Document(file, tuple(replace(page, file=file) for page in self.pages))
