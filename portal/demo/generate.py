"""National-scale data on top of the demo seed (``flask demo generate --scale N``).

At scale 1: 100,000 organisations (SMEs, institutes, infrastructure bodies), 105,000
memberships in both ecosystems (5,000 organisations in both), 6,000 training offers,
10,000 sessions, 1,000,000 training needs, 100,000 support cases with their stage history,
50,000 certificates, 2,000 conventions with parties, commitments, milestones, indicators
and measurements, 300,000 audit entries, 100,000 complaints and suggestions (most answered,
with their answer), 100,000 service requests at every step of their life with their quotes
and dated steps (``generate_requests``), and the invitations to the satisfaction surveys (the
companies trained in the held sessions, at most 150,000, and every active member's annual
survey of last year and this year), 60 % answered. The service catalogues of the
generated bodies (two to five entries each, 40 % of them accredited) and 100,000
infrastructure needs (``generate_catalogue``). Every count is multiplied by the scale.

Deterministic: the same scale, seed and day give the same rows (``random.Random(seed)``,
dates relative to ``today``). Rows are written in bulk on the raw connection (executemany
on SQLite, COPY on PostgreSQL) with ids assigned here, above each table's largest id, in
the caller's transaction: an interrupted run leaves nothing. A database that already holds
generated data, or that lacks the demo seed, is refused (``GenerateError``).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.orm import Session

from portal.authz import Permission, has_permission
from portal.authz.complaints import has_federation_level, ministry_date
from portal.demo import generate_catalogue
from portal.demo import generate_words as words
from portal.demo.generate_requests import service_requests
from portal.demo.seed_surveys import ANNUAL_QUESTIONS, REQUEST_QUESTIONS
from portal.models import (
    CaseKind,
    CaseStage,
    CertificateStatus,
    CommitmentStatus,
    ComplaintCategory,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTarget,
    ConventionStatus,
    ConventionType,
    Ecosystem,
    HeadcountBand,
    InfrastructureType,
    InstituteType,
    JobCategory,
    LegalForm,
    Level,
    MembershipRole,
    MembershipStatus,
    Modality,
    NeedStatus,
    Organisation,
    OrganisationKind,
    PartyRole,
    Priority,
    QualityExpert,
    QuestionKind,
    SessionStatus,
    Standard,
    Survey,
    SurveyOccasion,
    SurveyQuestion,
    TrainingTopic,
    User,
    add_months,
)
from portal.models.certification import number_key
from portal.models.organisation import ice_check_digits
from portal.services.cache import forget_all
from portal.services.certification import ORDER
from portal.services.training.demand_summary import rebuild_demand_summary
from portal.text_search import fold

DEFAULT_SEED = 20261128
# Generated organisations' e-mail addresses end with this domain: it marks a database that
# already holds generated data.
MARKER_DOMAIN = "national.example.ma"
SIZES = {
    "organisations": 100_000,
    "memberships": 105_000,  # one per organisation, and a second one for 5,000 of them
    "training_offers": 6_000,
    "training_sessions": 10_000,
    "training_needs": 1_000_000,
    "support_cases": 100_000,
    "certificates": 50_000,
    "conventions": 2_000,
    "audit_entries": 300_000,
    "complaints": 100_000,
    "service_requests": 100_000,
}
BOTH_ECOSYSTEMS = 5_000
CHUNK = 10_000
# Tables whose plain indexes are built after their rows are written.
BIG_TABLES = {
    "organisations",
    "memberships",
    "training_needs",
    "support_cases",
    "case_transitions",
    "certificates",
    "audit_entries",
    "complaints",
    "complaint_messages",
    "survey_invitations",
    "survey_answers",
    "service_requests",
    "service_quotes",
    "service_request_events",
    "infrastructure_needs",
}
ECOSYSTEM_SLUGS = ("automobile", "chimie-parachimie")
# Quarters of training needs: from eight quarters ago (needs of the past two years) to five
# ahead (the form offers the current quarter and the five after it).
QUARTERS_BACK, QUARTERS_AHEAD = 8, 5


NO_SEED = (
    "This database has no demo seed (the ministry and the automobile and chimie-parachimie "
    "ecosystems): run `flask db upgrade && flask demo seed` first."
)


class GenerateError(Exception):
    """The database cannot receive generated data (no demo seed, or generated already)."""


def sizes(scale: float) -> dict[str, int]:
    """The number of rows of each main table at a scale (at least one of each)."""
    counts = {name: max(1, round(n * scale)) for name, n in SIZES.items()}
    both = min(max(1, round(BOTH_ECOSYSTEMS * scale)), counts["organisations"])
    counts["memberships"] = counts["organisations"] + both
    return counts


# --- helpers ------------------------------------------------------------------------------


class Picker:
    """Draws from weighted values; the first draws go through every value once, so that even
    a tiny dataset holds each of them."""

    SLOTS = 1000

    def __init__(self, rng: random.Random, weights: dict[Any, float]) -> None:
        self.rng = rng
        self.values = list(weights)
        total = sum(weights.values())
        # A table of SLOTS entries, each value as often as its weight says (at least once).
        self.table: list[Any] = []
        running = 0.0
        for value in self.values:
            running += weights[value] / total
            self.table.extend([value] * max(1, round(running * self.SLOTS) - len(self.table)))
        self.size = len(self.table)
        self.drawn = 0

    def __call__(self) -> Any:
        if self.drawn < len(self.values):
            self.drawn += 1
            return self.values[self.drawn - 1]
        return self.table[int(self.rng.random() * self.size)]


# Names repeat (a few thousand combinations): each part is folded once. Folding the parts
# gives the same text as folding the whole, as Organisation.refresh_search_text does.
_fold = functools.lru_cache(maxsize=None)(fold)


def _ts(moment: datetime) -> str:
    """A naive-UTC timestamp as SQLAlchemy writes it on SQLite (PostgreSQL reads it too)."""
    # Every generated moment is a whole second: isoformat is several times faster.
    return f"{moment.isoformat(' ', 'seconds')[:19]}.000000"


def _midday(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@functools.cache
def _midday_ts(day: date) -> str:
    """The timestamp of a day's midday (rows by the hundred thousand share a few hundred days)."""
    return _ts(_midday(day))


def _quarter(year: int, index: int) -> str:
    """The quarter ``index`` quarters after the first one of ``year`` ("2027-Q1")."""
    return f"{year + index // 4}-Q{index % 4 + 1}"


def _quarter_start(quarter: str) -> date:
    year, number = quarter.split("-Q")
    return date(int(year), 3 * (int(number) - 1) + 1, 1)


@dataclass
class Writer:
    """Bulk inserts on the raw connection of the caller's transaction."""

    connection: Connection
    log: Callable[[str], None]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def postgresql(self) -> bool:
        return self.connection.dialect.name == "postgresql"

    def next_id(self, table: str) -> int:
        return (self.connection.execute(text(f"SELECT MAX(id) FROM {table}")).scalar() or 0) + 1  # noqa: S608

    def secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        """The table's plain (not unique) indexes: (name, the statement that creates it)."""
        if self.postgresql:
            query = (
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = :table "
                "AND schemaname = current_schema() ORDER BY indexname"
            )
        else:
            query = (
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = :table AND sql IS NOT NULL ORDER BY name"
            )
        return [
            (name, sql)
            for name, sql in self.connection.execute(text(query), {"table": table})
            if "UNIQUE" not in sql.upper()
        ]

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
        """Write the rows (tuples in the order of ``columns``); returns how many. The plain
        indexes of the big tables are dropped first and built again after (in the same
        transaction): one sort is much faster than a million random index insertions."""
        started = time.monotonic()
        indexes = self.secondary_indexes(table) if table in BIG_TABLES else []
        for name, _sql in indexes:
            self.connection.execute(text(f"DROP INDEX {name}"))
        raw = self.connection.connection.driver_connection
        cursor = raw.cursor()
        written = 0
        names = ", ".join(columns)
        try:
            if self.postgresql:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        written += 1
            else:
                marks = ", ".join("?" * len(columns))
                statement = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
                iterator = iter(rows)
                while chunk := list(itertools.islice(iterator, CHUNK)):
                    cursor.executemany(statement, chunk)
                    written += len(chunk)
        finally:
            cursor.close()
        for _name, sql in indexes:
            self.connection.execute(text(sql))
        self.counts[table] = self.counts.get(table, 0) + written
        self.log(f"  {table:<28} {written:>9,} rows {time.monotonic() - started:7.1f} s")
        return written

    def fix_sequences(self) -> None:
        """PostgreSQL: move each table's id sequence past the ids written here."""
        if not self.postgresql:
            return
        for table in self.counts:
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT MAX(id) FROM {table}))"
                )
            )


