"""Finds the dossiers in an inbox folder and fingerprints them.

A file directly in the inbox is one dossier; a sub-folder is one dossier of every file inside it, in name order.
Office lock files, hidden files and partial downloads are not dossiers; a link that leads outside the inbox is
never followed. Nothing here opens a shell or changes a file.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

# Lock, temporary and partial files: left alone, never a dossier (shared/contract).
_IGNORED = re.compile(r"^(?:~\$.*|\.~lock\..*#|\..*|.*\.(?:part|crdownload|tmp))$", re.IGNORECASE)
FAILED_FOLDER = "_loi"  # failed and duplicate entries go here, with the reason beside them (pipeline.filing)
RESERVED = {FAILED_FOLDER}  # folders the pipeline itself keeps in the inbox


@dataclass(frozen=True)
class Entry:
    """One dossier: its name, its inbox entry relative to the inbox, and its files (relative name, path)."""

    name: str
    source: str
    path: Path
    files: tuple[tuple[str, Path], ...]


def is_ignored(name: str) -> bool:
    return bool(_IGNORED.match(name))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _folder_files(folder: Path, root: Path) -> tuple[tuple[str, Path], ...]:
    found = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        rel = path.relative_to(folder)
        if any(is_ignored(part) for part in rel.parts) or not _inside(path, root) or not path.is_file():
            continue
        found.append((rel.as_posix(), path))
    return tuple(found)


def entry_at(path: Path, root: Path | None = None) -> Entry | None:
    """The dossier a file or folder makes (links leading outside `root` are not followed)."""
    root = root or path.parent
    if path.is_dir():
        return Entry(path.name, path.name, path, _folder_files(path, root))
    if path.is_file():
        return Entry(path.stem, path.name, path, ((path.name, path),))
    return None


def discover(inbox: Path) -> list[Entry]:
    """Every dossier in `inbox`, sorted by name."""
    paths = sorted(inbox.iterdir(), key=lambda p: p.name)
    found = (entry_at(path, inbox) for path in paths
             if not is_ignored(path.name) and path.name not in RESERVED and _inside(path, inbox))
    return [entry for entry in found if entry]


def signature(entry: Entry) -> tuple:
    """Name, size and modification time of every file: an entry still being copied changes it."""
    try:
        return tuple((rel, path.stat().st_size, path.stat().st_mtime_ns) for rel, path in entry.files)
    except OSError:  # a file vanished or is locked mid-copy: not stable
        return ("unreadable", time.monotonic())


def stable_entries(inbox: Path, wait_seconds: float) -> list[Entry]:
    """Entries whose files did not change over `wait_seconds` (two looks), so half-copied drops wait.

    Modification times alone are not enough: copies to network shares often keep the original's time.
    """
    first = {entry.source: signature(entry) for entry in discover(inbox)}
    if wait_seconds > 0:
        time.sleep(wait_seconds)
    return [entry for entry in discover(inbox) if first.get(entry.source) == signature(entry)]


def file_digest(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def fingerprint(entry: Entry) -> tuple[str, list[dict]]:
    """sha256 over the dossier's file contents in order, and each file's digest and size.

    Names do not count, so the same content dropped again under another name is recognised as a duplicate;
    an empty folder is keyed by its name, so two different empty folders are two failed dossiers.
    """
    files = [{"name": rel, "sha256": file_digest(path), "size": path.stat().st_size} for rel, path in entry.files]
    if not files:
        return hashlib.sha256(f"empty:{entry.source}".encode()).hexdigest(), files
    digest = hashlib.sha256("".join(f["sha256"] for f in files).encode()).hexdigest()
    return digest, files
