"""Crash safety and bursts, through the real command: `kill -9` mid-batch then a restart records every
dossier exactly once and loses no file; a thousand entries dropped at once are all processed."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.inbox import file_digest
from tests.conftest import ROOT, write_form_docx

pytestmark = pytest.mark.prefect

SANGKIEN = [sys.executable, "-m", "flows.cli"]


def _drop_forms(inbox: Path, count: int) -> dict[str, str]:
    """`count` distinct small Word dossiers; returns {file name: sha256}."""
    inbox.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        write_form_docx(inbox / f"hs-{number:04d}.docx", f"Sáng kiến số {number} về số hóa hồ sơ",
                        "Nguyễn Văn An", "UBND phường Hải Châu")
    return {p.name: file_digest(p) for p in inbox.iterdir()}


def _records(db: Path) -> list[tuple[str, str]]:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT source, status FROM dossiers").fetchall()
    except sqlite3.OperationalError:  # the command has not created the table yet
        return []


def _archived(home: Path) -> dict[str, str]:
    return {p.name.split(" ", 1)[1]: file_digest(p) for p in (home / "archive").rglob("*.docx")}


def test_kill_9_mid_batch_then_restart_records_everything_once(home, tmp_path):
    inbox = tmp_path / "inbox"
    dropped = _drop_forms(inbox, 60)
    batch = subprocess.Popen([*SANGKIEN, "process", str(inbox), "--workers", "2"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    db = home / "sangkien.db"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and batch.poll() is None:
        if db.exists() and 5 <= len([r for r in _records(db) if r[1] != "processing"]) < len(dropped):
            break
        time.sleep(0.2)
    assert batch.poll() is None, "the batch ended before it could be killed"
    os.killpg(batch.pid, signal.SIGKILL)  # the command and its Prefect server, mid-batch
    batch.wait()
    done_before = len(_records(db))
    assert 0 < done_before < len(dropped) or any(status == "processing" for _, status in _records(db))

    again = subprocess.run([*SANGKIEN, "process", str(inbox)], cwd=ROOT, capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr

    records = _records(db)
    assert sorted(source for source, _ in records) == sorted(dropped)  # each dossier once, none lost
    assert {status for _, status in records} == {"needs_review"}
    assert _archived(home) == dropped  # every original archived byte-identical, exactly once
    assert [p.name for p in inbox.iterdir()] == []


def test_a_burst_of_1000_entries(home, tmp_path):
    inbox = tmp_path / "inbox"
    dropped = _drop_forms(inbox, 1000)
    started = time.monotonic()
    result = subprocess.run([*SANGKIEN, "process", str(inbox)], cwd=ROOT, capture_output=True, text=True,
                            timeout=1200)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "processed 1000 · failed 0 · duplicates 0" in result.stdout
    assert len(_records(home / "sangkien.db")) == 1000 and _archived(home) == dropped
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"burst: 1000 entries in {seconds:.0f} s, peak RSS of a child {peak_mb:.0f} MB")
    assert peak_mb < 1500  # bounded: far below what holding 1000 dossiers' pages would take
