"""The steps of a service request after it is filed: the body's quote and delivery, the
company's decision on the quote, closing with a rating and cancelling, and the messages of
the thread. Each route loads the request through ``request_or_404`` (another body's or
company's request answers 404), answers 403 to a user who is not the party taking that step,
and lets the service check the request's status; a refused step is a translated message on
the request's page, with nothing changed."""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _

from portal import clock
from portal.authz import Permission, permission_required
from portal.authz.service_requests import (
    is_addressed_body,
    is_requester,
    request_or_404,
)
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.blueprints.service_requests.common import back_to, flash_errors
from portal.blueprints.service_requests.forms import (
    CancelForm,
    CloseForm,
    DeliveryForm,
    MessageForm,
    QuoteDecisionForm,
    QuoteForm,
)
from portal.services import request_lifecycle as lifecycle
from portal.services.attachments import AttachmentRefused
from portal.services.service_requests import ServiceRequestError


def _as_body(request_id: int):
    user = signed_in_user()
    service_request = request_or_404(user, request_id)
    if not is_addressed_body(user, service_request):
        abort(403)
    return user, service_request


def _as_requester(request_id: int):
    user = signed_in_user()
    service_request = request_or_404(user, request_id)
    if not is_requester(user, service_request):
        abort(403)
    return user, service_request


@bp.route("/<int:request_id>/quote", methods=["POST"])
@permission_required(Permission.ANSWER_SERVICE_REQUESTS)
def quote(request_id: int):
    """The addressed body sends a quote (or a revised one)."""
    user, service_request = _as_body(request_id)
    form = QuoteForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request, "quote")
    try:
        lifecycle.send_quote(
            service_request,
            amount=form.amount.data,
            lead_time_days=form.lead_time_days.data,
            valid_until=form.valid_until.data,
            comment=form.comment.data,
            files=form.uploads(),
            actor=user,
            today=clock.today(),
            version=form.version.data,
        )
    except (ServiceRequestError, AttachmentRefused) as error:
        flash(str(error), "danger")
        return back_to(service_request, "quote")
    flash(_("Your quote is sent to the company."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/quote/accept", methods=["POST"])
@permission_required(Permission.FILE_SERVICE_REQUESTS)
def accept_quote(request_id: int):
    """The company accepts the quote: the body starts the work."""
    user, service_request = _as_requester(request_id)
    form = QuoteDecisionForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request)
    try:
        lifecycle.accept_quote(
            service_request, actor=user, today=clock.today(), version=form.version.data
        )
    except ServiceRequestError as error:
        flash(str(error), "danger")
    else:
        flash(_("You accepted the quote; the body is told to start the work."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/quote/decline", methods=["POST"])
@permission_required(Permission.FILE_SERVICE_REQUESTS)
def decline_quote(request_id: int):
    """The company declines the quote, saying why."""
    user, service_request = _as_requester(request_id)
    form = QuoteDecisionForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request)
    try:
        lifecycle.decline_quote(
            service_request,
            reason=form.reason.data,
            actor=user,
            today=clock.today(),
            version=form.version.data,
        )
    except ServiceRequestError as error:
        flash(str(error), "danger")
    else:
        flash(_("You declined the quote; the body may send a revised one."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/deliver", methods=["POST"])
@permission_required(Permission.ANSWER_SERVICE_REQUESTS)
def deliver(request_id: int):
    """The body delivers its report or certificate files."""
    user, service_request = _as_body(request_id)
    form = DeliveryForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request, "deliver")
    try:
        lifecycle.deliver(
            service_request,
            comment=form.comment.data,
            files=form.uploads(),
            actor=user,
            today=clock.today(),
            version=form.version.data,
        )
    except (ServiceRequestError, AttachmentRefused) as error:
        flash(str(error), "danger")
        return back_to(service_request, "deliver")
    flash(_("The delivery is sent to the company, which closes the request."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/close", methods=["POST"])
@permission_required(Permission.FILE_SERVICE_REQUESTS)
def close(request_id: int):
    """The company closes a delivered request and rates the service."""
    user, service_request = _as_requester(request_id)
    form = CloseForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request, "close")
    try:
        lifecycle.close(
            service_request,
            rating=form.rating.data,
            comment=form.comment.data,
            actor=user,
            today=clock.today(),
            version=form.version.data,
        )
    except ServiceRequestError as error:
        flash(str(error), "danger")
    else:
        flash(_("The request is closed. Thank you for your rating."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/cancel", methods=["POST"])
@permission_required(Permission.FILE_SERVICE_REQUESTS)
def cancel(request_id: int):
    """The company cancels its request, saying why."""
    user, service_request = _as_requester(request_id)
    form = CancelForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request, "cancel")
    try:
        lifecycle.cancel(
            service_request,
            reason=form.reason.data,
            actor=user,
            today=clock.today(),
            version=form.version.data,
        )
    except ServiceRequestError as error:
        flash(str(error), "danger")
    else:
        flash(_("The request is cancelled; the body is told."), "success")
    return back_to(service_request)


@bp.route("/<int:request_id>/messages", methods=["POST"])
@permission_required(Permission.VIEW_SERVICE_REQUESTS)
def post_message(request_id: int):
    """The company or the body writes on the request's thread (the others read it)."""
    user = signed_in_user()
    service_request = request_or_404(user, request_id)
    if not (is_requester(user, service_request) or is_addressed_body(user, service_request)):
        abort(403)
    form = MessageForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return back_to(service_request, "thread")
    try:
        lifecycle.post_message(
            service_request, text=form.text.data, files=form.uploads(), actor=user
        )
    except (ServiceRequestError, AttachmentRefused) as error:
        flash(str(error), "danger")
    else:
        flash(_("Your message is sent."), "success")
    return back_to(service_request, "thread")
