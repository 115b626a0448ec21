"""Complaint pages: the list (overdue flagged, answer-time figures for those who answer),
filing one about the portal, an ecosystem or an object the user sees, one complaint with its
thread and the steps open to the user, attachments, and the public contact form.

Complaints are loaded through ``authz.complaints.complaint_scope``: one the user may not see
answers 404; what the user may do on it is ``can_handle``, ``can_reopen`` and ``can_rate``.
"""

from __future__ import annotations

import time
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal import clock
from portal.authz import Permission, has_permission, permission_required, public
from portal.authz.complaints import (
    Level,
    can_answer,
    can_close,
    can_handle,
    can_rate,
    can_rate_by_link,
    can_reopen,
    can_reopen_by_link,
    complaint_attachment_or_404,
    complaint_by_link_or_404,
    complaint_or_404,
    sees_all_complaints,
)
from portal.blueprints import signed_in_user
from portal.blueprints.complaints import bp
from portal.blueprints.complaints.forms import (
    AnswerForm,
    AssignForm,
    ComplaintForm,
    ContactForm,
    RateForm,
    ReopenForm,
    VersionOnlyForm,
)
from portal.bounds import INT_MAX, page_number, parse_int, query_int
from portal.downloads import attachment_download
from portal.extensions import limiter
from portal.fragments import kept_fragment, query_key
from portal.i18n import current_language, format_day, localized
from portal.models import (
    Complaint,
    ComplaintCategory,
    ComplaintKind,
    ComplaintTarget,
    Ecosystem,
    Membership,
    Organisation,
    User,
)
from portal.services import complaints as service
from portal.services.attachments import AttachmentRefused
from portal.services.cache import View
from portal.services.complaints import ComplaintError, Filters, clock_of
from portal.services.ecosystems.records import ecosystem_choices
from portal.services.file_store import COMPLAINT_ATTACHMENTS

# The contact form is refused when sent sooner than this after it was opened (a person
# takes longer to write) or later than this (the page was left open for hours).
CONTACT_MIN_SECONDS = 3
CONTACT_MAX_SECONDS = 6 * 3600

# The list's answer times, filters, count, rows and pager as HTML, per viewer (their scope:
# their own messages, their organisation's, their federation's ecosystems') and day, kept
# until a table they were read from changes (issue 11).
LIST_HTML = View("complaints-html", depends_on=(User, Organisation, Ecosystem, Membership))


# --- what a message is about --------------------------------------------------------------------


def about_key(target: ComplaintTarget, target_id: int | None) -> str:
    return target.value if target_id is None else f"{target.value}-{target_id}"


def parse_about(value: str) -> tuple[ComplaintTarget, int | None]:
    """The target and id of an ``about`` value ("portal", "ecosystem-3"...)."""
    name, _sep, number = (value or "").partition("-")
    try:
        target = ComplaintTarget(name)
    except ValueError:
        raise ComplaintError(_("Choose what your message is about.")) from None
    if target == ComplaintTarget.PORTAL:
        return target, None
    target_id = parse_int(number)
    if target_id is None or not 1 <= target_id <= INT_MAX:
        raise ComplaintError(_("Choose what your message is about."))
    return target, target_id


def general_choices() -> list[tuple[str, str]]:
    """The portal itself and each ecosystem, which anyone may write about."""
    ecosystems = ecosystem_choices()
    return [(about_key(ComplaintTarget.PORTAL, None), _("The portal itself"))] + [
        (
            about_key(ComplaintTarget.ECOSYSTEM, e.id),
            _("The ecosystem %(name)s", name=localized(e, "name")),
        )
        for e in ecosystems
    ]


