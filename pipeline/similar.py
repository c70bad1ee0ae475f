"""The near-copy index in the database (issue #19): every dossier saved is compared by content with every one
indexed before it, whichever process or machine indexed that one, and the pairs found are kept.

A dossier's content shingles (extractors.similarity, the form's boilerplate dropped) are signed with MinHash and
their LSH band keys stored in `similar_bands` (migration 0006). A lookup asks for the entries sharing any band
key with the dossier's text or title, reads their signatures in one query and scores them all at once: the
estimated share of the smaller one's content the other holds (`overlap`, `same_text` from `flags.same_text` on),
or, without such overlap, titles alike by rapidfuzz backed by some shared text (`same_title`). A pair is stored
once; both dossiers read it (`matches`), so the earlier one learns of the later without its record being
rewritten, and a rerun of either finds the pair again.

A dossier's own rows are written before it looks, so two look-alikes saved at the same moment by two workers
find each other at least once (twice is one row: the insert skips a pair already there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import Connection, delete, func, insert, or_, select, union, union_all

from extractors.fold import squash
from extractors.similarity.rules import similarity_rules
from extractors.similarity.shingles import content_shingles
from extractors.similarity.signature import (
    containments,
    from_bytes,
    sign,
    sign_title,
    text_banding,
    title_banding,
    to_bytes,
)
from pipeline.store import PROCESSING, Store, utc_now

__all__ = ["text_banding"]  # re-exported for the benchmark

log = logging.getLogger(__name__)
KINDS = ("same_text", "same_title", "overlap")


@dataclass(frozen=True)
class Signed:
    """A dossier as the index knows it: its signature row's values and its band keys."""

    fingerprint: str
    shingles: int
    signature: bytes | None
    title: str | None
    title_signature: bytes | None

    @classmethod
    def of(cls, fingerprint: str, text: str, title: str | None) -> "Signed":
        content = content_shingles(text or "")
        enough = len(content) >= similarity_rules().index.min_shingles
        key = squash(title) if title else None
        return cls(fingerprint, len(content), to_bytes(sign(content)) if enough else None, key,
                   to_bytes(sign_title(key)) if key else None)

    def keys(self) -> list[int]:
        keys = text_banding().keys(from_bytes(self.signature)) if self.signature else []
        return keys + (title_banding().keys(from_bytes(self.title_signature)) if self.title_signature else [])

    def row(self) -> dict:
        return {"fingerprint": self.fingerprint, "shingles": self.shingles, "signature": self.signature,
                "title": self.title, "title_signature": self.title_signature,
                "rules_version": similarity_rules().version, "indexed_at": utc_now()}


@dataclass(frozen=True)
class Match:
    """Another dossier like this one: how alike (0–1) and in what way."""

    fingerprint: str
    score: float
    kind: str


def _judge(me: Signed, other: dict, share: float, surely: float) -> Match | None:
    """`other` (a signature row) against `me`, given the estimated share of the smaller one's text found in the
    other and its cautious lower bound: a text overlap first, else alike titles, else None.

    Alike titles alone are weak evidence: councils see the same few dozen title patterns every year ("Một số biện
    pháp rèn luyện kỹ năng đọc hiểu cho học sinh lớp 4"), so when both dossiers have text to compare, a same title
    also needs `flags.title_support` of shared text, on the cautious bound (two unrelated reports of one sector
    share some wording, and the estimate's noise would lift a few over it). Only a bare form (no text
    signature) is flagged on its title alone."""
    flags = similarity_rules().flags
    if surely >= flags.overlap:
        kind = "same_text" if share >= flags.same_text else "overlap"
        return Match(other["fingerprint"], round(share, 3), kind)
    if not (me.title and other["title"]) or \
            min(len(me.title.split()), len(other["title"].split())) < flags.min_title_words:
        return None
    if me.signature and other["signature"] and surely < flags.title_support:
        return None
    ratio = fuzz.token_sort_ratio(me.title, other["title"])
    return Match(other["fingerprint"], round(ratio / 100, 3), "same_title") if ratio >= flags.same_title else None


def _tables(store: Store):
    tables = store.meta.tables
    return tables["similar_signatures"], tables["similar_bands"], tables["similar_pairs"]


def candidates(store: Store, me: Signed, conn: Connection | None = None) -> list[dict]:
    """The indexed entries sharing a band key with `me` (never itself), their signatures read in one query."""
    signatures, bands, _ = _tables(store)
    keys = me.keys()
    if not keys:
        return []
    entries = select(bands.c.entry).where(bands.c.band_key.in_(keys)).distinct().scalar_subquery()
    query = (select(signatures.c.fingerprint, signatures.c.shingles, signatures.c.signature, signatures.c.title)
             .where(signatures.c.id.in_(entries), signatures.c.fingerprint != me.fingerprint))
    if conn is None:
        with store.engine.connect() as own:
            return list(own.execute(query).mappings())
    return list(conn.execute(query).mappings())


