"""What reviewers teach (issue #18): a corrected unit becomes the name of every unit written the same way, and a
corrected value found after a label no rule knew proposes that label to an admin.

A reviewer who corrects a dossier's unit from "MN Hoa Sen" to "Trường Mầm non Hoa Sen, Quận 3" teaches that the
spelling "MN Hoa Sen" names that unit. The spelling is compared folded, punctuation-free and with the registry's
abbreviations expanded (extractors.fields.units.normalise), so "Trường MN Hoa Sen." is the same spelling. Later
dossiers whose extracted unit has that key get the taught name, at least `LEARNED_CONFIDENCE` sure, and their
provenance says so: the rule id gains "+learned#<id>" and `learned` names the dossier, the reviewer and the time.
A reviewer's correction of the dossier itself still wins: corrections are laid over after this.

What was learned is kept as rows that are only ever retired, never changed (table `learned_units`): a new
correction of the same spelling retires the one before it; an admin may retire a row (it stops applying) or put a
retired one back; `sangkien rerun --learned` processes the dossiers not yet approved again with what is known now.

A corrected title, author, date or benefit whose value the dossier's text writes after a label that no rule of
that field knows ("Thời điểm đưa vào sử dụng: 03/2024") makes a proposal (extractors.fields.label_proposal), never
a rule on its own: an admin accepts it (later dossiers are read with it, `using_labels`) or rejects it; a label is
proposed once per field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, Table, insert, select, update

from extractors.fields.label_proposal import RULE_LISTS, label_rule, unknown_label
from extractors.fields.ruleset import LabelRule
from extractors.fields.units import normalise, registry
from extractors.fold import squash
from pipeline.store import Store

LEARNED_CONFIDENCE = 0.9  # a reviewer named this spelling's unit: surer than any unlabelled strategy


def unit_key(text: str | None) -> str:
    """The spelling a learned unit is matched by: folded, punctuation-free, abbreviations expanded."""
    return normalise(text or "", registry().abbreviations)


@dataclass(frozen=True)
class LearnedUnit:
    id: int
    key: str
    written: str
    name: str
    fingerprint: str
    dossier: str
    username: str
    at: datetime
    retired_at: datetime | None = None
    retired_by: str | None = None


def written_unit(record: dict) -> str | None:
    """The unit as the extractor wrote it for `record` (before any learned name or reviewer's correction)."""
    info = (record.get("fields") or {}).get("unit") or {}
    if "learned" in info:
        return info["learned"]["written"]
    return info["extracted"] if "extracted" in info else record.get("unit")


def with_learned_unit(record: dict, learned: LearnedUnit | None) -> dict:
    """`record` with the learned name of its unit's spelling, when one was learned."""
    unit = record.get("unit")
    if learned is None or not unit or record.get("status") == "failed":
        return record
    info = (record.get("fields") or {}).get("unit") or {}
    taught = {"confidence": max(info.get("confidence") or 0.0, LEARNED_CONFIDENCE),
              "rule": f"{info.get('rule') or 'unit'}+learned#{learned.id}",
              "learned": {"id": learned.id, "written": unit, "dossier": learned.dossier, "by": learned.username,
                          "at": learned.at.isoformat()}}
    return record | {"unit": learned.name, "fields": record["fields"] | {"unit": info | taught}}


@dataclass(frozen=True)
class LabelProposal:
    id: int
    field: str
    label: str
    key: str
    fingerprint: str
    dossier: str
    username: str
    at: datetime
    status: str  # proposed, accepted, rejected
    decided_by: str | None = None
    decided_at: datetime | None = None


LABEL_DECISIONS = ("accepted", "rejected")


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Learning:
    store: Store

    @property
    def units(self) -> Table:
        return self.store.meta.tables["learned_units"]

    def teach_unit(self, conn: Connection, record: dict, name: str | None, fingerprint: str, username: str,
                   at: datetime) -> LearnedUnit | None:
        """A reviewer set `record`'s unit to `name` (within the correction's transaction): learn its spelling.
        Nothing is learned when the extractor found no unit or wrote the same name; what this dossier or this
        spelling taught before is retired (its newest correction is what counts)."""
        written = written_unit(record)
        key = unit_key(written)
        if not key or not name or key == unit_key(name):
            return None
        t = self.units
        conn.execute(update(t).where(t.c.retired_at.is_(None), (t.c.key == key) | (t.c.fingerprint == fingerprint))
                     .values(retired_at=at, retired_by=username))
        row = {"key": key, "written": written, "name": name, "fingerprint": fingerprint,
               "dossier": record.get("dossier") or fingerprint[:12], "username": username, "at": at}
        new_id = conn.execute(insert(t).values(**row)).inserted_primary_key[0]
        return LearnedUnit(id=new_id, **row)

    def propose_label(self, conn: Connection, row: dict, field: str, value, username: str,
                      at: datetime) -> LabelProposal | None:
        """A reviewer set `field` of the dossier `row` to `value` (within the correction's transaction): propose
        the label that writes it, when no rule knows that label and it was not proposed before."""
        label = unknown_label((row.get("text") or "").splitlines(), field, value)
        if label is None:
            return None
        t = self._labels
        key = squash(label)
        if conn.execute(select(t.c.id).where(t.c.field == field, t.c.key == key)).first():
            return None
        values = {"field": field, "label": label, "key": key, "fingerprint": row["fingerprint"],
                  "dossier": row.get("name") or row["fingerprint"][:12], "username": username, "at": at,
                  "status": "proposed"}
        new_id = conn.execute(insert(t).values(**values)).inserted_primary_key[0]
        return LabelProposal(id=new_id, **values)

    @property
    def _labels(self) -> Table:
        return self.store.meta.tables["label_proposals"]

    def label_proposals(self) -> list[LabelProposal]:
        """Every proposal, those awaiting a decision first, newest first."""
        t = self._labels
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t).order_by((t.c.status == "proposed").desc(), t.c.id.desc())).mappings()
            return [LabelProposal(**row) for row in rows]

    def decide_label(self, proposal_id: int, status: str, username: str) -> bool:
        """Accept or reject a proposal (or change an earlier decision); False when it is unknown."""
        if status not in LABEL_DECISIONS:
            raise ValueError(f"not a decision: {status}")
        t = self._labels
        with self.store.engine.begin() as conn:
            done = conn.execute(update(t).where(t.c.id == proposal_id)
                                .values(status=status, decided_by=username, decided_at=_now()))
        return done.rowcount == 1

    def accepted_labels(self) -> tuple[tuple[str, LabelRule], ...]:
        """The accepted labels as (rule list, rule), for `ruleset.using_labels`."""
        t = self._labels
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.c.id, t.c.field, t.c.label).where(t.c.status == "accepted")
                                .order_by(t.c.id)).all()
        return tuple((RULE_LISTS[field], label_rule(label, f"learned-label-{id_}")) for id_, field, label in rows)

    def unit_for(self, record: dict) -> LearnedUnit | None:
        """The learned unit of `record`'s unit spelling, if any."""
        key = unit_key(record.get("unit"))
        if not key:
            return None
        t = self.units
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.key == key, t.c.retired_at.is_(None))
                               .order_by(t.c.id.desc())).mappings().first()
        return LearnedUnit(**row) if row else None

    def apply(self, record: dict) -> dict:
        return with_learned_unit(record, self.unit_for(record))

    def all_units(self) -> list[LearnedUnit]:
        """Everything learned, newest first, retired rows included (the admin page's history)."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(self.units).order_by(self.units.c.id.desc())).mappings().all()
        return [LearnedUnit(**row) for row in rows]

    def retire(self, learned_id: int, username: str) -> bool:
        """Stop applying one learned unit; False when it is unknown or retired already."""
        t = self.units
        with self.store.engine.begin() as conn:
            done = conn.execute(update(t).where(t.c.id == learned_id, t.c.retired_at.is_(None))
                                .values(retired_at=_now(), retired_by=username))
        return done.rowcount == 1

    def restore(self, learned_id: int, username: str) -> LearnedUnit | None:
        """Apply a retired learned unit again: a new version of it, taught by `username` now, which retires
        whatever its spelling is taught now (the retired row stays as it was, for the history)."""
        t = self.units
        with self.store.engine.begin() as conn:
            row = conn.execute(select(t).where(t.c.id == learned_id)).mappings().first()
            if row is None or row["retired_at"] is None:
                return None
            now = _now()
            conn.execute(update(t).where(t.c.key == row["key"], t.c.retired_at.is_(None))
                         .values(retired_at=now, retired_by=username))
            copy = {k: row[k] for k in ("key", "written", "name", "fingerprint", "dossier")} | {
                "username": username, "at": now}
            new_id = conn.execute(insert(t).values(**copy)).inserted_primary_key[0]
        return LearnedUnit(id=new_id, **copy)
