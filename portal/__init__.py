"""The Quality Ecosystems Portal: ``create_app`` builds the Flask application."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import config_for, development_secret_key


def create_app(
    mode: str | None = None, overrides: dict[str, Any] | None = None, *, migrations: bool = True
) -> Flask:
    """Build the app for a mode (``PORTAL_ENV``: development, test, production).

    ``migrations``: whether ``flask db`` and ``flask_migrate.upgrade`` can run on it. A server
    does not need them (``wsgi.py``): Alembic is then never imported, 11 MB less a worker."""
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent.parent / "instance"))
    app.config.from_object(config_for(mode))
    app.config.update(overrides or {})
    check_configuration(app)
    register_logging(app)
    register_extensions(app)
    if migrations:
        register_migrations(app)
    register_data_versioning()
    register_request_lifecycle(app)
    register_url_converters(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    return app


def settle_heap() -> None:
    """Take what starting made out of the cyclic garbage collector's reach (a server's
    worker calls it once its app is built).

    Modules, classes, mappers and the app itself live as long as the process, yet every full
    collection walks them: about 180,000 objects, 90–145 ms during which the worker answers
    no one (measured in the benchmark's workers), so the requests queued behind it wait that
    long. Frozen, they are left out; a full collection then walks only what serving added
    (25–40 ms in the same run). Objects freed by their reference count are freed as before."""
    import gc

    gc.collect()
    gc.freeze()


def register_data_versioning() -> None:
    """Cached figures follow the data they are computed from (services/cache.py)."""
    from portal.services.cache import register_versioning

    register_versioning()


def check_configuration(app: Flask) -> None:
    """Refuse to start with settings that would be unsafe."""
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("SECRET_KEY must be set in production (PORTAL_ENV=production).")
        app.config["SECRET_KEY"] = development_secret_key()
    if app.config.get("REDIS_URL"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    if app.config["ENV_NAME"] == "production" and len(app.config["SECRET_KEY"]) < 32:
        raise RuntimeError("SECRET_KEY must be at least 32 characters long in production.")
    Path(app.config["UPLOAD_DIR"]).mkdir(parents=True, exist_ok=True)


def register_logging(app: Flask) -> None:
    """Log to stderr at INFO, which gunicorn collects."""
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
        app.logger.setLevel(logging.INFO)


def register_migrations(app: Flask) -> None:
    """The Alembic migrations of ``migrations/`` (``flask db``), on every database."""
    from flask_migrate import Migrate

    from portal.extensions import db

    Migrate(
        app,
        db,
        directory=str(Path(__file__).resolve().parent.parent / "migrations"),
        render_as_batch=True,
        compare_type=True,
    )


def register_extensions(app: Flask) -> None:
    """Bind the extension objects to this app."""
    from portal import models  # noqa: F401  (every model registered before mappers configure)
    from portal.extensions import babel, csrf, db, limiter, login_manager
    from portal.i18n import select_locale
    from portal.services import audit  # noqa: F401  (installs the audit listener)

    db.init_app(app)
    with app.app_context():
        _tune_sqlite(db.engine)
        _ping_idle_connections(db.engine, app.config["DATABASE_PING_AFTER_IDLE_SECONDS"])
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = None  # sessions are server-side rows, see accounts
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @login_manager.request_loader
    def load_user_from_session(_request: Any) -> Any:
        from flask import g

        from portal.services.accounts import current_login_session

        row = current_login_session()
        if row is None:
            return None
        g.login_session = row
        g.audit_actor_id = row.user.id
        return row.user

    @login_manager.user_loader
    def load_user(_user_id: str) -> None:
        # Flask-Login's own cookie field is never set; the request loader does the work.
        return None


def _ping_idle_connections(engine: Any, idle_seconds: float) -> None:
    """Try a pooled connection before handing it out when it has been idle for
    ``idle_seconds`` or more; a dead one is replaced (the pool's own ``pre_ping`` tried every
    one, a round trip more per request on PostgreSQL)."""
    import time

    from sqlalchemy import event, exc

    @event.listens_for(engine, "checkin")
    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return  # new, or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            if engine.dialect.is_disconnect(error, dbapi_connection, None):
                # The pool closes it and checks out another one (a new connection).
                raise exc.DisconnectionError() from error
            raise


def _tune_sqlite(engine: Any) -> None:
    """SQLite: foreign keys on, write-ahead logging, and transactions driven by SQLAlchemy so
    savepoints work."""
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # Write-ahead logging: readers never wait for the writer, nor the writer for them.
        # (A database in memory keeps its own journal; the pragma then changes nothing.)
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # A request that may write takes the write lock at once. SQLite cannot make a
        # transaction that has already read wait for another one's write (it fails at once,
        # "database is locked"); taken first, the lock is waited for (busy_timeout), so two
        # submissions at the same moment run in turn, as they do on PostgreSQL.
        from flask import has_request_context, request

        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def register_request_lifecycle(app: Flask) -> None:
    """One commit per request: routes and services only flush; errors roll back."""
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    from portal.errors import render_error
    from portal.extensions import db
    from portal.forms import record_submission_landing
    from portal.security import SessionCookies, register_security_headers

    # after_request functions run in reverse order: the headers go on last, on every answer.
    register_security_headers(app)
    app.session_interface = SessionCookies()

    @app.before_request
    def refuse_nul_bytes() -> None:
        # No text a person types contains NUL, and PostgreSQL refuses it in text columns:
        # such a request is malformed, whatever the page.
        from flask import abort, request

        for values in (request.args, request.form):
            for value in values.listvalues():
                if any("\x00" in item for item in value):
                    abort(400)

    @app.after_request
    def commit_or_rollback(response: Response) -> Response:
        if response.status_code >= 400:
            db.session.rollback()
            return response
        record_submission_landing(response)
        try:
            db.session.commit()
        except (StaleDataError, IntegrityError):
            # Someone else saved first, or a uniqueness rule was broken between the check
            # and the write: nothing is kept and the user is told.
            db.session.rollback()
            app.logger.warning("Commit refused at the end of the request", exc_info=True)
            return render_error(409)
        return response


def register_url_converters(app: Flask) -> None:
    """``<int:…>`` bounded to what an INTEGER column holds (a larger number answers 404)."""
    from portal.bounds import register_url_converters as register

    register(app)


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint."""
    from portal.blueprints import (
        account,
        admin,
        auth,
        certification,
        complaints,
        conventions,
        dashboards,
        directory,
        ecosystems,
        experts,
        home,
        notifications,
        open_data,
        organisations,
        public,
        service_requests,
        surveys,
        training,
    )

    for module in (
        public,
        auth,
        account,
        home,
        admin,
        ecosystems,
        organisations,
        directory,
        notifications,
        experts,
        conventions,
        dashboards,
        certification,
        service_requests,
        complaints,
        surveys,
        open_data,
        training,
    ):
        app.register_blueprint(module.bp)


def register_errorhandlers(app: Flask) -> None:
    """Translated error pages for every HTTP error; a form sent twice lands where it did."""
    from portal.errors import register_errorhandlers as register
    from portal.forms import register_once_only

    register(app)
    register_once_only(app)


def register_template_helpers(app: Flask) -> None:
    """Globals and filters the templates use."""
    from portal.templating import register_template_helpers as register

    register(app)


def register_commands(app: Flask) -> None:
    """``flask users``, ``flask translate``, ``flask demo``."""
    from portal.cli import register_commands as register

    register(app)
