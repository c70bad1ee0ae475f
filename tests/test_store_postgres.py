"""The record store on the machine's PostgreSQL: same migrations, same atomic claim as on SQLite."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from sqlalchemy import text

from pipeline.store import Claim, Store, engine_url, owner
from tests.cluster import fresh_database


def test_plain_postgresql_urls_use_psycopg3():
    assert engine_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert engine_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_migrations_and_claims_on_postgres(postgres_url):
    store = Store.open(postgres_url)
    assert store.engine.dialect.name == "postgresql"
    assert store.claim("f" * 64, "a.docx", "a.docx") is Claim.NEW
    assert store.claim("f" * 64, "copy.docx", "copy.docx") is None  # the fingerprint row makes it atomic
    store.save("f" * 64, {"status": "needs_review", "title": "Ứng dụng sáng kiến", "min_confidence": 0.5})
    assert [row["title"] for row in store.review_queue()] == ["Ứng dụng sáng kiến"]
    store.engine.dispose()


def _held_elsewhere(store: Store, fingerprint: str, age: timedelta) -> None:
    """Make the claim look held by a worker on another machine that last refreshed it `age` ago."""
    with store.engine.begin() as conn:
        conn.execute(store.dossiers.update().where(store.dossiers.c.fingerprint == fingerprint)
                     .values(claimed_by="other-host:4242", claimed_at=datetime.now(timezone.utc) - age))


def test_a_worker_elsewhere_loses_its_claim_only_after_the_timeout(postgres_url):
    store = Store.open(postgres_url)
    timeout = timedelta(minutes=5)
    assert store.claim("a" * 64, "hs", "hs.docx")
    _held_elsewhere(store, "a" * 64, age=timedelta(minutes=1))
    assert not store.claim("a" * 64, "hs", "hs.docx", stale_after=timeout)  # fresh: that worker is busy
    assert store.get("a" * 64)["claimed_by"] == "other-host:4242"
    _held_elsewhere(store, "a" * 64, age=timedelta(minutes=6))
    assert store.claim("a" * 64, "hs", "hs.docx", stale_after=timeout)  # silent too long: a dead worker
    assert store.get("a" * 64)["claimed_by"] == owner()
    store.engine.dispose()


def test_a_live_holder_keeps_its_claim_by_heartbeat(postgres_url):
    store = Store.open(postgres_url)
    assert store.claim("b" * 64, "hs", "hs.docx")
    with store.engine.begin() as conn:  # as if the claim were taken long ago
        conn.execute(store.dossiers.update().values(claimed_at=datetime.now(timezone.utc) - timedelta(hours=1)))
    with store.keep_alive("b" * 64, every=0.2):
        time.sleep(1)
        assert store.get("b" * 64)["claimed_at"] > datetime.now(timezone.utc) - timedelta(seconds=1)
    _held_elsewhere(store, "b" * 64, age=timedelta(0))
    assert not store.refresh("b" * 64)  # taken over by another: the heartbeat does not steal it back
    store.engine.dispose()


def test_prefect_server_urls_use_asyncpg(postgres_server):
    from flows.server import ensure_database, prefect_database_url

    assert prefect_database_url("postgresql://u@h:5432/prefect") == "postgresql+asyncpg://u@h:5432/prefect"
    assert prefect_database_url("postgresql+psycopg://u:pw@h/prefect") == "postgresql+asyncpg://u:pw@h/prefect"
    with pytest.raises(ValueError):
        prefect_database_url("sqlite:///prefect.db")
    with fresh_database(postgres_server) as url:
        assert ensure_database(url) is False  # there already
    assert ensure_database(url) is True  # dropped on leaving: made again
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{url.rpartition("/")[2]}"')


def test_processes_opening_a_new_database_together_migrate_it_once(postgres_url):
    """Workers starting at once on an empty database: each waits for the migration lock, none fails."""
    code = "import sys; from pipeline.store import Store; Store.open(sys.argv[1]).engine.dispose()"
    procs = [subprocess.Popen([sys.executable, "-c", code, postgres_url], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], errors
    store = Store.open(postgres_url)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    store.engine.dispose()
