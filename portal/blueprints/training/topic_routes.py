"""The bilingual catalogue of training topics."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from portal.authz import get_or_404, roles_required
from portal.blueprints.training import bp
from portal.blueprints.training.forms import (
    TopicForm,
)
from portal.blueprints.training.needs_routes import (
    TOPIC_EDITORS,
    topic_list,
)
from portal.extensions import db
from portal.models import (
    TrainingTopic,
)
from portal.services.editing import apply_edit

# --- topics ----------------------------------------------------------------------------------


def _code_taken(code: str, topic_id: int | None) -> bool:
    query = (
        select(TrainingTopic.id)
        .where(TrainingTopic.code == code)
        .execution_options(include_deleted=True)
    )
    if topic_id is not None:
        query = query.where(TrainingTopic.id != topic_id)
    return db.session.execute(query).first() is not None


@bp.route("/topics")
@login_required
def topics():
    """The bilingual topic catalogue; its editors also see the topics taken out of it."""
    can_edit = current_user.role in TOPIC_EDITORS
    return render_template(
        "training/topics.html", topics=topic_list(active_only=not can_edit), can_edit=can_edit
    )


TOPIC_FIELDS = ("code", "name_fr", "name_ar", "description_fr", "description_ar", "active")


@bp.route("/topics/new", methods=["GET", "POST"])
@bp.route("/topics/<int:topic_id>/edit", methods=["GET", "POST"])
@roles_required(*TOPIC_EDITORS)
def edit_topic(topic_id: int | None = None):
    """Add a topic to the catalogue or edit one (a save based on an older version is refused)."""
    topic = None
    if topic_id is not None:
        topic = get_or_404(select(TrainingTopic).where(TrainingTopic.id == topic_id))
    form = TopicForm(obj=topic)
    if topic is not None and not form.is_submitted():
        form.version.data = topic.version
    if form.validate_on_submit():
        if _code_taken(form.code.data, topic_id):
            form.code.errors.append(_("Another topic already has this code."))
        else:
            changes = {name: getattr(form, name).data for name in TOPIC_FIELDS}
            if topic is None:
                db.session.add(TrainingTopic(**changes))
                db.session.flush()
            else:
                apply_edit(topic, form.version.data, changes)
            flash(_("The topic is saved."), "success")
            return redirect(url_for("training.topics"))
    code = 422 if form.is_submitted() else 200
    return render_template("training/topics_edit.html", form=form, topic=topic), code