def about_choices(user: Any, wanted: str | None) -> tuple[list[tuple[str, str]], str | None]:
    """The choices of the ``about`` field, with ``wanted`` (what the link that opened the
    form named — a page's "Make a complaint or a suggestion about this" —, or what the form
    sent) first when it is not a general one: loaded through the user's scopes, so that an
    object the user may not see answers 404. Raises ``ComplaintError`` for an object that
    cannot be complained about (a company)."""
    choices = general_choices()
    if not wanted or wanted in dict(choices):
        return choices, wanted or None
    target, target_id = parse_about(wanted)
    about = service.concerned(user, target, target_id)
    # i18n: what a complaint is about: its kind, then the name (an ecosystem: Automobile)
    label = _(
        "%(kind)s: %(name)s",
        kind=target.label,
        name=about.names.get(current_language()) or about.names["fr"],
    )
    choices.insert(0, (about_key(target, about.target_id), label))
    return choices, about_key(target, about.target_id)


def wanted_about(args: Any, form: Any) -> str | None:
    """What the message is to be about: the form's choice once sent, else the link's."""
    if request.method == "POST":
        return form.get("about") or None
    target, target_id = args.get("target", ""), query_int(args, "id")
    if not target:
        return None
    return target if target_id is None else f"{target}-{target_id}"


# --- the list ------------------------------------------------------------------------------------


@bp.route("/")
@permission_required(Permission.FILE_COMPLAINTS)
def index():
    """The complaints the user may see: their own, those their organisation answers, those
    of the ecosystems they oversee; overdue ones flagged."""
    user = signed_in_user()
    today = clock.today()
    filters = Filters.from_args(request.args)
    handles = has_permission(user, Permission.HANDLE_COMPLAINTS)

    def results() -> dict:
        page = service.list_page(
            user,
            filters,
            today,
            page=page_number(request.args),
            per_page=current_app.config["PAGE_SIZE"],
        )
        items = list(page.items)
        return {
            "pagination": page,
            "complaints": items,
            "clocks": {item.id: clock_of(item, today) for item in items},
            "filters": filters,
            "show_handler": handles,
            "status_options": status_options(user),
            "kind_options": [(k.value, k.label) for k in ComplaintKind],
            "figures": figures_for(user, today) if handles else [],
        }

    return render_template(
        "complaints/index.html",
        overdue=service.overdue_count(user, today) if handles else 0,
        results=kept_fragment(
            LIST_HTML,
            (user.id, today.toordinal(), handles, *query_key()),
            "complaints/_list_results.html",
            results,
        ),
    )


def status_options(user: Any) -> list[tuple[str, str]]:
    options = [
        ("open", _("Open")),
        ("overdue", _("Overdue")),
        ("answered", _("Answered")),
        ("closed", _("Closed")),
    ]
    if sees_all_complaints(user):
        options.insert(2, ("ministry", _("Escalated to the ministry")))
    return options


def figures_for(user: Any, today) -> list[tuple[str, service.AnswerTimes]]:
    """The answer-time figures the user's list shows: their organisation's, and every
    ecosystem's for those who oversee them all (the federation's are on its ecosystems'
    pages)."""
    rows: list[tuple[str, service.AnswerTimes]] = []
    if sees_all_complaints(user):
        ecosystems = ecosystem_choices()
        times = service.answer_times(Complaint.ecosystem_id, [e.id for e in ecosystems], today)
        rows += [(localized(e, "name"), times[e.id]) for e in ecosystems]
    if user.organisation_id is not None:
        own = service.answer_times(Complaint.handler_id, [user.organisation_id], today)
        rows.insert(0, (localized(user.organisation, "name"), own[user.organisation_id]))
    return rows


# --- filing --------------------------------------------------------------------------------------


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.FILE_COMPLAINTS)
def new():
    """File a complaint or suggestion about the portal, an ecosystem, or the object whose
    page linked here."""
    user = signed_in_user()
    refused = None
    try:
        choices, chosen = about_choices(user, wanted_about(request.args, request.form))
    except ComplaintError as error:
        choices, chosen, refused = general_choices(), None, str(error)
    form = ComplaintForm(about=choices)
    if not form.is_submitted() and chosen:
        form.about.data = chosen
    if refused:
        form.validate_on_submit()
        form.about.errors = [refused]
    elif form.validate_on_submit():
        try:
            target, target_id = parse_about(form.about.data)
            about = service.concerned(user, target, target_id)
            filed = service.file_complaint(
                about,
                kind=ComplaintKind(form.kind.data),
                category=ComplaintCategory(form.category.data),
                subject=form.subject.data,
                text=form.text.data,
                today=clock.today(),
                language=current_language(),
                requester=user,
                files=form.uploads(),
            )
        except AttachmentRefused as error:
            form.attachments.errors = [*form.attachments.errors, str(error)]
        except ComplaintError as error:
            form.about.errors = [*form.about.errors, str(error)]
        else:
            flash(acknowledgement(filed), "success")
            return redirect(url_for("complaints.show", complaint_id=filed.id))
    code = 422 if form.is_submitted() else 200
    return render_template("complaints/new.html", form=form), code


