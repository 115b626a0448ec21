"""Service request pages: the list (overdue flagged), filing a request with attachments,
one request with the body's response, and attachment downloads.

Requests are loaded through ``request_scope``: one the user may not see answers 404, its
attachments too; a role that has no business with requests (institutes) answers 403.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, render_template, request
from flask_babel import gettext as _

from portal import clock
from portal.authz import Permission, can_respond, has_permission, permission_required
from portal.authz.service_requests import (
    DECLINABLE,
    request_attachment_or_404,
    request_or_404,
    sees_addressed_body,
    sees_requesting_company,
)
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.blueprints.service_requests.common import back_to, lifecycle_context
from portal.blueprints.service_requests.forms import (
    ResponseForm,
    ServiceChoiceForm,
    ServiceRequestForm,
)
from portal.bounds import page_number, parse_int, query_int
from portal.downloads import attachment_download
from portal.fragments import kept_fragment, query_key
from portal.i18n import format_day, localized
from portal.models import (
    Ecosystem,
    Membership,
    Organisation,
    ServiceField,
    ServiceKind,
    ServiceRequest,
    ServiceRequestStatus,
    User,
)
from portal.models.reference import REGIONS
from portal.services import service_catalogue as catalogue
from portal.services import service_requests as service
from portal.services.attachments import AttachmentRefused
from portal.services.cache import View
from portal.services.file_store import REQUEST_ATTACHMENTS
from portal.services.service_requests import (
    Filters,
    ServiceRequestError,
    deadline,
)

# The list's count, rows and pager as HTML, per viewer (their scope: a company's requests, a
# body's, a federation's members'), kept until a table they were read from changes (issue 11).
LIST_HTML = View("service-requests-html", depends_on=(User, Organisation, Ecosystem, Membership))


def response_message(action: str, service_request: ServiceRequest) -> str:
    """What the body is told once its response is recorded."""
    if action == "accept":
        return _(
            "The request is accepted. Answer it by %(date)s.",
            date=format_day(service_request.respond_by),
        )
    if action == "answer":
        return _("Your answer is sent to the company.")
    return _("The request is declined; the company sees your reason.")


@bp.route("/")
@permission_required(Permission.VIEW_SERVICE_REQUESTS)
def index():
    """The requests the user may see, filtered by status and service; overdue ones flagged
    (and first, for bodies and federations)."""
    user = signed_in_user()
    today = clock.today()
    filters = Filters.from_args(request.args)
    show_company = sees_requesting_company(user)
    show_body = sees_addressed_body(user)

    def results() -> dict:
        page = service.list_page(
            user,
            filters,
            today,
            page=page_number(request.args),
            per_page=current_app.config["PAGE_SIZE"],
        )
        items = list(page.items)
        return {
            "pagination": page,
            "service_requests": items,
            "deadlines": {item.id: deadline(item, today) for item in items},
            "filters": filters,
            "show_company": show_company,
            "show_body": show_body,
        }

    return render_template(
        "service_requests/index.html",
        overdue=service.overdue_count(user, today),
        filters=filters,
        status_options=[(s.value, s.label) for s in ServiceRequestStatus]
        + [("overdue", _("Overdue"))],
        kind_options=[(k.value, k.label) for k in ServiceKind],
        can_file=has_permission(user, Permission.FILE_SERVICE_REQUESTS),
        can_see_figures=has_permission(user, Permission.VIEW_SERVICE_FIGURES),
        results=kept_fragment(
            LIST_HTML,
            (user.id, today.toordinal(), *query_key()),
            "service_requests/_list_results.html",
            results,
        ),
    )


def chosen_service(values: Any, default_region: str | None) -> tuple[ServiceField | None, str]:
    """The field of service (hence its kind) and the region read from a form or query
    string: None when the field is not a known one; the region defaults to the company's."""
    field_id = parse_int(values.get("field_id"))
    service_field = catalogue.fields_by_id([field_id]).get(field_id) if field_id else None
    region = values.get("region") or ""
    return service_field, region if region in REGIONS else (default_region or "")


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.FILE_SERVICE_REQUESTS)
def new():
    """An SME asks for a service: first the service and region (a GET form), then one of the
    bodies whose catalogue covers them (accredited first), with optional attachments."""
    user = signed_in_user()
    today = clock.today()
    values = request.form if request.method == "POST" else request.args
    service_field, region = chosen_service(values, user.organisation.region)
    choice = ServiceChoiceForm(
        request.args, fields=catalogue.fields_by_kind(), meta={"csrf": False}
    )
    if service_field is not None:
        choice.field_id.data = service_field.id
    choice.region.data = region
    providers = (
        catalogue.providers_for(service_field.kind, service_field.id, region, today)
        if service_field is not None
        else []
    )
    form = ServiceRequestForm(providers=providers)
    if service_field is not None and form.validate_on_submit():
        try:
            filed = service.file_request(
                user.organisation,
                body_id=form.body_id.data,
                kind=service_field.kind,
                field_id=service_field.id,
                region=region,
                subject=form.subject.data,
                description=form.description.data,
                files=form.uploads(),
                actor=user,
                today=today,
            )
        except AttachmentRefused as error:
            form.attachments.errors = [*form.attachments.errors, str(error)]
        except ServiceRequestError as error:
            form.body_id.errors = [*form.body_id.errors, str(error)]
        else:
            flash(
                _(
                    "Your request is sent to %(body)s, which should answer by %(date)s.",
                    body=localized(filed.body, "name"),
                    date=format_day(filed.respond_by),
                ),
                "success",
            )
            return back_to(filed)
    elif request.method == "POST" and service_field is None:
        choice.field_id.errors = [_("Choose the field of the service requested.")]
    form.field_id.data = service_field.id if service_field else ""
    form.region.data = region
    code = 422 if request.method == "POST" else 200
    page = render_template(
        "service_requests/new.html",
        choice=choice,
        form=form,
        service_field=service_field,
        region=region,
        providers=providers,
        can_declare_needs=has_permission(user, Permission.DECLARE_INFRASTRUCTURE_NEEDS),
    )
    return page, code


