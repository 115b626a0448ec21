"""The front page, the language switch and the health check."""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request, session
from flask_login import current_user
from sqlalchemy import text

from portal.blueprints.account.forms import LanguageForm
from portal.blueprints.public import bp
from portal.extensions import csrf, db, limiter
from portal.services.dashboard import public_ecosystem_summaries
from portal.urls import safe_next


@bp.route("/")
def index():
    """What the portal is, and the ecosystems with their public figures."""
    return render_template("public/index.html", ecosystems=public_ecosystem_summaries())


@bp.route("/language", methods=["POST"])
def switch_language():
    """Switch between French and Arabic; remembered in the session and in the account."""
    form = LanguageForm()
    next_url = safe_next(request.form.get("next"), "public.index")
    if form.validate_on_submit():
        session["locale"] = form.language.data
        if current_user.is_authenticated:
            current_user.preferred_locale = form.language.data
    return redirect(next_url)


@bp.route("/healthz")
@csrf.exempt
@limiter.exempt
def healthz():
    """For load balancers: 200 when the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
