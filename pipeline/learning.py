"""What reviewers teach (issue #18): a corrected unit or sector becomes the value of every dossier that writes it
the same way, and a corrected value found after a label no rule knew proposes that label to an admin.

A reviewer who corrects a dossier's unit from "MN Hoa Sen" to "Trường Mầm non Hoa Sen, Quận 3" teaches that the
spelling "MN Hoa Sen" names that unit; one who codes the sector written "Công tác thư viện cơ sở" as culture
teaches that wording's code. A unit's spelling is compared folded, punctuation-free and with the registry's
abbreviations expanded (extractors.fields.units.normalise), so "Trường MN Hoa Sen." is the same spelling; a
sector's wording folded. Later dossiers written so get the taught value at once (no retraining), at least
`LEARNED_CONFIDENCE` sure, and their provenance says so: the rule id gains "+learned#<id>" and `learned` names the
dossier, the reviewer and the time. A reviewer's correction of the dossier itself still wins: corrections are laid
over after this. (Corrected sectors also retrain the sector classifier, which generalises beyond the very wording:
pipeline.sector_learning.)

What was learned is kept as rows that are only ever retired, never changed (table `learned_values`): a new
correction of the same spelling retires the one before it; an admin may retire a row (it stops applying) or put a
retired one back; `sangkien rerun --learned` processes the dossiers not yet approved again with what is known now.

A corrected title, author, date or benefit whose value the dossier's text writes after a label that no rule of
that field knows ("Thời điểm đưa vào sử dụng: 03/2024") makes a proposal (extractors.fields.label_proposal), never
a rule on its own: an admin accepts it (later dossiers are read with it, `using_labels`) or rejects it; a label is
proposed once per field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, insert, select, update

from extractors.fields.label_proposal import RULE_LISTS, label_rule, unknown_label
from extractors.fields.ruleset import LabelRule
from extractors.fields.units import normalise, registry
from extractors.fold import squash
from pipeline.labels import sector_label
from pipeline.store import Store, utc_now

LEARNED_CONFIDENCE = 0.9  # a reviewer gave this very writing its value: surer than any unlabelled strategy


def unit_key(text: str | None) -> str:
    """The spelling a learned unit is matched by: folded, punctuation-free, abbreviations expanded."""
    return normalise(text or "", registry().abbreviations)


def _learned_writing(record: dict, field: str) -> str | None:
    """What the extractor read for `field` when a learned value replaced it."""
    return (((record.get("fields") or {}).get(field) or {}).get("learned") or {}).get("written")


def written_unit(record: dict) -> str | None:
    """The unit as the extractor wrote it for `record` (before any learned name or reviewer's correction)."""
    info = (record.get("fields") or {}).get("unit") or {}
    learned = _learned_writing(record, "unit")
    return learned or (info["extracted"] if "extracted" in info else record.get("unit"))


def written_sector(record: dict) -> str | None:
    """The sector as the dossier wrote it (kept through corrections and learned codes)."""
    return (record.get("sector") or {}).get("raw")


@dataclass(frozen=True)
class Learnable:
    """How one field is learned: the writing a correction teaches, its key, what is kept of the corrected value,
    and the field's value made of what was kept."""

    written: Callable[[dict], str | None]
    key: Callable[[str | None], str]
    kept: Callable[[object], str | None]
    value: Callable[[dict, str], object]


LEARNABLE = {
    "unit": Learnable(written_unit, unit_key, lambda new: new or None, lambda record, name: name),
    "sector": Learnable(written_sector, lambda text: squash(text or ""), lambda new: (new or {}).get("code"),
                        lambda record, code: {"code": code, "label": sector_label(code),
                                              "raw": written_sector(record)}),
}


@dataclass(frozen=True)
class Learned:
    id: int
    field: str
    key: str
    written: str
    name: str  # the unit's name; the sector's code
    fingerprint: str
    dossier: str
    username: str
    at: datetime
    retired_at: datetime | None = None
    retired_by: str | None = None


def with_learned(record: dict, learned: Learned | None) -> dict:
    """`record` with the value learned for the way it writes `learned.field`, when one was learned."""
    if learned is None or record.get("status") == "failed":
        return record
    field, kind = learned.field, LEARNABLE[learned.field]
    writing = kind.written(record)
    if not writing:
        return record
    info = (record.get("fields") or {}).get(field) or {}
    taught = {"confidence": max(info.get("confidence") or 0.0, LEARNED_CONFIDENCE),
              "rule": f"{info.get('rule') or field}+learned#{learned.id}",
              "learned": {"id": learned.id, "written": writing, "dossier": learned.dossier, "by": learned.username,
                          "at": learned.at.isoformat()}}
    return record | {field: kind.value(record, learned.name), "fields": record["fields"] | {field: info | taught}}


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


@dataclass
class Learning:
    store: Store

    @property
    def values(self) -> Table:
        return self.store.meta.tables["learned_values"]

    def teach(self, conn: Connection, field: str, record: dict, new, fingerprint: str, username: str,
              at: datetime) -> Learned | None:
        """A reviewer set `record`'s `field` to `new` (within the correction's transaction): learn it for the way
        the dossier writes it. Nothing is learned when the dossier wrote nothing there or the value is its own
        writing; what this dossier or this writing taught before is retired (its newest correction counts)."""
        kind = LEARNABLE[field]
        written, name = kind.written(record), kind.kept(new)
        key = kind.key(written)
        if not key or not name or key == kind.key(name):
            return None
        t = self.values
        taught_before = (t.c.key == key) | (t.c.fingerprint == fingerprint)
        conn.execute(update(t).where(t.c.field == field, t.c.retired_at.is_(None), taught_before)
                     .values(retired_at=at, retired_by=username))
        row = {"field": field, "key": key, "written": written, "name": name, "fingerprint": fingerprint,
               "dossier": record.get("dossier") or fingerprint[:12], "username": username, "at": at}
        new_id = conn.execute(insert(t).values(**row)).inserted_primary_key[0]
        return Learned(id=new_id, **row)

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
                                .values(status=status, decided_by=username, decided_at=utc_now()))
        return done.rowcount == 1

    def accepted_labels(self) -> tuple[tuple[str, LabelRule], ...]:
        """The accepted labels as (rule list, rule), for `ruleset.using_labels`."""
        t = self._labels
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(t.c.id, t.c.field, t.c.label).where(t.c.status == "accepted")
                                .order_by(t.c.id)).all()
        return tuple((RULE_LISTS[field], label_rule(label, id_)) for id_, field, label in rows)

    def learned_for(self, record: dict, field: str) -> Learned | None:
        """What was learned for the way `record` writes `field`, if anything."""
        key = LEARNABLE[field].key(LEARNABLE[field].written(record))
        if not key:
            return None
        t = self.values
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.field == field, t.c.key == key, t.c.retired_at.is_(None))
                               .order_by(t.c.id.desc())).mappings().first()
        return Learned(**row) if row else None

    def apply(self, record: dict) -> dict:
        for field in LEARNABLE:
            record = with_learned(record, self.learned_for(record, field))
        return record

    def all_learned(self) -> list[Learned]:
        """Everything learned, newest first, retired rows included (the admin page's history)."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(self.values).order_by(self.values.c.id.desc())).mappings().all()
        return [Learned(**row) for row in rows]

    def retire(self, learned_id: int, username: str) -> bool:
        """Stop applying one learned value; False when it is unknown or retired already."""
        t = self.values
        with self.store.engine.begin() as conn:
            done = conn.execute(update(t).where(t.c.id == learned_id, t.c.retired_at.is_(None))
                                .values(retired_at=utc_now(), retired_by=username))
        return done.rowcount == 1

    def restore(self, learned_id: int, username: str) -> Learned | None:
        """Apply a retired learned value again: a new version of it, taught by `username` now, which retires
        whatever its writing is taught now (the retired row stays as it was, for the history)."""
        t = self.values
        with self.store.engine.begin() as conn:
            row = conn.execute(select(t).where(t.c.id == learned_id)).mappings().first()
            if row is None or row["retired_at"] is None:
                return None
            now = utc_now()
            conn.execute(update(t).where(t.c.field == row["field"], t.c.key == row["key"], t.c.retired_at.is_(None))
                         .values(retired_at=now, retired_by=username))
            copy = {k: row[k] for k in ("field", "key", "written", "name", "fingerprint", "dossier")} | {
                "username": username, "at": now}
            new_id = conn.execute(insert(t).values(**copy)).inserted_primary_key[0]
        return Learned(id=new_id, **copy)
