"""The admin page: failed dossiers with their reasons, reruns and links to the runs in the Prefect UI (through the
runtime's hooks given to `create_app`), user accounts, and what reviewers' corrections taught ("Tri thức đã học")."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from pipeline.labels import FIELD_LABELS
from pipeline.learning import Learning
from pipeline.logins import recent_failures
from pipeline.sector_learning import SectorLearning
from pipeline.store import Store
from pipeline.users import ROLE_LABELS, UserError, add_user, list_users, set_disabled, set_password, set_role
from pipeline.web.auth import require_admin

router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])
log = logging.getLogger(__name__)


@router.get("")
def admin_page(request: Request):
    store = request.app.state.store
    return request.app.state.render(request, "admin.html", failed=store.rows(statuses=("failed",)),
                                    users=list_users(store), roles=ROLE_LABELS, failed_logins=recent_failures(store),
                                    prefect_ui=request.app.state.prefect_ui(),
                                    flash=request.session.pop("flash", None))


@router.post("/rerun")
def rerun(request: Request, fingerprint: str = Form("")):
    count = request.app.state.rerun(fingerprint.strip() or None)  # returns at once; the rerun runs meanwhile
    request.session["flash"] = (f"Đã cho chạy lại {count} hồ sơ; kết quả hiện ra khi xử lý xong."
                                if count else "Không có hồ sơ nào để chạy lại.")
    return RedirectResponse("/admin", status_code=303)


@router.post("/users")
def create_user(request: Request, username: str = Form(""), password: str = Form(""), role: str = Form("reviewer")):
    try:
        add_user(request.app.state.store, username, password, role)
        request.session["flash"] = f"Đã thêm tài khoản “{username.strip()}”."
        log.info("account %r added (%s) by %r", username.strip(), role, request.state.user["name"])
    except UserError as err:
        request.session["flash"] = str(err)
    return RedirectResponse("/admin", status_code=303)


@dataclass(frozen=True)
class AccountChange:
    apply: Callable[[Store, str, str, str], None]  # (store, username, password, role)
    done: str  # the flash once done; {username} and {role} are filled in


ACCOUNT_CHANGES = {
    "password": AccountChange(lambda store, name, password, _role: set_password(store, name, password),
                              "Đã đặt lại mật khẩu của “{username}”; "
                              "các phiên đăng nhập của tài khoản này đã kết thúc."),
    "role": AccountChange(lambda store, name, _password, role: set_role(store, name, role),
                          "“{username}” giờ là {role}; các phiên đăng nhập của tài khoản này đã kết thúc."),
    "disable": AccountChange(lambda store, name, _password, _role: set_disabled(store, name, True),
                             "Đã vô hiệu hóa “{username}”: không đăng nhập được nữa, các phiên đang mở đã kết thúc."),
    "enable": AccountChange(lambda store, name, _password, _role: set_disabled(store, name, False),
                            "Đã kích hoạt lại “{username}”."),
}


@router.post("/users/{action}")
def change_user(request: Request, action: str, username: str = Form(""), password: str = Form(""),
                role: str = Form(""), confirm: str = Form("")):
    """Reset a password, change a role, disable or enable an account: each only with its box ticked."""
    change = ACCOUNT_CHANGES.get(action)
    if change is None:
        raise HTTPException(404)
    if confirm != "yes":
        request.session["flash"] = "Chưa thay đổi gì: hãy đánh dấu ô xác nhận rồi bấm lại."
        return RedirectResponse("/admin", status_code=303)
    try:
        change.apply(request.app.state.store, username, password, role)
        request.session["flash"] = change.done.format(username=username, role=ROLE_LABELS.get(role, role))
        log.info("account %r: %s by %r", username, action, request.state.user["name"])
    except UserError as err:
        request.session["flash"] = str(err)
    return RedirectResponse("/admin", status_code=303)


@router.get("/tri-thuc")
def learned_page(request: Request):
    """"Tri thức đã học": every unit and sector learned from a correction (the retired ones too, for the history),
    every proposed label, every retrained sector classifier."""
    learning, models = Learning(request.app.state.store), SectorLearning(request.app.state.store)
    return request.app.state.render(request, "learned.html", learned=learning.all_learned(),
                                    proposals=learning.label_proposals(), field_labels=FIELD_LABELS,
                                    models=models.versions(), pending=models.corrections_since_last(),
                                    learn_every=request.app.state.settings.learn_every,
                                    flash=request.session.pop("flash", None))


LEARNED_CHANGES = {"retire": (Learning.retire, "Đã bỏ: hồ sơ mới sẽ không được sửa theo mục này nữa."),
                   "restore": (Learning.restore, "Đã dùng lại mục này cho hồ sơ mới.")}


LABEL_DONE = {"accepted": "Đã nhận nhãn này: hồ sơ đọc sau sẽ dùng nó.",
              "rejected": "Đã bỏ qua nhãn này: sẽ không đề xuất lại."}


@router.post("/tri-thuc/nhan/{proposal_id}/{status}")
def decide_label(request: Request, proposal_id: int, status: str):
    """Accept a proposed label (it joins the field's label rules) or reject it."""
    if status not in LABEL_DONE:
        raise HTTPException(404)
    if not Learning(request.app.state.store).decide_label(proposal_id, status, request.state.user["name"]):
        raise HTTPException(404)
    log.info("label proposal %s %s by %r", proposal_id, status, request.state.user["name"])
    request.session["flash"] = LABEL_DONE[status]
    return RedirectResponse("/admin/tri-thuc", status_code=303)


@router.post("/tri-thuc/learn")
def learn_sectors(request: Request):
    """Retrain the sector classifier now (in the background: about ten seconds)."""
    started = request.app.state.learn(request.state.user["name"])
    request.session["flash"] = ("Đang học lại phân loại lĩnh vực; tải lại trang sau ít giây để xem kết quả."
                                if started else "Đang có một lượt học lại chạy; hãy chờ lượt đó xong.")
    return RedirectResponse("/admin/tri-thuc", status_code=303)


@router.post("/tri-thuc/model")
def use_model(request: Request, version: str = Form("")):
    """Switch the sector classifier to a kept version, or back to the shipped one ("")."""
    chosen = int(version) if version.isdigit() else None
    if not SectorLearning(request.app.state.store).activate(chosen):
        raise HTTPException(404)
    log.info("sector model %s put in use by %r", chosen or "shipped", request.state.user["name"])
    request.session["flash"] = (f"Từ giờ dùng mô hình phiên bản {chosen}." if chosen
                                else "Từ giờ dùng mô hình gốc của phần mềm.")
    return RedirectResponse("/admin/tri-thuc", status_code=303)


@router.post("/tri-thuc/{learned_id}/{action}")
def change_learned(request: Request, learned_id: int, action: str):
    change = LEARNED_CHANGES.get(action)
    if change is None:
        raise HTTPException(404)
    method, done = change
    user = request.state.user["name"]
    changed = method(Learning(request.app.state.store), learned_id, user)
    request.session["flash"] = done if changed else "Không thay đổi gì: mục này đã ở trạng thái đó."
    if changed:
        log.info("learned value %s: %s by %r", learned_id, action, user)
    return RedirectResponse("/admin/tri-thuc", status_code=303)


@router.post("/tri-thuc/rerun")
def rerun_learned(request: Request):
    """Read every dossier not approved yet again, with what is learned now."""
    count = request.app.state.rerun(None, learned=True)
    request.session["flash"] = (f"Đang đọc lại {count} hồ sơ chưa duyệt với tri thức hiện có; kết quả hiện ra khi "
                                "xử lý xong." if count else "Không có hồ sơ chưa duyệt nào.")
    return RedirectResponse("/admin/tri-thuc", status_code=303)
