"""Language choice and bilingual content helpers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية"}
RTL_LANGUAGES = {"ar"}


def select_language() -> str:
    """User's setting, then the language switcher, then Accept-Language, then the default."""
    supported = current_app.config["LANGUAGES"]
    if has_request_context():
        user = current_user._get_current_object() if current_user else None
        preferred = getattr(user, "preferred_locale", None) if user is not None else None
        if getattr(user, "is_authenticated", False) and preferred in supported:
            return preferred
        chosen = session.get("locale")
        if chosen in supported:
            return chosen
        best = request.accept_languages.best_match(supported)
        if best:
            return best
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    return default if default in supported else supported[0]


def select_locale() -> str:
    """The Babel locale: the language with Moroccan conventions for dates and numbers."""
    return f"{select_language()}_MA"


def current_language() -> str:
    """'fr' or 'ar' for the current request."""
    locale = get_locale()
    return locale.language if locale is not None else "fr"


def text_direction() -> str:
    """'rtl' for Arabic pages, 'ltr' otherwise."""
    return "rtl" if current_language() in RTL_LANGUAGES else "ltr"


def localized(obj: Any, field: str) -> str:
    """The ``field_fr`` or ``field_ar`` of an object for the current language, with the other
    language as fallback when the first is empty."""
    language = current_language()
    other = "fr" if language == "ar" else "ar"
    return getattr(obj, f"{field}_{language}", None) or getattr(obj, f"{field}_{other}", "") or ""


def locale_of(user: Any) -> str:
    """The Babel locale to speak to a user in: their own setting, else this request's."""
    language = getattr(user, "preferred_locale", None)
    if language not in current_app.config["LANGUAGES"]:
        language = current_language() if has_request_context() else None
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    return f"{language}_MA"


# --- dates: one way of writing them, in both languages --------------------------------------

# The day, the month by its full name, the year: "22 novembre 2023" in French, "22 نونبر 2023"
# in Arabic (Moroccan month names, Latin digits); the locales' abbreviations are not used
# (Moroccan French abbreviates June and July alike, "jui."). A moment adds the time, on the
# 24-hour clock, in Morocco's time zone.
DAY_FORMAT = "long"
TIME_PATTERN = "HH:mm"


def _day_pattern() -> str:
    return get_locale().date_formats[DAY_FORMAT].pattern


def format_day(value: date | datetime | None) -> str:
    """A date as every page, notification and e-mail writes it."""
    if value is None:
        return ""
    return format_date(value, _day_pattern())


def format_moment(value: datetime | None) -> str:
    """A date and time (in Morocco's time zone) as every page writes it."""
    if value is None:
        return ""
    glue = str(get_locale().datetime_formats["medium"])
    return format_datetime(value, glue.replace("{1}", _day_pattern()).replace("{0}", TIME_PATTERN))
