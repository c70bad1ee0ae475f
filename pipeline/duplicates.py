"""Inbox entries whose content repeats a stored dossier: kept in the `duplicates` table so the review page can
show them beside the dossier they repeat (a secretary otherwise meets them only in the inbox's `_loi` folder)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from pipeline.store import Store


def record(store: Store, fingerprint: str, source: str, location: str) -> None:
    """Note that `source` (now at `location`) repeats the dossier `fingerprint`; once per entry name."""
    t, now = store.meta.tables["duplicates"], datetime.now(timezone.utc)
    values = {"location": location, "at": now}
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(t).values(fingerprint=fingerprint, source=source, **values))
    except IntegrityError:  # the same entry seen again (a kept inbox is rescanned): the newest sighting wins
        with store.engine.begin() as conn:
            conn.execute(update(t).where(t.c.fingerprint == fingerprint, t.c.source == source).values(**values))


def counts(store: Store, fingerprints: list[str]) -> dict[str, int]:
    """How many duplicate entries each of `fingerprints` has received."""
    if not fingerprints:
        return {}
    t = store.meta.tables["duplicates"]
    query = select(t.c.fingerprint, func.count()).where(t.c.fingerprint.in_(fingerprints)).group_by(t.c.fingerprint)
    with store.engine.connect() as conn:
        return dict(conn.execute(query).all())


def recent(store: Store, limit: int = 20) -> list[dict]:
    """The newest duplicate entries, each with the name, title and status of the dossier it repeats."""
    t, d = store.meta.tables["duplicates"], store.dossiers
    query = (select(t.c.source, t.c.location, t.c.at, t.c.fingerprint, d.c.name.label("original"),
                    d.c.source.label("original_source"), d.c.title, d.c.status)
             .join(d, d.c.fingerprint == t.c.fingerprint).order_by(t.c.at.desc(), t.c.id.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def of(store: Store, fingerprint: str) -> list[dict]:
    """The duplicate entries of one dossier, newest first."""
    t = store.meta.tables["duplicates"]
    with store.engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.fingerprint == fingerprint).order_by(t.c.at.desc()))
        return [dict(r) for r in rows.mappings()]
