"""The user's notifications, worded in their language."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.authz import signed_in_required
from portal.blueprints import signed_in_user
from portal.blueprints.notifications import bp
from portal.fragments import kept_fragment, query_key
from portal.i18n import current_language
from portal.models import User
from portal.services import notifications
from portal.services.cache import View
from portal.urls import safe_next

# The user's latest notifications as HTML (with their "Mark as read" forms), kept until a table
# they were read from changes: a new notification, one read (issue 11).
LIST_HTML = View("notifications-html", depends_on=(User,))


@bp.route("/")
@signed_in_required
def index():
    """The latest notifications, unread ones marked; ``?group=`` shows one group of them."""
    user = signed_in_user()
    group = request.args.get("group")
    if group not in notifications.MAIL_GROUPS:
        group = None

    def results() -> dict:
        items = [
            (n, notifications.render(n.kind, n.params, current_language()))
            for n in notifications.recent(user, group=group)
        ]
        return {"items": items, "group": group, "limit": notifications.RECENT_LIMIT}

    return render_template(
        "notifications/index.html",
        # the "Mark all as read" button, outside the kept list: read on each visit
        has_any=notifications.has_any(user, group),
        group=group,
        groups=[(key, str(label)) for key, label in notifications.MAIL_GROUPS.items()],
        results=kept_fragment(
            LIST_HTML, (user.id, *query_key()), "notifications/_list_results.html", results
        ),
    )


@bp.route("/read", methods=["POST"])
@signed_in_required
def mark_read():
    """Mark every notification as read."""
    notifications.mark_all_read(signed_in_user())
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/<int:notification_id>/open")
@signed_in_required
def open_one(notification_id: int):
    """Follow a notification's link, the notification then read; another user's answers 404."""
    notification = notifications.mark_one_read(signed_in_user(), notification_id)
    if notification is None:
        abort(404)
    return redirect(safe_next(notification.link, "notifications.index"))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@signed_in_required
def mark_one_read(notification_id: int):
    """Mark one notification as read; another user's answers 404."""
    if notifications.mark_one_read(signed_in_user(), notification_id) is None:
        abort(404)
    flash(_("The notification is marked as read."), "success")
    group = request.form.get("group")
    args = {"group": group} if group in notifications.MAIL_GROUPS else {}
    return redirect(url_for("notifications.index", **args))
