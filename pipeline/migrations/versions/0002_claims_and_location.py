"""Who holds a claim (host:pid, so a crashed process's claims are taken over at once) and where the
dossier's original files are now (inbox, archive or the inbox's _loi folder).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200)))
        batch.add_column(sa.Column("location", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("location")
        batch.drop_column("claimed_by")
