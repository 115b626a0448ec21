"""The standards catalogue (MANAGE_STANDARDS): each standard with its published clause
outline and guidance questions; a new outline version prepared from it as a draft, edited
clause by clause and published. Diagnostics keep the version they were started with."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.authz import (
    P,
    catalogue_standard_or_404,
    clause_question_or_404,
    draft_clause_or_404,
    outline_draft_or_404,
    permission_required,
)
from portal.blueprints import signed_in_user
from portal.blueprints.admin import bp
from portal.blueprints.admin.forms import ClauseForm, NewStandardForm, QuestionForm, StandardForm
from portal.fragments import kept_fragment
from portal.models import Standard, StandardClause, StandardOutline
from portal.models.certification import MAX_CLAUSE_QUESTIONS, MAX_OUTLINE_CLAUSES
from portal.services.cache import View
from portal.services.certification import outlines as service
from portal.services.certification.diagnostics import published_outline, questions_of

# The catalogue's table as HTML, the same for everyone who manages it, kept until a table it
# was read from changes (issue 11).
CATALOGUE_HTML = View("standards-catalogue-html")


def step_of_form() -> int:
    """One place up (-1) or down (+1), as the button sent it."""
    return -1 if request.form.get("step") == "up" else 1


def refused(error: service.OutlineError, endpoint: str, **values: Any) -> Any:
    flash(str(error), "danger")
    return redirect(url_for(endpoint, **values))


@bp.route("/standards")
@permission_required(P.MANAGE_STANDARDS)
def standards():
    """The catalogue: each standard with its published outline version and clause count."""
    return render_template(
        "admin/standards.html",
        results=kept_fragment(
            CATALOGUE_HTML,
            (),
            "admin/_standards_results.html",
            lambda: {"rows": service.catalogue()},
        ),
    )


@bp.route("/standards/new", methods=["GET", "POST"])
@permission_required(P.MANAGE_STANDARDS)
def new_standard():
    """Add a standard to the catalogue; its outline is then prepared and published."""
    form = NewStandardForm()
    if not form.is_submitted():
        form.active.data = True
    if form.validate_on_submit():
        changes = {name: getattr(form, name).data for name in service.STANDARD_FIELDS}
        try:
            standard = service.add_standard(form.code.data, changes)
        except service.OutlineError as error:
            form.code.errors.append(str(error))
        else:
            flash(_("The standard is added: prepare its clause outline."), "success")
            return redirect(url_for("admin.standard", standard_id=standard.id))
    code = 422 if form.is_submitted() else 200
    return render_template("admin/new_standard.html", form=form), code


@bp.route("/standards/<int:standard_id>", methods=["GET", "POST"])
@permission_required(P.MANAGE_STANDARDS)
def standard(standard_id: int):
    """A standard's published outline with its questions, and its reference, names and
    presence in the catalogue (a save based on an older version is refused)."""
    standard = catalogue_standard_or_404(standard_id)
    form = StandardForm(obj=standard)
    if not form.is_submitted():
        form.version.data = standard.version
    if form.validate_on_submit():
        changes = {name: getattr(form, name).data for name in service.STANDARD_FIELDS}
        service.save_standard(standard, form.version.data, changes)
        flash(_("The standard is saved."), "success")
        return redirect(url_for("admin.standard", standard_id=standard.id))
    page = render_template(
        "admin/standard.html",
        standard=standard,
        form=form,
        view=service.outline_view(published_outline(standard.id)),
        draft=service.draft_outline(standard),
    )
    return page, 422 if form.is_submitted() else 200


@bp.route("/standards/<int:standard_id>/draft/new", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def prepare_outline(standard_id: int):
    """Prepare a new outline version from the published one (or go on with the draft)."""
    draft = service.prepare_draft(catalogue_standard_or_404(standard_id))
    flash(
        _(
            "Version %(number)s is a draft: change it, then publish it.",
            number=draft.number,
        ),
        "success",
    )
    return redirect(url_for("admin.draft_outline", standard_id=standard_id))


def render_draft(standard: Standard, draft: StandardOutline, add_form: ClauseForm | None = None):
    view = service.outline_view(draft)
    return render_template(
        "admin/outline_draft.html",
        standard=standard,
        draft=draft,
        view=view,
        add_form=add_form or ClauseForm(formdata=None),
        full=len(view.clauses) >= MAX_OUTLINE_CLAUSES,
        max_clauses=MAX_OUTLINE_CLAUSES,
    )


@bp.route("/standards/<int:standard_id>/draft")
@permission_required(P.MANAGE_STANDARDS)
def draft_outline(standard_id: int):
    """The draft version: its clauses in order, to add, change, move and remove."""
    standard = catalogue_standard_or_404(standard_id)
    return render_draft(standard, outline_draft_or_404(standard))


@bp.route("/standards/<int:standard_id>/draft/clauses", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def add_clause(standard_id: int):
    """Add a clause to the draft, last or at the place given."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    form = ClauseForm()
    if not form.validate_on_submit():
        return render_draft(standard, draft, form), 422
    changes = {name: getattr(form, name).data for name in service.CLAUSE_FIELDS}
    try:
        clause = service.add_clause(draft, changes, form.position.data)
    except service.OutlineError as error:
        return refused(error, "admin.draft_outline", standard_id=standard.id)
    flash(_("Clause %(number)s is added.", number=clause.number), "success")
    return redirect(
        url_for("admin.draft_outline", standard_id=standard.id, _anchor=f"clause-{clause.id}")
    )


