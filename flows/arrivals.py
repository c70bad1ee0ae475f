"""Which inbox entries are complete and may be taken, for the long-running `sangkien up`.

A file directly in the inbox that the file system reported complete — closed after writing (inotify's
IN_CLOSE_WRITE, through watchdog) or renamed into the inbox whole — is taken at once: on a local disk the kernel
knows when its writer is done. For the same reason an entry with a file written to and not closed since is not
taken, however long it stays unchanged (a program may think for seconds between writes), for up to
`WRITING_LIMIT` in case a close went unreported. Everything else waits for two looks `wait_seconds` apart that
see nothing changed, as `pipeline.inbox.stable_entries` does, but without sleeping: `look` says when to look
again. That covers folders (their next file may not have been started yet when one is closed) and files
written by another machine on a network share, which raise no event here.
"""

from __future__ import annotations

import math
import stat
import threading
import time
from pathlib import Path

from pipeline.inbox import Entry, discover, signature

WRITING_LIMIT = 600.0  # seconds after its last reported write that an unclosed file stops holding its entry back


class Arrivals:
    """What the inbox holds, what the file system said of it, and what was handed out already."""

    def __init__(self, inbox: Path, wait_seconds: float) -> None:
        self.inbox, self.wait_seconds = inbox.resolve(), wait_seconds
        self._lock = threading.Lock()
        self._completed: dict[Path, tuple[int, int]] = {}  # file → (size, mtime) when reported complete
        self._writing: dict[Path, float] = {}  # file → when a write to it was reported (no close since)
        self._moved_in: set[Path] = set()  # files of folders moved in whole, whose creation is still to be reported
        self._seen: dict[str, tuple[tuple, float]] = {}  # entry → (its signature, since when unchanged)
        self._handed: dict[str, tuple] = {}  # entry → the signature it was handed out with

    def completed(self, path: Path) -> None:
        """The file system reported `path` complete: closed after writing, or moved in (a folder: every file)."""
        moved_folder = path.is_dir()
        for file in (sorted(p for p in path.rglob("*") if p.is_file()) if moved_folder else [path]):
            mark = _mark(file)
            if mark is not None:
                with self._lock:
                    self._completed[file] = mark
                    self._writing.pop(file, None)
                    if moved_folder:
                        self._moved_in.add(file)

    def written(self, path: Path, created: bool = False) -> None:
        """The file system reported a write to `path`, or its creation: it is being written until reported
        complete. Not so the creation of a file of a folder moved in whole (reported file by file after the move)."""
        with self._lock:
            if created and path in self._moved_in:
                self._moved_in.discard(path)
                return
            self._completed.pop(path, None)
            self._writing[path] = time.monotonic()

    def look(self, again: bool = False) -> tuple[list[Entry], float | None]:
        """The entries complete now, and in how many seconds one still settling may be (None: none is).

        Entries handed out before with the same content are left out unless `again` (a periodic scan, so that
        what a batch left in the inbox is taken again).
        """
        entries, now = discover(self.inbox), time.monotonic()
        ready, due = [], math.inf
        with self._lock:
            seen = {}
            for entry in entries:
                current = signature(entry)
                before = self._seen.get(entry.source)
                since = before[1] if before and before[0] == current else now
                seen[entry.source] = (current, since)
                if not again and self._handed.get(entry.source) == current:
                    continue
                writing = max((self._writing.get(path, -math.inf) for _, path in entry.files), default=-math.inf)
                if self._reported_whole(entry, current):
                    ready.append(entry)
                elif now - writing < WRITING_LIMIT:
                    due = min(due, writing + WRITING_LIMIT - now)
                elif now - since >= self.wait_seconds:
                    ready.append(entry)
                else:
                    due = min(due, since + self.wait_seconds - now)
            self._seen = seen
            files = {path for entry in entries for _, path in entry.files}
            self._completed = {path: mark for path, mark in self._completed.items() if path in files}
            self._writing = {path: when for path, when in self._writing.items() if path in files}
            self._moved_in &= files
            self._handed = {source: mark for source, mark in self._handed.items() if source in seen}
        return ready, (None if due == math.inf else due)

    def handed(self, entries: list[Entry]) -> None:
        """`entries` went to a batch: not handed out again while unchanged, unless a look asks `again`."""
        with self._lock:
            for entry in entries:
                if entry.source in self._seen:
                    self._handed[entry.source] = self._seen[entry.source][0]

    def _reported_whole(self, entry: Entry, current: tuple) -> bool:
        """A single file whose size and modification time are still those it had when reported complete."""
        if entry.files != ((entry.path.name, entry.path),) or current[0] == "unreadable":
            return False
        return self._completed.get(entry.path) == current[0][1:]


def _mark(path: Path) -> tuple[int, int] | None:
    """A regular file's (size, modification time), or None (gone already, or not a file)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None
