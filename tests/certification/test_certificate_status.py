"""Suspending, withdrawing and reinstating a certificate: a reason is required, every change is
kept as a history row (date, actor, from, to, reason) shown on the certificate page with the
current reason, and the holder is told why."""

from __future__ import annotations

import html

from sqlalchemy import select

from portal.models import CertificateStatus, CertificateStatusChange, Notification
from portal.services import notifications
from tests.certification import test_support_cases
from tests.certification.test_support_cases import label, make_certificate, message
from tests.conftest import post_form, sign_in

# The fixtures of the support pages' tests: the same world and day (for fixed_clock).
world = test_support_cases.world
TODAY = test_support_cases.TODAY


def change(client, certificate, status: str, reason: str = "", version: int | None = None):
    return post_form(
        client,
        f"/certificates/{certificate.id}/status",
        {
            "status": status,
            "reason": reason,
            "version": certificate.version if version is None else version,
        },
    )


def history(db, certificate) -> list[tuple]:
    return [
        (row.from_status, row.to_status, row.actor_id, row.reason)
        for row in db.session.execute(
            select(CertificateStatusChange)
            .where(CertificateStatusChange.certificate_id == certificate.id)
            .order_by(CertificateStatusChange.id)
        ).scalars()
    ]


def received(db, user) -> list[tuple[str, str]]:
    rows = db.session.execute(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    ).scalars()
    return [(n.kind, notifications.render(n.kind, n.params, "fr")) for n in rows]


def test_a_suspension_needs_a_reason_is_kept_in_the_history_and_told_to_the_holder(
    client, db, world, fixed_clock
):
    certificate = make_certificate(world)
    body_user = world["body_user"]
    sign_in(client, body_user)
    form = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert 'name="reason"' in form
    # A valid certificate may be suspended or withdrawn; "valid" is not offered again.
    assert 'value="suspended"' in form and 'value="withdrawn"' in form
    assert 'value="valid"' not in form

    refused = change(client, certificate, "suspended", "   ")
    assert refused.status_code == 422
    assert message("Give the reason for this change of status.") in refused.get_data(as_text=True)
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.VALID
    assert history(db, certificate) == []

    reason = "Audit de surveillance non réalisé dans les délais"
    assert change(client, certificate, "suspended", reason).status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.SUSPENDED
    assert history(db, certificate) == [
        (CertificateStatus.VALID, CertificateStatus.SUSPENDED, body_user.id, reason)
    ]
    told = received(db, world["sme_a_user"])
    assert [kind for kind, _text in told] == ["certificate_suspended"]
    assert reason in told[0][1] and certificate.number in told[0][1]

    # The holder sees the current reason and the history.
    sign_in(client, world["sme_a_user"])
    shown = html.unescape(client.get(f"/certificates/{certificate.id}").get_data(as_text=True))
    assert reason in shown
    assert body_user.full_name in shown
    assert 'id="status-history"' in shown
    assert 'name="reason"' not in shown  # the holder does not change the status


def test_reinstating_needs_a_reason_too_and_a_withdrawal_is_final(client, db, world, fixed_clock):
    certificate = make_certificate(world, status=CertificateStatus.SUSPENDED)
    sign_in(client, world["body_user"])
    assert change(client, certificate, "valid").status_code == 422
    assert change(client, certificate, "valid", "Écarts levés lors de l'audit").status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.VALID
    assert change(client, certificate, "withdrawn", "Fermeture du site").status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.WITHDRAWN

    after = change(client, certificate, "valid", "Erreur")
    assert after.status_code in (302, 422)
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.WITHDRAWN
    assert [(old, new) for old, new, _actor, _reason in history(db, certificate)] == [
        (CertificateStatus.SUSPENDED, CertificateStatus.VALID),
        (CertificateStatus.VALID, CertificateStatus.WITHDRAWN),
    ]
    assert [kind for kind, _text in received(db, world["sme_a_user"])] == [
        "certificate_reinstated",
        "certificate_withdrawn",
    ]
    page = html.unescape(client.get(f"/certificates/{certificate.id}").get_data(as_text=True))
    assert "Fermeture du site" in page and "Écarts levés lors de l'audit" in page
    assert 'name="reason"' not in page  # nothing left to change
    assert label(CertificateStatus.WITHDRAWN) in page


def test_a_stale_status_form_changes_nothing(client, db, world, fixed_clock):
    certificate = make_certificate(world)
    sign_in(client, world["body_user"])
    stale = change(client, certificate, "suspended", "Motif", version=certificate.version + 1)
    assert stale.status_code == 302
    db.session.refresh(certificate)
    assert certificate.status == CertificateStatus.VALID
    assert history(db, certificate) == []
    assert received(db, world["sme_a_user"]) == []
