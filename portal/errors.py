"""Error pages in the user's language for every HTTP error, and no bare 500s."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, flash, redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.services.editing import STALE_EDIT_MESSAGE, StaleEdit
from portal.urls import safe_next

ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Go back and try again."),
    ),
    403: (
        _l("Access denied"),
        _l("Your account does not give access to this page."),
    ),
    404: (
        _l("Page not found"),
        _l("This page does not exist or is not available to you."),
    ),
    405: (
        _l("Method not allowed"),
        _l("This address does not accept this kind of request."),
    ),
    409: (
        _l("Your change was not saved"),
        _l(
            "Someone else changed the same record in the meantime. "
            "Reload the page to see their version, then make your change again."
        ),
    ),
    413: (
        _l("File too large"),
        _l("The file or form you sent is larger than the portal accepts."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You made too many attempts in a short time. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("The portal could not complete your request. The team has been told; try again later."),
    ),
}
CSRF_TEXT = _l("The form had expired or was sent from elsewhere. Reload the page and try again.")


def render_error(code: int, message: str | None = None) -> Response:
    """The error page for an HTTP status, in the user's language."""
    title, text = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    try:
        body = render_template("errors/error.html", code=code, title=title, text=message or text)
    except Exception:  # the page itself failed (database down...): a bare page still answers
        current_app.logger.exception("Error page %s could not be rendered", code)
        body = f"<!doctype html><title>{code}</title><h1>{code}</h1>"
    return Response(body, status=code, mimetype="text/html")


def page_of_the_form() -> str:
    """Where a refused form is shown again: this address when it is a page (GET), else the
    page of this site the form was sent from, else the home page."""
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        return request.full_path.rstrip("?")
    sent_from = urlsplit(request.referrer or "")
    if sent_from.netloc == request.host:
        path = sent_from.path + (f"?{sent_from.query}" if sent_from.query else "")
        return safe_next(path)
    return safe_next(None)


def register_errorhandlers(app: Flask) -> None:
    """Answer every HTTP error, CSRF failure and unexpected exception with a page."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Response:
        return render_error(400, str(CSRF_TEXT))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        code = error.code or 500
        if code not in ERROR_TEXTS:
            return error.get_response()
        response = render_error(code)
        valid_methods = getattr(error, "valid_methods", None)
        if code == 405 and valid_methods:
            response.headers["Allow"] = ", ".join(valid_methods)
        retry_after = getattr(error, "retry_after", None)
        if code == 429 and retry_after:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(StaleEdit)
    def stale_edit(error: StaleEdit) -> Response:
        # Someone saved the record after this form was opened: nothing of this request is
        # kept, and the user is taken back to the page of the form, which shows the record
        # as it is now.
        from portal.extensions import db

        db.session.rollback()
        flash(str(STALE_EDIT_MESSAGE), "danger")
        return redirect(error.back or page_of_the_form())

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> Response:
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from portal.extensions import db

        db.session.rollback()
        return render_error(500)
