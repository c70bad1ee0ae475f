"""The near-copy index (issue #19), kept with the records so every worker and process sees one index and it
survives restarts (`pipeline.similar`; `sangkien similar --rebuild` refills it from the records).

- `similar_signatures`: one row per indexed dossier: its MinHash signature over content shingles (4 bytes a hash
  value; null when the dossier has too little content), how many shingles it had, its folded title and the
  title's own signature, and which rule-set version made them.
- `similar_bands`: the LSH band keys of every signature (text and title keys in one table, kept apart by the
  key itself), with the signature row they belong to; the primary key (band_key, entry) is the lookup index.
  On SQLite a table WITHOUT ROWID, so the key is stored once.
- `similar_pairs`: every pair of dossiers found alike, once (`fingerprint_a` < `fingerprint_b`): each of the two
  reads it, so the earlier dossier learns of the later one without its record being rewritten.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "similar_signatures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("shingles", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column("title", sa.Text),  # extractors.fold.squash of the title
        sa.Column("title_signature", sa.LargeBinary),
        sa.Column("rules_version", sa.String(40), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "similar_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("entry", sa.Integer, primary_key=True, autoincrement=False),  # similar_signatures.id
        sqlite_with_rowid=False,
    )
    op.create_table(
        "similar_pairs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint_a", sa.String(64), nullable=False),
        sa.Column("fingerprint_b", sa.String(64), nullable=False, index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),  # same_text, same_title, overlap
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("fingerprint_a", "fingerprint_b", name="uq_similar_pairs"),
    )


def downgrade() -> None:
    for table in ("similar_pairs", "similar_bands", "similar_signatures"):
        op.drop_table(table)
