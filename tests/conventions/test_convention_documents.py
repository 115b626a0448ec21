"""Convention documents (PDF only, checked by size and content, stored under generated names,
downloaded only by those who may open the convention), the printable report in French and
Arabic, and the XLSX export of milestones, commitments and indicators."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db as _db
from portal.models import (
    Amendment,
    Convention,
    ConventionDocument,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    DocumentKind,
    Indicator,
    Measurement,
    Milestone,
    OrganisationKind,
    PartyRole,
    Role,
)
from portal.services.conventions import MAX_DOCUMENT_BYTES
from tests.conftest import make_test_app, post_form, sign_in
from tests.factories import EcosystemFactory, OrganisationFactory, make_user

TODAY = date(2024, 6, 1)
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")


def pdf_bytes(padding: int = 0) -> bytes:
    """A small PDF (valid enough for the content check), optionally padded to a size."""
    body = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"
    return body + b"%" + b"x" * padding + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_convention(reference: str = "MIC-AMICA-2023", **kwargs) -> Convention:
    """A running convention of a new ecosystem, with a ministry and a federation as parties."""
    ecosystem = EcosystemFactory()
    convention = Convention(
        reference=reference,
        title_fr="Écosystème qualité de l'automobile",
        title_ar="منظومة الجودة لقطاع السيارات",
        ecosystem_id=ecosystem.id,
        type=ConventionType.FRAMEWORK,
        status=ConventionStatus.IN_PROGRESS,
        signed_on=date(2023, 11, 22),
        effective_from=date(2024, 1, 1),
        ends_on=date(2026, 12, 31),
        budget_mad=Decimal("1500000"),
        **kwargs,
    )
    _db.session.add(convention)
    _db.session.flush()
    ministry = OrganisationFactory(kind=OrganisationKind.MINISTRY)
    add_party(convention, ministry)
    add_party(convention, ecosystem.lead_federation)
    return convention


def add_party(convention: Convention, organisation, role=PartyRole.SIGNATORY) -> ConventionParty:
    party = ConventionParty(convention_id=convention.id, organisation_id=organisation.id, role=role)
    _db.session.add(party)
    _db.session.flush()
    return party


def add_progress(convention: Convention) -> None:
    """A late milestone, a done one, and an indicator with a measurement."""
    _db.session.add_all(
        [
            Milestone(
                convention_id=convention.id,
                title_fr="Lancement du réseau des qualiticiens",
                title_ar="إطلاق شبكة خبراء الجودة",
                due_date=date(2024, 3, 31),
            ),
            Milestone(
                convention_id=convention.id,
                title_fr='=HYPERLINK("http://evil.example")',
                title_ar='=HYPERLINK("http://evil.example")',
                due_date=date(2024, 2, 1),
                completed_on=date(2024, 1, 20),
            ),
        ]
    )
    indicator = Indicator(
        convention_id=convention.id,
        name_fr="PME certifiées ISO 9001",
        name_ar="المقاولات الصغرى والمتوسطة الحاصلة على شهادة إيزو 9001",
        unit_fr="PME",
        unit_ar="مقاولة",
        baseline=Decimal("0"),
        baseline_date=date(2024, 1, 1),
        target=Decimal("1200"),
        target_date=date(2025, 1, 1),
    )
    _db.session.add(indicator)
    _db.session.flush()
    _db.session.add(
        Measurement(
            indicator_id=indicator.id,
            measured_on=date(2024, 5, 1),
            value=Decimal("1000"),
            source="Enquête AMICA",
        )
    )
    _db.session.flush()


def party_staff(convention: Convention, **kwargs):
    """A federation staff user of the federation that is party to the convention."""
    return make_user(
        Role.FEDERATION_STAFF, organisation=convention.ecosystem.lead_federation, **kwargs
    )


def stored_files(app) -> set[str]:
    folder = Path(app.config["UPLOAD_DIR"]) / "conventions"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def document_count() -> int:
    return _db.session.execute(
        select(func.count(ConventionDocument.id)).execution_options(include_deleted=True)
    ).scalar_one()


def message(msgid: str, **values) -> str:
    """A message as the French pages show it (users are French by default)."""
    with current_app.test_request_context(), force_locale("fr"):
        return str(escape(gettext(msgid, **values)))


def upload(client, convention_id: int, content: bytes, filename: str = "convention.pdf", **extra):
    data = {
        "kind": DocumentKind.SIGNED_CONVENTION.value,
        "title": "Convention signée",
        "file": (io.BytesIO(content), filename),
        **extra,
    }
    return post_form(
        client,
        f"/conventions/{convention_id}/documents",
        data,
        content_type="multipart/form-data",
    )


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def convention(db):
    return make_convention()


@pytest.fixture
def officer(client, db):
    user = make_user(Role.MINISTRY_OFFICER)
    sign_in(client, user)
    return user


# --- upload -----------------------------------------------------------------------------------


def test_a_valid_pdf_is_stored_under_a_generated_name_and_downloads_identical(
    app, client, convention, officer
):
    content = pdf_bytes(5000)
    response = upload(client, convention.id, content, filename="../../Convention signée.pdf")
    assert response.status_code == 302

    document = _db.session.execute(
        select(ConventionDocument).where(ConventionDocument.convention_id == convention.id)
    ).scalar_one()
    assert STORED_NAME.match(document.stored_name)
    assert document.original_filename == "Convention signée.pdf"
    assert document.size_bytes == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.uploaded_by_id == officer.id
    path = Path(app.config["UPLOAD_DIR"]) / "conventions" / document.stored_name
    assert path.read_bytes() == content
    assert not Path(app.static_folder).joinpath("conventions").exists()

    # A user of the federation that is party to the convention downloads it.
    sign_in(client, party_staff(convention))
    response = client.get(f"/conventions/{convention.id}/documents/{document.id}")
    assert response.status_code == 200
    assert response.data == content
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "/" not in disposition and ".." not in disposition.split("filename*")[0]


def test_a_file_renamed_to_pdf_that_is_not_a_pdf_is_refused_and_nothing_is_kept(
    app, client, convention, officer
):
    before_files, before_rows = stored_files(app), document_count()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048
    response = upload(client, convention.id, png, filename="scan.pdf")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message("The file is not a PDF document. Only PDF files are accepted.") in page
    assert 'enctype="multipart/form-data"' in page
    assert document_count() == before_rows
    assert stored_files(app) == before_files


def test_a_pdf_that_does_not_end_like_one_is_refused(app, client, convention, officer):
    before_files = stored_files(app)
    response = upload(client, convention.id, b"%PDF-1.4\n" + b"<html><script></script>" * 50)
    assert response.status_code == 422
    assert message("The file is not a PDF document. Only PDF files are accepted.") in (
        response.get_data(as_text=True)
    )
    assert document_count() == 0
    assert stored_files(app) == before_files


def test_a_pdf_over_the_document_limit_is_refused(app, client, convention, officer):
    before_files = stored_files(app)
    content = pdf_bytes(MAX_DOCUMENT_BYTES + 1024)
    assert len(content) < app.config["MAX_CONTENT_LENGTH"]  # Flask lets it through: 8 MiB rule
    response = upload(client, convention.id, content)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message("The document is larger than %(size)s MB; send a lighter PDF.", size=8) in page
    assert message("The file is not a PDF document. Only PDF files are accepted.") not in page
    assert document_count() == 0
    assert stored_files(app) == before_files


def test_an_amendment_document_is_linked_to_its_amendment(client, convention, officer):
    amendment = Amendment(
        convention_id=convention.id,
        number=1,
        signed_on=date(2024, 5, 2),
        summary_fr="Prolongation",
        summary_ar="تمديد",
    )
    _db.session.add(amendment)
    _db.session.flush()
    response = upload(client, convention.id, pdf_bytes(), kind=DocumentKind.AMENDMENT.value)
    assert response.status_code == 422  # an amendment document needs the amendment's number
    response = upload(
        client, convention.id, pdf_bytes(), kind=DocumentKind.AMENDMENT.value, amendment_number="1"
    )
    assert response.status_code == 302
    document = _db.session.execute(select(ConventionDocument)).scalar_one()
    assert document.amendment_id == amendment.id


def test_a_request_over_the_size_limit_gets_413_and_nothing_is_kept(tmp_path):
    app = make_test_app(
        f"sqlite:///{tmp_path / 'small.sqlite3'}", tmp_path, MAX_CONTENT_LENGTH=64 * 1024
    )
    client = app.test_client()
    with app.app_context():
        convention = make_convention()
        sign_in(client, make_user(Role.MINISTRY_OFFICER))
        _db.session.commit()
        convention_id = convention.id
    response = upload(client, convention_id, pdf_bytes(128 * 1024))
    assert response.status_code == 413
    assert "<h1>" in response.get_data(as_text=True)
    assert stored_files(app) == set()
    with app.app_context():
        assert document_count() == 0


def test_only_editors_upload_and_remove(client, convention, officer):
    assert upload(client, convention.id, pdf_bytes()).status_code == 302
    document = _db.session.execute(select(ConventionDocument)).scalar_one()
    sign_in(client, party_staff(convention))
    assert upload(client, convention.id, pdf_bytes()).status_code == 403
    delete = f"/conventions/{convention.id}/documents/{document.id}/delete"
    assert post_form(client, delete).status_code == 403
    _db.session.refresh(document)
    assert document_count() == 1 and document.deleted_at is None


def test_a_removed_document_is_kept_on_disk_but_no_longer_served(app, client, convention, officer):
    upload(client, convention.id, pdf_bytes())
    document = _db.session.execute(select(ConventionDocument)).scalar_one()
    path = f"/conventions/{convention.id}/documents/{document.id}"
    response = post_form(client, f"{path}/delete")
    assert response.status_code == 302
    _db.session.refresh(document)
    assert document.deleted_at is not None
    assert (Path(app.config["UPLOAD_DIR"]) / "conventions" / document.stored_name).is_file()
    assert client.get(path).status_code == 404


# --- who may download -------------------------------------------------------------------------


@pytest.fixture
def stored_document(client, convention, officer):
    assert upload(client, convention.id, pdf_bytes()).status_code == 302
    return _db.session.execute(select(ConventionDocument)).scalar_one()


def _other_convention_party():
    other = make_convention(reference="MIC-FCP-2023")
    return make_user(Role.FEDERATION_STAFF, organisation=other.ecosystem.lead_federation)


@pytest.mark.parametrize(
    "who",
    ["party of another convention", "SME not party", "anonymous"],
)
def test_those_who_may_not_open_the_convention_get_404_on_its_documents(
    client, convention, stored_document, who
):
    with client.session_transaction() as session:
        session.clear()
    if who == "party of another convention":
        sign_in(client, _other_convention_party())
    elif who == "SME not party":
        sign_in(client, make_user(Role.SME_USER))
    path = f"/conventions/{convention.id}/documents/{stored_document.id}"
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_a_document_is_not_served_through_another_convention(client, convention, stored_document):
    other = make_convention(reference="MIC-FCP-2023")
    add_party(other, convention.ecosystem.lead_federation)
    sign_in(client, party_staff(convention))
    assert client.get(f"/conventions/{other.id}/documents/{stored_document.id}").status_code == 404
    own = f"/conventions/{convention.id}/documents/{stored_document.id}"
    assert client.get(own).status_code == 200


# --- report -----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Babel puts narrow no-break spaces and direction marks in numbers: make them plain."""
    for mark in ("\u202f", "\xa0", "&#8239;", "&nbsp;"):
        text = text.replace(mark, " ")
    return text.replace("\u200f", "").replace("\u200e", "")


