"""Decisions hold: a decided dossier is locked until reopened (and the reopening is on record), a change made on
a page someone has changed since is refused and saves nothing, two changes made on one version cannot both win
even at the same instant (SQLite and PostgreSQL), and corrections that no real dossier has are refused with a
Vietnamese message."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from fastapi.testclient import TestClient

from flows.review_page import review_app
from pipeline.review import Refused, Reviews, Stale
from pipeline.store import Store
from pipeline.web.corrections import MAX_AMOUNT_VND, MAX_LENGTH
from tests.web_support import Site


def _flash(site: Site, response) -> str:
    assert response.status_code == 303, response.text
    page = site.client.get(response.headers["location"]).text
    return page.split('<p class="flash" role="status">')[1].split("</p>")[0]


def _second_reviewer(site: Site, username: str = "minh") -> Site:
    """Another person at another browser, on the same site."""
    other = Site(site.settings, site.store, TestClient(review_app(site.settings)))
    other.login(username)
    return other


def test_a_decided_dossier_is_locked_until_reopened(site: Site):
    site.login()
    fp = site.fingerprint("kho-dien-tu.docx")
    title = site.row("kho-dien-tu.docx")["title"]
    assert site.post(f"/d/{fp}/approve").status_code == 303
    page = site.client.get(f"/d/{fp}").text
    assert "Mở lại để sửa" in page and "/correct" not in page and "/approve" not in page and "/return" not in page

    version = site.version(fp)  # a post made anyway (an old tab, a crafted form) changes nothing
    refused = site.post(f"/d/{fp}/correct", field="title", value="Tên khác", version=version)
    assert refused.status_code == 409 and "đang khóa" in refused.text and "Mở lại để sửa" in refused.text
    returned = site.post(f"/d/{fp}/return", comment="Thiếu chữ ký", version=version)
    assert returned.status_code == 409
    row = site.row("kho-dien-tu.docx")
    assert row["title"] == title and row["status"] == "approved"
    assert Reviews(site.store).corrections(fp) == {}
    assert [h["action"] for h in Reviews(site.store).history(fp)] == ["approved"]

    assert _flash(site, site.post(f"/d/{fp}/reopen")) == "Đã mở lại hồ sơ để sửa."
    assert site.row("kho-dien-tu.docx")["status"] == "needs_review"
    history = site.client.get(f"/d/{fp}").text.split("Lịch sử duyệt")[1]
    assert "Mở lại" in history and "Đã duyệt → Chờ duyệt" in history and "<td>lan</td>" in history
    assert site.post(f"/d/{fp}/correct", field="title", value="Tên khác").status_code == 303
    assert site.row("kho-dien-tu.docx")["title"] == "Tên khác"
    assert site.post(f"/d/{fp}/reopen").status_code == 409  # nothing decided: nothing to reopen


def test_a_change_made_on_a_stale_page_is_refused(site: Site):
    site.login("lan")
    minh = _second_reviewer(site)
    fp = site.fingerprint("ban-do-so.docx")
    seen = site.version(fp)
    assert minh.version(fp) == seen  # both open the page

    assert site.post(f"/d/{fp}/approve", version=seen).status_code == 303
    late = minh.post(f"/d/{fp}/return", comment="Thiếu số liệu", version=seen)
    assert late.status_code == 409
    assert "Hồ sơ đã thay đổi sau khi bạn mở trang (lan đã thay đổi lúc" in late.text
    assert "chưa được lưu" in late.text
    assert site.row("ban-do-so.docx")["status"] == "approved"
    assert Reviews(site.store).decision(fp)["username"] == "lan"

    site.post(f"/d/{fp}/reopen")
    seen = site.version(fp)  # two corrections of one field made on one page: the second is refused
    assert site.post(f"/d/{fp}/correct", field="unit", value="UBND quận Hải Châu", version=seen).status_code == 303
    late = minh.post(f"/d/{fp}/correct", field="unit", value="UBND phường Thạch Thang", version=seen)
    assert late.status_code == 409 and site.row("ban-do-so.docx")["unit"] == "UBND quận Hải Châu"
    for version in ("", "0.2001-01-01T00:00:00"):  # a form without its version, or a made-up one
        assert minh.post(f"/d/{fp}/approve", version=version).status_code == 409
    assert site.row("ban-do-so.docx")["status"] == "needs_review"

    # a rerun re-extracts the record under the page: the page is stale too
    seen = site.version(fp)
    site.store.save(fp, {"title": site.row("ban-do-so.docx")["title"]})
    late = site.post(f"/d/{fp}/approve", version=seen)
    assert late.status_code == 409 and "(hồ sơ vừa được đọc lại)" in late.text


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_simultaneous_changes_on_one_version_cannot_both_win(dialect, request, tmp_path):
    url = request.getfixturevalue("postgres_url") if dialect == "postgresql" else f"sqlite:///{tmp_path / 'r.db'}"
    store = Store.open(url)
    fp = "f" * 64
    record = {"status": "needs_review", "title": "Tên cũ", "authors": [], "unit": None, "sector": None,
              "first_applied": None, "benefit": None, "addressee": None, "fields": {}}
    store.claim(fp, "ho-so", "ho-so.docx")
    store.save(fp, {"status": "needs_review", "title": "Tên cũ", "record": record})
    reviews = Reviews(store)
    racers = 8

    def race(act) -> list:
        version, start, outcomes = reviews.version(store.get(fp)), threading.Barrier(racers), []

        def run(i: int) -> None:
            start.wait()
            try:
                outcomes.append(act(i, version))
            except Refused as refused:
                outcomes.append(refused)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(racers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    outcomes = race(lambda i, version: reviews.correct(fp, "title", f"Tên {i}", f"r{i}", version))
    winners = [o for o in outcomes if o is True]
    assert len(winners) == 1 and all(isinstance(o, Stale) for o in outcomes if o is not True), outcomes
    log = reviews.history(fp)
    assert len(log) == 1 and store.get(fp)["title"] == log[0]["new"] == reviews.corrections(fp)["title"]

    status = ("approved", "returned")
    outcomes = race(lambda i, version: reviews.decide(fp, status[i % 2], None, f"r{i}", version))
    assert sum(o is None for o in outcomes) == 1 and len(outcomes) == racers, outcomes
    decision, log = reviews.decision(fp), reviews.history(fp)
    assert len(log) == 2 and store.get(fp)["status"] == decision["status"] == log[0]["action"]
    store.engine.dispose()


def test_corrections_are_checked_field_by_field(site: Site):
    site.login()
    fp = site.fingerprint("kho-dien-tu.docx")
    before = site.row("kho-dien-tu.docx")
    this_year = date.today().year
    refused = {  # field: [(typed, the message's words)]
        "first_applied": [("31/02/2023", "không có trên lịch"), ("29/02/2023", "không có trên lịch"),
                          ("15/13/2023", "không có trên lịch"), ("00/05/2023", "không có trên lịch"),
                          ("05/2999", f"Năm phải từ 1900 đến {this_year + 1}"), ("hôm qua", "Ngày phải có dạng")],
        "title": [("", "Không được để trống"), ("   ", "Không được để trống"),
                  ("X" * 5000, f"Dài quá {MAX_LENGTH['title']} ký tự (đang có 5000)")],
        "authors": [("", "Cần ít nhất một tác giả"), ("\n  \n", "Cần ít nhất một tác giả"),
                    ("Nguyễn " + "A" * 200, f"Dài quá {MAX_LENGTH['author']} ký tự")],
        "unit": [("Đ" * 1000, f"Dài quá {MAX_LENGTH['unit']} ký tự")],
        "benefit": [(str(MAX_AMOUNT_VND * 10), "Số tiền quá lớn"), ("nhiều lắm", "chỉ gồm chữ số")],
    }
    labels = {"first_applied": "Ngày áp dụng lần đầu", "title": "Tên sáng kiến", "authors": "Tác giả",
              "unit": "Đơn vị", "benefit": "Số tiền làm lợi (đồng)"}
    for field, cases in refused.items():
        for typed, words in cases:
            message = _flash(site, site.post(f"/d/{fp}/correct", field=field, value=typed))
            assert message.startswith(f"{labels[field]}: ") and words in message, (field, typed, message)
    after = site.row("kho-dien-tu.docx")
    assert {k: after[k] for k in ("title", "first_applied", "lead_author", "unit", "amount_vnd")} == {
        k: before[k] for k in ("title", "first_applied", "lead_author", "unit", "amount_vnd")}
    assert Reviews(site.store).corrections(fp) == {}
    assert "2023-02-31" not in site.client.get("/export.jsonl").text

    for field, typed, stored in (("first_applied", "29/02/2024", "2024-02-29"), ("first_applied", "2/2024", "2024-02"),
                                 ("benefit", "1.500.000.000 đồng", 1_500_000_000), ("unit", "", None)):
        assert site.post(f"/d/{fp}/correct", field=field, value=typed).status_code == 303
        column = {"benefit": "amount_vnd"}.get(field, field)
        assert site.row("kho-dien-tu.docx")[column] == stored, field

    # authors declared unknown: an empty list, shown as such, not as "none found"
    assert _flash(site, site.post(f"/d/{fp}/correct", field="authors", value="  Không rõ ")) == "Đã sửa “Tác giả”."
    row = site.row("kho-dien-tu.docx")
    assert row["record"]["authors"] == [] and row["lead_author"] is None
    assert row["record"]["fields"]["authors"]["corrected"] is True
    page = site.client.get(f"/d/{fp}").text
    authors = page.split("<th>Tác giả</th>")[1].split("</tr>")[0]
    assert "Không rõ" in authors and "người duyệt xác nhận" in authors and ">không rõ</textarea>" in authors
    assert "Tác giả" in page.split("Lịch sử duyệt")[1] and "→ không rõ" in page.split("Lịch sử duyệt")[1]
    exported = [json.loads(line) for line in site.client.get("/export.jsonl?q=kho").text.splitlines()]
    assert [r["authors"] for r in exported if r["source"] == "kho-dien-tu.docx"] == [[]]
