"""A quality infrastructure body's work queue: requests waiting for its answer against their
15-day deadline, the certificates federations recorded as issued by it (to confirm), and the
surveillance audits due on the certificates it issued."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.authz import (
    Permission,
    certificate_scope,
    has_permission,
    issues_certificates,
)
from portal.extensions import db
from portal.i18n import localized
from portal.models import (
    Certificate,
    CertificateStatus,
    ServiceKind,
    ServiceRequestStatus,
    add_months,
)
from portal.models.certification import SURVEILLANCE_MONTHS
from portal.models.reference import region_label
from portal.services import service_demand
from portal.services.certification import last_issue_expired_by
from portal.services.certification.surveillance import issued_by, surveillance_held
from portal.services.service_catalogue import fields_by_id
from portal.services.work_queue import requests
from portal.services.work_queue.base import (
    SHOWN,
    Bounded,
    Item,
    Link,
    Section,
    bounded_count,
    days_between,
)

# A surveillance audit enters the body's queue this many days before it is due.
SURVEILLANCE_HORIZON_DAYS = 60


def requests_to_answer(user: Any, today: date) -> Section:
    """Requests addressed to the body and not answered yet: overdue first, then the nearest
    deadline (the first answer is due 15 days after the request)."""
    waiting = requests.open_requests(user, today)
    found = waiting.first
    items = []
    for request in found:
        days = days_between(today, request.respond_by)
        items.append(
            Item(
                title=request.subject,
                href=url_for("service_requests.show", request_id=request.id),
                context=f"{localized(request.organisation, 'name')} · {request.kind.label}",
                badge=_("Overdue") if days < 0 else request.status.label,
                tone="danger" if days < 0 else ("warning" if days <= 3 else "secondary"),
                when=request.respond_by,
                when_kind="answer_due",
                days=days,
            )
        )
    # The submitted requests first (the body has not even accepted them), then the accepted.
    more = waiting.status_links(first=ServiceRequestStatus.SUBMITTED)
    if waiting.overdue.count:
        more.insert(
            0,
            Link(
                _("Overdue"),
                url_for("service_requests.index", status="overdue"),
                waiting.overdue.count,
                waiting.overdue.capped,
            ),
        )
    return Section(
        key="requests_to_answer",
        title=_("Requests waiting for your answer"),
        total=waiting.total.count,
        capped=waiting.total.capped,
        items=items,
        empty=_("No request is waiting for your answer."),
        more=more,
    )


def requests_to_deliver(user: Any, today: date) -> Section:
    """Requests whose quote the company accepted (work to deliver) or declined (a revised
    quote to send, or the request to decline)."""
    waiting = requests.open_requests(user, today, requests.BODY_TURN)
    items = [
        Item(
            title=request.subject,
            href=url_for("service_requests.show", request_id=request.id),
            context=f"{localized(request.organisation, 'name')} · {request.kind.label}",
            badge=request.status.label,
            tone="warning"
            if request.status == ServiceRequestStatus.QUOTE_DECLINED
            else "secondary",
        )
        for request in waiting.first
    ]
    return Section(
        key="requests_to_deliver",
        title=_("Requests to deliver, or whose quote to revise"),
        total=waiting.total.count,
        capped=waiting.total.capped,
        items=items,
        empty=_("No request is waiting for your delivery or a revised quote."),
        more=waiting.status_links(),
    )


def surveillance_due(user: Any, today: date) -> Section:
    """Valid certificates the body issued whose surveillance audit (12 or 24 months after
    issue) is due within 60 days or overdue, unless that audit is recorded (on the
    certificate or its case). An overdue audit stays until the next one's window opens; the
    second until expiry."""
    first, second = SURVEILLANCE_MONTHS
    horizon = today + timedelta(days=SURVEILLANCE_HORIZON_DAYS)
    first_window, second_window = issued_by(horizon, first), issued_by(horizon, second)
    done = surveillance_held()
    base = (
        certificate_scope(user),
        Certificate.status == CertificateStatus.VALID,
        Certificate.issued_on > last_issue_expired_by(today),
    )
    windows = (
        # the first audit: its window has opened, the second's has not
        (
            first,
            (
                Certificate.issued_on <= first_window,
                Certificate.issued_on > second_window,
                done < 1,
            ),
        ),
        # the second audit: its window has opened and the certificate has not expired
        (second, (Certificate.issued_on <= second_window, done < 2)),
    )
    total = Bounded(0)
    due_items = []
    for months, where in windows:
        total += bounded_count(select(Certificate.id).where(*base, *where))
        for certificate in db.session.execute(
            select(Certificate)
            .where(*base, *where)
            .order_by(Certificate.issued_on, Certificate.id)
            .limit(SHOWN)
        ).scalars():
            due = add_months(certificate.issued_on, months)
            days = days_between(today, due)
            due_items.append(
                Item(
                    title=f"{certificate.number} · {certificate.standard.reference}",
                    href=url_for("certification.certificate", certificate_id=certificate.id),
                    context=localized(certificate.organisation, "name"),
                    badge=_("Overdue") if days < 0 else "",
                    tone="danger" if days < 0 else "warning",
                    when=due,
                    when_kind="surveillance",
                    days=days,
                )
            )
    due_items.sort(key=lambda item: (item.when, item.title))
    return Section(
        key="surveillance_due",
        title=_("Surveillance audits due on the certificates you issued"),
        total=total.count,
        capped=total.capped,
        items=due_items[:SHOWN],
        empty=_("No certificate you issued has a surveillance audit due within 60 days."),
        more=[Link(_("All the certificates you issued"), url_for("certification.certificates"))],
    )


def certificates_to_confirm(user: Any) -> Section:
    """Certificates a federation recorded as issued by the body, waiting for its
    confirmation (not valid until then), the earliest issued first (on the (body, status,
    issue date) index)."""
    waiting = (
        Certificate.issuing_body_id == user.organisation_id,
        Certificate.status == CertificateStatus.AWAITING_CONFIRMATION,
    )
    total = bounded_count(select(Certificate.id).where(*waiting))
    items = [
        Item(
            title=f"{certificate.number} · {certificate.standard.reference}",
            href=url_for("certification.certificate", certificate_id=certificate.id),
            context=localized(certificate.organisation, "name"),
            badge=_("To confirm"),
            tone="warning",
            when=certificate.issued_on,
            when_kind="issued",
        )
        for certificate in db.session.execute(
            select(Certificate)
            .where(*waiting)
            .order_by(Certificate.issued_on, Certificate.id)
            .limit(SHOWN)
        ).scalars()
    ]
    return Section(
        key="certificates_to_confirm",
        title=_("Certificates recorded by a federation, to confirm"),
        total=total.count,
        capped=total.capped,
        items=items,
        empty=_("No certificate is waiting for your confirmation."),
        more=[
            Link(
                _("All the certificates awaiting your confirmation"),
                url_for("certification.certificates", state="awaiting_confirmation"),
            )
        ],
    )


def demand_in_your_fields(user: Any, today: date) -> Section:
    """The demand (requests and declared needs, counted) in the fields of the body's
    catalogue and the regions it serves, the largest first; gaps flagged."""
    total, cells = service_demand.demand_in_catalogue(user, today)
    fields = fields_by_id([c.field_id for c in cells if c.field_id])
    kinds = {kind.value: kind.label for kind in ServiceKind}
    items = [
        Item(
            title=f"{kinds.get(c.kind, c.kind)} — "
            + (fields[c.field_id].label if c.field_id in fields else ""),
            href=url_for("service_requests.demand", kind=c.kind, region=c.region),
            context=f"{region_label(c.region)} · {c.quarter}",
            badge=_("Gap") if c.gap else "",
            tone="warning" if c.gap else "secondary",
            figure=_("%(count)s a year", count=c.volume),
        )
        for c in cells
    ]
    return Section(
        key="demand_in_your_fields",
        title=_("Demand in the fields of your catalogue"),
        total=total,
        items=items,
        empty=_("No demand yet in the fields and regions of your catalogue."),
        more=[Link(_("Demand for services"), url_for("service_requests.demand"))],
    )


def body_sections(user: Any, today: date) -> list[Section]:
    """The body's queue, each section shown when its permission or predicate holds."""
    sections = []
    if has_permission(user, Permission.ANSWER_SERVICE_REQUESTS):
        sections.append(requests_to_answer(user, today))
        sections.append(requests_to_deliver(user, today))
    if issues_certificates(user):
        sections.append(certificates_to_confirm(user))
        sections.append(surveillance_due(user, today))
    if has_permission(user, Permission.MANAGE_SERVICE_CATALOGUE):
        sections.append(demand_in_your_fields(user, today))
    return sections


def body_shortcuts(user: Any) -> list[Link]:
    """What a body works on from its home."""
    links = []
    if has_permission(user, Permission.ANSWER_SERVICE_REQUESTS):
        links.append(Link(_("Service requests"), url_for("service_requests.index")))
    if has_permission(user, Permission.VIEW_SERVICE_FIGURES):
        links.append(
            Link(_("Your figures on service requests"), url_for("service_requests.figures"))
        )
    if has_permission(user, Permission.MANAGE_SERVICE_CATALOGUE):
        links.append(
            Link(
                _("Your service catalogue"),
                url_for("service_requests.catalogue_page", body_id=user.organisation_id),
            )
        )
    if has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        links.append(Link(_("Demand for services"), url_for("service_requests.demand")))
    if issues_certificates(user):
        links.append(Link(_("Record a certificate"), url_for("certification.record_certificate")))
        links.append(Link(_("Certificates you issued"), url_for("certification.certificates")))
    links.append(
        Link(
            _("Your organisation's profile and accreditations"),
            url_for("organisations.show", organisation_id=user.organisation_id),
        )
    )
    return links
