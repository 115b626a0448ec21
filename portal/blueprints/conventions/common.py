"""Helpers shared by the route modules of the conventions package: the full convention page
(its indicator charts drawn by ``portal.charts``), the page of a
form about a convention, reading a form's values, going back to the convention."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import redirect, render_template, url_for
from flask_babel import format_currency, format_percent
from flask_login import current_user
from flask_wtf import FlaskForm

from portal import clock
from portal.authz.conventions import can_edit_convention, can_record_progress
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import DocumentForm, MeasurementForm, StatusForm
from portal.charts import trajectory_chart
from portal.models import Convention
from portal.services.conventions import TRANSITIONS, load_view


@bp.context_processor
def formatting() -> dict[str, Any]:
    """Percentages and amounts in MAD, formatted by Babel for the page's language."""
    return {
        "percent": lambda value: format_percent(value or 0),
        "money": lambda value: format_currency(value, "MAD") if value is not None else "—",
    }


def back_to(convention: Convention, anchor: str = "") -> Any:
    """Redirect to the convention page, at a section when given."""
    return redirect(
        url_for("conventions.show", convention_id=convention.id, _anchor=anchor or None)
    )


def form_values(form: FlaskForm, names: Iterable[str]) -> dict[str, Any]:
    """The data of the form's fields of these names, as plain values for a service."""
    return {name: getattr(form, name).data for name in names}


def form_code(form: FlaskForm) -> int:
    """The status of a form's page: 422 when it was sent with errors, else 200."""
    return 422 if form.is_submitted() else 200


def form_page(form: FlaskForm, convention: Convention, heading: str, **context: Any):
    """The page of a form about a convention: 422 when it was sent with errors."""
    page = render_template(
        "conventions/item_form.html", form=form, convention=convention, heading=heading, **context
    )
    return page, form_code(form)


# --- the convention page ---------------------------------------------------------------------


def render_page(
    convention: Convention,
    *,
    code: int = 200,
    status_form: StatusForm | None = None,
    measurement_forms: dict[int, MeasurementForm] | None = None,
    override_errors: dict[int, list[str]] | None = None,
) -> tuple[str, int]:
    """The full convention page; a form that failed is passed in to show its errors."""
    view = load_view(convention, clock.today())
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
        override_errors=override_errors or {},
        document_form=DocumentForm(formdata=None) if can_edit else None,
        charts={item.indicator.id: trajectory_chart(item) for item in view.indicators},
    )
    return page, code
