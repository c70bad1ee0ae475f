"""The file-system watcher asks for a scan once a drop has settled, and ignores our own folder and lock files."""

import threading
import time

from pipeline.watch import watch


def _scans_after(inbox, action, wait: float = 4.0) -> int:
    fired = []
    observer = watch(inbox, lambda: fired.append(time.monotonic()), quiet_seconds=0.5)
    try:
        time.sleep(0.3)
        action()
        time.sleep(wait)
    finally:
        observer.stop()
        observer.join()
    return len(fired)


def test_a_drop_triggers_one_scan_after_it_settles(tmp_path):
    def drop():
        folder = tmp_path / "Ho so 1"
        folder.mkdir()
        for number in range(5):  # a burst of writes is one scan, not five
            (folder / f"IMG_{number}.jpg").write_bytes(b"x" * 1000)
            time.sleep(0.05)

    assert _scans_after(tmp_path, drop) == 1


def test_own_folder_and_lock_files_do_not_trigger(tmp_path):
    (tmp_path / "_loi").mkdir()

    def noise():
        (tmp_path / "_loi" / "hs.pdf.ly-do.txt").write_text("lý do", encoding="utf-8")
        (tmp_path / "~$Don.docx").write_bytes(b"lock")
        (tmp_path / "tai-ve.pdf.part").write_bytes(b"...")

    assert _scans_after(tmp_path, noise, wait=2.0) == 0


def test_a_failing_trigger_does_not_stop_the_watcher(tmp_path):
    calls = threading.Event()

    def broken():
        calls.set()
        raise RuntimeError("server not reachable")

    observer = watch(tmp_path, broken, quiet_seconds=0.2)
    try:
        (tmp_path / "a.pdf").write_bytes(b"%PDF")
        assert calls.wait(5)
        assert observer.is_alive()
    finally:
        observer.stop()
        observer.join()