# --- what the demo seed gives -------------------------------------------------------------


@dataclass
class Context:
    """The seed's rows the generated ones refer to, and the generation's state."""

    rng: random.Random
    today: date
    writer: Writer
    counts: dict[str, int]
    ministry_id: int
    ecosystems: dict[str, int]  # slug -> id
    lead_federation: dict[int, int]  # ecosystem id -> federation id
    staff: dict[int, list[int]]  # ecosystem id -> user ids of its lead federation's staff
    user_ids: list[int]
    topics: list[int]
    standards: dict[str, int]
    experts: list[int]
    certifiers: list[int]
    seed_ices: set[str]
    # Filled as the tables are generated.
    orgs: list[tuple] = field(default_factory=list)  # (id, kind, region, slug, created)
    active_smes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    institutes: list[int] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)
    # The held sessions, as (id, institute, ecosystem, first day): what complaints concern.
    held_sessions: list[tuple[int, int, int, date]] = field(default_factory=list)
    # The seed's institutes and bodies, and who answers complaints for the seed's
    # organisations (None: the portal's administrators); generated ones have no users.
    seed_partners: list[int] = field(default_factory=list)
    handlers: dict[int | None, list[int]] = field(default_factory=dict)
    # What the surveys are sent for: the last day of each held session, the companies a
    # held session trained (a need it fulfilled: the generator writes no enrolments), and
    # the active memberships as (organisation, ecosystem, active since).
    session_ends: dict[int, date] = field(default_factory=dict)
    trained: list[tuple[int, int]] = field(default_factory=list)
    active_members: list[tuple[int, int, date]] = field(default_factory=list)
    scale: float = 1.0

    def day_between(self, start: date, end: date) -> date:
        span = max(0, (end - start).days)
        return start + timedelta(days=int(self.rng.random() * (span + 1)))

    def moment_on(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
            seconds=int(8 * 3600 + self.rng.random() * 10 * 3600)
        )

    def decider(self, ecosystem_id: int) -> int | None:
        staff = self.staff.get(ecosystem_id)
        return staff[int(self.rng.random() * len(staff))] if staff else None


def _context(connection: Connection, rng: random.Random, today: date, writer: Writer, scale):
    def scalars(query) -> list:
        return list(connection.execute(query).scalars())

    if not inspect(connection).has_table("audit_entries"):
        raise GenerateError(NO_SEED)
    ecosystems = {
        slug: (eid, federation)
        for slug, eid, federation in connection.execute(
            select(Ecosystem.slug, Ecosystem.id, Ecosystem.lead_federation_id)
        )
    }
    ministry = connection.execute(
        select(func.min(Organisation.id)).where(Organisation.kind == OrganisationKind.MINISTRY)
    ).scalar()
    if ministry is None or any(slug not in ecosystems for slug in ECOSYSTEM_SLUGS):
        raise GenerateError(NO_SEED)
    generated = connection.execute(
        select(Organisation.id).where(Organisation.email.like(f"%@%.{MARKER_DOMAIN}")).limit(1)
    ).first()
    if generated is not None:
        raise GenerateError(
            "This database already holds generated data (organisations with addresses at "
            f"{MARKER_DOMAIN}): generate into a fresh database (flask db upgrade, flask demo "
            "seed, then flask demo generate)."
        )
    # Who decides on memberships and needs: the lead federation's users who may manage its
    # members (the policy says which), as in the demo seed.
    staff: dict[int, list[int]] = {}
    handlers: dict[int | None, list[int]] = {}
    with Session(bind=connection) as session:
        for eid, federation in ecosystems.values():
            users = session.execute(
                select(User).where(User.organisation_id == federation).order_by(User.id)
            ).scalars()
            staff[eid] = [u.id for u in users if has_permission(u, Permission.MANAGE_MEMBERS)]
        active = select(User).where(User.active.is_(True)).order_by(User.id)
        for user in session.execute(active).scalars():
            if has_permission(user, Permission.MANAGE_PLATFORM):
                handlers.setdefault(None, []).append(user.id)
            elif user.organisation_id and has_permission(user, Permission.HANDLE_COMPLAINTS):
                handlers.setdefault(user.organisation_id, []).append(user.id)
    return Context(
        rng=rng,
        today=today,
        writer=writer,
        counts=sizes(scale),
        scale=scale,
        ministry_id=ministry,
        ecosystems={slug: ecosystems[slug][0] for slug in ECOSYSTEM_SLUGS},
        lead_federation={eid: federation for eid, federation in ecosystems.values()},
        staff=staff,
        user_ids=scalars(select(User.id).order_by(User.id)),
        topics=scalars(
            select(TrainingTopic.id)
            .where(TrainingTopic.active.is_(True), TrainingTopic.deleted_at.is_(None))
            .order_by(TrainingTopic.id)
        ),
        standards={
            code: sid for code, sid in connection.execute(select(Standard.code, Standard.id))
        },
        experts=scalars(select(QualityExpert.id).order_by(QualityExpert.id)),
        certifiers=scalars(
            select(Organisation.id)
            .where(Organisation.infrastructure_type == InfrastructureType.CERTIFICATION_BODY)
            .order_by(Organisation.id)
        ),
        seed_ices=set(scalars(select(Organisation.ice).where(Organisation.ice.is_not(None)))),
        seed_partners=scalars(
            select(Organisation.id)
            .where(
                Organisation.kind.in_([OrganisationKind.INSTITUTE, OrganisationKind.INFRASTRUCTURE])
            )
            .order_by(Organisation.id)
        ),
        handlers=handlers,
    )


# --- the tables ---------------------------------------------------------------------------

AUDITED = ("created_at", "updated_at", "deleted_at", "version")


def _names(words_: str) -> list[str]:
    """Column or table names written as one string separated by spaces."""
    return words_.split()


