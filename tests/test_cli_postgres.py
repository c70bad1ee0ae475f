"""Every record command with `SANGKIEN_DATABASE_URL=postgresql://…`: process, export, runs and rerun run as a
user runs them, and their records land in (and come from) PostgreSQL."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from pipeline.store import Store
from tests.conftest import write_form_docx
from tests.test_cli import run

pytestmark = pytest.mark.prefect


def test_process_export_runs_and_rerun_on_postgres(home, postgres_url, tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_DATABASE_URL", postgres_url)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don-a.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    write_form_docx(inbox / "don-b.docx", "Phần mềm quản lý văn bản", "Trần Thị Bình", "UBND phường Hải Châu")
    shutil.copy(inbox / "don-a.docx", inbox / "ban-sao.docx")
    (inbox / "hong.docx").write_bytes(b"not a Word file")

    first = run("process", str(inbox))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "processed 2 · failed 1 · duplicates 1" in first.stdout
    store = Store.open(postgres_url)
    assert store.engine.dialect.name == "postgresql"
    rows = store.rows()  # the same content twice is one record: whichever copy came first
    assert sorted((row["title"], row["status"]) for row in rows if row["status"] != "failed") == [
        ("Phần mềm quản lý văn bản", "needs_review"), ("Số hóa hồ sơ một cửa", "needs_review")]
    assert [row["source"] for row in rows if row["status"] == "failed"] == ["hong.docx"]

    out = tmp_path / "hoso.csv"
    assert run("export", "--format", "csv", "-o", str(out)).returncode == 0
    with out.open(encoding="utf-8-sig") as fh:
        assert sorted(row["Tên sáng kiến"] for row in csv.DictReader(fh) if row["Tên sáng kiến"]) == [
            "Phần mềm quản lý văn bản", "Số hóa hồ sơ một cửa"]
    exported = run("export")
    assert len([json.loads(line) for line in exported.stdout.splitlines()]) == 3

    runs = run("runs")
    assert runs.returncode == 0 and "hong.docx" in runs.stdout

    # the secretary replaces the broken file where it was set aside, then the admin reruns the failed ones
    write_form_docx(inbox / "_loi" / "hong.docx", "Cải tiến quy trình tiếp dân", "Lê Văn Cường", "UBND quận Hải Châu")
    again = run("rerun", "--failed")
    assert again.returncode == 0, again.stdout + again.stderr
    fixed = {row["source"]: row for row in store.rows()}["hong.docx"]
    assert fixed["status"] == "needs_review" and fixed["title"] == "Cải tiến quy trình tiếp dân"
    store.engine.dispose()
