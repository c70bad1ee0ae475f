"""The record store: SQLAlchemy over SQLite by default, any SQLAlchemy URL by `SANGKIEN_DATABASE_URL`.

A dossier is claimed by inserting its fingerprint row (status `processing`); the primary key makes the claim
atomic, so the same content dropped twice — or picked by two workers — is processed once and reported as a
duplicate. A claim left behind by a dead process of this machine is taken over at once; one held elsewhere,
after `stale_after` without a heartbeat: a live holder refreshes its claim (`keep_alive`), so the timeout can be
short (a dead worker's dossiers wait minutes, not hours) while a 60-page OCR keeps its claim however long it takes.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, MetaData, Table, case, create_engine, event, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from extractors.fold import fold, sort_key
from pipeline.config import CLAIM_TIMEOUT_SECONDS

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
PROCESSING = "processing"


class Claim(Enum):
    """How a dossier was taken: new, or from a holder that died (or fell silent) while working on it."""

    NEW = "new"
    TAKEN_OVER = "taken over"


CLAIM_TIMEOUT = timedelta(seconds=CLAIM_TIMEOUT_SECONDS)  # a claim not refreshed this long has a dead holder
REVIEW_THRESHOLD = 0.8  # a field under this confidence sends its record to the front of the review queue
TABLES = ("dossiers", "users", "corrections", "decisions", "review_log", "web_sessions", "login_attempts",
          "duplicates", "learned_values", "sector_models", "label_proposals", "similar_signatures", "similar_bands",
          "similar_pairs")
SORT_KEYS = {"title": "title_key", "lead_author": "lead_author_key", "unit": "unit_key"}  # migration 0004


def owner() -> str:
    """Who holds the claims this process makes (computed per call: forked children have their own pid)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_is_dead(owner: str | None) -> bool:
    """True when `owner` is a process of this machine that no longer runs."""
    host, _, pid = (owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by another user
        pass
    return False


def utc_now() -> datetime:
    """The time every row of the store is stamped with: aware, in UTC."""
    return datetime.now(timezone.utc)


def engine_url(url: str) -> str:
    """Plain `postgresql://` URLs (what users and Prefect's docs write) use psycopg 3, the driver we install;
    SQLAlchemy would otherwise look for psycopg2."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url.removeprefix(plain)
    return url


def _private_sqlite_file(url: str) -> None:
    """Create a SQLite store's file readable by its owner only (it holds every dossier's text), or make an existing
    one so; SQLite gives its -wal and -shm files the database file's mode."""
    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or not name or name == ":memory:" or name.startswith("file:"):
        return
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(name, 0o600)
    except OSError:  # a missing folder or a file of another user: SQLite says so when it opens it
        pass


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL lets the review UI read while the pipeline writes; busy_timeout waits out short write locks.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


# Any fixed number: the key of the PostgreSQL advisory lock that lets one process at a time migrate a database.
MIGRATION_LOCK_KEY = 0x53414E47


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (the same migrations on SQLite and PostgreSQL).

    Workers starting together on a new PostgreSQL database would each create Alembic's table (a unique
    violation); a transaction-scoped advisory lock makes the others wait, then find the schema current.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


_SHARED_LOCK = threading.Lock()


