"""A scale-out installation on this machine, for the scale-out test and benchmark: fresh PostgreSQL databases,
`sangkien server`, `sangkien worker` processes and `sangkien poll`, each a real command in its own process group,
all stopped (and the databases dropped) on exit even when the test fails. The server makes its password on its
first start; workers and the poller get it as SANGKIEN_PREFECT_AUTH, as an admin would hand it out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
from prefect.client.orchestration import SyncPrefectClient

ROOT = Path(__file__).resolve().parents[1]
SANGKIEN = [sys.executable, "-m", "flows.cli"]


@contextmanager
def fresh_database(server_url: str, prefix: str = "sangkien_test"):
    """A new, empty database on the PostgreSQL server of `server_url`; yields its URL and drops it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _started(pid: int) -> str | None:
    """When `pid` started (clock ticks since boot), so a pid reused by another process is never mistaken for it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[19]
    except OSError:
        return None


def descendants(pid: int) -> list[tuple[int, str | None]]:
    """Every process below `pid` with its start time (Linux /proc); flow runs live in sessions of their own,
    outside the command's process group."""
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            pids = [int(child) for child in children.read_text().split()]
        except OSError:  # the task ended meanwhile
            continue
        for child in pids:
            found += [(child, _started(child)), *descendants(child)]
    return found


def kill_if_same(pid: int, started: str | None) -> None:
    if started and _started(pid) == started:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def finished_records(url: str) -> list[dict]:
    """Every finished row (claims in flight left out) of the record store at `url`."""
    try:
        with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as conn:
            return conn.execute("SELECT fingerprint, source, status, claimed_by, flow_run_id, location, error_kind, "
                                "error_message "
                                "FROM dossiers WHERE status != 'processing'").fetchall()
    except psycopg.errors.UndefinedTable:  # no command has migrated the store yet
        return []


class Cluster:
    """Server, workers and poller against one records database; each process logs to `<work>/<name>.log`."""

    def __init__(self, work: Path, records_url: str, prefect_url: str) -> None:
        self.work, self.records_url, self.prefect_url = work, records_url, prefect_url
        self.processes: dict[str, subprocess.Popen] = {}
        self.api = ""
        self.auth = ""  # the server's password (basic auth), which it makes on its first start

    def _env(self, name: str, **extra: str) -> dict[str, str]:
        # Prefect settings other tests left in this process (a home, a quieter log level) are not passed on.
        inherited = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
        return {**inherited, "SANGKIEN_HOME": str(self.work / f"home-{name}"), "PYTHONUNBUFFERED": "1",
                "SANGKIEN_DATABASE_URL": self.records_url, "PREFECT_API_URL": self.api,
                "SANGKIEN_PREFECT_AUTH": self.auth, "PREFECT_WORKER_QUERY_SECONDS": "1", **extra}

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = (self.work / f"{name}.log").open("w")
        process = subprocess.Popen([*SANGKIEN, *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.work / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def start_server(self, timeout: float = 240) -> str:
        port = free_port()
        self.api = f"http://127.0.0.1:{port}/api"
        server = self._start("server", ["server", "--database-url", self.prefect_url, "--host", "127.0.0.1",
                                        "--port", str(port)], self._env("server"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert server.poll() is None, f"sangkien server exited:\n{self.log('server')}"
            try:
                # ready once the command says so: the API answers a moment before `sangkien server` prints it
                if "Prefect API:" in self.log("server") and \
                        httpx.get(f"{self.api}/health", timeout=2).status_code == 200:
                    self.auth = (self.work / "home-server" / "prefect-auth").read_text(encoding="utf-8").strip()
                    return self.api
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the Prefect server did not answer within {timeout} s:\n{self.log('server')}")

    def client(self) -> SyncPrefectClient:
        """A Prefect client of the server that sends its password, as every sangkien client does."""
        return SyncPrefectClient(self.api, auth_string=self.auth)

    def start_worker(self, name: str, limit: int = 2) -> subprocess.Popen:
        return self._start(name, ["worker", "--name", name, "--limit", str(limit)], self._env(name))

    def start_poller(self, inbox: Path, archive: Path, batch_size: int) -> subprocess.Popen:
        env = self._env("poller", SANGKIEN_ARCHIVE=str(archive), SANGKIEN_STABLE_SECONDS="1")
        return self._start("poller", ["poll", "--inbox", str(inbox), "--poll-seconds", "2",
                                      "--batch-size", str(batch_size)], env)

    def wait_for_records(self, count: int, timeout: float) -> list[dict]:
        """The finished records once there are `count` of them (or whatever there is at the deadline)."""
        deadline = time.monotonic() + timeout
        while True:
            rows = finished_records(self.records_url)
            if len(rows) >= count or time.monotonic() > deadline:
                return rows
            for name, process in self.processes.items():
                assert process.poll() is None, f"{name} exited:\n{self.log(name)}"
            time.sleep(1)

    def stop(self, name: str) -> None:
        """SIGTERM the process group (the command and its children), SIGKILL it if it lingers, and kill any
        flow-run process it leaves behind."""
        process = self.processes.pop(name)
        below = descendants(process.pid)
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
        for pid, started in below:
            kill_if_same(pid, started)

    def close(self) -> None:
        for name in [n for n in self.processes if n != "server"] + ["server"]:
            if name in self.processes:
                self.stop(name)

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
