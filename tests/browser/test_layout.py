"""Layout in a real browser, in French and Arabic: no sideways scroll on a phone, the heat map's
colours, contrast on overdue rows, a visible focus ring on the navbar, a one-row navbar at
1366 px for every role and its menus on a phone (issue #9). Screenshots under test-artifacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.browser.conftest import DESKTOP, screenshot

CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()
LANGUAGES = ["fr", "ar"]
PHONE = {"width": 390, "height": 844}
DEMO_ACCOUNTS = [
    "admin@example.org",
    "ministere@example.org",
    "amica@example.org",
    "fcp@example.org",
    "pme@example.org",
    "institut@example.org",
    "labo@example.org",
]


def _ids(live_server) -> dict[str, int]:
    """A convention with a late milestone and a support case with an overdue action."""
    from portal import clock
    from portal.extensions import db
    from portal.models import ActionItem, ActionStatus, Convention, Milestone

    with live_server.app.app_context():
        today = clock.today()
        convention_id = db.session.execute(
            select(Milestone.convention_id)
            .join(Convention)
            .where(Milestone.completed_on.is_(None), Milestone.due_date < today)
            .order_by(Milestone.convention_id)
        ).scalar()
        case_id = db.session.execute(
            select(ActionItem.case_id)
            .where(ActionItem.status != ActionStatus.DONE, ActionItem.due_date < today)
            .order_by(ActionItem.case_id)
        ).scalar()
    assert convention_id and case_id, "the demo data has a late milestone and an overdue action"
    return {"convention": convention_id, "case": case_id}


@pytest.fixture
def open_page(page_as):
    """A page signed in as a demo account in a language, at a viewport size."""
    return page_as


def _scroll_widths(page) -> tuple[int, int]:
    return tuple(
        page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )


# --- 1. no sideways scroll on a phone ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_and_convention_page_do_not_scroll_sideways_on_a_phone(
    open_page, live_server, language
):
    convention_id = _ids(live_server)["convention"]
    page = open_page("admin@example.org", language, PHONE)
    for name, path in [
        ("members", "/ecosystems/automobile/members"),
        ("conventions", "/conventions/"),
        ("convention", f"/conventions/{convention_id}"),
    ]:
        page.goto(live_server.url + path)
        scroll_width, client_width = _scroll_widths(page)
        screenshot(page, f"layout-phone-{name}-{language}")
        assert scroll_width <= client_width, f"{path} scrolls sideways in {language}"


# --- 2. the heat map's colours -----------------------------------------------------------------

LEVELS_JS = """(selector) => [...document.querySelectorAll(selector)].map(element => ({
    level: element.className.match(/heat-(\\d)/)[1],
    background: getComputedStyle(element).backgroundColor}))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_heat_map_cells_show_their_colour_with_readable_text(open_page, live_server, language):
    page = open_page("admin@example.org", language, DESKTOP)
    page.goto(live_server.url + "/training/demand")
    screenshot(page, f"layout-heat-map-{language}")
    cells = page.evaluate(LEVELS_JS, '.heat-map td[class^="heat-"]')
    assert cells, "the demo demand fills the heat map"
    by_level: dict[str, set[str]] = {}
    for cell in cells:
        by_level.setdefault(cell["level"], set()).add(cell["background"])
    assert len(by_level) >= 3, f"several heat levels in the demo data: {sorted(by_level)}"
    for level, backgrounds in by_level.items():
        assert len(backgrounds) == 1, f"heat-{level} cells share one colour: {backgrounds}"
        (background,) = backgrounds
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), f"heat-{level}"
    colours = [next(iter(b)) for b in by_level.values()]
    assert len(set(colours)) == len(colours), f"one colour per level: {by_level}"
    legend = {
        item["level"]: item["background"]
        for item in page.evaluate(LEVELS_JS, '.heat-legend [class^="heat-"]')
    }
    for level, backgrounds in by_level.items():
        assert legend.get(level) in backgrounds, f"the legend shows heat-{level}'s colour"
    for item in page.evaluate(CONTRAST_JS, ".heat-map tbody td, .heat-legend"):
        assert item["ratio"] >= 4.5, item


# --- 3. contrast on overdue rows ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_on_overdue_rows_keeps_a_contrast_of_4_5(open_page, live_server, language):
    ids = _ids(live_server)
    page = open_page("admin@example.org", language, DESKTOP)
    checked = 0
    for name, path in [
        ("requests", "/requests/"),
        ("milestones", f"/conventions/{ids['convention']}"),
        ("action-plan", f"/support/{ids['case']}/action-plan"),
    ]:
        page.goto(live_server.url + path)
        screenshot(page, f"layout-overdue-{name}-{language}")
        texts = page.evaluate(CONTRAST_JS, ".table-danger, .list-group-item-danger")
        assert texts, f"{path} shows an overdue row"
        low = [t for t in texts if t["ratio"] < 4.5]
        assert low == [], f"{path} in {language}: {low}"
        checked += len(texts)
    # Striped rows (every other row of most lists) are tinted too.
    page.goto(live_server.url + "/directory/organisations")
    low = [t for t in page.evaluate(CONTRAST_JS, "main table tbody") if t["ratio"] < 4.5]
    assert low == [], low


# --- 4. a focus ring visible on the navbar --------------------------------------------------

FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    inNavbar: !!el.closest('.site-header .navbar'),
    inMenu: !!el.closest('.dropdown-menu'),
    inMain: !!el.closest('main'),
    text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    navbar: getComputedStyle(document.querySelector('.site-header .navbar')).backgroundColor,
  };
}"""
RATIO_JS = """([a, b]) => {
  const parse = v => v.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [x, y] = [lum(parse(a)), lum(parse(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def _focus_rings(page, stop) -> list[dict]:
    """Press Tab until ``stop(state)``; the state of each focused element."""
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_JS)
        if stop(state):
            seen.append(state)
            break
        seen.append(state)
    return seen


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_focus_ring_is_visible_on_the_navbar_and_the_page(
    open_page, live_server, language, viewport
):
    page = open_page("amica@example.org", language, viewport)
    page.goto(live_server.url + "/home")
    states = _focus_rings(page, lambda s: s["inMain"])
    in_navbar = [s for s in states if s["inNavbar"] and not s["inMenu"]]
    assert len(in_navbar) >= (6 if viewport is DESKTOP else 2), states
    for state in in_navbar:
        assert state["outlineStyle"] not in ("none", "hidden"), state
        assert state["outlineWidth"] >= 2, state
        ratio = page.evaluate(RATIO_JS, [state["outlineColor"], state["navbar"]])
        assert ratio >= 3, f"{state['text']}: ring {state['outlineColor']} on navbar {ratio:.2f}"
    first_in_main = states[-1]
    assert first_in_main["inMain"] and first_in_main["outlineStyle"] != "none", states[-1]
    ratio = page.evaluate(RATIO_JS, [first_in_main["outlineColor"], "rgb(255, 255, 255)"])
    assert ratio >= 3, f"ring on the page: {first_in_main}"
    if viewport is DESKTOP:
        # A menu of the navbar opened with the keyboard: its items (on white) show a ring too.
        toggle = page.locator(".site-header .navbar-nav .dropdown-toggle").first
        toggle.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("ArrowDown")
        state = page.evaluate(FOCUS_JS)
        assert state["inMenu"], state
        ratio = page.evaluate(RATIO_JS, [state["outlineColor"], "rgb(255, 255, 255)"])
        assert state["outlineStyle"] != "none" and ratio >= 3, state


# --- 6. the navbar: one row at 1366 px, menus, a phone -----------------------------------------

ROWS_JS = """() => {
  const boxes = [...document.querySelectorAll(
      '.site-header .navbar-brand, #main-nav .navbar-nav > .nav-item, #main-nav .navbar-tools > *')]
    .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
  return {count: boxes.length, lowestTop: Math.max(...boxes.map(r => r.top)),
          highestBottom: Math.min(...boxes.map(r => r.bottom))};
}"""


def check_navbar_fits_one_row(page, email: str, language: str) -> None:
    """The navbar of the page (a home at 1366 px) holds on one row, nothing scrolls sideways.
    Run on every demo account's home in both languages by test_homes, which loads each home
    once for its queue, this check and axe-core."""
    rows = page.evaluate(ROWS_JS)
    screenshot(page, f"layout-navbar-{email.split('@')[0]}-{language}")
    assert rows["count"] >= 4, rows
    assert rows["lowestTop"] < rows["highestBottom"], f"{email} navbar wraps: {rows}"
    scroll_width, client_width = _scroll_widths(page)
    assert scroll_width <= client_width, f"{email} home scrolls sideways in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_navbar_menus_on_a_phone_and_with_the_keyboard(open_page, live_server, language):
    page = open_page("amica@example.org", language, PHONE)
    page.goto(live_server.url + "/training/demand")
    menu = page.locator("#main-nav")
    assert not menu.is_visible()
    page.click(".navbar-toggler")
    menu.wait_for(state="visible")
    training = page.locator("#nav-training")
    assert training.get_attribute("aria-current") == "true"
    training.click()
    items = page.locator("#main-nav .dropdown-menu.show .dropdown-item")
    items.first.wait_for(state="visible")
    current = page.locator("#main-nav .dropdown-menu.show [aria-current=page]")
    assert current.count() == 1 and current.get_attribute("href").endswith("/training/demand")
    assert _scroll_widths(page)[0] <= PHONE["width"]
    screenshot(page, f"layout-navbar-phone-open-{language}")
    # The same menu with the keyboard at desktop width: Enter opens, arrows move.
    page = open_page("amica@example.org", language, DESKTOP)
    page.goto(live_server.url + "/training/demand")
    toggle = page.locator(".site-header .dropdown-toggle[aria-current=true]")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.closest('.dropdown-menu') !== null")
    assert first
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"


# --- 9. breadcrumbs read the page's way --------------------------------------------------------

CRUMBS_JS = """() => [...document.querySelectorAll('.breadcrumbs .breadcrumb-item')].map(li => {
  const box = li.getBoundingClientRect();
  return {left: box.left, right: box.right,
          divider: getComputedStyle(li, '::before').content};
})"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_breadcrumbs_run_in_the_reading_direction(open_page, live_server, language):
    ids = _ids(live_server)
    page = open_page("amica@example.org", language, DESKTOP)
    page.goto(f"{live_server.url}/support/{ids['case']}/action-plan")
    crumbs = page.evaluate(CRUMBS_JS)
    assert len(crumbs) == 3
    first, last = crumbs[0], crumbs[-1]
    if language == "ar":
        assert first["left"] > last["right"], crumbs  # the trail starts on the right
    else:
        assert first["right"] < last["left"], crumbs
    # A chevron (mirrored by the browser in right-to-left text), not Bootstrap's slash.
    assert all(c["divider"] == '"›"' for c in crumbs[1:]), crumbs
    screenshot(page, f"layout-breadcrumbs-{language}")
