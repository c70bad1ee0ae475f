"""`sangkien up`'s inbox watching with the real file system (inotify through watchdog): a drop wakes the ingest loop;
a file closed after writing is complete at once, anything else after two looks; our own folder and lock files
are ignored."""

import os
import threading
import time

from flows.arrivals import Arrivals
from flows.ingest import IngestLoop
from flows.watch import watch

AN_HOUR = 3600.0  # a stability wait no test sits out: what is ready before it was not waited for


class Watched:
    """`watch` on an inbox, feeding `Arrivals`, counting wakes."""

    def __init__(self, inbox, wait_seconds: float, close_events: bool = True) -> None:
        self.arrivals = Arrivals(inbox, wait_seconds)
        self.wakes, self._woken = [], threading.Event()
        self.observer = watch(inbox, self._wake, self.arrivals if close_events else None)
        time.sleep(0.3)  # inotify watches are in place

    def _wake(self) -> None:
        self.wakes.append(time.monotonic())
        self._woken.set()

    def settle(self, timeout: float = 5.0) -> None:
        """Wait until the file system has reported the last change (events keep coming, then stop)."""
        assert self._woken.wait(timeout), "no file-system event came"
        while self._woken.wait(0.3):
            self._woken.clear()

    def ready(self) -> list[str]:
        return [entry.source for entry in self.arrivals.look()[0]]

    def close(self) -> None:
        self.observer.stop()
        self.observer.join()


def test_a_file_closed_after_writing_is_ready_without_the_stability_wait(tmp_path):
    watched = Watched(tmp_path, wait_seconds=AN_HOUR)
    try:
        (tmp_path / "don.docx").write_bytes(b"PK" + b"x" * 5000)  # open, write, close
        watched.settle()
        assert watched.ready() == ["don.docx"]
    finally:
        watched.close()


def test_a_file_still_open_for_writing_waits_and_is_ready_once_closed(tmp_path):
    watched = Watched(tmp_path, wait_seconds=AN_HOUR)
    try:
        with (tmp_path / "ban-quet.pdf").open("wb") as copy:  # a copy in progress
            copy.write(b"%PDF-1.4 " + b"x" * 5000)
            copy.flush()
            os.fsync(copy.fileno())
            watched.settle()
            assert watched.ready() == []
            copy.write(b"x" * 5000)
        watched.settle()
        assert watched.ready() == ["ban-quet.pdf"]
        (tmp_path / "ban-quet.pdf").open("ab").close()  # opened for writing again, nothing written: unchanged
        with (tmp_path / "ban-quet.pdf").open("ab") as more:  # but a later write makes it wait for its close
            more.write(b"more")
            more.flush()
            watched.settle()
            assert watched.ready() == []
        watched.settle()
        assert watched.ready() == ["ban-quet.pdf"]
    finally:
        watched.close()


