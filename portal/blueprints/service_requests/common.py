"""Helpers shared by the service request route modules: what the request page shows of the
request's life (steps, quotes, delivery, thread) and the forms each party may use on it;
paging arguments, the reference fields by id, and the kinds of service with their labels."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, request, url_for
from flask_wtf import FlaskForm

from portal.authz.service_requests import (
    can_accept_quote,
    can_cancel,
    can_close,
    can_deliver,
    can_post_message,
    can_quote,
)
from portal.blueprints.service_requests.forms import (
    CancelForm,
    CloseForm,
    DeliveryForm,
    MessageForm,
    QuoteDecisionForm,
    QuoteForm,
)
from portal.bounds import page_number
from portal.models import AttachmentPurpose, ServiceField, ServiceKind, ServiceRequest
from portal.services import request_lifecycle as lifecycle
from portal.services import service_catalogue as catalogue
from portal.services import service_requests as service


def back_to(service_request: ServiceRequest, anchor: str | None = None) -> Any:
    """Back to the request's page (at a section when given)."""
    return redirect(url_for("service_requests.show", request_id=service_request.id, _anchor=anchor))


def flash_errors(form: FlaskForm) -> None:
    """Tell what a form refused (translated messages), once each."""
    shown = set()
    for errors in form.errors.values():
        for error in errors:
            if str(error) not in shown:
                shown.add(str(error))
                flash(str(error), "danger")


def lifecycle_context(user: Any, service_request: ServiceRequest, before: int | None) -> dict:
    """What the request page shows of the request's life, and the forms of the steps the
    user may take now (None for the others)."""
    return {
        "events": lifecycle.events_of(service_request),
        "quotes": lifecycle.quotes_of(service_request),
        "quote_files": service.attachments_of(service_request, AttachmentPurpose.QUOTE),
        "delivered_files": service.attachments_of(service_request, AttachmentPurpose.DELIVERY),
        "thread": lifecycle.thread(service_request, before=before),
        "quote_form": QuoteForm(formdata=None) if can_quote(user, service_request) else None,
        "decision_form": (
            QuoteDecisionForm(formdata=None) if can_accept_quote(user, service_request) else None
        ),
        "delivery_form": (
            DeliveryForm(formdata=None) if can_deliver(user, service_request) else None
        ),
        "close_form": CloseForm(formdata=None) if can_close(user, service_request) else None,
        "cancel_form": CancelForm(formdata=None) if can_cancel(user, service_request) else None,
        "message_form": (
            MessageForm(formdata=None) if can_post_message(user, service_request) else None
        ),
    }


def page_args() -> dict[str, int]:
    """The page asked for and the page size, as the services' paging arguments."""
    return {"page": page_number(request.args), "per_page": current_app.config["PAGE_SIZE"]}


def fields_by_id() -> dict[int, ServiceField]:
    """Every reference field by id (one query: a few dozen rows)."""
    return {
        service_field.id: service_field
        for fields in catalogue.fields_by_kind().values()
        for service_field in fields
    }


def kind_labels() -> dict[str, str]:
    """The kinds of service by value, with their labels in the current language."""
    return {kind.value: kind.label for kind in ServiceKind}
