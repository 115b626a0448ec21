"""Each signed-in user lands on a home that says what to do next: the work queue named by the
user's permissions (see ``authz.home_kind`` and ``services.work_queue``)."""

from __future__ import annotations

from flask import render_template

from portal import clock
from portal.authz import signed_in_required
from portal.blueprints import signed_in_user
from portal.blueprints.home import bp
from portal.services.work_queue import home_for


@bp.route("/home")
@signed_in_required
def index():
    """The home page of the current user: its work queue and the links to its jobs."""
    user = signed_in_user()
    home = home_for(user, clock.today())
    return render_template(
        f"home/{home.kind.value}.html", home=home, user=user, organisation=user.organisation
    )
