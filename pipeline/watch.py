"""File-system events as an accelerator for `sangkien up`: a drop starts a scan at once instead of at the next poll.

Polling stays the source of truth (events are lost on network shares, and inotify does not see changes made
by another machine); the watcher only asks for an extra scan once the inbox has been quiet for a moment.
watchdog uses inotify where it can and falls back to its own polling elsewhere.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from pipeline.inbox import RESERVED, is_ignored

log = logging.getLogger(__name__)


class _Debounced(FileSystemEventHandler):
    """Calls `trigger` once, `quiet_seconds` after the last relevant event."""

    def __init__(self, inbox: Path, trigger: Callable[[], None], quiet_seconds: float) -> None:
        self.inbox, self.trigger, self.quiet_seconds = inbox, trigger, quiet_seconds
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def relevant(self, event: FileSystemEvent) -> bool:
        """Changes to dossiers, not to our own `_loi` folder or to lock and partial files."""
        path = Path(str(getattr(event, "dest_path", "") or event.src_path))
        try:
            parts = path.relative_to(self.inbox).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] not in RESERVED and not is_ignored(path.name)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or not self.relevant(event):
            return
        with self._lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(self.quiet_seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        try:
            self.trigger()
        except Exception:  # an extra scan is a bonus: polling still comes
            log.exception("could not start a scan after a file-system event")


def watch(inbox: Path, trigger: Callable[[], None], quiet_seconds: float):
    """Start watching `inbox`; returns the observer (call `.stop()` then `.join()`)."""
    observer = Observer()
    observer.schedule(_Debounced(inbox.resolve(), trigger, quiet_seconds), str(inbox.resolve()), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