def acknowledgement(filed: Complaint) -> str:
    return _(
        "Your message is received under the reference %(reference)s. It will be answered by "
        "%(date)s.",
        reference=filed.reference,
        date=format_day(filed.due_on),
    )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="contact-form")


def contact_token(opened_at: float | None = None) -> str:
    """The signed moment the contact form was opened."""
    return _serializer().dumps(int(opened_at if opened_at is not None else time.time()))


def written_by_a_person(form: ContactForm) -> bool:
    """Whether the contact form passes its traps: the hidden field is empty, and it was
    opened on this site between a few seconds and a few hours ago."""
    if (form.website.data or "").strip():
        return False
    try:
        opened_at = _serializer().loads(form.opened.data or "", max_age=CONTACT_MAX_SECONDS)
    except BadSignature:
        return False
    return isinstance(opened_at, int) and time.time() - opened_at >= CONTACT_MIN_SECONDS


def contact_limit() -> str:
    return f"{current_app.config['CONTACT_PER_HOUR']} per hour"


@bp.route("/contact", methods=["GET", "POST"])
@limiter.limit(contact_limit, methods=["POST"])
@public
def contact():
    """The public contact form: anyone, without an account, writes a complaint or a
    suggestion about the portal or an ecosystem; the acknowledgement and the answer go to
    the address given. A signed-in user is taken to the form of their account."""
    if signed_in_user().is_authenticated:
        return redirect(url_for("complaints.new"))
    form = ContactForm(about=general_choices())
    refused = None
    if form.validate_on_submit():
        if not written_by_a_person(form):
            refused = _(
                "Your message could not be sent. Wait a few seconds after opening the "
                "page, then send it again."
            )
        else:
            try:
                target, target_id = parse_about(form.about.data)
                if target not in (ComplaintTarget.PORTAL, ComplaintTarget.ECOSYSTEM):
                    raise ComplaintError(_("Choose what your message is about."))
                filed = service.file_complaint(
                    service.concerned(None, target, target_id),
                    kind=ComplaintKind(form.kind.data),
                    category=ComplaintCategory(form.category.data),
                    subject=form.subject.data,
                    text=form.text.data,
                    today=clock.today(),
                    language=current_language(),
                    contact_name=form.name.data,
                    contact_email=form.email.data,
                )
            except ComplaintError as error:
                form.about.errors = [*form.about.errors, str(error)]
            else:
                return render_template("complaints/contact_sent.html", complaint=filed)
    form.opened.data = contact_token()
    form.website.data = ""
    code = 422 if form.is_submitted() else 200
    return render_template("complaints/contact.html", form=form, refused=refused), code


# --- one complaint -------------------------------------------------------------------------------


