"""The batch flow on a real (test-harness) Prefect API: one flow run, one task run per dossier, records stored,
originals archived or set aside with their reason."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
from prefect.testing.utilities import prefect_test_harness

from flows.batch import run_batch
from pipeline.config import BatchSpec
from pipeline.inbox import file_digest
from pipeline.store import Store
from tests.conftest import write_form_docx

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory):
    """A test API, and a result storage of the module's own: cached reads of earlier runs do not answer."""
    storage = {PREFECT_LOCAL_STORAGE_PATH: tmp_path_factory.mktemp("results")}
    with temporary_settings(storage), prefect_test_harness(server_startup_timeout=120):
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
    unsupported = reasons["bang-tinh.xlsx.ly-do.txt"]
    assert "định dạng" in unsupported and "sangkien rerun" in unsupported
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

    from extractors.reading.read import READER_VERSION
    from flows.batch import read_cached

    image, digest, first = _read_a_scan_once(tmp_path)
    entry = Path(get_default_result_storage().basepath) / f"read-{READER_VERSION}-{digest}"
    entry.write_bytes(entry.read_bytes()[:100])  # as a writer killed mid-file leaves it
    assert read_cached(image, "scan.png", digest) == first
    image.write_bytes(b"")  # the entry was written again: the pages come back without the file
    assert read_cached(image, "scan.png", digest) == first


def _counting_reads(monkeypatch) -> list[str]:
    """The names of the files `flows.batch` reads for real (cache misses), as they happen."""
    import flows.batch

    names, read = [], flows.batch.read_uncached
    monkeypatch.setattr(flows.batch, "read_uncached", lambda path, name, digest: (names.append(name),
                                                                                 read(path, name, digest))[1])
    return names


def test_the_same_scan_read_at_once_under_two_names_is_read_once_and_keeps_each_name(prefect_api, tmp_path,
                                                                                     monkeypatch):
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    from flows.batch import read_cached
    from tests.bad_inputs import FORM_LINES, _page_image

    reads = _counting_reads(monkeypatch)
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    _page_image([*FORM_LINES, "Kèm theo tờ trình"]).save(tmp_path / "a" / "to-trinh.png")  # new to the cache
    (tmp_path / "b" / "Tờ trình (bản chụp).png").write_bytes((tmp_path / "a" / "to-trinh.png").read_bytes())
    digest = file_digest(tmp_path / "a" / "to-trinh.png")
    rels = ["a/to-trinh.png", "b/Tờ trình (bản chụp).png"]
    settings = [contextvars.copy_context() for _ in rels]  # the test API and storage, as task threads have them
    with ThreadPoolExecutor(2) as pool:  # the second asks while the first is still in Tesseract (~2 s)
        first, second = pool.map(lambda rel, context: context.run(read_cached, tmp_path / rel, Path(rel).name,
                                                                  digest), rels, settings)
    assert reads == ["to-trinh.png"]
    assert {page.file for page in first.pages} == {first.file} == {"to-trinh.png"}
    assert {page.file for page in second.pages} == {second.file} == {"Tờ trình (bản chụp).png"}
    assert second.text == first.text and "sáng kiến" in first.text.lower()


