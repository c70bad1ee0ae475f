"""`sangkien poll`: hands the shared inbox's stable entries to the work pool, as deployment runs of N entries.

Prefect is the queue: an entry is in flight while an unfinished run of the deployment carries its path, so the
poller keeps no state of its own, and a restarted poller never submits an entry twice. An entry that a finished
run left in the inbox (its worker died) is submitted again; the atomic claim in the database then decides.
At most `max_runs` runs wait at once: later drops are not starved, and one API page lists them all.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path
from uuid import UUID

from pipeline.config import BatchSpec
from pipeline.inbox import stable_entries

log = logging.getLogger(__name__)

API_PAGE = 200  # the server's largest page (PREFECT_API_DEFAULT_LIMIT)


def _in_flight(client, deployment_id: UUID) -> list:
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    unfinished = [StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING, StateType.PAUSED,
                  StateType.CANCELLING]
    return client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
        flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=unfinished))),
        limit=API_PAGE)


def poll_once(client, deployment_id: UUID, spec: BatchSpec, batch_size: int, max_runs: int) -> int:
    """Submit the stable entries no unfinished run carries, `batch_size` per run; returns how many."""
    entries = stable_entries(Path(spec.inbox), spec.stable_seconds)
    runs = _in_flight(client, deployment_id)  # after the scan: an entry moved meanwhile is skipped by its run
    taken = {path for run in runs for path in run.parameters.get("paths") or []}
    waiting = [str(entry.path) for entry in entries if str(entry.path) not in taken]
    room = max(max_runs - len(runs), 0)
    batches = [waiting[i:i + batch_size] for i in range(0, len(waiting), batch_size)][:room]
    for paths in batches:
        client.create_flow_run_from_deployment(deployment_id, parameters={"spec": spec.model_dump(),
                                                                          "paths": paths})
    submitted = sum(len(paths) for paths in batches)
    if submitted:
        log.info("submitted %d entries in %d runs (%d runs were unfinished)", submitted, len(batches), len(runs))
    return submitted


def run_poll(spec: BatchSpec, pool: str, batch_size: int, poll_seconds: float, max_runs: int) -> int:
    """Poll until SIGINT or SIGTERM; returns the exit code."""
    from prefect.client.orchestration import get_client

    from flows.pool import deployment_name, ensure_deployment

    Path(spec.inbox).mkdir(parents=True, exist_ok=True)
    deployment_id = ensure_deployment(pool)
    print(f"Deployment {deployment_name()} on work pool {pool!r}; polling {spec.inbox} every {poll_seconds:g} s "
          f"in batches of {batch_size}. Ctrl-C to stop.", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with get_client(sync_client=True) as client:
        while not stop.is_set():
            try:
                poll_once(client, deployment_id, spec, batch_size, max_runs)
            except Exception as exc:  # the server or the share may be away for a moment: try again next poll
                log.exception("poll failed")
                print(f"poll failed, trying again: {exc!r}", file=sys.stderr, flush=True)
            stop.wait(poll_seconds)
    print("Stopped.", flush=True)
    return 0
