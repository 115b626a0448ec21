"""A consultant's work queue: the open support cases the consulting firm is assigned to, those
where the beneficiary's part is pending first (that is where the firm helps), with the step
pending on each; and the shortcuts to the firm's cases and profile."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import literal_column, select

from portal.authz import Permission, assigned_firm_scope, has_permission
from portal.i18n import localized
from portal.models import SupportCase
from portal.services.work_queue import cases
from portal.services.work_queue.base import (
    Item,
    Link,
    Section,
    bounded_count,
    first_rows,
    load_in_order,
)


def pending_step(case: SupportCase, federation_moves: bool) -> tuple[str, str]:
    """What is pending on a case the firm supports, and the page where it is done."""
    if federation_moves:
        return _("The federation moves the case on"), url_for("certification.case", case_id=case.id)
    if case.stage in cases.SELF_ASSESSMENT:
        return _("The self-assessment (diagnostic) is to be filled in"), url_for(
            "certification.diagnostics", case_id=case.id
        )
    if case.stage == cases.S.ACTION_PLAN:
        return _("The action plan is to be drafted"), url_for(
            "certification.action_plan", case_id=case.id
        )
    return _("The actions of the plan are to be carried out"), url_for(
        "certification.action_plan", case_id=case.id
    )


def firm_cases(user: Any) -> Section:
    """The open cases the user's firm is assigned to: those where the beneficiary's part is
    pending first, then those waiting for the federation, the most recently changed first."""
    where = (assigned_firm_scope(user), cases.open_case())
    total = bounded_count(select(SupportCase.id).where(*where))
    theirs = cases.federation_turn()
    first = first_rows(
        [
            select(literal_column(str(rank)).label("rank"), SupportCase.updated_at, SupportCase.id)
            .where(*where, turn)
            .order_by(SupportCase.updated_at.desc(), SupportCase.id.desc())
            for rank, turn in ((1, ~theirs), (0, theirs))
        ],
        descending=True,
    )
    federation_moves = {row[-1]: row[0] == 0 for row in first}
    items = []
    for case in load_in_order(select(SupportCase), [row[-1] for row in first]):
        moves = federation_moves[case.id]
        step, href = pending_step(case, moves)
        items.append(
            Item(
                title=(f"{localized(case.organisation, 'name')} — {case.standard.reference}"),
                href=href,
                context=case.stage.label,
                step=step,
                # i18n: badge of a support case on a consultant's home: whose move it is
                badge=_("With the federation") if moves else _("Work pending"),
                tone="secondary" if moves else "warning",
            )
        )
    return Section(
        key="firm_cases",
        title=_("The support cases of your firm"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_(
            "No open support case is assigned to your firm. The federation of an ecosystem "
            "assigns firms to the cases it runs; you will be notified."
        ),
        more=[Link(_("All the cases of your firm"), url_for("certification.cases"))],
    )


def consultant_sections(user: Any) -> list[Section]:
    """The consultant's queue, shown when the permission is held."""
    if has_permission(user, Permission.CONSULT_ON_CASES):
        return [firm_cases(user)]
    return []


def consultant_shortcuts(user: Any) -> list[Link]:
    """What a consultant opens from the home."""
    links = []
    if has_permission(user, Permission.CONSULT_ON_CASES):
        links.append(Link(_("The support cases of your firm"), url_for("certification.cases")))
    links.append(
        Link(
            _("Your organisation's profile"),
            url_for("organisations.show", organisation_id=user.organisation_id),
        )
    )
    return links
