"""Certification support: support cases from request to certificate, their diagnostics and
action plans, audits and nonconformities, certificates, their public verification, and the
pipeline. URLs under /support and /certificates."""

from flask import Blueprint

bp = Blueprint("certification", __name__)

from portal.blueprints.certification import (  # noqa: E402,F401
    audit_routes,
    case_routes,
    certificate_routes,
    diagnostic_routes,
    export_routes,
    plan_routes,
    quality_routes,
    steering_routes,
)
