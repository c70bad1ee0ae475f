"""Scale-out end to end: a Prefect server on PostgreSQL, two `sangkien worker` processes and the poller share an
inbox; 200 dossiers dropped at once are recorded exactly once in PostgreSQL and archived exactly once, even
though one batch process is killed (-9) mid-way and its dossiers are handed out again. The server answers only
clients that send its password."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.exceptions import PrefectHTTPStatusError

from flows.pool import deployment_name
from pipeline.config import BatchSpec
from pipeline.dossier import KNOWN, process_entry
from pipeline.inbox import FAILED_FOLDER, entry_at, file_digest
from pipeline.store import Store
from tests.cluster import SANGKIEN, Cluster, descendants, finished_records, fresh_database, kill_if_same
from tests.conftest import ROOT, write_form_docx

pytestmark = pytest.mark.prefect

DOSSIERS = 200


def test_an_entry_moved_away_by_another_worker_is_skipped_not_failed(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    entry = entry_at(write_form_docx(inbox / "hs.docx", "Số hóa hồ sơ", "Nguyễn Văn An", "UBND phường Hải Châu"))
    (inbox / "hs.docx").rename(tmp_path / "moved.docx")  # the other worker archived it after the batch was made
    spec = BatchSpec(inbox=str(inbox), database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                     archive=str(tmp_path / "archive"))
    store = Store.open(spec.database_url)
    assert process_entry(store, spec, entry).kind == KNOWN
    assert store.rows() == [] and not (inbox / FAILED_FOLDER).exists()


def drop_forms(inbox: Path, count: int) -> dict[str, str]:
    """`count` distinct Word dossiers written aside, then moved in at once; returns {entry name: sha256}."""
    staging = inbox.parent / "staging"
    staging.mkdir()
    for number in range(count):
        write_form_docx(staging / f"hs-{number:04d}.docx", f"Sáng kiến số {number} về số hóa hồ sơ",
                        f"Nguyễn Văn {number}", "UBND phường Hải Châu")
    digests = {p.name: file_digest(p) for p in staging.iterdir()}
    for path in staging.iterdir():
        path.rename(inbox / path.name)
    return digests


def submitted_paths(cluster: Cluster) -> Counter:
    """How often each entry was handed to the work pool, over every flow run the server knows."""
    with cluster.client() as client:
        deployment = client.read_deployment_by_name(deployment_name())
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])))
    return Counter(path for run in runs for path in run.parameters["paths"])


def taken_runs(worker_log: str) -> set[str]:
    """The flow runs a worker ran: those it submitted, less those the server gave to another worker first
    (two workers may reach for the same run; Prefect's atomic Pending transition lets only one have it)."""
    tried = re.findall(r"submitting flow run '([0-9a-f-]+)'", worker_log)
    aborted = re.findall(r"Aborted submission of flow run '([0-9a-f-]+)'", worker_log)
    return set(tried) - set(aborted)


def kill_a_started_batch(cluster: Cluster, workers: tuple[str, ...], timeout: float = 180):
    """kill -9 the process of a batch one of `workers` runs while it is at most half done — maybe with no record
    saved yet, its first dossiers only claimed: a batch of Word files records 25 in about a second, so waiting for
    a first record made the catch a matter of luck on a quiet machine (whichever worker is caught first: which one
    takes which run is the server's business); returns the run once the server has it Crashed. A kill can still
    come too late (a CI run saw the killed run end Completed): such a batch is left alone and another is caught."""
    deadline = time.monotonic() + timeout
    too_late: set[str] = set()
    with cluster.client() as client:
        while time.monotonic() < deadline:
            taken = set().union(*(taken_runs(cluster.log(worker)) for worker in workers)) - too_late
            for run_id in taken:
                run = client.read_flow_run(UUID(run_id))
                if not (run.state.is_running() and run.infrastructure_pid):
                    continue
                # counted after the state was read, right before the kill: the batch is mid-way when it lands
                done = sum(row["flow_run_id"] == run_id for row in finished_records(cluster.records_url))
                if done > len(run.parameters["paths"]) // 2:
                    continue
                # the whole tree: the flow may run in a child of the process the worker started (a fresh
                # clone's run saw the started process die and its child finish the batch as Completed)
                pid = int(run.infrastructure_pid.rpartition(":")[2])
                for child, started in descendants(pid):
                    kill_if_same(child, started)
                os.kill(pid, signal.SIGKILL)
                if final_state(client, run.id, deadline).is_crashed():
                    return run
                too_late.add(run_id)
            time.sleep(0.2)
    raise AssertionError(f"no batch of {workers} was caught running")


def final_state(client: SyncPrefectClient, run_id: UUID, deadline: float):
    """The run's state once it is final (the worker proposes Crashed when it sees its process die)."""
    while True:
        state = client.read_flow_run(run_id).state
        if state.is_final() or time.monotonic() > deadline:
            return state
        time.sleep(0.2)


def _anyone_else_is_refused(cluster: Cluster) -> None:
    """The server made its password, kept it private, and answers only clients that send it (the workers and the
    poller below do, so every batch below runs)."""
    assert stat.S_IMODE((cluster.work / "home-server" / "prefect-auth").stat().st_mode) == 0o600
    assert "SANGKIEN_PREFECT_AUTH" in cluster.log("server")
    assert httpx.post(f"{cluster.api}/flow_runs/filter", json={}, timeout=10).status_code == 401
    for auth in (None, "sangkien:guessed"):
        with SyncPrefectClient(cluster.api, auth_string=auth) as client, pytest.raises(PrefectHTTPStatusError) as no:
            client.read_flow_runs()
        assert no.value.response.status_code == 401
    with cluster.client() as client:
        assert client.read_flow_runs() == []


def test_the_server_refuses_a_network_address_without_a_password(home):
    result = subprocess.run([*SANGKIEN, "server", "--database-url", "postgresql://nobody@127.0.0.1:1/prefect",
                             "--host", "0.0.0.0", "--no-auth"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "Refusing to listen on 0.0.0.0 without a password" in result.stdout


def test_every_client_sends_the_configured_password(home):
    """Each command's first step (`apply_prefect_env`) hands SANGKIEN_PREFECT_AUTH to Prefect's client settings,
    which the worker's flow runs inherit too."""
    script = ("from pipeline.config import apply_prefect_env, load_settings\napply_prefect_env(load_settings())\n"
              "from prefect.settings import get_current_settings\n"
              "print(get_current_settings().api.auth_string.get_secret_value())")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**env, "SANGKIEN_PREFECT_AUTH": "sangkien:mat-khau"}, check=True)
    assert result.stdout.strip() == "sangkien:mat-khau"


def test_two_workers_record_every_dossier_exactly_once(postgres_server, postgres_url, tmp_path):
    inbox, archive = tmp_path / "shared" / "inbox", tmp_path / "shared" / "archive"
    inbox.mkdir(parents=True)
    with fresh_database(postgres_server, "sangkien_prefect") as prefect_url, \
            Cluster(tmp_path, postgres_url, prefect_url) as cluster:
        cluster.start_server()
        _anyone_else_is_refused(cluster)
        cluster.start_worker("w1")
        cluster.start_worker("w2")
        cluster.start_poller(inbox, archive, batch_size=25)
        dropped = drop_forms(inbox, DOSSIERS)
        killed = kill_a_started_batch(cluster, ("w1", "w2"))
        rows = cluster.wait_for_records(DOSSIERS, timeout=240)
        with cluster.client() as client:
            assert client.read_flow_run(killed.id).state.is_crashed()
        submitted = submitted_paths(cluster)
        ran = {name: taken_runs(cluster.log(name)) for name in ("w1", "w2")}

    assert len(rows) == DOSSIERS
    assert Counter(row["source"] for row in rows) == Counter(dropped.keys())  # every dossier, each once
    assert len({row["fingerprint"] for row in rows}) == DOSSIERS
    failed = [(row["source"], row["error_kind"], row["error_message"]) for row in rows if row["status"] == "failed"]
    assert {row["status"] for row in rows} == {"needs_review"}, failed  # none failed, none a duplicate
    # the poller handed each entry out once, and again only what the killed batch left in the inbox
    assert {Path(path).name for path in submitted} == set(dropped)
    again = {path for path, times in submitted.items() if times > 1}
    assert again and again <= set(killed.parameters["paths"]) and max(submitted.values()) == 2

    # every original archived once, byte-identical, where its record says; nothing left behind or set aside
    archived = {p.name.split(" ", 1)[1]: p for p in archive.rglob("*.docx")}
    assert {name: file_digest(p) for name, p in archived.items()} == dropped
    # (a kill between a move and the next write may leave one record of the killed batch pointing at its inbox)
    located = {row["source"]: row["location"] for row in rows if row["flow_run_id"] != str(killed.id)}
    assert all(located[name] == str(path) for name, path in archived.items() if name in located)
    assert list(inbox.iterdir()) == [] and not (inbox / FAILED_FOLDER).exists()

    # both workers did part of the work, and every record came from a run one of them took
    by_worker = {name: sum(row["flow_run_id"] in runs for row in rows) for name, runs in ran.items()}
    assert all(count > 0 for count in by_worker.values()), by_worker
    assert sum(by_worker.values()) == DOSSIERS
