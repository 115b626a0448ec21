"""Invitations (kept, so the first-user invitations a federation sends show as pending),
and the per-case setting letting the assigned expert contribute to diagnostics and plans.

Revision ID: 0008_invitations_expert
Revises: 0007_form_submissions
Create Date: 2026-11-28 07:44:34.975378

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_invitations_expert'
down_revision = '0007_form_submissions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('is_org_admin', sa.Boolean(), nullable=False),
    sa.Column('first_user', sa.Boolean(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('replaced_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_invitations_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_organisation_id'), ['organisation_id'], unique=False)

    # Existing cases: the expert reads only, as before (the default is then dropped).
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expert_may_contribute', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.alter_column('expert_may_contribute', server_default=None)


def downgrade():
    with op.batch_alter_table('support_cases', schema=None) as batch_op:
        batch_op.drop_column('expert_may_contribute')

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_organisation_id'))

    op.drop_table('invitations')
