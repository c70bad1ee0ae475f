"""The reviewers' web page as the runtime serves it (`sangkien serve`, `sangkien up`): the admin page's rerun
button runs `flows.rerun` in the background, its "learn now" button the `learn-sectors` flow, and its links lead to
this home's `sangkien up` Prefect UI."""

from __future__ import annotations

import logging
import threading
from functools import partial

from fastapi import FastAPI

from flows.prefect_api import connect, prefect_ui
from flows.rerun import BackgroundReruns
from pipeline.config import Settings
from pipeline.web.app import create_app

log = logging.getLogger(__name__)


class BackgroundLearning:
    """The admin page's "learn now" button (`create_app(learn=…)`): one retraining at a time, in a thread of this
    process, on this home's `sangkien up` Prefect API when it runs (else a temporary one); returns at once whether
    one was started."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._busy = threading.Lock()

    def __call__(self, username: str) -> bool:
        if not self._busy.acquire(blocking=False):
            return False
        threading.Thread(target=self._run, args=(username,), name="sangkien-learn", daemon=True).start()
        return True

    def _run(self, username: str) -> None:
        try:
            connect(self.settings, follow_up=True).wait()
            from flows.learn import learn_sectors  # Prefect is imported once `connect` pointed it at its API

            learn_sectors(self.settings.database_url, username)
        except Exception:  # the page lists the models; the log says why none came
            log.exception("retraining the sector classifier failed")
        finally:
            self._busy.release()


def review_app(settings: Settings) -> FastAPI:
    return create_app(settings, rerun=BackgroundReruns(settings), learn=BackgroundLearning(settings),
                      prefect_ui=partial(prefect_ui, settings))
