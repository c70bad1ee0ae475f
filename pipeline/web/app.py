"""The reviewers' web page: a FastAPI app with server-rendered Jinja2 pages (autoescaped: dossier text is inert).

`create_app(settings, rerun=…, prefect_ui=…)` wires the store, the session middleware and the routers. What the
admin page needs from the runtime comes in as those two hooks: the page knows nothing of Prefect, and `flows`
(`sangkien serve`, `sangkien up`: `flows.review_page`) hands them over when it builds the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from pipeline import logins, sessions
from pipeline.config import Settings
from pipeline.labels import (
    FAILURE_KIND_LABELS,
    STAGE_LABELS,
    STATUS_LABELS,
    brief,
    confidence_class,
    sector_label,
    share,
    vn_date,
    vn_money,
    vn_size,
    when,
)
from pipeline.store import Store
from pipeline.strategies import explain
from pipeline.web import admin, auth, detail, errors, listing

HERE = Path(__file__).parent
# The pages run no script at all: even markup that slipped through escaping could not execute.
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'none'; "
                                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
                                               "form-action 'self'",
                    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def create_app(settings: Settings, *, rerun: Callable[..., int], prefect_ui: Callable[[], str | None],
               learn: Callable[[str], bool] = lambda _user: False) -> FastAPI:
    """The review page. `rerun(fingerprint, learned=False)` starts a rerun of that dossier, or of every failed one
    when None (every one not approved, with `learned`), in the background, and returns how many dossiers it takes;
    `prefect_ui()` is the address of the Prefect UI the runs can be seen in, or None; `learn(username)` starts
    retraining the sector classifier in the background and says whether it did (one at a time)."""
    app = FastAPI(title="sangkien", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.rerun, app.state.prefect_ui, app.state.learn = rerun, prefect_ui, learn
    app.state.store = Store.shared(settings.database_url)
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(status_labels=STATUS_LABELS, sector_label=sector_label,
                                 as_text=lambda value: value or "")
    templates.env.filters.update(money=vn_money, vndate=vn_date, confidence=confidence_class, brief=brief, when=when,
                                 size=vn_size, failure_kind=lambda kind: FAILURE_KIND_LABELS.get(kind, kind),
                                 stage=lambda stage: STAGE_LABELS.get(stage, stage), strategy=explain,
                                 percent=share)

    def render(request: Request, name: str, status_code: int = 200, **context):
        context |= {"user": getattr(request.state, "user", None), "csrf": auth.csrf_token(request)}
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    app.state.render = render
    app.state.login_rules = logins.RULES  # the growing delays between failed logins
    # The cookie holds the session id and CSRF token; the session is the server's row (pipeline.sessions).
    app.add_middleware(SessionMiddleware, secret_key=auth.secret_key(settings.home), session_cookie="sangkien",
                       same_site="lax", max_age=int(sessions.LIFETIME.total_seconds()))
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (auth, listing, detail, admin):
        app.include_router(module.router)

    errors.install(app, SECURITY_HEADERS)
    return app
