"""Look-ups of certification support (also used by training): standards, an SME's ecosystems
and open cases, the experts and auditing bodies to choose from."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy import case as sql_case

from portal.extensions import db
from portal.models import (
    CaseStage,
    CompetencyKind,
    Ecosystem,
    ExpertCompetency,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    QualityExpert,
    Standard,
    SupportCase,
    User,
)


def standards(*, active_only: bool = False) -> list[Standard]:
    """The standards catalogue, by reference."""
    query = select(Standard).order_by(Standard.reference)
    if active_only:
        query = query.where(Standard.active.is_(True))
    return list(db.session.execute(query).scalars())


def ecosystems_by_id(ids: Iterable[int]) -> dict[int, Ecosystem]:
    """Ecosystems by id, in one query."""
    ids = set(ids)
    if not ids:
        return {}
    rows = db.session.execute(select(Ecosystem).where(Ecosystem.id.in_(ids))).scalars()
    return {e.id: e for e in rows}


def member_ecosystems(organisation_id: int) -> list[Ecosystem]:
    """The ecosystems where the organisation is an active member."""
    return list(
        db.session.execute(
            select(Ecosystem)
            .join(Membership, Membership.ecosystem_id == Ecosystem.id)
            .where(
                Membership.organisation_id == organisation_id,
                Membership.status == MembershipStatus.ACTIVE,
                Membership.deleted_at.is_(None),
            )
            .order_by(Ecosystem.name_fr)
        ).scalars()
    )


def has_open_case(organisation_id: int, standard_id: int) -> bool:
    """Whether the organisation already has a case under way towards the standard."""
    return (
        db.session.execute(
            select(SupportCase.id).where(
                SupportCase.organisation_id == organisation_id,
                SupportCase.standard_id == standard_id,
                SupportCase.stage.not_in((CaseStage.CERTIFIED, CaseStage.CLOSED)),
            )
        ).first()
        is not None
    )


def experts_for(case: SupportCase) -> list[QualityExpert]:
    """Visible experts of active accounts (and the one already assigned), those who list the
    case's standard among their competencies first."""
    knows_standard = (
        select(ExpertCompetency.id)
        .where(
            ExpertCompetency.expert_id == QualityExpert.id,
            ExpertCompetency.kind == CompetencyKind.STANDARD,
            ExpertCompetency.code == case.standard.code,
        )
        .exists()
    )
    listed = and_(
        QualityExpert.visible.is_(True),
        QualityExpert.user_id.in_(select(User.id).where(User.active.is_(True))),
    )
    return list(
        db.session.execute(
            select(QualityExpert)
            .where(or_(listed, QualityExpert.id == (case.expert_id or 0)))
            .order_by(sql_case((knows_standard, 0), else_=1), QualityExpert.search_text)
        ).scalars()
    )


def consulting_firms_for(case: SupportCase) -> list[Organisation]:
    """The consulting firms a case may be assigned to (and the one already assigned, even
    if it has since been deleted), by name."""
    return list(
        db.session.execute(
            select(Organisation)
            .where(
                or_(
                    and_(
                        Organisation.kind == OrganisationKind.CONSULTING_FIRM,
                        Organisation.deleted_at.is_(None),
                    ),
                    Organisation.id == (case.consulting_firm_id or 0),
                )
            )
            .order_by(Organisation.name_fr, Organisation.id)
            .execution_options(include_deleted=True)
        ).scalars()
    )


def auditing_bodies() -> list[Organisation]:
    """The quality infrastructure bodies, by name."""
    return list(
        db.session.execute(
            select(Organisation)
            .where(Organisation.kind == OrganisationKind.INFRASTRUCTURE)
            .order_by(Organisation.name_fr)
        ).scalars()
    )
