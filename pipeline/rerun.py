"""Reruns: process recorded dossiers again, for example after a missing program was installed.

A failed dossier's files wait in `<inbox>/_loi`; a rerun puts them back into the inbox (dropping the reason
file) and forgets the failed record, so the next batch treats them as new. A processed dossier is re-read where
its files are now (the archive, or a kept inbox) and its record replaced; nothing is moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.filing import REASON_SUFFIX, free_name
from pipeline.inbox import FAILED_FOLDER
from pipeline.store import Store


@dataclass
class RerunPlan:
    """Inboxes to scan again (failed dossiers put back) and paths to re-read in place."""

    inboxes: set[Path] = field(default_factory=set)
    in_place: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # records whose files are gone


def select(store: Store, names: list[str], failed: bool) -> list[dict]:
    """The rows named (by dossier name, entry name or fingerprint prefix), or every failed one."""
    rows = store.rows(statuses=("failed",)) if failed else store.rows()
    if failed and not names:
        return rows
    wanted = set(names)
    return [r for r in rows if {r["name"], r["source"]} & wanted or any(r["fingerprint"].startswith(n)
                                                                        for n in wanted if len(n) >= 8)]


def prepare(store: Store, rows: list[dict]) -> RerunPlan:
    """Put failed entries back into their inbox, forget the rows, and say what to process."""
    plan = RerunPlan()
    for row in rows:
        location = Path(row["location"] or "")
        if not row["location"] or not location.exists():
            plan.missing.append(row["source"])
            continue
        if location.parent.name == FAILED_FOLDER:
            inbox = location.parent.parent
            location.with_name(location.name + REASON_SUFFIX).unlink(missing_ok=True)
            location.rename(free_name(inbox, row["source"]))
            plan.inboxes.add(inbox)
        else:
            plan.in_place.append(str(location))
        store.forget(row["fingerprint"])
    return plan
