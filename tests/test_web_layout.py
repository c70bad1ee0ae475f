"""The list page as a person sees it in Chromium: it fits a phone's 390 px without sideways scrolling, and no chart
label runs into its bar, however long the name, on a phone or a desktop."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import log_in
from tests.web_support import Site

PHONE = {"width": 390, "height": 844}
LONG_UNIT = "CÔNG TY TNHH MỘT THÀNH VIÊN XỔ SỐ KIẾN THIẾT VÀ DỊCH VỤ IN ĐÀ NẴNG – CHI NHÁNH QUẢNG NAM"


def test_the_list_fits_a_phone_screen(page, site: Site):
    page.set_viewport_size(PHONE)
    log_in(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("table.dossiers")  # the wide table scrolls inside its own box instead
    assert table.evaluate("t => t.scrollWidth > t.clientWidth") and table.bounding_box()["width"] <= PHONE["width"]


def _overlaps(page) -> list[str]:
    """Chart rows whose label box reaches into the box of their bar."""
    return page.evaluate("""() => [...document.querySelectorAll('.stats')].flatMap(card => {
        const labels = [...card.querySelectorAll('.chart-label')], bars = [...card.querySelectorAll('.chart-bar')];
        return labels.filter((label, i) => {
            const a = label.getBoundingClientRect(), b = bars[i].getBoundingClientRect();
            return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
        }).map(label => label.textContent);
    })""")


def test_chart_labels_do_not_overlap_their_bars(page, site: Site):
    site.login()
    fingerprint = site.fingerprint("kho-dien-tu.docx")
    assert site.post(f"/d/{fingerprint}/correct", field="unit", value=LONG_UNIT).status_code == 303
    log_in(page)
    label = page.locator(".stats .chart-label", has_text="CÔNG TY TNHH")
    expect(label).to_have_attribute("title", LONG_UNIT)  # the whole name, when the cell shows only its start
    assert page.locator(".stats .chart-label").count() == page.locator(".stats .chart-bar").count() > 4
    for viewport in ({"width": 1360, "height": 900}, {"width": 1000, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        assert _overlaps(page) == [], viewport
