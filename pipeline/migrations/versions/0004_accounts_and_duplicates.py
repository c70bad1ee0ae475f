"""Accounts that can be disabled, server-side web sessions, a log of login attempts, the duplicates an inbox
received, and Vietnamese sort keys of the list's text columns.

- `users.disabled_at`: a disabled account cannot log in and its sessions end at once.
- `web_sessions`: the cookie carries a random session id; the row is the session (logout deletes it).
- `login_attempts`: every login, failed or not, with the name typed and the client's address (admins see them;
  the growing delay between failed attempts is computed from them).
- `duplicates`: an inbox entry whose content repeats a stored dossier (`fingerprint`), so the list can show it.
- `dossiers.title_key`, `lead_author_key`, `unit_key`: extractors.fold.sort_key of those columns, so sorting
  follows Vietnamese dictionary order (Đ after D, Ư after U) with an index-friendly plain comparison.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from extractors.fold import sort_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SORT_KEYS = {"title_key": "title", "lead_author_key": "lead_author", "unit_key": "unit"}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True)))
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),  # sha256 of the cookie's session id
        sa.Column("username", sa.String(80), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("username", sa.String(80), nullable=False, index=True),
        sa.Column("address", sa.String(64), nullable=False, index=True),
        sa.Column("success", sa.Boolean, nullable=False),
    )
    op.create_table(
        "duplicates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),  # the stored dossier it repeats
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("fingerprint", "source", name="uq_duplicates_fingerprint_source"),
    )
    with op.batch_alter_table("dossiers") as batch:
        for key in SORT_KEYS:
            batch.add_column(sa.Column(key, sa.Text))
    for key in SORT_KEYS:
        op.create_index(f"ix_dossiers_{key}", "dossiers", [key])
    dossiers = sa.table("dossiers", sa.column("fingerprint", sa.String),
                        *(sa.column(c, sa.Text) for c in (*SORT_KEYS, *SORT_KEYS.values())))
    conn = op.get_bind()
    for row in conn.execute(sa.select(dossiers)).mappings().all():
        conn.execute(dossiers.update().where(dossiers.c.fingerprint == row["fingerprint"])
                     .values({key: sort_key(row[column]) for key, column in SORT_KEYS.items()}))


def downgrade() -> None:
    for key in SORT_KEYS:
        op.drop_index(f"ix_dossiers_{key}", "dossiers")
    with op.batch_alter_table("dossiers") as batch:
        for key in SORT_KEYS:
            batch.drop_column(key)
    for table in ("duplicates", "login_attempts", "web_sessions"):
        op.drop_table(table)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
