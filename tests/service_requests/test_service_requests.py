"""Service requests: an SME asks a body for a service with attachments (checked by content,
stored under generated names), the body accepts and answers, the SME reads the answer; other
bodies and SMEs get 404; overdue requests are flagged by the fixed clock; the list runs a
bounded number of queries."""

from __future__ import annotations

import html
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import current_app
from flask_babel import force_locale, gettext, ngettext
from markupsafe import escape
from openpyxl import Workbook
from sqlalchemy import func, select

from portal.models import (
    InfrastructureType,
    OrganisationKind,
    RequestAttachment,
    ServiceKind,
    ServiceRequest,
    ServiceRequestStatus,
)
from portal.services.file_types import sniff
from tests.conftest import count_queries, post_form, sign_in
from tests.factories import (
    EcosystemFactory,
    MembershipFactory,
    OrganisationFactory,
    make_user,
    offer_service,
    service_field,
)

TODAY = date(2025, 3, 20)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (users are French by default)."""
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


def days_message(singular: str, plural: str, days: int) -> str:
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(ngettext(singular, plural, days, count=str(days))))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.fixture
def world(db, fixed_clock):
    """LPEE (a testing lab) and another body, two SMEs (the first a member of AMICA's
    ecosystem), their users, AMICA's staff and an institute's user."""
    lpee = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.TESTING_LAB,
        acronym="LPEE",
        name_fr="Laboratoire public d'essais et d'études",
        name_ar="المختبر العمومي للتجارب والدراسات",
    )
    imanor = OrganisationFactory(
        kind=OrganisationKind.INFRASTRUCTURE,
        infrastructure_type=InfrastructureType.STANDARDIZATION_BODY,
        acronym="IMANOR",
    )
    amica = OrganisationFactory(kind=OrganisationKind.FEDERATION, acronym="AMICA")
    ecosystem = EcosystemFactory(lead_federation=amica)
    sme = OrganisationFactory(kind=OrganisationKind.SME, name_fr="Câblerie du Nord")
    MembershipFactory(ecosystem=ecosystem, organisation=sme)
    rival = OrganisationFactory(kind=OrganisationKind.SME, name_fr="Autre PME")
    # LPEE's catalogue covers mechanical testing where the SME is (Casablanca-Settat).
    offer_service(lpee, "testing_mechanical", "MA-06")
    return {
        "lpee": lpee,
        "imanor": imanor,
        "sme": sme,
        "rival": rival,
        "sme_user": make_user("sme_user", organisation=sme),
        "rival_user": make_user("sme_user", organisation=rival),
        "lpee_user": make_user("infrastructure_user", organisation=lpee),
        "imanor_user": make_user("infrastructure_user", organisation=imanor),
        "amica_user": make_user("federation_staff", organisation=amica),
        "institute_user": make_user("institute_user"),
    }


def make_request(db, world, submitted_on: date, **fields) -> ServiceRequest:
    request = ServiceRequest(
        organisation_id=world["sme"].id,
        body_id=world["lpee"].id,
        kind=ServiceKind.TESTING,
        subject=fields.pop("subject", "Essai de traction"),
        submitted_on=submitted_on,
        respond_by=submitted_on + timedelta(days=15),
        **fields,
    )
    db.session.add(request)
    db.session.flush()
    return request


def file_request(client, world, files, subject="Essais de résistance des câbles"):
    return post_form(
        client,
        "/requests/new",
        {
            "field_id": str(service_field("testing_mechanical").id),
            "region": "MA-06",
            "body_id": str(world["lpee"].id),
            "subject": subject,
            "description": "Essais sur 20 échantillons.\nNorme NM EN 50525.",
            "attachments": files,
        },
        content_type="multipart/form-data",
    )


def uploads_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "requests"


def test_sme_files_a_request_the_body_accepts_and_answers_it(client, db, world):
    sign_in(client, world["sme_user"])
    form = page(client, f"/requests/new?field_id={service_field('testing_mechanical').id}")
    assert (
        f"LPEE — Laboratoire public d&#39;essais et d&#39;études ({message('Testing laboratory')})"
        in form
    )

    response = file_request(client, world, [(io.BytesIO(PDF), "cahier des charges.pdf")])
    assert response.status_code == 302
    filed = db.session.execute(select(ServiceRequest)).scalar_one()
    assert response.headers["Location"].endswith(f"/requests/{filed.id}")
    assert (filed.organisation_id, filed.body_id) == (world["sme"].id, world["lpee"].id)
    assert filed.status == ServiceRequestStatus.SUBMITTED
    assert filed.submitted_on == TODAY
    assert filed.respond_by == date(2025, 4, 4)
    assert filed.description == "Essais sur 20 échantillons.\nNorme NM EN 50525."
    stored = db.session.execute(select(RequestAttachment)).scalar_one()
    assert stored.request_id == filed.id
    assert stored.original_filename == "cahier des charges.pdf"
    assert stored.size_bytes == len(PDF)
    assert STORED_NAME.match(stored.stored_name)
    assert (uploads_dir() / stored.stored_name).read_bytes() == PDF

    mine = page(client, "/requests/")
    assert "Essais de résistance des câbles" in mine
    assert days_message("%(count)s day left", "%(count)s days left", 15) in mine

    # The body sees it, downloads the attachment, accepts it and answers.
    sign_in(client, world["lpee_user"])
    assert "Essais de résistance des câbles" in page(client, "/requests/")
    shown = page(client, f"/requests/{filed.id}")
    assert "cahier des charges.pdf" in shown
    assert message("Accept the request") in shown
    download = client.get(f"/requests/{filed.id}/attachments/{stored.id}")
    assert download.status_code == 200
    assert download.data == PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "cahier-des-charges.pdf" in download.headers["Content-Disposition"]

    path = f"/requests/{filed.id}/respond"
    assert post_form(client, path, {"action": "accept", "version": "1"}).status_code == 302
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.ACCEPTED

    empty = post_form(client, path, {"action": "answer", "version": str(filed.version)})
    assert empty.status_code == 422
    assert message("Write the answer.") in empty.get_data(as_text=True)
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.ACCEPTED

    answer = "Devis n° 2025-117 joint : 12 000 MAD, résultats sous 10 jours."
    response = post_form(
        client, path, {"action": "answer", "text": answer, "version": str(filed.version)}
    )
    assert response.status_code == 302
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.ANSWERED
    assert filed.answer == answer
    assert filed.answered_on == TODAY

    # A step the workflow does not allow is refused with a message.
    refused = post_form(
        client, path, {"action": "accept", "version": str(filed.version)}, follow_redirects=True
    )
    assert refused.status_code == 200
    assert message(
        "Only a submitted request can be accepted; this one is: %(status)s.",
        status=ServiceRequestStatus.ANSWERED.label,
    ) in refused.get_data(as_text=True)
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.ANSWERED

    # The SME reads the answer, and has no response form.
    sign_in(client, world["sme_user"])
    shown = page(client, f"/requests/{filed.id}")
    assert escape(answer) in shown
    assert html.unescape(message("Answer of the body")) in html.unescape(shown)
    assert message("Send the answer") not in shown
    assert post_form(client, path, {"action": "accept", "version": "3"}).status_code == 403


def test_the_body_declines_with_a_reason_and_stale_responses_are_refused(client, db, world):
    filed = make_request(db, world, TODAY)
    sign_in(client, world["lpee_user"])
    path = f"/requests/{filed.id}/respond"
    stale = post_form(client, path, {"action": "accept", "version": "0"}, follow_redirects=True)
    assert message(
        "Someone else saved this record while you were editing it. Your changes were not "
        "saved; here is the current version."
    ) in stale.get_data(as_text=True)
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.SUBMITTED

    no_reason = post_form(client, path, {"action": "decline", "version": "1", "text": "  "})
    assert no_reason.status_code == 422
    assert message("Give the reason.") in no_reason.get_data(as_text=True)

    reason = "Cet essai ne fait pas partie de notre portée d'accréditation."
    response = post_form(client, path, {"action": "decline", "version": "1", "text": reason})
    assert response.status_code == 302
    db.session.refresh(filed)
    assert filed.status == ServiceRequestStatus.DECLINED
    assert filed.answer == reason
    assert filed.answered_on == TODAY


def test_other_bodies_and_other_smes_get_404(client, db, world):
    sign_in(client, world["sme_user"])
    assert file_request(client, world, [(io.BytesIO(PDF), "plan.pdf")]).status_code == 302
    filed = db.session.execute(select(ServiceRequest)).scalar_one()
    stored = db.session.execute(select(RequestAttachment)).scalar_one()
    paths = [f"/requests/{filed.id}", f"/requests/{filed.id}/attachments/{stored.id}"]
    for outsider in ("imanor_user", "rival_user"):
        sign_in(client, world[outsider])
        for path in paths:
            assert client.get(path).status_code == 404, (outsider, path)
        assert filed.subject not in page(client, "/requests/")
    sign_in(client, world["imanor_user"])
    assert post_form(client, f"/requests/{filed.id}/respond", {"action": "accept"}).status_code == (
        404
    )
    # An attachment of another request, under this request's address, is not found either.
    other = make_request(db, world, TODAY, subject="Autre")
    sign_in(client, world["sme_user"])
    assert client.get(f"/requests/{other.id}/attachments/{stored.id}").status_code == 404
    # The federation follows its member's requests, read-only; institutes have no access.
    sign_in(client, world["amica_user"])
    shown = page(client, f"/requests/{filed.id}")
    assert message("Send the answer") not in shown
    assert client.get(paths[1]).status_code == 200
    sign_in(client, world["institute_user"])
    assert client.get("/requests/").status_code == 403
    assert client.get(paths[0]).status_code == 403


def test_a_renamed_file_is_refused_and_nothing_is_kept(client, db, world):
    sign_in(client, world["sme_user"])
    before = set(uploads_dir().glob("*")) if uploads_dir().exists() else set()
    refusals = (
        (
            b"Ceci n'est pas un PDF.\n",
            "rapport.pdf",
            message(
                "%(name)s is not a PDF, PNG, JPEG, XLSX or DOCX file. Only these are accepted.",
                name="rapport.pdf",
            ),
        ),
        (
            PNG,
            "photo.pdf",
            message(
                "%(name)s is a %(type)s file but its name says otherwise; rename it and try again.",
                name="photo.pdf",
                type="PNG",
            ),
        ),
    )
    for content, name, expected in refusals:
        response = file_request(
            client, world, [(io.BytesIO(PDF), "ok.pdf"), (io.BytesIO(content), name)]
        )
        assert response.status_code == 422
        assert expected in response.get_data(as_text=True)
    assert db.session.execute(select(func.count(ServiceRequest.id))).scalar_one() == 0
    assert db.session.execute(select(func.count(RequestAttachment.id))).scalar_one() == 0
    after = set(uploads_dir().glob("*")) if uploads_dir().exists() else set()
    assert after == before


def test_file_types_are_recognised_by_content():
    workbook = io.BytesIO()
    Workbook().save(workbook)
    assert sniff(workbook.getvalue()) == "xlsx"
    assert sniff(PDF) == "pdf"
    assert sniff(PNG) == "png"
    assert sniff(b"\xff\xd8\xff\xe0JFIF") == "jpeg"
    assert sniff(b"PK\x03\x04 not really a zip") is None
    assert sniff(b"<html>") is None


def test_overdue_requests_are_flagged_and_listed_first(client, db, world):
    sixteen_days_ago = TODAY - timedelta(days=16)
    late = make_request(db, world, sixteen_days_ago, subject="Étalonnage en retard")
    make_request(
        db,
        world,
        sixteen_days_ago,
        subject="Répondue à temps",
        status=ServiceRequestStatus.ANSWERED,
        answer="Fait.",
        answered_on=sixteen_days_ago + timedelta(days=3),
    )
    make_request(db, world, TODAY - timedelta(days=2), subject="Toute récente")
    assert late.is_overdue(TODAY)

    overdue = message("Overdue")
    one_day_late = days_message("%(count)s day late", "%(count)s days late", 1)
    for viewer in ("lpee_user", "amica_user"):
        sign_in(client, world[viewer])
        html = page(client, "/requests/")
        assert message("Overdue: %(count)s", count="1") in html, viewer
        rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)[1:]
        assert "Étalonnage en retard" in rows[0], viewer
        assert f'class="badge text-bg-danger">{overdue}<' in rows[0]
        assert one_day_late in rows[0]
        assert all(overdue not in row for row in rows[1:]), viewer
        recent = next(row for row in rows if "Toute récente" in row)
        assert days_message("%(count)s day left", "%(count)s days left", 13) in recent
        only_late = page(client, "/requests/?status=overdue")
        assert "Étalonnage en retard" in only_late
        assert "Répondue à temps" not in only_late

    sign_in(client, world["lpee_user"])
    shown = page(client, f"/requests/{late.id}")
    assert overdue in shown
    assert one_day_late in shown

    # The count is kept until a request changes (issue 11): a second late one is counted.
    make_request(db, world, TODAY - timedelta(days=20), subject="Deuxième en retard")
    assert message("Overdue: %(count)s", count="2") in page(client, "/requests/")


def test_the_kept_list_follows_a_new_request_and_a_change(client, db, world):
    """The list's rows are kept as HTML (issue 11) until a table they were read from
    changes: a new request and an answered one show on the next visit."""
    first = make_request(db, world, TODAY - timedelta(days=2), subject="Première demande")
    sign_in(client, world["lpee_user"])
    html = page(client, "/requests/")
    assert "Première demande" in html and "Seconde demande" not in html
    make_request(db, world, TODAY - timedelta(days=1), subject="Seconde demande")
    first.subject = "Première demande modifiée"
    first.status = ServiceRequestStatus.DECLINED
    db.session.flush()
    html = page(client, "/requests/")
    assert "Seconde demande" in html
    assert "Première demande modifiée" in html
    with current_app.test_request_context(), force_locale("fr"):
        declined = str(escape(ServiceRequestStatus.DECLINED.label))
    assert f">{declined}</span>" in html


def test_the_list_runs_a_bounded_number_of_queries(client, db, world):
    def add(count: int) -> None:
        for n in range(count):
            make_request(db, world, TODAY - timedelta(days=n % 30), subject=f"Demande {n}")

    add(5)
    for viewer in ("lpee_user", "amica_user", "sme_user"):
        sign_in(client, world[viewer])
        page(client, "/requests/")  # warm the caches (translations, templates)
    counts: dict[str, list[int]] = {}
    for total in (5, 100):
        if total == 100:
            add(95)
        for viewer in ("lpee_user", "amica_user", "sme_user"):
            sign_in(client, world[viewer])
            page(client, "/requests/")  # the overdue count is kept: computed on this visit
            with count_queries() as counter:
                html = page(client, "/requests/")
            counts.setdefault(viewer, []).append(counter.count)
            assert html.count("/requests/") >= min(total, current_app.config["PAGE_SIZE"])
    for viewer, (small, large) in counts.items():
        assert small == large, (viewer, counts)


def test_a_stale_answer_goes_back_to_the_page_it_was_sent_from(client, db, world):
    filed = make_request(db, world, TODAY)
    sign_in(client, world["lpee_user"])
    page_of_the_form = f"/requests/{filed.id}"
    stale = post_form(
        client,
        f"{page_of_the_form}/respond",
        {"action": "accept", "version": "0"},
        headers={"Referer": f"http://localhost{page_of_the_form}"},
    )
    assert stale.status_code == 302 and stale.headers["Location"] == page_of_the_form
    # A page of another site is never where the portal sends anyone.
    elsewhere = post_form(
        client,
        f"{page_of_the_form}/respond",
        {"action": "accept", "version": "0"},
        headers={"Referer": "https://evil.example/requests/1"},
    )
    assert elsewhere.headers["Location"] == "/home"
