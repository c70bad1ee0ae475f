"""Accounts of the review web page: reviewers review, admins also manage users and reruns.

Passwords are stored as argon2id hashes (argon2-cffi); a hash made with older parameters is upgraded at login.
Adding never replaces an account: a new password, a new role, disabling and enabling are changes of their own,
and each change that should throw the account's holder out ends its sessions in the same transaction. The last
enabled admin can be neither demoted nor disabled, so someone can always manage the accounts.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import ColumnElement, Table, func, insert, select, true, update
from sqlalchemy.exc import IntegrityError

from pipeline.sessions import end_sessions, open_counts
from pipeline.store import Store

ROLE_LABELS = {"reviewer": "Người duyệt", "admin": "Quản trị viên"}
ROLES = tuple(ROLE_LABELS)
MIN_PASSWORD = 8
_hasher = PasswordHasher()


class UserError(ValueError):
    """A change to the accounts that cannot be made, said in Vietnamese for the page and the terminal alike."""


class Verdict(Enum):
    """What a login's name and password amount to (the value is what the log says)."""

    ACCEPTED = "accepted"
    WRONG_PASSWORD = "wrong password"
    NO_SUCH_USER = "no such user"
    DISABLED = "account disabled"


def _users(store: Store) -> Table:
    return store.meta.tables["users"]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(f"Vai trò phải là một trong: {', '.join(ROLES)}.")


def add_user(store: Store, username: str, password: str, role: str) -> None:
    """Create `username`; an existing name is refused (its password and role stay as they are)."""
    username = username.strip()
    if not username or len(username) > 80 or any(ch.isspace() for ch in username):
        raise UserError("Tên đăng nhập không hợp lệ (không để trống, không có khoảng trắng, tối đa 80 ký tự).")
    _check_role(role)
    _check_password(password)
    row = {"username": username, "password_hash": _hasher.hash(password), "role": role,
           "created_at": datetime.now(timezone.utc)}
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(_users(store)).values(**row))
    except IntegrityError as err:  # the primary key: two admins adding the same name at once are refused too
        raise UserError(f"Đã có tài khoản “{username}”. Muốn đổi mật khẩu hay vai trò của tài khoản này, hãy dùng "
                        "“Đặt lại mật khẩu” hoặc “Đổi vai trò”.") from err


def _enabled_admin(t: Table) -> ColumnElement[bool]:
    return (t.c.role == "admin") & t.c.disabled_at.is_(None)


def _change(store: Store, username: str, values: dict, differs: ColumnElement[bool], already: str,
            keep_an_admin: bool = False) -> None:
    """Update one account where `differs` holds (else UserError `already`), end its sessions, and, with
    `keep_an_admin`, refuse a change that would leave no enabled admin."""
    t = _users(store)
    with store.engine.begin() as conn:
        if keep_an_admin:  # PostgreSQL: two admins demoting each other at once queue here (SQLite: at the update)
            conn.execute(select(t.c.username).where(_enabled_admin(t)).with_for_update()).all()
        changed = conn.execute(update(t).where(t.c.username == username, differs).values(**values)).rowcount
        if not changed:
            exists = conn.execute(select(t.c.username).where(t.c.username == username)).first()
            raise UserError(already if exists else f"Không có tài khoản “{username}”.")
        if keep_an_admin and not conn.execute(select(func.count()).select_from(t).where(_enabled_admin(t))).scalar():
            raise UserError(f"“{username}” là quản trị viên cuối cùng còn hoạt động: không thể bỏ quyền hay vô hiệu "
                            "hóa. Hãy cho một tài khoản khác làm quản trị viên trước.")
        end_sessions(conn, store, username)


def set_password(store: Store, username: str, password: str) -> None:
    """A new password for `username` (how a forgotten one is reset); its open sessions end."""
    _check_password(password)
    _change(store, username, {"password_hash": _hasher.hash(password)}, true(), "")


def set_role(store: Store, username: str, role: str) -> None:
    _check_role(role)
    t = _users(store)
    _change(store, username, {"role": role}, t.c.role != role, f"“{username}” đã là {ROLE_LABELS[role]}.",
            keep_an_admin=role != "admin")


def set_disabled(store: Store, username: str, disabled: bool) -> None:
    """Disable `username` (it cannot log in, its sessions end) or enable it again."""
    t = _users(store)
    if disabled:
        _change(store, username, {"disabled_at": datetime.now(timezone.utc)}, t.c.disabled_at.is_(None),
                f"“{username}” đã bị vô hiệu hóa từ trước.", keep_an_admin=True)
    else:
        _change(store, username, {"disabled_at": None}, t.c.disabled_at.is_not(None),
                f"“{username}” đang hoạt động.")


def authenticate(store: Store, username: str, password: str) -> Verdict:
    """Check a login's name and password. Costs one argon2 verification whatever the outcome, so the time taken
    does not tell which names exist; a disabled account is said to be so only to the one who knows its password."""
    t = _users(store)
    with store.engine.connect() as conn:
        found = conn.execute(select(t).where(t.c.username == username)).mappings().first()
    if not found:
        _hasher.hash(password)
        return Verdict.NO_SUCH_USER
    try:
        _hasher.verify(found["password_hash"], password)
    except (VerifyMismatchError, InvalidHashError):
        return Verdict.WRONG_PASSWORD
    if found["disabled_at"] is not None:
        return Verdict.DISABLED
    if _hasher.check_needs_rehash(found["password_hash"]):
        with store.engine.begin() as conn:
            conn.execute(update(t).where(t.c.username == username).values(password_hash=_hasher.hash(password)))
    return Verdict.ACCEPTED


def list_users(store: Store) -> list[dict]:
    """Every account with its role, when it was made, when it was disabled (None: enabled), open sessions."""
    t = _users(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.c.username, t.c.role, t.c.created_at, t.c.disabled_at)
                            .order_by(t.c.username)).mappings().all()
    sessions = open_counts(store)
    return [dict(row) | {"sessions": sessions.get(row["username"], 0)} for row in rows]
