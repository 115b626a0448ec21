"""The training calendar: the sessions of a month (an ecosystem's, or all the user sees),
and the iCalendar feeds a calendar application subscribes to (an institute's, a company's,
an ecosystem's), reached by a signed address."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from portal import clock
from portal.authz import P, permission_required, public
from portal.authz.training import calendar_ecosystem_ids, own_feed_kind
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.bounds import query_int
from portal.i18n import localized, weekday_names
from portal.services.ecosystems.records import ecosystem_choices
from portal.services.training import calendar


@bp.route("/calendar")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def calendar_month():
    """A month of sessions (of one ecosystem, or every one the user sees), with the
    addresses of the feeds the user may follow."""
    me = signed_in_user()
    month = calendar.month_of(request.args.get("month"), clock.today())
    followed = calendar_ecosystem_ids(me)
    ecosystems = ecosystem_choices(followed)
    ecosystem_id = query_int(request.args, "ecosystem")
    if ecosystem_id not in {e.id for e in ecosystems}:
        ecosystem_id = None
    view = calendar.month_view(me, month, ecosystem_id)
    feeds = []
    if ecosystem_id:
        chosen = next(e for e in ecosystems if e.id == ecosystem_id)
        feeds.append(
            ("ecosystem", localized(chosen, "name"), calendar.feed_url("ecosystem", chosen.id))
        )
    kind = own_feed_kind(me)
    if kind:
        feeds.append(
            (kind, localized(me.organisation, "name"), calendar.feed_url(kind, me.organisation_id))
        )
    return render_template(
        "training/calendar.html",
        view=view,
        month=month,
        ecosystems=ecosystems,
        ecosystem_id=ecosystem_id,
        feeds=feeds,
        weekdays=weekday_names(),
    )


@bp.route("/calendar/<token>.ics")
@public
def calendar_feed(token: str):
    """A feed of sessions, for a calendar application (its address is the key)."""
    named = calendar.read_feed_token(token)
    if named is None:
        abort(404)
    kind, object_id = named
    body = calendar.feed(kind, object_id, clock.today())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'inline; filename="sessions.ics"'},
    )
