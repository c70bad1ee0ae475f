"""`sangkien server`: the Prefect server of a scale-out installation, with Prefect's own tables in PostgreSQL.

Prefect's default SQLite answers "database is locked" once several workers report at the same time; PostgreSQL
does not. The server gets a database of its own (not the records' one), created here when it does not exist.

It answers only clients that send its password (Prefect's basic auth): whoever reaches its port could otherwise
read every run's logs, cancel runs, and create deployments whose steps run commands on every worker. The
password is `SANGKIEN_PREFECT_AUTH` (or `prefect_auth` in the config file), else one made on the first start and
kept in `<home>/prefect-auth` (mode 600); every sangkien client sends the same setting (`apply_prefect_env`).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import signal
import threading
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from flows.up import start_server, stop_server
from pipeline.config import Settings
from pipeline.store import engine_url

PREFECT_DATABASE_ENV = "PREFECT_API_DATABASE_CONNECTION_URL"
PREFECT_AUTH_ENV = "PREFECT_SERVER_API_AUTH_STRING"
AUTH_FILE = "prefect-auth"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def server_auth(settings: Settings) -> tuple[str, Path | None]:
    """The password clients must send, and the file it is kept in (None when it comes from the settings); made
    and kept (mode 600) on the first start."""
    if settings.prefect_auth:
        return settings.prefect_auth, None
    path = settings.home / AUTH_FILE
    if not path.exists():
        made = f"sangkien:{secrets.token_urlsafe(24)}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # a second server of this home made it meanwhile
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(made + "\n")
    return path.read_text(encoding="utf-8").strip(), path


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


def run_server(settings: Settings, database_url: str, host: str, port: int, auth: bool = True) -> int:
    """Run the Prefect server on PostgreSQL until SIGINT or SIGTERM; returns the exit code."""
    if not auth and not is_loopback(host):
        print(f"Refusing to listen on {host} without a password: anyone reaching it could run commands on every "
              "worker. Leave out --no-auth, or listen on 127.0.0.1.", flush=True)
        return 2
    if ensure_database(database_url):
        print(f"Created database {make_url(database_url).database!r} for Prefect's tables.", flush=True)
    env = {PREFECT_DATABASE_ENV: prefect_database_url(database_url)}
    if auth:
        env[PREFECT_AUTH_ENV], kept = server_auth(settings)
    server, api = start_server(settings, port, timeout=300, host=host, env=env)
    ready = f"Prefect API: {api} (workers and the poller need PREFECT_API_URL pointing here; listening on {host})"
    if auth:
        where = f"export SANGKIEN_PREFECT_AUTH=\"$(cat {kept})\"" if kept else "SANGKIEN_PREFECT_AUTH, as here"
        ready += (f"\nIt asks for a password. Workers, the poller, `sangkien rerun` and the review page send it when "
                  f"SANGKIEN_PREFECT_AUTH holds it (or prefect_auth in config.toml): {where}. The Prefect UI asks "
                  "for the same string.")
    print(ready, flush=True)  # one write: whoever waits for the first line has the whole message
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
