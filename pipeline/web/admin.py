"""The admin page: failed dossiers with their reasons, reruns (the machinery of `sangkien rerun`), links to the
runs in the Prefect UI, and user accounts."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from pipeline.config import Settings
from pipeline.rerun import select
from pipeline.store import Store
from pipeline.up import running_api
from pipeline.users import UserError, add_user, list_users
from pipeline.web.auth import require_admin

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])
ROOT = Path(__file__).resolve().parents[2]


def start_rerun(settings: Settings, store: Store, fingerprint: str | None) -> int:
    """Run `sangkien rerun` for one dossier (or every failed one) as a child process, so the page returns at
    once and the rerun is exactly the command's: with `sangkien up` running, its runs come from the deployment.
    Returns how many dossiers it takes; its output goes to `<home>/logs/rerun.log`."""
    count = len(select(store, [fingerprint] if fingerprint else [], failed=not fingerprint))
    if count:
        settings.logs.mkdir(parents=True, exist_ok=True)
        with (settings.logs / "rerun.log").open("ab") as log:
            child = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "rerun",
                                      *([fingerprint] if fingerprint else ["--failed"])], cwd=ROOT,
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        threading.Thread(target=child.wait, name="sangkien-rerun-reaper", daemon=True).start()
    return count


@router.get("")
def admin_page(request: Request):
    settings, store = request.app.state.settings, request.app.state.store
    api = running_api(settings)
    return request.app.state.render(request, "admin.html", failed=store.rows(statuses=("failed",)),
                                    users=list_users(store), prefect_ui=api.removesuffix("/api") if api else None,
                                    flash=request.session.pop("flash", None))


@router.post("/rerun")
def rerun(request: Request, fingerprint: str = Form("")):
    count = start_rerun(request.app.state.settings, request.app.state.store, fingerprint.strip() or None)
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
