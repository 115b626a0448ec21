"""The programme report (issue 13, item 4): a PDF drawn on the server in French and in Arabic
(read back with poppler's pdftotext: the right figures, Arabic in logical order, shaped with
Noto Naskh Arabic) and a workbook of every table, both scoped and filtered as the dashboard."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from openpyxl import load_workbook

from portal.models import ConventionStatus, EnrolmentStatus, Organisation, Role, SessionStatus
from portal.services.cockpit import conventions as convention_figures
from portal.services.cockpit import report as programme_report
from tests.conftest import count_queries, sign_in
from tests.factories import (
    CertificateFactory,
    CommitmentFactory,
    ConventionFactory,
    EcosystemFactory,
    EnrolmentFactory,
    IndicatorFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    TrainingSessionFactory,
    make_user,
)

TODAY = date(2026, 11, 16)
PERIOD = "2026-Q3"  # July to September; the previous period is 2026-Q2
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "") not in ("", "0")
# The marks pdftotext puts around right-to-left and left-to-right runs (embeddings).
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


def poppler(tool: str, body: bytes, tmp_path: Path, *args: str) -> str:
    """What one of poppler's tools prints about the PDF."""
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    command = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603


def pdf_text(body: bytes, tmp_path: Path, layout: bool = True) -> str:
    """The PDF's text (``pdftotext``, in its layout mode unless told), without the bidi
    embedding marks it adds."""
    return BIDI_MARKS.sub(
        "", poppler("pdftotext", body, tmp_path, *(["-layout"] if layout else []))
    )


def words(text: str) -> set[str]:
    """The words of a text, without Arabic vowel marks and punctuation."""
    return set(re.sub(r"[^\w\s]", " ", re.sub(r"[\u064b-\u0652\u0670]", "", text)).split())


def in_language(language: str, message: str, **values) -> str:
    with force_locale(f"{language}_MA"):
        return gettext(message, **values)


def numbers_after(text: str, label: str) -> list[int]:
    """The numbers on the line that starts with ``label`` (a table's row)."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            return [int(n) for n in re.findall(r"(?<![\w-])-?\d+(?![\w-])", line[len(label) :])]
    raise AssertionError(f"no row {label!r} in:\n{text}")


def section(text: str, title: str) -> str:
    """The text from a table's title to the next blank lines (the next section)."""
    start = text.index(title)
    end = text.find("\n\n\n", start)
    return text[start : end if end > 0 else None]


@pytest.fixture
def world(db, fixed_clock):
    """Two ecosystems: Alpha (three running conventions, one at risk and one with a milestone
    done in the period; sessions held in the period and the one before; two certificates
    issued in the period) and Beta (one running convention, one session held)."""
    alpha = EcosystemFactory(slug="alpha", name_fr="Écosystème Alpha", name_ar="منظومة الألفا")
    beta = EcosystemFactory(slug="beta", name_fr="Écosystème Bêta", name_ar="منظومة البيتا")
    at_risk = ConventionFactory(ecosystem_id=alpha.id, reference="ALPHA-01")
    MilestoneFactory(convention_id=at_risk.id, due_date=date(2026, 9, 1))  # late
    done = ConventionFactory(ecosystem_id=alpha.id, reference="ALPHA-02")
    MilestoneFactory(
        convention_id=done.id, due_date=date(2026, 8, 15), completed_on=date(2026, 8, 10)
    )
    MilestoneFactory(convention_id=done.id, due_date=date(2027, 6, 30))
    ConventionFactory(ecosystem_id=alpha.id, reference="ALPHA-03")
    ConventionFactory(ecosystem_id=alpha.id, reference="ALPHA-DRAFT", status=ConventionStatus.DRAFT)
    ConventionFactory(ecosystem_id=beta.id, reference="BETA-01")

    def held(ecosystem, ends_on, attended, absent=0):
        session = TrainingSessionFactory(
            ecosystem_id=ecosystem.id,
            status=SessionStatus.HELD,
            starts_on=ends_on,
            ends_on=ends_on,
            quarter=f"{ends_on.year}-Q{(ends_on.month - 1) // 3 + 1}",
        )
        for number in range(attended + absent):
            EnrolmentFactory(
                session_id=session.id,
                status=EnrolmentStatus.ENROLLED,
                attended=number < attended,
            )

    held(alpha, date(2026, 8, 20), attended=7, absent=2)
    held(alpha, date(2026, 9, 30), attended=2)
    held(alpha, date(2026, 5, 12), attended=4)  # the previous quarter
    held(beta, date(2026, 7, 8), attended=5)
    member = OrganisationFactory()
    MembershipFactory(ecosystem=alpha, organisation=member)
    for issued_on in (date(2026, 7, 15), date(2026, 9, 2)):
        CertificateFactory(organisation_id=member.id, issued_on=issued_on)
    CertificateFactory(organisation_id=member.id, issued_on=date(2026, 4, 2))  # Q2
    return {"alpha": alpha.id, "beta": beta.id, "federation": alpha.lead_federation_id}


