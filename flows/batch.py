"""The processing flow: one flow run per batch, one task run per dossier.

Only wiring: the work is `pipeline.dossier.process_entry`. Tasks run in a thread pool of `default_workers`
(Prefect's default pool is unbounded); OCR inside a task is bounded again per process by extractors.reading.ocr.
Retries are decided by the failure kind, never blindly: bad input is not retried, a timeout is. A dossier that
failed for a cause outside its files (`pipeline.rerun.CAUSE_OUTSIDE_THE_FILE`) ends its task run Failed, still
recorded, so that Prefect's Retry of the flow run takes it up again once the cause is fixed. The run's final
state says how many dossiers were processed and failed; the failed ones are a table artifact with their reasons.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.filesystems import LocalFileSystem, WritableFileSystem
from prefect.futures import as_completed
from prefect.results import ResultStore, get_default_result_storage
from prefect.runtime import flow_run
from prefect.settings import get_current_settings
from prefect.states import Completed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.errors import DossierError, FailureKind
from extractors.fields.extract import extract_fields
from extractors.model import Document, Line, Page
from extractors.reading.ocr import PageImage
from extractors.reading.read import READER_VERSION, SUPPORTED_SUFFIXES, read_file
from flows.learn import learn_if_due
from pipeline.config import BatchSpec, default_workers
from pipeline.dossier import DUPLICATE, FAILED, KNOWN, PROCESSED, Outcome, process_entry, read_uncached, save_failure
from pipeline.inbox import Entry, entry_at, fingerprint, stable_entries
from pipeline.rerun import CAUSE_OUTSIDE_THE_FILE, left_by_run, take_up
from pipeline.store import Store

log = logging.getLogger(__name__)
_listeners: list[Callable[[Outcome], None]] = []


@contextmanager
def on_outcome(listener: Callable[[Outcome], None]):
    """Call `listener` with each dossier's outcome as it finishes (the CLI's progress bar)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def _retryable(task, task_run, state) -> bool:
    try:
        state.result()
    except DossierError as err:
        return err.kind.retryable
    except Exception:
        return False
    return False


def read_cached(path: Path, name: str, digest: str, storage: WritableFileSystem | None = None) -> Document:
    """Read (and OCR) one file; the result is kept in Prefect's result storage under its content's sha256, so a
    rerun skips finished OCR. Content this process is reading already (read ahead while the server booted, or
    the same file in two dossiers) is waited for, not read twice.

    Not a task run of its own: one per file more than doubled the runs the Prefect server records (about
    0.08 CPU s each) for a cache lookup the dossier's task run can make itself. `storage` defaults to Prefect's
    default result storage, which asks the server.
    """
    with _reading_lock:
        reading = _reading.get(digest)
        first = reading is None
        if first:
            reading = _reading[digest] = Future()
    if not first:
        return reading.result().named(name)
    try:
        document = _read_through_store(path, name, digest, storage or get_default_result_storage())
        reading.set_result(document)
        return document
    except BaseException as exc:
        reading.set_exception(exc)
        raise
    finally:
        with _reading_lock:
            del _reading[digest]


_reading: dict[str, Future[Document]] = {}  # digest → the read under way in this process
_reading_lock = threading.Lock()


def _read_through_store(path: Path, name: str, digest: str, storage: WritableFileSystem) -> Document:
    store = ResultStore(result_storage=storage, cache_result_in_memory=False)
    key = f"read-{READER_VERSION}-{digest}"
    if store.exists(key):
        return store.read(key).result.named(name)
    document = read_uncached(path, name, digest)
    store.write(document, key=key)
    return document


def read_ahead(entries: Iterable[Entry], store: Store, stop: threading.Event) -> None:
    """Read the files of unrecorded dossiers that need OCR (or LibreOffice) into the cache until `stop` is set.

    A one-shot command waits ~8 s for its Prefect server to boot, with one core idle once the imports are done;
    a dossier's task then finds its read done, or under way (`read_cached`). Errors are left for the task.
    The server cannot be asked for its result storage yet: a fresh one has none but the local default, and
    with a storage block configured nothing is read ahead.
    """
    results = get_current_settings().results
    if results.default_storage_block is not None:
        return
    storage = LocalFileSystem(basepath=str(results.local_storage_path))
    for entry in entries:
        try:
            digest, files = fingerprint(entry)
            if store.get(digest) is not None:
                continue
            for (rel, path), info in zip(entry.files, files):
                if stop.is_set():
                    return
                read_file_once(path, rel, info["sha256"], storage)  # what is not cached reads in milliseconds
        except Exception as exc:  # noqa: BLE001 - the dossier's own task meets the same error and records it
            log.debug("read ahead of %s stopped: %r", entry.source, exc)


