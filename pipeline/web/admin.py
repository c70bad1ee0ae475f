"""The admin page: failed dossiers with their reasons, reruns (the machinery of `sangkien rerun`), links to the
runs in the Prefect UI, and user accounts."""

from __future__ import annotations

import logging
import threading

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from pipeline.config import Settings
from pipeline.rerun import batches, prepare, select
from pipeline.store import Store
from pipeline.up import running_api
from pipeline.users import UserError, add_user, list_users
from pipeline.web.auth import require_admin

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])
log = logging.getLogger(__name__)


def _run_batches(settings: Settings, work: list, api: str | None) -> None:
    """Carry out a rerun's batches: as runs of `sangkien up`'s deployment when it runs, else here."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.batch import run_batch

    for spec, paths in work:
        try:
            if api:
                from prefect.deployments import run_deployment

                with temporary_settings(updates={PREFECT_API_URL: api}):
                    run = run_deployment("process-batch/ingest", timeout=3600,
                                         parameters={"spec": spec.model_dump(), "paths": paths})
                if run.state.is_completed() or paths is None:  # put-back files: the watcher takes them
                    continue
            run_batch(spec, settings.workers, paths)
        except Exception:  # noqa: BLE001 - a background thread must log, not die silently
            log.exception("rerun batch from the admin page failed (%s)", spec.inbox)


def start_rerun(settings: Settings, store: Store, names: list[str], failed: bool) -> int:
    """Put the dossiers back for processing now and run their batches in a background thread; returns how many."""
    rows = select(store, names, failed)
    if not rows:
        return 0
    work = batches(settings, prepare(store, rows))
    threading.Thread(target=_run_batches, args=(settings, work, running_api(settings)), daemon=True,
                     name="sangkien-rerun").start()
    return len(rows)


@router.get("")
def admin_page(request: Request):
    settings, store = request.app.state.settings, request.app.state.store
    api = running_api(settings)
    return request.app.state.render(request, "admin.html", failed=store.rows(statuses=("failed",)),
                                    users=list_users(store), prefect_ui=api.removesuffix("/api") if api else None,
                                    flash=request.session.pop("flash", None))


@router.post("/rerun")
def rerun(request: Request, fingerprint: str = Form("")):
    count = start_rerun(request.app.state.settings, request.app.state.store,
                        [fingerprint] if fingerprint else [], failed=not fingerprint)
    request.session["flash"] = (f"Đã cho chạy lại {count} hồ sơ; kết quả hiện ra khi xử lý xong."
                                if count else "Không có hồ sơ nào để chạy lại.")
    return RedirectResponse("/admin", status_code=303)


@router.post("/users")
def create_user(request: Request, username: str = Form(""), password: str = Form(""), role: str = Form("reviewer")):
    try:
        add_user(request.app.state.store, username, password, role)
        request.session["flash"] = f"Đã lưu tài khoản “{username.strip()}”."
    except UserError as err:
        request.session["flash"] = str(err)
    return RedirectResponse("/admin", status_code=303)
