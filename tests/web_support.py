"""Shared by the web tests: a home filled with really processed dossiers, users, and a logged-in client."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from pipeline.config import BatchSpec, Settings, load_settings
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from pipeline.store import Store
from pipeline.users import add_user
from tests.cluster import free_port
from tests.conftest import DEMO, ROOT, write_form_docx

PASSWORD = "mat-khau-thu-nghiem"
# Demo dossiers that read in well under a second (Word files and text-layer PDFs: no OCR).
DEMO_FAST = ("02. Ban mo ta sang kien Dang Van Hai.pdf", "hs-008.pdf", "Ban mo ta sang kien - Vo Thi Anh Tuyet.docx",
             "Don yeu cau_NguyenThiNgan.docx")
GENERATED = {  # file: (title, author, unit)
    "ban-do-so.docx": ("Ứng dụng bản đồ số quản lý cây xanh đô thị", "Nguyễn Văn An", "UBND phường Hải Châu"),
    "kho-dien-tu.docx": ("Phần mềm quản lý kho vật tư", "Trần Thị Bình", "Công ty Điện lực Quảng Nam"),
    "doc-hai.docx": ("<script>alert(1)</script> Số hóa hồ sơ", "Lê Văn Cường", "UBND phường Hải Châu"),
}


@dataclass
class Site:
    settings: Settings
    store: Store
    client: TestClient

    def fingerprint(self, source: str) -> str:
        return next(row["fingerprint"] for row in self.store.rows() if row["source"] == source)

    def row(self, source: str) -> dict:
        return self.store.get(self.fingerprint(source))

    def csrf(self, path: str = "/") -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', self.client.get(path).text).group(1)

    def login(self, username: str = "lan") -> None:
        response = self.client.post("/login", data={"username": username, "password": PASSWORD,
                                                     "csrf_token": self.csrf("/login")}, follow_redirects=False)
        assert response.status_code == 303, response.text

    def version(self, fingerprint: str) -> str:
        """The version of the dossier its page's forms carry now ("" on a page without forms)."""
        found = re.search(r'name="version" value="([^"]*)"', self.client.get(f"/d/{fingerprint}").text)
        return found.group(1) if found else ""

    def post(self, path: str, **data) -> object:
        """Post a form as the page would: with the CSRF token and, to a dossier, the version it shows now."""
        dossier = re.match(r"/d/([0-9a-f]{64})/", path)
        if dossier and "version" not in data:
            data["version"] = self.version(dossier.group(1))
        return self.client.post(path, data={"csrf_token": self.csrf()} | data, follow_redirects=False)

    def count(self, query: str = "") -> int:
        """How many dossiers the list says match `query` (a query string)."""
        page = self.client.get(f"/?{query}")
        assert page.status_code == 200
        return int(re.search(r"<h1>(\d+) hồ sơ</h1>", page.text).group(1))


def fill(settings: Settings) -> Store:
    """Really process a few dossiers (demo ones and generated Word forms, one broken PDF) into the home."""
    inbox = settings.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    for name in DEMO_FAST:
        shutil.copy(DEMO / "inbox" / name, inbox / name)
    for name, (title, author, unit) in GENERATED.items():
        write_form_docx(inbox / name, title, author, unit)
    (inbox / "hong.pdf").write_bytes(b"%PDF-1.4 broken")
    store = Store.shared(settings.database_url)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0)
    for entry in discover(inbox):
        process_entry(store, spec, entry)
    add_user(store, "lan", PASSWORD, "admin")
    add_user(store, "minh", PASSWORD, "reviewer")
    return store


def make_site(home: Path) -> Site:
    from flows.review_page import review_app

    settings = load_settings()
    assert settings.home == home.resolve()
    store = fill(settings)
    return Site(settings, store, TestClient(review_app(settings)))


@contextmanager
def served(site: Site) -> Iterator[Site]:
    """The site's home served by a real `sangkien serve` process, as an office runs it (the runtime's wiring
    included); its output goes to `<home>/logs/serve.log`."""
    port = free_port()
    site.settings.logs.mkdir(parents=True, exist_ok=True)
    output = site.settings.logs / "serve.log"
    with output.open("ab") as log:
        server = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--port", str(port)], cwd=ROOT,
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None and time.monotonic() < deadline, output.read_text(encoding="utf-8")
                try:
                    client.get("/login")
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            yield Site(site.settings, site.store, client)
    finally:
        server.terminate()
        server.wait(timeout=30)
