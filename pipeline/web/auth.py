"""Login, sessions and CSRF.

The session cookie (Starlette's, signed with itsdangerous) is HttpOnly and SameSite=Lax and holds a random
session id and a CSRF token; the session itself is a row of `web_sessions` (pipeline.sessions), so logout, or
disabling the account, changing its password or role, ends it at once, whatever copies of the cookie exist.
Every POST must carry the CSRF token in the form field `csrf_token`, or it is refused. Every page but /login and
static files requires a login; the role is read from the database on each request.

Logins are slowed by a growing delay per name typed and per client address (pipeline.logins), and every attempt
is logged. The argon2 verifications run on a small pool of their own, and attempts on one name or from one
address take turns: a burst of wrong logins waits there, holding no thread, and cannot outrun the delay, while
the other pages keep the server's threads and cores.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import tempfile
import weakref
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from pipeline.logins import client_address, record, seconds_to_wait, typed_name
from pipeline.sessions import end_session, open_session, session_user
from pipeline.users import Verdict, authenticate

router = APIRouter()
log = logging.getLogger(__name__)

# Half the cores verify passwords (each verification: ~0.2 s of CPU and 64 MiB): the rest serve the pages.
HASHING = ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) // 2), thread_name_prefix="argon2")
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
REFUSED = {Verdict.WRONG_PASSWORD: WRONG, Verdict.NO_SUCH_USER: WRONG,
           Verdict.DISABLED: "Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị viên."}


class LoginRequired(Exception):
    """Raised by the guards; the app turns it into a redirect to /login."""


class TakingTurns:
    """One asyncio lock per key (per event loop), forgotten once nobody holds or awaits it."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary = weakref.WeakValueDictionary()

    @asynccontextmanager
    async def hold(self, *keys):
        """Hold every key's lock, always taken in the order given (callers pass kinds in one fixed order)."""
        loop = id(asyncio.get_running_loop())
        async with AsyncExitStack() as stack:
            for key in keys:
                await stack.enter_async_context(self._locks.setdefault((loop, key), asyncio.Lock()))
            yield


_turns = TakingTurns()


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


async def current_user(request: Request) -> dict | None:
    """The session's user ({name, role}), or None (a cookie of an ended session loses its id)."""
    token = request.session.get("sid")
    user = await run_in_threadpool(session_user, request.app.state.store, token) if token else None
    if user is None:
        request.session.pop("sid", None)
    return user


async def require_user(request: Request) -> dict:
    """The logged-in user ({name, role}); POSTs must also pass the CSRF check."""
    user = await current_user(request)
    if user is None:
        raise LoginRequired()
    await check_csrf(request)
    request.state.user = user
    return user


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


def _login_page(request: Request, next_path: str, status_code: int = 200, error: str | None = None):
    return request.app.state.render(request, "login.html", next=_local(next_path), error=error,
                                    status_code=status_code)


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    return _login_page(request, next)


async def _attempt(request: Request, name: str, address: str, password: str) -> Verdict | int:
    """The verdict on this attempt, or the seconds to wait when it came too soon (the password unchecked)."""
    store = request.app.state.store
    async with _turns.hold(("username", name), ("address", address)):
        wait = await run_in_threadpool(seconds_to_wait, store, name, address, request.app.state.login_rules)
        if wait:
            return wait
        verdict = await asyncio.get_running_loop().run_in_executor(HASHING, authenticate, store, name, password)
        await run_in_threadpool(record, store, name, address, verdict is Verdict.ACCEPTED)
        return verdict


@router.post("/login", dependencies=[Depends(check_csrf)])
async def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")):
    name = typed_name(username)
    address = client_address(request.client.host if request.client else None)
    verdict = await _attempt(request, name, address, password)
    if isinstance(verdict, int):
        log.warning("login refused: %r from %s must wait %d s (too many failed attempts)", name, address, verdict)
        page = _login_page(request, next, 429, f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {verdict} giây.")
        page.headers["Retry-After"] = str(verdict)
        return page
    if verdict is not Verdict.ACCEPTED:
        log.warning("login failed: %r from %s (%s)", name, address, verdict.value)
        return _login_page(request, next, 401, REFUSED[verdict])
    log.info("login: %r from %s", name, address)
    store = request.app.state.store
    if previous := request.session.get("sid"):  # logging in again from this browser replaces its session
        await run_in_threadpool(end_session, store, previous)
    token = await run_in_threadpool(open_session, store, name)
    request.session.clear()  # a fresh session (and CSRF token) at login
    request.session["sid"] = token
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require_user)])
def logout(request: Request):
    end_session(request.app.state.store, request.session["sid"])
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
