"""The navigation bar: a few links and one menu per domain, built from the permissions and
scopes of portal/authz (never from roles), so it offers exactly what the user may open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal.authz import (
    Permission,
    can_list_organisations,
    can_list_support_cases,
    has_permission,
    member_list_ecosystems,
)
from portal.extensions import db
from portal.i18n import current_language, localized
from portal.models import Organisation, User
from portal.services.cache import View

# The domain (menu) each blueprint's pages belong to: its menu is marked as holding the page.
SECTIONS = {
    "home": "home",
    "public": "ecosystems",
    "ecosystems": "ecosystems",
    "directory": "ecosystems",
    "organisations": "ecosystems",
    "conventions": "conventions",
    "dashboards": "conventions",
    "training": "training",
    "support": "certification",
    "diagnostics": "certification",
    "service_requests": "service_requests",
    "complaints": "account",
    "surveys": "account",
    "experts": "experts",
    "account": "account",
    "admin": "account",
}
# Member lists shown in the Ecosystems menu; the others are a click away on their ecosystem.
MEMBER_LISTS_IN_MENU = 5
# What a signed-in user's navbar reads from the database on every page (the member lists of
# the Ecosystems menu, the unread notifications), kept until a table it read changes (a
# membership decided, a notification sent or read): no query of its own on a page that reads
# other views, one (the tables' tokens) on the others, instead of two.
NAVBAR_DATA = View("navbar", depends_on=(User, Organisation))


@dataclass
class NavLink:
    """A page the user may open; ``current`` when it is the page shown."""

    label: str
    url: str
    current: bool = False
    section: bool = False  # the page shown belongs to this entry's domain
    badge: int | None = None
    badge_label: str = ""
    is_menu = False

    @property
    def active(self) -> bool:
        return self.current or self.section


@dataclass
class NavMenu:
    """A domain's menu (a Bootstrap dropdown) of links."""

    key: str
    label: str
    items: list[NavLink] = field(default_factory=list)
    section: bool = False
    is_menu = True

    @property
    def active(self) -> bool:
        return self.section or any(item.current for item in self.items)


@dataclass
class Navigation:
    """What the navbar shows: the domains, then notifications and the account menu."""

    main: list[NavLink | NavMenu]
    notifications: NavLink | None = None
    account: NavMenu | None = None


def _link(label: str, endpoint: str, **args: Any) -> NavLink:
    view_args = request.view_args or {}
    current = request.endpoint == endpoint and all(
        str(view_args.get(key)) == str(value) for key, value in args.items()
    )
    return NavLink(label=label, url=url_for(endpoint, **args), current=current)


def _section() -> str | None:
    return SECTIONS.get(request.blueprint or "")


def _menu(key: str, label: str, items: list[NavLink]) -> NavLink | NavMenu | None:
    """A menu of the items; a single item is a plain link, no item no entry."""
    section = _section() == key
    if not items:
        return None
    if len(items) == 1:
        items[0].section = section
        return items[0]
    return NavMenu(key=key, label=label, items=items, section=section)


def _navbar_data(user: Any) -> dict[str, Any]:
    """The member lists (slug, name in the page's language) and the unread count."""
    from portal.services.notifications import unread_count

    def compute() -> dict[str, Any]:
        listed = member_list_ecosystems(user)
        ecosystems = (
            []
            if listed is None
            else db.session.execute(listed.limit(MEMBER_LISTS_IN_MENU)).scalars()
        )
        return {
            "member_lists": [[e.slug, localized(e, "name")] for e in ecosystems],
            "unread": unread_count(user),
        }

    return NAVBAR_DATA.get((user.id, current_language()), compute)


