"""Companies' training needs: the list a user sees (filtered, paged, exported), declaring and
editing a need, and the federation's decisions (validate, decline with a reason, merge)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, exists, select
from sqlalchemy.orm import selectinload

from portal.authz.training import need_scope, sees_other_companies_needs
from portal.bounds import query_int
from portal.extensions import db
from portal.i18n import current_language, localized
from portal.models import (
    Ecosystem,
    JobCategory,
    Level,
    Modality,
    NeedStatus,
    Organisation,
    Priority,
    TrainingNeed,
    TrainingTopic,
    User,
)
from portal.models.base import utcnow
from portal.models.reference import REGIONS, region_label
from portal.services.certification.lookups import member_ecosystems
from portal.services.editing import apply_edit
from portal.services.notifications import bilingual, notify
from portal.services.onboarding import federation_staff, organisation_users
from portal.services.paging import COUNT_LIMIT, count_up_to, paginate
from portal.services.training.common import (
    OPEN_STATUSES,
    QUARTER,
    TrainingError,
)
from portal.services.training.topics import topic_list

# The decline reason of a need merged into another (shown translated, from merged_into_id).
MERGED = "merged"
# decision -> the need's statuses it applies to
DECISIONS = {
    "validate": (NeedStatus.SUBMITTED,),
    "decline": (NeedStatus.SUBMITTED, NeedStatus.VALIDATED),
    "merge": (NeedStatus.SUBMITTED, NeedStatus.VALIDATED),
}


@dataclass
class NeedFilters:
    """The needs list's filters; unknown values are ignored."""

    status: str = ""
    topic: int | None = None
    region: str = ""
    quarter: str = ""
    ecosystem: int | None = None

    @classmethod
    def from_args(cls, args: Any) -> NeedFilters:
        """The filters read from query-string arguments (a mapping)."""
        status = args.get("status", "")
        region = args.get("region", "")
        quarter = args.get("quarter", "")
        return cls(
            status=status if status in {s.value for s in NeedStatus} else "",
            topic=query_int(args, "topic"),
            region=region if region in REGIONS else "",
            quarter=quarter if QUARTER.match(quarter or "") else "",
            ecosystem=query_int(args, "ecosystem"),
        )

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def as_args(self, **extra: Any) -> dict[str, Any]:
        """The filters set, as query-string arguments (for export links)."""
        return {**{k: v for k, v in asdict(self).items() if v}, **extra}


# --- lists -----------------------------------------------------------------------------------


def needs_query(user: Any, filters: NeedFilters) -> Select:
    """The needs the user may see, filtered, newest first (created_at, id): each filter, and
    each scope (a company, a federation's ecosystem), has an index ending with that order."""
    query = select(TrainingNeed).where(need_scope(user))
    if filters.status:
        query = query.where(TrainingNeed.status == NeedStatus(filters.status))
    if filters.topic:
        query = query.where(TrainingNeed.topic_id == filters.topic)
    if filters.region:
        query = query.where(TrainingNeed.region == filters.region)
    if filters.quarter:
        query = query.where(TrainingNeed.quarter == filters.quarter)
    if filters.ecosystem:
        query = query.where(TrainingNeed.ecosystem_id == filters.ecosystem)
    return query.order_by(TrainingNeed.created_at.desc(), TrainingNeed.id.desc())


def needs_page(user: Any, filters: NeedFilters, *, page: int, per_page: int) -> Pagination:
    """One page of the needs the user may see, filtered, newest first (counted up to
    ``paging.COUNT_LIMIT``)."""
    # The company and topic in one query each for the page, not joined to every row read
    # (a deep page skips its first rows inside the index).
    query = needs_query(user, filters).options(
        selectinload(TrainingNeed.organisation), selectinload(TrainingNeed.topic)
    )
    return paginate(query, page=page, per_page=per_page)