def test_a_file_moved_in_whole_is_ready_at_once(tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "downloads"
    inbox.mkdir(), elsewhere.mkdir()
    (elsewhere / "don.pdf").write_bytes(b"%PDF-1.4 finished")
    (inbox / "don.pdf.part").write_bytes(b"%PDF-1.4 finished")  # a browser's download, renamed when done
    watched = Watched(inbox, wait_seconds=AN_HOUR)
    try:
        (elsewhere / "don.pdf").rename(inbox / "mang-ve.pdf")
        (inbox / "don.pdf.part").rename(inbox / "don.pdf")
        watched.settle()
        assert sorted(watched.ready()) == ["don.pdf", "mang-ve.pdf"]
    finally:
        watched.close()


def test_a_folder_waits_for_two_looks_even_when_its_files_are_closed(tmp_path):
    """When one of a folder's files is closed, the next one may not have been started yet."""
    watched = Watched(tmp_path, wait_seconds=AN_HOUR)
    try:
        folder = tmp_path / "Ho so 1"
        folder.mkdir()
        (folder / "IMG_1.jpg").write_bytes(b"x" * 1000)
        watched.settle()
        assert watched.ready() == []
    finally:
        watched.close()


def test_without_close_events_an_entry_is_ready_after_two_looks(tmp_path):
    """As for a file written by another machine on a network share, which raises no event here."""
    watched = Watched(tmp_path, wait_seconds=1.0, close_events=False)
    try:
        (tmp_path / "tu-may-khac.docx").write_bytes(b"PK" + b"x" * 1000)
        watched.settle()
        ready, due = watched.arrivals.look()
        assert ready == [] and 0 < due <= 1.0
        time.sleep(due)
        assert watched.ready() == ["tu-may-khac.docx"]
    finally:
        watched.close()


def test_an_entry_handed_out_is_not_handed_again_unless_a_poll_asks(tmp_path):
    arrivals = Arrivals(tmp_path, wait_seconds=0)
    (tmp_path / "don.docx").write_bytes(b"PK")
    ready, _ = arrivals.look()
    arrivals.handed(ready)
    assert arrivals.look()[0] == []  # an event-driven look: already in a batch
    assert [e.source for e in arrivals.look(again=True)[0]] == ["don.docx"]  # a poll: left behind, so again
    (tmp_path / "don.docx").write_bytes(b"PK changed")
    assert [e.source for e in arrivals.look()[0]] == ["don.docx"]  # new content: a new dossier


def test_the_loop_runs_a_batch_for_a_drop_at_once_and_never_two_at_a_time(tmp_path):
    batches, running, overlapped = [], threading.Event(), []

    def run_batch(paths):
        overlapped.append(running.is_set())
        running.set()
        batches.append(sorted(os.path.basename(p) for p in paths))
        time.sleep(0.5)  # a drop arriving meanwhile waits for the next batch
        running.clear()

    arrivals = Arrivals(tmp_path, wait_seconds=AN_HOUR)
    loop = IngestLoop(arrivals, run_batch, poll_seconds=AN_HOUR)
    observer = watch(tmp_path, loop.wake, arrivals)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        (tmp_path / "a.docx").write_bytes(b"PK a")
        deadline = time.monotonic() + 10
        while not batches and time.monotonic() < deadline:
            time.sleep(0.05)
        (tmp_path / "b.docx").write_bytes(b"PK b")
        (tmp_path / "c.docx").write_bytes(b"PK c")
        while len(batches) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        loop.stop()
        thread.join(5)
        observer.stop()
        observer.join()
    assert batches == [["a.docx"], ["b.docx", "c.docx"]]
    assert not any(overlapped) and not thread.is_alive()


def test_own_folder_and_lock_files_do_not_wake(tmp_path):
    (tmp_path / "_loi").mkdir()
    watched = Watched(tmp_path, wait_seconds=0)
    try:
        (tmp_path / "_loi" / "hs.pdf.ly-do.txt").write_text("lý do", encoding="utf-8")
        (tmp_path / "~$Don.docx").write_bytes(b"lock")
        (tmp_path / "tai-ve.pdf.part").write_bytes(b"...")
        (tmp_path / ".an.pdf").write_bytes(b"...")
        time.sleep(1.0)
        assert watched.wakes == []
    finally:
        watched.close()


def test_a_failing_wake_does_not_stop_the_watcher(tmp_path):
    calls = threading.Event()

    def broken():
        calls.set()
        raise RuntimeError("server not reachable")

    observer = watch(tmp_path, broken)
    try:
        (tmp_path / "a.pdf").write_bytes(b"%PDF")
        assert calls.wait(5)
        assert observer.is_alive()
    finally:
        observer.stop()
        observer.join()


def test_a_file_created_but_not_yet_written_is_not_taken_even_without_a_stability_wait(tmp_path):
    """A program may think for seconds between creating a file and writing it (a large image being encoded)."""
    watched = Watched(tmp_path, wait_seconds=0)
    try:
        with (tmp_path / "anh-lon.png").open("wb") as image:
            watched.settle()
            assert watched.ready() == []
            image.write(b"\x89PNG" + b"x" * 5000)
        watched.settle()
        assert watched.ready() == ["anh-lon.png"]
    finally:
        watched.close()


def test_a_folder_moved_in_whole_is_not_held_back_as_if_being_written(tmp_path):
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "Ho so 2"
    inbox.mkdir(), elsewhere.mkdir()
    for number in range(3):
        (elsewhere / f"IMG_{number}.jpg").write_bytes(b"x" * 1000)
    watched = Watched(inbox, wait_seconds=0.5)
    try:
        elsewhere.rename(inbox / "Ho so 2")  # its files are reported created, one by one: they were complete
        watched.settle()
        ready, due = watched.arrivals.look()
        assert ready == [] and 0 < due <= 0.5  # a folder: two looks, not held back for the writing limit
        time.sleep(due)
        assert watched.ready() == ["Ho so 2"]
    finally:
        watched.close()
