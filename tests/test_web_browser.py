"""A reviewer's walk through the real page in headless Chromium (Playwright) against a real uvicorn server:
log in, filter, search without tones, open a dossier, correct a field, approve, return one, export the
council's XLSX and read it back. It also takes the README's screenshots: into the test's temporary folder, or
into docs/screenshots with SANGKIEN_SCREENSHOTS=1 (so a plain test run leaves the committed pictures alone)."""

from __future__ import annotations

import os
import re

import openpyxl
from playwright.sync_api import expect

from tests.browser import VIEWPORT, log_in
from tests.conftest import ROOT
from tests.web_support import PASSWORD, Site

README_SCREENSHOTS = ROOT / "docs" / "screenshots"
def _rows(page) -> int:
    return page.locator("table.dossiers tbody tr a[href^='/d/']").count()


def test_a_reviewer_walks_through_the_page(page, site: Site, tmp_path):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.fill("input[name=username]", "minh")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    expect(page.locator("h1")).to_have_text(re.compile(r"^8 hồ sơ$"))
    shots = README_SCREENSHOTS if os.environ.get("SANGKIEN_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / "list.png")

    page.select_option("select[name=unit]", "UBND phường Hải Châu")
    page.click("button:has-text('Lọc')")
    expect(page.locator("h1")).to_have_text("2 hồ sơ")
    assert _rows(page) == 2

    page.click("a:has-text('Xóa lọc')")
    page.fill("input[name=q]", "quy tac ung xu")  # typed without tones
    page.press("input[name=q]", "Enter")
    expect(page.locator("h1")).to_have_text("1 hồ sơ")
    page.click("table.dossiers tbody a[href^='/d/']")
    expect(page.locator(".detail-head h1")).to_contain_text("quy tắc ứng xử")
    expect(page.locator(".page img")).to_be_visible()  # the PDF page beside the fields
    assert page.locator(".page img").evaluate("img => img.naturalWidth") > 500

    unit = page.locator(".field-table tr", has=page.locator("th", has_text="Đơn vị"))
    unit.locator("summary:has-text('Sửa')").click()
    unit.locator("input[name=value]").fill("VNPT Quảng Nam – Phòng Kinh doanh")
    unit.locator("button:has-text('Lưu')").click()
    expect(page.locator(".flash")).to_have_text("Đã sửa “Đơn vị”.")
    expect(unit.locator(".value")).to_have_text("VNPT Quảng Nam – Phòng Kinh doanh")
    page.click("button:has-text('Duyệt hồ sơ')")
    expect(page.locator(".detail-head .status")).to_have_text("Đã duyệt")
    expect(page.locator(".history")).to_contain_text("VNPT Quảng Nam → VNPT Quảng Nam – Phòng Kinh doanh")
    page.goto(page.url + "?field=title")
    page.screenshot(path=shots / "detail.png")

    page.goto("/?q=ban+do+so")
    page.click("table.dossiers tbody a[href^='/d/']")
    page.fill("textarea[name=comment]", "Bổ sung xác nhận của đơn vị áp dụng")
    page.click("button:has-text('Trả lại')")
    expect(page.locator(".detail-head .status")).to_have_text("Trả lại")

    page.goto("/?status=approved")
    expect(page.locator("h1")).to_have_text("1 hồ sơ")
    page.goto("/")
    with page.expect_download() as download:
        page.click("a:has-text('Excel (XLSX)')")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    rows = [[cell.value for cell in line] for line in sheet.iter_rows(min_row=3)]  # under the heading
    assert rows[0][:3] == ["STT", "Tên sáng kiến", "Tác giả"] and len(rows) == 1 + 8 and len(rows[0]) == 9
    by_title = {row[1]: row for row in rows[1:]}
    approved = next(row for title, row in by_title.items() if title and "quy tắc ứng xử" in title)
    assert approved[3] == "VNPT Quảng Nam – Phòng Kinh doanh" and approved[7] == "Đã duyệt"
    returned = by_title["Ứng dụng bản đồ số quản lý cây xanh đô thị"]
    assert returned[7] == "Trả lại" and returned[8] == "Bổ sung xác nhận của đơn vị áp dụng"


def test_a_failed_dossier_opens_from_the_list(page, site: Site):
    log_in(page, "minh")
    page.select_option("select[name=status]", "failed")
    page.click("button:has-text('Lọc')")
    expect(page.locator("h1")).to_have_text("1 hồ sơ")
    with page.expect_response(re.compile(r"/d/[0-9a-f]{64}$")) as opened:
        page.click("table.dossiers tbody a[href^='/d/']")
    assert opened.value.status == 200
    expect(page.locator(".card.error")).to_contain_text("Không đọc được hồ sơ này")
    expect(page.locator(".card.error")).to_contain_text(site.row("hong.pdf")["error_message"])
    expect(page.locator(".files")).to_contain_text("hong.pdf")
    expect(page.locator("button:has-text('Duyệt hồ sơ')")).to_have_count(0)


def test_a_long_unbroken_title_wraps_within_the_window(page, site: Site):
    fp = site.fingerprint("ban-do-so.docx")
    title = "Ứ" + "ng" * 2500  # 5,001 characters without a space: what an extraction can produce
    site.store.save(fp, {"title": title, "record": site.row("ban-do-so.docx")["record"] | {"title": title}})
    log_in(page, "minh")
    for path in (f"/d/{fp}", "/"):
        page.goto(path)
        expect(page.locator("main")).to_contain_text(title[:40])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORT["width"] + 2, (path, width)
    page.goto(f"/d/{fp}")
    assert page.locator(".detail-head h1").evaluate("h1 => h1.getBoundingClientRect().width") <= VIEWPORT["width"]


def test_two_reviewers_on_one_dossier_cannot_overwrite_each_other(pages, site: Site):
    lan, minh = pages(), pages()
    log_in(lan, "lan")
    log_in(minh, "minh")
    dossier = f"/d/{site.fingerprint('kho-dien-tu.docx')}"
    lan.goto(dossier)
    minh.goto(dossier)  # both read the same version

    lan.click("button:has-text('Duyệt hồ sơ')")
    expect(lan.locator(".detail-head .status")).to_have_text("Đã duyệt")
    expect(lan.locator(".field-table summary:has-text('Sửa')")).to_have_count(0)  # locked: nothing to edit

    minh.fill("textarea[name=comment]", "Thiếu chữ ký của đơn vị")
    with minh.expect_response(re.compile(r"/return$")) as answered:
        minh.click("button:has-text('Trả lại')")
    assert answered.value.status == 409
    expect(minh.locator("main")).to_contain_text("Hồ sơ đã thay đổi sau khi bạn mở trang (lan đã thay đổi lúc")
    minh.goto(dossier)
    expect(minh.locator(".detail-head .status")).to_have_text("Đã duyệt")

    minh.click("button:has-text('Mở lại để sửa')")
    expect(minh.locator(".flash")).to_have_text("Đã mở lại hồ sơ để sửa.")
    expect(minh.locator(".detail-head .status")).to_have_text("Chờ duyệt")
    expect(minh.locator(".history tbody tr").first).to_contain_text("Mở lại")
    expect(minh.locator(".field-table summary:has-text('Sửa')").first).to_be_visible()
