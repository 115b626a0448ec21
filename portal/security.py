"""Response headers that hold on every answer, errors included."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    """Add CSP, nosniff, referrer, framing and (over HTTPS) HSTS headers to every response."""

    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if response.mimetype == "text/html":
            # Pages can show personal data: never keep them in shared caches.
            headers.setdefault("Cache-Control", "no-store")
        return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its signer built once per key rather than twice a
    request (reading the cookie, then writing it): the key derivation and the serializer's
    set-up cost every page a few dozen microseconds. Built again when the key or its
    fallbacks change (a test, a key rotation)."""

    _keys: tuple[Any, ...] | None = None
    _signer: Any = None

    def get_signing_serializer(self, app: Flask) -> Any:
        keys = (app.secret_key, *(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if keys != self._keys:
            self._keys, self._signer = keys, super().get_signing_serializer(app)
        return self._signer