def _organisations(ctx: Context) -> None:
    rng, n = ctx.rng, ctx.counts["organisations"]
    n_institutes = max(1, round(n * 0.02))
    n_bodies = max(1, round(n * 0.02))
    kinds = (
        [OrganisationKind.INSTITUTE] * n_institutes
        + [OrganisationKind.INFRASTRUCTURE] * n_bodies
        + [OrganisationKind.SME] * (n - n_institutes - n_bodies)
    )
    rng.shuffle(kinds)
    # Distinct nine-digit company numbers; establishment 0000; two control digits.
    numbers = rng.sample(range(100_000, 10_000_000), n + len(ctx.seed_ices))
    ices = (f"{number:09d}0000" for number in numbers)
    ices = (first13 + ice_check_digits(first13) for first13 in ices)
    ices = (ice for ice in ices if ice not in ctx.seed_ices)
    region = Picker(rng, words.REGION_WEIGHTS)
    slug = Picker(rng, {"automobile": 55, "chimie-parachimie": 45})
    band = Picker(
        rng,
        {HeadcountBand.TPE: 55, HeadcountBand.PME: 38, HeadcountBand.ETI: 6, HeadcountBand.GE: 1},
    )
    legal = Picker(
        rng,
        {
            LegalForm.SARL: 45,
            LegalForm.SARL_AU: 25,
            LegalForm.SA: 12,
            LegalForm.SAS: 6,
            LegalForm.SNC: 2,
            LegalForm.GIE: 1,
            LegalForm.COOPERATIVE: 3,
            LegalForm.SOLE_TRADER: 5,
            LegalForm.OTHER: 1,
        },
    )
    body_type = Picker(
        rng,
        {
            InfrastructureType.CERTIFICATION_BODY: 35,
            InfrastructureType.TESTING_LAB: 30,
            InfrastructureType.CALIBRATION_LAB: 15,
            InfrastructureType.INSPECTION_BODY: 15,
            InfrastructureType.STANDARDIZATION_BODY: 3,
            InfrastructureType.ACCREDITATION_BODY: 2,
        },
    )
    institute_type = Picker(rng, {kind: 1 for kind in InstituteType})
    first_day = date(2023, 12, 1)
    first = ctx.writer.next_id("organisations")

    def rows() -> Iterator[tuple]:
        for offset, kind in enumerate(kinds):
            oid = first + offset
            code = region()
            city_fr, city_ar = rng.choice(words.CITIES[code])
            sector = slug()
            root_fr, root_ar = rng.choice(words.ROOTS)
            created = ctx.moment_on(ctx.day_between(first_day, ctx.today - timedelta(days=1)))
            ice = rc = if_number = headcount = legal_form = body = institute = None
            activity_fr = activity_ar = domains_fr = domains_ar = None
            acronym = None
            if kind == OrganisationKind.SME:
                short_fr, short_ar, activity_fr, activity_ar = rng.choice(words.ACTIVITIES[sector])
                pattern = rng.random()
                if pattern < 0.35:
                    name_fr = f"{root_fr} {short_fr} {city_fr}"
                    name_ar = f"شركة {root_ar} {short_ar} {city_ar}"
                elif pattern < 0.7:
                    family_fr, family_ar = rng.choice(words.FAMILIES)
                    name_fr = f"Société {family_fr} {short_fr}"
                    name_ar = f"شركة {family_ar} {short_ar}"
                elif pattern < 0.85:
                    name_fr = f"{root_fr} {short_fr} Maroc"
                    name_ar = f"{root_ar} {short_ar} المغرب"
                else:
                    family_fr, family_ar = rng.choice(words.FAMILIES)
                    name_fr = f"Groupe {family_fr} {root_fr} {short_fr}"
                    name_ar = f"مجموعة {family_ar} {root_ar} {short_ar}"
                ice = next(ices)
                rc = f"RC {city_fr} {10_000 + int(rng.random() * 190_000)}"
                if_number = str(10_000_000 + int(rng.random() * 89_999_999))
                headcount = band().value
                legal_form = legal().value
            elif kind == OrganisationKind.INSTITUTE:
                institute = institute_type()
                fr, ar = words.INSTITUTE_NAMES[institute.value]
                name_fr = fr.format(root=root_fr, city=city_fr)
                name_ar = ar.format(root=root_ar, city=city_ar)
                domains_fr, domains_ar = rng.choice(words.INSTITUTE_DOMAINS)
                institute = institute.value
                ctx.institutes.append(oid)
            else:
                body = body_type()
                fr, ar = words.BODY_NAMES[body.value]
                name_fr = f"{fr.format(root=root_fr)} {city_fr}"
                name_ar = f"{ar.format(root=root_ar)} {city_ar}"
                if body == InfrastructureType.CERTIFICATION_BODY:
                    ctx.certifiers.append(oid)
                body = body.value
            if kind != OrganisationKind.SME:
                ctx.partners.append(oid)
            if rng.random() < 0.3:
                acronym = "".join(w[0] for w in name_fr.split() if w[0].isupper())[:6] or None
            street_fr, _street_ar = rng.choice(words.STREETS)
            ctx.orgs.append((oid, kind, code, sector, created))
            stamp = _ts(created)
            yield (
                oid,
                kind.value,
                name_fr,
                name_ar,
                acronym,
                code,
                city_fr,
                f"Lot {1 + int(rng.random() * 300)}, {street_fr}, {city_fr}",
                f"contact@org{oid}.{MARKER_DOMAIN}",
                f"+212 5{int(rng.random() * 100):02d} {int(rng.random() * 1_000_000):06d}",
                None,
                ice,
                rc,
                if_number,
                headcount,
                body,
                legal_form,
                activity_fr,
                activity_ar,
                institute,
                domains_fr,
                domains_ar,
                " ".join(filter(None, [_fold(name_fr), _fold(name_ar), _fold(acronym)])),
                stamp,
                stamp,
                None,
                1,
            )

    ctx.writer.insert(
        "organisations",
        (
            *_names(
                "id kind name_fr name_ar acronym region city address email phone website "
                "ice rc if_number headcount_band infrastructure_type legal_form "
                "activity_fr activity_ar institute_type domains_fr domains_ar search_text"
            ),
            *AUDITED,
        ),
        rows(),
    )


def _memberships(ctx: Context) -> None:
    rng = ctx.rng
    both = ctx.counts["memberships"] - len(ctx.orgs)
    twice = set(rng.sample(range(len(ctx.orgs)), both))
    status = Picker(
        rng,
        {
            MembershipStatus.ACTIVE: 85,
            MembershipStatus.REQUESTED: 6,
            MembershipStatus.SUSPENDED: 3,
            MembershipStatus.LEFT: 3,
            MembershipStatus.REJECTED: 3,
        },
    )
    role_of = {
        OrganisationKind.SME: MembershipRole.MEMBER_SME.value,
        OrganisationKind.INSTITUTE: MembershipRole.TRAINING_PARTNER.value,
        OrganisationKind.INFRASTRUCTURE: MembershipRole.INFRASTRUCTURE_PARTNER.value,
    }
    first = ctx.writer.next_id("memberships")
    other = dict(zip(ECOSYSTEM_SLUGS, reversed(ECOSYSTEM_SLUGS), strict=True))
    ctx.active_smes = {eid: [] for eid in ctx.ecosystems.values()}

    def rows() -> Iterator[tuple]:
        mid = first
        for index, (oid, kind, region, slug, created) in enumerate(ctx.orgs):
            slugs = [slug, other[slug]] if index in twice else [slug]
            for sector in slugs:
                eid = ctx.ecosystems[sector]
                value = status()
                requested = created + timedelta(days=int(rng.random() * 20))
                if value == MembershipStatus.REQUESTED:
                    requested = max(
                        created,
                        ctx.moment_on(ctx.today - timedelta(days=1 + int(rng.random() * 40))),
                    )
                    decided = decider = None
                else:
                    decided_at = requested + timedelta(days=2 + int(rng.random() * 28))
                    decided = _ts(decided_at)
                    decider = ctx.decider(eid)
                if value == MembershipStatus.ACTIVE:
                    ctx.active_members.append((oid, eid, decided_at.date()))
                    if kind == OrganisationKind.SME:
                        ctx.active_smes[eid].append((oid, region))
                stamp = _ts(requested)
                yield (
                    mid,
                    eid,
                    oid,
                    role_of[kind],
                    value.value,
                    stamp,
                    decided,
                    decider,
                    words.DECISION_REASONS.get(value.value),
                    stamp,
                    decided or stamp,
                    None,
                    1,
                )
                mid += 1

    ctx.writer.insert(
        "memberships",
        (
            *_names(
                "id ecosystem_id organisation_id role status requested_at decided_at "
                "decided_by_id decision_reason"
            ),
            *AUDITED,
        ),
        rows(),
    )


def _quarters(ctx: Context) -> list[str]:
    today = ctx.today
    current = (today.month - 1) // 3
    return [
        _quarter(today.year, current + step) for step in range(-QUARTERS_BACK, QUARTERS_AHEAD + 1)
    ]


