"""The app the benchmark serves: the portal as in production, plus two routes registered
here only (never in ``portal``, whose access-matrix test covers every route):

- ``/_bench/bare``: a short text, no database, no template — the reference throughput;
- ``/_bench/template``: a trivial page rendered through the base layout, signed out (the
  anonymous navigation needs no query) — what templating alone costs.

gunicorn serves ``bench.app:create_bench_app()``. The settings are production's
(``PORTAL_ENV=production``: no debug, secure cookies), with the ``SECRET_KEY`` and
``DATABASE_URL`` the harness generates and passes in the environment.

Two per-address rate limits are lifted, for the benchmark app only: the sign-in form's
(the harness signs in once per role, and a shared Redis would count the runs before) and
the certificate verification's (20 a minute per address: under ``wrk`` from one address it
would measure the limiter's 429 answers, not the lookup).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template, request

from portal import create_app, settle_heap
from portal.authz import public
from portal.extensions import limiter

BARE_PATH = "/_bench/bare"
TEMPLATE_PATH = "/_bench/template"
# Endpoints whose per-address rate limit the benchmark app lifts (see the module's doc).
UNLIMITED_ENDPOINTS = frozenset({"auth.login", "certification.verify"})

bp = Blueprint("bench", __name__, template_folder="templates")


@bp.route(BARE_PATH)
@public
def bare() -> tuple[str, int, dict[str, str]]:
    """The reference: no database, no template."""
    return "OK\n", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route(TEMPLATE_PATH)
@public
def template_only() -> str:
    """The base layout around a heading: templating, translations and the navigation."""
    return render_template("bench/template_only.html")


def _lifted_for_bench() -> bool:
    return bool(current_app.config.get("BENCH")) and request.endpoint in UNLIMITED_ENDPOINTS


_filter_installed = False


def create_bench_app(
    mode: str | None = "production", overrides: dict[str, Any] | None = None
) -> Flask:
    """The portal's app with the benchmark's two routes (production settings by default)."""
    global _filter_installed
    app = create_app(mode, overrides, migrations=False)  # as wsgi.py serves it
    app.config["BENCH"] = True
    app.register_blueprint(bp)
    if not _filter_installed:
        # The limiter is one object shared by every app of the process: the filter asks
        # the app of the request, so a portal app in the same process keeps its limits.
        limiter.request_filter(_lifted_for_bench)
        _filter_installed = True
    if mode == "production":
        settle_heap()  # as wsgi.py does in each worker
    return app