def render_show(
    service_request: ServiceRequest, *, form: ResponseForm | None = None, code: int = 200
) -> tuple[str, int]:
    """The request page with its steps, quotes, delivery and thread, and the forms of the
    steps the user may take; a response form that failed is passed in to show its errors."""
    user = signed_in_user()
    responding = can_respond(user, service_request)
    if responding and form is None:
        form = ResponseForm(formdata=None)
    page = render_template(
        "service_requests/show.html",
        service_request=service_request,
        attachments=service.attachments_of(service_request),
        state=deadline(service_request, clock.today()),
        form=form if responding else None,
        open_statuses=service.OPEN_STATUSES,
        declinable=DECLINABLE,
        **lifecycle_context(user, service_request, query_int(request.args, "before")),
    )
    return page, code


@bp.route("/<int:request_id>")
@permission_required(Permission.VIEW_SERVICE_REQUESTS)
def show(request_id: int):
    """One request with its attachments, countdown, steps, quotes, delivery and thread (the
    latest messages; ``before`` pages back through earlier ones)."""
    return render_show(request_or_404(signed_in_user(), request_id))


@bp.route("/<int:request_id>/respond", methods=["POST"])
@permission_required(Permission.ANSWER_SERVICE_REQUESTS)
def respond(request_id: int):
    """The addressed body accepts, answers or declines the request."""
    user = signed_in_user()
    service_request = request_or_404(user, request_id)
    if not can_respond(user, service_request):
        abort(403)
    form = ResponseForm()
    if not form.validate_on_submit():
        return render_show(service_request, form=form, code=422)
    action = form.action.data
    try:
        service.respond(
            service_request,
            action,
            version=form.version.data,
            text=form.text.data,
            today=clock.today(),
            actor=user,
        )
    except ServiceRequestError as error:
        flash(str(error), "danger")
    else:
        flash(response_message(action, service_request), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/attachments/<int:attachment_id>")
@permission_required(Permission.VIEW_SERVICE_REQUESTS)
def attachment(request_id: int, attachment_id: int):
    """An attachment, as a download, to those who may see its request."""
    stored = request_attachment_or_404(signed_in_user(), request_id, attachment_id)
    return attachment_download(REQUEST_ATTACHMENTS, stored)
