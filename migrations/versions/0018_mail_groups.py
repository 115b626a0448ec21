"""Each user chooses which groups of notifications also come by e-mail (issue 12): the
groups they read in the portal only.

Revision ID: 0018_mail_groups
Revises: 0017_reminders
Create Date: 2026-11-28 21:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018_mail_groups'
down_revision = '0017_reminders'
branch_labels = None
depends_on = None


def upgrade():
    # SQLite's batch mode rebuilds the table and cannot carry an expression index over:
    # drop lower(email) uniqueness around the change and create it again after.
    op.drop_index('uq_users_email_lower', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('muted_mail_groups', sa.JSON(), nullable=False, server_default='[]')
        )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('muted_mail_groups', server_default=None)
    op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)


def downgrade():
    op.drop_index('uq_users_email_lower', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('muted_mail_groups')
    op.create_index('uq_users_email_lower', 'users', [sa.text('lower(email)')], unique=True)
