"""What reviewers' corrections teach (issue #18).

- `learned_values`: a unit or sector (`field`) as the dossier wrote it, and its key (folded), with the value a
  reviewer corrected it to (the unit's name, the sector's code).
  Rows are never updated in place except to retire them: a new correction of the same spelling retires the one
  before it, an admin may retire a row or put a retired one back, so every version stays, with who taught or
  retired it and when.
- `sector_models`: every sector classifier retrained from corrected sectors (its spaCy config and weights, so
  every worker loads the same one), with its held-out accuracy and that of the model it was measured against;
  at most one is `active` (none: the classifier trained from the repository's examples).
- `label_proposals`: a label no rule knew, found before a value a reviewer typed; an admin accepts it (it then
  reads that field in later dossiers) or rejects it (it is not proposed again).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_values",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("field", sa.String(40), nullable=False),  # unit, sector
        sa.Column("key", sa.Text, nullable=False, index=True),  # pipeline.learning LEARNABLE[field].key(written)
        sa.Column("written", sa.Text, nullable=False),  # as the dossier wrote it
        sa.Column("name", sa.Text, nullable=False),  # as the reviewer corrected it (a sector: its code)
        sa.Column("fingerprint", sa.String(64), nullable=False),  # the dossier the correction was made on
        sa.Column("dossier", sa.Text, nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
        sa.Column("retired_by", sa.String(80)),
    )
    op.create_table(
        "sector_models",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trained_by", sa.String(80), nullable=False),
        sa.Column("corrections", sa.Integer, nullable=False),  # corrected sectors it learned from
        sa.Column("held_out", sa.Integer, nullable=False),  # of those, kept apart to measure it
        sa.Column("accuracy_before", sa.Float),  # the model in use then, on the held-out corrections
        sa.Column("accuracy_after", sa.Float),  # this model, on the same
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("config", sa.Text, nullable=False),
        sa.Column("weights", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "label_proposals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("field", sa.String(40), nullable=False),  # the contract field corrected
        sa.Column("label", sa.Text, nullable=False),  # as written in the dossier
        sa.Column("key", sa.Text, nullable=False),  # folded, for "proposed once"
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("dossier", sa.Text, nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),  # proposed, accepted, rejected
        sa.Column("decided_by", sa.String(80)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("field", "key", name="uq_label_proposals_field_key"),
    )


def downgrade() -> None:
    op.drop_table("label_proposals")
    op.drop_table("sector_models")
    op.drop_table("learned_values")