def _offers_and_sessions(ctx: Context) -> list[tuple]:
    """Offers of the generated institutes and sessions planned from them; returns the
    sessions as (id, status, topic, ecosystem, region, quarter, modality)."""
    rng = ctx.rng
    modality = Picker(rng, {Modality.IN_PERSON: 60, Modality.REMOTE: 15, Modality.IN_COMPANY: 25})
    first_offer = ctx.writer.next_id("training_offers")
    offers: list[tuple[int, int, int, str, int]] = []  # id, institute, topic, modality, hours
    n_offers = ctx.counts["training_offers"]
    institutes = ctx.institutes
    offer_rows = []
    for index in range(n_offers):
        oid = first_offer + index
        institute = institutes[index % len(institutes)]
        topic = ctx.topics[int(rng.random() * len(ctx.topics))]
        mode = modality().value
        hours = 7 * (1 + int(rng.random() * 5))
        regions = sorted(rng.sample(list(words.REGION_WEIGHTS), 1 + int(rng.random() * 3)))
        stamp = _ts(ctx.moment_on(ctx.today - timedelta(days=30 + int(rng.random() * 700))))
        offers.append((oid, institute, topic, mode, hours, regions))
        offer_rows.append(
            (
                oid,
                institute,
                topic,
                f"Formation {index + 1} du catalogue",
                f"التكوين {index + 1} من الدليل",
                hours,
                mode,
                8 + int(rng.random() * 18),
                "fr,ar" if rng.random() < 0.6 else "fr",
                float(1500 + 500 * int(rng.random() * 20)),
                ",".join(regions),
                1,
                stamp,
                stamp,
                None,
                1,
            )
        )
    ctx.writer.insert(
        "training_offers",
        (
            *_names(
                "id institute_id topic_id title_fr title_ar duration_hours modality "
                "capacity languages price_mad regions active"
            ),
            *AUDITED,
        ),
        offer_rows,
    )
    quarters = _quarters(ctx)
    past, coming = quarters[:QUARTERS_BACK], quarters[QUARTERS_BACK : QUARTERS_BACK + 4]
    status = Picker(
        rng, {SessionStatus.HELD: 60, SessionStatus.PLANNED: 30, SessionStatus.CANCELLED: 10}
    )
    ecosystem = Picker(rng, {eid: 1 for eid in ctx.ecosystems.values()})
    first = ctx.writer.next_id("training_sessions")
    sessions = []
    rows = []
    for index in range(ctx.counts["training_sessions"]):
        sid = first + index
        oid, institute, topic, mode, hours, regions = offers[int(rng.random() * len(offers))]
        value = status()
        quarter = rng.choice(past if value == SessionStatus.HELD else coming)
        start = _quarter_start(quarter) + timedelta(days=int(rng.random() * 85))
        if value == SessionStatus.HELD:
            start = min(start, ctx.today - timedelta(days=7))
        else:
            start = max(start, ctx.today + timedelta(days=3))
        quarter = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        region = rng.choice(regions)
        eid = ecosystem()
        sessions.append((sid, value, topic, eid, region, quarter, mode))
        ends = start + timedelta(days=max(0, hours // 7 - 1))
        if value == SessionStatus.HELD:
            ctx.held_sessions.append((sid, institute, eid, start))
            ctx.session_ends[sid] = ends
        stamp = _ts(ctx.moment_on(start - timedelta(days=30 + int(rng.random() * 60))))
        rows.append(
            (
                sid,
                oid,
                institute,
                topic,
                eid,
                region,
                quarter,
                start.isoformat(),
                ends.isoformat(),
                f"Salle {1 + int(rng.random() * 9)}, {words.CITIES[region][0][0]}",
                8 + int(rng.random() * 18),
                value.value,
                0,
                stamp,
                stamp,
                None,
                1,
            )
        )
    ctx.writer.insert(
        "training_sessions",
        (
            *_names(
                "id offer_id institute_id topic_id ecosystem_id region quarter starts_on "
                "ends_on place seats status enrolment_counter"
            ),
            *AUDITED,
        ),
        rows,
    )
    return sessions


def _needs(ctx: Context, sessions: list[tuple]) -> None:
    rng = ctx.rng
    quarters = _quarters(ctx)
    current = QUARTERS_BACK
    held = [s for s in sessions if s[1] == SessionStatus.HELD]
    planned = [s for s in sessions if s[1] == SessionStatus.PLANNED]
    status = Picker(
        rng,
        {
            NeedStatus.SUBMITTED: 25,
            NeedStatus.VALIDATED: 35,
            NeedStatus.PLANNED: 10,
            NeedStatus.FULFILLED: 20,
            NeedStatus.DECLINED: 10,
        },
    )
    quarter_of_open = Picker(rng, {q: 1 for q in quarters})
    job = Picker(rng, {j.value: 1 for j in JobCategory})
    level = Picker(
        rng, {Level.BEGINNER.value: 50, Level.INTERMEDIATE.value: 35, Level.ADVANCED.value: 15}
    )
    priority = Picker(
        rng, {Priority.HIGH.value: 30, Priority.MEDIUM.value: 50, Priority.LOW.value: 20}
    )
    modality = Picker(
        rng,
        {Modality.IN_PERSON.value: 60, Modality.REMOTE.value: 15, Modality.IN_COMPANY.value: 25},
    )
    ecosystem = Picker(
        rng, {eid: len(members) for eid, members in ctx.active_smes.items() if members}
    )
    first = ctx.writer.next_id("training_needs")

    def member(eid: int) -> tuple[int, str]:
        members = ctx.active_smes[eid] or next(m for m in ctx.active_smes.values() if m)
        return members[int(rng.random() * len(members))]

    def rows() -> Iterator[tuple]:
        for index in range(ctx.counts["training_needs"]):
            value = status()
            session = None
            if value == NeedStatus.FULFILLED and held:
                session = held[int(rng.random() * len(held))]
            elif value == NeedStatus.PLANNED and planned:
                session = planned[int(rng.random() * len(planned))]
            elif value in (NeedStatus.FULFILLED, NeedStatus.PLANNED):
                value = NeedStatus.VALIDATED
            if session is not None:
                sid, _s, topic, eid, region, quarter, mode = session
                oid, _home = member(eid)
                if value == NeedStatus.FULFILLED:
                    ctx.trained.append((sid, oid))
            else:
                sid = None
                eid = ecosystem()
                oid, region = member(eid)
                topic = ctx.topics[int(rng.random() * len(ctx.topics))]
                mode = modality()
                quarter = quarter_of_open()
                if value == NeedStatus.SUBMITTED and quarters.index(quarter) < current - 1:
                    quarter = quarters[current + int(rng.random() * (QUARTERS_AHEAD + 1))]
            start = _quarter_start(quarter)
            created = ctx.moment_on(
                min(ctx.today, start) - timedelta(days=20 + int(rng.random() * 120))
            )
            validated_at = validated_by = None
            if value in (NeedStatus.VALIDATED, NeedStatus.PLANNED, NeedStatus.FULFILLED):
                validated_at = _ts(created + timedelta(days=1 + int(rng.random() * 15)))
                validated_by = ctx.decider(eid)
            people = min(40, 1 + int(rng.expovariate(1 / 3)))
            stamp = _ts(created)
            yield (
                first + index,
                oid,
                eid,
                topic,
                job(),
                people,
                level(),
                priority(),
                quarter,
                region,
                mode,
                value.value,
                rng.choice(words.DECLINE_REASONS) if value == NeedStatus.DECLINED else "",
                None,
                sid,
                validated_at,
                validated_by,
                stamp,
                validated_at or stamp,
                None,
                1,
            )

    ctx.writer.insert(
        "training_needs",
        (
            *_names(
                "id organisation_id ecosystem_id topic_id job_category people level "
                "priority quarter region modality status decline_reason merged_into_id "
                "session_id validated_at validated_by_id"
            ),
            *AUDITED,
        ),
        rows(),
    )


def _standard_pickers(ctx: Context) -> dict[int, Picker]:
    wanted = {
        "automobile": {"iso_9001": 50, "iatf_16949": 30, "iso_14001": 10, "iso_45001": 10},
        "chimie-parachimie": {
            "iso_9001": 50,
            "iso_14001": 25,
            "iso_45001": 15,
            "iso_iec_17025": 5,
            "iso_22000": 5,
        },
    }
    pickers = {}
    for slug, weights in wanted.items():
        known = {ctx.standards[code]: w for code, w in weights.items() if code in ctx.standards}
        pickers[ctx.ecosystems[slug]] = Picker(
            ctx.rng, known or {i: 1 for i in ctx.standards.values()}
        )
    return pickers


def _cases(ctx: Context) -> list[tuple]:
    """Support cases with their stage history; returns the certified ones as
    (id, organisation, standard, certified on)."""
    rng = ctx.rng
    stage = Picker(
        rng,
        {
            CaseStage.REQUESTED: 8,
            CaseStage.ACCEPTED: 8,
            CaseStage.DIAGNOSTIC: 12,
            CaseStage.ACTION_PLAN: 12,
            CaseStage.IMPLEMENTATION: 15,
            CaseStage.INTERNAL_AUDIT: 8,
            CaseStage.CERTIFICATION_AUDIT: 7,
            CaseStage.CERTIFIED: 20,
            CaseStage.CLOSED: 10,
        },
    )
    kind = Picker(
        rng, {CaseKind.INITIAL.value: 75, CaseKind.RENEWAL.value: 20, CaseKind.TRANSITION.value: 5}
    )
    ecosystem = Picker(
        rng, {eid: len(members) for eid, members in ctx.active_smes.items() if members}
    )
    standard = _standard_pickers(ctx)
    first = ctx.writer.next_id("support_cases")
    first_transition = ctx.writer.next_id("case_transitions")
    transitions: list[tuple] = []
    certified: list[tuple] = []

    def rows() -> Iterator[tuple]:
        tid = first_transition
        for index in range(ctx.counts["support_cases"]):
            cid = first + index
            value = stage()
            eid = ecosystem()
            members = ctx.active_smes[eid]
            oid, _region = members[int(rng.random() * len(members))]
            opened = ctx.today - timedelta(days=30 + int(rng.random() * 900))
            if value == CaseStage.CLOSED:
                path = [*ORDER[: 1 + int(rng.random() * 5)], CaseStage.CLOSED]
            else:
                path = ORDER[: ORDER.index(value) + 1]
            gap = max(1, ((ctx.today - opened).days - 1) // len(path))
            moment = _midday(opened)
            previous = None
            for reached in path:
                transitions.append(
                    (
                        tid,
                        cid,
                        previous,
                        reached.value,
                        _ts(moment),
                        ctx.decider(eid),
                        words.CLOSING_REASONS[cid % len(words.CLOSING_REASONS)]
                        if reached == CaseStage.CLOSED
                        else "",
                    )
                )
                tid += 1
                previous = reached.value
                last_moment = moment
                moment += timedelta(days=1 + int(rng.random() * gap))
            last = transitions[-1][4]
            has_expert = value != CaseStage.REQUESTED and ctx.experts and rng.random() < 0.7
            std = standard[eid]()
            if value == CaseStage.CERTIFIED:
                certified.append((cid, oid, std, last_moment.date()))
            yield (
                cid,
                oid,
                eid,
                std,
                kind(),
                value.value,
                rng.choice(words.MOTIVATIONS),
                ctx.experts[int(rng.random() * len(ctx.experts))] if has_expert else None,
                1 if has_expert and rng.random() < 0.3 else 0,
                rng.choice(words.FUNDING) if value != CaseStage.REQUESTED else "",
                40 + 10 * int(rng.random() * 5) if value != CaseStage.REQUESTED else None,
                words.CLOSING_REASONS[cid % len(words.CLOSING_REASONS)]
                if value == CaseStage.CLOSED
                else "",
                _ts(_midday(opened)),
                last,
                None,
                1,
            )

    ctx.writer.insert(
        "support_cases",
        (
            *_names(
                "id organisation_id ecosystem_id standard_id kind stage motivation "
                "expert_id expert_may_contribute funding_programme cofinancing_rate "
                "closing_reason"
            ),
            *AUDITED,
        ),
        rows(),
    )
    ctx.writer.insert(
        "case_transitions",
        ("id", "case_id", "from_stage", "to_stage", "at", "actor_id", "comment"),
        transitions,
    )
    return certified


def _certificates(ctx: Context, certified: list[tuple]) -> None:
    rng = ctx.rng
    status = Picker(
        rng,
        {
            CertificateStatus.VALID: 88,
            CertificateStatus.SUSPENDED: 7,
            CertificateStatus.WITHDRAWN: 5,
        },
    )
    # How old: in force (0 to 32 months), expiring within three months, expired.
    age = Picker(rng, {"valid": 65, "expiring": 10, "expired": 25})
    ecosystem = Picker(
        rng, {eid: len(members) for eid, members in ctx.active_smes.items() if members}
    )
    standard = _standard_pickers(ctx)
    short = {sid: code.split("_")[-1].upper() for code, sid in ctx.standards.items()}
    first = ctx.writer.next_id("certificates")
    first_change = ctx.writer.next_id("certificate_status_changes")
    changes: list[tuple] = []
    activities = {
        ctx.ecosystems[slug]: [(a[2], a[3]) for a in items]
        for slug, items in words.ACTIVITIES.items()
    }

    def rows() -> Iterator[tuple]:
        for index in range(ctx.counts["certificates"]):
            cid = first + index
            value = status()
            if index < len(certified):
                case_id, oid, std, issued = certified[index]
                eid = None
            else:
                case_id = None
                eid = ecosystem()
                members = ctx.active_smes[eid]
                oid, _region = members[int(rng.random() * len(members))]
                std = standard[eid]()
                band = age()
                if band == "valid":
                    months_back = rng.random() * 32
                elif band == "expiring":
                    months_back = 33 + rng.random() * 2.9
                else:
                    months_back = 36.2 + rng.random() * 14
                issued = ctx.today - timedelta(days=int(months_back * 30.44))
            scope_fr, scope_ar = rng.choice(
                activities[eid] if eid else activities[next(iter(activities))]
            )
            stamp = _ts(_midday(issued))
            updated = stamp
            if value != CertificateStatus.VALID:
                changed = add_months(issued, 13 + int(rng.random() * 10))
                changed = min(changed, ctx.today - timedelta(days=1))
                updated = _ts(_midday(changed))
                changes.append(
                    (
                        first_change + len(changes),
                        cid,
                        CertificateStatus.VALID.value,
                        value.value,
                        updated,
                        None,
                        words.CERTIFICATE_REASONS[value.value],
                    )
                )
            number = f"QC-{short[std]}-{issued.year}-{cid:07d}"
            yield (
                cid,
                number,
                number_key(number),
                oid,
                std,
                ctx.certifiers[int(rng.random() * len(ctx.certifiers))],
                case_id,
                scope_fr,
                scope_ar,
                issued.isoformat(),
                value.value,
                stamp,
                updated,
                None,
                1,
            )

    ctx.writer.insert(
        "certificates",
        (
            *_names(
                "id number number_key organisation_id standard_id issuing_body_id case_id "
                "scope_fr scope_ar issued_on status"
            ),
            *AUDITED,
        ),
        rows(),
    )
    ctx.writer.insert(
        "certificate_status_changes",
        ("id", "certificate_id", "from_status", "to_status", "changed_at", "actor_id", "reason"),
        changes,
    )


def _conventions(ctx: Context) -> None:
    rng = ctx.rng
    status = Picker(
        rng,
        {
            ConventionStatus.IN_PROGRESS: 40,
            ConventionStatus.SIGNED: 15,
            ConventionStatus.COMPLETED: 20,
            ConventionStatus.DRAFT: 15,
            ConventionStatus.SUSPENDED: 5,
            ConventionStatus.TERMINATED: 5,
        },
    )
    kind = Picker(
        rng,
        {ConventionType.SPECIFIC: 60, ConventionType.PARTNERSHIP: 30, ConventionType.FRAMEWORK: 10},
    )
    commitment_status = Picker(rng, {s: 1 for s in CommitmentStatus})
    ids = {
        table: ctx.writer.next_id(table)
        for table in (
            *_names(
                "conventions convention_status_changes convention_parties commitments "
                "milestones indicators measurements"
            ),
        )
    }
    rows: dict[str, list[tuple]] = {table: [] for table in ids}

    def add(table: str, *values: Any) -> int:
        row_id = ids[table] + len(rows[table])
        rows[table].append((row_id, *values))
        return row_id

    region_names = {code: cities[0] for code, cities in words.CITIES.items()}
    for index in range(ctx.counts["conventions"]):
        slug = ECOSYSTEM_SLUGS[index % 2] if index < 2 else rng.choice(ECOSYSTEM_SLUGS)
        eid = ctx.ecosystems[slug]
        value = status()
        region = rng.choice(list(words.CITIES))
        _s, _a, activity, activity_ar = rng.choice(words.ACTIVITIES[slug])
        title_fr, title_ar = rng.choice(words.CONVENTION_TITLES)
        fmt = {
            "activity": activity.lower(),
            "activity_ar": activity_ar,
            "region": region_names[region][0],
            "region_ar": region_names[region][1],
        }
        drafted = ctx.today - timedelta(days=60 + int(rng.random() * 1100))
        signed = drafted + timedelta(days=20 + int(rng.random() * 60))
        if value == ConventionStatus.DRAFT:
            signed = None
        ends = (signed or drafted) + timedelta(days=365 * (2 + int(rng.random() * 3)))
        if value == ConventionStatus.COMPLETED:
            ends = min(ends, ctx.today - timedelta(days=10))
        path = {
            ConventionStatus.DRAFT: [ConventionStatus.DRAFT],
            ConventionStatus.SIGNED: [ConventionStatus.DRAFT, ConventionStatus.SIGNED],
            ConventionStatus.IN_PROGRESS: [
                ConventionStatus.DRAFT,
                ConventionStatus.SIGNED,
                ConventionStatus.IN_PROGRESS,
            ],
        }.get(
            value,
            [ConventionStatus.DRAFT, ConventionStatus.SIGNED, ConventionStatus.IN_PROGRESS, value],
        )
        created = _ts(_midday(drafted))
        reference = f"CV-{slug[:4].upper()}-{drafted.year}-{index + 1:05d}"
        budget = float(500_000 + 250_000 * int(rng.random() * 40))
        cid = add(
            "conventions",
            reference,
            title_fr.format(**fmt),
            title_ar.format(**fmt),
            "",
            "",
            eid,
            kind().value,
            signed.isoformat() if signed else None,
            signed.isoformat() if signed else None,
            ends.isoformat(),
            value.value,
            budget,
            created,
            created,
            None,
            1,
        )
        moment = _midday(drafted)
        previous = None
        for step in path:
            add("convention_status_changes", cid, previous, step.value, _ts(moment), None, "")
            previous = step.value
            moment = min(moment + timedelta(days=30 + int(rng.random() * 90)), _midday(ctx.today))
        parties = [
            (
                ctx.ministry_id,
                PartyRole.SIGNATORY,
                "Le Ministre de l'Industrie et du Commerce",
                "وزير الصناعة والتجارة",
            ),
            (
                ctx.lead_federation[eid],
                PartyRole.SIGNATORY,
                "Le Président de la fédération",
                "رئيس الجامعة",
            ),
        ]
        if ctx.partners and rng.random() < 0.5:
            partner = ctx.partners[int(rng.random() * len(ctx.partners))]
            parties.append((partner, PartyRole.PARTNER, "Le Directeur", "المدير"))
        party_ids = [
            add(
                "convention_parties",
                cid,
                org,
                role.value,
                "",
                fr,
                ar,
                "",
                "",
                created,
                created,
                None,
                1,
            )
            for org, role, fr, ar in parties
        ]
        for number, (fr, ar) in enumerate(rng.sample(words.COMMITMENTS, 2)):
            state = commitment_status()
            due = (signed or drafted) + timedelta(days=180 + 180 * number)
            done = min(due, ctx.today) if state == CommitmentStatus.DONE else None
            add(
                "commitments",
                cid,
                party_ids[number % len(party_ids)],
                fr,
                ar,
                due.isoformat(),
                state.value,
                done.isoformat() if done else None,
                created,
                created,
                None,
                1,
            )
        for number, (fr, ar) in enumerate(words.MILESTONES[: 2 + int(rng.random() * 3)]):
            due = (signed or drafted) + timedelta(days=120 * (number + 1))
            done = due + timedelta(days=int(rng.random() * 40) - 10)
            completed = done if done < ctx.today and rng.random() < 0.7 else None
            add(
                "milestones",
                cid,
                fr,
                ar,
                due.isoformat(),
                completed.isoformat() if completed else None,
                None,
                "Compte rendu du comité de pilotage" if completed else "",
                None,
                created,
                created,
                None,
                1,
            )
        name_fr, name_ar, unit_fr, unit_ar = rng.choice(words.INDICATORS)
        target = float(20 + 10 * int(rng.random() * 20))
        start = signed or drafted
        iid = add(
            "indicators",
            cid,
            name_fr,
            name_ar,
            unit_fr,
            unit_ar,
            0.0,
            start.isoformat(),
            target,
            ends.isoformat(),
            created,
            created,
            None,
            1,
        )
        for step in (1, 2):
            measured = start + timedelta(days=182 * step)
            if measured < ctx.today:
                add(
                    "measurements",
                    iid,
                    measured.isoformat(),
                    float(round(target * step * rng.random() / 2)),
                    "Rapport semestriel du comité de pilotage",
                    None,
                    created,
                    created,
                    None,
                )
    columns = {
        "conventions": (
            *_names(
                "reference title_fr title_ar summary_fr summary_ar ecosystem_id type "
                "signed_on effective_from ends_on status budget_mad"
            ),
            *AUDITED,
        ),
        "convention_status_changes": (
            *_names("convention_id from_status to_status changed_at actor_id comment"),
        ),
        "convention_parties": (
            *_names(
                "convention_id organisation_id role signatory_name signatory_title_fr "
                "signatory_title_ar contribution_fr contribution_ar"
            ),
            *AUDITED,
        ),
        "commitments": (
            *_names(
                "convention_id party_id description_fr description_ar due_date status completed_on"
            ),
            *AUDITED,
        ),
        "milestones": (
            *_names(
                "convention_id title_fr title_ar due_date completed_on completed_by_id "
                "evidence_note evidence_document_id"
            ),
            *AUDITED,
        ),
        "indicators": (
            *_names(
                "convention_id name_fr name_ar unit_fr unit_ar baseline baseline_date "
                "target target_date"
            ),
            *AUDITED,
        ),
        "measurements": (
            *_names(
                "indicator_id measured_on value source recorded_by_id created_at "
                "updated_at deleted_at"
            ),
        ),
    }
    for table, names in columns.items():
        ctx.writer.insert(table, ("id", *names), rows[table])


def _audit_entries(ctx: Context) -> None:
    rng = ctx.rng
    n = ctx.counts["audit_entries"]
    action = Picker(rng, {"insert": 55, "update": 40, "delete": 4, "restore": 1})
    tables = [
        table
        for table in (
            *_names(
                "organisations memberships training_needs support_cases certificates conventions"
            ),
        )
        if ctx.writer.counts.get(table)
    ]
    entity = Picker(rng, {table: ctx.writer.counts[table] for table in tables})
    firsts = {}
    for table in tables:
        firsts[table] = ctx.writer.next_id(table) - ctx.writer.counts[table]
    start = datetime.combine(ctx.today - timedelta(days=730), datetime.min.time(), UTC)
    span = 730 * 86400
    offsets = sorted(int(rng.random() * span) for _ in range(n))
    first = ctx.writer.next_id("audit_entries")
    users = ctx.user_ids
    status_changes = {
        "organisations": ("city", "Casablanca", "Mohammédia"),
        "memberships": ("status", "requested", "active"),
        "training_needs": ("status", "submitted", "validated"),
        "support_cases": ("stage", "diagnostic", "action_plan"),
        "certificates": ("status", "valid", "suspended"),
        "conventions": ("status", "signed", "in_progress"),
    }

    def rows() -> Iterator[tuple]:
        for index, offset in enumerate(offsets):
            moment = start + timedelta(seconds=offset)
            table = entity()
            entity_id = firsts[table] + int(rng.random() * ctx.writer.counts[table])
            verb = action()
            column, before, after = status_changes[table]
            if verb == "insert":
                changes = {column: [None, before], "id": [None, entity_id]}
            elif verb == "update":
                changes = {column: [before, after]}
            elif verb == "delete":
                changes = {"deleted_at": [None, moment.isoformat()]}
            else:
                changes = {"deleted_at": [moment.isoformat(), None]}
            yield (
                first + index,
                _ts(moment),
                users[int(rng.random() * len(users))] if users and rng.random() < 0.95 else None,
                verb,
                table,
                str(entity_id),
                json.dumps(changes, ensure_ascii=False),
                f"10.{index % 256}.{int(rng.random() * 256)}.{1 + int(rng.random() * 254)}",
            )

    ctx.writer.insert(
        "audit_entries",
        (*_names("id occurred_at actor_id action entity_type entity_id changes ip_address"),),
        rows(),
    )


# What complaints concern (weights): the portal itself, an ecosystem (its lead federation
# answers), a federation, a held training session (its institute answers, the session's
# ecosystem escalates), an institute or a body (straight to the ministry once late).
COMPLAINT_TARGETS = {
    "portal": 2,
    "ecosystem": 15,
    "federation": 5,
    "session": 30,
    "organisation": 48,
}
# Of the complaints about an institute or a body, the share that goes to the seed's (the
# national bodies and institutes, which the demo accounts answer for: their lists are busy).
SEED_PARTNERS_SHARE = 0.25
ANSWERED_SHARE = 0.85
# An open complaint is within its answer date, overdue (with the lead federation), or past
# the ministry's date.
OPEN_STATES = {"in time": 55, "overdue": 25, "ministry": 20}
FILED_DAYS = 730  # filed over the last two years


def _complaint_days() -> tuple[int, int]:
    """Days to answer, and days with the lead federation before the ministry (the app's
    settings when there is an app, else their defaults)."""
    config = current_app.config if has_app_context() else {}
    return config.get("COMPLAINT_RESPONSE_DAYS", 15), config.get("COMPLAINT_ESCALATION_DAYS", 7)


def _complaints(ctx: Context) -> None:
    """Complaints and suggestions filed over the last two years with the organisations that
    answer them: about 85 % answered (mostly within 1 to 20 days), each with its answer; the
    rest open, most within their answer date, some overdue, some past the ministry's date.
    Generated companies have no users: each is written as through the contact form (a name
    and an address, no requester), so none is rated."""
    rng, today = ctx.rng, ctx.today
    response_days, escalation_days = _complaint_days()
    target = Picker(rng, COMPLAINT_TARGETS)
    sector = Picker(
        rng, {ctx.ecosystems["automobile"]: 55, ctx.ecosystems["chimie-parachimie"]: 45}
    )
    kind = Picker(rng, {ComplaintKind.COMPLAINT: 70, ComplaintKind.SUGGESTION: 30})
    category = Picker(
        rng,
        {
            ComplaintCategory.SERVICE_QUALITY: 30,
            ComplaintCategory.DELAY: 25,
            ComplaintCategory.INFORMATION: 20,
            ComplaintCategory.RECEPTION: 8,
            ComplaintCategory.COST: 7,
            ComplaintCategory.OTHER: 10,
        },
    )
    open_state = Picker(rng, OPEN_STATES)
    held = sorted(ctx.held_sessions, key=lambda session: session[3])
    starts = [session[3] for session in held]
    partners = ctx.partners or ctx.seed_partners
    seed_partners = ctx.seed_partners or partners
    smes = [org[0] for org in ctx.orgs if org[1] == OrganisationKind.SME] or [ctx.ministry_id]
    first = ctx.writer.next_id("complaints")
    first_message = ctx.writer.next_id("complaint_messages")
    messages: list[tuple] = []

    def answer_days() -> int:
        if rng.random() < 0.93:
            return 1 + min(19, int(rng.expovariate(1 / 6)))
        return 21 + int(rng.random() * 25)

    def session_before(filed: date) -> tuple | None:
        """A session held in the three months before the day (or any earlier one)."""
        high = bisect.bisect_right(starts, filed)
        low = bisect.bisect_left(starts, filed - timedelta(days=90), 0, high)
        if high == 0:
            return None
        low = low if low < high else 0
        return held[low + int(rng.random() * (high - low))]

    def rows() -> Iterator[tuple]:
        mid = first_message
        for index in range(ctx.counts["complaints"]):
            cid = first + index
            answered = rng.random() < ANSWERED_SHARE
            days = answer_days() if answered else None
            if days is not None:
                ago = days + int(rng.random() * (FILED_DAYS - days))
            else:
                state = open_state()
                if state == "in time":
                    ago = int(rng.random() * (response_days + 1))
                elif state == "overdue":
                    ago = response_days + 1 + int(rng.random() * escalation_days)
                else:
                    ago = response_days + escalation_days + 1
                    ago += min(FILED_DAYS - ago, int(rng.expovariate(1 / 40)))
            filed = today - timedelta(days=ago)
            about = target()
            session = session_before(filed) if about == "session" else None
            if about == "session" and session is None:
                about = "organisation"
            if about == "portal":
                what, target_id, handler, eid = ComplaintTarget.PORTAL, None, None, None
            elif about in ("ecosystem", "federation"):
                eid = sector()
                handler = ctx.lead_federation[eid]
                if about == "ecosystem":
                    what, target_id = ComplaintTarget.ECOSYSTEM, eid
                else:
                    what, target_id = ComplaintTarget.ORGANISATION, handler
            elif session is not None:
                what, (target_id, handler, eid, _start) = ComplaintTarget.TRAINING_SESSION, session
            else:
                pool = seed_partners if rng.random() < SEED_PARTNERS_SHARE else partners
                handler = pool[int(rng.random() * len(pool))]
                what, target_id, eid = ComplaintTarget.ORGANISATION, handler, None
            due = filed + timedelta(days=response_days)
            lead = ctx.lead_federation.get(eid) if eid is not None else None
            ministry = ministry_date(due, has_federation_level(handler, lead), escalation_days)
            staff = ctx.handlers.get(handler)
            assignee = staff[int(rng.random() * len(staff))] if staff else None
            answered_on = closed_on = None
            if days is not None:
                answered_on = filed + timedelta(days=days)
                closing = 0.8 if (today - answered_on).days > 30 else 0.3
                if rng.random() < closing:
                    status = ComplaintStatus.CLOSED
                    closed_on = min(today, answered_on + timedelta(days=1 + int(rng.random() * 7)))
                else:
                    status = ComplaintStatus.ANSWERED
            elif assignee is not None and rng.random() < 0.5:
                status = ComplaintStatus.IN_PROGRESS
            else:
                status, assignee = ComplaintStatus.RECEIVED, None
            group = category()
            language = "ar" if rng.random() < 0.3 else "fr"
            subject_fr, text_fr, subject_ar, text_ar = rng.choice(words.COMPLAINTS[group.value])
            first_fr, first_ar = rng.choice(words.FIRST_NAMES)
            family_fr, family_ar = rng.choice(words.FAMILIES)
            arabic = language == "ar"
            sme = smes[int(rng.random() * len(smes))]
            created = _ts(ctx.moment_on(filed))
            if answered_on is not None:
                text_answer = rng.choice(words.COMPLAINT_ANSWERS)[1 if arabic else 0]
                messages.append(
                    (
                        mid,
                        cid,
                        assignee,
                        "answer",
                        text_answer,
                        answered_on.isoformat(),
                        _ts(_midday(answered_on)),
                        _ts(_midday(answered_on)),
                    )
                )
                mid += 1
            yield (
                cid,
                f"R-{filed.year}-{cid:06d}",
                kind().value,
                group.value,
                subject_ar if arabic else subject_fr,
                text_ar if arabic else text_fr,
                what.value,
                target_id,
                handler,
                eid,
                None,
                f"{first_ar} {family_ar}" if arabic else f"{first_fr} {family_fr}",
                f"qualite@org{sme}.{MARKER_DOMAIN}",
                language,
                status.value,
                1 if answered_on is not None else 0,
                assignee,
                filed.isoformat(),
                due.isoformat(),
                ministry.isoformat(),
                answered_on.isoformat() if answered_on else None,
                days,
                closed_on.isoformat() if closed_on else None,
                0,
                None,
                created,
                _ts(_midday(closed_on or answered_on)) if answered_on else created,
                None,
                1,
            )

    ctx.writer.insert(
        "complaints",
        (
            *_names(
                "id reference kind category subject text target target_id handler_id "
                "ecosystem_id requester_id contact_name contact_email language status is_closed "
                "assignee_id filed_on due_on ministry_on answered_on answer_days closed_on "
                "reopened rating"
            ),
            *AUDITED,
        ),
        rows(),
    )
    ctx.writer.insert(
        "complaint_messages",
        _names("id complaint_id author_id kind text written_on created_at updated_at"),
        messages,
    )


# --- satisfaction surveys -----------------------------------------------------------------

# The surveys answered: the programme's after a training session (the migration makes it),
# one annual survey per ecosystem and the programme's after a service request (the demo seed
# makes the automotive ecosystem's and the programme's). One survey is active per occasion
# and ecosystem: the active one is used where there is one, the others are made, active.
SURVEYS = {
    SurveyOccasion.TRAINING_SESSION: (
        ("Évaluation des sessions de formation", "تقييم الدورات التكوينية"),
        [
            (QuestionKind.RATING, "Votre satisfaction globale", "رضاكم العام", [], True),
            (QuestionKind.RATING, "Le contenu de la formation", "محتوى التكوين", [], False),
            (QuestionKind.RATING, "Le formateur", "المكوّن", [], False),
            (QuestionKind.TEXT, "Commentaire", "تعليق", [], False),
        ],
    ),
    SurveyOccasion.ANNUAL: (
        ("Enquête annuelle des membres", "الاستطلاع السنوي للأعضاء"),
        [(*question, question[0] == QuestionKind.RATING) for question in ANNUAL_QUESTIONS],
    ),
    SurveyOccasion.SERVICE_REQUEST: (
        ("Votre avis sur la prestation", "رأيكم في الخدمة"),
        [(*question, question[0] == QuestionKind.RATING) for question in REQUEST_QUESTIONS],
    ),
}
# Companies trained in the held sessions invited to evaluate them, at most (scale 1).
SESSION_INVITATIONS = 150_000
ANNUAL_DAY = (1, 15)  # the annual surveys are sent on 15 January
SURVEY_ANSWERED_SHARE = 0.6
SURVEY_TEXT_SHARE = 0.15  # answers with a free text
SURVEY_SKIPPED_SHARE = 0.1  # optional ratings and choices left blank
RATING_WEIGHTS = {5: 27, 4: 38, 3: 23, 2: 8, 1: 4}


@dataclass(frozen=True)
class Asked:
    """A survey question as the generator answers it."""

    id: int
    kind: QuestionKind
    choices: int
    required: bool


def _active_surveys(
    ctx: Context, wanted: list[tuple[SurveyOccasion, int | None]]
) -> dict[tuple[SurveyOccasion, int | None], tuple[int, list[Asked]]]:
    """The active survey of each (occasion, ecosystem) wanted — None: the programme's — with
    its questions; those missing are made, active, with the questions of ``SURVEYS``."""
    connection = ctx.writer.connection
    found: dict[tuple[SurveyOccasion, int | None], int] = {}
    made: list[tuple] = []
    questions: list[tuple] = []
    next_survey = ctx.writer.next_id("surveys")
    next_question = ctx.writer.next_id("survey_questions")
    stamp = _ts(_midday(ctx.today - timedelta(days=760)))
    for occasion, ecosystem_id in wanted:
        survey_id = connection.execute(
            select(Survey.id)
            .where(
                Survey.occasion == occasion,
                Survey.active.is_(True),
                Survey.deleted_at.is_(None),
                Survey.ecosystem_id.is_(None)
                if ecosystem_id is None
                else Survey.ecosystem_id == ecosystem_id,
            )
            .order_by(Survey.id.desc())
            .limit(1)
        ).scalar()
        if survey_id is None:
            survey_id = next_survey + len(made)
            (title_fr, title_ar), asked = SURVEYS[occasion]
            survey = (survey_id, occasion.value, ecosystem_id, title_fr, title_ar, 1, None)
            made.append((*survey, stamp, stamp, None, 1))
            for position, (kind, label_fr, label_ar, choices, required) in enumerate(asked):
                questions.append(
                    (
                        next_question + len(questions),
                        survey_id,
                        position + 1,
                        kind.value,
                        label_fr,
                        label_ar,
                        json.dumps(choices),
                        1 if required else 0,
                        stamp,
                        stamp,
                    )
                )
        found[(occasion, ecosystem_id)] = survey_id
    if made:
        ctx.writer.insert(
            "surveys",
            (*_names("id occasion ecosystem_id title_fr title_ar active owner_id"), *AUDITED),
            made,
        )
        ctx.writer.insert(
            "survey_questions",
            _names(
                "id survey_id position kind label_fr label_ar choices required "
                "created_at updated_at"
            ),
            questions,
        )
    surveys = {}
    for key, survey_id in found.items():
        rows = connection.execute(
            select(
                SurveyQuestion.id,
                SurveyQuestion.kind,
                SurveyQuestion.choices,
                SurveyQuestion.required,
            )
            .where(SurveyQuestion.survey_id == survey_id, SurveyQuestion.deleted_at.is_(None))
            .order_by(SurveyQuestion.position, SurveyQuestion.id)
        )
        asked = [
            Asked(question_id, QuestionKind(kind), len(choices or []), bool(required))
            for question_id, kind, choices, required in rows
        ]
        surveys[key] = (survey_id, asked)
    return surveys


def _surveys(ctx: Context) -> None:
    """Invitations to the satisfaction surveys and their answers: the companies trained in
    each held session (a need it fulfilled), invited the day after it ended (at most
    150,000), and the organisations that were active members on 15 January of last year
    and of this year invited to their ecosystem's annual survey of that year (once a year,
    in their first ecosystem, as ``services.surveys.send_annual`` does), each announced.
    About 60 % answered within days (never after today, nor after the 60 days an invitation
    stays open): ratings mostly 3 to 5, every choice, a free text in about 15 % of them.
    The seed's invitations are left as they are; the generated service requests keep their
    closing ratings on the requests (none is invited to the after-request survey)."""
    rng, today = ctx.rng, ctx.today
    programme = [(SurveyOccasion.TRAINING_SESSION, None), (SurveyOccasion.SERVICE_REQUEST, None)]
    annual = [(SurveyOccasion.ANNUAL, eid) for eid in ctx.ecosystems.values()]
    surveys = _active_surveys(ctx, [*programme, *annual])
    survey_of = {
        (occasion, eid): survey_id
        for (occasion, eid), (survey_id, _asked) in surveys.items()
        if occasion != SurveyOccasion.SERVICE_REQUEST
    }
    held = {sid: (institute, eid) for sid, institute, eid, _start in ctx.held_sessions}
    trained = sorted(set(ctx.trained))
    cap = max(1, round(SESSION_INVITATIONS * ctx.scale))
    if len(trained) > cap:
        trained = rng.sample(trained, cap)
    trained.sort(key=lambda pair: (ctx.session_ends[pair[0]], pair))

    # (invited on, announced on, occasion, subject, organisation, service, ecosystem), each
    # in the order of the invitation day.
    def after_sessions() -> Iterator[tuple]:
        for sid, oid in trained:
            institute, eid = held[sid]
            invited = ctx.session_ends[sid] + timedelta(days=1)
            yield invited, invited, SurveyOccasion.TRAINING_SESSION, sid, oid, institute, eid

    def every_year() -> Iterator[tuple]:
        members = sorted(ctx.active_members)  # by organisation, then ecosystem
        for year in (today.year - 1, today.year):
            sent = min(date(year, *ANNUAL_DAY), today)
            told = min(sent + timedelta(days=1), today)
            invited = None
            for oid, eid, since in members:
                if since <= sent and oid != invited:
                    invited = oid
                    yield (
                        sent,
                        told,
                        SurveyOccasion.ANNUAL,
                        year,
                        oid,
                        ctx.lead_federation[eid],
                        eid,
                    )

    first = ctx.writer.next_id("survey_invitations")
    answered: list[tuple[int, int, bool]] = []  # invitation, survey, in Arabic

    def invitations() -> Iterator[tuple]:
        merged = heapq.merge(after_sessions(), every_year(), key=lambda spec: spec[0])
        for index, (invited, told, occasion, subject, oid, service, eid) in enumerate(merged):
            iid = first + index
            survey_id = survey_of[
                (occasion, None if occasion == SurveyOccasion.TRAINING_SESSION else eid)
            ]
            answered_on = None
            if rng.random() < SURVEY_ANSWERED_SHARE:
                day = invited + timedelta(days=min(59, int(rng.expovariate(1 / 7))))
                if day <= today:
                    answered_on = day
                    answered.append((iid, survey_id, rng.random() < 0.3))
            created = _midday_ts(invited)
            yield (
                iid,
                survey_id,
                occasion.value,
                subject,
                oid,
                None,
                service,
                eid,
                invited.isoformat(),
                told.isoformat(),
                answered_on.isoformat() if answered_on else None,
                created,
                _midday_ts(answered_on) if answered_on else created,
            )

    ctx.writer.insert(
        "survey_invitations",
        _names(
            "id survey_id occasion subject_id organisation_id user_id service_id ecosystem_id "
            "invited_on notified_on answered_on created_at updated_at"
        ),
        invitations(),
    )
    asked = {survey_id: questions for survey_id, questions in surveys.values()}
    comments = {
        survey_id: words.SURVEY_COMMENTS.get(occasion.value, words.SURVEY_COMMENTS["annual"])
        for (occasion, _eid), (survey_id, _questions) in surveys.items()
    }
    rating = Picker(rng, RATING_WEIGHTS)
    counts = sorted({q.choices for questions in asked.values() for q in questions if q.choices})
    # Every choice is chosen, the first ones a little more often.
    choose = {n: Picker(rng, {i: n + 2 - i for i in range(n)}) for n in counts}
    first_answer = ctx.writer.next_id("survey_answers")

    def answers() -> Iterator[tuple]:
        aid = first_answer
        for iid, survey_id, arabic in answered:
            for question in asked[survey_id]:
                value = None, None, None
                if question.kind == QuestionKind.TEXT:
                    if rng.random() < SURVEY_TEXT_SHARE:
                        value = None, None, rng.choice(comments[survey_id])[1 if arabic else 0]
                elif question.required or rng.random() >= SURVEY_SKIPPED_SHARE:
                    if question.kind == QuestionKind.RATING:
                        value = rating(), None, None
                    elif question.choices:
                        value = None, choose[question.choices](), None
                if value != (None, None, None):
                    yield (aid, iid, question.id, *value)
                    aid += 1

    ctx.writer.insert(
        "survey_answers",
        _names("id invitation_id question_id rating choice text"),
        answers(),
    )


def generate(
    connection: Connection,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    log: Callable[[str], None] = lambda _line: None,
) -> dict[str, int]:
    """Write the national-scale rows in the connection's transaction (the caller commits);
    returns the number of rows written per table."""
    if scale <= 0:
        raise GenerateError("The scale must be greater than 0.")
    if today is None:
        from portal import clock

        today = clock.today()
    writer = Writer(connection, log)
    ctx = _context(connection, random.Random(seed), today, writer, scale)
    started = time.monotonic()
    _organisations(ctx)
    _memberships(ctx)
    sessions = _offers_and_sessions(ctx)
    _needs(ctx, sessions)
    certified = _cases(ctx)
    _certificates(ctx, certified)
    _conventions(ctx)
    _audit_entries(ctx)
    _complaints(ctx)
    service_requests(ctx)
    _surveys(ctx)
    generate_catalogue.write(ctx, MARKER_DOMAIN)  # who offers what, infrastructure needs
    writer.fix_sequences()
    started_summaries = time.monotonic()
    rebuild_demand_summary(connection)  # the needs were written with Core, not the services
    log(f"  {'demand summary':<28} {'':>9}      {time.monotonic() - started_summaries:7.1f} s")
    forget_all(connection)  # figures cached before (Redis keeps them) are not served again
    analysed = time.monotonic()
    connection.execute(text("ANALYZE"))
    log(f"  {'ANALYZE':<28} {'':>9}      {time.monotonic() - analysed:7.1f} s")
    total = sum(writer.counts.values())
    log(f"  {'total':<28} {total:>9,} rows {time.monotonic() - started:7.1f} s")
    return dict(writer.counts)
