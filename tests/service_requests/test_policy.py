"""Who sees and answers which service request, and what the list shows each role, tested on
the predicates of ``portal.authz.service_requests`` directly (expectations written out)."""

from __future__ import annotations

from datetime import date

import pytest
from werkzeug.exceptions import NotFound

from portal.authz.service_requests import (
    can_respond,
    request_attachment_or_404,
    request_or_404,
    sees_addressed_body,
    sees_overdue_first,
    sees_requesting_company,
)
from portal.extensions import db
from portal.models import (
    OrganisationKind,
    RequestAttachment,
    Role,
    ServiceKind,
    ServiceRequest,
)
from tests.factories import OrganisationFactory, make_user


@pytest.mark.parametrize(
    ("role", "company_column", "body_column", "overdue_first"),
    [
        (Role.ADMIN, True, True, False),
        (Role.MINISTRY_OFFICER, True, True, False),
        (Role.FEDERATION_STAFF, True, True, True),
        (Role.SME_USER, False, True, False),
        (Role.INFRASTRUCTURE_USER, True, False, True),
    ],
)
def test_the_list_columns_and_order_follow_what_the_user_sees(
    db, role, company_column, body_column, overdue_first
):
    user = make_user(role)
    assert sees_requesting_company(user) is company_column
    assert sees_addressed_body(user) is body_column
    assert sees_overdue_first(user) is overdue_first


def _request(sme, body) -> ServiceRequest:
    request = ServiceRequest(
        organisation_id=sme.id,
        body_id=body.id,
        kind=ServiceKind.TESTING,
        subject="Essai",
        submitted_on=date(2025, 3, 1),
        respond_by=date(2025, 3, 16),
    )
    db.session.add(request)
    db.session.flush()
    return request


def test_only_the_addressed_body_responds_and_others_get_404(app, db):
    sme = OrganisationFactory(kind=OrganisationKind.SME)
    body = OrganisationFactory(kind=OrganisationKind.INFRASTRUCTURE)
    request = _request(sme, body)
    attachment = RequestAttachment(
        request_id=request.id,
        original_filename="devis.pdf",
        stored_name="0" * 32,
        size_bytes=10,
    )
    db.session.add(attachment)
    db.session.flush()
    own_body = make_user(Role.INFRASTRUCTURE_USER, body)
    other_body = make_user(Role.INFRASTRUCTURE_USER)
    owner = make_user(Role.SME_USER, sme)
    admin = make_user(Role.ADMIN)

    assert can_respond(own_body, request) is True
    assert can_respond(other_body, request) is False
    assert can_respond(owner, request) is False
    assert can_respond(admin, request) is False

    assert request_or_404(owner, request.id) is request
    assert request_attachment_or_404(own_body, request.id, attachment.id) is attachment
    with pytest.raises(NotFound):
        request_or_404(other_body, request.id)
    with pytest.raises(NotFound):
        request_attachment_or_404(other_body, request.id, attachment.id)
    with pytest.raises(NotFound):
        request_attachment_or_404(owner, request.id, attachment.id + 1)
