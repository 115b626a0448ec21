"""Checks of the translation catalogs: complete, not fuzzy, same placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[-#0 +]*\d*[dsf]")


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