class _NeedsOcr(Exception):
    """A PDF read without OCR reached a page that needs it: it is read again through the cache."""


def _refuse_ocr(pages: Iterable[PageImage], name: str) -> tuple[Page, ...]:
    if next(iter(pages), None) is not None:
        raise _NeedsOcr(name)
    return ()


def read_file_once(path: Path, name: str, digest: str, storage: WritableFileSystem | None = None) -> Document:
    """Files that need OCR or LibreOffice go through the cache; Word files and PDFs whose every page has a good
    text layer read in milliseconds, and unsupported files fail at once, where storing them would cost more
    than it saves."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        try:
            return read_file(path, name, ocr=_refuse_ocr)
        except _NeedsOcr:
            pass
    if suffix in SUPPORTED_SUFFIXES and suffix != ".docx":
        return read_cached(path, name, digest, storage)
    return read_uncached(path, name, digest)


class DossierFailed(Exception):
    """Ends a dossier's task run Failed, its failure recorded: the cause lies outside its files."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(f"{outcome.source}: {outcome.message}")
        self.outcome = outcome

    def __reduce__(self):
        return DossierFailed, (self.outcome,)


def _cause_outside_the_file(store: Store, outcome: Outcome) -> bool:
    record = store.get(outcome.fingerprint) if outcome.kind == FAILED else None
    return bool(record) and record["error_kind"] in CAUSE_OUTSIDE_THE_FILE


@task(task_run_name="dossier {entry.source}", retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=_retryable, cache_policy=NO_CACHE)
def process_dossier(entry: Entry, spec: BatchSpec, replaces: str | None = None) -> Outcome:
    """Process one dossier into the store; `replaces`: the fingerprint of the record a rerun takes up again."""
    store = Store.shared(spec.database_url)
    if replaces:
        entry = take_up(store, entry, replaces)
    outcome = process_entry(store, spec, entry, flow_run.get_id(), read_file_once)
    get_run_logger().info("%s: %s %s", entry.source, outcome.kind, outcome.message)
    if _cause_outside_the_file(store, outcome):
        raise DossierFailed(outcome)
    return outcome


def _after_retries(entry: Entry, spec: BatchSpec, exc: BaseException) -> Outcome:
    """A task that failed for good (retries spent, or a crash): record the dossier as failed, never lose it."""
    if isinstance(exc, DossierFailed):  # recorded already
        return exc.outcome
    err = exc if isinstance(exc, DossierError) else DossierError(
        FailureKind.internal, "Phần mềm gặp lỗi khi xử lý hồ sơ này.", repr(exc), "task")
    store = Store.shared(spec.database_url)
    digest, _ = fingerprint(entry)
    store.claim(digest, entry.name, entry.source)
    return save_failure(store, spec, entry, digest, err, flow_run.get_id())


def _entries(spec: BatchSpec, paths: list[str], reruns: dict[str, str]) -> list[Entry]:
    """The entries at `paths` and `reruns`, or, when none is named, every stable entry of the inbox; one per path."""
    found = [entry_at(Path(path)) for path in [*paths, *reruns]]
    if not paths and not reruns:
        found = stable_entries(Path(spec.inbox), spec.stable_seconds)
    return list({entry.path: entry for entry in found if entry}.values())


# How the final state counts outcomes, in this order; kinds with none are left out, but processed and failed.
SUMMARY = ((PROCESSED, "processed"), (FAILED, "failed"), (DUPLICATE, "duplicate"), (KNOWN, "already recorded"))


def summary(outcomes: list[Outcome], retryable: int) -> str:
    """e.g. '12 processed, 3 failed (2 retryable), 1 duplicate': the message of the flow run's final state."""
    counts = Counter(outcome.kind for outcome in outcomes)
    parts = [f"{counts[kind]} {label}" + (f" ({retryable} retryable)" if kind == FAILED and retryable else "")
             for kind, label in SUMMARY if counts[kind] or kind in (PROCESSED, FAILED)]
    return ", ".join(parts)


def _publish_failures(store: Store, failed: list[Outcome]) -> int:
    """A table artifact of the run's failed dossiers and their reasons, for the admin who opens the run in Prefect's
    UI; returns how many a Retry of the run would take up again."""
    rows = []
    for outcome in failed:
        kind = (store.get(outcome.fingerprint) or {}).get("error_kind") or ""
        rows.append({"Hồ sơ": outcome.source, "Mã lỗi": kind,
                     "Xử lý lại khi Retry": "có" if kind in CAUSE_OUTSIDE_THE_FILE else "không",
                     "Lý do": outcome.message})
    create_table_artifact(rows, key="failed-dossiers", description=(
        f"**{len(rows)} hồ sơ lỗi** trong lượt xử lý này. Những hồ sơ có “Xử lý lại khi Retry: có” lỗi không do tệp "
        "(máy thiếu phần mềm, quá thời gian, lỗi tạm thời, lỗi của phần mềm): khắc phục nguyên nhân rồi bấm Retry "
        "để xử lý lại chúng. Những hồ sơ khác cần người nộp sửa hoặc thay tệp."))
    return sum(row["Xử lý lại khi Retry"] == "có" for row in rows)


