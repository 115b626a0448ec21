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
from portal.fragments import kept_fragment
from portal.i18n import localized, weekday_names
from portal.models import Ecosystem, Organisation, TrainingTopic
from portal.services.cache import View
from portal.services.ecosystems.records import ecosystem_choices
from portal.services.training import calendar

# A month's sessions as HTML with the page's ecosystem choice and feed addresses, per scope
# (role and organisation), month and chosen ecosystem (and host, as every kept part), kept
# until a table they were read from changes (issue 11). Ecosystem and Organisation are in
# depends_on (the organisation's name may come from the session without a statement), and
# TrainingTopic, should a session's topic be taken from the session too.
MONTH_HTML = View("training-calendar-html", depends_on=(Ecosystem, Organisation, TrainingTopic))


@bp.route("/calendar")
@permission_required(P.VIEW_TRAINING_SESSIONS)
def calendar_month():
    """A month of sessions (of one ecosystem, or every one the user sees), with the
    addresses of the feeds the user may follow."""
    me = signed_in_user()
    month = calendar.month_of(request.args.get("month"), clock.today())
    requested = query_int(request.args, "ecosystem")

    def content() -> dict:
        ecosystems = ecosystem_choices(calendar_ecosystem_ids(me))
        ecosystem_id = requested if requested in {e.id for e in ecosystems} else None
        return {
            "month": month,
            "ecosystems": ecosystems,
            "ecosystem_id": ecosystem_id,
            "feeds": _feeds(me, ecosystems, ecosystem_id),
            "view": calendar.month_view(me, month, ecosystem_id),
            "weekdays": weekday_names(),
        }

    return render_template(
        "training/calendar.html",
        month=month,
        content=kept_fragment(
            MONTH_HTML,
            # the scope is exactly the role and the organisation (a federation's ecosystems)
            (me.role.value, me.organisation_id, month.key, requested),
            "training/_calendar_month.html",
            content,
        ),
    )


def _feeds(me, ecosystems: list, ecosystem_id: int | None) -> list[tuple[str, str, str]]:
    """The feeds the user may follow: the chosen ecosystem's, their organisation's own."""
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
    return feeds


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
