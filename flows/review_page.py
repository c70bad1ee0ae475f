"""The reviewers' web page as the runtime serves it (`sangkien serve`, `sangkien up`): the admin page's rerun
button runs `flows.rerun` in the background, and its links lead to this home's `sangkien up` Prefect UI."""

from __future__ import annotations

from functools import partial

from fastapi import FastAPI

from flows.prefect_api import prefect_ui
from flows.rerun import BackgroundReruns
from pipeline.config import Settings
from pipeline.web.app import create_app


def review_app(settings: Settings) -> FastAPI:
    return create_app(settings, rerun=BackgroundReruns(settings), prefect_ui=partial(prefect_ui, settings))
