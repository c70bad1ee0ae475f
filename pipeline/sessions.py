"""Server-side sessions of the review web page (table `web_sessions`, migration 0004).

The browser's cookie carries a random session id; the row, keyed by the id's sha256 (a copy of the table cannot
be replayed as cookies), is the session. Deleting the row ends it at once: logout, and any change to the account
that should throw its holder out (disabled, new password, new role), which `end_sessions` does inside the
change's own transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import Connection, delete, func, insert, select, update

from pipeline.store import Store, utc_now

LIFETIME = timedelta(hours=12)  # from login, however active: the cookie's max_age is the same
SEEN_EVERY = timedelta(minutes=5)  # `seen_at` is refreshed at most this often, not a write per page


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite gives UTC back zoneless


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, username: str) -> str:
    """A new session for `username`; returns the token for the cookie. Expired sessions are pruned meanwhile."""
    t = store.meta.tables["web_sessions"]
    token, now = secrets.token_urlsafe(32), utc_now()
    with store.engine.begin() as conn:
        conn.execute(delete(t).where(t.c.expires_at <= now))
        conn.execute(insert(t).values(id=_key(token), username=username, created_at=now, seen_at=now,
                                      expires_at=now + LIFETIME))
    return token


def session_user(store: Store, token: str) -> dict | None:
    """{name, role} of the session's account, read from `users` now (a new role applies at the next page);
    None when the session is unknown, expired, or its account is gone or disabled."""
    sessions, users = store.meta.tables["web_sessions"], store.meta.tables["users"]
    now = utc_now()
    query = (select(users.c.username, users.c.role, sessions.c.seen_at)
             .join(users, users.c.username == sessions.c.username)
             .where(sessions.c.id == _key(token), sessions.c.expires_at > now, users.c.disabled_at.is_(None)))
    with store.engine.connect() as conn:
        found = conn.execute(query).first()
    if found is None:
        return None
    if now - _aware(found.seen_at) > SEEN_EVERY:
        with store.engine.begin() as conn:
            conn.execute(update(sessions).where(sessions.c.id == _key(token)).values(seen_at=now))
    return {"name": found.username, "role": found.role}


def end_session(store: Store, token: str) -> None:
    t = store.meta.tables["web_sessions"]
    with store.engine.begin() as conn:
        conn.execute(delete(t).where(t.c.id == _key(token)))


def end_sessions(conn: Connection, store: Store, username: str) -> int:
    """End every session of `username` within the caller's transaction; returns how many there were."""
    t = store.meta.tables["web_sessions"]
    return conn.execute(delete(t).where(t.c.username == username)).rowcount


def open_counts(store: Store) -> dict[str, int]:
    """Sessions still open, by user name (the admin page shows them)."""
    t = store.meta.tables["web_sessions"]
    query = select(t.c.username, func.count()).where(t.c.expires_at > utc_now()).group_by(t.c.username)
    with store.engine.connect() as conn:
        return dict(conn.execute(query).all())
