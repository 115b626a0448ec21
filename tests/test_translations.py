"""Both catalogs are complete: every message of the code is translated, nothing is fuzzy,
and placeholders are the same in message ids and translations."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from portal.translation_check import (
    catalog_problems,
    extract_messages,
    literal_template_texts,
    non_literal_messages,
    placeholders,
)

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "ar")


def test_catalogs_have_no_untranslated_fuzzy_or_mismatched_entry():
    assert catalog_problems(ROOT / "translations", LANGUAGES) == []


def test_every_message_of_the_code_is_in_both_catalogs():
    catalog, _files = extract_messages(ROOT)
    expected = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert len(expected) > 100
    for language in LANGUAGES:
        path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            po = read_po(handle)
        translated = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id and m.string}
        missing = sorted(expected - translated)
        assert missing == [], f"{language}: run `flask translate update`, then translate {missing}"


def test_extraction_reads_every_template_and_module():
    """Babel's own walk skips folders whose name starts with "_" (templates/_macros was never
    extracted): every template and module of portal/ must be read, whatever its folder."""
    _catalog, files = extract_messages(ROOT)
    package = ROOT / "portal"
    on_disk = {
        path
        for pattern in ("*.py", "*.html")
        for path in package.rglob(pattern)
        if "__pycache__" not in path.parts and "static" not in path.relative_to(package).parts
    }
    assert (package / "templates" / "_macros" / "lists.html") in on_disk
    assert sorted(on_disk - set(files)) == []


def test_no_message_is_hidden_from_extraction():
    """``_(CONSTANT)`` or ``_(variable)`` translates at run time a text extraction never saw."""
    assert non_literal_messages(ROOT) == []
    dynamic = re.compile(r"\b_\(\s*[^\s\"')]")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "portal" / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if dynamic.search(line)
    ]
    assert found == []


def test_templates_show_no_text_outside_the_catalogs():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted((ROOT / "portal" / "templates").rglob("*.html"))
        for line, text in literal_template_texts(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_template_check_sees_literal_text():
    source = (
        '<nav aria-label="Pages"><a href="{{ url }}" title="{{ _("Next") }}">{{ _("Next") }}</a>'
        '{% if late %}<tr{% if late %} class="late"{% endif %}>{% endif %}'
        "<p>\n{{ count }} items</p><script>var x;</script></nav>"
    )
    assert literal_template_texts(source) == [(1, 'aria-label="Pages"'), (1, "items")]


def test_the_checker_sees_placeholder_mismatches(tmp_path):
    assert placeholders("Hello %(name)s, %(count)d left, 100%%") == ["count", "name"]
    directory = tmp_path / "fr" / "LC_MESSAGES"
    directory.mkdir(parents=True)
    (directory / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello %(name)s"\nmsgstr "Bonjour %(nom)s"\n\n'
        '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Flou"\n\n'
        'msgid "Empty"\nmsgstr ""\n',
        encoding="utf-8",
    )
    problems = catalog_problems(tmp_path, ["fr"])
    assert len(problems) == 3
    (directory / "messages.po").write_text(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
        encoding="utf-8",
    )
    assert catalog_problems(tmp_path, ["fr"]) == ["fr: the catalog header is marked fuzzy"]


def test_arabic_plural_forms_follow_the_cldr_order():
    """Babel's own Arabic formula swaps "many" (11-99) and "other" (100-102); the catalog's
    header must give form 4 to 11-99 and form 5 to 100-102, as translators wrote them."""
    import gettext

    path = ROOT / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    plural = gettext.c2py(catalog.plural_expr)
    assert [plural(n) for n in (0, 1, 2, 5, 11, 99, 100, 102, 111)] == [0, 1, 2, 3, 4, 4, 5, 5, 4]


def test_a_text_missing_from_the_catalogs_fails_the_test_that_shows_it(app):
    """The guard of tests/conftest.py sees a message looked up at run time but never extracted
    (here, a text built at run time): the test showing it would fail."""
    from flask_babel import force_locale, gettext

    from tests.conftest import MISSING_MESSAGES

    invented = "".join(["A text ", "nobody extracted"])
    with app.test_request_context("/"), force_locale("ar"):
        assert gettext(invented) == invented
        assert gettext("Sort by") != "Sort by"
    assert {invented} == MISSING_MESSAGES
    MISSING_MESSAGES.clear()
