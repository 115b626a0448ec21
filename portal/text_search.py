"""Text folding for search that behaves the same on SQLite and PostgreSQL.

Names are stored twice: as typed, and folded into a ``search_text`` column. A query is
folded the same way and split into words, each matched with a plain ``LIKE '%word%'``, so
no database collation or extension (unaccent, ICU) is needed. Folding lowercases, removes
Latin accents, removes Arabic diacritics and tatweel, unifies the Arabic letters people
write interchangeably (hamza forms of alef, taa marbuta, alef maqsura...), turns
Arabic-Indic digits into ASCII digits and keeps only letters and digits.
"""

from __future__ import annotations

import unicodedata

MAX_WORDS = 8
MAX_WORD_LENGTH = 60

_ARABIC_INDIC_DIGITS = {0x0660 + i: str(i) for i in range(10)}
_EASTERN_ARABIC_INDIC_DIGITS = {0x06F0 + i: str(i) for i in range(10)}
_DIGITS = {**_ARABIC_INDIC_DIGITS, **_EASTERN_ARABIC_INDIC_DIGITS}

_REMOVED = [
    *range(0x064B, 0x0660),  # tashkeel: fathatan ... wavy hamza below
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    0x0640,  # tatweel
]

_FOLD_TABLE: dict[int, str | None] = {
    **{code: None for code in _REMOVED},
    **_DIGITS,
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ة"): "ه",
    ord("ى"): "ي",
    ord("ؤ"): "و",
    ord("ئ"): "ي",
    ord("œ"): "oe",
    ord("æ"): "ae",
    ord("ß"): "ss",
}


def fold(text: str | None) -> str:
    """Fold a text for accent-, case- and diacritic-insensitive matching."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    translated = decomposed.translate(_FOLD_TABLE)
    kept = (
        char if char.isalnum() else " " for char in translated if not unicodedata.combining(char)
    )
    return " ".join("".join(kept).split())


def search_words(query: str | None) -> list[str]:
    """The distinct folded words of a query, in order, at most 8 of at most 60 characters."""
    words: list[str] = []
    for word in fold(query).split():
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
            if len(words) == MAX_WORDS:
                break
    return words


def like_pattern(word: str) -> str:
    """A ``%word%`` pattern with LIKE wildcards escaped, for ``like(..., escape="\\\\")``."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def digits_only(text: str | None) -> str:
    """The ASCII digits of a text, Arabic-Indic digits converted (for ICE numbers)."""
    if not text:
        return ""
    return "".join(char for char in str(text).translate(_DIGITS) if char in "0123456789")
