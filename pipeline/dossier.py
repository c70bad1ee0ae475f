"""One dossier from inbox entry to stored record: claim, read every file, extract the fields, save.

This is the unit of work a Prefect task runs. It never raises for bad input: a dossier that cannot be read
becomes a failed record whose message tells a secretary what to do. Only errors a retry may cure (timeouts,
transient I/O) are raised, after giving the claim back, so Prefect can retry the task.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from extractors.errors import DossierError, FailureKind
from extractors.fields.extract import Extraction, extract_fields, rules_version
from extractors.fields.ruleset import using_labels
from extractors.fields.sector_model import using_model
from extractors.model import Document
from extractors.reading.read import read_file
from extractors.record import empty_values
from pipeline import duplicates, filing, similar
from pipeline.columns import columns
from pipeline.config import BatchSpec
from pipeline.inbox import Entry, fingerprint
from pipeline.isolation import read_apart
from pipeline.learning import Learning
from pipeline.review import Reviews
from pipeline.sector_learning import SectorLearning
from pipeline.store import PROCESSING, Claim, Store

log = logging.getLogger(__name__)

PROCESSED, FAILED, DUPLICATE, KNOWN = "processed", "failed", "duplicate", "known"


@dataclass(frozen=True)
class Outcome:
    """What happened to one entry: processed, failed, duplicate (the same content as another entry's record),
    or known (this very entry was recorded before: a rescan of a kept inbox, or a restart after a crash)."""

    source: str
    kind: str
    fingerprint: str
    message: str = ""


# Reads one file: (path, name in provenance, sha256 of its content) → Document. The flow passes a cached one.
Reader = Callable[[Path, str, str], Document]


def read_uncached(path: Path, name: str, digest: str) -> Document:
    return read_file(path, name)


def _read_all(entry: Entry, files: list[dict], read: Reader) -> tuple[list[Document], list[str]]:
    """Read every file; a folder keeps what it can read and notes the rest, a folder of nothing readable fails."""
    docs, notes, first_error = [], [], None
    for (rel, path), info in zip(entry.files, files):
        try:
            docs.append(read(path, rel, info["sha256"]))
        except DossierError as err:
            if err.kind.retryable:
                raise
            first_error = first_error or err
            notes.append(f"{rel}: {err.message_vi}")
    if not entry.files:
        raise DossierError(FailureKind.empty, "Thư mục hồ sơ trống, không có tệp nào.", "empty folder", "discover")
    if not docs:
        raise first_error
    if not any(page.text.strip() for doc in docs for page in doc.pages):
        raise DossierError(FailureKind.empty, "Không tìm thấy chữ nào trong hồ sơ.", "no text in any page", "read")
    return docs, notes


def _require_a_dossier(extraction: Extraction) -> None:
    """Text with neither a title nor an author is not an initiative dossier (an English letter, a stray note)."""
    if extraction.fields["title"].value is None and not extraction.fields["authors"].value:
        raise DossierError(FailureKind.not_a_dossier,
                           "Không nhận ra nội dung hồ sơ sáng kiến: không tìm thấy tên sáng kiến và tác giả.",
                           "neither a title nor an author found", "extract")


def build_record(entry: Entry, extraction: Extraction, notes: list[str]) -> dict:
    """The contract's record for an extracted dossier (status needs_review)."""
    return {"dossier": entry.name, "source": entry.source, "status": "needs_review", **extraction.values(),
            "fields": extraction.provenance(), "error": None, "notes": notes}


def failed_record(entry: Entry, err: DossierError) -> dict:
    return {"dossier": entry.name, "source": entry.source, "status": "failed", **empty_values(), "fields": {},
            "error": {"stage": err.stage, "message": err.user_message}}


def _file(entry: Entry, spec: BatchSpec, digest: str, status: str, reason_vi: str = "") -> str:
    """Move the original out of the inbox (unless the inbox is kept); returns where it is now."""
    if spec.keep_inbox:
        return str(entry.path)
    if status == "failed":
        return str(filing.reject(entry, Path(spec.inbox), reason_vi))
    return str(filing.archive(entry, Path(spec.archive), digest))


def save_failure(store: Store, spec: BatchSpec, entry: Entry, digest: str, err: DossierError,
                 flow_run_id: str | None) -> Outcome:
    """Store `err` as the dossier's failed record and move the entry to the inbox's `_loi` folder."""
    log.info("dossier %s failed (%s): %s", entry.source, err.kind.name, err.detail)
    store.save(digest, {**columns(failed_record(entry, err)), "error_kind": err.kind.name, "error_stage": err.stage,
                        "error_message": err.user_message, "flow_run_id": flow_run_id,
                        "ruleset_version": rules_version(), "location": str(entry.path)})
    store.save(digest, {"location": _file(entry, spec, digest, "failed", err.user_message)})
    return Outcome(entry.source, FAILED, digest, err.user_message)


def _seen_before(store: Store, spec: BatchSpec, entry: Entry, digest: str) -> Outcome:
    """An entry whose content has a record: finish filing it if it is that record's own entry, else a duplicate."""
    existing = store.get(digest)
    if existing is None or existing["status"] == PROCESSING:
        return Outcome(entry.source, DUPLICATE, digest, "đang được xử lý ở nơi khác")
    if existing["location"] == str(entry.path):  # crashed between saving and moving, or a kept inbox
        if not spec.keep_inbox:
            store.save(digest, {"location": _file(entry, spec, digest, existing["status"],
                                                  existing["error_message"] or "")})
        return Outcome(entry.source, KNOWN, digest)
    message = (f"Hồ sơ này trùng nội dung với hồ sơ “{existing['source']}” đã nhận ngày "
               f"{existing['created_at']:%d/%m/%Y}; hệ thống không xử lý lại. Nếu đúng là bản trùng, có thể xoá.")
    log.info("dossier %s duplicates %s", entry.source, existing["source"])
    location = entry.path
    if not spec.keep_inbox:
        location = filing.reject(entry, Path(spec.inbox), message, filing.DUPLICATE_ADVICE)
    duplicates.record(store, digest, entry.source, str(location))
    return Outcome(entry.source, DUPLICATE, digest, message)


def _compare(store: Store, digest: str, text: str, title: str | None) -> None:
    """Index the saved dossier and keep the look-alikes it has among every earlier one (pipeline.similar). The
    record stands whatever happens here: a failed comparison is logged, and `sangkien similar --rebuild` redoes it."""
    try:
        similar.index(store, digest, text, title)
    except Exception:
        log.exception("could not compare dossier %s with the earlier ones", digest[:12])


def process_entry(store: Store, spec: BatchSpec, entry: Entry, flow_run_id: str | None = None,
                  read: Reader = read_uncached) -> Outcome:
    """Claim, read, extract, save and file one dossier; content seen before is reported, not redone.

    The claim is refreshed while the dossier is worked on, so only a dead holder's claim times out. A dossier
    taken from a dead holder is read in a child process (`pipeline.isolation`): its file may be what killed it."""
    try:
        digest, files = fingerprint(entry)
    except FileNotFoundError:  # another worker finished it and moved it away since the batch was made
        return Outcome(entry.source, KNOWN, "", "đã được xử lý ở nơi khác")
    timeout = timedelta(seconds=spec.claim_timeout)
    claim = store.claim(digest, entry.name, entry.source, stale_after=timeout)
    if not claim:
        return _seen_before(store, spec, entry, digest)
    if claim is Claim.TAKEN_OVER:
        log.warning("dossier %s was left unfinished by a process that ended; reading it in a child process",
                    entry.source)
        read = read_apart
    with store.keep_alive(digest, every=spec.claim_timeout / 4):
        return _process_claimed(store, spec, entry, digest, files, flow_run_id, read)


def _process_claimed(store: Store, spec: BatchSpec, entry: Entry, digest: str, files: list[dict],
                     flow_run_id: str | None, read: Reader) -> Outcome:
    store.save(digest, {"files": files, "flow_run_id": flow_run_id, "location": str(entry.path)})
    try:
        docs, notes = _read_all(entry, files, read)
        # What reviewers taught: a retrained sector classifier, labels an admin accepted.
        with using_model(SectorLearning(store).active()), using_labels(Learning(store).accepted_labels()):
            extraction = extract_fields(docs)
        _require_a_dossier(extraction)
    except DossierError as err:
        if err.kind.retryable:
            store.release(digest)
            raise
        return save_failure(store, spec, entry, digest, err, flow_run_id)
    except Exception as exc:  # a bug of ours must not stop the batch; the dossier says so and is kept
        log.exception("internal error on %s", entry.source)
        err = DossierError(FailureKind.internal, "Phần mềm gặp lỗi khi xử lý hồ sơ này.", repr(exc), "extract")
        return save_failure(store, spec, entry, digest, err, flow_run_id)
    # What reviewers taught applies first; a rerun keeps this dossier's own reviews, laid over last.
    record = Reviews(store).apply(digest, Learning(store).apply(build_record(entry, extraction, notes)))
    text = "\n\n".join(doc.text for doc in docs)
    store.save(digest, {**columns(record), "text": text, "ruleset_version": extraction.ruleset_version})
    _compare(store, digest, text, record["title"])
    # Saved before the move, the record survives a crash in between; the next scan then finishes the move.
    store.save(digest, {"location": _file(entry, spec, digest, "needs_review")})
    return Outcome(entry.source, PROCESSED, digest)
