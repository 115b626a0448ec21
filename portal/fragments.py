"""Parts of pages rendered once and kept until their data changes.

A list page spends most of its time in its statements and in rendering its rows. Its
results (the count, the table with its row forms, the pager) are kept as HTML in a
``cache.View`` under the language, the viewer and the page's own key, and served again
while every table the rendering read keeps its version token (Redis when configured, shared
by the workers). Nothing read while rendering escapes the tokens: the statements a view
runs, lazy loads included, are recorded (``cache.register_versioning``).

Row forms carry the session's CSRF token, which differs between sessions and must not be
kept: a kept part is rendered with ``CSRF_PLACEHOLDER`` where the token goes
(``{{ csrf }}`` in the template) and receives the request's token on the way out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import render_template, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from portal.i18n import current_language
from portal.services.cache import View

# Letters and digits only: Jinja's escaping leaves it as it is, and no page text holds it.
CSRF_PLACEHOLDER = "csrfplaceholder7c1e9b4d"


def kept_fragment(
    view: View,
    key: Iterable[Any],
    template: str,
    context: Callable[[], dict[str, Any]],
) -> Markup:
    """``template`` rendered with what ``context()`` returns (the statements run there, only
    when the part is not kept), kept under ``key`` and the language."""

    def render() -> str:
        return render_template(template, csrf=CSRF_PLACEHOLDER, **context())

    html = view.get((current_language(), *key), render)
    return Markup(html.replace(CSRF_PLACEHOLDER, generate_csrf()))  # noqa: S704 - rendered by Jinja


def query_key() -> tuple[tuple[str, str], ...]:
    """The request's query arguments, sorted: part of the key of a kept list, whose pager
    links carry the query's other arguments along."""
    return tuple(sorted(request.args.items(multi=True)))
