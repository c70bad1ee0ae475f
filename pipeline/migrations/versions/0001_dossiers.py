"""Create the dossiers table: one row per dossier, keyed by the sha256 fingerprint of its file contents.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True)),
        sa.Column("title", sa.Text),
        sa.Column("lead_author", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("sector_code", sa.String(40)),
        sa.Column("first_applied", sa.String(10)),
        sa.Column("amount_vnd", sa.BigInteger),
        sa.Column("min_confidence", sa.Float),
        sa.Column("record", sa.JSON),
        sa.Column("text", sa.Text),
        sa.Column("files", sa.JSON),
        sa.Column("error_kind", sa.String(40)),
        sa.Column("error_stage", sa.String(40)),
        sa.Column("error_message", sa.Text),
        sa.Column("ruleset_version", sa.String(40)),
        sa.Column("flow_run_id", sa.String(40)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dossiers_status", "dossiers", ["status"])
    op.create_index("ix_dossiers_sector_code", "dossiers", ["sector_code"])


def downgrade() -> None:
    op.drop_table("dossiers")
