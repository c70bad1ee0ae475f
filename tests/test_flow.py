"""The batch flow on a real (test-harness) Prefect API: one flow run, one task run per dossier, records stored,
originals archived or set aside with their reason."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.testing.utilities import prefect_test_harness

from flows.batch import run_batch
from pipeline.config import BatchSpec
from pipeline.inbox import file_digest
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


def _spec(tmp_path, **overrides) -> BatchSpec:
    values = {"inbox": str(tmp_path / "inbox"), "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}",
              "archive": str(tmp_path / "archive")}
    return BatchSpec(**(values | overrides))


def test_one_flow_run_one_task_per_dossier(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don-1.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    write_form_docx(inbox / "don-2.docx", "Phần mềm quản lý kho", "Trần Thị Bình", "Công ty Điện lực Quảng Nam")
    (inbox / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (inbox / "don-1 (copy).docx").write_bytes((inbox / "don-1.docx").read_bytes())
    digest = file_digest(inbox / "don-2.docx")
    spec = _spec(tmp_path)

    outcomes = run_batch(spec, workers=2)

    kinds = {o.source: o.kind for o in outcomes}
    assert kinds["bang-tinh.xlsx"] == "failed" and kinds["don-2.docx"] == "processed"
    # the copy and the original race for the same fingerprint: exactly one is processed
    assert sorted([kinds["don-1.docx"], kinds["don-1 (copy).docx"]]) == ["duplicate", "processed"]
    rows = {row["source"]: row for row in Store.shared(spec.database_url).rows()}
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

    # originals: processed ones archived byte-identical, failed and duplicate ones in _loi with a reason;
    # a duplicate of a dossier still in flight waits in the inbox for the next scan
    assert len([p for p in inbox.iterdir() if p.name != "_loi"]) <= 1
    assert {o.kind for o in run_batch(spec, workers=1)} <= {"duplicate"}
    assert sorted(p.name for p in inbox.iterdir()) == ["_loi"]
    archived = {p.name.split(" ", 1)[1]: p for p in (tmp_path / "archive").rglob("*.docx")}
    assert file_digest(archived["don-2.docx"]) == digest
    assert rows["don-2.docx"]["location"] == str(archived["don-2.docx"])
    reasons = {p.name: p.read_text(encoding="utf-8") for p in (inbox / "_loi").glob("*.ly-do.txt")}
    assert "định dạng" in reasons["bang-tinh.xlsx.ly-do.txt"] and "sangkien rerun" in reasons["bang-tinh.xlsx.ly-do.txt"]
    assert any("trùng nội dung" in text for text in reasons.values())

    run_ids = {row["flow_run_id"] for row in rows.values()}
    assert len(run_ids) == 1 and None not in run_ids  # every record keeps the id of the run that made it
    task_runs = [t for t in asyncio.run(_task_runs(run_ids.pop())) if t.name.startswith("dossier ")]
    assert len(task_runs) == 4  # one task run per entry, no subflows
    assert {t.name for t in task_runs} == {f"dossier {o.source}" for o in outcomes}


def _read_a_scan_once(tmp_path):
    """A scanned form read through the cache: (its path, its digest, what the first read gave)."""
    from flows.batch import read_cached
    from tests.bad_inputs import FORM_LINES, _page_image

    image = tmp_path / "scan.png"
    _page_image(FORM_LINES).save(image)
    digest = file_digest(image)
    return image, digest, read_cached(image, "scan.png", digest)


def test_rereading_a_file_uses_the_cached_result(prefect_api, tmp_path):
    from flows.batch import read_cached

    image, digest, first = _read_a_scan_once(tmp_path)
    image.write_bytes(b"")  # the same content key: the cached pages come back without reading the file
    assert read_cached(image, "scan.png", digest) == first and "sáng kiến" in first.text.lower()


def test_a_damaged_cached_read_is_read_again_and_replaced(prefect_api, tmp_path):
    from prefect.results import get_default_result_storage

    from extractors.read import READER_VERSION
    from flows.batch import read_cached

    image, digest, first = _read_a_scan_once(tmp_path)
    entry = Path(get_default_result_storage().basepath) / f"read-{READER_VERSION}-{digest}"
    entry.write_bytes(entry.read_bytes()[:100])  # as a writer killed mid-file leaves it
    assert read_cached(image, "scan.png", digest) == first
    image.write_bytes(b"")  # the entry was written again: the pages come back without the file
    assert read_cached(image, "scan.png", digest) == first


def test_kept_inbox_is_left_alone_and_rescans_are_known(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    spec = _spec(tmp_path, keep_inbox=True)
    assert [o.kind for o in run_batch(spec, workers=1)] == ["processed"]
    assert [o.kind for o in run_batch(spec, workers=1)] == ["known"]
    assert [p.name for p in inbox.iterdir()] == ["don.docx"] and not (tmp_path / "archive").exists()
