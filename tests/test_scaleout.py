"""Scale-out end to end: a Prefect server on PostgreSQL, two `sangkien worker` processes and the poller share an
inbox; 200 dossiers dropped at once are recorded exactly once in PostgreSQL and archived exactly once."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

from pipeline.inbox import FAILED_FOLDER, file_digest
from pipeline.pool import deployment_name
from tests.cluster import Cluster, fresh_database
from tests.conftest import write_form_docx

pytestmark = pytest.mark.prefect

DOSSIERS = 200


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


def submitted_paths(api: str) -> Counter:
    """How often each entry was handed to the work pool, over every flow run the server knows."""
    with SyncPrefectClient(api) as client:
        deployment = client.read_deployment_by_name(deployment_name())
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])))
    return Counter(path for run in runs for path in run.parameters["paths"])


def taken_runs(worker_log: str) -> set[str]:
    """The flow runs a worker ran: those it submitted, less those the server gave to another worker first
    (two workers may reach for the same run; Prefect's atomic Pending transition lets only one have it)."""
    tried = re.findall(r"submitting flow run '([0-9a-f-]+)'", worker_log)
    aborted = re.findall(r"Aborted submission of flow run '([0-9a-f-]+)'", worker_log)
    return set(tried) - set(aborted)


def test_two_workers_record_every_dossier_exactly_once(postgres_server, postgres_url, tmp_path):
    inbox, archive = tmp_path / "shared" / "inbox", tmp_path / "shared" / "archive"
    inbox.mkdir(parents=True)
    with fresh_database(postgres_server, "sangkien_prefect") as prefect_url, \
            Cluster(tmp_path, postgres_url, prefect_url) as cluster:
        cluster.start_server()
        cluster.start_worker("w1")
        cluster.start_worker("w2")
        cluster.start_poller(inbox, archive, batch_size=50)
        dropped = drop_forms(inbox, DOSSIERS)
        rows = cluster.wait_for_records(DOSSIERS, timeout=150)
        submitted = submitted_paths(cluster.api)
        ran = {name: taken_runs(cluster.log(name)) for name in ("w1", "w2")}

    assert len(rows) == DOSSIERS
    assert Counter(row["source"] for row in rows) == Counter(dropped.keys())  # every dossier, each once
    assert len({row["fingerprint"] for row in rows}) == DOSSIERS
    assert {row["status"] for row in rows} == {"needs_review"}  # none failed, none a duplicate
    assert set(submitted.values()) == {1} and len(submitted) == DOSSIERS  # the poller handed each entry once

    # every original archived once, byte-identical, where its record says; nothing left behind or set aside
    archived = {p.name.split(" ", 1)[1]: p for p in archive.rglob("*.docx")}
    assert {name: file_digest(p) for name, p in archived.items()} == dropped
    assert sorted(str(p) for p in archived.values()) == sorted(row["location"] for row in rows)
    assert list(inbox.iterdir()) == [] and not (inbox / FAILED_FOLDER).exists()

    # both workers did part of the work, and every record came from a run one of them took
    by_worker = {name: sum(row["flow_run_id"] in runs for row in rows) for name, runs in ran.items()}
    assert all(count > 0 for count in by_worker.values()), by_worker
    assert sum(by_worker.values()) == DOSSIERS
