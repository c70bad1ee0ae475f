"""Reviewers' work on records: corrected fields, decisions (approved / returned) and the audit trail.

Corrections and decisions live in their own tables keyed by the dossier fingerprint, not in the dossier row:
a rerun forgets the row and extracts again, and `apply` lays the reviewers' work back over the fresh record.
A corrected field is certain (confidence 1) and says so (`corrected: true`); its provenance is kept, with the value
the extractor had found (`extracted`). A corrected unit or sector also teaches its writing (pipeline.learning).

A decided dossier (approved or returned) is locked: no correction and no other decision until someone reopens
it, which the audit trail records. Every change names the `version` of the dossier it was made on (what the
page showed); a change made on an older version is refused, so two reviewers on stale pages cannot overwrite
each other's work unseen. The check and the write are one transaction that starts by locking the dossier.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from extractors.record import FIELDS
from pipeline import similar
from pipeline.columns import columns
from pipeline.labels import STATUS_LABELS, when
from pipeline.learning import LEARNABLE, Learning
from pipeline.store import PROCESSING, Store, utc_now

EDITABLE = FIELDS  # every extracted field can be corrected
DECISIONS = ("approved", "returned")
UNDECIDED = "needs_review"  # an extracted record's status, and a reopened one's


class Refused(Exception):
    """A review action that may not happen now; the message is Vietnamese, for the page."""


class Stale(Refused):
    """The action was made on a version of the dossier that someone has changed since."""


class Locked(Refused):
    """The dossier is decided: reopen it first."""


class NotReviewable(Refused):
    """A failed dossier (nothing to review) or one being processed again."""


class _Unchanged(Exception):
    """Nothing to write: leaves the change's transaction without a trace (the version stays as it was)."""


def overlay(record: dict, corrections: dict, decision: dict | None) -> dict:
    """`record` with corrected fields and the decided status (a failed record has no fields to review)."""
    if record.get("status") == "failed":
        return record
    out = dict(record) | {"fields": dict(record.get("fields") or {})}
    for field, value in corrections.items():
        found = {k: v for k, v in (out["fields"].get(field) or {}).items() if k != "absent"}
        extracted = found["extracted"] if found.get("corrected") and "extracted" in found else record.get(field)
        out[field] = value
        out["fields"][field] = found | {"confidence": 1.0, "corrected": True, "extracted": extracted}
    out["status"] = decision["status"] if decision else UNDECIDED
    return out


def version_of(row: dict, last_log_id: int | None) -> str:
    """What a page or form was made on: the newest audit entry and the row's last write (a rerun changes it)."""
    return f"{last_log_id or 0}.{row['updated_at'].isoformat()}"


