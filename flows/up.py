"""`sangkien up`: a local Prefect server as a child process, the inbox watched, and the reviewers' web page
(uvicorn in a thread of this process).

A dropped dossier is a batch within a second or two: the ingest loop (`flows.ingest`) sees it through a
file-system event, and runs the batch as a run of the ingest deployment in this process, whose imports are done
(a new process would spend about 6 s importing before reading a file). The deployment is also served by a
Prefect runner, for the runs Prefect's UI starts (Retry, Run). Nothing needs starting by hand: the server keeps
its SQLite database in our home, its output goes to `<home>/logs/prefect-server.log`, and Ctrl-C (or SIGTERM)
stops everything.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from uuid import UUID

import httpx

from flows.arrivals import Arrivals
from flows.ingest import IngestLoop
from flows.prefect_api import api_marker
from flows.watch import watch
from pipeline.config import BatchSpec, Settings

log = logging.getLogger(__name__)

# Prefect server services `up` does without: it has no schedules (the ingest loop polls the inbox), automations,
# pauses, work pools or concurrency limits, and no use for stored events (only the UI's event feed shows them;
# every task run writes several). Idle, they cost a third of the server's CPU; the rest is its web server and
# task queue, services or not (2.3 % of a core measured with `--no-services`). The task run recorder stays on:
# task runs reach the server as events that it records.
UNUSED_SERVICES = ("scheduler", "late_runs", "pause_expirations", "cancellation_cleanup", "foreman", "repossessor",
                   "cleanup_reconciler", "triggers", "event_persister")
QUIET_SERVER = {f"PREFECT_SERVER_SERVICES_{name.upper()}_ENABLED": "false" for name in UNUSED_SERVICES}
SHUTDOWN_GRACE_SECONDS = 30  # Ctrl-C lets the batch in progress finish this long


def _free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + 49}")


def start_server(settings: Settings, port: int, timeout: float = 120, host: str = "127.0.0.1",
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` (with `env` added to ours) and wait until its API answers; returns the
    process and the API URL."""
    settings.logs.mkdir(parents=True, exist_ok=True)
    log = (settings.logs / "prefect-server.log").open("ab")
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              env={**os.environ, **(env or {})})
    api = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Prefect server exited with {server.returncode}; see {settings.logs}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return server, api
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"Prefect server did not answer within {timeout:.0f} s; see {settings.logs}")


def stop_server(server: subprocess.Popen, how: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Stop a process group started with `start_new_session`: `how` first, SIGKILL after `timeout` seconds."""
    if server.poll() is None:
        os.killpg(server.pid, how)
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def start_web(settings: Settings, port: int, host: str = "127.0.0.1"):
    """Serve the review web page from a thread (the first free port from `port` on); returns the server and URL."""
    import uvicorn

    from flows.review_page import review_app

    port = _free_port(port)
    server = uvicorn.Server(uvicorn.Config(review_app(settings), host=host, port=port, log_level="warning"))
    threading.Thread(target=server.run, name="sangkien-web", daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host  # every address: name the machine
    return server, f"http://{shown}:{port}"


class _Ingest:
    """The ingest loop in a thread, each batch a run of the ingest deployment made and run in this process."""

    def __init__(self, spec: BatchSpec, deployment_id: UUID, poll_seconds: float, close_events: bool) -> None:
        self.spec, self.deployment_id = spec, deployment_id
        self.running = None  # the flow run of the batch in progress
        arrivals = Arrivals(Path(spec.inbox), spec.stable_seconds)
        self.loop = IngestLoop(arrivals, self._run, poll_seconds, rescan_handed=not spec.keep_inbox)
        self.observer = watch(Path(spec.inbox), self.loop.wake, arrivals if close_events else None)
        self.thread = threading.Thread(target=self._warm_then_run, name="sangkien-ingest", daemon=True)
        self.thread.start()

    def _warm_then_run(self) -> None:
        from flows.batch import warm_up

        try:
            warm_up(self.spec)
        except Exception:  # only a head start: the first batch meets the same problem and records it
            log.exception("could not warm up")
        self.loop.run()

    def _run(self, paths: list[str]) -> None:
        from flows.batch import run_here, start_deployment_run

        self.running = start_deployment_run(self.deployment_id, {"spec": self.spec.model_dump(), "paths": paths})
        try:
            run_here(self.running)
        finally:
            self.running = None

    def stop(self) -> None:
        """Stop watching; let the batch in progress finish for a while, else mark its run Crashed (its dossiers'
        claims are taken over at the next start, this process being gone)."""
        self.observer.stop()
        self.loop.stop()
        if self.running is not None:
            print("Waiting for the batch in progress…", flush=True)
        self.thread.join(SHUTDOWN_GRACE_SECONDS)
        if self.thread.is_alive() and (running := self.running) is not None:
            from prefect.client.orchestration import get_client
            from prefect.states import Crashed

            with get_client(sync_client=True) as client:
                client.set_flow_run_state(running.id, Crashed(message="sangkien up stopped during the batch."),
                                          force=True)


async def _serve_until_signalled(deployment, start_ingest) -> None:
    """Serve `deployment` and the ingest loop (`start_ingest(deployment_id)`) until SIGINT or SIGTERM, then stop
    the runner gracefully.

    Prefect's own `serve()` turns Ctrl-C into a cancellation that interrupts its shutdown calls; stopping the
    runner from the event loop lets it finish cleanly.
    """
    from prefect.runner import Runner

    runner = Runner(name="sangkien-up", pause_on_shutdown=True)
    ingest = start_ingest(await runner.aadd_deployment(deployment))
    try:
        started = asyncio.create_task(runner.start())
        await asyncio.sleep(0)  # let start() install its SIGTERM handler, then take both signals over
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(runner.astop()))
        await started
    finally:
        await asyncio.to_thread(ingest.stop)


def run_up(settings: Settings, inbox: Path, poll_seconds: int, port: int, web_port: int = 8000,
           host: str = "127.0.0.1") -> int:
    """Watch the inbox and serve the review page until interrupted; returns the exit code."""
    inbox.mkdir(parents=True, exist_ok=True)
    server, api = start_server(settings, _free_port(port), env=QUIET_SERVER)
    os.environ["PREFECT_API_URL"] = api  # before prefect is imported below, so the client talks to our server
    marker = api_marker(settings)
    marker.write_text(api, encoding="utf-8")  # lets `sangkien rerun` create its runs from the deployment
    try:
        from flows.batch import INGEST, process_batch

        spec = BatchSpec.of(settings, inbox)
        deployment = process_batch.to_deployment(name=INGEST.partition("/")[2], parameters={"spec": spec.model_dump()})
        web, web_url = start_web(settings, web_port, host)
        print(f"Trang duyệt hồ sơ / review page: {web_url}", flush=True)
        print(f"Prefect UI: {api.removesuffix('/api')}", flush=True)
        print(f"Watching {inbox.resolve()} (and scanning it every {poll_seconds} s). Ctrl-C to stop.", flush=True)
        try:
            asyncio.run(_serve_until_signalled(deployment, lambda deployment_id: _Ingest(
                spec, deployment_id, poll_seconds, settings.close_events)))
        finally:
            web.should_exit = True
        print("Stopped.", flush=True)
    finally:
        marker.unlink(missing_ok=True)
        stop_server(server)
    return 0
