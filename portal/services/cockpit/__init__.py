"""The programme's dashboards (issue 13): the ministry's cockpit over every ecosystem, side by
side, and a federation's dashboard over the ecosystems it leads — one read-model, scoped by
``portal.authz.dashboards``, filtered by ecosystem, region and period.

Each part (members, training, certification, answers, conventions) is computed by grouped
SQL (``figures``, ``conventions``) and kept in the cache (``services.cache.View``: shared by
the workers when Redis is configured) until a table it read changes; a dashboard served from
the cache reads the tables' tokens and the ecosystems, whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.authz.dashboards import monitors_programme, visible_dashboard_ecosystems
from portal.models import CaseStage, Ecosystem, OrganisationKind
from portal.models.reference import REGION_CODES
from portal.services.cache import View
from portal.services.cockpit import conventions as convention_figures
from portal.services.cockpit import figures
from portal.services.cockpit.periods import (
    Period,
    chosen_period,
    last_complete_quarter,
    offered_periods,
    period_of_key,
)

__all__ = [
    "Dashboard",
    "Filters",
    "Period",
    "dashboard",
    "filters_for",
    "last_complete_quarter",
    "offered_periods",
    "period_of_key",
]

PARTS = {
    "members": View("cockpit-members"),
    "training": View("cockpit-training"),
    "certification": View("cockpit-certification"),
    "answers": View("cockpit-answers"),
    "conventions": View("cockpit-conventions", types=convention_figures.TYPES),
}
# The kinds of member the dashboards count, in this order.
MEMBER_KINDS = (
    OrganisationKind.SME,
    OrganisationKind.PUBLIC_BODY,
    OrganisationKind.INSTITUTE,
    OrganisationKind.INFRASTRUCTURE,
    OrganisationKind.FEDERATION,
)

# The certificates' states counted (services.cockpit.figures), with their labels.
CERTIFICATE_STATES = tuple(
    zip(
        figures.CERTIFICATE_STATES,
        (
            _l("In force"),
            _l("In force, expiring within 90 days"),
            _l("In force, surveillance audit overdue"),
            _l("Expired"),
            _l("Suspended"),
            _l("Withdrawn"),
            _l("Awaiting confirmation by the issuing body"),
        ),
        strict=True,
    )
)


def stage_labels() -> dict[str, str]:
    """The support cases' stages, in their order, with their labels."""
    return {stage.value: str(stage.label) for stage in CaseStage}


@dataclass
class Filters:
    """What a dashboard shows: the ecosystems the user may see and those chosen among them,
    a region (empty: every one) and a period."""

    ecosystems: list[Ecosystem]
    chosen: list[Ecosystem]
    region: str
    period: Period
    programme: bool  # the user monitors every ecosystem (the cockpit)

    @property
    def ecosystem_ids(self) -> tuple[int, ...]:
        return tuple(e.id for e in self.chosen)

    @property
    def chosen_slug(self) -> str:
        """The slug of the one ecosystem chosen among several, else empty."""
        return self.chosen[0].slug if len(self.chosen) == 1 < len(self.ecosystems) else ""

    def key(self, today: date) -> tuple[str, ...]:
        """What the figures depend on, for a cache: the ecosystems, region, period, day and
        whether they are the programme's (the complaints about it as a whole)."""
        return (
            "-".join(map(str, self.ecosystem_ids)) or "none",
            self.region or "all",
            self.period.key,
            str(today),
            "programme" if self.programme else "ecosystems",
        )

    def args(self, **changes: str) -> dict[str, str]:
        """The query string of these filters (for links, exports and the report)."""
        args = {"ecosystem": self.chosen_slug, "region": self.region, "period": self.period.key}
        args.update(changes)
        return {key: value for key, value in args.items() if value}


def filters_for(user: Any, args: Mapping[str, str], today: date) -> Filters:
    """The filters a request asks for, kept within what the user may see: an unknown
    ecosystem, region or period falls back to every ecosystem, every region, the current
    quarter."""
    ecosystems = visible_dashboard_ecosystems(user)
    slug = args.get("ecosystem", "")
    chosen = [e for e in ecosystems if e.slug == slug] or ecosystems
    region = args.get("region", "")
    return Filters(
        ecosystems=ecosystems,
        chosen=chosen,
        region=region if region in REGION_CODES else "",
        period=chosen_period(args.get("period"), today),
        programme=monitors_programme(user),
    )


@dataclass
class Dashboard:
    """The figures of a dashboard, per ecosystem (keys: the ecosystem's id as text)."""

    filters: Filters
    today: date
    members: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    certification: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    conventions: dict[str, Any] = field(default_factory=dict)

    def of(self, part: str, ecosystem: Ecosystem) -> dict[str, Any]:
        """One ecosystem's figures of a part (empty when it has none)."""
        found = getattr(self, part)
        found = found.get("ecosystems", found) if part in ("members", "conventions") else found
        return found.get(str(ecosystem.id), {})

    def total(self, part: str, name: str) -> int:
        """A figure summed over the chosen ecosystems."""
        return sum(self.of(part, e).get(name, 0) for e in self.filters.chosen)

    def total_of(self, part: str, mapping: str, key: str) -> int:
        """A figure of a mapping (``by_kind``, ``by_stage``) summed over the ecosystems."""
        return sum(self.of(part, e).get(mapping, {}).get(key, 0) for e in self.filters.chosen)

    @property
    def programme_complaints(self) -> dict[str, int]:
        """The complaints about the programme as a whole (shown in the cockpit only)."""
        return self.answers.get("0", {}) if self.filters.programme else {}

    def complaints_total(self, name: str) -> int:
        return self.total("answers", name) + self.programme_complaints.get(name, 0)

    @property
    def members_by_region(self) -> dict[str, dict[str, int]]:
        """Organisations that are active members of a chosen ecosystem, each once, by region
        and kind."""
        return self.members.get("by_region", {})

    def region_total(self, region: str) -> int:
        return sum(self.members_by_region.get(region, {}).values())

    @property
    def organisations(self) -> int:
        """Organisations active in a chosen ecosystem, each once."""
        return sum(self.region_total(region) for region in self.members_by_region)

    def conventions_total(self, name: str) -> int:
        return self.total("conventions", name)

    @property
    def mean_progress(self) -> float:
        """The mean progress of the running conventions of the chosen ecosystems."""
        running = self.conventions_total("running")
        if not running:
            return 0.0
        return (
            sum(
                self.of("conventions", e).get("progress", 0.0)
                * self.of("conventions", e).get("running", 0)
                for e in self.filters.chosen
            )
            / running
        )


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` between 0 and 1 (None when nothing is counted)."""
    return part / whole if whole else None


def dashboard(filters: Filters, today: date) -> Dashboard:
    """The figures for the filters on ``today``, each part from the cache while the tables
    it read are unchanged."""
    ids = filters.ecosystem_ids
    key = filters.key(today)[:4]
    period, region = filters.period, filters.region
    if not ids:
        return Dashboard(filters, today)
    return Dashboard(
        filters,
        today,
        members=PARTS["members"].get(key, lambda: figures.members(ids, region, period)),
        training=PARTS["training"].get(key, lambda: figures.training(ids, region, period)),
        certification=PARTS["certification"].get(
            key, lambda: figures.certification(ids, region, period, today)
        ),
        answers=PARTS["answers"].get(key, lambda: figures.answers(ids, region, period, today)),
        conventions=PARTS["conventions"].get(
            key[:1] + key[2:], lambda: convention_figures.conventions(ids, period, today)
        ),
    )
