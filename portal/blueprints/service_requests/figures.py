"""The bodies' figures on service requests: a body its own, federation staff every body's
over their ecosystems' members' requests, the ministry and administrators every body (a
sorted page of ``body_figures.PER_PAGE`` bodies, each linked to its page)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from portal import clock
from portal.authz import Permission, permission_required
from portal.authz.service_requests import sees_every_body
from portal.blueprints import signed_in_user
from portal.blueprints.service_requests import bp
from portal.bounds import page_number
from portal.fragments import kept_fragment, query_key
from portal.services import body_figures
from portal.services.cache import View
from portal.services.service_requests import RESPONSE_DAYS

# The figures' content as HTML, per viewer, role and organisation (the bodies they see, those
# they may open), day and query, kept until a table it was read from changes (issue 11): a
# page of bodies is some 250 numbers to format. It depends on what the figures depend on
# (the bodies' names and links are read from the same tables).
FIGURES_HTML = View("body-figures-html", depends_on=body_figures.FIGURES.depends_on)


@bp.route("/figures")
@permission_required(Permission.VIEW_SERVICE_FIGURES)
def figures():
    """Requests received, median days to the first answer, share answered within 15 days
    and ratings, per body, over a period."""
    user = signed_in_user()
    today = clock.today()
    every_body = sees_every_body(user)

    def content() -> dict[str, Any]:
        period = body_figures.Period.parse(request.args.get("period"), today)
        page = body_figures.figures_page(
            user,
            period,
            today,
            sort=request.args.get("sort", "received"),
            descending=request.args.get("order") != "asc",
            page=page_number(request.args),
            body_ids=None if every_body else [user.organisation_id],
        )
        return {
            "page": page,
            "period": period,
            "periods": body_figures.PERIODS,
            "every_body": every_body,
            "response_days": RESPONSE_DAYS,
        }

    return render_template(
        "service_requests/figures.html",
        every_body=every_body,
        content=kept_fragment(
            FIGURES_HTML,
            (user.id, user.role.value, user.organisation_id, today.toordinal(), *query_key()),
            "service_requests/_figures_content.html",
            content,
        ),
    )
