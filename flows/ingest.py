"""The ingest loop of `sangkien up`: hands the inbox's complete entries to a batch, one batch at a time.

It looks at the inbox when the file system reports a change (`wake`), when an entry still settling may have become
complete, and every `poll_seconds` regardless (events are lost on network shares). Drops made while a batch runs
wait for the next one: nothing is dropped or cancelled.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable

from flows.arrivals import Arrivals

log = logging.getLogger(__name__)

# After an event, the loop waits until the file system has been quiet this long (at most GATHER_LIMIT), so that a
# burst of drops (thirty files copied at once) makes one batch, not one for the first file and one for the rest.
GATHER_SECONDS, GATHER_LIMIT = 0.2, 2.0


class IngestLoop:
    """Runs `run_batch(paths)` for what `arrivals` says is complete, until `stop()`."""

    def __init__(self, arrivals: Arrivals, run_batch: Callable[[list[str]], None], poll_seconds: float,
                 rescan_handed: bool = True) -> None:
        self.arrivals, self.run_batch, self.poll_seconds = arrivals, run_batch, poll_seconds
        self.rescan_handed = rescan_handed  # False for a kept inbox, whose entries never leave it
        self._woken, self._stopping = threading.Event(), threading.Event()

    def wake(self) -> None:
        self._woken.set()

    def stop(self) -> None:
        self._stopping.set()
        self._woken.set()

    def run(self) -> None:
        next_poll, recheck_at = time.monotonic(), math.inf  # the first look is a poll: whatever waits at start
        while not self._stopping.is_set():
            if self._woken.wait(max(min(next_poll, recheck_at) - time.monotonic(), 0)):
                self._gather()
            if self._stopping.is_set():
                return
            polled = time.monotonic() >= next_poll
            if polled:
                next_poll = time.monotonic() + self.poll_seconds
            try:
                ready, recheck = self.arrivals.look(again=polled and self.rescan_handed)
            except OSError:  # the inbox is away for a moment (an unmounted share): the next poll looks again
                log.exception("could not look at the inbox")
                ready, recheck = [], None
            recheck_at = math.inf if recheck is None else time.monotonic() + recheck
            if ready:
                self.arrivals.handed(ready)
                try:
                    self.run_batch([str(entry.path) for entry in ready])
                except Exception:  # the server or the database away for a moment: the entries wait for a poll
                    log.exception("a batch of %d entries could not run", len(ready))

    def _gather(self) -> None:
        """Wait for the burst of events to end (quiet for GATHER_SECONDS, or GATHER_LIMIT in all)."""
        limit = time.monotonic() + GATHER_LIMIT
        self._woken.clear()
        while not self._stopping.is_set() and time.monotonic() < limit and self._woken.wait(GATHER_SECONDS):
            self._woken.clear()
