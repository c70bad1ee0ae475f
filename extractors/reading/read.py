"""Read any accepted file into a `Document`: one registry from suffix to reader, and a content sniff.

The sniff catches what secretaries do by accident (a photo saved as "don.pdf", a .doc renamed .docx)
and says so plainly instead of letting a parser fail with a riddle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from extractors.errors import DossierError, FailureKind
from extractors.model import Document
from extractors.reading.docx_reader import read_docx
from extractors.reading.image_reader import read_image
from extractors.reading.ocr import OcrPages, ocr_pages
from extractors.reading.office_convert import read_office
from extractors.reading.pdf_reader import read_pdf


class Reader(Protocol):
    """A reader: a path and the name shown in provenance in, a `Document` out."""

    def __call__(self, path: str | Path, name: str, *, ocr: OcrPages = ...) -> Document: ...


# Bump when any reader changes what it returns: cached reads (keyed by file content) are then redone.
# 2026.12.2: photos of a sheet on a desk are warped flat (sheet.py); red and blue ink lifted (ink.py).
READER_VERSION = "2026.12.2"

READERS: dict[str, Reader] = {
    ".docx": read_docx,
    ".doc": read_office,  # Word 97–2003 and OpenDocument: through LibreOffice headless
    ".odt": read_office,
    ".pdf": read_pdf,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".png": read_image,
    ".tif": read_image,
    ".tiff": read_image,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)

# Leading bytes of each format, and the name a secretary knows it by.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", ".pdf", "PDF"),
    (b"PK\x03\x04", ".docx", "Word .docx (hoặc tệp nén ZIP)"),
    (b"\xff\xd8", ".jpg", "ảnh JPEG"),
    (b"\x89PNG", ".png", "ảnh PNG"),
    (b"II*\x00", ".tif", "ảnh TIFF"),
    (b"MM\x00*", ".tif", "ảnh TIFF"),
    (b"\xd0\xcf\x11\xe0", ".doc", "Word 97–2003 .doc"),
)
# Suffix → the sniffed format its content must have; ZIP sniffs as ".docx", and an .odt is a ZIP too.
_SAME_FORMAT = {".jpeg": ".jpg", ".tiff": ".tif", ".odt": ".docx"}
_PDF_HEADER_WINDOW = 1024  # PDF readers accept junk before "%PDF" within the first kilobyte


def read_file(path: str | Path, name: str, *, ocr: OcrPages = ocr_pages) -> Document:
    """Read one file with the reader its suffix names, after checking the content is what the suffix says."""
    suffix = (Path(path).suffix or Path(name).suffix).lower()  # stored copies may have lost their suffix
    reader = READERS.get(suffix)
    if reader is None:
        accepted = ", ".join(SUPPORTED_SUFFIXES)
        raise DossierError(FailureKind.unsupported_format,
                           f"Không đọc được tệp “{name}”: định dạng “{suffix or '(không có đuôi)'}” không được hỗ trợ.",
                           f"{name}: unsupported suffix {suffix!r}; accepted: {accepted}")
    _check_content(Path(path), name, suffix)
    return reader(path, name, ocr=ocr)


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (suffix, description) the leading bytes of a file show, or None if unrecognised."""
    for magic, suffix, description in _MAGIC:
        if head.startswith(magic) or (suffix == ".pdf" and magic in head[:_PDF_HEADER_WINDOW]):
            return suffix, description
    return None


def _check_content(path: Path, name: str, suffix: str) -> None:
    with open(path, "rb") as stream:
        head = stream.read(_PDF_HEADER_WINDOW)
    if not head:
        raise DossierError(FailureKind.bad_input, f"Tệp “{name}” rỗng (0 byte).", f"{name}: empty file")
    found = sniff(head)
    if found is None:
        raise DossierError(FailureKind.bad_input, f"Nội dung tệp “{name}” không phải tệp {suffix} thật (tệp hỏng?).",
                           f"{name}: content matches no known format (starts {head[:8]!r})")
    if found[0] != _SAME_FORMAT.get(suffix, suffix):
        raise DossierError(FailureKind.bad_input,
                           f"Tệp “{name}” có đuôi {suffix} nhưng nội dung là {found[1]}. Hãy lưu lại đúng định dạng.",
                           f"{name}: suffix {suffix} but content looks like {found[0]}")
