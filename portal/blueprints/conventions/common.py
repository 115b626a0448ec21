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
from markupsafe import Markup

from portal import clock
from portal.authz.conventions import can_edit_convention, can_record_progress
from portal.blueprints.conventions import bp
from portal.blueprints.conventions.forms import DocumentForm, MeasurementForm, StatusForm
from portal.charts import trajectory_chart
from portal.fragments import kept_fragment
from portal.models import Convention, Ecosystem, Organisation, User
from portal.services.cache import View
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


# The convention page's content as HTML, per viewer's role and organisation (what they may
# edit and record) and day (lateness, trajectories), kept until a table it was read from
# changes; its forms get the session's CSRF token and fresh one-time tokens when served.
# Drawing it cost 8–10 ms a visit (issue 11). What the route read before: the convention (and
# its ecosystem), the viewer.
PAGE_HTML = View("convention-page-html", depends_on=(Convention, Ecosystem, Organisation, User))


def render_page(
    convention: Convention,
    *,
    code: int = 200,
    status_form: StatusForm | None = None,
    measurement_forms: dict[int, MeasurementForm] | None = None,
    override_errors: dict[int, list[str]] | None = None,
) -> tuple[str, int]:
    """The full convention page; a form that failed is passed in to show its errors (the
    page is then drawn afresh, not kept)."""
    today = clock.today()
    can_edit = can_edit_convention(current_user)
    allowed = TRANSITIONS[convention.status]

    def context() -> dict[str, Any]:
        view = load_view(convention, today)
        can_record = can_record_progress(current_user, view.parties)
        shown_status_form = status_form
        if shown_status_form is None:
            shown_status_form = StatusForm(formdata=None, allowed=allowed)
        else:
            shown_status_form.offer(allowed)
        forms = dict(measurement_forms or {})
        if can_record:
            for item in view.indicators:
                forms.setdefault(
                    item.indicator.id,
                    MeasurementForm(formdata=None, prefix=f"indicator-{item.indicator.id}"),
                )
        return {
            "convention": convention,
            "view": view,
            "can_edit": can_edit,
            "can_record": can_record,
            "status_form": shown_status_form if can_edit and allowed else None,
            "measurement_forms": forms,
            "override_errors": override_errors or {},
            "document_form": DocumentForm(formdata=None) if can_edit else None,
            "charts": {item.indicator.id: trajectory_chart(item) for item in view.indicators},
        }

    template = "conventions/_show_content.html"
    if status_form is None and not measurement_forms and not override_errors:
        viewer = (current_user.role.value, current_user.organisation_id or 0)
        key = (convention.id, *viewer, today.toordinal())
        content = kept_fragment(PAGE_HTML, key, template, context)
    else:
        content = Markup(render_template(template, **context()))  # noqa: S704 - Jinja's
    page = render_template("conventions/show.html", convention=convention, content=content)
    return page, code
