"""Quality experts (qualiticiens): the network of people who help SMEs."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.base import (
    Audited,
    LabelledEnum,
    SoftDeleteMixin,
    TimestampMixin,
    VersionedMixin,
    enum_column,
    set_labels,
)
from portal.models.organisation import Organisation
from portal.models.user import User
from portal.text_search import fold


class Availability(LabelledEnum):
    """Whether an expert can take on new work."""

    AVAILABLE = "available"
    LIMITED = "limited"
    UNAVAILABLE = "unavailable"


set_labels(
    {
        # i18n: availability of a quality expert
        Availability.AVAILABLE: _l("Available"),
        # i18n: availability of a quality expert
        Availability.LIMITED: _l("Limited availability"),
        # i18n: availability of a quality expert
        Availability.UNAVAILABLE: _l("Not available"),
    }
)


class CompetencyKind(LabelledEnum):
    """The three axes of an expert's competencies."""

    STANDARD = "standard"
    TOPIC = "topic"
    SECTOR = "sector"


set_labels(
    {
        CompetencyKind.STANDARD: _l("Standards"),
        CompetencyKind.TOPIC: _l("Topics"),
        CompetencyKind.SECTOR: _l("Sectors"),
    }
)


class QualityExpert(Audited, TimestampMixin, SoftDeleteMixin, VersionedMixin, db.Model):
    """A person's expert profile; only that person (the linked user) edits it."""

    __tablename__ = "quality_experts"
    __audit_ignored__ = ("updated_at", "version", "search_text")
    # The directory's order (by name, then id), alone and by region (issue 11).
    __table_args__ = (
        Index("ix_quality_experts_listed", "search_text", "id"),
        Index("ix_quality_experts_region_listed", "region", "search_text", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    # None when the expert works independently of their organisation.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    headline_fr: Mapped[str] = mapped_column(String(200), default="")
    headline_ar: Mapped[str] = mapped_column(String(200), default="")
    bio_fr: Mapped[str] = mapped_column(Text, default="")
    bio_ar: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str | None] = mapped_column(String(5))
    languages: Mapped[str] = mapped_column(String(20), default="fr")  # "fr,ar,en"
    availability: Mapped[Availability] = mapped_column(
        enum_column(Availability, "availability"), default=Availability.AVAILABLE
    )
    contact_email: Mapped[str | None] = mapped_column(String(254))
    visible: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # The folded name (accents, Arabic diacritics and letter variants removed) for search.
    search_text: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    competencies: Mapped[list[ExpertCompetency]] = relationship(
        back_populates="expert", lazy="selectin", cascade="all, delete-orphan"
    )

    def codes(self, kind: CompetencyKind) -> list[str]:
        """The expert's competency codes of one kind."""
        return sorted(c.code for c in self.competencies if c.kind == kind)


class ExpertCompetency(db.Model):
    """One competency of an expert: a standard, a topic or a sector (an ecosystem's slug)."""

    __tablename__ = "expert_competencies"
    __table_args__ = (UniqueConstraint("expert_id", "kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(
        ForeignKey("quality_experts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CompetencyKind] = mapped_column(enum_column(CompetencyKind, "competency_kind"))
    code: Mapped[str] = mapped_column(String(60), index=True)

    expert: Mapped[QualityExpert] = relationship(back_populates="competencies")


@event.listens_for(QualityExpert, "before_insert")
@event.listens_for(QualityExpert, "before_update")
def _keep_search_text(_mapper, _connection, expert: QualityExpert) -> None:
    expert.search_text = fold(expert.full_name)