@dataclass
class Reviews:
    store: Store

    def _table(self, name: str) -> Table:
        return self.store.meta.tables[name]

    def corrections(self, fingerprint: str, conn: Connection | None = None) -> dict:
        t = self._table("corrections")
        with self._reading(conn) as c:
            return {r.field: r.value for r in c.execute(select(t).where(t.c.fingerprint == fingerprint))}

    def decision(self, fingerprint: str, conn: Connection | None = None) -> dict | None:
        t = self._table("decisions")
        with self._reading(conn) as c:
            found = c.execute(select(t).where(t.c.fingerprint == fingerprint)).mappings().first()
        return dict(found) if found else None

    def decisions(self) -> dict[str, dict]:
        """Every decision by fingerprint (the exports' "Ghi chú" column)."""
        t = self._table("decisions")
        with self.store.engine.connect() as conn:
            return {r["fingerprint"]: dict(r) for r in conn.execute(select(t)).mappings()}

    def apply(self, fingerprint: str, record: dict, conn: Connection | None = None) -> dict:
        """The reviewed record: the extracted one with this dossier's corrections and decision laid over it."""
        return overlay(record, self.corrections(fingerprint, conn), self.decision(fingerprint, conn))

    def history(self, fingerprint: str) -> list[dict]:
        t = self._table("review_log")
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t).where(t.c.fingerprint == fingerprint).order_by(t.c.at.desc(), t.c.id.desc()))
            return [dict(r) for r in rows.mappings()]

    def version(self, row: dict) -> str:
        """The version of the dossier `row` (as just read) that the page's forms carry."""
        with self.store.engine.connect() as conn:
            return version_of(row, self._last_log_id(conn, row["fingerprint"]))

    def correct(self, fingerprint: str, field: str, new, username: str, version: str) -> bool:
        """Set `field` to `new`; False (and nothing logged) when that is its value already."""
        if field not in EDITABLE:
            raise ValueError(f"not an editable field: {field}")
        t = self._table("corrections")
        try:
            with self._changing(fingerprint, version) as (conn, row, now):
                self._refuse_if_decided(conn, fingerprint)
                old = (row["record"] or {}).get(field)
                if new == old:
                    raise _Unchanged
                conn.execute(delete(t).where(t.c.fingerprint == fingerprint, t.c.field == field))
                conn.execute(insert(t).values(fingerprint=fingerprint, field=field, value=new, username=username,
                                              at=now))
                learning = Learning(self.store)
                if field in LEARNABLE:
                    learning.teach(conn, field, row["record"] or {}, new, fingerprint, username, now)
                else:
                    learning.propose_label(conn, row, field, new, username, now)
                self._log(conn, fingerprint, username, now, "correct", field=field, old=old, new=new)
        except _Unchanged:
            return False
        if field == "title":
            similar.retitled(self.store, fingerprint, new)
        return True

    def decide(self, fingerprint: str, status: str, comment: str | None, username: str, version: str) -> None:
        if status not in DECISIONS:
            raise ValueError(f"not a decision: {status}")
        t = self._table("decisions")
        with self._changing(fingerprint, version) as (conn, row, now):
            self._refuse_if_decided(conn, fingerprint)
            conn.execute(insert(t).values(fingerprint=fingerprint, status=status, comment=comment,
                                          username=username, at=now))
            self._log(conn, fingerprint, username, now, status, field="status", old=row["status"], new=status,
                      comment=comment)

    def reopen(self, fingerprint: str, username: str, version: str) -> None:
        """Undo the decision so the dossier can be corrected and decided again (logged as `reopen`)."""
        with self._changing(fingerprint, version) as (conn, row, now):
            if self.decision(fingerprint, conn) is None:
                raise Refused("Hồ sơ này chưa được duyệt hay trả lại nên không cần mở lại.")
            decisions = self._table("decisions")
            conn.execute(delete(decisions).where(decisions.c.fingerprint == fingerprint))
            self._log(conn, fingerprint, username, now, "reopen", field="status", old=row["status"], new=UNDECIDED)

    @contextmanager
    def _changing(self, fingerprint: str, version: str) -> Iterator[tuple[Connection, dict, datetime]]:
        """One transaction for a reviewer's change: lock the dossier, check the version the change was made on,
        let the caller write, then store the reviewed record's columns."""
        t = self.store.dossiers
        with self.store.engine.begin() as conn:
            # A write comes first: it takes the row's lock (PostgreSQL) or the database's write lock (SQLite)
            # before anything is read, so two changes made on the same version are checked one after the other
            # and the second sees the first's new version.
            conn.execute(update(t).where(t.c.fingerprint == fingerprint).values(updated_at=t.c.updated_at))
            found = conn.execute(select(t).where(t.c.fingerprint == fingerprint)).mappings().first()
            if found is None or found["status"] in (PROCESSING, "failed"):
                raise NotReviewable("Hồ sơ này chưa có nội dung để duyệt (lỗi hoặc đang được xử lý lại).")
            row = dict(found)
            if version != version_of(row, self._last_log_id(conn, fingerprint)):
                raise Stale(self._stale_message(conn, fingerprint, version))
            now = utc_now()
            yield conn, row, now
            self.store.write(conn, fingerprint, columns(self.apply(fingerprint, row["record"], conn)))

    def _refuse_if_decided(self, conn: Connection, fingerprint: str) -> None:
        decision = self.decision(fingerprint, conn)
        if decision:
            raise Locked(f"Hồ sơ đã ở trạng thái “{STATUS_LABELS[decision['status']]}” nên đang khóa: "
                         "bấm “Mở lại để sửa” trước khi sửa hay quyết định lại.")

    def _last_log_id(self, conn: Connection, fingerprint: str) -> int | None:
        t = self._table("review_log")
        return conn.execute(select(func.max(t.c.id)).where(t.c.fingerprint == fingerprint)).scalar()

    def _stale_message(self, conn: Connection, fingerprint: str, version: str) -> str:
        """Says who changed the dossier since `version`: a reviewer, or the pipeline (a rerun re-extracted it)."""
        t = self._table("review_log")
        seen = version.partition(".")[0]
        last = conn.execute(select(t).where(t.c.fingerprint == fingerprint).order_by(t.c.id.desc())).first()
        if last and (not seen.isdigit() or last.id > int(seen)):
            by = f" ({last.username} đã thay đổi lúc {when(last.at)})"
        else:
            by = " (hồ sơ vừa được đọc lại)"
        return (f"Hồ sơ đã thay đổi sau khi bạn mở trang{by}. Thay đổi của bạn chưa được lưu: "
                "hãy mở lại trang hồ sơ để xem bản mới rồi làm lại.")

    @contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.store.engine.connect() as own:
                yield own

    def _log(self, conn, fingerprint: str, username: str, at: datetime, action: str, **values) -> None:
        conn.execute(insert(self._table("review_log")).values(fingerprint=fingerprint, username=username, at=at,
                                                              action=action, **values))