def find(store: Store, me: Signed, conn: Connection | None = None) -> list[Match]:
    """The indexed dossiers like `me` (never itself), most alike first."""
    rows = candidates(store, me, conn)
    # A signature of another length was made under other rules (before a rebuild): its text is not comparable.
    texts = [i for i, row in enumerate(rows) if me.signature and row["signature"] and
             len(row["signature"]) == len(me.signature)]
    shares = [(0.0, 0.0)] * len(rows)
    if texts:
        share, surely = containments(me.signature, me.shingles, [rows[i]["signature"] for i in texts],
                                     [rows[i]["shingles"] for i in texts])
        for i, estimate, bound in zip(texts, share.tolist(), surely.tolist()):
            shares[i] = (estimate, bound)
    found = [match for row, (estimate, bound) in zip(rows, shares) if (match := _judge(me, row, estimate, bound))]
    return sorted(found, key=lambda m: (-m.score, m.fingerprint))


def _forget(conn: Connection, store: Store, fingerprint: str) -> None:
    """Drop a dossier's signature, band keys and pairs."""
    signatures, bands, pairs = _tables(store)
    old = conn.execute(select(signatures).where(signatures.c.fingerprint == fingerprint)).mappings().first()
    if old:
        previous = Signed(fingerprint, old["shingles"], old["signature"], old["title"], old["title_signature"])
        conn.execute(delete(bands).where(bands.c.entry == old["id"], bands.c.band_key.in_(previous.keys())))
        conn.execute(delete(signatures).where(signatures.c.id == old["id"]))
    conn.execute(delete(pairs).where(or_(pairs.c.fingerprint_a == fingerprint, pairs.c.fingerprint_b == fingerprint)))


def add(conn: Connection, store: Store, items: Iterable[Signed]) -> None:
    """Write signatures and their band keys (no lookup: a bulk load, as `rebuild` makes one)."""
    signatures, bands, _ = _tables(store)
    for item in items:
        entry = conn.execute(insert(signatures).values(**item.row())).inserted_primary_key[0]
        keys = sorted(set(item.keys()))
        if keys:
            conn.execute(insert(bands), [{"band_key": key, "entry": entry} for key in keys])