def render_show(complaint: Complaint, *, forms: dict[str, Any] | None = None, code: int = 200):
    """The complaint page with the forms open to the user (a failed one passed in)."""
    user = signed_in_user()
    today = clock.today()
    forms = dict(forms or {})
    if can_answer(user, complaint, today):
        forms.setdefault("answer", AnswerForm(formdata=None))
        assign = forms.setdefault("assign", AssignForm(formdata=None))
        assign.assignee_id.choices = [
            (u.id, u.full_name) for u in service.assignable(user, complaint)
        ]
    if can_close(user, complaint, today):
        forms.setdefault("close", VersionOnlyForm(formdata=None))
    if can_reopen(user, complaint, today):
        forms.setdefault("reopen", ReopenForm(formdata=None))
    if can_rate(user, complaint):
        rate = forms.setdefault("rate", RateForm(formdata=None))
        if rate.rating.data is None and complaint.rating:
            rate.rating.data = str(complaint.rating)
    page = render_template(
        "complaints/show.html",
        complaint=complaint,
        about=service.concerned_of(complaint),
        state=clock_of(complaint, today),
        levels=Level,
        messages=service.messages_of(complaint),
        attachments=service.attachments_of(complaint),
        forms=forms,
        handles=can_handle(user, complaint, today),
    )
    return page, code


def back_to(complaint: Complaint):
    return redirect(url_for("complaints.show", complaint_id=complaint.id))


@bp.route("/<int:complaint_id>")
@permission_required(Permission.FILE_COMPLAINTS)
def show(complaint_id: int):
    """One complaint: what it says, its clock and level, its thread, and the user's steps."""
    return render_show(complaint_or_404(signed_in_user(), complaint_id))


def _handled(complaint_id: int, allowed) -> Complaint:
    user = signed_in_user()
    complaint = complaint_or_404(user, complaint_id)
    if not allowed(user, complaint, clock.today()):
        abort(403)
    return complaint


@bp.route("/<int:complaint_id>/assign", methods=["POST"])
@permission_required(Permission.HANDLE_COMPLAINTS)
def assign(complaint_id: int):
    """Give the complaint to a colleague."""
    complaint = _handled(complaint_id, can_answer)
    user = signed_in_user()
    form = AssignForm()
    form.assignee_id.choices = [(u.id, u.full_name) for u in service.assignable(user, complaint)]
    if not form.validate_on_submit():
        return render_show(complaint, forms={"assign": form}, code=422)
    try:
        assignee = service.assign(
            complaint,
            form.assignee_id.data,
            version=form.version.data,
            actor=user,
            today=clock.today(),
        )
    except ComplaintError as error:
        flash(str(error), "danger")
    else:
        flash(_("%(name)s handles this complaint.", name=assignee.full_name), "success")
    return back_to(complaint)


@bp.route("/<int:complaint_id>/answer", methods=["POST"])
@permission_required(Permission.HANDLE_COMPLAINTS)
def answer(complaint_id: int):
    """Answer the complaint; the author receives the answer."""
    complaint = _handled(complaint_id, can_answer)
    form = AnswerForm()
    if not form.validate_on_submit():
        return render_show(complaint, forms={"answer": form}, code=422)
    try:
        service.answer(
            complaint,
            form.text.data,
            version=form.version.data,
            actor=signed_in_user(),
            today=clock.today(),
        )
    except ComplaintError as error:
        flash(str(error), "danger")
    else:
        flash(_("Your answer is sent to the author of the message."), "success")
    return back_to(complaint)


@bp.route("/<int:complaint_id>/close", methods=["POST"])
@permission_required(Permission.HANDLE_COMPLAINTS)
def close(complaint_id: int):
    """Close an answered complaint."""
    complaint = _handled(complaint_id, can_close)
    form = VersionOnlyForm()
    if not form.validate_on_submit():
        return render_show(complaint, code=422)
    try:
        service.close(complaint, version=form.version.data, today=clock.today())
    except ComplaintError as error:
        flash(str(error), "danger")
    else:
        flash(_("The complaint is closed."), "success")
    return back_to(complaint)


@bp.route("/<int:complaint_id>/reopen", methods=["POST"])
@permission_required(Permission.FILE_COMPLAINTS)
def reopen(complaint_id: int):
    """The author reopens an answer that does not settle it (within 30 days)."""
    user = signed_in_user()
    complaint = complaint_or_404(user, complaint_id)
    if not can_reopen(user, complaint, clock.today()):
        abort(403)
    form = ReopenForm()
    if not form.validate_on_submit():
        return render_show(complaint, forms={"reopen": form}, code=422)
    try:
        service.reopen(
            complaint, form.reason.data, version=form.version.data, actor=user, today=clock.today()
        )
    except ComplaintError as error:
        flash(str(error), "danger")
    else:
        flash(
            _(
                "Your message is reopened; it will be answered by %(date)s.",
                date=format_day(complaint.due_on),
            ),
            "success",
        )
    return back_to(complaint)


