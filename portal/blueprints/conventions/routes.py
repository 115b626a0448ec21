"""Convention pages: the list, the convention page (in full, or its public summary),
creating and editing a convention and its status; the access helpers of the blueprint."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_currency, format_percent
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.routing import BuildError

from portal import clock
from portal.authz import (
    Permission,
    can_edit_convention,
    can_record_progress,
    get_or_404,
    has_permission,
    scoped_conventions,
)
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import (
    ConventionForm,
    MeasurementForm,
    StatusForm,
)
from portal.bounds import page_number
from portal.extensions import db
from portal.models import (
    Convention,
    ConventionParty,
    ConventionStatus,
    ConventionType,
    Ecosystem,
)
from portal.services import convention_changes as service
from portal.services.conventions import (
    TRANSITIONS,
    ConventionError,
    ConventionView,
    IndicatorView,
    load_view,
    progress_by_convention,
)
from portal.services.editing import apply_edit
from portal.services.paging import paginate

EDITABLE = (
    "reference",
    "title_fr",
    "title_ar",
    "summary_fr",
    "summary_ar",
    "ecosystem_id",
    "signed_on",
    "effective_from",
    "ends_on",
    "budget_mad",
)


# --- access --------------------------------------------------------------------------------


def editors_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in (else the login page) and allowed to edit conventions (else 403)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not can_edit_convention(current_user):
            abort(403)
        return view(*args, **kwargs)

    return login_required(wrapped)


def progress_recorders_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Signed in and of a role that records convention progress (else 403); whether the
    user's organisation is a party is checked on the convention itself."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not (
            has_permission(current_user, Permission.RECORD_CONVENTION_PROGRESS)
            or can_edit_convention(current_user)
        ):
            abort(403)
        return view(*args, **kwargs)

    return login_required(wrapped)


def convention_or_404(convention_id: int) -> Convention:
    """A convention whose full page the current user may open, else 404."""
    return get_or_404(scoped_conventions(current_user).where(Convention.id == convention_id))


def parties_of(convention: Convention) -> list[ConventionParty]:
    """The live parties of a convention."""
    return list(
        db.session.execute(
            select(ConventionParty)
            .where(ConventionParty.convention_id == convention.id)
            .order_by(ConventionParty.role, ConventionParty.id)
        ).scalars()
    )


def recording_convention_or_404(convention_id: int) -> Convention:
    """A convention in the user's scope on which the user records progress (else 404/403)."""
    convention = convention_or_404(convention_id)
    if not can_record_progress(current_user, parties_of(convention)):
        abort(403)
    return convention


def user() -> Any:
    """The signed-in user as a model object (for foreign keys and services)."""
    return current_user._get_current_object()


def back_to(convention: Convention, anchor: str = "") -> Any:
    """Redirect to the convention page, at a section when given."""
    return redirect(
        url_for("conventions.show", convention_id=convention.id, _anchor=anchor or None)
    )


@bp.context_processor
def formatting() -> dict[str, Any]:
    """Percentages and amounts in MAD, formatted by Babel for the page's language."""
    return {
        "percent": lambda value: format_percent(value or 0),
        "money": lambda value: format_currency(value, "MAD") if value is not None else "—",
    }


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The address of a page of a blueprint that may not be installed (reports, documents)."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


# --- the chart of an indicator ---------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 120, 10


def indicator_chart(item: IndicatorView) -> dict[str, Any]:
    """Coordinates of a small line chart: the measurements from the baseline, and the straight
    line from baseline to target they are compared with."""
    indicator = item.indicator
    dates = [indicator.baseline_date, indicator.target_date]
    dates += [m.measured_on for m in item.measurements]
    values = [indicator.baseline, indicator.target] + [m.value for m in item.measurements]
    first, days = min(dates), (max(dates) - min(dates)).days or 1
    low, span = min(values), (max(values) - min(values)) or 1

    def point(day, value) -> tuple[float, float]:
        x = CHART_PAD + (day - first).days / days * (CHART_WIDTH - 2 * CHART_PAD)
        y = CHART_HEIGHT - CHART_PAD - float((value - low) / span) * (CHART_HEIGHT - 2 * CHART_PAD)
        return round(x, 1), round(y, 1)

    measured = [point(indicator.baseline_date, indicator.baseline)]
    measured += [point(m.measured_on, m.value) for m in item.measurements]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "trajectory": (
            point(indicator.baseline_date, indicator.baseline),
            point(indicator.target_date, indicator.target),
        ),
        "line": " ".join(f"{x},{y}" for x, y in measured),
        "dots": measured[1:],
    }


# --- pages ---------------------------------------------------------------------------------


def _parties_by_convention(ids: list[int]) -> dict[int, list[ConventionParty]]:
    grouped: dict[int, list[ConventionParty]] = defaultdict(list)
    if ids:
        for party in db.session.execute(
            select(ConventionParty)
            .where(ConventionParty.convention_id.in_(ids))
            .order_by(ConventionParty.role, ConventionParty.id)
        ).scalars():
            grouped[party.convention_id].append(party)
    return grouped