@dataclass
class Store:
    """Reads and writes dossier rows."""

    engine: Engine
    dossiers: Table
    meta: MetaData  # every table the migrations made (the review page's are read by pipeline.review)

    @classmethod
    def open(cls, url: str) -> "Store":
        """Connect, migrate, and reflect the tables the migrations made."""
        _private_sqlite_file(engine_url(url))
        engine = create_engine(engine_url(url), pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
        meta = MetaData()
        meta.reflect(engine, only=TABLES)
        return cls(engine, meta.tables["dossiers"], meta)

    @staticmethod
    def shared(url: str) -> "Store":
        """One store (engine and pool) per URL per process, shared by the task threads.

        The lock matters: task threads arrive together, and Alembic's command context is process-global.
        """
        with _SHARED_LOCK:
            return _open_cached(url)

    def claim(self, fingerprint: str, name: str, source: str,
              stale_after: timedelta = CLAIM_TIMEOUT) -> Claim | None:
        """Take a dossier for processing: `Claim.NEW`, `Claim.TAKEN_OVER`, or None when a record (or a live
        claim) for this content exists.

        A claim is taken over when its holder is a dead process on this machine (a crash, `kill -9`), or,
        for holders elsewhere, when it is older than `stale_after`.
        """
        now = utc_now()
        row = {"fingerprint": fingerprint, "name": name, "source": source, "status": PROCESSING,
               "claimed_at": now, "claimed_by": owner(), "created_at": now, "updated_at": now}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(self.dossiers).values(**row))
            return Claim.NEW
        except IntegrityError:
            pass
        held = self.get(fingerprint)
        if not held or held["status"] != PROCESSING:
            return None
        t = self.dossiers
        stale = t.c.claimed_at < now - stale_after
        if _holder_is_dead(held["claimed_by"]):
            stale = t.c.claimed_by == held["claimed_by"]
        with self.engine.begin() as conn:  # compare-and-set, so two takers cannot both win
            taken = conn.execute(
                update(t).where(t.c.fingerprint == fingerprint, t.c.status == PROCESSING, stale)
                .values(claimed_at=now, claimed_by=owner(), updated_at=now, name=name, source=source))
        return Claim.TAKEN_OVER if taken.rowcount == 1 else None

    def refresh(self, fingerprint: str) -> bool:
        """Renew this process's claim (a heartbeat); False when the claim is no longer ours."""
        t, now = self.dossiers, utc_now()
        with self.engine.begin() as conn:
            kept = conn.execute(update(t).where(t.c.fingerprint == fingerprint, t.c.status == PROCESSING,
                                                t.c.claimed_by == owner()).values(claimed_at=now))
        return kept.rowcount == 1

    @contextmanager
    def keep_alive(self, fingerprint: str, every: float):
        """Refresh the claim on `fingerprint` every `every` seconds while the body runs."""
        done = threading.Event()

        def beat() -> None:
            while not done.wait(every):
                try:
                    if not self.refresh(fingerprint):  # saved meanwhile (or taken over): nothing left to keep
                        return
                except Exception:  # a missed beat is not fatal: the next one may pass
                    log.exception("could not refresh the claim on %s", fingerprint[:12])

        beater = threading.Thread(target=beat, name=f"claim-{fingerprint[:12]}", daemon=True)
        beater.start()
        try:
            yield
        finally:
            done.set()
            beater.join()

    def release(self, fingerprint: str) -> None:
        """Give back a claim without a result, so the dossier is picked up again."""
        self._delete(fingerprint, self.dossiers.c.status == PROCESSING)

    def forget(self, fingerprint: str) -> None:
        """Drop a record so its dossier is processed as new (reruns)."""
        self._delete(fingerprint)

    def _delete(self, fingerprint: str, *conditions) -> None:
        with self.engine.begin() as conn:
            conn.execute(self.dossiers.delete().where(self.dossiers.c.fingerprint == fingerprint, *conditions))

    def save(self, fingerprint: str, values: dict) -> None:
        """Write a finished dossier's columns (result or failure); the text gets its tone-less twin for search,
        the title, lead author and unit their Vietnamese sort keys."""
        with self.engine.begin() as conn:
            self.write(conn, fingerprint, values)

    def write(self, conn: Connection, fingerprint: str, values: dict) -> None:
        """`save` within the caller's transaction (the review page's checked writes)."""
        if values.get("text") is not None:
            values = values | {"text_folded": fold(values["text"])}
        values = values | {key: sort_key(values[column]) for column, key in SORT_KEYS.items() if column in values}
        t = self.dossiers
        conn.execute(update(t).where(t.c.fingerprint == fingerprint).values(**values, updated_at=utc_now()))

    def get(self, fingerprint: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(self.dossiers).where(self.dossiers.c.fingerprint == fingerprint)).mappings()
            found = row.first()
        return dict(found) if found else None

    def review_queue(self, threshold: float = REVIEW_THRESHOLD) -> list[dict]:
        """Records awaiting review, those with any field under `threshold` first, least sure first."""
        t = self.dossiers
        sure = case((t.c.min_confidence >= threshold, 1), else_=0)
        query = select(t).where(t.c.status == "needs_review").order_by(sure, t.c.min_confidence, t.c.created_at)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def rows(self, statuses: tuple[str, ...] | None = None) -> list[dict]:
        """Finished rows (never in-flight claims), oldest first."""
        t = self.dossiers
        query = select(t).where(t.c.status != PROCESSING).order_by(t.c.created_at, t.c.name)
        if statuses:
            query = query.where(t.c.status.in_(statuses))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]


@lru_cache(maxsize=8)
def _open_cached(url: str) -> Store:
    return Store.open(url)
