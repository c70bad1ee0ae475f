"""Every entry of the bad-input catalogue ends as the right outcome with a clear message; nothing is lost."""

from __future__ import annotations

import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.batch import run_batch
from pipeline.config import BatchSpec
from pipeline.store import Store
from tests import bad_inputs

pytestmark = [pytest.mark.prefect, pytest.mark.ocr]


@pytest.fixture(scope="module")
def prefect_api():
    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_catalogue_outcomes(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    expect = bad_inputs.build(inbox)
    assert len(expect) >= 20
    spec = BatchSpec(inbox=str(inbox), database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                     archive=str(tmp_path / "archive"))

    run_batch(spec, workers=2)

    rows = {row["source"]: row for row in Store.shared(spec.database_url).rows()}
    got = {source: (row["status"], row["error_kind"]) for source, row in rows.items()}
    want = {source: (e.status, e.kind) for source, e in expect.items() if e.status}
    assert got == want
    for source, row in rows.items():
        if row["status"] == "failed":  # a plain Vietnamese reason and what to do, in the record and beside the file
            message = row["record"]["error"]["message"]
            assert len(message) > 40 and message == row["error_message"]
            reason = (inbox / "_loi" / f"{source}.ly-do.txt").read_text(encoding="utf-8")
            assert message in reason
    left_alone = {p.name for p in inbox.iterdir()} - {"_loi"}
    assert left_alone == {source for source, e in expect.items() if e.status is None}
    assert not (tmp_path / "PWNED").exists() and not (inbox / "PWNED").exists()
    notes = rows["Ho so 7 - kem ghi chu"]["record"]["notes"]
    assert any("doc-truoc.txt" in note for note in notes)
