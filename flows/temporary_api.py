"""The Prefect API for one-shot commands (`process`, `eval`, `rerun`): a server child that cannot outlive us.

Prefect would start its own temporary server on the flow's first API call, but that child is only stopped by an
`atexit` hook: when the hook does not run, or a worker thread starts a second server while the interpreter shuts
down, the server is left running, holding the caller's output pipe open (a benchmark waited on it for minutes).
This child is started from the main thread with Linux's parent-death signal, so it ends with this process however
this process ends; it boots while flows and extractors import.

Migrating a new home's Prefect database takes about 8 of the 12 s a first boot costs, so the first migrated
database is kept as a template in the user's cache (per Prefect version) and copied into every new home after it.

Run as `python -m flows.temporary_api PORT`: the child side (set the signal, then serve Prefect's app).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from importlib.metadata import version
from pathlib import Path

import httpx

_PR_SET_PDEATHSIG = 1  # from linux/prctl.h
_PARENT = "SANGKIEN_API_PARENT"  # tells the child whose death ends it
STARTUP_TIMEOUT = 120.0  # seconds; a fresh home migrates Prefect's SQLite database first


class TemporaryApi:
    """A Prefect server child on a free local port; `wait()` blocks until it answers (or raises why not)."""

    def __init__(self, log: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        log.parent.mkdir(parents=True, exist_ok=True)
        self._log = log
        self._database = _database_file()
        self._keep_template = self._database is not None and _seed(self._database)
        with log.open("ab") as output:
            # Ephemeral mode: the server runs only the services a one-shot run needs, and no UI.
            env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                   _PARENT: str(os.getpid())}
            self.process = subprocess.Popen([sys.executable, "-m", __name__, str(self.port)], stdout=output,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self._answered = threading.Event()
        self._error: str | None = None
        threading.Thread(target=self._poll_health, name="prefect-api-boot", daemon=True).start()

    def _poll_health(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        with httpx.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    self._error = f"exited with code {self.process.returncode}"
                    break
                try:
                    if client.get(f"{self.url}/health").status_code == 200:
                        if self._keep_template:
                            _save_template(self._database)
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            else:
                self._error = f"did not answer within {STARTUP_TIMEOUT:.0f} s"
        self._answered.set()

    def wait(self) -> str:
        """The API URL once the server answers; RuntimeError (with where its log is) if it never does."""
        self._answered.wait()
        if self._error:
            raise RuntimeError(f"the temporary Prefect server {self._error}; see {self._log}")
        return self.url

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _database_file() -> Path | None:
    """The SQLite file Prefect's server will use, or None when a database URL points it elsewhere."""
    if any(os.environ.get(f"PREFECT_{part}_DATABASE_CONNECTION_URL") for part in ("API", "SERVER")):
        return None
    home = os.environ.get("PREFECT_HOME")
    return Path(home) / "prefect.db" if home else None


def _template() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "sangkien" / f"prefect-{version('prefect')}.db"


def _seed(database: Path) -> bool:
    """Give a new home the migrated template when there is one; True when the home is new and there is none."""
    if database.exists():
        return False
    if not _template().is_file():
        return True
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_suffix(f".{os.getpid()}.part")
    shutil.copyfile(_template(), partial)
    try:
        os.link(partial, database)  # never replaces a database another command created meanwhile
    except FileExistsError:
        pass
    finally:
        partial.unlink()
    return False


def _save_template(database: Path) -> None:
    """Keep a consistent copy of a just-migrated database (SQLite's backup reads it while the server runs)."""
    template = _template()
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_suffix(f".{os.getpid()}.part")
    try:
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
        os.replace(partial, template)
    except (OSError, sqlite3.Error):  # only a speed-up: a home without a template migrates as before
        partial.unlink(missing_ok=True)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGTERM when our parent ends (Linux only; elsewhere the parent's `stop` must do)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before the signal was armed
        sys.exit(0)


def _serve(port: int) -> None:
    import uvicorn

    uvicorn.run("prefect.server.api.server:create_app", factory=True, host="127.0.0.1", port=port,
                log_level="error", lifespan="on")


if __name__ == "__main__":
    _die_with_parent(int(os.environ[_PARENT]))
    _serve(int(sys.argv[1]))
