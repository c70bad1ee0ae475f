"""The `sangkien` command as a user runs it: real processes, a real ephemeral or local Prefect server, SQLite."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import jsonschema
import pytest

from extractors.fields.extract import FIELDS
from pipeline.evaluate import evaluate
from tests import bad_inputs
from tests.cluster import descendants
from tests.conftest import DEMO, ROOT, write_form_docx

SANGKIEN = [sys.executable, "-m", "flows.cli"]
COMMANDS = ("process", "export", "eval", "up", "runs", "rerun", "serve", "user", "review", "server", "worker",
            "poll", "learn", "similar")


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*SANGKIEN, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_every_command_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"sangkien {command}" in readme, command
        result = run(command, "--help", timeout=60)
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout and len(result.stdout.strip().splitlines()) > 3


@pytest.mark.prefect
@pytest.mark.ocr
def test_process_demo_exports_contract_records_and_counts_duplicates(home, record_schema, tmp_path):
    truth = [json.loads(line) for line in (DEMO / "truth.jsonl").read_text(encoding="utf-8").splitlines()]

    first = run("process", str(DEMO / "inbox"), "--keep-inbox")
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"processed {len(truth)} · failed 0 · duplicates 0 · already recorded 0" in first.stdout
    export = home / "exports" / "records.jsonl"
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"] for r in records) == sorted(t["source"] for t in truth)
    for record in records:
        jsonschema.validate(record, record_schema)
        assert record["status"] == "needs_review" and set(record["fields"]) == set(FIELDS)
    # Regression floors on the committed demo (every variant, every medium): digital input is read exactly.
    report = evaluate(records, {t["source"]: t for t in truth})
    for kind, floor in {"docx": 1.0, "pdf-text": 1.0, "multi-folder": 1.0, "pdf-scan": 0.9, "image": 0.9,
                        "photo-folder": 0.6}.items():
        assert report.cells[(kind, "overall")].accuracy >= floor, (kind, report.mistakes)

    again = run("process", str(DEMO / "inbox"), "--keep-inbox")
    assert again.returncode == 0
    assert f"processed 0 · failed 0 · duplicates 0 · already recorded {len(truth)}" in again.stdout

    csv_path = tmp_path / "hoso.csv"
    assert run("export", "--format", "csv", "-o", str(csv_path)).returncode == 0
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Tên hồ sơ,Tệp hoặc thư mục nộp,Trạng thái,Tên sáng kiến")
    assert len(lines) == len(truth) + 1


def test_process_refuses_a_missing_inbox(home):
    result = run("process", str(home / "no-such-folder"), timeout=60)
    assert result.returncode != 0 and "does not exist" in (result.stdout + result.stderr)


def test_process_exits_non_zero_when_the_store_cannot_be_opened(home, tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_DATABASE_URL", f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    (tmp_path / "inbox").mkdir()
    result = run("process", str(tmp_path / "inbox"), timeout=120)
    assert result.returncode == 3 and "could not run" in result.stdout


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.prefect
def test_the_temporary_prefect_server_ends_when_the_command_is_killed(home, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don.docx", "Sổ tay điện tử", "Lê Văn Minh", "Trường THCS Lê Lợi")
    command = subprocess.Popen([*SANGKIEN, "process", str(inbox), "--keep-inbox"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, server = time.monotonic() + 60, None
    while server is None and time.monotonic() < deadline:
        server = next((pid for pid, _ in descendants(command.pid)
                       if b"flows.temporary_api" in Path(f"/proc/{pid}/cmdline").read_bytes()), None)
        time.sleep(0.2)
    assert server is not None, "the command started no temporary Prefect server"
    command.kill()  # SIGKILL: no atexit hook runs
    command.wait()
    deadline = time.monotonic() + 60  # it may finish booting before it handles the signal
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(server), "the temporary Prefect server outlived its command"


@pytest.mark.prefect
def test_a_new_home_starts_from_the_migrated_prefect_template(home, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don.docx", "Sổ tay điện tử", "Lê Văn Minh", "Trường THCS Lê Lợi")
    first = run("process", str(inbox), "--keep-inbox")
    assert first.returncode == 0, first.stdout + first.stderr
    templates = list((tmp_path / "cache" / "sangkien").glob("prefect-*.db"))
    assert len(templates) == 1
    with sqlite3.connect(templates[0]) as template:  # migrated: Prefect's tables are there, no run of ours yet
        assert template.execute("SELECT count(*) FROM flow_run").fetchone() == (0,)

    monkeypatch.setenv("SANGKIEN_HOME", str(tmp_path / "second-home"))
    second = run("process", str(inbox), "--keep-inbox")
    assert second.returncode == 0 and "processed 1" in second.stdout, second.stdout + second.stderr
    with sqlite3.connect(tmp_path / "second-home" / "prefect" / "prefect.db") as database:
        assert database.execute("SELECT count(*) FROM flow_run").fetchone() == (1,)


@pytest.mark.prefect
def test_up_serves_the_inbox_and_stops_cleanly_on_ctrl_c(home, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    log = (tmp_path / "up.log").open("w")  # a file, not a pipe: an unread pipe would block the watcher
    with socket.socket() as sock:  # a free port for the review page
        sock.bind(("127.0.0.1", 0))
        web_port = sock.getsockname()[1]
    up = subprocess.Popen([*SANGKIEN, "up", "--inbox", str(inbox), "--poll-seconds", "5", "--port", "4390",
                           "--web-port", str(web_port)],
                          cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        ui = None
        deadline = time.monotonic() + 180
        while ui is None and time.monotonic() < deadline:
            assert up.poll() is None, "sangkien up exited early"
            lines = (tmp_path / "up.log").read_text(encoding="utf-8").splitlines()
            ui = next((line.split(": ", 1)[1] for line in lines if line.startswith("Prefect UI: ")), None)
            time.sleep(0.5)
        assert ui and httpx.get(f"{ui}/api/health", timeout=5).status_code == 200
        review = next(line.split(": ", 1)[1] for line in lines if line.startswith("Trang duyệt hồ sơ"))  # printed first
        login = httpx.get(f"{review}/login", timeout=5)
        assert login.status_code == 200 and "Đăng nhập" in login.text
        write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
        assert _wait_for_record(home / "sangkien.db", "don.docx", timeout=180) == "Số hóa hồ sơ một cửa"

        # the whole bad-input catalogue dropped at once: every entry ends as a record, the watcher keeps running
        expect = bad_inputs.build(inbox)
        deadline = time.monotonic() + 420  # ~15 s alone; one deadline for the catalogue, not one per entry
        for source, wanted in expect.items():
            if wanted.status:
                got = _wait_for_record(home / "sangkien.db", source, max(1.0, deadline - time.monotonic()), "status")
                assert got == wanted.status, _what_up_did(home / "sangkien.db", tmp_path / "up.log")
        assert up.poll() is None

        # an admin sees the failed dossiers on the review page, each linked to its run in the Prefect UI
        made = subprocess.run([*SANGKIEN, "user", "add", "lan", "--role", "admin"], cwd=ROOT, timeout=60,
                              env={**os.environ, "SANGKIEN_PASSWORD": "mat-khau-quan-tri"}, capture_output=True)
        assert made.returncode == 0, made.stderr
        with httpx.Client(base_url=review, timeout=10) as browser:
            token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text).group(1)
            browser.post("/login", data={"username": "lan", "password": "mat-khau-quan-tri", "csrf_token": token})
            admin = browser.get("/admin").text
        assert admin.count(f'href="{ui}/runs/flow-run/') == sum(1 for w in expect.values() if w.status == "failed")
    finally:
        up.send_signal(signal.SIGINT)
        code = up.wait(timeout=60)
    assert code == 0
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{ui}/api/health", timeout=2)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{review}/login", timeout=2)


def _what_up_did(db: Path, log: Path) -> str:
    """When `up` misses an entry: every row it recorded and the end of its log, to tell a hang from slowness."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source, status, error_kind FROM dossiers ORDER BY rowid").fetchall()
    tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-80:]
    return "\n".join([*map(str, rows), "--- up.log ---", *tail])


def _wait_for_record(db, source: str, timeout: float, column: str = "title") -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    row = conn.execute(f"SELECT {column} FROM dossiers WHERE source = ? AND status != 'processing'",
                                       (source,)).fetchone()
            except sqlite3.OperationalError:  # not migrated yet
                row = None
            if row:
                return row[0]
        time.sleep(1)
    return None