def test_the_report_in_french(client, convention, fixed_today):
    add_progress(convention)
    sign_in(client, party_staff(convention))
    response = client.get(f"/conventions/{convention.id}/report")
    assert response.status_code == 200
    page = _plain(response.get_data(as_text=True))
    assert 'dir="ltr"' in page
    assert "css/print.css" in page
    assert "Écosystème qualité de l'automobile".replace("'", "&#39;") in page
    assert "1 500 000,00 MAD" in page
    assert "1 juin 2024" in page  # the report's date, from the clock
    assert "Lancement du réseau des qualiticiens" in page
    assert "1 000" in page and "1 200" in page  # current value and target
    assert "83 %" in page  # attainment: 1000 of 1200
    assert "42 %" in page  # expected by now: 152 of 366 days
    assert "style=" not in page and "<style" not in page


def test_the_report_in_arabic_is_right_to_left_with_babel_numbers(client, convention, fixed_today):
    add_progress(convention)
    sign_in(client, party_staff(convention, preferred_locale="ar"))
    response = client.get(f"/conventions/{convention.id}/report")
    assert response.status_code == 200
    page = _plain(response.get_data(as_text=True))
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    assert "1.500.000,00" in page
    assert "منظومة الجودة لقطاع السيارات" in page
    assert "إطلاق شبكة خبراء الجودة" in page
    assert "1 يونيو 2024" in page
    assert "83%" in page


