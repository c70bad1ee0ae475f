"""What people read on the web page is Vietnamese: error pages (404, 405, 422, 500) instead of Starlette's and
FastAPI's English, failure kinds and stages by name, file sizes with a decimal comma, and charts where
"(chưa rõ)" counts records whose value was not found, failed dossiers being a row of their own."""

from __future__ import annotations

import logging
import re
import unicodedata

import lxml.html
from fastapi.testclient import TestClient

from extractors.errors import FailureKind
from flows.review_page import review_app
from pipeline import labels
from pipeline.web.app import SECURITY_HEADERS
from tests.test_web_review import any_site  # noqa: F401 - the SQLite and PostgreSQL site fixture
from tests.web_support import Site

ENGLISH = ("Method Not Allowed", "Not Found", "Internal Server Error", '"detail"', "Field required", "Traceback")


def _is_vietnamese_page(response, status: int, heading: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading}</h1>" in response.text and 'lang="vi"' in response.text
    assert not [word for word in ENGLISH if word in response.text]


def test_http_errors_are_vietnamese_pages(site: Site):
    site.login()
    _is_vietnamese_page(site.client.get("/khong-co-trang-nay"), 404, "Không tìm thấy")
    wrong_method = site.client.get("/logout")  # a form's address typed in the address bar
    _is_vietnamese_page(wrong_method, 405, "Không thực hiện được")
    assert wrong_method.headers["allow"] == "POST"
    fingerprint = site.fingerprint("hs-008.pdf")
    _is_vietnamese_page(site.client.get(f"/d/{fingerprint}/page?file=hs-008.pdf&page=mot"), 422,
                        "Dữ liệu không hợp lệ")
    _is_vietnamese_page(site.post(f"/d/{fingerprint}/correct", value="x"), 422, "Dữ liệu không hợp lệ")
    refused = site.client.post(f"/d/{fingerprint}/approve", data={"csrf_token": "sai"})
    _is_vietnamese_page(refused, 403, "Không có quyền")
    assert "thiếu mã bảo vệ CSRF" in refused.text  # the raise's own words are kept

    stranger = TestClient(site.client.app)
    answer = stranger.get("/logout", follow_redirects=False)  # strangers learn nothing, not which pages exist
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_an_unexpected_error_is_logged_and_shown_as_a_vietnamese_page(site: Site, caplog):
    crashing = Site(site.settings, site.store, TestClient(review_app(site.settings), raise_server_exceptions=False))
    crashing.login()
    with site.store.engine.begin() as conn:  # a database damaged under the running page
        conn.exec_driver_sql("DROP TABLE decisions")
    with caplog.at_level(logging.ERROR, logger="sangkien.web"):
        response = crashing.client.get("/export.csv")
    _is_vietnamese_page(response, 500, "Lỗi hệ thống")
    assert "decisions" not in response.text and "sqlite" not in response.text.lower()
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())
    logged = [record for record in caplog.records if record.name == "sangkien.web" and record.exc_info]
    assert len(logged) == 1 and logged[0].getMessage() == "unhandled error on GET /export.csv"
    assert "no such table: decisions" in logging.Formatter().formatException(logged[0].exc_info)


def test_failure_kinds_and_stages_have_vietnamese_names(site: Site):
    assert set(labels.FAILURE_KIND_LABELS) == {kind.name for kind in FailureKind}
    for label in [*labels.FAILURE_KIND_LABELS.values(), *labels.STAGE_LABELS.values()]:
        assert label == unicodedata.normalize("NFC", label) and not label.isascii()
    failed = site.row("hong.pdf")
    site.login()
    page = site.client.get("/admin").text
    assert f"{labels.FAILURE_KIND_LABELS[failed['error_kind']]}<div class=\"muted\">khi đọc tệp</div>" in page
    assert f">{failed['error_kind']}<" not in page and ">read<" not in page


def test_file_sizes_read_the_vietnamese_way(site: Site):
    assert [labels.vn_size(n) for n in (None, "", 512, 38_810, 1024, 3_250_000)] == [
        "", "", "512 byte", "37,9 KB", "1,0 KB", "3,1 MB"]
    site.login()
    page = site.client.get(f"/d/{site.fingerprint('ban-do-so.docx')}").text
    size = site.row("ban-do-so.docx")["files"][0]["size"]
    assert f"· {labels.vn_size(size)}</span>" in page and "," in labels.vn_size(size)
    assert not re.search(r"\d\.\d KB", page)


def _charts(page: str) -> dict[str, dict[str, int]]:
    """Each chart's heading → {label: count}, read from the page's text whatever the markup."""
    charts = {}
    for card in lxml.html.fromstring(page).find_class("stats"):
        heading, *rest = [text.strip() for text in card.itertext() if text.strip()]
        charts[heading] = {label: int(value.split(" · ")[0]) for label, value in zip(rest[::2], rest[1::2])}
    return charts


def test_failed_dossiers_are_their_own_row_in_the_charts(any_site: Site):  # noqa: F811
    rows = [row for row in any_site.store.rows()]
    read = [row for row in rows if row["status"] != "failed"]
    charts = _charts(any_site.client.get("/").text)
    for heading, column in (("Theo lĩnh vực", "sector_code"), ("Theo đơn vị", "unit")):
        counts = charts[heading]
        assert counts.get("Hồ sơ lỗi") == len(rows) - len(read) == 1
        assert counts.get("(chưa rõ)", 0) == sum(1 for row in read if row[column] is None), counts
        assert sum(counts.values()) == len(rows), counts
    assert _charts(any_site.client.get("/?status=failed").text)["Theo đơn vị"] == {"Hồ sơ lỗi": 1}
