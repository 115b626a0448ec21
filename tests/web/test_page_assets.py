"""Stylesheets and scripts load in the page's <head>, through base.html's ``styles`` and
``scripts`` blocks, never inside <main> (where a browser may paint the page before the style
applies). The templates are read here; every page a role may open is rendered and checked by
the crawl of test_reachability, with ``assets_inside_main``."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"
ASSET = re.compile(r"<link\b[^>]*\bstylesheet\b[^>]*>|<style\b[^>]*>|<script\b[^>]*>", re.I)
MAIN = re.compile(r"<main\b.*?</main>", re.S | re.I)
HEAD_BLOCKS = re.compile(
    r"{%-?\s*block\s+(styles|scripts)\s*-?%}.*?{%-?\s*endblock(\s+\1)?\s*-?%}", re.S
)


def assets_inside_main(html: str) -> list[str]:
    """The stylesheet links, style elements and scripts found inside the page's <main>."""
    return [asset for main in MAIN.findall(html) for asset in ASSET.findall(main)]


def test_a_stylesheet_or_script_inside_main_is_found():
    assert assets_inside_main('<main><link rel="stylesheet" href="/x.css"></main>')
    assert assets_inside_main("<main id=main><p>x</p><script src=/x.js></script></main>")
    assert not assets_inside_main('<head><link rel="stylesheet" href="/x.css"></head><main>')


def test_templates_put_stylesheets_and_scripts_in_the_head_blocks():
    misplaced = {
        str(path.relative_to(TEMPLATES)): found
        for path in sorted(TEMPLATES.rglob("*.html"))
        if path.name != "base.html"
        and (found := ASSET.findall(HEAD_BLOCKS.sub("", path.read_text())))
    }
    assert misplaced == {}, "use {% block styles %} / {% block scripts %} of base.html"