@bp.route("/standards/<int:standard_id>/draft/clauses/<int:clause_id>", methods=["GET", "POST"])
@permission_required(P.MANAGE_STANDARDS)
def draft_clause(standard_id: int, clause_id: int):
    """A clause of the draft: number, titles, place, and its guidance questions."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    clause = draft_clause_or_404(draft, clause_id)
    form = ClauseForm(obj=clause)
    if not form.is_submitted():
        form.position.data = clause.position
    if form.validate_on_submit():
        changes = {name: getattr(form, name).data for name in service.CLAUSE_FIELDS}
        try:
            service.edit_clause(draft, clause, changes, form.position.data)
        except service.OutlineError as error:
            form.number.errors.append(str(error))
        else:
            flash(_("Clause %(number)s is saved.", number=clause.number), "success")
            return redirect(
                url_for(
                    "admin.draft_outline", standard_id=standard.id, _anchor=f"clause-{clause.id}"
                )
            )
    return render_clause(standard, draft, clause, form, 422 if form.is_submitted() else 200)


def render_clause(
    standard: Standard,
    draft: StandardOutline,
    clause: StandardClause,
    form: ClauseForm | None = None,
    code: int = 200,
    question_form: QuestionForm | None = None,
    failed: tuple[int, QuestionForm] | None = None,
):
    questions = questions_of([clause]).get(clause.id, [])
    edit_forms = {q.id: QuestionForm(formdata=None, prefix=f"q-{q.id}", obj=q) for q in questions}
    if failed is not None:
        edit_forms[failed[0]] = failed[1]
    page = render_template(
        "admin/outline_clause.html",
        standard=standard,
        draft=draft,
        clause=clause,
        form=form or ClauseForm(formdata=None, obj=clause, position=clause.position),
        questions=questions,
        edit_forms=edit_forms,
        question_form=question_form or QuestionForm(formdata=None, prefix="new"),
        full=len(questions) >= MAX_CLAUSE_QUESTIONS,
        max_questions=MAX_CLAUSE_QUESTIONS,
    )
    return page, code


@bp.route("/standards/<int:standard_id>/draft/clauses/<int:clause_id>/move", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def move_clause(standard_id: int, clause_id: int):
    """Move a clause of the draft one place up or down."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    clause = draft_clause_or_404(draft, clause_id)
    service.move_clause(draft, clause, step_of_form())
    return redirect(
        url_for("admin.draft_outline", standard_id=standard.id, _anchor=f"clause-{clause.id}")
    )