def _ecosystems_menu(user: Any, member_lists: list[list[str]]) -> NavLink | NavMenu | None:
    # i18n: the first entry of the Ecosystems menu: the list of every ecosystem
    items = [_link(_("All ecosystems"), "public.index")]
    if can_list_organisations(user):
        items.append(_link(_("Organisations"), "directory.organisations"))
    else:
        items.append(_link(_("Directory"), "directory.public"))
    for slug, name in member_lists:
        # i18n: an entry of the Ecosystems menu: the member list of one ecosystem
        label = _("Members: %(ecosystem)s", ecosystem=name)
        items.append(_link(label, "ecosystems.members", slug=slug))
    return _menu("ecosystems", _("Ecosystems"), items)


def _training_menu(user: Any) -> NavLink | NavMenu | None:
    items = []
    if has_permission(user, Permission.VIEW_TRAINING_SESSIONS):
        items.append(_link(_("Training sessions"), "training.sessions"))
    if has_permission(user, Permission.VIEW_TRAINING_NEEDS):
        items.append(_link(_("Training needs"), "training.needs"))
    if has_permission(user, Permission.DECLARE_TRAINING_NEEDS):
        items.append(_link(_("Declare a training need"), "training.new_need"))
    if has_permission(user, Permission.VIEW_TRAINING_DEMAND):
        items.append(_link(_("Training demand"), "training.demand"))
    items.append(_link(_("Training offers"), "training.offers"))
    items.append(_link(_("Training topics"), "training.topics"))
    return _menu("training", _("Training"), items)


def _certification_menu(user: Any) -> NavLink | NavMenu | None:
    items = []
    if can_list_support_cases(user):
        items.append(_link(_("Certification support"), "certification.cases"))
    if has_permission(user, Permission.VIEW_CERTIFICATION_PIPELINE):
        items.append(_link(_("Certification pipeline"), "certification.pipeline"))
    if has_permission(user, Permission.VIEW_CERTIFICATES):
        items.append(_link(_("Certificates"), "certification.certificates"))
    items.append(_link(_("Verify a certificate"), "certification.verify"))
    return _menu("certification", _("Certification"), items)


def _services_menu(user: Any) -> NavLink | NavMenu | None:
    """The service requests, who offers what, a body's own catalogue, the infrastructure
    needs and the demand as a whole."""
    items = []
    if has_permission(user, Permission.VIEW_SERVICE_REQUESTS):
        items.append(_link(_("Service requests"), "service_requests.index"))
    if has_permission(user, Permission.MANAGE_SERVICE_CATALOGUE):
        items.append(
            _link(
                _("Your service catalogue"),
                "service_requests.catalogue_page",
                body_id=user.organisation_id,
            )
        )
    if has_permission(user, Permission.VIEW_SERVICE_CATALOGUES):
        items.append(_link(_("Who offers what"), "service_requests.bodies"))
    if has_permission(user, Permission.VIEW_INFRASTRUCTURE_NEEDS):
        items.append(_link(_("Infrastructure needs"), "service_requests.needs"))
    if has_permission(user, Permission.VIEW_SERVICE_DEMAND):
        items.append(_link(_("Demand for services"), "service_requests.demand"))
    # i18n: navbar entry leading to the service requests to laboratories, certification
    # and other bodies, their catalogues and the demand (French: "Prestations"); keep it short
    return _menu("service_requests", _("Services"), items)


def _single(key: str, label: str, endpoint: str) -> NavLink:
    link = _link(label, endpoint)
    link.section = _section() == key
    return link


def _conventions_menu(user: Any) -> NavLink | NavMenu | None:
    """The conventions, and the dashboard that follows them with the ecosystems' figures:
    the programme's cockpit, or a federation's dashboard of its ecosystems."""
    items = [_link(_("Conventions"), "conventions.index")]
    if has_permission(user, Permission.VIEW_DASHBOARD):
        # i18n: an entry of the Conventions menu: the figures of the ecosystems and the
        # progress of their conventions (French: "Pilotage")
        items.append(_link(_("Cockpit"), "dashboards.index"))
    return _menu("conventions", _("Conventions"), items)