def officer(client, **kwargs):
    user = make_user(Role.MINISTRY_OFFICER, **kwargs)
    sign_in(client, user)
    return user


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pdf_has_the_figures_of_the_period_in_each_language(client, world, tmp_path, language):
    officer(client)
    response = client.get(f"/dashboard/report.pdf?period={PERIOD}&ecosystem=alpha&lang={language}")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="programme-report-{PERIOD}-{language}.pdf"'
    )
    body = response.get_data()
    text = pdf_text(body, tmp_path)
    if SCREENSHOTS:
        screenshot(body, tmp_path, f"programme-report-{language}")

    # People trained in the period: those who attended Alpha's sessions ended in Q3 (7 + 2),
    # against those of Q2 (4): this period, the previous one, the change.
    trained = in_language(language, "People trained")
    expected = 7 + 2
    if language == "fr":
        assert numbers_after(text, trained)[:1] == [expected]  # the key figures
        changes = section(text, in_language(language, "What changed in the period"))
        assert numbers_after(changes, trained)[-3:] == [expected, 4, expected - 4]
        issued = in_language(language, "Certificates issued")
        assert numbers_after(text, issued)[:1] == [2]
        assert "ALPHA-01" in text and "ALPHA-DRAFT" not in text
        assert "Noto-Sans" in poppler("pdffonts", body, tmp_path)
    else:
        # Arabic is extracted in logical order (the order it is written in, each word's
        # letters from first to last), from glyphs shaped by HarfBuzz (no legacy
        # presentation forms), in Noto Naskh Arabic. pdftotext's layout mode may change the
        # order of the words of a line, and sets the vowel marks apart: words are compared.
        flowing = pdf_text(body, tmp_path, layout=False)
        assert "منظومة الألفا" in flowing
        assert words(in_language("ar", "Programme report")) <= words(flowing)
        title = in_language("ar", "Conventions at risk, least advanced first")
        assert re.search("[\u0600-\u06ff]", title)
        assert words(title) <= words(flowing)
        # The row of people trained (pdftotext sets a vowel mark of the label, and the
        # numbers beside it, on a line of their own just above).
        lines = text.splitlines()
        found = [i for i, line in enumerate(lines) if words(trained) <= words(line)]
        assert found and str(expected) in " ".join(lines[found[0] - 1 : found[0] + 1]).split()
        assert not ARABIC_PRESENTATION_FORMS.search(text)
        assert "Noto-Naskh-Arabic" in poppler("pdffonts", body, tmp_path)


def screenshot(body: bytes, tmp_path: Path, name: str) -> None:
    """Page 1 of the PDF as a PNG under test-artifacts/screenshots/ (BROWSER_SCREENSHOTS)."""
    folder = ROOT / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    args = ("-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(body)
    command = ["pdftoppm", *args, str(path), str(folder / name)]
    subprocess.run(command, check=True)  # noqa: S603


def sheet_rows(body: bytes) -> dict[str, list[list]]:
    """The workbook's sheets: title -> rows of values (the header row first)."""
    workbook = load_workbook(io.BytesIO(body))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}


def row_of(rows: list[list], label: str) -> list:
    return next(row for row in rows if row[0] == label)


