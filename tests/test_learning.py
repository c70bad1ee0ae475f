"""Reviewers teach units (issue #18): a corrected unit's spelling names that unit in later dossiers, on SQLite and
PostgreSQL, through the real pipeline; what was learned can be retired and put back; `sangkien rerun --learned`
applies it to dossiers read before; the admin page lists it."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from pipeline.config import BatchSpec, load_settings
from pipeline.dossier import process_entry
from pipeline.inbox import discover
from pipeline.learning import LEARNED_CONFIDENCE, LearnedUnit, Learning, unit_key, with_learned_unit, written_unit
from pipeline.rerun import select
from pipeline.review import Reviews
from pipeline.store import Store
from tests.browser import log_in
from tests.conftest import ROOT, write_form_docx

TAUGHT = "Trường Mầm non Hoa Sen, Quận 3"


def test_a_spelling_is_one_key_whatever_its_case_punctuation_and_abbreviations():
    assert unit_key("MN Hoa Sen") == unit_key("mn  hoa sen.") == unit_key("Mầm non Hoa Sen")
    assert unit_key("MN Hoa Sen") != unit_key("MN Hoa Hồng") and unit_key(None) == ""


def _record(unit: str | None, **info) -> dict:
    return {"dossier": "d", "status": "needs_review", "unit": unit,
            "fields": {"unit": {"confidence": 0.6, "rule": "unit-letterhead"} | info}}


def test_a_learned_unit_replaces_the_spelling_surely_and_says_where_it_came_from():
    learned = LearnedUnit(7, unit_key("MN Hoa Sen"), "MN Hoa Sen", TAUGHT, "f" * 64, "hs-01", "lan",
                          datetime(2026, 12, 1, tzinfo=timezone.utc))
    record = with_learned_unit(_record("MN Hoa Sen"), learned)
    info = record["fields"]["unit"]
    assert record["unit"] == TAUGHT and info["confidence"] == LEARNED_CONFIDENCE >= 0.8
    assert info["rule"] == "unit-letterhead+learned#7"
    assert info["learned"] | {"at": None} == {"id": 7, "written": "MN Hoa Sen", "dossier": "hs-01", "by": "lan",
                                              "at": None}
    assert written_unit(record) == "MN Hoa Sen"  # a later correction teaches from what was read, not the name
    assert with_learned_unit(_record(None), learned)["unit"] is None
    assert with_learned_unit(_record("MN Hoa Sen"), None) == _record("MN Hoa Sen")
    assert written_unit(_record(TAUGHT, corrected=True, extracted="MN Hoa Sen")) == "MN Hoa Sen"


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, home, monkeypatch):
    if request.param == "postgresql":
        monkeypatch.setenv("SANGKIEN_DATABASE_URL", request.getfixturevalue("postgres_url"))
    settings = load_settings()
    store = Store.shared(settings.database_url)
    assert store.engine.dialect.name == request.param
    return settings, store


def _drop_and_process(settings, store: Store, files: dict[str, tuple[str, str, str]]) -> dict[str, dict]:
    inbox = settings.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    for name, (title, author, unit) in files.items():
        write_form_docx(inbox / name, title, author, unit)
    spec = BatchSpec.of(settings, inbox, stable_seconds=0)
    for entry in discover(inbox):
        process_entry(store, spec, entry)
    return {row["source"]: row for row in store.rows() if row["source"] in files}


def test_a_corrected_unit_names_the_same_spelling_in_later_dossiers(office):
    settings, store = office
    first = _drop_and_process(settings, store, {
        "a.docx": ("Sổ theo dõi trẻ điện tử", "Nguyễn Thị Lan", "MN Hoa Sen"),
        "c.docx": ("Góc đọc sách cho học sinh", "Trần Văn Minh", "Trường THCS Lê Lợi")})
    a = first["a.docx"]
    assert a["unit"] == "MN Hoa Sen" and a["record"]["fields"]["unit"]["confidence"] < 1
    reviews = Reviews(store)
    assert reviews.correct(a["fingerprint"], "unit", TAUGHT, "lan", reviews.version(a))
    [taught] = Learning(store).all_units()
    assert (taught.written, taught.name, taught.dossier, taught.username) == ("MN Hoa Sen", TAUGHT, a["name"], "lan")
    assert store.get(a["fingerprint"])["record"]["fields"]["unit"]["extracted"] == "MN Hoa Sen"

    later = _drop_and_process(settings, store, {
        "b.docx": ("Bảng tin phụ huynh trực tuyến", "Lê Thị Hoa", "mn  Hoa Sen."),
        "d.docx": ("Thư viện xanh", "Phạm Văn Nam", "Trường THCS Lê Lợi")})
    b, info = later["b.docx"], later["b.docx"]["record"]["fields"]["unit"]
    assert b["unit"] == TAUGHT and info["confidence"] >= 0.8
    assert info["rule"].endswith(f"+learned#{taught.id}") and info["learned"]["dossier"] == a["name"]
    assert later["d.docx"]["unit"] == "Trường THCS Lê Lợi"  # another spelling learned nothing

    # A reviewer's correction of the dossier itself wins, and is now what this spelling teaches.
    assert reviews.correct(b["fingerprint"], "unit", "Trường Mầm non Hoa Sen", "minh", reviews.version(b))
    assert store.get(b["fingerprint"])["unit"] == "Trường Mầm non Hoa Sen"
    newest, first_taught = Learning(store).all_units()
    assert first_taught.retired_by == "minh" and newest.retired_at is None and newest.written == "mn  Hoa Sen."
    assert Learning(store).unit_for({"unit": "MN Hoa Sen"}).name == "Trường Mầm non Hoa Sen"

    # Retired, nothing applies; put back, the first teaching applies again as a new version.
    assert Learning(store).retire(newest.id, "lan") and not Learning(store).retire(newest.id, "lan")
    assert Learning(store).unit_for({"unit": "MN Hoa Sen"}) is None
    restored = Learning(store).restore(first_taught.id, "lan")
    assert restored.name == TAUGHT and Learning(store).unit_for({"unit": "MN Hoa Sen"}).id == restored.id
    assert len(Learning(store).all_units()) == 3


def sangkien(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


@pytest.mark.prefect
def test_rerun_learned_applies_what_was_taught_to_dossiers_read_before(home, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "a.docx", "Sổ theo dõi trẻ điện tử", "Nguyễn Thị Lan", "MN Hoa Sen")
    write_form_docx(inbox / "b.docx", "Bảng tin phụ huynh trực tuyến", "Lê Thị Hoa", "MN Hoa Sen")
    write_form_docx(inbox / "e.docx", "Sân chơi vận động", "Võ Văn Tám", "MN Hoa Sen")
    assert sangkien("process", str(inbox)).returncode == 0
    store = Store.shared(load_settings().database_url)
    rows = {row["source"]: row for row in store.rows()}
    assert sangkien("review", "approve", rows["e.docx"]["name"]).returncode == 0
    done = sangkien("review", "correct", rows["a.docx"]["name"], "unit", TAUGHT, "--user", "lan")
    assert done.returncode == 0, done.stderr
    assert store.get(rows["b.docx"]["fingerprint"])["unit"] == "MN Hoa Sen"  # read before it was taught
    assert {r["source"] for r in select(store, [], failed=False, learned=True)} == {"a.docx", "b.docx"}

    again = sangkien("rerun", "--learned")
    assert again.returncode == 0 and "processed 2" in again.stdout, again.stdout + again.stderr
    after = {row["source"]: row for row in store.rows()}
    assert {row["name"] for row in after.values()} == {"a", "b", "e"}  # reread in the archive, names kept
    assert after["b.docx"]["unit"] == TAUGHT and after["a.docx"]["unit"] == TAUGHT
    assert after["a.docx"]["record"]["fields"]["unit"]["corrected"]  # its own correction, laid over
    assert after["e.docx"]["unit"] == "MN Hoa Sen" and after["e.docx"]["status"] == "approved"  # approved: kept


def test_the_admin_sees_what_was_learned_and_retires_and_restores_it(page, site):
    log_in(page, "lan")
    page.goto(f"/d/{site.fingerprint('kho-dien-tu.docx')}")
    unit = page.locator(".field-table tr", has=page.locator("th", has_text="Đơn vị"))
    unit.locator("summary:has-text('Sửa')").click()
    unit.locator("input[name=value]").fill("Công ty Điện lực Quảng Nam - EVNCPC")
    unit.locator("button:has-text('Lưu')").click()
    expect(page.locator(".flash")).to_contain_text("Đã sửa")

    page.click("nav a:has-text('Tri thức đã học')")
    row = page.locator("table.learned tbody tr").first
    expect(row).to_contain_text("Công ty Điện lực Quảng Nam")
    expect(row).to_contain_text("Công ty Điện lực Quảng Nam - EVNCPC")
    expect(row).to_contain_text("Đang dùng")
    row.locator("button:has-text('Bỏ')").click()
    expect(page.locator(".flash")).to_contain_text("Đã bỏ")
    expect(page.locator("table.learned tbody tr").first).to_contain_text("Đã bỏ")
    assert Learning(site.store).unit_for({"unit": "Công ty Điện lực Quảng Nam"}) is None
    page.locator("table.learned tbody tr").first.locator("button:has-text('Dùng lại')").click()
    expect(page.locator("table.learned tbody tr").first).to_contain_text("Đang dùng")
    expect(page.locator("table.learned tbody tr")).to_have_count(2)  # the retired version stays, for the history
    assert Learning(site.store).unit_for({"unit": "Công ty Điện lực Quảng Nam"}).name.endswith("EVNCPC")