def needs_ecosystems(user: Any) -> dict[int, Ecosystem]:
    """The ecosystems of the needs the user may see, by id: one probe of the needs' index per
    ecosystem for staff, the company's own needs for a company."""
    if sees_other_companies_needs(user):
        has_needs = exists(
            select(TrainingNeed.id).where(
                TrainingNeed.ecosystem_id == Ecosystem.id, need_scope(user)
            )
        )
        condition = has_needs
    else:
        condition = Ecosystem.id.in_(select(TrainingNeed.ecosystem_id).where(need_scope(user)))
    rows = db.session.execute(select(Ecosystem).where(condition)).scalars()
    return {e.id: e for e in sorted(rows, key=lambda e: (e.name_fr, e.id))}


def needs_quarters(user: Any) -> list[str]:
    """The quarters of the needs the user may see, in order. For staff, one index probe per
    quarter (a loose index scan, WITH RECURSIVE); a company's own needs are few."""
    scope = [need_scope(user)]
    if not sees_other_companies_needs(user):
        return sorted(
            db.session.execute(select(TrainingNeed.quarter).distinct().where(*scope)).scalars()
        )

    def first_after(previous: Any):
        query = select(TrainingNeed.quarter).where(*scope)
        if previous is not None:
            query = query.where(TrainingNeed.quarter > previous)
        return query.order_by(TrainingNeed.quarter).limit(1).scalar_subquery()

    seen = select(first_after(None).label("quarter")).cte("quarters_seen", recursive=True)
    seen = seen.union_all(select(first_after(seen.c.quarter)).where(seen.c.quarter.is_not(None)))
    return [
        quarter
        for quarter in db.session.execute(select(seen.c.quarter)).scalars()
        if quarter is not None
    ]


def needs_awaiting_validation(user: Any, limit: int = COUNT_LIMIT) -> int:
    """The submitted needs the user may see (a federation's to validate), counted up to
    ``limit + 1`` ("more than ``limit``"), through the (ecosystem, status) index: for the
    homes."""
    return count_up_to(
        select(TrainingNeed.id).where(
            need_scope(user), TrainingNeed.status == NeedStatus.SUBMITTED
        ),
        limit,
    )


def merge_targets(user: Any, needs: list[TrainingNeed]) -> dict[int, list[TrainingNeed]]:
    """For each open need of a page, the other open needs of the same company, topic and
    quarter it may be merged into (one query for the page)."""
    open_needs = [need for need in needs if need.status in OPEN_STATUSES]
    if not open_needs:
        return {}
    candidates = db.session.execute(
        select(TrainingNeed).where(
            need_scope(user),
            TrainingNeed.status.in_(OPEN_STATUSES),
            TrainingNeed.organisation_id.in_(sorted({n.organisation_id for n in open_needs})),
            TrainingNeed.topic_id.in_(sorted({n.topic_id for n in open_needs})),
            TrainingNeed.quarter.in_(sorted({n.quarter for n in open_needs})),
        )
    ).scalars()
    groups: dict[tuple, list[TrainingNeed]] = defaultdict(list)
    # Sorted here: the candidates are the open needs of the page's companies (a few dozen).
    for candidate in sorted(candidates, key=lambda n: n.id):
        groups[(candidate.organisation_id, candidate.topic_id, candidate.quarter)].append(candidate)
    return {
        need.id: [
            other
            for other in groups[(need.organisation_id, need.topic_id, need.quarter)]
            if other.id != need.id
        ]
        for need in open_needs
    }


def decline_reason(need: TrainingNeed) -> str:
    """Why a need was declined, in the reader's language."""
    if need.merged_into_id is not None:
        return _("Merged into need no. %(number)s", number=need.merged_into_id)
    return need.decline_reason or ""


