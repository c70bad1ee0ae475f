"""A real `sangkien up` in a fresh home, for the latency and idle-CPU benchmarks: started, waited for, stopped.

`code` is the checkout whose `sangkien` runs (default: this one), so a benchmark can measure another commit's
code the same way (e.g. `--code /path/to/main` for the figures before a change).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class Up:
    """`sangkien up --inbox <work>/inbox` with its own home, ports and log; `records()` reads its SQLite store."""

    def __init__(self, code: Path = ROOT, env: dict[str, str] | None = None, poll_seconds: int = 30) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="sangkien-up-bench-"))
        self.home, self.inbox, self.log = self.work / "home", self.work / "inbox", self.work / "up.log"
        self.inbox.mkdir()
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SANGKIEN_"))}
        self.env = {**inherited, "SANGKIEN_HOME": str(self.home), "PYTHONPATH": str(code), "PYTHONUNBUFFERED": "1",
                    **(env or {})}
        self.command = [sys.executable, "-m", "flows.cli", "up", "--inbox", str(self.inbox), "--poll-seconds",
                        str(poll_seconds), "--port", str(_free_port()), "--web-port", str(_free_port())]
        self.code = code
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Up":
        with self.log.open("w") as log:
            self.process = subprocess.Popen(self.command, cwd=self.code, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 240
        while "Ctrl-C to stop" not in self.log.read_text(encoding="utf-8"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"sangkien up did not start:\n{self.log.read_text(encoding='utf-8')}")
            time.sleep(0.2)
        return self

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def records(self) -> set[str]:
        """Sources of the finished records (claims in flight left out)."""
        database = self.home / "sangkien.db"
        if not database.exists():
            return set()
        try:
            with sqlite3.connect(database, timeout=5) as conn:
                return {row[0] for row in conn.execute("SELECT source FROM dossiers WHERE status != 'processing'")}
        except sqlite3.OperationalError:  # not migrated yet
            return set()

    def tree_cpu_seconds(self) -> tuple[float, float]:
        """User + system CPU of the live process tree, and of the children it has already reaped (Linux /proc)."""
        assert self.process is not None
        ticks = os.sysconf("SC_CLK_TCK")
        own, reaped = zip(*(_cpu_ticks(pid) for pid in [self.process.pid, *_descendants(self.process.pid)]))
        return sum(own) / ticks, sum(reaped) / ticks


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_ticks(pid: int) -> tuple[int, int]:
    """(utime + stime, cutime + cstime): a process's own CPU, and that of the children it has reaped."""
    try:
        fields = [int(value) for value in Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[11:15]]
    except OSError:
        return 0, 0
    return fields[0] + fields[1], fields[2] + fields[3]


def _descendants(pid: int) -> list[int]:
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            pids = [int(child) for child in children.read_text().split()]
        except OSError:
            continue
        for child in pids:
            found += [child, *_descendants(child)]
    return found
