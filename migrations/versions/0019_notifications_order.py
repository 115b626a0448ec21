"""A user's notifications read newest first through an index (the notification centre, all
or one group): a user with many notifications no longer has them all sorted on each visit.

Revision ID: 0019_notifications_order
Revises: 0018_mail_groups
Create Date: 2026-11-28 21:45:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = '0019_notifications_order'
down_revision = '0018_mail_groups'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(
            'ix_notifications_user_created', ['user_id', 'created_at', 'id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_created')
