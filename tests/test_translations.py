"""Both catalogs are complete: every message of the code is translated, nothing is fuzzy,
and placeholders are the same in message ids and translations."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from portal.cli import IGNORED_DIRS
from portal.translation_check import catalog_problems, placeholders

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "ar")


def test_catalogs_have_no_untranslated_fuzzy_or_mismatched_entry():
    assert catalog_problems(ROOT / "translations", LANGUAGES) == []


def test_every_message_of_the_code_is_in_both_catalogs(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--ignore-dirs",
            IGNORED_DIRS,
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        expected = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert len(expected) > 100
    for language in LANGUAGES:
        path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        translated = {
            m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string
        }
        missing = sorted(expected - translated)
        assert missing == [], f"{language}: run `flask translate update`, then translate {missing}"


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
