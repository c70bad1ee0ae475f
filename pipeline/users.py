"""Accounts of the review web page: reviewers review, admins also manage users and reruns.

Passwords are stored as argon2id hashes (argon2-cffi); a hash made with older parameters is upgraded at login.
"""

from __future__ import annotations

from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import delete, insert, select, update

from pipeline.store import Store

ROLES = ("reviewer", "admin")
MIN_PASSWORD = 8
_hasher = PasswordHasher()


class UserError(ValueError):
    """A user that cannot be added, said in Vietnamese for the page and the terminal alike."""


def add_user(store: Store, username: str, password: str, role: str) -> None:
    """Create or replace `username` (replacing is how a forgotten password is reset)."""
    username = username.strip()
    if not username or len(username) > 80 or any(ch.isspace() for ch in username):
        raise UserError("Tên đăng nhập không hợp lệ (không để trống, không có khoảng trắng, tối đa 80 ký tự).")
    if role not in ROLES:
        raise UserError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    t = store.meta.tables["users"]
    row = {"username": username, "password_hash": _hasher.hash(password), "role": role,
           "created_at": datetime.now(timezone.utc)}
    with store.engine.begin() as conn:
        conn.execute(delete(t).where(t.c.username == username))
        conn.execute(insert(t).values(**row))


def role_of(store: Store, username: str) -> str | None:
    t = store.meta.tables["users"]
    with store.engine.connect() as conn:
        return conn.execute(select(t.c.role).where(t.c.username == username)).scalar()


def authenticate(store: Store, username: str, password: str) -> str | None:
    """The user's role when the password is right, else None."""
    t = store.meta.tables["users"]
    with store.engine.connect() as conn:
        found = conn.execute(select(t).where(t.c.username == username)).mappings().first()
    if not found:
        _hasher.hash(password)  # same cost as a wrong password, so timing does not reveal which names exist
        return None
    try:
        _hasher.verify(found["password_hash"], password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(found["password_hash"]):
        with store.engine.begin() as conn:
            conn.execute(update(t).where(t.c.username == username).values(password_hash=_hasher.hash(password)))
    return found["role"]


def list_users(store: Store) -> list[dict]:
    t = store.meta.tables["users"]
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(t.c.username, t.c.role, t.c.created_at)
                                              .order_by(t.c.username)).mappings()]
