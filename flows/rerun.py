"""Reruns, for `sangkien rerun` and the admin page's button: recorded dossiers processed again where their files are.

Which dossiers, and where each is read again, is store logic (`pipeline.rerun`); this runs them as batches of the
processing flow. With this home's `sangkien up` running, each batch is a run of its ingest deployment, made and
run in this process, so that its Prefect UI shows it and can retry it.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from queue import SimpleQueue
from uuid import UUID

from flows.prefect_api import connect
from pipeline.config import BatchSpec, Settings
from pipeline.dossier import Outcome
from pipeline.report import summary_line
from pipeline.rerun import plan, select
from pipeline.store import Store

log = logging.getLogger(__name__)

# Runs one batch of a rerun: (spec, {path: fingerprint it replaces}, deployment or None) → outcomes, flow seconds.
BatchRunner = Callable[[BatchSpec, dict[str, str], UUID | None], tuple[list[Outcome], float]]


@dataclass(frozen=True)
class Rerun:
    """The dossiers to read again, one batch per inbox they belong to, and those whose files are gone."""

    batches: tuple[tuple[BatchSpec, dict[str, str]], ...]
    missing: tuple[str, ...]


def prepare(settings: Settings, names: list[str], failed: bool, learned: bool = False) -> Rerun | None:
    """The rerun of the dossiers named (dossier or entry names, fingerprint prefixes), or of every failed one, or
    of every one not approved (`learned`); None when none matches. Nothing is moved or forgotten yet."""
    rows = select(Store.shared(settings.database_url), names, failed, learned)
    if not rows:
        return None
    made = plan(rows)
    batches = [(BatchSpec.of(settings, inbox, stable_seconds=0), reruns) for inbox, reruns in made.failed.items()]
    if made.in_place:
        batches.append((BatchSpec.of(settings, settings.inbox, stable_seconds=0, keep_inbox=True), made.in_place))
    return Rerun(tuple(batches), tuple(made.missing))


def rerun(settings: Settings, job: Rerun, run: BatchRunner | None = None,
          say: Callable[[str], None] = log.info) -> tuple[list[Outcome], float]:
    """Run `job`'s batches one after another (each with `run`, by default plainly in this process); returns every
    outcome and the seconds the flows took."""
    api = connect(settings, follow_up=True)
    from flows.batch import ingest_deployment  # Prefect is imported once `connect` has pointed it at its API

    deployment = ingest_deployment() if api.of_up and job.batches else None
    run = run or (lambda spec, reruns, deployment: _run_plainly(settings, spec, reruns, deployment, say))
    outcomes, seconds = [], 0.0
    for spec, reruns in job.batches:
        done, took = run(spec, reruns, deployment)
        outcomes, seconds = outcomes + done, seconds + took
    return outcomes, seconds


def _run_plainly(settings: Settings, spec: BatchSpec, reruns: dict[str, str], deployment: UUID | None,
                 say: Callable[[str], None]) -> tuple[list[Outcome], float]:
    from flows.batch import run_batch

    connect(settings).wait()
    started = time.monotonic()
    outcomes = run_batch(spec, settings.workers, reruns=reruns, deployment=deployment, say=say)
    return outcomes, time.monotonic() - started


class BackgroundReruns:
    """The admin page's rerun button (`create_app(rerun=…)`): `self(fingerprint)` reruns that dossier, or every
    failed one when it is None (every one not approved, with `learned`), and returns at once how many dossiers it
    takes.

    The reruns run one after another in a thread of this process that lives as long as it, so that a temporary
    Prefect server it starts lives as long too (Linux ends that child with the thread that started it). What
    each rerun did is appended to `<home>/logs/rerun.log`.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._waiting: SimpleQueue[tuple[list[str], bool, bool]] = SimpleQueue()
        self._worker: threading.Thread | None = None
        self._starting = threading.Lock()

    def __call__(self, fingerprint: str | None, learned: bool = False) -> int:
        names, failed = ([fingerprint], False) if fingerprint else ([], not learned)
        count = len(select(Store.shared(self.settings.database_url), names, failed, learned))
        if count:
            self._waiting.put((names, failed, learned))
            with self._starting:
                if self._worker is None:  # a daemon: stopping the page does not wait for a long OCR
                    self._worker = threading.Thread(target=self._work, name="sangkien-rerun", daemon=True)
                    self._worker.start()
        return count

    def _work(self) -> None:
        while True:
            names, failed, learned = self._waiting.get()
            try:
                self._run(names, failed, learned)
            except Exception:  # the next rerun may meet better luck (the database or the server back)
                log.exception("a rerun from the admin page failed")
                self._note(traceback.format_exc())

    def _run(self, names: list[str], failed: bool, learned: bool) -> None:
        self._note(f"rerun {' '.join(names) or ('--learned' if learned else '--failed')}")
        job = prepare(self.settings, names, failed, learned)
        if job is None:
            self._note("no matching dossier")
            return
        outcomes, seconds = rerun(self.settings, job, say=self._note)
        for source in job.missing:
            self._note(f"{source}: files not found where the record says; not rerun")
        self._note(summary_line(Counter(outcome.kind for outcome in outcomes), seconds))

    def _note(self, line: str) -> None:
        self.settings.logs.mkdir(parents=True, exist_ok=True)
        with (self.settings.logs / "rerun.log").open("a", encoding="utf-8") as out:
            out.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} {line}\n")
