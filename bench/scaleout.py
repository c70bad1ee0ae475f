"""Scale-out throughput: the same dossiers through a Prefect server on PostgreSQL with one worker, then with two.

Each phase gets a fresh records database and inbox; the clock runs from the drop until every dossier is recorded
(the flow-run start-up of each batch included, as in production). On one machine the second worker shares the
same cores, so the figure shows the overhead hidden by more runs at once, not the gain of a second machine.

Usage: .venv/bin/python bench/scaleout.py [--count 300]   (PostgreSQL: $SANGKIEN_TEST_POSTGRES_URL or 127.0.0.1)
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, generate, size_argument

sys.path.insert(0, str(ROOT))
from tests.cluster import Cluster, fresh_database  # noqa: E402

SERVER = os.environ.get("SANGKIEN_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
BATCH = 50


def wait_for_line(cluster: Cluster, name: str, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while text not in cluster.log(name):
        assert time.monotonic() < deadline, f"{name} did not say {text!r}:\n{cluster.log(name)}"
        time.sleep(0.2)


def phase(cluster: Cluster, source: Path, work: Path, workers: int) -> float:
    """Seconds from the drop until every dossier of `source` is recorded, with `workers` workers."""
    count = len(list(source.iterdir()))
    with fresh_database(SERVER, "sangkien_bench") as records_url:
        cluster.records_url = records_url
        shared = work / f"shared-{workers}"
        inbox, staging = shared / "inbox", shared / "staging"
        inbox.mkdir(parents=True)
        shutil.copytree(source, staging)
        names = [f"w{n}" for n in range(1, workers + 1)]
        for name in names:
            cluster.start_worker(f"{name}-of-{workers}")
        cluster.start_poller(inbox, shared / "archive", batch_size=BATCH)
        for name in names:
            wait_for_line(cluster, f"{name}-of-{workers}", "started")
        wait_for_line(cluster, "poller", "Ctrl-C to stop")
        started = time.monotonic()
        for path in staging.iterdir():
            path.rename(inbox / path.name)
        rows = cluster.wait_for_records(count, timeout=1800)
        seconds = time.monotonic() - started
        for name in ["poller", *(f"{n}-of-{workers}" for n in names)]:
            cluster.stop(name)
    assert len(rows) == count, f"{len(rows)} of {count} dossiers recorded"
    return seconds


def main() -> None:
    count = size_argument(__doc__, "count", 300)
    work = Path(tempfile.mkdtemp(prefix="bench-scaleout-"))
    source = generate(work / "samples", seed=4300, count=count, kinds="docx")
    with fresh_database(SERVER, "sangkien_bench_prefect") as prefect_url, \
            Cluster(work, "", prefect_url) as cluster:
        cluster.start_server()
        figures = {workers: phase(cluster, source, work, workers) for workers in (1, 2)}
    for workers, seconds in figures.items():
        print(f"{workers} worker{'s' if workers > 1 else ''} ({os.cpu_count()} cores, batches of {BATCH}): "
              f"{count} DOCX dossiers in {seconds:.1f} s = {count / seconds:.2f} dossiers/s")
    print(f"two workers / one worker: {figures[1] / figures[2]:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
