"""File-system events for `sangkien up`: a drop wakes the ingest loop at once instead of at the next poll, and a file
its writer closed (or that was moved in whole) is reported complete (`flows.arrivals`), so it is taken without
the two-look wait.

Polling stays the source of truth (events are lost on network shares, and inotify does not see changes made
by another machine). watchdog uses inotify where it can and falls back to its own polling elsewhere; that
fallback reports no closed files, so every entry then waits for two looks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from flows.arrivals import Arrivals
from pipeline.inbox import RESERVED, is_ignored

log = logging.getLogger(__name__)

# A file closed after writing, or renamed into place (how downloads and `rsync` publish a finished file).
COMPLETE = {EVENT_TYPE_CLOSED, EVENT_TYPE_MOVED}
# Written to, or created: not complete, whatever was said of it before (a writer may close, then reopen and write
# again; the events keep their order, so a write reported after a close undoes it).
WRITTEN = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED}
NOT_A_CHANGE = {"opened", "closed_no_write"}  # reading a file (our own batch does) changes nothing


class _InboxEvents(FileSystemEventHandler):
    def __init__(self, inbox: Path, wake: Callable[[], None], arrivals: Arrivals | None) -> None:
        self.inbox, self.wake, self.arrivals = inbox, wake, arrivals

    def _path(self, event: FileSystemEvent) -> Path | None:
        """The dossier file or folder the event is about; None for our own `_loi` folder, lock and partial files."""
        path = Path(str(getattr(event, "dest_path", "") or event.src_path))
        try:
            parts = path.relative_to(self.inbox).parts
        except ValueError:
            return None
        return path if parts and parts[0] not in RESERVED and not is_ignored(path.name) else None

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = None if event.event_type in NOT_A_CHANGE else self._path(event)
        if path is None:
            return
        try:
            if self.arrivals and event.event_type in COMPLETE:  # of a folder moved in: every file in it
                self.arrivals.completed(path)
            elif self.arrivals and event.event_type in WRITTEN and not event.is_directory:
                self.arrivals.written(path, created=event.event_type == EVENT_TYPE_CREATED)
            self.wake()
        except Exception:  # an early scan is a bonus: polling still comes
            log.exception("could not act on a file-system event for %s", path)


def _observer():
    """inotify reporting a file moved in from another folder as a move (plain events call it a creation, as for a
    file about to be written); watchdog's own choice elsewhere."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return Observer()
    return InotifyObserver(generate_full_events=True)


def watch(inbox: Path, wake: Callable[[], None], arrivals: Arrivals | None = None):
    """Start watching `inbox`: `wake()` on every change to a dossier, and tell `arrivals` which files were closed
    after writing or moved in (left out: every entry waits for two looks). Returns the observer (`.stop()`,
    `.join()`)."""
    root = inbox.resolve()
    observer = _observer()
    observer.schedule(_InboxEvents(root, wake, arrivals), str(root), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
