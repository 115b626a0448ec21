"""The front page, the language switch and the health check."""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request, session
from sqlalchemy import text

from portal.authz import can_edit_ecosystems, public
from portal.blueprints import signed_in_user
from portal.blueprints.account.forms import LanguageForm
from portal.blueprints.public import bp
from portal.extensions import csrf, db, limiter
from portal.services.accounts import set_preferred_locale
from portal.services.ecosystems.summaries import public_ecosystem_summaries
from portal.urls import safe_next


@bp.route("/")
@public
def index():
    """What the portal is, and the ecosystems with their public figures."""
    return render_template(
        "public/index.html",
        ecosystems=public_ecosystem_summaries(),
        can_create_ecosystem=can_edit_ecosystems(signed_in_user()),
    )


@bp.route("/language", methods=["POST"])
@public
def switch_language():
    """Switch between French and Arabic; remembered in the session and in the account."""
    form = LanguageForm()
    next_url = safe_next(request.form.get("next"), "public.index")
    if form.validate_on_submit():
        session["locale"] = form.language.data
        user = signed_in_user()
        if user.is_authenticated:
            set_preferred_locale(user, form.language.data)
    return redirect(next_url)


@bp.route("/healthz")
@public
@csrf.exempt
@limiter.exempt
def healthz():
    """For load balancers: 200 when the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
