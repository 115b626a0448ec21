"""Helpers shared by the service request pages: paging arguments, the reference fields by
id, and a field's label with its kind."""

from __future__ import annotations

from flask import current_app, request

from portal.bounds import page_number
from portal.models import ServiceField, ServiceKind
from portal.services import service_catalogue as catalogue


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
