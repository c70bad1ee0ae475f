"""One dossier from inbox entry to stored record: claim, read every file, extract the fields, save.

This is the unit of work a Prefect task runs. It never raises for bad input: a dossier that cannot be read
becomes a failed record whose message tells a secretary what to do. Only errors a retry may cure (timeouts,
transient I/O) are raised, after giving the claim back, so Prefect can retry the task.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from extractors.errors import DossierError, FailureKind
from extractors.fields import Extraction, extract_fields
from extractors.model import Document
from extractors.read import read_file
from extractors.ruleset import ruleset_version
from pipeline.inbox import Entry, fingerprint
from pipeline.store import Store

log = logging.getLogger(__name__)

PROCESSED, FAILED, DUPLICATE = "processed", "failed", "duplicate"


@dataclass(frozen=True)
class Outcome:
    """What happened to one entry: processed, failed or duplicate (of `fingerprint`'s existing record)."""

    source: str
    kind: str
    fingerprint: str
    message: str = ""


def _read_all(entry: Entry) -> tuple[list[Document], list[str]]:
    """Read every file; a folder keeps what it can read and notes the rest, a folder of nothing readable fails."""
    docs, notes, first_error = [], [], None
    for rel, path in entry.files:
        try:
            docs.append(read_file(path, rel))
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


def build_record(entry: Entry, extraction: Extraction, notes: list[str]) -> dict:
    """The contract's record for an extracted dossier (status needs_review)."""
    return {"dossier": entry.name, "source": entry.source, "status": "needs_review", **extraction.values(),
            "fields": extraction.provenance(), "error": None, "notes": notes}


def failed_record(entry: Entry, err: DossierError) -> dict:
    empty = {"title": None, "authors": [], "unit": None, "sector": None, "first_applied": None, "benefit": None,
             "addressee": None, "fields": {}}
    return {"dossier": entry.name, "source": entry.source, "status": "failed", **empty,
            "error": {"stage": err.stage, "message": err.user_message}}


def _columns(record: dict) -> dict:
    """The filterable columns derived from a record."""
    authors, sector, benefit = record["authors"], record["sector"] or {}, record["benefit"] or {}
    confidences = [f["confidence"] for f in record["fields"].values()]
    return {"status": record["status"], "title": record["title"], "unit": record["unit"],
            "lead_author": authors[0]["name"] if authors else None, "sector_code": sector.get("code"),
            "first_applied": record["first_applied"], "amount_vnd": benefit.get("amount_vnd"),
            "min_confidence": min(confidences) if confidences else None, "record": record}


def save_failure(store: Store, entry: Entry, digest: str, err: DossierError, flow_run_id: str | None) -> Outcome:
    """Store `err` as the dossier's failed record."""
    log.info("dossier %s failed (%s): %s", entry.source, err.kind.name, err.detail)
    store.save(digest, {**_columns(failed_record(entry, err)), "error_kind": err.kind.name, "error_stage": err.stage,
                        "error_message": err.user_message, "flow_run_id": flow_run_id,
                        "ruleset_version": ruleset_version()})
    return Outcome(entry.source, FAILED, digest, err.user_message)


def process_entry(store: Store, entry: Entry, flow_run_id: str | None = None) -> Outcome:
    """Claim, read, extract and save one dossier; duplicates of stored content are reported, not redone."""
    digest, files = fingerprint(entry)
    if not store.claim(digest, entry.name, entry.source):
        existing = store.get(digest)
        return Outcome(entry.source, DUPLICATE, digest, existing["source"] if existing else "")
    store.save(digest, {"files": files, "flow_run_id": flow_run_id})
    try:
        docs, notes = _read_all(entry)
        extraction = extract_fields(docs)
    except DossierError as err:
        if err.kind.retryable:
            store.release(digest)
            raise
        return save_failure(store, entry, digest, err, flow_run_id)
    except Exception as exc:  # a bug of ours must not stop the batch; the dossier says so and is kept
        log.exception("internal error on %s", entry.source)
        err = DossierError(FailureKind.internal, "Phần mềm gặp lỗi khi xử lý hồ sơ này.", repr(exc), "extract")
        return save_failure(store, entry, digest, err, flow_run_id)
    record = build_record(entry, extraction, notes)
    text = "\n\n".join(doc.text for doc in docs)
    store.save(digest, {**_columns(record), "text": text, "ruleset_version": extraction.ruleset_version})
    return Outcome(entry.source, PROCESSED, digest)
