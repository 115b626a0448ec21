"""The user's own page: name and language; password change."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.authz import signed_in_required
from portal.blueprints import signed_in_user
from portal.blueprints.account import bp
from portal.blueprints.account.forms import ChangePasswordForm, ProfileForm
from portal.services import accounts


@bp.route("/", methods=["GET", "POST"])
@signed_in_required
def profile():
    """Change one's name, language and the notifications that also come by e-mail."""
    user = signed_in_user()
    form = ProfileForm(obj=user)
    if not form.is_submitted():
        form.preferred_locale.data = user.preferred_locale or "fr"
        form.version.data = user.version
        form.mail_groups.data = accounts.mailed_groups(user)
    status = 200
    if form.validate_on_submit():
        accounts.update_settings(
            user,
            form.version.data,
            full_name=form.full_name.data,
            preferred_locale=form.preferred_locale.data,
            mailed_groups=form.mail_groups.data,
        )
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.profile"))
    if form.is_submitted():
        status = 422
    return render_template("account/profile.html", form=form, user=user), status


@bp.route("/password", methods=["GET", "POST"])
@signed_in_required
def change_password():
    """Change one's password; the other sessions of the account end."""
    user = signed_in_user()
    form = ChangePasswordForm()
    form.policy_email, form.policy_name = user.email, user.full_name
    status = 200
    if form.validate_on_submit():
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except accounts.AccountError as error:
            form.current_password.errors = [str(error)]
            status = 422
        else:
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("account.profile"))
    elif form.is_submitted():
        status = 422
    return render_template("account/password.html", form=form), status
