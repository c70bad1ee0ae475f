"""Login, sessions and CSRF.

The session cookie (Starlette's, signed with itsdangerous) is HttpOnly and SameSite=Lax and holds the user
name and a CSRF token. Every POST must carry that token in the form field `csrf_token`, or it is refused.
Every page but /login and static files requires a login; the role is read from the database on each request,
so a removed user is out at once.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from pipeline.users import authenticate, role_of

router = APIRouter()


class LoginRequired(Exception):
    """Raised by the guards; the app turns it into a redirect to /login."""


def secret_key(home: Path) -> str:
    """The session signing key, made once per home and readable only by its owner.

    Written whole to a private temporary file, then linked into place: two servers starting together agree on
    one key, and none ever reads a half-written one."""
    path = home / "web-secret.key"
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=home, prefix=".web-secret-")  # mode 600
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
        try:
            os.link(temporary, path)
        except FileExistsError:  # another process made it first: use theirs
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


def csrf_token(request: Request) -> str:
    return request.session.setdefault("csrf", secrets.token_urlsafe(32))


async def check_csrf(request: Request) -> None:
    if request.method != "POST":
        return
    sent = (await request.form()).get("csrf_token")
    expected = request.session.get("csrf")
    if not (isinstance(sent, str) and expected and secrets.compare_digest(sent, expected)):
        raise HTTPException(403, "Yêu cầu không hợp lệ (thiếu mã bảo vệ CSRF). Hãy tải lại trang và thử lại.")


async def require_user(request: Request) -> dict:
    """The logged-in user ({name, role}); POSTs must also pass the CSRF check."""
    name = request.session.get("user")
    role = role_of(request.app.state.store, name) if name else None
    if not role:
        request.session.pop("user", None)
        raise LoginRequired()
    await check_csrf(request)
    request.state.user = {"name": name, "role": role}
    return request.state.user


async def require_admin(user: dict = Depends(require_user)) -> dict:
    if user["role"] != "admin":
        raise HTTPException(403, "Trang này chỉ dành cho quản trị viên.")
    return user


def _local(next_path: str | None) -> str:
    """Only a path of this site is a valid place to return to after login (no open redirect)."""
    if next_path and next_path.startswith("/") and not next_path.startswith("//") and "\\" not in next_path:
        return next_path
    return "/"


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    return request.app.state.render(request, "login.html", next=_local(next), error=None)


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")):
    role = authenticate(request.app.state.store, username.strip(), password)
    if not role:
        return request.app.state.render(request, "login.html", next=_local(next), status_code=401,
                                        error="Tên đăng nhập hoặc mật khẩu không đúng.")
    request.session.clear()  # a fresh session (and CSRF token) at login
    request.session["user"] = username.strip()
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require_user)])
def logout(request: Request):
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
