"""Language choice and bilingual content helpers."""

from __future__ import annotations

from datetime import date, datetime
from functools import cached_property
from typing import Any

from babel.support import NullTranslations
from flask import current_app, has_request_context, request, session
from flask.globals import _cv_app
from flask_babel import (
    Babel,
    Domain,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
)
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


def _babel_state() -> Any:
    """Flask-Babel's state of this context (its locale, once chosen), read straight from the
    context variable: a page asks for it hundreds of times."""
    context = _cv_app.get(None)
    return None if context is None else context.g.__dict__.get("_flask_babel")


class CatalogDomain(Domain):
    """The messages domain, with this context's catalog kept beside its locale.

    Flask-Babel finds the catalog again for every string (the context three times, the
    locale's name, a dictionary of catalogs): about 30 µs, a few milliseconds for a list page.
    The catalog found is kept with the locale object it was found for, so a locale forced
    for an e-mail (``force_locale``) or refreshed after a language switch finds its own."""

    def get_translations(self) -> NullTranslations:
        state = _babel_state()
        if state is not None:
            kept = state.__dict__.get("portal_catalog")
            if kept is not None and kept[0] is state.__dict__.get("babel_locale"):
                return kept[1]
        translations = super().get_translations()
        state = _babel_state()
        if state is not None and state.__dict__.get("babel_locale") is not None:
            state.portal_catalog = (state.babel_locale, translations)
        return translations


class PortalBabel(Babel):
    """Flask-Babel with the catalog kept per context (``CatalogDomain``), for templates
    (``_()`` in Jinja), the code's ``gettext`` and the lazy labels alike."""

    @cached_property
    def domain_instance(self) -> CatalogDomain:
        return CatalogDomain(domain=self.domain)

    def init_app(self, app: Any, *args: Any, **kwargs: Any) -> None:
        super().init_app(app, *args, **kwargs)
        catalog = self.catalog
        app.jinja_env.install_gettext_callables(
            gettext=lambda s: catalog().ugettext(s),
            ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
            newstyle=True,
            pgettext=lambda c, s: catalog().upgettext(c, s),
            npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n),
        )

    def catalog(self) -> NullTranslations:
        """This context's catalog (an empty one outside any app context)."""
        if _cv_app.get(None) is None:
            return NullTranslations()
        return self.domain_instance.get_translations()


def current_language() -> str:
    """'fr' or 'ar' for the current request."""
    state = _babel_state()
    locale = None if state is None else state.__dict__.get("babel_locale")
    if locale is None:
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


# Days already written, per locale: a list page writes about a hundred dates, each about
# 40 µs through Babel, and most of them repeat. Bounded: emptied when it fills up.
_DAYS: dict[tuple[str, str | None, date], str] = {}
_DAYS_KEPT = 20_000


def format_day(value: date | datetime | None) -> str:
    """A date as every page, notification and e-mail writes it."""
    if value is None:
        return ""
    if type(value) is not date:  # a moment: its day in Morocco's time zone
        return format_date(value, _day_pattern())
    locale = get_locale()
    if locale is None:
        return format_date(value, _day_pattern())
    key = (locale.language, locale.territory, value)
    written = _DAYS.get(key)
    if written is None:
        if len(_DAYS) >= _DAYS_KEPT:
            _DAYS.clear()
        written = _DAYS[key] = format_date(value, _day_pattern())
    return written


def format_month(value: date) -> str:
    """A month and its year, as a calendar's heading writes it ("février 2027")."""
    return format_date(value, "LLLL y")


def weekday_names() -> list[str]:
    """The names of the days of the week, Monday first, in the page's language."""
    names = get_locale().days["stand-alone"]["wide"]
    return [names[day] for day in range(7)]


def format_moment(value: datetime | None) -> str:
    """A date and time (in Morocco's time zone) as every page writes it."""
    if value is None:
        return ""
    glue = str(get_locale().datetime_formats["medium"])
    return format_datetime(value, glue.replace("{1}", _day_pattern()).replace("{0}", TIME_PATTERN))


# The group separator of each locale whose numbers are written "#,##0.###" (groups of three),
# or None for a locale written otherwise (format_decimal then writes its numbers).
_GROUPS: dict[tuple[str, str | None], str | None] = {}


def format_share(value: float | None) -> str:
    """A share (0 to 1) as a percentage in the page's language; a dash when unknown."""
    return "—" if value is None else format_percent(value)


def format_number(value: int | float | None) -> str:
    """A number as the current locale writes it ("1 234" in French, "1.234" in Arabic).

    Whole non-negative numbers, most of what pages count, are written straight from the
    locale's group separator: format_decimal costs about 20 µs, and the demand page writes
    hundreds of numbers."""
    if value is None:
        return ""
    if type(value) is int and value >= 0:
        locale = get_locale()
        if locale is not None:
            key = (locale.language, locale.territory)
            if key not in _GROUPS:
                pattern = locale.decimal_formats[None].pattern
                symbols = locale.number_symbols.get(locale.default_numbering_system, {})
                _GROUPS[key] = symbols.get("group") if pattern == "#,##0.###" else None
            group = _GROUPS[key]
            if group is not None:
                return f"{value:,}".replace(",", group)
    return format_decimal(value)
