"""Each role lands on a page that shows its own figures and what it can do next."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from portal.blueprints.home import bp
from portal.models import Role
from portal.services import dashboard
from portal.services.audit_view import describe_all


@bp.route("/home")
@login_required
def index():
    """The home page of the current user's role."""
    user = current_user._get_current_object()
    context: dict = {"user": user, "organisation": user.organisation}
    if user.role == Role.ADMIN:
        context["counts"] = dashboard.platform_counts()
        context["recent_changes"] = describe_all(dashboard.recent_audit_entries())
        context["summaries"] = dashboard.public_ecosystem_summaries()
        template = "home/admin.html"
    elif user.role == Role.MINISTRY_OFFICER:
        context["summaries"] = dashboard.public_ecosystem_summaries()
        context["pending"], context["pending_total"] = dashboard.pending_requests(user)
        template = "home/ministry.html"
    elif user.role == Role.FEDERATION_STAFF:
        context["summaries"] = dashboard.federation_summaries(user)
        context["pending"], context["pending_total"] = dashboard.pending_requests(user)
        template = "home/federation.html"
    else:
        context["memberships"] = dashboard.own_memberships(user)
        template = "home/member.html"
    return render_template(template, **context)
