"""Admins rerun failed dossiers (files come back from _loi) and processed ones (re-read in place)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, write_form_docx

pytestmark = pytest.mark.prefect
SANGKIEN = [sys.executable, "-m", "flows.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*SANGKIEN, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_runs_lists_failures_and_rerun_brings_them_back(home, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    (inbox / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    assert run("process", str(inbox)).returncode == 0
    assert (inbox / "_loi" / "hong.pdf").exists()

    listed = run("runs")
    assert listed.returncode == 0 and "hong.pdf" in listed.stdout and "bad_input" in listed.stdout
    assert "Recent flow runs" in listed.stdout

    # the admin replaces the broken file in _loi (say, a better copy came by mail) and reruns the failed ones
    (inbox / "_loi" / "hong.pdf").unlink()
    write_form_docx(inbox / "_loi" / "hong.pdf", "x", "y", "z")  # still not a PDF: fails again, clearly
    again = run("rerun", "--failed")
    assert again.returncode == 0 and "failed 1" in again.stdout
    assert (inbox / "_loi" / "hong.pdf").exists() and (inbox / "_loi" / "hong.pdf.ly-do.txt").exists()

    redo = run("rerun", "don")  # a processed dossier is re-read in the archive, not moved
    assert redo.returncode == 0 and "processed 1" in redo.stdout
    assert len(list((home / "archive").rglob("*don.docx"))) == 1
    assert run("rerun", "no-such-dossier").returncode == 1
