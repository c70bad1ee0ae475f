"""A real `sangkien up`, as an office runs it: drops become records without the stability wait when the file system
says they are complete, the review page can listen for other machines, and a rerun from the admin page keeps its
dossier listed until its turn comes, even while a long batch is running."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from flows.up import stop_server
from tests.bad_inputs import FORM_LINES, _page_image
from tests.cluster import SANGKIEN, free_port
from tests.conftest import ROOT, write_form_docx

pytestmark = pytest.mark.prefect
PASSWORD = "mat-khau-quan-tri"


@dataclass
class Up:
    home: Path
    inbox: Path
    review: str
    env: dict[str, str]

    @property
    def database(self) -> Path:
        return self.home / "sangkien.db"

    def listed(self, source: str) -> dict | None:
        """The dossier's record as the lists show it (a claim being processed is in neither list)."""
        try:
            with sqlite3.connect(self.database, timeout=5) as conn:
                conn.row_factory = sqlite3.Row
                row = conn.execute("SELECT fingerprint, status, location FROM dossiers WHERE source = ? AND "
                                   "status != 'processing'", (source,)).fetchone()
        except sqlite3.OperationalError:  # not migrated yet
            return None
        return dict(row) if row else None

    def wait_listed(self, source: str, status: str, timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        while (row := self.listed(source)) is None or row["status"] != status:
            assert time.monotonic() < deadline, f"{source} never became {status}: {row}"
            time.sleep(0.2)
        return row


def _this_machine_on_the_network() -> str | None:
    """An address of this machine other than loopback (no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`sangkien up --host 0.0.0.0` with a stability wait of an hour: whatever it takes in a test, it took because
    the file system said the file was complete, not because it waited."""
    work = tmp_path_factory.mktemp("up")
    home, inbox = work / "home", work / "inbox"
    inbox.mkdir()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SANGKIEN_"))},
           "SANGKIEN_HOME": str(home), "SANGKIEN_STABLE_SECONDS": "3600", "PYTHONUNBUFFERED": "1"}
    log = work / "up.log"
    with log.open("w") as out:
        process = subprocess.Popen([*SANGKIEN, "up", "--inbox", str(inbox), "--poll-seconds", "5", "--port",
                                    str(free_port()), "--web-port", str(free_port()), "--host", "0.0.0.0"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while "Ctrl-C to stop" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        review = re.search(r"review page: (\S+)", log.read_text(encoding="utf-8")).group(1)
        made = subprocess.run([*SANGKIEN, "user", "add", "lan", "--role", "admin"], cwd=ROOT, timeout=120,
                              env={**env, "SANGKIEN_PASSWORD": PASSWORD}, capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        yield Up(home, inbox, review, env)
    finally:
        stop_server(process, signal.SIGINT, timeout=90)  # Ctrl-C, as a person stops it


def test_a_closed_file_is_taken_without_the_stability_wait_and_a_folder_is_not(up):
    write_form_docx(up.inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    folder = up.inbox / "Ho so anh chup"
    folder.mkdir()
    write_form_docx(folder / "01-don.docx", "Sổ tay điện tử", "Lê Văn Minh", "Trường THCS Lê Lợi")
    assert up.wait_listed("don.docx", "needs_review", timeout=120)
    time.sleep(6)  # a poll came and went: the folder still waits for its two looks, an hour apart
    assert up.listed("Ho so anh chup") is None and folder.exists()


def test_the_review_page_answers_other_machines_with_host_and_prefect_stays_local(up):
    address = _this_machine_on_the_network()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    port = int(up.review.rpartition(":")[2])
    assert httpx.get(f"http://{address}:{port}/login", timeout=10).status_code == 200
    api = (up.home / "prefect" / "api_url").read_text(encoding="utf-8").strip()
    with pytest.raises(httpx.HTTPError):  # the Prefect server of `up` still answers this machine only
        httpx.get(f"http://{address}:{int(api.rpartition(':')[2].split('/')[0])}/api/health", timeout=5)


def _scanned_pdf(path: Path, pages: int) -> None:
    """A scan with no text layer: every page goes through OCR (a few seconds each)."""
    images = [_page_image([*FORM_LINES, f"Trang {page + 1}"]).convert("RGB") for page in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)


def test_a_rerun_from_the_admin_page_keeps_its_dossier_listed_while_a_long_batch_runs(up):
    (up.inbox / "hong.docx").write_bytes(b"PK\x03\x04 not a Word file")
    failed = up.wait_listed("hong.docx", "failed")
    fixed = up.inbox / "_loi" / "hong.docx"
    assert Path(failed["location"]) == fixed

    scan = up.inbox / ".dang-chep.pdf"  # written aside (hidden), then renamed in whole: one long batch begins
    _scanned_pdf(scan, pages=8)
    scan.rename(up.inbox / "ban-quet-dai.pdf")
    deadline = time.monotonic() + 60
    while not _processing(up, "ban-quet-dai.pdf"):
        assert time.monotonic() < deadline, "the long batch did not start"
        time.sleep(0.1)

    # the secretary fixed the file in _loi; the admin reruns it from the admin page while the scan is read
    write_form_docx(fixed, "Ứng dụng mã QR tra cứu hồ sơ", "Nguyễn Văn Ánh", "UBND phường Hải Châu")
    with httpx.Client(base_url=up.review.replace(socket.gethostname(), "127.0.0.1"), timeout=30) as browser:
        login = browser.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
        browser.post("/login", data={"username": "lan", "password": PASSWORD, "csrf_token": token})
        token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/admin").text).group(1)
        assert browser.post("/admin/rerun", data={"fingerprint": failed["fingerprint"], "csrf_token": token}
                            ).status_code in (200, 303)
    asked, unlisted_since, longest_gap = time.monotonic(), None, 0.0
    while (row := up.listed("hong.docx")) is None or row["status"] != "needs_review":
        now = time.monotonic()
        assert now - asked < 180, f"the rerun did not finish: {row}"
        if row is None:
            unlisted_since = unlisted_since or now
            longest_gap = max(longest_gap, now - unlisted_since)
        else:
            unlisted_since = None
        time.sleep(0.05)
    # in neither list only while its own task read it: not while the rerun started, nor behind the long batch
    assert longest_gap < 5, f"hong.docx was in neither list for {longest_gap:.1f} s"
    deadline = time.monotonic() + 30  # the record is saved before its file moves (pipeline.dossier): wait for it
    while fixed.exists():
        assert time.monotonic() < deadline, "the rerun's file stayed in _loi"
        time.sleep(0.05)
    assert not (up.inbox / "_loi" / "hong.docx.ly-do.txt").exists()
    deadline, rerun_log = time.monotonic() + 60, up.home / "logs" / "rerun.log"
    while "processed 1" not in rerun_log.read_text(encoding="utf-8"):  # the command's summary, once it ends
        assert time.monotonic() < deadline, rerun_log.read_text(encoding="utf-8")
        time.sleep(0.2)
    assert "Cancelled" not in rerun_log.read_text(encoding="utf-8")
    up.wait_listed("ban-quet-dai.pdf", "needs_review", timeout=300)


def _processing(up: Up, source: str) -> bool:
    try:
        with sqlite3.connect(up.database, timeout=5) as conn:
            return conn.execute("SELECT 1 FROM dossiers WHERE source = ? AND status = 'processing'",
                                (source,)).fetchone() is not None
    except sqlite3.OperationalError:
        return False
