"""The user's notifications, worded in their language."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.authz import signed_in_required
from portal.blueprints import signed_in_user
from portal.blueprints.notifications import bp
from portal.i18n import current_language
from portal.services import notifications


@bp.route("/")
@signed_in_required
def index():
    """The latest notifications, unread ones marked."""
    user = signed_in_user()
    items = [
        (n, notifications.render(n.kind, n.params, current_language()))
        for n in notifications.recent(user)
    ]
    return render_template("notifications/index.html", items=items)


@bp.route("/read", methods=["POST"])
@signed_in_required
def mark_read():
    """Mark every notification as read."""
    notifications.mark_all_read(signed_in_user())
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))
