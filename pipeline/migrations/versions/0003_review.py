"""The review web page: users, reviewers' corrections and decisions (kept apart from `dossiers`, keyed by
fingerprint, so they survive a rerun that forgets and re-extracts the dossier), the audit trail, and search.

Search: `dossiers.text_folded` is the extracted text without diacritics (pipeline.store computes it in Python
with extractors.fold), so a query typed without tones finds "sáng kiến". SQLite keeps both texts in an FTS5
table maintained by triggers; `dossiers` has no stable integer rowid (VACUUM may renumber a table keyed by a
string), so `dossier_search_ids` gives each fingerprint one, and an update finds its FTS row by rowid instead of
scanning the index. PostgreSQL keeps to_tsvector('simple', ...) of both texts in `dossier_search` (a trigger
keeps it current) with GIN indexes: a phrase query re-checks its candidates against the stored vectors instead
of parsing every candidate's text again (a phrase found in all of 5,000 dossiers: 5.6 s → 0.15 s, bench/web.py).

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

_SEARCH_ID = "(SELECT id FROM dossier_search_ids WHERE fingerprint = {row}.fingerprint)"
_INDEX_ROW = ("INSERT INTO dossier_search (rowid, text, text_folded) VALUES (" + _SEARCH_ID.format(row="new")
              + ", coalesce(new.text, ''), coalesce(new.text_folded, ''));")
_UNINDEX_ROW = "DELETE FROM dossier_search WHERE rowid = " + _SEARCH_ID.format(row="old") + ";"
SQLITE_SEARCH = [
    "CREATE TABLE dossier_search_ids (id INTEGER PRIMARY KEY, fingerprint VARCHAR(64) NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE dossier_search USING fts5(text, text_folded, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_search_ids (fingerprint) VALUES (new.fingerprint); " + _INDEX_ROW + " END",
    "CREATE TRIGGER dossier_search_update AFTER UPDATE OF text, text_folded ON dossiers BEGIN "
    + _UNINDEX_ROW + _INDEX_ROW + " END",
    "CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossiers BEGIN "
    + _UNINDEX_ROW + " DELETE FROM dossier_search_ids WHERE fingerprint = old.fingerprint; END",
    "INSERT INTO dossier_search_ids (fingerprint) SELECT fingerprint FROM dossiers",
    "INSERT INTO dossier_search (rowid, text, text_folded) SELECT i.id, coalesce(d.text, ''), "
    "coalesce(d.text_folded, '') FROM dossiers d JOIN dossier_search_ids i ON i.fingerprint = d.fingerprint",
]
POSTGRES_SEARCH = [
    "CREATE TABLE dossier_search (fingerprint VARCHAR(64) PRIMARY KEY, text_vector TSVECTOR NOT NULL, "
    "folded_vector TSVECTOR NOT NULL)",
    "CREATE INDEX ix_dossier_search_text ON dossier_search USING gin (text_vector)",
    "CREATE INDEX ix_dossier_search_folded ON dossier_search USING gin (folded_vector)",
    """CREATE FUNCTION dossier_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM dossier_search WHERE fingerprint = OLD.fingerprint;
            RETURN OLD;
        END IF;
        INSERT INTO dossier_search VALUES (NEW.fingerprint, to_tsvector('simple', coalesce(NEW.text, '')),
                                           to_tsvector('simple', coalesce(NEW.text_folded, '')))
        ON CONFLICT (fingerprint) DO UPDATE
            SET text_vector = EXCLUDED.text_vector, folded_vector = EXCLUDED.folded_vector;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER dossier_search_sync AFTER INSERT OR DELETE OR UPDATE OF text, text_folded ON dossiers "
    "FOR EACH ROW EXECUTE FUNCTION dossier_search_sync()",
    "INSERT INTO dossier_search SELECT fingerprint, to_tsvector('simple', coalesce(text, '')), "
    "to_tsvector('simple', coalesce(text_folded, '')) FROM dossiers",
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
        op.execute("DROP TABLE IF EXISTS dossier_search_ids")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS dossier_search_sync ON dossiers")
        op.execute("DROP FUNCTION IF EXISTS dossier_search_sync()")
        op.execute("DROP TABLE IF EXISTS dossier_search")
    with op.batch_alter_table("dossiers") as batch:
        batch.alter_column("ruleset_version", type_=sa.String(40), existing_type=sa.Text)
        batch.drop_column("text_folded")
    for table in ("review_log", "decisions", "corrections", "users"):
        op.drop_table(table)
