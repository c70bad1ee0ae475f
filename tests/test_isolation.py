"""A dossier whose reader died is read again in a child process, so a file that crashes a native reader
(PDFium, Tesseract, PIL's decoders) fails alone instead of taking every batch down with it."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from extractors.errors import DossierError, FailureKind
from extractors.model import Document
from extractors.reading.read import read_file
from pipeline.config import BatchSpec
from pipeline.dossier import PROCESSED, process_entry
from pipeline.inbox import entry_at, fingerprint
from pipeline.isolation import read_apart
from pipeline.store import Claim, Store
from tests.conftest import DEMO


def _segfault(path: Path, name: str) -> Document:
    """Stands in for a native reader crashing on a file: its process dies by SIGSEGV."""
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


def _left_by_a_dead_process(store: Store, digest: str, name: str, source: str) -> None:
    assert store.claim(digest, name, source) is Claim.NEW
    ended = subprocess.Popen(["true"])
    ended.wait()
    with store.engine.begin() as conn:
        conn.execute(store.dossiers.update().values(claimed_by=f"{socket.gethostname()}:{ended.pid}"))


@pytest.mark.ocr
def test_a_scan_read_apart_reads_as_in_the_batch_process() -> None:
    scan = DEMO / "inbox" / "scan-004.png"
    apart = read_apart(scan, scan.name, "0" * 64)
    assert apart == read_file(scan, scan.name)
    assert "phẫu thuật" in apart.text


def test_a_file_that_kills_its_reader_fails_alone_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as caught:
        read_apart(tmp_path / "hs.pdf", "Bản mô tả.pdf", "a" * 64, reader=_segfault)
    assert caught.value.kind is FailureKind.crashed and not caught.value.kind.retryable
    assert "Bản mô tả.pdf" in caught.value.message_vi


def test_a_readers_failure_in_the_child_comes_back_as_it_is(tmp_path: Path) -> None:
    broken = tmp_path / "hs.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(DossierError) as caught:
        read_apart(broken, broken.name, "b" * 64)
    assert caught.value.kind is FailureKind.bad_input and "hs.png" in caught.value.message_vi


@pytest.mark.ocr
def test_a_dossier_left_by_a_dead_process_is_read_in_a_child_and_recorded(tmp_path: Path, caplog) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    entry = entry_at(Path(shutil.copy(DEMO / "inbox" / "scan-004.png", inbox / "scan-004.png")))
    spec = BatchSpec(inbox=str(inbox), database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                     archive=str(tmp_path / "archive"))
    store = Store.open(spec.database_url)
    digest = fingerprint(entry)[0]
    _left_by_a_dead_process(store, digest, entry.name, entry.source)
    def in_this_process(path: Path, name: str, digest: str) -> Document:
        raise AssertionError("read in the batch process")

    with caplog.at_level(logging.WARNING, logger="pipeline.dossier"):
        outcome = process_entry(store, spec, entry, read=in_this_process)
    assert outcome.kind == PROCESSED, outcome.message
    assert "reading it in a child process" in caplog.text
    assert "phẫu thuật" in store.get(digest)["title"].lower()