def _insert_ignoring_duplicates(conn: Connection, table, rows: list[dict]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    conn.execute(dialect_insert(table).on_conflict_do_nothing(), rows)


def _keep(store: Store, fingerprint: str, found: list[Match]) -> None:
    _, _, pairs = _tables(store)
    now = utc_now()
    rows = [{"fingerprint_a": min(fingerprint, m.fingerprint), "fingerprint_b": max(fingerprint, m.fingerprint),
             "score": m.score, "kind": m.kind, "found_at": now} for m in found]
    with store.engine.begin() as conn:
        _insert_ignoring_duplicates(conn, pairs, rows)


def index(store: Store, fingerprint: str, text: str, title: str | None) -> list[Match]:
    """Put a saved dossier in the index (replacing what it had there) and keep the pairs it makes with every
    other indexed dossier; returns them."""
    me = Signed.of(fingerprint, text, title)
    with store.engine.begin() as conn:
        _forget(conn, store, fingerprint)
        add(conn, store, [me])
    found = find(store, me)
    _keep(store, fingerprint, found)
    if found:
        log.info("dossier %s resembles %d others (best %s %.2f)", fingerprint[:12], len(found), found[0].kind,
                 found[0].score)
    return found


def indexable(store: Store) -> list[dict]:
    """Stored dossiers with text to compare, oldest first, each with its title as the reviewer corrected it."""
    t, corrections = store.dossiers, store.meta.tables["corrections"]
    query = (select(t.c.fingerprint, t.c.text, t.c.title)
             .where(t.c.status.not_in((PROCESSING, "failed")), t.c.text.is_not(None)).order_by(t.c.created_at))
    with store.engine.connect() as conn:
        corrected = dict(conn.execute(select(corrections.c.fingerprint, corrections.c.value)
                                      .where(corrections.c.field == "title")).all())
        return [dict(r) | {"title": corrected.get(r["fingerprint"], r["title"])}
                for r in conn.execute(query).mappings()]


def retitled(store: Store, fingerprint: str, title: str | None) -> list[Match]:
    """A reviewer corrected the dossier's title: compare it again under that title (a same title is a flag)."""
    row = store.get(fingerprint)
    return index(store, fingerprint, row["text"], title) if row and row["text"] is not None else []


def refresh_statistics(store: Store) -> None:
    """After a bulk load on PostgreSQL, tell the planner how many rows a band key has. Until autovacuum does (it
    may be late, or off), it guesses that a lookup's hundred band keys match half the table and scans all of it
    in parallel: 200 ms a lookup at 20,000 dossiers instead of 2 ms through the primary key. SQLite's planner
    takes the key without statistics."""
    if store.engine.dialect.name == "postgresql":
        signatures, bands, _ = _tables(store)
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {signatures.name}, {bands.name}")


def rebuild(store: Store, progress: Callable[[int], None] = lambda _done: None, batch: int = 500) -> int:
    """Empty the index and fill it again from the stored records (after a change of rules or a restore); then
    every dossier looks for its look-alikes. Returns how many dossiers were indexed."""
    signatures, bands, pairs = _tables(store)
    with store.engine.begin() as conn:
        for table in (pairs, bands, signatures):
            conn.execute(delete(table))
    rows, signed = indexable(store), []
    for start in range(0, len(rows), batch):
        chunk = [Signed.of(r["fingerprint"], r["text"], r["title"]) for r in rows[start:start + batch]]
        with store.engine.begin() as conn:
            add(conn, store, chunk)
        signed += chunk
    refresh_statistics(store)
    for done, me in enumerate(signed, start=1):
        _keep(store, me.fingerprint, find(store, me))
        progress(done)
    return len(signed)


def matches(store: Store, fingerprint: str) -> list[dict]:
    """The dossiers found like this one (either side of a pair), most alike first, each with its name, title,
    unit, status, dates and the pair's score and kind; failed or reprocessing ones are left out."""
    _, _, pairs = _tables(store)
    d = store.dossiers
    other = (select(pairs.c.fingerprint_b.label("other"), pairs.c.score, pairs.c.kind)
             .where(pairs.c.fingerprint_a == fingerprint)
             .union_all(select(pairs.c.fingerprint_a, pairs.c.score, pairs.c.kind)
                        .where(pairs.c.fingerprint_b == fingerprint)).subquery())
    query = (select(other.c.score, other.c.kind, d.c.fingerprint, d.c.name, d.c.source, d.c.title, d.c.unit,
                    d.c.status, d.c.first_applied, d.c.created_at)
             .join(d, d.c.fingerprint == other.c.other).where(d.c.status.not_in((PROCESSING, "failed")))
             .order_by(other.c.score.desc(), d.c.created_at))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def links(store: Store) -> dict[str, list[dict]]:
    """Every dossier's look-alikes as the export writes them: `[{"dossier", "score", "kind"}]`, most alike first."""
    _, _, pairs = _tables(store)
    d = store.dossiers
    query = select(pairs.c.fingerprint_a, pairs.c.fingerprint_b, pairs.c.score, pairs.c.kind)
    with store.engine.connect() as conn:
        names = dict(conn.execute(select(d.c.fingerprint, d.c.name)
                                  .where(d.c.status.not_in((PROCESSING, "failed")))).all())
        found: dict[str, list[dict]] = {}
        for a, b, score, kind in conn.execute(query):
            if a in names and b in names:
                found.setdefault(a, []).append({"dossier": names[b], "score": score, "kind": kind})
                found.setdefault(b, []).append({"dossier": names[a], "score": score, "kind": kind})
    return {fp: sorted(items, key=lambda item: -item["score"]) for fp, items in found.items()}


def counts(store: Store, fingerprints: list[str]) -> dict[str, int]:
    """How many look-alikes each of `fingerprints` has (the list's tag)."""
    if not fingerprints:
        return {}
    _, _, pairs = _tables(store)
    sides = union_all(select(pairs.c.fingerprint_a.label("fp")).where(pairs.c.fingerprint_a.in_(fingerprints)),
                      select(pairs.c.fingerprint_b).where(pairs.c.fingerprint_b.in_(fingerprints))).subquery()
    with store.engine.connect() as conn:
        return dict(conn.execute(select(sides.c.fp, func.count()).group_by(sides.c.fp)).all())


def flagged(store: Store):
    """A selectable of the fingerprints in any pair (the list's "có thể trùng lặp" filter)."""
    _, _, pairs = _tables(store)
    return union(select(pairs.c.fingerprint_a), select(pairs.c.fingerprint_b))


def top_pairs(store: Store, limit: int) -> list[dict]:
    """The most alike pairs with both dossiers' names (`sangkien similar`)."""
    _, _, pairs = _tables(store)
    a, b = store.dossiers.alias("a"), store.dossiers.alias("b")
    query = (select(pairs.c.score, pairs.c.kind, a.c.name.label("name_a"), b.c.name.label("name_b"))
             .join(a, a.c.fingerprint == pairs.c.fingerprint_a).join(b, b.c.fingerprint == pairs.c.fingerprint_b)
             .order_by(pairs.c.score.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def size(store: Store) -> dict[str, int]:
    """How many signatures, band keys and pairs the index holds."""
    with store.engine.connect() as conn:
        return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in _tables(store)}