def test_the_workbook_has_a_sheet_per_table_with_every_running_convention(
    client, world, monkeypatch, tmp_path
):
    # Conventions read two at a time, the PDF listing two: the workbook still has them all.
    monkeypatch.setattr(convention_figures, "PAGE", 2)
    monkeypatch.setattr(programme_report, "PDF_CONVENTIONS", 2)
    officer(client)
    response = client.get(f"/dashboard/report.xlsx?period={PERIOD}&lang=fr")

    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="programme-report-{PERIOD}-fr.xlsx"'
    )
    sheets = sheet_rows(response.get_data())
    fr = lambda message: in_language("fr", message)  # noqa: E731
    assert list(sheets)[:3] == [fr("Filters"), fr("Key figures"), fr("Changes")]
    assert fr("Conventions") in sheets and fr("Members by region") in sheets
    key = sheets[fr("Key figures")]
    columns = key[0]
    alpha, beta = columns.index("Écosystème Alpha"), columns.index("Écosystème Bêta")
    trained = row_of(key, fr("People trained"))
    assert (trained[alpha], trained[beta]) == (9, 5)
    assert row_of(key, fr("Certificates issued"))[alpha] == 2
    assert row_of(key, fr("Running conventions"))[alpha] == 3
    assert row_of(key, fr("Conventions at risk"))[alpha] == 1
    assert row_of(key, fr("Milestones done"))[alpha] == 1
    assert row_of(sheets[fr("Changes")], fr("People trained"))[1:] == [14, 4, 10]
    conventions = sheets[fr("Conventions")]
    assert [row[0] for row in conventions[1:]] == ["ALPHA-01", "ALPHA-02", "ALPHA-03", "BETA-01"]
    assert [row[-1] for row in conventions[1:]] == [fr("Yes"), fr("No"), fr("No"), fr("No")]
    assert conventions[2][5] == pytest.approx(0.5)  # ALPHA-02: one milestone of two done
    assert row_of(sheets[fr("Filters")], fr("Period"))[1] == "Trimestre 3 de 2026"

    # The PDF lists two and says where the others are.
    text = pdf_text(
        client.get(f"/dashboard/report.pdf?period={PERIOD}&lang=fr").get_data(), tmp_path
    )
    assert "ALPHA-02" in text and "ALPHA-03" not in text
    assert in_language("fr", "And %(count)s more in the spreadsheet.", count="2") in text


def test_a_federation_reads_the_report_of_its_ecosystems_only(client, db, world, tmp_path):
    staff = make_user(
        Role.FEDERATION_STAFF, organisation=db.session.get(Organisation, world["federation"])
    )
    sign_in(client, staff)

    text = pdf_text(client.get(f"/dashboard/report.pdf?period={PERIOD}").get_data(), tmp_path)
    assert "Écosystème Alpha" in text and "Bêta" not in text and "BETA-01" not in text
    sheets = sheet_rows(
        client.get(f"/dashboard/report.xlsx?period={PERIOD}&ecosystem=beta").get_data()
    )
    key = sheets[in_language("fr", "Key figures")]
    assert key[0][1:] == ["Écosystème Alpha"]
    assert row_of(key, in_language("fr", "People trained"))[1] == 9


def test_the_report_speaks_the_reader_s_language_unless_asked(client, world):
    officer(client, preferred_locale="ar")
    response = client.get(f"/dashboard/report.xlsx?period={PERIOD}")
    assert "-ar.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.get_data()))
    assert workbook.worksheets[1].title == in_language("ar", "Key figures")
    assert workbook.worksheets[1].sheet_view.rightToLeft
    asked = client.get(f"/dashboard/report.pdf?period={PERIOD}&lang=fr")
    assert "-fr.pdf" in asked.headers["Content-Disposition"]
    # Without a period, the last complete quarter (today is in 2026-Q4).
    assert "2026-Q3-ar.pdf" in client.get("/dashboard/report.pdf").headers["Content-Disposition"]


@pytest.mark.parametrize("path", ["/dashboard/report.pdf", "/dashboard/report.xlsx"])
def test_only_dashboard_readers_download_the_report(client, auth, world, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login_as(Role.SME_USER)
    assert client.get(path).status_code == 403


def test_the_pdf_reads_the_same_number_of_statements_whatever_the_conventions(client, world):
    officer(client)
    url = f"/dashboard/report.pdf?period={PERIOD}"
    assert client.get(url).status_code == 200  # the parts the conventions do not change, kept

    def add(count: int, first: int) -> None:
        for number in range(first, first + count):
            convention = ConventionFactory(ecosystem_id=world["beta"], reference=f"BETA-{number}")
            MilestoneFactory(convention_id=convention.id, due_date=date(2026, 9, 1))
            CommitmentFactory(convention_id=convention.id, due_date=date(2026, 9, 1))
            IndicatorFactory(convention_id=convention.id)

    add(1, 100)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    add(40, 200)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count


def test_a_pdf_that_cannot_be_drawn_sends_back_to_the_dashboard_with_a_message(
    client, world, monkeypatch
):
    """WeasyPrint runs in a child process: when it fails (or takes too long), the reader is
    told so on the dashboard of the same filters, not answered a server error."""
    officer(client, preferred_locale="fr")
    monkeypatch.setattr("portal.services.pdf.TIMEOUT", 0.001)
    response = client.get(f"/dashboard/report.pdf?period={PERIOD}")
    assert response.status_code == 302
    assert f"period={PERIOD}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert in_language(
        "fr", "The PDF could not be drawn; try again later, or take the spreadsheet."
    ) in unescape(page)
