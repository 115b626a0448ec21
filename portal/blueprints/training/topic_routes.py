"""The bilingual catalogue of training topics."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from portal import clock
from portal.authz import P, permission_required, signed_in_required
from portal.authz.training import can_manage_topics, clause_topic_or_404
from portal.blueprints import signed_in_user
from portal.blueprints.training import bp
from portal.blueprints.training.common import page_args, topics_in_language
from portal.blueprints.training.forms import ClauseTopicForm, TopicForm
from portal.fragments import kept_fragment, query_key
from portal.models import Standard, TrainingTopic
from portal.services.cache import View
from portal.services.certification.lookups import standards as certification_standards
from portal.services.training import from_diagnostics
from portal.services.training import topics as service
from portal.services.training.common import TrainingError

# The clauses' training topics (table and pager) as HTML, the same for everyone who manages
# topics, kept until a table they were read from changes (issue 11). The form's standards and
# topics are read before, and a row's are then taken from the session without a statement:
# they are in depends_on.
CLAUSE_TOPICS_HTML = View("clause-topics-html", depends_on=(Standard, TrainingTopic))
# The blank form adding to the mapping (its choices: the standards and the active topics).
CLAUSE_TOPIC_FORM_HTML = View("clause-topic-form-html", depends_on=(Standard, TrainingTopic))
FORM_TEMPLATE = "training/_clause_topic_form.html"


@bp.route("/topics")
@signed_in_required
def topics():
    """The bilingual topic catalogue; its editors also see the topics taken out of it."""
    can_edit = can_manage_topics(signed_in_user())
    return render_template(
        "training/topics.html",
        topics=topics_in_language(active_only=not can_edit),
        can_edit=can_edit,
    )


@bp.route("/topics/new", methods=["GET", "POST"])
@bp.route("/topics/<int:topic_id>/edit", methods=["GET", "POST"])
@permission_required(P.MANAGE_TRAINING_TOPICS)
def edit_topic(topic_id: int | None = None):
    """Add a topic to the catalogue or edit one (a save based on an older version is refused)."""
    topic = None if topic_id is None else service.topic_or_none(topic_id)
    if topic_id is not None and topic is None:
        abort(404)
    form = TopicForm(obj=topic)
    if topic is not None and not form.is_submitted():
        form.version.data = topic.version
    if form.validate_on_submit():
        changes = {name: getattr(form, name).data for name in service.TOPIC_FIELDS}
        try:
            service.save_topic(topic, changes, form.version.data)
        except service.TopicCodeTaken as error:
            form.code.errors.append(str(error))
        else:
            flash(_("The topic is saved."), "success")
            return redirect(url_for("training.topics"))
    code = 422 if form.is_submitted() else 200
    return render_template("training/topics_edit.html", form=form, topic=topic), code


@bp.route("/topics/clauses", methods=["GET", "POST"])
@permission_required(P.MANAGE_TRAINING_TOPICS)
def clause_topics():
    """Which training topics a diagnostic proposes for a clause rated low: the mapping, and
    adding to it."""

    def add_form(**kwargs) -> ClauseTopicForm:
        return ClauseTopicForm(
            standards=certification_standards(),
            topics=topics_in_language(active_only=True),
            **kwargs,
        )

    refused = None
    if request.method == "POST":
        form = add_form()
        if form.validate_on_submit():
            try:
                from_diagnostics.add_clause_topic(
                    form.standard_id.data, form.clause_number.data, form.topic_id.data
                )
            except TrainingError as error:
                form.clause_number.errors.append(str(error))
            else:
                flash(_("The topic is proposed for the clause."), "success")
                return redirect(url_for("training.clause_topics"))
        refused = Markup(render_template(FORM_TEMPLATE, form=form))  # noqa: S704 - Jinja's

    def results() -> dict:
        mapping = from_diagnostics.clause_topics_page(**page_args())
        return {"pagination": mapping, "rows": mapping.items}

    return render_template(
        "training/clause_topics.html",
        # the blank form (its standards' and topics' choices) is kept like the rows
        add_form=refused
        or kept_fragment(
            CLAUSE_TOPIC_FORM_HTML, (), FORM_TEMPLATE, lambda: {"form": add_form(formdata=None)}
        ),
        results=kept_fragment(
            CLAUSE_TOPICS_HTML,
            query_key(),
            "training/_clause_topics_results.html",
            results,
        ),
    ), 422 if refused is not None else 200


@bp.route("/topics/clauses/<int:mapping_id>/remove", methods=["POST"])
@permission_required(P.MANAGE_TRAINING_TOPICS)
def remove_clause_topic(mapping_id: int):
    """Stop proposing a topic for a clause."""
    mapping = clause_topic_or_404(signed_in_user(), mapping_id)
    from_diagnostics.remove_clause_topic(mapping, clock.today())
    flash(_("The topic is no longer proposed for the clause."), "success")
    return redirect(url_for("training.clause_topics"))
