"""Shared fixtures: real documents made in code, isolated homes, and the exported record's schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from tests.cluster import fresh_database

pytest_plugins = ("tests.browser",)  # the browser fixtures: server, pages, page

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "samples" / "demo"


@pytest.fixture(scope="session")
def record_schema() -> dict:
    """The schema shipped in docs/ (generated from extractors/record.py; tests/test_record_schema.py keeps it so)."""
    return json.loads((ROOT / "docs" / "record.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh SANGKIEN_HOME for this test (and for subprocesses it starts)."""
    path = tmp_path / "home"
    monkeypatch.setenv("SANGKIEN_HOME", str(path))
    monkeypatch.setenv("SANGKIEN_STABLE_SECONDS", "0")
    monkeypatch.delenv("SANGKIEN_DATABASE_URL", raising=False)
    monkeypatch.delenv("SANGKIEN_KEEP_INBOX", raising=False)
    return path


@pytest.fixture
def postgres_server() -> str:
    """The PostgreSQL server of SANGKIEN_TEST_POSTGRES_URL (any database on it, e.g.
    postgresql://postgres@127.0.0.1:5432/postgres). Unset, the test is skipped — unless
    SANGKIEN_REQUIRE_POSTGRES=1 (CI), where a missing server is a failure.
    """
    server = os.environ.get("SANGKIEN_TEST_POSTGRES_URL")
    if not server:
        if os.environ.get("SANGKIEN_REQUIRE_POSTGRES") == "1":
            pytest.fail("SANGKIEN_REQUIRE_POSTGRES=1 but SANGKIEN_TEST_POSTGRES_URL is not set")
        pytest.skip("set SANGKIEN_TEST_POSTGRES_URL to run PostgreSQL tests")
    return server


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database for this test, dropped afterwards."""
    with fresh_database(postgres_server) as url:
        yield url


@pytest.fixture
def site(home):
    """A home holding really processed dossiers and two accounts, with a web client (tests/web_support.py)."""
    from tests.web_support import make_site

    return make_site(home)


def write_form_docx(path: Path, title: str, author: str, unit: str) -> Path:
    """A small but complete TT 18/2013 application as a real Word file."""
    doc = docx.Document()
    doc.add_paragraph("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN")
    doc.add_paragraph("Kính gửi: Hội đồng sáng kiến phường Hải Châu")
    table = doc.add_table(rows=2, cols=4)
    for row, values in enumerate((["Số TT", "Họ và tên", "Nơi công tác", "Tỷ lệ (%) đóng góp"],
                                  ["1", author, unit, "100%"])):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    doc.add_paragraph(f"Là tác giả đề nghị xét công nhận sáng kiến: {title}")
    doc.add_paragraph("Lĩnh vực áp dụng sáng kiến: Cải cách hành chính")
    doc.add_paragraph("Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử: 05/9/2023")
    doc.add_paragraph("Hiệu quả, lợi ích thu được: tiết kiệm 150 triệu đồng mỗi năm.")
    doc.save(path)
    return path