def _signed_in_navigation(user: Any) -> Navigation:
    data = _navbar_data(user)
    main: list[NavLink | NavMenu | None] = [
        # i18n: navbar entry leading to the user's home page (their dashboard); keep it short
        _single("home", _("Dashboard"), "home.index"),
        _ecosystems_menu(user, data["member_lists"]),
        _conventions_menu(user),
        _training_menu(user),
        _certification_menu(user),
    ]
    main.append(_services_menu(user))
    # i18n: navbar entry leading to the directory of quality experts; keep it short
    main.append(_single("experts", _("Experts"), "experts.directory"))

    unread = data["unread"]
    notifications = _link(_("Notifications"), "notifications.index")
    notifications.badge = unread or None
    notifications.badge_label = _("%(count)s unread", count=unread)

    account_items = [_link(_("My account"), "account.profile")]
    if has_permission(user, Permission.FILE_COMPLAINTS):
        account_items.append(_link(_("Complaints and suggestions"), "complaints.index"))
    if has_permission(user, Permission.MANAGE_SURVEYS) or has_permission(
        user, Permission.VIEW_SURVEY_RESULTS
    ):
        account_items.append(_link(_("Satisfaction surveys"), "surveys.index"))
    if has_permission(user, Permission.VIEW_AUDIT_TRAIL):
        account_items.append(_link(_("Audit trail"), "admin.audit_trail"))
    if has_permission(user, Permission.MANAGE_STANDARDS):
        account_items.append(_link(_("Standards and clauses"), "admin.standards"))
    account = NavMenu(
        key="account",
        label=user.full_name,
        items=account_items,
        section=_section() == "account",
    )
    return Navigation(
        main=[entry for entry in main if entry is not None],
        notifications=notifications,
        account=account,
    )


def _anonymous_navigation() -> Navigation:
    return Navigation(
        main=[
            _single("ecosystems", _("Ecosystems"), "public.index"),
            _single("conventions", _("Conventions"), "conventions.index"),
            _link(_("Directory"), "directory.public"),
            _link(_("Verify a certificate"), "certification.verify"),
            _link(_("Sign up"), "auth.signup"),
            # i18n: navbar entry of visitors: the public form for a complaint or a suggestion
            _link(_("Contact"), "complaints.contact"),
        ]
    )


# The header as HTML, per viewer, language and page, kept until a table it was read from
# changes (a membership decided, a notification sent or read, the user renamed): building the
# navigation (some 25 links) and drawing it cost every signed-in page about a millisecond.
HEADER_HTML = View("site-header", depends_on=(User, Organisation))
# Letters and digits only (Jinja's escaping leaves it as it is): where the page's own address
# goes, the language switch's way back, which differs with the query string.
BACK_PLACEHOLDER = "backplaceholder5d20a6f3"


def site_header() -> Markup:
    """The header of the page being shown (``_site_header.html``); a visitor's is drawn each
    time (it reads nothing, and an error page drawn with the database down still has it)."""
    from portal.fragments import kept_fragment

    back_here = request.full_path if request.query_string else request.path
    if not current_user.is_authenticated:
        return Markup(  # noqa: S704 - rendered by Jinja
            render_template(
                "_site_header.html",
                nav=_anonymous_navigation(),
                back_here=back_here,
            )
        )
    page = (request.endpoint, *sorted((request.view_args or {}).items()))
    html = kept_fragment(
        HEADER_HTML,
        (current_user.id, *map(str, page)),
        "_site_header.html",
        lambda: {"nav": navigation(), "back_here": BACK_PLACEHOLDER},
    )
    return html.replace(BACK_PLACEHOLDER, back_here)  # Markup.replace escapes it


def navigation() -> Navigation:
    """The navbar of the current user, for the page being shown."""
    if current_user.is_authenticated:
        return _signed_in_navigation(current_user)
    return _anonymous_navigation()