def test_reading_ahead_fills_the_cache_for_unrecorded_dossiers_until_stopped(prefect_api, tmp_path, monkeypatch):
    import threading

    import flows.batch
    from pipeline.inbox import discover, fingerprint
    from tests.bad_inputs import FORM_LINES, _page_image

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number, name in enumerate(("1-da-nhan.png", "2-moi.png", "3-sau.png")):
        _page_image([*FORM_LINES, f"Hồ sơ số {number + 1}"]).save(inbox / name)
    entries = discover(inbox)
    store = Store.shared(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.claim(fingerprint(entries[0])[0], entries[0].name, entries[0].source)  # in hand (or recorded) already
    reads, stop, read = [], threading.Event(), flows.batch.read_uncached

    def read_then_stop(path, name, digest):  # as when the server answers while the first file is read
        reads.append(name)
        stop.set()
        return read(path, name, digest)

    monkeypatch.setattr(flows.batch, "read_uncached", read_then_stop)
    flows.batch.read_ahead(entries, store, stop)
    assert reads == ["2-moi.png"]  # the claimed dossier skipped, the one after the stop left to its task
    new = inbox / "2-moi.png"
    digest = file_digest(new)
    new.write_bytes(b"")  # its task finds the read in the cache
    assert "Hồ sơ số 2" in flows.batch.read_cached(new, "2-moi.png", digest).text and reads == ["2-moi.png"]


def test_kept_inbox_is_left_alone_and_rescans_are_known(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    spec = _spec(tmp_path, keep_inbox=True)
    assert [o.kind for o in run_batch(spec, workers=1)] == ["processed"]
    assert [o.kind for o in run_batch(spec, workers=1)] == ["known"]
    assert [p.name for p in inbox.iterdir()] == ["don.docx"] and not (tmp_path / "archive").exists()


def _form_odt(folder: Path, title: str) -> Path:
    """A real OpenDocument form (LibreOffice converts a Word one), read through LibreOffice again."""
    import subprocess

    source = write_form_docx(folder / "don-odt.docx", title, "Lê Thị Mai", "Trường THCS Lê Lợi")
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "odt", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    source.unlink()
    return folder / "don-odt.odt"


@pytest.fixture
def no_libreoffice(tmp_path, monkeypatch):
    """This machine without LibreOffice: a PATH where `soffice` is not (undone by `monkeypatch.undo()`)."""
    empty = tmp_path / "bin-without-soffice"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return monkeypatch


async def _flow_run_and_artifacts(flow_run_id: str):
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    async with get_client() as client:
        run = await client.read_flow_run(flow_run_id)
        artifacts = await client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return run, artifacts


def _inbox_with_an_odt_and_no_libreoffice(tmp_path, no_libreoffice):
    """An inbox holding an .odt form (made with LibreOffice) on a PATH that no longer has LibreOffice."""
    inbox, work = tmp_path / "inbox", tmp_path / "made"
    inbox.mkdir(), work.mkdir()
    no_libreoffice.undo()
    odt = _form_odt(work, "Sổ liên lạc điện tử")
    no_libreoffice.setenv("PATH", str(tmp_path / "bin-without-soffice"))
    odt.rename(inbox / "don-odt.odt")
    return inbox


def test_a_batch_run_counts_its_failures_lists_them_and_fails_the_tasks_a_retry_can_cure(prefect_api, tmp_path,
                                                                                        no_libreoffice):
    import json

    inbox = _inbox_with_an_odt_and_no_libreoffice(tmp_path, no_libreoffice)
    write_form_docx(inbox / "don.docx", "Số hóa hồ sơ một cửa", "Nguyễn Văn An", "UBND phường Hải Châu")
    (inbox / "don (ban sao).docx").write_bytes((inbox / "don.docx").read_bytes())
    (inbox / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    spec = _spec(tmp_path)

    outcomes = run_batch(spec, workers=1)  # one at a time: the copy meets the original's record, a duplicate

    assert sorted(o.kind for o in outcomes) == ["duplicate", "failed", "failed", "processed"]
    rows = {row["source"]: row for row in Store.shared(spec.database_url).rows()}
    assert rows["don-odt.odt"]["status"] == "failed" and rows["don-odt.odt"]["error_kind"] == "missing_dependency"
    run_id = rows["don-odt.odt"]["flow_run_id"]
    run, artifacts = asyncio.run(_flow_run_and_artifacts(run_id))
    # what an admin sees on the run in Prefect's UI: not a plain "Completed"
    assert run.state.is_completed()
    assert run.state.message == "1 processed, 2 failed (1 retryable), 1 duplicate"
    [table] = [a for a in artifacts if a.key == "failed-dossiers"]
    listed = {row["Hồ sơ"]: row for row in json.loads(table.data)}
    assert set(listed) == {"don-odt.odt", "bang-tinh.xlsx"}
    assert listed["don-odt.odt"]["Mã lỗi"] == "missing_dependency" and "LibreOffice" in listed["don-odt.odt"]["Lý do"]
    assert listed["don-odt.odt"]["Xử lý lại khi Retry"] == "có"
    assert listed["bang-tinh.xlsx"]["Xử lý lại khi Retry"] == "không" and ".xlsx" in listed["bang-tinh.xlsx"]["Lý do"]
    # the missing program's dossier ends its task run Failed (a Retry of the run takes it up again); a file's own
    # fault, and the other dossiers, end Completed
    states = {t.name: t.state for t in asyncio.run(_task_runs(run_id))}
    assert states["dossier don-odt.odt"].is_failed()
    assert states["dossier bang-tinh.xlsx"].is_completed() and states["dossier don.docx"].is_completed()


def test_a_retry_of_the_run_processes_again_what_failed_for_a_cause_outside_the_file(prefect_api, tmp_path,
                                                                                    no_libreoffice):
    from prefect.flow_engine import run_flow
    from prefect.states import Pending, Scheduled

    from flows.batch import process_batch

    inbox = _inbox_with_an_odt_and_no_libreoffice(tmp_path, no_libreoffice)
    (inbox / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    spec = _spec(tmp_path)
    deployment = process_batch.to_deployment("retry-test", parameters={"spec": spec.model_dump()}).apply()

    with get_client(sync_client=True) as client:  # a run of the deployment, run here as its runner would
        run = client.create_flow_run_from_deployment(deployment, parameters={"spec": spec.model_dump()},
                                                     state=Pending())
    first = run_flow(process_batch, flow_run=run, return_type="state")
    assert first.message == "0 processed, 2 failed (1 retryable)"
    assert (inbox / "_loi" / "don-odt.odt").exists() and (inbox / "_loi" / "don-odt.odt.ly-do.txt").exists()

    no_libreoffice.undo()  # the admin installs LibreOffice, then presses Retry on the run in Prefect's UI
    with get_client(sync_client=True) as client:  # the UI's Retry: the run goes back to Scheduled, unforced
        retried = client.set_flow_run_state(run.id, Scheduled(name="AwaitingRetry", message="Retry from the UI"))
        assert retried.status.value == "ACCEPT"
        again = run_flow(process_batch, flow_run=client.read_flow_run(run.id), return_type="state")
    assert again.is_completed() and again.message == "1 processed, 0 failed"
    rows = {row["source"]: row for row in Store.shared(spec.database_url).rows()}
    assert rows["don-odt.odt"]["status"] == "needs_review"
    assert rows["don-odt.odt"]["record"]["title"] == "Sổ liên lạc điện tử"
    assert rows["bang-tinh.xlsx"]["status"] == "failed"  # the file's own fault: left for the secretary
    assert sorted(p.name for p in (inbox / "_loi").iterdir()) == ["bang-tinh.xlsx", "bang-tinh.xlsx.ly-do.txt"]
    assert Path(rows["don-odt.odt"]["location"]).is_relative_to(tmp_path / "archive")