def needs_table(user: Any, filters: NeedFilters) -> tuple[list[str], Iterator[list[Any]]]:
    """The needs list, with its filters, as a table (headers and rows) for the export: every
    row, read lazily (plain columns, ``yield_per``) while the file is sent."""
    ecosystems = needs_ecosystems(user)
    ecosystem_names = {e.id: localized(e, "name") for e in ecosystems.values()}
    topic_names = {
        topic.id: localized(topic, "name")
        for topic in db.session.execute(select(TrainingTopic)).scalars()
    }
    labels = {
        enum: {member: str(member.label) for member in enum}
        for enum in (JobCategory, Level, Priority, Modality, NeedStatus)
    }
    regions = {code: region_label(code) for code in REGIONS}
    merged_into = _("Merged into need no. %(number)s", number="{number}")
    language = current_language()
    company = Organisation.name_ar if language == "ar" else Organisation.name_fr
    fallback = Organisation.name_fr if language == "ar" else Organisation.name_ar
    need = TrainingNeed
    query = (
        needs_query(user, filters)
        .with_only_columns(
            need.id,
            need.ecosystem_id,
            company,
            fallback,
            Organisation.ice,
            need.topic_id,
            need.job_category,
            need.people,
            need.level,
            need.priority,
            need.quarter,
            need.region,
            need.modality,
            need.status,
            need.decline_reason,
            need.merged_into_id,
            need.created_at,
        )
        .join(Organisation, Organisation.id == need.organisation_id)
    )
    headers = [
        _("Number"),
        _("Ecosystem"),
        _("Company"),
        _("ICE"),
        _("Topic"),
        _("Who is to be trained"),
        _("Number of people"),
        _("Level"),
        _("Priority"),
        _("Preferred quarter"),
        _("Region"),
        _("Modality"),
        _("Status"),
        _("Reason"),
        _("Declared on"),
    ]

    def rows() -> Iterator[list[Any]]:
        result = db.session.execute(query.execution_options(yield_per=1000))
        for row in result:
            (
                need_id,
                ecosystem_id,
                name,
                other_name,
                ice,
                topic_id,
                job,
                people,
                level,
                priority,
                quarter,
                region,
                modality,
                status,
                reason,
                merged,
                created_at,
            ) = row
            yield [
                need_id,
                ecosystem_names.get(ecosystem_id, ""),
                name or other_name or "",
                ice or "",
                topic_names.get(topic_id, ""),
                labels[JobCategory][JobCategory(job)],
                people,
                labels[Level][Level(level)],
                labels[Priority][Priority(priority)],
                quarter,
                regions.get(region, ""),
                labels[Modality][Modality(modality)],
                labels[NeedStatus][NeedStatus(status)],
                merged_into.format(number=merged) if merged is not None else reason or "",
                created_at.date(),
            ]

    return headers, rows()


# --- declaring and editing -------------------------------------------------------------------


def upcoming_quarters(today: date, count: int = 6) -> list[str]:
    """The current quarter and the ones after it: ["2027-Q1", "2027-Q2", ...]."""
    year, number = today.year, (today.month - 1) // 3
    quarters = []
    for step in range(count):
        shifted = number + step
        quarters.append(f"{year + shifted // 4}-Q{shifted % 4 + 1}")
    return quarters


@dataclass(frozen=True)
class NeedChoices:
    """What a need's form offers: the ecosystems, topics and quarters to choose from."""

    ecosystems: list[Ecosystem]
    topics: list[TrainingTopic]
    quarters: list[str]


def new_need_choices(organisation_id: int, language: str, today: date) -> NeedChoices:
    """A company's choices for a new need: the ecosystems it is an active member of, the
    topics in the catalogue, the current quarter and those after it."""
    return NeedChoices(
        ecosystems=member_ecosystems(organisation_id),
        topics=topic_list(language, active_only=True),
        quarters=upcoming_quarters(today),
    )


