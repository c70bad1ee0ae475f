"""`sangkien up`: a local Prefect server as a child process, the ingest deployment served against it, and the
reviewers' web page (uvicorn in a thread of this process).

Nothing needs starting by hand: the server keeps its SQLite database in our home, its output goes to
`<home>/logs/prefect-server.log`, and Ctrl-C (or SIGTERM) stops the deployment and the server.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from pipeline.config import BatchSpec, Settings
from pipeline.watch import watch


def _free_port(preferred: int) -> int:
    for port in range(preferred, preferred + 50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {preferred}..{preferred + 49}")


def api_marker(settings: Settings) -> Path:
    """The file in which a running `sangkien up` leaves the address of its Prefect API."""
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
    return settings.prefect_home / "api_url"


def running_api(settings: Settings) -> str | None:
    """The API of this home's running `sangkien up`, if one answers."""
    marker = settings.prefect_home / "api_url"
    if not marker.is_file():
        return None
    api = marker.read_text(encoding="utf-8").strip()
    try:
        return api if httpx.get(f"{api}/health", timeout=2).status_code == 200 else None
    except httpx.HTTPError:
        return None


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


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def start_web(settings: Settings, port: int, host: str = "127.0.0.1"):
    """Serve the review web page from a thread (the first free port from `port` on); returns the server and URL."""
    import uvicorn

    from pipeline.web.app import create_app

    port = _free_port(port)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning"))
    threading.Thread(target=server.run, name="sangkien-web", daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://{host}:{port}"


async def _serve_until_signalled(deployment) -> None:
    """Serve `deployment` until SIGINT or SIGTERM, then stop the runner gracefully.

    Prefect's own `serve()` turns Ctrl-C into a cancellation that interrupts its shutdown calls; stopping the
    runner from the event loop lets it pause the schedule and finish cleanly.
    """
    from prefect.runner import Runner

    from prefect.deployments.flow_runs import arun_deployment

    runner = Runner(name="sangkien-up", pause_on_shutdown=True)
    await runner.aadd_deployment(deployment)
    await arun_deployment("process-batch/ingest", timeout=0)  # scan at start: the schedule's first run may be far
    started = asyncio.create_task(runner.start())
    await asyncio.sleep(0)  # let start() install its SIGTERM handler, then take both signals over
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(runner.astop()))
    await started


def run_up(settings: Settings, inbox: Path, poll_seconds: int, port: int, web_port: int = 8000) -> int:
    """Serve the ingest deployment until interrupted; returns the exit code."""
    inbox.mkdir(parents=True, exist_ok=True)
    server, api = start_server(settings, _free_port(port))
    os.environ["PREFECT_API_URL"] = api  # before prefect is imported below, so the client talks to our server
    marker = api_marker(settings)
    marker.write_text(api, encoding="utf-8")  # lets `sangkien rerun` create its runs from the deployment
    try:
        from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

        from flows.batch import process_batch

        # One ingest run at a time: a scan that finds the previous one still running is dropped, not queued.
        one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
        deployment = process_batch.to_deployment(
            name="ingest", interval=poll_seconds, concurrency_limit=one_at_a_time,
            parameters={"spec": BatchSpec.of(settings, inbox).model_dump()})
        web, web_url = start_web(settings, web_port)
        print(f"Trang duyệt hồ sơ / review page: {web_url}", flush=True)
        print(f"Prefect UI: {api.removesuffix('/api')}", flush=True)
        print(f"Watching {inbox.resolve()} every {poll_seconds} s. Ctrl-C to stop.", flush=True)
        observer = watch(inbox, _scan_now, quiet_seconds=max(settings.stable_seconds, 1.0))
        try:
            asyncio.run(_serve_until_signalled(deployment))
        finally:
            observer.stop()
            web.should_exit = True
        print("Stopped.", flush=True)
    finally:
        marker.unlink(missing_ok=True)
        stop_server(server)
    return 0


def _scan_now() -> None:
    """Ask for an ingest run now (a run already going makes Prefect cancel this one; the next poll follows)."""
    from prefect.deployments import run_deployment

    run_deployment("process-batch/ingest", timeout=0)
