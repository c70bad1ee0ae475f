"""Reruns: process recorded dossiers again, for example after a missing program was installed.

A dossier is read again where its files are: a failed one in `<inbox>/_loi` (scans never look there, so no scan
races the rerun for it), a processed one in the archive or a kept inbox. Its old record is forgotten only when
the rerun's task takes the dossier up, so until then it stays in its list (failed, or awaiting review) instead of
vanishing; then it is processed as new and filed again (archived, or back in `_loi` with its new reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy as sa

from extractors.errors import FailureKind
from pipeline.filing import REASON_SUFFIX
from pipeline.inbox import FAILED_FOLDER, Entry
from pipeline.store import PROCESSING, Store

# Failures whose cause lies outside the dossier's files: a program missing on the machine, OCR or a time limit
# failing under load, a passing fault, a bug of ours. Their task runs end Failed and Prefect's Retry of the flow
# run reads them again. The files' own faults (bad input, unsupported, encrypted, empty, not a dossier, crashing a
# reader twice) would fail the same way again: the file must change.
CAUSE_OUTSIDE_THE_FILE = frozenset(kind.name for kind in (
    FailureKind.missing_dependency, FailureKind.ocr_failed, FailureKind.timeout, FailureKind.transient,
    FailureKind.internal))


@dataclass
class RerunPlan:
    """The dossiers to read again, by the inbox they belong to: {path: fingerprint of the record it replaces}."""

    failed: dict[Path, dict[str, str]] = field(default_factory=dict)  # inbox → its `_loi` entries
    in_place: dict[str, str] = field(default_factory=dict)  # processed (or kept) entries, never moved
    missing: list[str] = field(default_factory=list)  # records whose files are gone


NOT_APPROVED = ("needs_review", "returned")  # `--learned`: what learning may still change


def select(store: Store, names: list[str], failed: bool, learned: bool = False) -> list[dict]:
    """The rows named (by dossier name, entry name or fingerprint prefix), or every failed one, or (`learned`)
    every one not approved yet: what reviewers have taught since may change it."""
    statuses = ("failed",) * failed + NOT_APPROVED * learned
    rows = store.rows(statuses=statuses or None)
    if statuses and not names:
        return rows
    wanted = set(names)
    return [r for r in rows if {r["name"], r["source"]} & wanted or any(r["fingerprint"].startswith(n)
                                                                        for n in wanted if len(n) >= 8)]


def plan(rows: list[dict]) -> RerunPlan:
    """Where each row's dossier is read again; nothing is moved or forgotten yet."""
    made = RerunPlan()
    for row in rows:
        location = Path(row["location"] or "")
        if not row["location"] or not location.exists():
            made.missing.append(row["source"])
        elif location.parent.name == FAILED_FOLDER:
            made.failed.setdefault(location.parent.parent, {})[str(location)] = row["fingerprint"]
        else:
            made.in_place[str(location)] = row["fingerprint"]
    return made


def take_up(store: Store, entry: Entry, fingerprint: str) -> Entry:
    """A rerun's task starts on `entry`: forget the record it replaces (not a claim someone holds) and the reason
    note beside it in `_loi`, so the dossier is processed as new. Returns the entry under the record's name and
    source: an archived file's name carries a fingerprint prefix, and the dossier keeps the name it is known by."""
    if entry.path.parent.name == FAILED_FOLDER:
        entry.path.with_name(entry.path.name + REASON_SUFFIX).unlink(missing_ok=True)
    t = store.dossiers
    with store.engine.begin() as conn:
        known = conn.execute(sa.select(t.c.name, t.c.source).where(t.c.fingerprint == fingerprint)).first()
        conn.execute(t.delete().where(t.c.fingerprint == fingerprint, t.c.status != PROCESSING))
    return replace(entry, name=known.name, source=known.source) if known else entry


def left_by_run(store: Store, flow_run_id: str) -> dict[str, str]:
    """What a flow run left for its Retry: its dossiers that failed for a cause outside their files, and those it
    did not finish (a crash); {path: fingerprint}. Their claims are taken over as for any dead holder."""
    t = store.dossiers
    query = sa.select(t.c.fingerprint, t.c.location).where(
        t.c.flow_run_id == str(flow_run_id),
        (t.c.status == PROCESSING) | ((t.c.status == "failed") & t.c.error_kind.in_(CAUSE_OUTSIDE_THE_FILE)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {row.location: row.fingerprint for row in rows if row.location and Path(row.location).exists()}
