"""Reviewers' work on records: corrected fields, decisions (approved / returned) and the audit trail.

Corrections and decisions live in their own tables keyed by the dossier fingerprint, not in the dossier row:
a rerun forgets the row and extracts again, and `apply` lays the reviewers' work back over the fresh record.
A corrected field is certain (confidence 1) and says so (`corrected: true`); its provenance is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Table, delete, insert, select

from pipeline.store import Store

EDITABLE = ("title", "authors", "unit", "sector", "first_applied", "benefit", "addressee")
DECISIONS = ("approved", "returned")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def overlay(record: dict, corrections: dict, decision: dict | None) -> dict:
    """`record` with corrected fields and the decided status (a failed record has no fields to review)."""
    if record.get("status") == "failed":
        return record
    out = dict(record) | {"fields": dict(record.get("fields") or {})}
    for field, value in corrections.items():
        out[field] = value
        found = {k: v for k, v in (out["fields"].get(field) or {}).items() if k != "absent"}
        out["fields"][field] = found | {"confidence": 1.0, "corrected": True}
    if decision:
        out["status"] = decision["status"]
    return out


@dataclass
class Reviews:
    store: Store

    def _table(self, name: str) -> Table:
        return self.store.meta.tables[name]

    def corrections(self, fingerprint: str) -> dict:
        t = self._table("corrections")
        with self.store.engine.connect() as conn:
            return {r.field: r.value for r in conn.execute(select(t).where(t.c.fingerprint == fingerprint))}

    def decision(self, fingerprint: str) -> dict | None:
        t = self._table("decisions")
        with self.store.engine.connect() as conn:
            found = conn.execute(select(t).where(t.c.fingerprint == fingerprint)).mappings().first()
        return dict(found) if found else None

    def decisions(self) -> dict[str, dict]:
        """Every decision by fingerprint (the exports' "Ghi chú" column)."""
        t = self._table("decisions")
        with self.store.engine.connect() as conn:
            return {r["fingerprint"]: dict(r) for r in conn.execute(select(t)).mappings()}

    def apply(self, fingerprint: str, record: dict) -> dict:
        """The reviewed record: the extracted one with this dossier's corrections and decision laid over it."""
        return overlay(record, self.corrections(fingerprint), self.decision(fingerprint))

    def history(self, fingerprint: str) -> list[dict]:
        t = self._table("review_log")
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t).where(t.c.fingerprint == fingerprint).order_by(t.c.at.desc(), t.c.id.desc()))
            return [dict(r) for r in rows.mappings()]

    def correct(self, fingerprint: str, field: str, old, new, username: str) -> None:
        if field not in EDITABLE:
            raise ValueError(f"not an editable field: {field}")
        t, now = self._table("corrections"), _now()
        with self.store.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.fingerprint == fingerprint, t.c.field == field))
            conn.execute(insert(t).values(fingerprint=fingerprint, field=field, value=new, username=username, at=now))
            self._log(conn, fingerprint, username, now, "correct", field=field, old=old, new=new)

    def decide(self, fingerprint: str, status: str, old_status: str, comment: str | None, username: str) -> None:
        if status not in DECISIONS:
            raise ValueError(f"not a decision: {status}")
        t, now = self._table("decisions"), _now()
        with self.store.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.fingerprint == fingerprint))
            conn.execute(insert(t).values(fingerprint=fingerprint, status=status, comment=comment,
                                          username=username, at=now))
            self._log(conn, fingerprint, username, now, status, field="status", old=old_status, new=status,
                      comment=comment)

    def _log(self, conn, fingerprint: str, username: str, at: datetime, action: str, **values) -> None:
        conn.execute(insert(self._table("review_log")).values(fingerprint=fingerprint, username=username, at=at,
                                                              action=action, **values))