@bp.route("/<int:complaint_id>/rate", methods=["POST"])
@permission_required(Permission.FILE_COMPLAINTS)
def rate(complaint_id: int):
    """The author rates the answer from 1 to 5."""
    user = signed_in_user()
    complaint = complaint_or_404(user, complaint_id)
    if not can_rate(user, complaint):
        abort(403)
    form = RateForm()
    if not form.validate_on_submit():
        return render_show(complaint, forms={"rate": form}, code=422)
    try:
        service.rate(complaint, int(form.rating.data), version=form.version.data)
    except ComplaintError as error:
        flash(str(error), "danger")
    else:
        flash(_("Thank you for your rating."), "success")
    return back_to(complaint)


@bp.route("/<int:complaint_id>/attachments/<int:attachment_id>")
@permission_required(Permission.FILE_COMPLAINTS)
def attachment(complaint_id: int, attachment_id: int):
    """An attachment, as a download, to those who may see its complaint."""
    stored = complaint_attachment_or_404(signed_in_user(), complaint_id, attachment_id)
    return attachment_download(COMPLAINT_ATTACHMENTS, stored)


# --- a contact-form message, by the link of its e-mails ------------------------------------------


def _by_link(token: str) -> Complaint:
    return complaint_by_link_or_404(*service.read_follow_token(token))


def render_follow(
    complaint: Complaint, token: str, *, forms: dict[str, Any] | None = None, code=200
):
    """A contact-form message as its author sees it by its link: the answers, and the
    reopening and rating open to them."""
    today = clock.today()
    forms = dict(forms or {})
    if can_reopen_by_link(complaint, today):
        forms.setdefault("reopen", ReopenForm(formdata=None))
    if can_rate_by_link(complaint):
        rate = forms.setdefault("rate", RateForm(formdata=None))
        if rate.rating.data is None and complaint.rating:
            rate.rating.data = str(complaint.rating)
    return render_template(
        "complaints/follow.html",
        complaint=complaint,
        token=token,
        state=clock_of(complaint, today),
        messages=service.messages_of(complaint),
        forms=forms,
    ), code


@bp.route("/follow/<token>")
@public
def follow(token: str):
    """The author of a contact-form message follows it by the link of its e-mails."""
    complaint = _by_link(token)
    return render_follow(complaint, token)


@bp.route("/follow/<token>/reopen", methods=["POST"])
@limiter.limit(contact_limit, methods=["POST"])
@public
def follow_reopen(token: str):
    """The author reopens the message by its link (within 30 days of the answer)."""
    complaint = _by_link(token)
    if not can_reopen_by_link(complaint, clock.today()):
        abort(403)
    form = ReopenForm()
    if not form.validate_on_submit():
        return render_follow(complaint, token, forms={"reopen": form}, code=422)
    service.reopen(
        complaint, form.reason.data, version=form.version.data, actor=None, today=clock.today()
    )
    flash(
        _(
            "Your message is reopened; it will be answered by %(date)s.",
            date=format_day(complaint.due_on),
        ),
        "success",
    )
    return redirect(url_for("complaints.follow", token=token))


@bp.route("/follow/<token>/rate", methods=["POST"])
@limiter.limit(contact_limit, methods=["POST"])
@public
def follow_rate(token: str):
    """The author rates the answer by the message's link."""
    complaint = _by_link(token)
    if not can_rate_by_link(complaint):
        abort(403)
    form = RateForm()
    if not form.validate_on_submit():
        return render_follow(complaint, token, forms={"rate": form}, code=422)
    service.rate(complaint, int(form.rating.data), version=form.version.data)
    flash(_("Thank you for your rating."), "success")
    return redirect(url_for("complaints.follow", token=token))
