"""Sign in and out, and reset a forgotten password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import TooManyRequests

from portal.authz import public, signed_in_required
from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import (
    InvitationForm,
    LoginForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    ResendConfirmationForm,
    SignUpForm,
)
from portal.extensions import limiter
from portal.i18n import current_language, locale_of, localized
from portal.models import InfrastructureType, OrganisationKind
from portal.services import accounts, colleagues, onboarding
from portal.urls import safe_next


def _email_key() -> str:
    return "reset:" + accounts.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """The sign-in form; failures are counted per account and per address."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data, request.remote_addr)
        except accounts.LoginThrottled as throttled:
            raise TooManyRequests(retry_after=throttled.retry_after) from None
        except accounts.EmailNotConfirmed:
            flash(
                _(
                    "Confirm your e-mail address first, with the link we sent you. "
                    "You can ask for a new link below."
                ),
                "warning",
            )
            return redirect(url_for("auth.resend_confirmation"))
        if user is not None:
            accounts.start_session(
                user, ip_address=request.remote_addr, user_agent=request.user_agent.string
            )
            # Said in the user's own language, which the next pages will speak.
            with force_locale(locale_of(user)):
                flash(_("Welcome, %(name)s.", name=user.full_name), "success")
            return redirect(safe_next(form.next.data))
        # The same answer whether the e-mail is unknown or the password wrong.
        form.password.errors = [_("The e-mail address or the password is not correct.")]
        status = 401
    elif form.is_submitted():
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@signed_in_required
def logout():
    """End the session on the server, then forget the cookie."""
    accounts.end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("public.index"))


@bp.route("/reset", methods=["GET", "POST"])
@public
@limiter.limit("10 per 15 minutes", methods=["POST"])
@limiter.limit("3 per 15 minutes", methods=["POST"], key_func=_email_key)
def reset_request():
    """Ask for a reset link; the answer never says whether the address has an account."""
    if current_user.is_authenticated:
        # Signed in, the password is changed from the account page.
        return redirect(url_for("account.change_password"))
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        accounts.send_password_reset(form.email.data)
        flash(
            _("If an account uses this address, we have sent it a link to reset the password."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form), (
        422 if form.is_submitted() else 200
    )


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per 15 minutes", methods=["POST"])
def reset_password(token: str):
    """Choose a new password from an e-mailed link (expiring, single use)."""
    user = accounts.user_for_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = PasswordResetForm()
    form.policy_email, form.policy_name = user.email, user.full_name
    if form.validate_on_submit():
        accounts.reset_password(user, form.new_password.data)
        flash(_("Your password has been changed. You can now sign in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form), (
        422 if form.is_submitted() else 200
    )


@bp.route("/signup", methods=["GET", "POST"])
@public
@limiter.limit("10 per hour", methods=["POST"])
def signup():
    """An organisation signs up with its first user, who confirms the e-mail address."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignUpForm()
    if not form.is_submitted():
        form.preferred_locale.data = current_language()
        form.kind.data = OrganisationKind.SME.value
    form.policy_email, form.policy_name = form.email.data or "", form.full_name.data or ""
    existing = None
    if form.validate_on_submit():
        try:
            onboarding.sign_up(
                onboarding.SignUp(
                    kind=OrganisationKind(form.kind.data),
                    name_fr=form.name_fr.data,
                    name_ar=form.name_ar.data,
                    acronym=form.acronym.data,
                    ice=form.ice.data,
                    infrastructure_type=InfrastructureType(form.infrastructure_type.data)
                    if form.infrastructure_type.data
                    else None,
                    region=form.region.data,
                    city=form.city.data,
                    full_name=form.full_name.data,
                    email=form.email.data,
                    password=form.new_password.data,
                    preferred_locale=form.preferred_locale.data,
                )
            )
        except onboarding.ExistingOrganisation as error:
            existing = error
            form.ice.errors = [*form.ice.errors, str(error)]
        except (onboarding.OnboardingError, accounts.AccountError) as error:
            form.email.errors = [*form.email.errors, str(error)]
        else:
            # The same page whether an account was created or the address already had one.
            return render_template("auth/signup_done.html", email=form.email.data)
    status = 422 if form.is_submitted() else 200
    return render_template("auth/signup.html", form=form, existing=existing), status


@bp.route("/confirm/<token>")
@public
def confirm_email(token: str):
    """Open the link from the confirmation e-mail."""
    user = onboarding.confirm_email(token)
    if user is None:
        return render_template("auth/confirm_invalid.html"), 400
    flash(_("Your e-mail address is confirmed. You can now sign in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/confirm", methods=["GET", "POST"])
@public
@limiter.limit("5 per 15 minutes", methods=["POST"])
def resend_confirmation():
    """Send the confirmation link again; the answer never says whether the address exists."""
    if current_user.is_authenticated:
        # Only a confirmed address signs in: nothing is left to confirm.
        return redirect(url_for("home.index"))
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        user = accounts.find_user_by_email(form.email.data)
        if user is not None and user.active and user.email_confirmed_at is None:
            onboarding.send_confirmation(user)
        flash(_("If this address waits for confirmation, a new link is on its way."), "info")
        return redirect(url_for("auth.login"))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/resend_confirmation.html", form=form), status


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
@limiter.limit("20 per 15 minutes", methods=["POST"])
def accept_invitation(token: str):
    """An invited person creates their account from the e-mailed link and is signed in; an
    organisation's first user goes on to complete its profile."""
    invitation = colleagues.read_invitation(token)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 400
    form = InvitationForm()
    if not form.is_submitted():
        form.full_name.data = invitation.get("n", "")
        form.preferred_locale.data = current_language()
    form.policy_email, form.policy_name = invitation["e"], form.full_name.data or ""
    if form.validate_on_submit():
        user = colleagues.accept_invitation(
            invitation, form.full_name.data, form.new_password.data, form.preferred_locale.data
        )
        accounts.start_session(
            user, ip_address=request.remote_addr, user_agent=request.user_agent.string
        )
        record = invitation.get("invitation")
        if record is not None and record.first_user:
            flash(
                _(
                    "Welcome, %(name)s. Your account is ready; please complete the profile of "
                    "%(organisation)s.",
                    name=user.full_name,
                    organisation=localized(invitation["organisation"], "name"),
                ),
                "success",
            )
            return redirect(url_for("organisations.edit", organisation_id=user.organisation_id))
        flash(_("Welcome, %(name)s. Your account is ready.", name=user.full_name), "success")
        return redirect(url_for("home.index"))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "auth/invitation.html",
        form=form,
        organisation=invitation["organisation"],
        email=invitation["e"],
    ), status
