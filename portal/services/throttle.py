"""Counting failed attempts (logins) in the limiter's storage: Redis when configured,
so every gunicorn worker sees the same count."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from limits import RateLimitItemPerSecond

from portal.extensions import limiter


@dataclass(frozen=True)
class Budget:
    """At most ``allowed`` failures per ``window`` seconds for one key."""

    namespace: str
    allowed: int
    window: int

    def _item(self) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(self.allowed, self.window, namespace=self.namespace)

    def exhausted(self, key: str) -> bool:
        """Whether the key has used up its failures."""
        return not limiter.limiter.test(self._item(), key)

    def spend(self, key: str) -> None:
        """Count one failure for the key."""
        limiter.limiter.hit(self._item(), key)

    def clear(self, key: str) -> None:
        """Forget the key's failures (after a success)."""
        limiter.limiter.clear(self._item(), key)

    def retry_after(self, key: str) -> int:
        """Seconds until the key may try again."""
        reset_at, _remaining = limiter.limiter.get_window_stats(self._item(), key)
        import time

        return max(1, int(reset_at - time.time()))


def login_budgets() -> tuple[Budget, Budget]:
    """The failed-login budgets per account and per address."""
    config = current_app.config
    window = config["LOGIN_FAILURE_WINDOW_SECONDS"]
    return (
        Budget("login-account", config["LOGIN_FAILURES_PER_ACCOUNT"], window),
        Budget("login-address", config["LOGIN_FAILURES_PER_ADDRESS"], window),
    )
