"""Satisfaction surveys (issue 12, item 2): surveys and their bilingual questions, the
invitations (one per occasion, record and respondent organisation, answered at most once)
and the answers. The session evaluations become the answers of a programme-wide survey
"after a training session" (overall, content and trainer ratings, a comment), and their
table goes; the downgrade rebuilds it from that survey's answers.

Revision ID: 0021_surveys
Revises: 0020_complaints
Create Date: 2026-11-28 22:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021_surveys"
down_revision = "0020_complaints"
branch_labels = None
depends_on = None

QUESTIONS = [
    # (position, kind, French, Arabic, required): the evaluation's four fields, in order
    (1, "rating", "Votre satisfaction globale", "رضاكم العام", True),
    (2, "rating", "Le contenu de la formation", "محتوى التكوين", False),
    (3, "rating", "Le formateur", "المكوّن", False),
    (4, "text", "Commentaire", "تعليق", False),
]
COLUMNS = ("rating", "content_rating", "trainer_rating", "comment")


def _day(column: str) -> str:
    """SQL: the date of a timestamp column, on either database."""
    if op.get_bind().dialect.name == "postgresql":
        return f"CAST({column} AS DATE)"
    return f"date({column})"


def _session_evaluations_become_a_survey() -> None:
    bind = op.get_bind()
    now = sa.func.now() if bind.dialect.name == "postgresql" else sa.text("CURRENT_TIMESTAMP")
    surveys = sa.table(
        "surveys",
        *(sa.column(c) for c in ("id", "occasion", "title_fr", "title_ar", "active")),
        *(sa.column(c) for c in ("created_at", "updated_at", "version")),
    )
    survey_id = bind.execute(
        sa.insert(surveys)
        .values(
            occasion="training_session",
            title_fr="Évaluation des sessions de formation",
            title_ar="تقييم الدورات التكوينية",
            active=True,
            created_at=now,
            updated_at=now,
            version=1,
        )
        .returning(surveys.c.id)
    ).scalar_one()
    questions = sa.table(
        "survey_questions",
        *(sa.column(c) for c in ("id", "survey_id", "position", "kind", "label_fr", "label_ar")),
        sa.column("choices", sa.JSON),
        *(sa.column(c) for c in ("required", "created_at", "updated_at")),
    )
    question_ids = []
    for position, kind, fr, ar, required in QUESTIONS:
        question_ids.append(
            bind.execute(
                sa.insert(questions)
                .values(
                    survey_id=survey_id,
                    position=position,
                    kind=kind,
                    label_fr=fr,
                    label_ar=ar,
                    choices=[],
                    required=required,
                    created_at=now,
                    updated_at=now,
                )
                .returning(questions.c.id)
            ).scalar_one()
        )
    day = _day("e.created_at")
    bind.execute(
        sa.text(
            "INSERT INTO survey_invitations (survey_id, occasion, subject_id, organisation_id, "  # noqa: S608 (constants)
            "service_id, ecosystem_id, invited_on, notified_on, answered_on, created_at, "
            f"updated_at) SELECT :survey, 'training_session', e.session_id, e.organisation_id, "
            f"s.institute_id, s.ecosystem_id, {day}, {day}, {day}, e.created_at, e.updated_at "
            "FROM session_evaluations e JOIN training_sessions s ON s.id = e.session_id"
        ),
        {"survey": survey_id},
    )
    for question_id, column in zip(question_ids, COLUMNS, strict=True):
        value = "text" if column == "comment" else "rating"
        bind.execute(
            sa.text(
                f"INSERT INTO survey_answers (invitation_id, question_id, {value}) "  # noqa: S608
                f"SELECT i.id, :question, e.{column} FROM session_evaluations e "
                "JOIN survey_invitations i ON i.survey_id = :survey "
                "AND i.subject_id = e.session_id AND i.organisation_id = e.organisation_id "
                f"WHERE e.{column} IS NOT NULL"
                + (" AND e.comment <> ''" if column == "comment" else "")
            ),
            {"question": question_id, "survey": survey_id},
        )


def upgrade():
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "occasion",
            sa.Enum(
                "training_session",
                "support_case",
                "service_request",
                "complaint",
                "annual",
                name="survey_occasion",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("ecosystem_id", sa.Integer(), nullable=True),
        sa.Column("title_fr", sa.String(length=200), nullable=False),
        sa.Column("title_ar", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ecosystem_id"], ["ecosystems.id"], name=op.f("fk_surveys_ecosystem_id_ecosystems")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["organisations.id"], name=op.f("fk_surveys_owner_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(
            "ix_surveys_occasion", ["occasion", "active", "ecosystem_id"], unique=False
        )

    op.create_table(
        "survey_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column(
            "occasion",
            sa.Enum(
                "training_session",
                "support_case",
                "service_request",
                "complaint",
                "annual",
                name="survey_occasion",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("ecosystem_id", sa.Integer(), nullable=True),
        sa.Column("invited_on", sa.Date(), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ecosystem_id"],
            ["ecosystems.id"],
            name=op.f("fk_survey_invitations_ecosystem_id_ecosystems"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_survey_invitations_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["organisations.id"],
            name=op.f("fk_survey_invitations_service_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["surveys.id"], name=op.f("fk_survey_invitations_survey_id_surveys")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_survey_invitations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitations")),
        sa.UniqueConstraint(
            "occasion",
            "subject_id",
            "organisation_id",
            name=op.f("uq_survey_invitations_occasion_subject_id_organisation_id"),
        ),
    )
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.create_index("ix_survey_invitations_notify", ["notified_on", "id"], unique=False)
        batch_op.create_index(
            "ix_survey_invitations_pending",
            ["organisation_id", "answered_on", "invited_on"],
            unique=False,
        )
        batch_op.create_index(
            "ix_survey_invitations_results",
            ["survey_id", "answered_on", "ecosystem_id", "service_id"],
            unique=False,
        )

    op.create_table(
        "survey_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "rating",
                "choice",
                "text",
                name="question_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("label_fr", sa.String(length=300), nullable=False),
        sa.Column("label_ar", sa.String(length=300), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["surveys.id"], name=op.f("fk_survey_questions_survey_id_surveys")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_questions")),
    )
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_questions_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("choice", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["survey_invitations.id"],
            name=op.f("fk_survey_answers_invitation_id_survey_invitations"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_questions.id"],
            name=op.f("fk_survey_answers_question_id_survey_questions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_answers_invitation_id"), ["invitation_id"], unique=False
        )
        batch_op.create_index(
            "ix_survey_answers_question", ["question_id", "invitation_id"], unique=False
        )

    _session_evaluations_become_a_survey()
    op.drop_table("session_evaluations")


def downgrade():
    op.create_table(
        "session_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("content_rating", sa.Integer(), nullable=True),
        sa.Column("trainer_rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "rating BETWEEN 1 AND 5", name=op.f("ck_session_evaluations_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_session_evaluations_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_session_evaluations_session_id_training_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_evaluations")),
        sa.UniqueConstraint(
            "session_id",
            "organisation_id",
            name=op.f("uq_session_evaluations_session_id_organisation_id"),
        ),
    )
    with op.batch_alter_table("session_evaluations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_evaluations_session_id"), ["session_id"], unique=False
        )

    # The answers to the session surveys' first four questions, by position, go back.
    def answer(position: int, value: str) -> str:
        return (
            f"(SELECT a.{value} FROM survey_answers a JOIN survey_questions q "  # noqa: S608
            f"ON q.id = a.question_id WHERE a.invitation_id = i.id AND q.position = {position})"
        )

    op.execute(
        "INSERT INTO session_evaluations (session_id, organisation_id, rating, content_rating, "  # noqa: S608
        "trainer_rating, comment, created_at, updated_at) "
        f"SELECT i.subject_id, i.organisation_id, {answer(1, 'rating')}, "
        f"{answer(2, 'rating')}, {answer(3, 'rating')}, "
        f"COALESCE({answer(4, 'text')}, ''), i.created_at, i.updated_at "
        "FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id "
        "WHERE i.occasion = 'training_session' AND i.answered_on IS NOT NULL "
        f"AND {answer(1, 'rating')} IS NOT NULL"
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_answers_question")
        batch_op.drop_index(batch_op.f("ix_survey_answers_invitation_id"))
    op.drop_table("survey_answers")
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_questions_survey_id"))
    op.drop_table("survey_questions")
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_invitations_results")
        batch_op.drop_index("ix_survey_invitations_pending")
        batch_op.drop_index("ix_survey_invitations_notify")
    op.drop_table("survey_invitations")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index("ix_surveys_occasion")
    op.drop_table("surveys")
