"""The review web page: users, reviewers' corrections and decisions (kept apart from `dossiers`, keyed by
fingerprint, so they survive a rerun that forgets and re-extracts the dossier), the audit trail, and search.

Search: `dossiers.text_folded` is the extracted text without diacritics (pipeline.store computes it in Python
with extractors.fold), so a query typed without tones finds "sáng kiến". SQLite keeps both texts in an FTS5
table maintained by triggers (a standalone table: `dossiers` has no stable integer rowid to point at);
PostgreSQL uses GIN indexes over to_tsvector('simple', ...) of both columns.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from extractors.fold import fold

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE dossier_search USING fts5(fingerprint UNINDEXED, text, text_folded, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_search (fingerprint, text, text_folded) "
    "VALUES (new.fingerprint, coalesce(new.text, ''), coalesce(new.text_folded, '')); END",
    "CREATE TRIGGER dossier_search_update AFTER UPDATE OF text, text_folded ON dossiers BEGIN "
    "DELETE FROM dossier_search WHERE fingerprint = old.fingerprint; "
    "INSERT INTO dossier_search (fingerprint, text, text_folded) "
    "VALUES (new.fingerprint, coalesce(new.text, ''), coalesce(new.text_folded, '')); END",
    "CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossiers BEGIN "
    "DELETE FROM dossier_search WHERE fingerprint = old.fingerprint; END",
    "INSERT INTO dossier_search (fingerprint, text, text_folded) "
    "SELECT fingerprint, coalesce(text, ''), coalesce(text_folded, '') FROM dossiers",
]
POSTGRES_SEARCH = [
    "CREATE INDEX ix_dossiers_text_search ON dossiers USING gin (to_tsvector('simple', coalesce(text, '')))",
    "CREATE INDEX ix_dossiers_folded_search ON dossiers "
    "USING gin (to_tsvector('simple', coalesce(text_folded, '')))",
]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(80), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(  # the reviewed value of one field; the newest correction wins
        "corrections",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("field", sa.String(40), primary_key=True),
        sa.Column("value", sa.JSON),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(  # approved or returned, with the reviewer's comment
        "decisions",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40)),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("comment", sa.Text),
    )
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("text_folded", sa.Text))
        # the rule-set version names every rule file's version (~85 characters): PostgreSQL enforces lengths
        batch.alter_column("ruleset_version", type_=sa.Text, existing_type=sa.String(40))
    dossiers = sa.table("dossiers", sa.column("fingerprint", sa.String), sa.column("text", sa.Text),
                        sa.column("text_folded", sa.Text))
    conn = op.get_bind()
    for fingerprint, text in conn.execute(sa.select(dossiers.c.fingerprint, dossiers.c.text)
                                          .where(dossiers.c.text.is_not(None))).all():
        conn.execute(dossiers.update().where(dossiers.c.fingerprint == fingerprint)
                     .values(text_folded=fold(text)))
    for statement in {"sqlite": SQLITE_SEARCH, "postgresql": POSTGRES_SEARCH}.get(conn.dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS dossier_search_{name}")
        op.execute("DROP TABLE IF EXISTS dossier_search")
    elif dialect == "postgresql":
        op.drop_index("ix_dossiers_folded_search", "dossiers")
        op.drop_index("ix_dossiers_text_search", "dossiers")
    with op.batch_alter_table("dossiers") as batch:
        batch.alter_column("ruleset_version", type_=sa.String(40), existing_type=sa.Text)
        batch.drop_column("text_folded")
    for table in ("review_log", "decisions", "corrections", "users"):
        op.drop_table(table)
