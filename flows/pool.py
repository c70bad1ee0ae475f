"""The scale-out work pool: a Prefect process pool, the processing flow deployed to it, and its workers.

The deployment names the flow by module path (`flows.batch.process_batch`), so a worker runs the package
installed on its own machine and pulls no code. Each flow run is a child process of the worker.
"""

from __future__ import annotations

import os
import socket
import sys
from uuid import UUID

POOL = "sangkien"
DEPLOYMENT = "scale-out"
HEARTBEAT_SECONDS = 30  # flow runs report they are alive this often (Prefect's minimum)
SILENT_RUNS = "sangkien: crash flow runs that stopped sending heartbeats"


def deployment_name() -> str:
    return f"process-batch/{DEPLOYMENT}"


def ensure_deployment(pool: str = POOL) -> UUID:
    """Create the process work pool when missing and (re)apply the deployment to it; returns its id."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.deployments.runner import EntrypointType
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    from flows.batch import process_batch

    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(
                name=pool, type=ProcessWorker.type,
                base_job_template=ProcessWorker.get_default_base_job_template()))
        except ObjectAlreadyExists:
            pass
    deployment = process_batch.to_deployment(DEPLOYMENT, work_pool_name=pool,
                                             entrypoint_type=EntrypointType.MODULE_PATH)
    deployment_id = deployment.apply()
    ensure_silent_runs_crash()
    return deployment_id


def ensure_silent_runs_crash() -> None:
    """Prefect's recipe for zombie flow runs: a run that neither beats nor ends within three heartbeats is marked
    Crashed. A worker machine that died takes no state change with it, so its runs would stay Running and keep
    their entries from being handed out again."""
    from datetime import timedelta

    from prefect.automations import Automation
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture

    with get_client(sync_client=True) as client:
        if client.read_automations_by_name(SILENT_RUNS):
            return
    ends = {f"prefect.flow-run.{name}" for name in ("Completed", "Failed", "Cancelled", "Crashed")}
    Automation(
        name=SILENT_RUNS,
        trigger=EventTrigger(after={"prefect.flow-run.heartbeat"}, expect={"prefect.flow-run.heartbeat", *ends},
                             match={"prefect.resource.id": ["prefect.flow-run.*"]},
                             for_each={"prefect.resource.id"}, posture=Posture.Proactive, threshold=1,
                             within=timedelta(seconds=3 * HEARTBEAT_SECONDS)),
        actions=[ChangeFlowRunState(state=StateType.CRASHED,
                                    message="No heartbeat: the worker running this flow run is gone.")],
    ).create()


def worker_command(pool: str, limit: int, name: str | None = None) -> list[str]:
    """`prefect worker start` for the pool: at most `limit` flow runs (batches) at once on this machine."""
    name = name or f"{socket.gethostname()}-{os.getpid()}"
    return [sys.executable, "-m", "prefect", "worker", "start", "--pool", pool, "--type", "process",
            "--limit", str(limit), "--name", name]


def exec_worker(pool: str, limit: int, name: str | None = None) -> None:
    """Become the Prefect worker (signals then reach it directly; Ctrl-C stops it as Prefect documents)."""
    command = worker_command(pool, limit, name)
    os.environ.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_SECONDS))  # inherited by flow runs
    os.execv(command[0], command)
