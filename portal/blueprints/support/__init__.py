"""Certification support: support cases from request to certificate, audits and
nonconformities, certificates, their public verification, and the pipeline."""

from flask import Blueprint

bp = Blueprint("support", __name__)

from portal.blueprints.support import audit_routes, certificate_routes, routes  # noqa: E402,F401
