"""The batch flow on a real (test-harness) Prefect API: one flow run, one task run per dossier, records stored."""

from __future__ import annotations

import asyncio

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.testing.utilities import prefect_test_harness

from flows.batch import run_batch
from pipeline.store import Store
from tests.conftest import write_form_docx

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def prefect_api():
    with prefect_test_harness(server_startup_timeout=120):
        yield


async def _task_runs(flow_run_id: str):
    async with get_client() as client:
        flow_filter = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        return await client.read_task_runs(flow_run_filter=flow_filter)


def test_one_flow_run_one_task_per_dossier(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don-1.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    write_form_docx(inbox / "don-2.docx", "Phần mềm quản lý kho", "Trần Thị Bình", "Công ty Điện lực Quảng Nam")
    (inbox / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (inbox / "don-1 (copy).docx").write_bytes((inbox / "don-1.docx").read_bytes())
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"

    outcomes = run_batch(str(inbox), url, workers=2)

    kinds = {o.source: o.kind for o in outcomes}
    assert kinds["bang-tinh.xlsx"] == "failed" and kinds["don-2.docx"] == "processed"
    # the copy and the original race for the same fingerprint: exactly one is processed
    assert sorted([kinds["don-1.docx"], kinds["don-1 (copy).docx"]]) == ["duplicate", "processed"]
    rows = {row["source"]: row for row in Store.shared(url).rows()}
    assert len(rows) == 3
    failed = rows["bang-tinh.xlsx"]
    assert failed["status"] == "failed" and failed["error_kind"] == "unsupported_format"
    assert ".xlsx" in failed["record"]["error"]["message"]
    record = rows["don-2.docx"]["record"]
    assert record["title"] == "Phần mềm quản lý kho"
    assert [a["name"] for a in record["authors"]] == ["Trần Thị Bình"]
    assert record["unit"] == "Công ty Điện lực Quảng Nam"
    assert record["benefit"] == {"text": "tiết kiệm 150 triệu đồng mỗi năm.", "amount_vnd": 150_000_000,
                                 "per_year": True}
    assert record["first_applied"] == "2023-09-05"

    run_ids = {row["flow_run_id"] for row in rows.values()}
    assert len(run_ids) == 1 and None not in run_ids  # every record keeps the id of the run that made it
    task_runs = asyncio.run(_task_runs(run_ids.pop()))
    assert len(task_runs) == 4  # one task run per entry, no subflows
    assert {t.name for t in task_runs} == {f"dossier {o.source}" for o in outcomes}
