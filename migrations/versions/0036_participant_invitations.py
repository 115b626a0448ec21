"""Participants told (issue 16, item 2): a participant's e-mail address
(``enrolments.participant_email``), to which the invitation with the session's details and a
calendar file goes, then a reminder a week before; and the calendar file an outgoing
e-mail carries (``outbound_emails.calendar``, iCalendar text).

Revision ID: 0036_participant_invitations
Revises: 0035_attendance_days
Create Date: 2026-11-29 06:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0036_participant_invitations"
down_revision = "0035_attendance_days"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("enrolments", sa.Column("participant_email", sa.String(length=254)))
    op.add_column("outbound_emails", sa.Column("calendar", sa.Text()))


def downgrade():
    with op.batch_alter_table("outbound_emails") as batch:
        batch.drop_column("calendar")
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_column("participant_email")
