"""Helpers shared by the training route modules: the catalogue in the page's language, the
page size and page number, and what the pages show of a declined need."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, request, url_for

from portal.blueprints.training import bp
from portal.bounds import page_number, query_int
from portal.i18n import current_language
from portal.models import TrainingSession, TrainingTopic
from portal.models.reference import REGIONS
from portal.services.training.common import QUARTER
from portal.services.training.needs import decline_reason
from portal.services.training.topics import topic_list, topic_or_none


def topics_in_language(*, active_only: bool) -> list[TrainingTopic]:
    """The catalogue in the page's language's alphabetical order."""
    return topic_list(current_language(), active_only=active_only)


def demand_cell_or_404() -> tuple[TrainingTopic, str, str]:
    """The demand cell (topic, region, quarter) the query string names, else 404."""
    topic_id = query_int(request.args, "topic")
    region = request.args.get("region", "")
    quarter = request.args.get("quarter", "")
    if not topic_id or region not in REGIONS or not QUARTER.match(quarter):
        abort(404)
    topic = topic_or_none(topic_id)
    if topic is None:
        abort(404)
    return topic, region, quarter


def page_args() -> dict[str, int]:
    """The page asked for and the page size, as the services' paging arguments."""
    return {"page": page_number(request.args), "per_page": current_app.config["PAGE_SIZE"]}


def back_to(training_session: TrainingSession) -> Any:
    """Redirect to the session's page."""
    return redirect(url_for("training.session", session_id=training_session.id))


@bp.context_processor
def need_helpers() -> dict[str, Any]:
    """What the needs pages show of a declined need."""
    return {"decline_reason": decline_reason}
