"""Parts of pages rendered once and kept until their data changes.

A list page spends most of its time in its statements and in rendering its rows. Its
results (the count, the table with its row forms, the pager) are kept as HTML in a
``cache.View`` under the language, the viewer and the page's own key, and served again
while every table the rendering read keeps its version token (Redis when configured, shared
by the workers). Nothing read while rendering escapes the tokens: the statements a view
runs, lazy loads included, are recorded (``cache.register_versioning``).

Row forms carry the session's CSRF token, which differs between sessions and must not be
kept: while a part is rendered to be kept, ``csrf_token()`` and a form's ``hidden_tag()``
give ``CSRF_PLACEHOLDER`` where the token goes, and the part receives the request's token on
the way out. A form that creates a
record carries a one-time token (``forms.submission_token_input``): rendered to be kept, it is
``ONCE_PLACEHOLDER``, and each one becomes a fresh token on the way out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any

from flask import current_app, g, render_template, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from portal.i18n import current_language
from portal.services.cache import View

# Letters and digits only: Jinja's escaping leaves them as they are, no page text holds them.
CSRF_PLACEHOLDER = "csrfplaceholder7c1e9b4d"
ONCE_PLACEHOLDER = "onceplaceholder3f8a61c2"


def keeping() -> bool:
    """Whether a part being rendered now is to be kept (its one-time tokens: placeholders)."""
    return bool(g.get("keeping_fragment"))


@contextmanager
def _rendering_to_keep():
    """While a part is rendered to be kept: the CSRF token every form asks for is the
    placeholder (flask_wtf keeps the request's token in ``g``), one-time tokens too."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    saved, was_keeping = g.pop(name, None), keeping()
    setattr(g, name, CSRF_PLACEHOLDER)
    g.keeping_fragment = True
    try:
        yield
    finally:
        g.keeping_fragment = was_keeping
        g.pop(name, None)
        if saved is not None:
            setattr(g, name, saved)


def _fresh_tokens(html: str) -> str:
    """The kept HTML with the request's CSRF token and a new one-time token in each form."""
    from portal.services.submissions import new_token

    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, generate_csrf())
    if ONCE_PLACEHOLDER in html:
        html = re.sub(ONCE_PLACEHOLDER, lambda _: new_token(), html)
    return html


def kept_fragment(
    view: View,
    key: Iterable[Any],
    template: str,
    context: Callable[[], dict[str, Any]],
) -> Markup:
    """``template`` rendered with what ``context()`` returns (the statements run there, only
    when the part is not kept), kept under ``key``, the language and the host (a part may
    hold absolute addresses: a calendar feed's, to copy into a calendar application)."""

    def render() -> str:
        with _rendering_to_keep():
            return render_template(template, **context())

    html = view.get((current_language(), request.host_url, *key), render)
    if keeping():  # inside a part being kept: the tokens are put in when that one is served
        return Markup(html)  # noqa: S704 - rendered by Jinja
    return Markup(_fresh_tokens(html))  # noqa: S704 - rendered by Jinja


def query_key() -> tuple[tuple[str, str], ...]:
    """The request's query arguments, sorted: part of the key of a kept list, whose pager
    links carry the query's other arguments along."""
    return tuple(sorted(request.args.items(multi=True)))