def edit_need_choices(need: TrainingNeed, language: str, today: date) -> NeedChoices:
    """The choices for editing a need: as for a new one, plus the need's own ecosystem (the
    company may have left it), topic (it may be out of the catalogue) and quarter."""
    choices = new_need_choices(need.organisation_id, language, today)
    if need.ecosystem_id not in {e.id for e in choices.ecosystems}:
        # The company has left the ecosystem since: the need may stay where it was declared.
        choices.ecosystems.extend(
            db.session.execute(select(Ecosystem).where(Ecosystem.id == need.ecosystem_id)).scalars()
        )
    if need.topic_id not in {t.id for t in choices.topics}:
        choices.topics.append(need.topic)
    if need.quarter not in choices.quarters:
        choices.quarters.insert(0, need.quarter)
    return choices


def declare_need(user: User, values: dict[str, Any]) -> TrainingNeed:
    """The user's company declares a need (in an ecosystem it is an active member of, which
    the caller checked); the ecosystem's federation is told."""
    need = TrainingNeed(organisation_id=user.organisation_id, status=NeedStatus.SUBMITTED, **values)
    db.session.add(need)
    db.session.flush()
    ecosystem = db.session.get(Ecosystem, need.ecosystem_id)
    notify(
        federation_staff(ecosystem),
        "training_need_submitted",
        {
            "organisation": bilingual(user.organisation),
            "topic": bilingual(need.topic),
            "people": need.people,
            "quarter": need.quarter,
            "ecosystem": bilingual(ecosystem),
        },
        url_for("training.needs", ecosystem=ecosystem.id, status=NeedStatus.SUBMITTED.value),
    )
    return need


def update_need(need: TrainingNeed, version: Any, values: dict[str, Any]) -> None:
    """The company changes its need (a save based on an older version is refused)."""
    apply_edit(need, version, values)


# --- the federation's decisions --------------------------------------------------------------


def tell_company(need: TrainingNeed, kind: str, **params: Any) -> None:
    """Notify the company's users of a decision on its need."""
    notify(
        organisation_users(need.organisation_id),
        kind,
        {"topic": bilingual(need.topic), "quarter": need.quarter, **params},
        url_for("training.needs"),
    )


def _check_decision(need: TrainingNeed, decision: str) -> None:
    if need.status not in DECISIONS[decision]:
        raise TrainingError(
            _(
                "This decision does not apply to a need that is %(status)s.",
                status=need.status.label.lower(),
            )
        )


def validate_need(need: TrainingNeed, actor: User) -> None:
    """A submitted need is validated: it counts in the demand from now on."""
    _check_decision(need, "validate")
    need.status = NeedStatus.VALIDATED
    need.validated_by_id = actor.id
    need.validated_at = utcnow()
    db.session.flush()
    tell_company(need, "training_need_validated")


def decline_need(need: TrainingNeed, reason: str) -> None:
    """An open need is declined, with a reason the company sees."""
    _check_decision(need, "decline")
    reason = (reason or "").strip()
    if not reason:
        raise TrainingError(_("Give the reason; the company will see it."))
    need.status = NeedStatus.DECLINED
    need.decline_reason = reason
    db.session.flush()
    tell_company(need, "training_need_declined", reason=reason)


def merge_need(need: TrainingNeed, target_id: int | None, actor: User) -> TrainingNeed:
    """A duplicate is merged into another open need of the same company, topic and quarter:
    its people are added to the other, and it is declined as merged."""
    _check_decision(need, "merge")
    target = db.session.execute(
        select(TrainingNeed).where(
            need_scope(actor),
            TrainingNeed.id == (target_id or 0),
            TrainingNeed.id != need.id,
            TrainingNeed.status.in_(OPEN_STATUSES),
            TrainingNeed.organisation_id == need.organisation_id,
            TrainingNeed.topic_id == need.topic_id,
            TrainingNeed.quarter == need.quarter,
        )
    ).scalar()
    if target is None:
        raise TrainingError(
            _(
                "A need can only be merged into another open need of the same company, on the "
                "same topic and for the same quarter."
            )
        )
    target.people += need.people
    need.status = NeedStatus.DECLINED
    need.decline_reason = MERGED
    need.merged_into_id = target.id
    db.session.flush()
    tell_company(need, "training_need_merged", number=target.id)
    return target