@pytest.mark.parametrize("path", ["report", "export.xlsx"])
def test_report_and_export_answer_404_outside_the_scope(client, convention, path):
    assert client.get(f"/conventions/{convention.id}/{path}").status_code == 404
    sign_in(client, make_user(Role.SME_USER))
    assert client.get(f"/conventions/{convention.id}/{path}").status_code == 404
    sign_in(client, make_user(Role.MINISTRY_OFFICER))
    assert client.get(f"/conventions/{convention.id}/{path}").status_code == 200


# --- XLSX -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_xlsx_export_has_three_sheets_in_the_users_language(
    app, client, convention, fixed_today, language
):
    add_progress(convention)
    sign_in(client, party_staff(convention, preferred_locale=language))
    response = client.get(f"/conventions/{convention.id}/export.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")

    with app.test_request_context(), force_locale(language):
        titles = [gettext("Milestones"), gettext("Commitments"), gettext("Indicators")]
        milestone_header = gettext("Milestone")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == titles
    milestones, _commitments, indicators = workbook.worksheets
    assert milestones.sheet_view.rightToLeft is (language == "ar")
    rows = list(milestones.iter_rows(values_only=True))
    assert rows[0][0] == milestone_header
    assert len(rows) == 3
    titles_in_sheet = {row[0] for row in rows[1:]}
    if language == "ar":
        assert "إطلاق شبكة خبراء الجودة" in titles_in_sheet
    else:
        assert "Lancement du réseau des qualiticiens" in titles_in_sheet
    # Text that looks like a formula is kept as quoted text.
    assert '\'=HYPERLINK("http://evil.example")' in titles_in_sheet
    data = list(indicators.iter_rows(values_only=True))
    assert data[1][2] == 0 and data[1][4] == 1200 and data[1][6] == 1000
    assert data[1][7] == pytest.approx(1000 / 1200)
    if language == "ar":
        assert data[1][0] == "المقاولات الصغرى والمتوسطة الحاصلة على شهادة إيزو 9001"

    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 3
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
