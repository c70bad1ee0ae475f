"""Every error a person can meet on the web page is a Vietnamese HTML page: HTTP errors (404, 405, …), invalid
requests (FastAPI's 422, JSON in English by default) and unexpected exceptions (500, traceback to the log only)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from pipeline.web import auth

log = logging.getLogger("sangkien.web")

# status: (heading, what happened and what to do)
PAGES = {
    400: ("Yêu cầu không hợp lệ", "Yêu cầu không hợp lệ. Hãy quay lại trang trước và thử lại."),
    403: ("Không có quyền", "Bạn không có quyền thực hiện việc này."),
    404: ("Không tìm thấy", "Không tìm thấy trang hoặc tệp này."),
    405: ("Không thực hiện được", "Trang này không nhận kiểu yêu cầu vừa gửi. Hãy mở lại trang từ danh sách hồ sơ "
                                  "rồi thử lại."),
    422: ("Dữ liệu không hợp lệ", "Dữ liệu gửi lên bị thiếu hoặc không đúng dạng. Hãy quay lại trang trước, kiểm tra "
                                  "rồi gửi lại."),
    500: ("Lỗi hệ thống", "Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi vào nhật ký. Hãy thử lại sau ít phút, nếu "
                          "vẫn lỗi hãy báo quản trị viên."),
}
OTHER = ("Không thực hiện được", "Không thực hiện được yêu cầu này.")
HIDDEN_FROM_STRANGERS = {404, 405}  # a stranger learns nothing of which pages exist: they get the login page
# Shown when even the error page cannot be drawn (the template or the session failing too).
BARE_500 = ('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi hệ thống</title>'
            f"<h1>Lỗi hệ thống</h1><p>{PAGES[500][1]}</p></html>")


def _page(request: Request, status: int, message: str | None = None):
    heading, standard = PAGES.get(status, OTHER)
    return request.app.state.render(request, "error.html", status_code=status, heading=heading,
                                    message=message or standard)


def install(app: FastAPI, security_headers: dict[str, str]) -> None:
    """Register the handlers on `app` (whose `state.render` draws pages)."""

    @app.exception_handler(auth.LoginRequired)
    async def to_login(request: Request, _exc: auth.LoginRequired):
        return auth.login_redirect(request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        user = getattr(request.state, "user", None) or await auth.current_user(request)
        if exc.status_code in HIDDEN_FROM_STRANGERS and not user:
            return auth.login_redirect(request)
        request.state.user = user  # a 404 met before any guard still shows the page's menu
        # Our own raises carry a Vietnamese detail; Starlette's carry the English reason phrase.
        own = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else None
        response = _page(request, exc.status_code, own)
        response.headers.update(exc.headers or {})  # e.g. a 405's Allow
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        log.info("invalid request %s %s: %s", request.method, request.url.path, exc.errors())
        return _page(request, 422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # Runs outside every middleware (Starlette's ServerErrorMiddleware): the security headers are set here.
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        try:
            response = _page(request, 500)
        except Exception:  # noqa: BLE001 - the error page itself failed: plain words, still Vietnamese
            log.exception("the error page could not be drawn")
            response = HTMLResponse(BARE_500, status_code=500)
        response.headers.update(security_headers)
        return response