@bp.route("/")
def index():
    """Every convention but drafts (shown to those who edit them), with progress and risk."""
    query = (
        select(Convention)
        .where(Convention.deleted_at.is_(None))
        .order_by(Convention.signed_on.desc().nulls_last(), Convention.reference)
    )
    if not can_edit_convention(current_user):
        query = query.where(Convention.status != ConventionStatus.DRAFT)
    page = paginate(query, page=page_number(request.args), per_page=current_app.config["PAGE_SIZE"])
    items = list(page.items)
    return render_template(
        "conventions/index.html",
        pagination=page,
        conventions=items,
        progress=progress_by_convention(items, clock.today()),
        parties=_parties_by_convention([c.id for c in items]),
        can_edit=can_edit_convention(current_user),
    )


def render_page(
    convention: Convention,
    *,
    code: int = 200,
    status_form: StatusForm | None = None,
    measurement_forms: dict[int, MeasurementForm] | None = None,
) -> tuple[str, int]:
    """The full convention page; a form that failed is passed in to show its errors."""
    view: ConventionView = load_view(convention, clock.today())
    can_edit = can_edit_convention(current_user)
    can_record = can_record_progress(current_user, view.parties)
    allowed = TRANSITIONS[convention.status]
    if status_form is None:
        status_form = StatusForm(formdata=None, allowed=allowed)
    else:
        status_form.offer(allowed)
    forms = dict(measurement_forms or {})
    if can_record:
        for item in view.indicators:
            forms.setdefault(
                item.indicator.id,
                MeasurementForm(formdata=None, prefix=f"indicator-{item.indicator.id}"),
            )
    page = render_template(
        "conventions/show.html",
        convention=convention,
        view=view,
        can_edit=can_edit,
        can_record=can_record,
        status_form=status_form if can_edit and allowed else None,
        measurement_forms=forms,
        charts={item.indicator.id: indicator_chart(item) for item in view.indicators},
        report_url=optional_url("convention_files.report", convention_id=convention.id),
        export_url=optional_url("convention_files.export_xlsx", convention_id=convention.id),
    )
    return page, code


@bp.route("/<int:convention_id>")
def show(convention_id: int):
    """The full page for the ministry and the parties; the public summary for everyone else
    (a draft is not public)."""
    convention = (
        db.session.execute(scoped_conventions(current_user).where(Convention.id == convention_id))
        .scalars()
        .first()
    )
    if convention is not None:
        return render_page(convention)
    convention = get_or_404(
        select(Convention).where(
            Convention.id == convention_id, Convention.status != ConventionStatus.DRAFT
        )
    )
    progress, _at_risk = progress_by_convention([convention], clock.today())[convention.id]
    return render_template(
        "conventions/summary.html",
        convention=convention,
        parties=parties_of(convention),
        progress=progress,
    )


def _ecosystems() -> list[Ecosystem]:
    return list(db.session.execute(select(Ecosystem).order_by(Ecosystem.name_fr)).scalars())


def _reference_taken(reference: str, convention_id: int | None = None) -> bool:
    query = (
        select(Convention.id)
        .where(Convention.reference == reference)
        .execution_options(include_deleted=True)
    )
    if convention_id is not None:
        query = query.where(Convention.id != convention_id)
    return db.session.execute(query).first() is not None


@bp.route("/new", methods=["GET", "POST"])
@editors_only
def create():
    """Create a convention (ministry officers); it starts as a draft."""
    form = ConventionForm(ecosystems=_ecosystems())
    if form.validate_on_submit():
        form.reference.data = form.reference.data.strip()
        if _reference_taken(form.reference.data):
            form.reference.errors.append(_("Another convention already has this reference."))
        else:
            convention = Convention(
                status=ConventionStatus.DRAFT, type=ConventionType(form.type.data)
            )
            for name in EDITABLE:
                setattr(convention, name, getattr(form, name).data)
            db.session.add(convention)
            db.session.flush()
            service.record_creation(convention, user())
            flash(_("The convention is created as a draft. Add its parties."), "success")
            return back_to(convention)
    code = 422 if form.is_submitted() else 200
    return render_template("conventions/edit.html", form=form, convention=None), code


@bp.route("/<int:convention_id>/edit", methods=["GET", "POST"])
@editors_only
def edit(convention_id: int):
    """Edit a convention; a save based on an older version is refused."""
    convention = convention_or_404(convention_id)
    form = ConventionForm(obj=convention, ecosystems=_ecosystems())
    if not form.is_submitted():
        form.type.data = convention.type.value
        form.version.data = convention.version
    if form.validate_on_submit():
        form.reference.data = form.reference.data.strip()
        if _reference_taken(form.reference.data, convention.id):
            form.reference.errors.append(_("Another convention already has this reference."))
        else:
            changes = {name: getattr(form, name).data for name in EDITABLE}
            changes["type"] = ConventionType(form.type.data)
            apply_edit(convention, form.version.data, changes)
            flash(_("The convention is saved."), "success")
            return back_to(convention)
    code = 422 if form.is_submitted() else 200
    return render_template("conventions/edit.html", form=form, convention=convention), code


@bp.route("/<int:convention_id>/status", methods=["POST"])
@editors_only
def change_status(convention_id: int):
    """Move the convention along its workflow; the rules are the service's."""
    convention = convention_or_404(convention_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return render_page(convention, code=422, status_form=form)
    try:
        service.change_status(
            convention, ConventionStatus(form.status.data), user(), form.comment.data or ""
        )
    except ConventionError as error:
        flash(str(error), "danger")
        return back_to(convention, "status")
    flash(_("The convention is now: %(status)s.", status=convention.status.label), "success")
    return back_to(convention, "status")
