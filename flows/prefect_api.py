"""Which Prefect API this process's flows talk to: this home's running `sangkien up`, `PREFECT_API_URL`, or a
temporary server of our own (`flows.temporary_api`).

Prefect reads its settings when it is imported, so the choice is made once per process, before that: a command
makes it at its start; a process serving the review page at its first rerun, and keeps it (a `sangkien up`
started or stopped later is not followed).
"""

from __future__ import annotations

import atexit
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx

from flows.temporary_api import TemporaryApi
from pipeline.config import Settings


@dataclass(frozen=True)
class Api:
    url: str
    temporary: TemporaryApi | None  # our own server, perhaps still booting
    of_up: bool  # this home's running `sangkien up`: batches are runs of its ingest deployment

    def wait(self) -> str:
        """The URL once the API answers (a temporary server boots in about 5 s; RuntimeError if it never does)."""
        return self.temporary.wait() if self.temporary else self.url


_chosen: Api | None = None
_choosing = threading.Lock()


def connect(settings: Settings, follow_up: bool = False) -> Api:
    """This process's Prefect API, chosen at the first call (later calls return it): with `follow_up`, this home's
    running `sangkien up` when one answers; else `PREFECT_API_URL`; else a temporary server, started now (it boots
    while the caller imports) and stopped when the process ends, or with the thread that started it: the main
    thread, or one that lives as long as the process."""
    global _chosen
    with _choosing:
        if _chosen is None:
            up = running_api(settings) if follow_up else None
            if up:
                os.environ["PREFECT_API_URL"] = up
                _chosen = Api(up, None, of_up=True)
            elif os.environ.get("PREFECT_API_URL"):
                _chosen = Api(os.environ["PREFECT_API_URL"], None, of_up=False)
            else:
                temporary = TemporaryApi(settings.logs / "prefect-temporary.log")
                atexit.register(temporary.stop)
                os.environ["PREFECT_API_URL"] = temporary.url
                _chosen = Api(temporary.url, temporary, of_up=False)
        return _chosen


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


def prefect_ui(settings: Settings) -> str | None:
    """The Prefect UI of this home's running `sangkien up`, if one answers (the admin page links its runs)."""
    api = running_api(settings)
    return api.removesuffix("/api") if api else None