# Bounded at definition, because deployments load the flow from this module, not from a caller's with_options.
@flow(name="process-batch", task_runner=ThreadPoolTaskRunner(max_workers=default_workers()))
def process_batch(spec: BatchSpec, paths: list[str] | None = None, reruns: dict[str, str] | None = None) -> State:
    """Process every stable entry of the inbox once, or just the entries at `paths`; `reruns` maps the path of a
    recorded dossier to process again to its record's fingerprint. A Retry of the run (Prefect's UI or API) also
    takes up again what the run left failed for a cause outside the files, or unfinished."""
    logger, store = get_run_logger(), Store.shared(spec.database_url)
    learn_if_due(spec.database_url, spec.learn_every)  # what reviewers taught, before reading more
    reruns = dict(reruns or {})
    if flow_run.run_count > 1:
        reruns |= left_by_run(store, flow_run.get_id())
    entries = _entries(spec, paths or [], reruns)
    logger.info("batch of %d entries from %s", len(entries), spec.inbox)
    futures = {process_dossier.submit(entry, spec, reruns.get(str(entry.path))): entry for entry in entries}
    outcomes = []
    for future in as_completed(list(futures)):
        entry = futures[future]
        try:
            outcome = future.result()
        except BaseException as exc:  # noqa: BLE001 - every entry must end as a record
            outcome = _after_retries(entry, spec, exc)
        outcomes.append(outcome)
        for listener in _listeners:
            listener(outcome)
    failed = [outcome for outcome in outcomes if outcome.kind == FAILED]
    retryable = _publish_failures(store, failed) if failed else 0
    return Completed(message=summary(outcomes, retryable), data=outcomes)


def run_batch(spec: BatchSpec, workers: int, paths: list[str] | None = None, reruns: dict[str, str] | None = None,
              deployment: UUID | None = None, say: Callable[[str], None] = log.info) -> list[Outcome]:
    """Run the flow in this process: with a task pool of `workers` threads, or, with `deployment`, as a run of
    that deployment (its own pool), which Prefect's Retry can run again; `say` hears how that run ended."""
    if deployment is None:
        runner = ThreadPoolTaskRunner(max_workers=workers)
        return process_batch.with_options(task_runner=runner)(spec=spec, paths=paths, reruns=reruns)
    run = start_deployment_run(deployment, {"spec": spec.model_dump(), "paths": paths, "reruns": reruns})
    state = run_here(run)
    say(f"flow run {run.name} ({run.id}): {state.name}, {state.message}")
    return state.result()


# The deployment `sangkien up` serves: its runs are made and run by whoever starts them (`start_deployment_run`).
INGEST = "process-batch/ingest"


def ingest_deployment() -> UUID:
    """The id of the ingest deployment on the Prefect API in use (a running `sangkien up`'s)."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_deployment_by_name(INGEST).id


def start_deployment_run(deployment_id: UUID, parameters: dict):
    """A run of the deployment to be run by this process: created Pending, so no runner or worker (they take
    Scheduled runs) starts it too. It belongs to the deployment, so Prefect's Retry can run it again."""
    from prefect.client.orchestration import get_client
    from prefect.states import Pending

    with get_client(sync_client=True) as client:
        return client.create_flow_run_from_deployment(deployment_id, parameters=parameters, state=Pending())


def run_here(run) -> State:
    """Run a flow run of this flow in this process (no new process: its imports alone take about 6 s).

    Without heartbeats: they tell a server that a process running a run died, and here that process is the one
    waiting for the run (ending one also waited up to a second for the heartbeat thread).
    """
    from prefect.flow_engine import run_flow
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return run_flow(process_batch, flow_run=run, return_type="state")


def warm_up(spec: BatchSpec) -> None:
    """Pay now what the first dossier of a long-running process would (opening and checking the store, loading
    the rule files and the sector model: about 2 s), so that the first drop is as quick as the next ones."""
    Store.shared(spec.database_url)
    lines = ("ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", "Tên sáng kiến: Số hóa hồ sơ một cửa", "Tác giả: Nguyễn Văn An")
    extract_fields([Document("warm-up.docx", (Page("warm-up.docx", 1, tuple(map(Line, lines)), "docx"),))])
