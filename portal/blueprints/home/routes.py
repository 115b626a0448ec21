"""Each signed-in user lands on a home that says what to do next: the work queue named by the
user's permissions (see ``authz.home_kind`` and ``services.work_queue``)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user, login_required

from portal import clock
from portal.blueprints.home import bp
from portal.services.work_queue import home_for


@bp.route("/home")
@login_required
def index():
    """The home page of the current user: its work queue and the links to its jobs."""
    user = current_user._get_current_object()
    home = home_for(user, clock.today())
    return render_template(
        f"home/{home.kind.value}.html", home=home, user=user, organisation=user.organisation
    )
