"""The processing flow: one flow run per batch, one task run per dossier.

Only wiring: the work is `pipeline.dossier.process_entry`. Tasks run in a thread pool of `default_workers`
(Prefect's default pool is unbounded); OCR inside a task is bounded again per process by extractors.reading.ocr.
Retries are decided by the failure kind, never blindly: bad input is not retried, a timeout is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.filesystems import LocalFileSystem, WritableFileSystem
from prefect.futures import as_completed
from prefect.results import ResultStore, get_default_result_storage
from prefect.runtime import flow_run
from prefect.settings import get_current_settings
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.errors import DossierError, FailureKind
from extractors.model import Document, Page
from extractors.reading.ocr import PageImage
from extractors.reading.read import READER_VERSION, SUPPORTED_SUFFIXES, read_file
from pipeline.config import BatchSpec, default_workers
from pipeline.dossier import Outcome, process_entry, read_uncached, save_failure
from pipeline.inbox import Entry, entry_at, fingerprint, stable_entries
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


@task(task_run_name="dossier {entry.source}", retries=2, retry_delay_seconds=[5, 30],
      retry_condition_fn=_retryable, cache_policy=NO_CACHE)
def process_dossier(entry: Entry, spec: BatchSpec) -> Outcome:
    """Process one dossier into the store."""
    outcome = process_entry(Store.shared(spec.database_url), spec, entry, flow_run.get_id(), read_file_once)
    get_run_logger().info("%s: %s %s", entry.source, outcome.kind, outcome.message)
    return outcome


def _after_retries(entry: Entry, spec: BatchSpec, exc: BaseException) -> Outcome:
    """A task that failed for good (retries spent, or a crash): record the dossier as failed, never lose it."""
    err = exc if isinstance(exc, DossierError) else DossierError(
        FailureKind.internal, "Phần mềm gặp lỗi khi xử lý hồ sơ này.", repr(exc), "task")
    store = Store.shared(spec.database_url)
    digest, _ = fingerprint(entry)
    store.claim(digest, entry.name, entry.source)
    return save_failure(store, spec, entry, digest, err, flow_run.get_id())


# Bounded at definition, because deployments load the flow from this module, not from a caller's with_options.
@flow(name="process-batch", task_runner=ThreadPoolTaskRunner(max_workers=default_workers()))
def process_batch(spec: BatchSpec, paths: list[str] | None = None) -> list[Outcome]:
    """Process every stable entry of the inbox once (or just the entries at `paths`, for reruns)."""
    logger = get_run_logger()
    if paths:
        entries = [entry for entry in (entry_at(Path(p)) for p in paths) if entry]
    else:
        entries = stable_entries(Path(spec.inbox), spec.stable_seconds)
    logger.info("batch of %d entries from %s", len(entries), spec.inbox)
    futures = {process_dossier.submit(entry, spec): entry for entry in entries}
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
    return outcomes


def run_batch(spec: BatchSpec, workers: int, paths: list[str] | None = None) -> list[Outcome]:
    """Run the flow in this process with a task pool of `workers` threads."""
    runner = ThreadPoolTaskRunner(max_workers=workers)
    return process_batch.with_options(task_runner=runner)(spec=spec, paths=paths)
