"""Real Chromium, in French and in Arabic (right to left): the ministry's cockpit (both
ecosystems side by side) and a federation's dashboard (its own ecosystem) render with their
charts and tables, from the home page; axe-core finds no serious or critical violation; the
text drawn on the map of the regions keeps a contrast of 4.5:1 on its tile; in Arabic the
bars grow from the right. Screenshots with BROWSER_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, screenshot, serious_violations

# The contrast of each tile's text on the tile (SVG fills, from computed styles).
TILE_CONTRAST_JS = """
() => {
  const rgb = (value) => value.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  return [...document.querySelectorAll(".region-tile")].flatMap((tile) => {
    const back = luminance(rgb(getComputedStyle(tile.querySelector("rect")).fill));
    return [...tile.querySelectorAll("text")].map((text) => {
      const fore = luminance(rgb(getComputedStyle(text).fill));
      const ratio = (Math.max(back, fore) + 0.05) / (Math.min(back, fore) + 0.05);
      return [text.textContent, Math.round(ratio * 100) / 100];
    });
  });
}
"""


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize(
    ("email", "name", "columns"),
    [("ministere@example.org", "cockpit", 3), ("amica@example.org", "federation-dashboard", 1)],
)
def test_the_dashboard_renders_with_charts_and_tables(
    page_as, live_server, language, email, name, columns
):
    page = page_as(email, language, DESKTOP)
    page.goto(live_server.url + "/home")
    with page.expect_navigation():
        page.locator('main a[href="/dashboard/"]').first.click()
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    # The figures side by side: one column per ecosystem (and their total), each row a figure.
    headers = page.locator("#side-by-side thead th")
    assert headers.count() == 1 + columns
    assert page.locator("#side-by-side tbody tr").count() >= 15
    # Charts with their tables: the map of the regions and three bar charts.
    assert page.locator("main svg.region-map .region-tile").count() == 12
    assert page.locator("main .bar-chart").count() == 3
    assert page.locator("#members-by-region tbody tr").count() >= 12
    # Every tile's text readable on its shade.
    low = [(text, ratio) for text, ratio in page.evaluate(TILE_CONTRAST_JS) if ratio < 4.5]
    assert low == []
    if language == "ar":
        bar = page.locator("#stages-chart .bar-value").first.bounding_box()
        track = page.locator("#stages-chart .bar-track").first.bounding_box()
        assert abs((bar["x"] + bar["width"]) - (track["x"] + track["width"])) < 2
    assert serious_violations(page) == []
    screenshot(page, f"{name}-{language}")
    # A filter: one region, one period (a GET form: the address keeps it).
    page.select_option("#region", "MA-06")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "region=MA-06" in page.url
    assert page.locator(".region-tile.chosen").count() == 1
