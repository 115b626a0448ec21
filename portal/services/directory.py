"""Lists of organisations and ecosystem members: filters, sorting and pagination in SQL,
search that ignores accents and Arabic letter variants, and exports.

At national scale (issue 11) every order a list offers reads through an index of the ordered
table (``Organisation``: name in either language, region then name, creation; ``Membership``:
request date per ecosystem and status), ending with the id that breaks ties, so a page stops
at its last row instead of sorting every row; counts stop at ``paging.COUNT_LIMIT``.
A search matches each folded word anywhere in the folded names, which no index serves: it is
read in the list's indexed order and stops once the page (and the bounded count) is filled,
so a common word costs little and a rare one reads the organisations once.
Exports are lazy: rows are read from the database in batches (``yield_per``) while the file
is sent, every row of the list, in constant memory."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, column, exists, or_, select, table
from sqlalchemy.orm import contains_eager

from portal.authz import organisation_scope
from portal.bounds import page_number
from portal.extensions import db
from portal.i18n import current_language
from portal.models import (
    Ecosystem,
    HeadcountBand,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
)
from portal.models.reference import REGION_CODES
from portal.services.paging import paginate
from portal.text_search import digits_only, like_pattern, search_words

EXPORT_BATCH = 1_000  # rows read from the database at a time while an export is sent


@dataclass
class Filters:
    """What a list is narrowed to; unknown values are ignored rather than trusted."""

    q: str = ""
    kind: str | None = None
    region: str | None = None
    ecosystem: str | None = None  # slug
    status: str | None = None
    size: str | None = None
    sort: str = "name"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        """Read filters from query-string arguments, dropping values that are not allowed."""

        def allowed(name: str, values: Any) -> str | None:
            value = args.get(name) or None
            return value if value in values else None

        page = page_number(args)
        sort = args.get("sort", "name")
        return cls(
            q=(args.get("q") or "").strip()[:200],
            kind=allowed("kind", {k.value for k in OrganisationKind}),
            region=allowed("region", REGION_CODES),
            ecosystem=(args.get("ecosystem") or None),
            status=allowed("status", {s.value for s in MembershipStatus}),
            size=allowed("size", {s.value for s in HeadcountBand}),
            sort=sort if sort in SORTS else "name",
            page=page,
        )

    def as_args(self, **changes: Any) -> dict[str, Any]:
        """The filters as query-string arguments (for links: export, sorting, pages)."""
        values = {
            "q": self.q,
            "kind": self.kind,
            "region": self.region,
            "ecosystem": self.ecosystem,
            "status": self.status,
            "size": self.size,
            "sort": self.sort,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


SORTS = ("name", "-name", "region", "-created")


# The trigram index of the folded names on SQLite (migration 0015): an FTS5 table whose rows
# have the organisations' ids. PostgreSQL's is a GIN index that LIKE uses by itself.
SEARCH_INDEX = table("organisations_search", column("rowid"), column("search_text"))
TRIGRAM = 3  # the shortest word a trigram index can find; shorter ones are matched as typed


def search_clause(q: str):
    """Organisations whose folded names contain every word of the query, or whose ICE
    starts with the query's digits. Words of three letters or more are looked up in the
    trigram index of the names (migration 0015), not in every organisation."""
    words = search_words(q)
    if not words:
        return None
    sqlite = db.session.get_bind().dialect.name == "sqlite"
    indexed = [word for word in words if sqlite and len(word) >= TRIGRAM]
    matches = [
        Organisation.search_text.like(like_pattern(word), escape="\\")
        for word in words
        if word not in indexed
    ]
    if indexed:
        # Folded words are letters and digits: nothing to escape in the patterns.
        found = select(SEARCH_INDEX.c.rowid).where(
            *(SEARCH_INDEX.c.search_text.like(f"%{word}%") for word in indexed)
        )
        matches.append(Organisation.id.in_(found))
    clause = and_(*matches)
    digits = digits_only(q)
    if len(digits) >= 3 and len(digits) == len(q.replace(" ", "")):
        clause = or_(clause, Organisation.ice.like(f"{digits}%"))
    return clause


def _order(query: Select, sort: str) -> Select:
    """The list in the order asked for, each served by an index of ``organisations`` read
    forwards or backwards (ties broken by the id, in the same direction)."""
    name = Organisation.name_ar if current_language() == "ar" else Organisation.name_fr
    if sort == "-name":
        return query.order_by(name.desc(), Organisation.id.desc())
    if sort == "region":
        return query.order_by(Organisation.region, name, Organisation.id)
    if sort == "-created":
        return query.order_by(Organisation.created_at.desc(), Organisation.id.desc())
    return query.order_by(name, Organisation.id)


def _membership_filter(filters: Filters):
    conditions = [Membership.organisation_id == Organisation.id, Membership.deleted_at.is_(None)]
    if filters.ecosystem:
        conditions.append(
            Membership.ecosystem_id.in_(
                select(Ecosystem.id).where(Ecosystem.slug == filters.ecosystem)
            )
        )
    if filters.status:
        conditions.append(Membership.status == MembershipStatus(filters.status))
    return exists().where(*conditions)


def organisations_query(user: Any, filters: Filters) -> Select:
    """The staff list of organisations the user may see, filtered and sorted."""
    query = select(Organisation).where(organisation_scope(user))
    if filters.kind:
        query = query.where(Organisation.kind == OrganisationKind(filters.kind))
    if filters.region:
        query = query.where(Organisation.region == filters.region)
    if filters.size:
        query = query.where(Organisation.headcount_band == HeadcountBand(filters.size))
    if filters.ecosystem or filters.status:
        query = query.where(_membership_filter(filters))
    clause = search_clause(filters.q)
    if clause is not None:
        query = query.where(clause)
    return _order(query, filters.sort)


@dataclass
class OrganisationPage:
    """A page of organisations with the memberships of those on it."""

    pagination: Pagination
    memberships: dict[int, list[Membership]] = field(default_factory=dict)


def memberships_by_organisation(ids: list[int]) -> dict[int, list[Membership]]:
    """Memberships of the given organisations (a page's), in one query, each organisation's
    by ecosystem (sorted here: a few rows, read through the organisation's index)."""
    grouped: dict[int, list[Membership]] = defaultdict(list)
    if ids:
        rows = db.session.execute(
            select(Membership).where(Membership.organisation_id.in_(ids))
        ).scalars()
        for membership in sorted(rows, key=lambda m: (m.ecosystem_id, m.id)):
            grouped[membership.organisation_id].append(membership)
    return grouped


def organisations_page(user: Any, filters: Filters, per_page: int) -> OrganisationPage:
    """One page of the staff list, paginated in SQL."""
    pagination = paginate(organisations_query(user, filters), page=filters.page, per_page=per_page)
    ids = [organisation.id for organisation in pagination.items]
    return OrganisationPage(pagination, memberships_by_organisation(ids))


# What an export reads of an organisation and of a membership: plain columns (rows are
# tuples, not objects the session keeps track of), named as the attributes they come from.
ORGANISATION_EXPORT_COLUMNS = (
    Organisation.id,
    Organisation.name_fr,
    Organisation.name_ar,
    Organisation.acronym,
    Organisation.kind,
    Organisation.ice,
    Organisation.rc,
    Organisation.if_number,
    Organisation.legal_form,
    Organisation.headcount_band,
    Organisation.region,
    Organisation.city,
    Organisation.email,
    Organisation.phone,
)
MEMBERSHIP_EXPORT_COLUMNS = (
    Membership.role,
    Membership.status,
    Membership.requested_at,
    Membership.decided_at,
)


def members_query(ecosystem: Ecosystem, filters: Filters, columns: tuple = ()) -> Select:
    """The memberships of one ecosystem with their organisations, filtered and sorted (as
    Membership objects, or the given ``columns`` of both)."""
    if columns:
        query = select(*columns).select_from(Membership)
    else:
        query = select(Membership).options(contains_eager(Membership.organisation))
    query = query.join(Organisation, Organisation.id == Membership.organisation_id).where(
        Membership.ecosystem_id == ecosystem.id
    )
    if filters.kind:
        query = query.where(Organisation.kind == OrganisationKind(filters.kind))
    if filters.region:
        query = query.where(Organisation.region == filters.region)
    if filters.size:
        query = query.where(Organisation.headcount_band == HeadcountBand(filters.size))
    if filters.status:
        query = query.where(Membership.status == MembershipStatus(filters.status))
    clause = search_clause(filters.q)
    if clause is not None:
        query = query.where(clause)
    if filters.sort == "-created":
        return query.order_by(Membership.requested_at.desc(), Membership.id.desc())
    return _order(query, filters.sort)


def members_page(ecosystem: Ecosystem, filters: Filters, per_page: int) -> Pagination:
    """One page of an ecosystem's members, paginated in SQL."""
    return paginate(members_query(ecosystem, filters), page=filters.page, per_page=per_page)


def public_directory_query(filters: Filters) -> Select:
    """Organisations that are active members of an ecosystem: what anyone may list."""
    active = Filters(ecosystem=filters.ecosystem, status=MembershipStatus.ACTIVE.value)
    query = select(Organisation).where(_membership_filter(active))
    if filters.kind:
        query = query.where(Organisation.kind == OrganisationKind(filters.kind))
    if filters.region:
        query = query.where(Organisation.region == filters.region)
    clause = search_clause(filters.q)
    if clause is not None:
        query = query.where(clause)
    return _order(query, filters.sort if filters.sort != "-created" else "name")


def public_page(filters: Filters, per_page: int) -> OrganisationPage:
    """One page of the public directory, with each organisation's active memberships."""
    pagination = paginate(public_directory_query(filters), page=filters.page, per_page=per_page)
    ids = [organisation.id for organisation in pagination.items]
    grouped = memberships_by_organisation(ids)
    active_only = {
        key: [m for m in value if m.status == MembershipStatus.ACTIVE]
        for key, value in grouped.items()
    }
    return OrganisationPage(pagination, active_only)


def public_member(organisation_id: int) -> Organisation | None:
    """An organisation anyone may see in the directory (an active member), else None."""
    query = public_directory_query(Filters()).where(Organisation.id == organisation_id)
    return db.session.execute(query).scalars().first()


def organisations_export(user: Any, filters: Filters) -> Iterator[tuple[Any, list]]:
    """Every organisation of the staff list, in its order (rows of
    ``ORGANISATION_EXPORT_COLUMNS``), each with its memberships as (ecosystem, status)
    pairs: read in batches while the export is sent (one query for the memberships of each
    batch)."""
    statement = (
        organisations_query(user, filters)
        .with_only_columns(*ORGANISATION_EXPORT_COLUMNS)
        .execution_options(yield_per=EXPORT_BATCH)
    )

    def rows() -> Iterator[tuple[Any, list]]:
        ecosystems = {e.id: e for e in db.session.execute(select(Ecosystem)).scalars()}
        for batch in db.session.execute(statement).partitions():
            found = db.session.execute(
                select(Membership.organisation_id, Membership.ecosystem_id, Membership.status)
                .where(Membership.organisation_id.in_([row.id for row in batch]))
                .order_by(None)
            ).all()
            memberships: dict[int, list] = defaultdict(list)
            for organisation_id, ecosystem_id, status in sorted(found, key=lambda r: r[:2]):
                if ecosystem_id in ecosystems:
                    memberships[organisation_id].append((ecosystems[ecosystem_id], status))
            for row in batch:
                yield row, memberships.get(row.id, [])

    return rows()


def members_export(ecosystem: Ecosystem, filters: Filters) -> Iterator[Any]:
    """Every membership of an ecosystem's member list, in its order, as rows of the
    organisation's and the membership's export columns, read in batches while the export
    is sent."""
    columns = (*ORGANISATION_EXPORT_COLUMNS, *MEMBERSHIP_EXPORT_COLUMNS)
    statement = members_query(ecosystem, filters, columns).execution_options(yield_per=EXPORT_BATCH)

    def rows() -> Iterator[Any]:
        yield from db.session.execute(statement)

    return rows()


def public_page_memberships(organisation_id: int) -> list[Membership]:
    """The active memberships of one organisation (for its public profile)."""
    grouped = memberships_by_organisation([organisation_id])
    return [m for m in grouped.get(organisation_id, []) if m.status == MembershipStatus.ACTIVE]