@bp.route("/standards/<int:standard_id>/draft/clauses/<int:clause_id>/remove", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def remove_clause(standard_id: int, clause_id: int):
    """Take a clause and its questions out of the draft."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    clause = draft_clause_or_404(draft, clause_id)
    service.remove_clause(draft, clause)
    flash(_("Clause %(number)s is removed from the draft.", number=clause.number), "success")
    return redirect(url_for("admin.draft_outline", standard_id=standard.id))


@bp.route("/standards/<int:standard_id>/draft/clauses/<int:clause_id>/questions", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def add_question(standard_id: int, clause_id: int):
    """Add a guidance question under a clause of the draft."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    clause = draft_clause_or_404(draft, clause_id)
    form = QuestionForm(prefix="new")
    if not form.validate_on_submit():
        return render_clause(standard, draft, clause, code=422, question_form=form)
    try:
        service.add_question(clause, form.text_fr.data, form.text_ar.data)
    except service.OutlineError as error:
        return refused(error, "admin.draft_clause", standard_id=standard.id, clause_id=clause.id)
    flash(_("The question is added."), "success")
    return redirect(url_for("admin.draft_clause", standard_id=standard.id, clause_id=clause.id))


QUESTION = "/standards/<int:standard_id>/draft/clauses/<int:clause_id>/questions/<int:question_id>"


def question_route(action: str) -> str:
    return QUESTION + (f"/{action}" if action else "")


@bp.route(question_route(""), methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def edit_question(standard_id: int, clause_id: int, question_id: int):
    """Change the wording of a guidance question."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    clause = draft_clause_or_404(draft, clause_id)
    question = clause_question_or_404(clause, question_id)
    form = QuestionForm(prefix=f"q-{question.id}")
    if not form.validate_on_submit():
        return render_clause(standard, draft, clause, code=422, failed=(question.id, form))
    service.edit_question(question, form.text_fr.data, form.text_ar.data)
    flash(_("The question is saved."), "success")
    return redirect(url_for("admin.draft_clause", standard_id=standard.id, clause_id=clause.id))


@bp.route(question_route("move"), methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def move_question(standard_id: int, clause_id: int, question_id: int):
    """Move a guidance question one place up or down."""
    standard = catalogue_standard_or_404(standard_id)
    clause = draft_clause_or_404(outline_draft_or_404(standard), clause_id)
    service.move_question(clause, clause_question_or_404(clause, question_id), step_of_form())
    return redirect(url_for("admin.draft_clause", standard_id=standard.id, clause_id=clause.id))


@bp.route(question_route("remove"), methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def remove_question(standard_id: int, clause_id: int, question_id: int):
    """Take a guidance question out of the clause."""
    standard = catalogue_standard_or_404(standard_id)
    clause = draft_clause_or_404(outline_draft_or_404(standard), clause_id)
    service.remove_question(clause, clause_question_or_404(clause, question_id))
    flash(_("The question is removed."), "success")
    return redirect(url_for("admin.draft_clause", standard_id=standard.id, clause_id=clause.id))


@bp.route("/standards/<int:standard_id>/draft/publish", methods=["POST"])
@permission_required(P.MANAGE_STANDARDS)
def publish_outline(standard_id: int):
    """Publish the draft: diagnostics started from now on rate it."""
    standard = catalogue_standard_or_404(standard_id)
    draft = outline_draft_or_404(standard)
    try:
        service.publish_draft(draft, signed_in_user())
    except service.OutlineError as error:
        return refused(error, "admin.draft_outline", standard_id=standard.id)
    flash(
        _(
            "Version %(number)s is published: diagnostics started from now on rate it; "
            "those started before keep their version.",
            number=draft.number,
        ),
        "success",
    )
    return redirect(url_for("admin.standard", standard_id=standard.id))
