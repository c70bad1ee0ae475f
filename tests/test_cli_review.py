"""`sangkien review` as a user runs it: real processes on a home of really processed dossiers (SQLite); the changes
land where the web page's do, with the audit trail, and bad input is refused with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.config import load_settings
from pipeline.review import Reviews
from tests.conftest import ROOT
from tests.web_support import fill


def review(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", "review", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


@pytest.fixture
def site(home):
    store = fill(load_settings())
    row = next(r for r in store.rows() if r["source"] == "kho-dien-tu.docx")
    return store, row


def test_correct_approve_and_the_audit_trail(site):
    store, row = site
    done = review("correct", row["name"], "unit", "Công ty Điện lực Quảng Nam - EVNCPC", "--user", "lan")
    assert done.returncode == 0, done.stderr
    authors = review("correct", row["name"], "authors", "Trần Thị Bình; Lê Văn Cường", "--user", "lan")
    assert authors.returncode == 0, authors.stderr
    sector = review("correct", row["name"], "sector", "cong-nghiep", "--user", "minh")
    assert sector.returncode == 0, sector.stderr
    record = Reviews(store).apply(row["fingerprint"], store.get(row["fingerprint"])["record"])
    assert record["unit"] == "Công ty Điện lực Quảng Nam - EVNCPC"
    assert [a["name"] for a in record["authors"]] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert record["sector"]["code"] == "cong-nghiep" and record["fields"]["unit"]["corrected"]
    again = review("correct", row["name"], "unit", "Công ty Điện lực Quảng Nam - EVNCPC", "--user", "lan")
    assert again.returncode == 0 and "unchanged" in again.stdout

    approved = review("approve", row["name"], "--user", "lan")
    assert approved.returncode == 0, approved.stderr
    assert store.get(row["fingerprint"])["status"] == "approved"
    trail = [(h["username"], h["action"], h["field"]) for h in Reviews(store).history(row["fingerprint"])]
    assert trail[0] == ("lan", "approved", "status")
    assert ("minh", "correct", "sector") in trail and ("lan", "correct", "unit") in trail
    locked = review("correct", row["name"], "title", "Tên khác")  # decided: locked until reopened
    assert locked.returncode == 1 and locked.stderr.strip()


def test_return_needs_a_reason_and_is_recorded(site):
    store, row = site
    assert review("return", row["name"]).returncode != 0  # --reason is required
    returned = review("return", row["name"], "--reason", "Thiếu xác nhận của đơn vị")
    assert returned.returncode == 0, returned.stderr
    decision = Reviews(store).decision(row["fingerprint"])
    assert decision["status"] == "returned" and decision["comment"] == "Thiếu xác nhận của đơn vị"


@pytest.mark.parametrize("args, says", [
    (("no-such-dossier", "unit", "X"), "no such dossier"),
    (("{name}", "colour", "X"), "unknown field"),
    (("{name}", "sector", "thu-vien"), "unknown sector code"),
    (("{name}", "first_applied", "31/02/2024"), "không có trên lịch"),
])
def test_bad_input_is_refused_with_a_clear_message(site, args, says):
    store, row = site
    done = review("correct", *(a.format(name=row["name"]) for a in args))
    assert done.returncode == 1 and says in done.stderr
    assert Reviews(store).corrections(row["fingerprint"]) == {}
