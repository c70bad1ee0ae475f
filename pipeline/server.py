"""`sangkien server`: the Prefect server of a scale-out installation, with Prefect's own tables in PostgreSQL.

Prefect's default SQLite answers "database is locked" once several workers report at the same time; PostgreSQL
does not. The server gets a database of its own (not the records' one), created here when it does not exist.
"""

from __future__ import annotations

import signal
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pipeline.config import Settings
from pipeline.store import engine_url
from pipeline.up import start_server, stop_server

PREFECT_DATABASE_ENV = "PREFECT_API_DATABASE_CONNECTION_URL"


def prefect_database_url(url: str) -> str:
    """The URL in the form Prefect's server needs: PostgreSQL through asyncpg (installed with prefect)."""
    parsed = make_url(engine_url(url))
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"the Prefect server of a scale-out needs PostgreSQL, not {parsed.get_backend_name()}")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def ensure_database(url: str) -> bool:
    """Create the database `url` names when its server does not have it yet; True when it was created."""
    target = make_url(engine_url(url))
    name = target.database
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
                return False
            conn.execute(text('CREATE DATABASE "{}"'.format(name.replace('"', '""'))))
            return True
    finally:
        engine.dispose()


def run_server(settings: Settings, database_url: str, host: str, port: int) -> int:
    """Run the Prefect server on PostgreSQL until SIGINT or SIGTERM; returns the exit code."""
    if ensure_database(database_url):
        print(f"Created database {make_url(database_url).database!r} for Prefect's tables.", flush=True)
    env = {PREFECT_DATABASE_ENV: prefect_database_url(database_url)}
    server, api = start_server(settings, port, timeout=300, host=host, env=env)
    print(f"Prefect API: {api} (workers and the poller need PREFECT_API_URL pointing here; listening on {host})",
          flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(1):
            if server.poll() is not None:
                print(f"Prefect server exited with {server.returncode}; see {settings.logs}", flush=True)
                return 1
    finally:
        stop_server(server)
    print("Stopped.", flush=True)
    return 0
