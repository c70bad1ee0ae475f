"""The review page is closed to strangers, refuses forged posts, shows dossier text inertly, and serves only
the dossiers' own files."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.web_support import Site, served


def _pages(s: Site) -> list[str]:
    fp = s.fingerprint("ban-do-so.docx")
    return ["/", "/?q=sang+kien&status=needs_review", f"/d/{fp}", f"/d/{fp}?field=unit",
            f"/d/{fp}/files/ban-do-so.docx",
            f"/d/{fp}/page?file=hs-008.pdf&page=1", "/admin", "/admin/tri-thuc", "/export.xlsx", "/export.csv",
            "/export.jsonl", "/no-such-page"]


def test_every_page_without_login_redirects_to_login(site: Site):
    for path in _pages(site):
        response = site.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next="), path
    fp = site.fingerprint("ban-do-so.docx")
    account_changes = [f"/admin/users/{action}" for action in ("password", "role", "disable", "enable")]
    learned_changes = ["/admin/tri-thuc/1/retire", "/admin/tri-thuc/1/restore", "/admin/tri-thuc/rerun",
                       "/admin/tri-thuc/learn", "/admin/tri-thuc/model", "/admin/tri-thuc/nhan/1/accepted"]
    for path in (f"/d/{fp}/approve", f"/d/{fp}/correct", "/admin/rerun", "/admin/users", *account_changes,
                 *learned_changes, "/logout"):
        response = site.client.post(path, data={"csrf_token": site.csrf("/login")}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path
    assert site.client.get("/login").status_code == 200
    assert site.client.get("/static/style.css").status_code == 200
    assert site.row("ban-do-so.docx")["status"] == "needs_review"


def test_login_sets_a_protected_session_and_returns_to_the_page_asked_for(site: Site):
    bad = site.client.post("/login", data={"username": "lan", "password": "sai-mat-khau",
                                           "csrf_token": site.csrf("/login")})
    assert bad.status_code == 401 and "không đúng" in bad.text
    response = site.client.post("/login", follow_redirects=False, data={
        "username": "lan", "password": "mat-khau-thu-nghiem", "next": "/admin", "csrf_token": site.csrf("/login")})
    assert response.status_code == 303 and response.headers["location"] == "/admin"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert (site.settings.home / "web-secret.key").stat().st_mode & 0o777 == 0o600
    for path in _pages(site)[:-1]:
        assert site.client.get(path, follow_redirects=False).status_code in (200, 404), path
    elsewhere = site.client.post("/login", follow_redirects=False, data={
        "username": "lan", "password": "mat-khau-thu-nghiem", "next": "//evil.example/", "csrf_token": site.csrf()})
    assert elsewhere.headers["location"] == "/"


def test_posts_without_the_csrf_token_are_refused(site: Site):
    assert site.client.post("/login", data={"username": "lan", "password": "mat-khau-thu-nghiem"}).status_code == 403
    site.login()
    fp = site.fingerprint("ban-do-so.docx")
    for data in ({}, {"csrf_token": "forged"}):
        assert site.client.post(f"/d/{fp}/approve", data=data).status_code == 403
        assert site.client.post(f"/d/{fp}/correct", data=data | {"field": "title", "value": "x"}).status_code == 403
        eve = data | {"username": "eve", "password": "x" * 10}
        assert site.client.post("/admin/users", data=eve).status_code == 403
        assert site.client.post("/admin/tri-thuc/rerun", data=data).status_code == 403
    assert site.row("ban-do-so.docx")["status"] == "needs_review"
    assert "Ứng dụng bản đồ số" in site.row("ban-do-so.docx")["title"]
    assert site.post(f"/d/{fp}/approve").status_code == 303  # the same post with the token goes through
    assert site.row("ban-do-so.docx")["status"] == "approved"


def test_reviewers_cannot_use_the_admin_page(site: Site):
    site.login("minh")
    assert site.client.get("/admin").status_code == 403
    assert site.client.get("/admin/tri-thuc").status_code == 403
    assert site.post("/admin/users", username="eve", password="x" * 10, role="admin").status_code == 403
    assert site.post("/admin/tri-thuc/1/retire").status_code == 403
    assert site.post("/admin/tri-thuc/model", version="").status_code == 403
    assert site.client.get("/").status_code == 200


def test_html_in_dossier_text_renders_inert(site: Site):
    site.login()
    row = site.row("doc-hai.docx")
    assert "<script>alert(1)</script>" in row["title"] + row["text"]
    for path in ("/", f"/d/{row['fingerprint']}"):
        page = site.client.get(path).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in site.client.get(f"/d/{row['fingerprint']}").text.replace("&lt;script", "")
    assert "script-src 'none'" in site.client.get("/").headers["content-security-policy"]


def test_downloads_cannot_escape_the_data_folder(site: Site):
    site.login()
    fp = site.fingerprint("ban-do-so.docx")
    original = site.client.get(f"/d/{fp}/files/ban-do-so.docx")
    assert original.status_code == 200
    archived = next(site.settings.archive.rglob("* ban-do-so.docx"))
    assert original.content == archived.read_bytes()
    escapes = ["..%2F..%2Fsangkien.db", "%2e%2e/%2e%2e/sangkien.db", "%2e%2e%2f%2e%2e%2fweb-secret.key",
               "../../web-secret.key", "%2Fetc%2Fpasswd", "/etc/passwd", "ban-do-so.docx%2F..%2F..%2Fsangkien.db",
               str(archived).replace("/", "%2F")]
    for name in escapes:
        for path in (f"/d/{fp}/files/{name}", f"/d/{fp}/page?file={name}&page=1"):
            response = site.client.get(path)
            assert response.status_code == 404 and b"SQLite" not in response.content, path
    assert site.client.get(f"/d/{'0' * 64}/files/ban-do-so.docx").status_code == 404

    # a record pointing outside the data folder and inbox (moved or tampered with) is not served either
    outside = site.settings.home.parent / "outside"
    outside.mkdir()
    (outside / "ban-do-so.docx").write_bytes(b"secret")
    site.store.save(fp, {"location": str(outside / "ban-do-so.docx")})
    assert site.client.get(f"/d/{fp}/files/ban-do-so.docx").status_code == 404


def test_accounts_made_on_the_command_line_can_log_in(site: Site):
    env = {**os.environ, "SANGKIEN_PASSWORD": "mot-mat-khau-dai"}
    made = subprocess.run([sys.executable, "-m", "flows.cli", "user", "add", "hoa", "--role", "reviewer"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert made.returncode == 0, made.stderr
    short = subprocess.run([sys.executable, "-m", "flows.cli", "user", "add", "x", "--role", "admin"], cwd=ROOT,
                           capture_output=True, text=True, env=env | {"SANGKIEN_PASSWORD": "ngan"}, timeout=60)
    assert short.returncode == 1 and "ít nhất 8 ký tự" in short.stderr
    with site.store.engine.connect() as conn:
        hashed = conn.exec_driver_sql("SELECT password_hash FROM users WHERE username = 'hoa'").scalar()
    assert hashed.startswith("$argon2id$")
    response = site.client.post("/login", data={"username": "hoa", "password": "mot-mat-khau-dai",
                                                "csrf_token": site.csrf("/login")}, follow_redirects=False)
    assert response.status_code == 303 and site.client.get("/").status_code == 200
    assert site.client.get("/admin").status_code == 403


def test_sangkien_serve_starts_the_page(site: Site):
    with served(site) as live:
        answer = live.client.get("/", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
        assert "Đăng nhập" in live.client.get("/login").text
