"""Survey pages: the list, building a survey (its questions, activating it, sending the
annual one), answering an invitation once, and the results as charts with their tables.

Surveys are loaded through ``authz.surveys``: out of scope answers 404; the results read
only the answers of the user's scope (``result_scope``).
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import clock
from portal.authz import (
    Permission,
    any_permission_required,
    permission_required,
    signed_in_required,
)
from portal.authz.surveys import (
    buildable_ecosystem_ids,
    builds_for_programme,
    can_build_surveys,
    can_edit_survey,
    can_read_results,
    editable_survey_or_404,
    invitation_or_404,
    question_or_404,
    result_scope_key,
    survey_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.surveys import bp
from portal.blueprints.surveys.forms import (
    PROGRAMME,
    ActivateForm,
    PlainForm,
    QuestionForm,
    SurveyForm,
    rating_label,
)
from portal.bounds import parse_int, query_int
from portal.fragments import kept_fragment
from portal.i18n import format_day, localized
from portal.models import (
    Ecosystem,
    Organisation,
    QuestionKind,
    Survey,
    SurveyOccasion,
    User,
)
from portal.services import surveys as service
from portal.services.cache import View
from portal.services.ecosystems import records
from portal.services.surveys import Period, SurveyError

# The surveys' table as HTML, per viewer (a federation lists its ecosystems' surveys), kept
# until a table it was read from changes (issue 11).
LIST_HTML = View("surveys-html", depends_on=(User, Organisation, Ecosystem))
# A survey's results page (filters, answers counted, charts and tables) as HTML, per result
# scope, survey, filters and day, kept until a table it was read from changes: the figures
# are kept already, but the institutes' filter (up to 500 names) and every chart were drawn
# again at each visit (issue 11).
RESULTS_HTML = View("survey-results-html", depends_on=(User, Organisation, Ecosystem))


@bp.route("/")
@any_permission_required(Permission.MANAGE_SURVEYS, Permission.VIEW_SURVEY_RESULTS)
def index():
    """The surveys the user builds or reads the results of, with their answers counted."""
    user = signed_in_user()
    reads_results = can_read_results(user)

    def results() -> dict:
        surveys = service.listed_surveys(user)
        return {
            "surveys": surveys,
            "answered": service.answered_counts([s.id for s in surveys]),
            "editable": {s.id for s in surveys if can_edit_survey(user, s)},
            "reads_results": reads_results,
        }

    return render_template(
        "surveys/index.html",
        can_build=can_build_surveys(user),
        results=kept_fragment(
            LIST_HTML, (user.id, reads_results), "surveys/_list_results.html", results
        ),
    )


def audience_choices(user: Any) -> list[tuple[str, str]]:
    """Whom a new survey is for: the programme (administrators) and the ecosystems the user
    builds for."""
    ecosystems = records.ecosystem_choices(buildable_ecosystem_ids(user))
    choices = [(str(e.id), localized(e, "name")) for e in ecosystems]
    if builds_for_programme(user):
        choices.insert(0, (PROGRAMME, _("The whole programme")))
    return choices


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def new():
    """A new survey (inactive until it has questions and is activated)."""
    user = signed_in_user()
    form = SurveyForm(ecosystems=audience_choices(user))
    if form.validate_on_submit():
        ecosystem_id = None if form.ecosystem.data == PROGRAMME else int(form.ecosystem.data)
        survey = service.create_survey(
            occasion=SurveyOccasion(form.occasion.data),
            ecosystem_id=ecosystem_id,
            title_fr=form.title_fr.data,
            title_ar=form.title_ar.data,
            owner_id=None if builds_for_programme(user) else user.organisation_id,
        )
        flash(_("The survey is created. Add its questions, then activate it."), "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    code = 422 if form.is_submitted() else 200
    return render_template("surveys/new.html", form=form), code


def render_show(survey: Survey, *, question_form: QuestionForm | None = None, code: int = 200):
    user = signed_in_user()
    editable = can_edit_survey(user, survey)
    return render_template(
        "surveys/show.html",
        survey=survey,
        questions=service.questions_of(survey),
        locked=service.has_answers(survey),
        editable=editable,
        question_form=question_form or (QuestionForm(formdata=None) if editable else None),
        plain=PlainForm(formdata=None),
        reads_results=can_read_results(user),
    ), code


@bp.route("/<int:survey_id>")
@any_permission_required(Permission.MANAGE_SURVEYS, Permission.VIEW_SURVEY_RESULTS)
def show(survey_id: int):
    """A survey's questions; its builders add and remove them, activate it, send it."""
    return render_show(survey_or_404(signed_in_user(), survey_id))


