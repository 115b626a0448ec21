"""Checks of the translation catalogs: complete, not fuzzy, same placeholders; and the one
extraction of the code's messages that both ``flask translate extract`` and the tests use."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*[dsf]")

ROOT = Path(__file__).resolve().parent.parent
# Folders under portal/ that hold no message: everything else is walked, whatever its name.
# (Babel's own walk skips folders whose name starts with "_" or ".", such as _macros.)
SKIPPED_FOLDERS = {"__pycache__", "static"}
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
GETTEXT_FUNCTIONS = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"}


def extract_messages(root: Path = ROOT) -> tuple[Catalog, list[Path]]:
    """Every message of portal/ (Python and templates, by babel.cfg) and the files read."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    package = root / "portal"
    visited: list[Path] = []

    def keep_folder(path: str) -> bool:
        return Path(path).name not in SKIPPED_FOLDERS

    def seen(filename: str, _method: str, _options: dict) -> None:
        visited.append(package / filename)

    catalog = Catalog(project="quality-ecosystems-portal", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        package,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        strip_comment_tags=False,
        callback=seen,
        directory_filter=keep_folder,
    ):
        catalog.add(
            message,
            None,
            [(f"portal/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog, visited


def non_literal_messages(root: Path = ROOT) -> list[str]:
    """Calls of a gettext function whose message is not a string literal: extraction cannot
    see them, so they reach no catalog (``_(SOME_CONSTANT)``, ``_(variable)``)."""
    found = []
    for path in sorted((root / "portal").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name not in GETTEXT_FUNCTIONS:
                continue
            literal = node.args[0]
            if not (isinstance(literal, ast.Constant) and isinstance(literal.value, str)):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


# Attributes whose value a person reads or hears.
SHOWN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-roledescription"}
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_STATEMENT = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_WORD = re.compile(r"[A-Za-z]{2,}")


class _LiteralText(HTMLParser):
    """Collects the text and shown attributes of a template written outside any ``_()``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value and _WORD.search(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden and _WORD.search(data):
            self.found.append((self.getpos()[0], data.strip()))


def literal_template_texts(source: str) -> list[tuple[int, str]]:
    """Words a template shows without translating them: statements are dropped (so that
    ``<tr{% if late %} class="x"{% endif %}>`` stays one tag) and each ``{{ … }}`` becomes
    a blank, so only the text written in the template itself remains."""

    def blank(match: re.Match, keep: str) -> str:
        return keep + "\n" * match.group(0).count("\n")

    source = _STATEMENT.sub(lambda m: blank(m, ""), source)
    source = _EXPRESSION.sub(lambda m: blank(m, " "), source)
    parser = _LiteralText()
    parser.feed(source)
    parser.close()
    return parser.found


def placeholders(text: str) -> list[str]:
    """The printf-style placeholders of a message, sorted (``%%`` is not one)."""
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def _strings(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else [v for v in value if v is not None]


def catalog_problems(directory: Path, languages: Iterable[str]) -> list[str]:
    """Every untranslated, fuzzy or placeholder-mismatched entry of each language's catalog."""
    problems = []
    for language in languages:
        path = directory / language / "LC_MESSAGES" / "messages.po"
        if not path.exists():
            problems.append(f"{language}: {path} is missing")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        if catalog.fuzzy:
            # pybabel compile skips a catalog whose header is fuzzy: the whole language is lost.
            problems.append(f"{language}: the catalog header is marked fuzzy")
        for message in catalog:
            if not message.id:
                continue
            label = f"{language}: {message.id if isinstance(message.id, str) else message.id[0]!r}"
            if message.fuzzy:
                problems.append(f"{label} is fuzzy")
            translations = _strings(message.string)
            if not translations or not all(translations):
                problems.append(f"{label} is not translated")
                continue
            expected = placeholders(_strings(message.id)[-1])
            plural = not isinstance(message.id, str)
            for translation in translations:
                found = placeholders(translation)
                # A plural form may leave the number out ("one file"), never add a placeholder.
                mismatch = not set(found) <= set(expected) if plural else found != expected
                if mismatch:
                    problems.append(f"{label} has placeholders {found}, expected {expected}")
    return problems
