"""Extension objects, created unbound here and bound to the app in ``create_app``."""

from __future__ import annotations

from typing import Any

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from portal.i18n import PortalBabel

# Named constraints, so that migrations can drop and rename them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
babel = PortalBabel()
csrf = CSRFProtect()


class RouteLimiter(Limiter):
    """Flask-Limiter with limits on routes only, as the portal states them.

    The extension checks every request twice: before it (the application's, the default and
    the blueprints' limits) and in the decorator of a limited route (the route's own). The
    portal sets no limit of the first kinds — each sensitive endpoint states its own — so the
    first check, which resolved the view and its exemptions on every page for nothing (a
    tenth of a millisecond), is skipped while there is none; a limited route is checked by
    its decorator as before."""

    def _check_request_limit(self, callable_name: str | None = None, in_middleware: bool = True):
        if in_middleware and not self._limits_beyond_routes():
            return None
        return super()._check_request_limit(callable_name, in_middleware)

    def _limits_beyond_routes(self) -> bool:
        manager: Any = self.limit_manager
        return bool(
            manager.application_limits
            or manager.default_limits
            or getattr(manager, "_blueprint_limits", True)
            or self._meta_limits
        )


# No default limits: each sensitive endpoint states its own.
limiter = RouteLimiter(key_func=get_remote_address, default_limits=[])