def back_to(survey: Survey):
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.route("/<int:survey_id>/questions", methods=["POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def add_question(survey_id: int):
    survey = editable_survey_or_404(signed_in_user(), survey_id)
    form = QuestionForm()
    if not form.validate_on_submit():
        return render_show(survey, question_form=form, code=422)
    try:
        service.add_question(
            survey,
            kind=QuestionKind(form.kind.data),
            label_fr=form.label_fr.data,
            label_ar=form.label_ar.data,
            required=bool(form.required_answer.data),
            choices_fr=form.choices_fr.data,
            choices_ar=form.choices_ar.data,
        )
    except SurveyError as error:
        form.choices_fr.errors = [*form.choices_fr.errors, str(error)]
        return render_show(survey, question_form=form, code=422)
    flash(_("The question is added."), "success")
    return back_to(survey)


@bp.route("/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def remove_question(survey_id: int, question_id: int):
    survey = editable_survey_or_404(signed_in_user(), survey_id)
    question = question_or_404(survey, question_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        service.remove_question(survey, question)
    except SurveyError as error:
        flash(str(error), "danger")
    else:
        flash(_("The question is removed."), "success")
    return back_to(survey)


@bp.route("/<int:survey_id>/activate", methods=["POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def activate(survey_id: int):
    """Activate the survey (the other active one of its occasion and ecosystem stops), or
    stop it."""
    survey = editable_survey_or_404(signed_in_user(), survey_id)
    form = ActivateForm()
    if not form.validate_on_submit():
        return render_show(survey, code=422)
    try:
        service.set_active(survey, form.active.data == "1", version=form.version.data)
    except SurveyError as error:
        flash(str(error), "danger")
    else:
        flash(
            _("The survey is active: it is sent on its occasion.")
            if survey.active
            else _("The survey is stopped: it is no longer sent."),
            "success",
        )
    return back_to(survey)


@bp.route("/<int:survey_id>/send", methods=["POST"])
@permission_required(Permission.MANAGE_SURVEYS)
def send(survey_id: int):
    """Invite the members to this year's annual survey (the daily command announces it)."""
    survey = editable_survey_or_404(signed_in_user(), survey_id)
    if not PlainForm().validate_on_submit():
        abort(400)
    try:
        invited = service.send_annual(survey, clock.today())
    except SurveyError as error:
        flash(str(error), "danger")
    else:
        flash(
            _(
                "%(count)s member organisations are invited; they are told by tomorrow morning.",
                count=invited,
            ),
            "success",
        )
    return back_to(survey)


# --- results -------------------------------------------------------------------------------------


@bp.route("/<int:survey_id>/results")
@permission_required(Permission.VIEW_SURVEY_RESULTS)
def results(survey_id: int):
    """The answers of the user's scope, per question: a chart and its table (ratings and
    choices), the free texts; filtered by period, ecosystem and service."""
    user = signed_in_user()
    survey = survey_or_404(user, survey_id)
    today = clock.today()
    period = Period.parse(request.args.get("period"))
    ecosystem_id = query_int(request.args, "ecosystem")
    service_id = query_int(request.args, "service")
    scope_key = result_scope_key(user)

    def content() -> dict[str, Any]:
        respondents, found = service.results(
            user,
            survey,
            period=period,
            ecosystem_id=ecosystem_id,
            service_id=service_id,
            scope_key=scope_key,
        )
        questions = {q.id: q for q in service.questions_of(survey)}
        return {
            "respondents": respondents,
            "results": [(questions[r.question_id], r) for r in found if r.question_id in questions],
            "period": period,
            "periods": service.periods(today),
            "ecosystem_id": ecosystem_id,
            "ecosystems": records.ecosystem_choices(),
            "service_id": service_id,
            "services": service.service_choices(user, survey),
            "rating_label": rating_label,
        }

    key = (scope_key, survey.id, period.key, ecosystem_id, service_id, today.toordinal())
    return render_template(
        "surveys/results.html",
        survey=survey,
        content=kept_fragment(RESULTS_HTML, key, "surveys/_results_content.html", content),
    )


# --- answering -----------------------------------------------------------------------------------


def read_values(questions) -> dict[int, Any]:
    """The answers sent, by question id (ratings and choices as numbers)."""
    values: dict[int, Any] = {}
    for question in questions:
        raw = request.form.get(f"q-{question.id}", "")
        if question.kind == QuestionKind.TEXT:
            values[question.id] = raw[:2000]
        else:
            number = parse_int(raw)
            values[question.id] = number if number is not None else ("" if not raw else -1)
    return values


@bp.route("/invitations/<int:invitation_id>", methods=["GET", "POST"])
@signed_in_required
def respond(invitation_id: int):
    """Answer a survey the user's organisation is invited to, once."""
    user = signed_in_user()
    invitation = invitation_or_404(user, invitation_id)
    today = clock.today()
    questions = service.questions_of(invitation.survey)
    error = None
    values: dict[int, Any] = {}
    if request.method == "POST":
        form = PlainForm()
        if not form.validate_on_submit():
            error = _("The form has expired; send it again.")
        else:
            values = read_values(questions)
            try:
                service.answer(invitation, values, today)
            except SurveyError as refused:
                error = str(refused)
            else:
                flash(_("Thank you: your answers are recorded."), "success")
                return redirect(url_for("home.index"))
    code = 422 if error else 200
    return render_template(
        "surveys/respond.html",
        invitation=invitation,
        survey=invitation.survey,
        questions=questions,
        answers=service.answers_of(invitation) if invitation.answered_on else {},
        open=service.is_open(invitation, today),
        closes_on=format_day(invitation.invited_on + service.ANSWER_WITHIN),
        error=error,
        values=values,
        rating_label=rating_label,
        plain=PlainForm(formdata=None),
    ), code
