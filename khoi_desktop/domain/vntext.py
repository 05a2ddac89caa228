"""Vietnamese text rules: clean-up, search keys, sort keys and formatting.

Every text that enters the application goes through :func:`clean`; names get a
diacritic-free :func:`search_key` and a :func:`sort_key` whose plain binary order is
the Vietnamese order of person names: the given name compared fully (letters, then tone,
then case), then the middle names, then the family name — so every "Hoa" comes before
every "Hòa", whatever the family names.

Collation (:func:`collation_key`) reproduces ICU's "vi" order at its default strength
(tertiary, punctuation not ignored), as QCollator(QLocale("vi_VN")) gives it on Linux:

* primary: space < punctuation < symbols < currency < digits < letters; digits compare
  one by one ("a10" < "a9"); letters a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t
  u ư v w x y z. Curly quotes weigh as straight ones, '…' as '...', '²' as '2';
* secondary, only on a primary tie, left to right over the whole string: no accent <
  curly quote < huyền < hỏi < ngã < sắc < nặng < other accents ("an" < "àn" < "ản" < "ãn" < "án" < "ạn");
* tertiary, only on a secondary tie: lower < compatibility form < upper ("an" < "An" < "án").

The key is ``primary + "\\x01" + secondary + "\\x01" + tertiary``. Every weight is a
code point above U+0001, so a shorter level sorts before a longer one with the same
prefix, and plain code-point (UTF-8, SQLite BINARY) order equals ICU order. Strings
ICU calls equal get equal keys. Approximations, never hit by Vietnamese text: characters
the tables do not list sort by code point among the symbols or, for letters of other
scripts and ligatures such as ß/æ/œ/ø, after z; unlisted accents follow by code point;
compatibility forms of one character ('２', '²') tie with each other.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
# Control characters other than tab/newline never belong in stored text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Anything clean() would change after NFC: a control character, two whitespace characters in a
# row, whitespace other than a plain space, whitespace at either end.
_UNTIDY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\s\s|[^\S ]|^\s|\s$")


def clean(text: str | None) -> str:
    """NFC, no control characters, single spaces, trimmed; ``None`` becomes ''."""
    if text is None or text == "":
        return ""
    text = unicodedata.normalize("NFC", str(text))
    # Most texts are tidy already. A printable text holds no control character and no whitespace
    # but the plain space (every other whitespace is a separator or a control, which isprintable
    # refuses): only two spaces in a row or a space at either end can be untidy in it. Else one
    # scan of the expression instead of three passes.
    if (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ") or (
            _UNTIDY.search(text) is None):
        return text
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def clean_multiline(text: str | None) -> str:
    """Like :func:`clean` but keeps line breaks (for opinions, conclusions, narratives)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


class _Unmarked(dict[int, str | None]):
    """For str.translate: combining marks (category Mn) dropped, đ/Đ → d/D, the rest kept.

    Filled on first use of each character, so folding costs one C-level pass per text.
    """

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        value = self[code] = None if unicodedata.category(ch) == "Mn" else {"đ": "d", "Đ": "D"}.get(ch, ch)
        return value


_UNMARKED = _Unmarked()


@functools.lru_cache(maxsize=1 << 16, typed=True)  # an import folds each name three times; lists repeat their words
def fold(text: str | None) -> str:
    """Lowercase, without diacritics, đ → d: the form used for searching."""
    return unicodedata.normalize("NFD", clean(text)).translate(_UNMARKED).lower()


def search_key(text: str | None) -> str:
    """The stored, indexed key a diacritic-free search matches against."""
    return fold(text)


def visible_text(text: str | None) -> str:
    """:func:`clean` without invisible characters (zero-width spaces and joiners, bidi controls, BOM).

    Names copied from web pages and chat carry them; left in, "Lê Văn A" and "Lê\u200bVăn A"
    would be two people to every duplicate check.
    """
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    if text.isprintable():  # no format character (category Cf) in it: nothing to take out
        return clean(text)
    return clean("".join(ch for ch in text if unicodedata.category(ch) != "Cf"))


def proper_name(text: str | None) -> str:
    """'NGUYỄN VĂN HẢI' → 'Nguyễn Văn Hải'; names already in mixed case are left as typed (invisible marks out)."""
    name = visible_text(text)
    if not name or name != name.upper() or name == name.lower():
        return name
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split(" "))


def ascii_name(text: str | None, separator: str = "_") -> str:
    """A file-name-safe ASCII form: 'Chi bộ Kho bạc' → 'Chi_bo_Kho_bac'."""
    decomposed = unicodedata.normalize("NFD", clean(text))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    bare = bare.replace("đ", "d").replace("Đ", "D")
    words = re.findall(r"[A-Za-z0-9]+", bare)
    return separator.join(words)


# ---------------------------------------------------------------------------
# Names and collation


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """(family, middle, given): 'Nguyễn Thị Minh Khai' → ('Nguyễn', 'Thị Minh', 'Khai')."""
    words = clean(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


# Primary order checked against ICU 73 "vi"; each character's weight is its position.
_PUNCTUATION = " _-–—,;:!?.·'\"«»()[]{}§@*/\\&#%•`^°©®+±÷×<=>|~"
_CURRENCY = "$£¥₫€"
_DIGITS = "0123456789"
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_SET = frozenset(_LETTERS)
_OTHER_SYMBOL = "<other symbol>"  # slots for characters the tables do not list
_OTHER_LETTER = "<other letter>"
_PRIMARY = {
    ch: chr(0x20 + i)
    for i, ch in enumerate([*_PUNCTUATION, _OTHER_SYMBOL, *_CURRENCY, *_DIGITS, *_LETTERS, _OTHER_LETTER])
}
_LEVEL = "\x01"  # below every weight, so a shorter level sorts first
_COMMON = "\x02"  # the secondary/tertiary weight of a plain lower-case character
# Secondary: curly quotes are the straight ones plus a difference that ranks below any accent.
_QUOTES = {"‘": ("'", "\x03"), "’": ("'", "\x04"), "“": ('"', "\x03"), "”": ('"', "\x04")}
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng: the vi tailoring order
# Then ICU's order of the accents of other Latin alphabets: ˘ ^ ˇ ˚ ¨ ˝ ˙ ¸ ˛ ¯.
_ACCENTS = _TONES + "\u0306\u0302\u030c\u030a\u0308\u030b\u0307\u0327\u0328\u0304"
_SECONDARY = {mark: chr(0x05 + i) for i, mark in enumerate(_ACCENTS)}
_OTHER_ACCENT = chr(0x05 + len(_ACCENTS))
# Tertiary: lower < compatibility form (…, ², fullwidth) < upper < upper compatibility form.
_UPPER = "\x04"
_AS_VARIANT = str.maketrans({_COMMON: "\x03", _UPPER: "\x05"})


def _primary(base: str) -> str:
    """The primary weight of a character without accents; unknown ones keep their code point."""
    weight = _PRIMARY.get(base)
    if weight is not None:
        return weight
    digit = unicodedata.digit(base, None)
    if digit is not None:
        return _PRIMARY[str(digit)]
    group = _OTHER_LETTER if unicodedata.category(base).startswith("L") else _OTHER_SYMBOL
    # Placeholder weight, then the character itself: others sort by code point.
    return _PRIMARY[group] + base


def _weights(ch: str) -> tuple[str, str, str]:
    """(primary, secondary, tertiary) weights of one NFC character."""
    if unicodedata.category(ch) == "Cf":  # soft hyphen, zero-width space: ignored
        return "", "", ""
    if ch in _QUOTES:
        straight, secondary = _QUOTES[ch]
        return _PRIMARY[straight], secondary, _COMMON
    compatible = unicodedata.normalize("NFKC", ch)
    if compatible != ch:  # '…' weighs as '...', '²' as '2', each a tertiary variant
        parts = [_weights(part) for part in compatible]
        primary, secondary, tertiary = ("".join(level) for level in zip(*parts, strict=True))
        return primary, secondary, tertiary.translate(_AS_VARIANT)
    return _letter_weights(ch)


def _letter_weights(ch: str) -> tuple[str, str, str]:
    """Weights of a character with no compatibility form: base letter plus accents."""
    base, *marks = unicodedata.normalize("NFD", ch)
    if unicodedata.category(base).startswith("M"):  # a lone accent only adds a secondary weight
        return "", _accent(base), ""
    letter = base.lower() if len(base.lower()) == 1 else base
    accents = ""
    for mark in marks:
        # Breve, circumflex and horn make new letters (ă â ê ô ơ ư); other accents are secondary.
        composed = unicodedata.normalize("NFC", letter + mark)
        if composed in _LETTER_SET:
            letter = composed
        else:
            accents += _accent(mark)
    return _primary(letter), _COMMON + accents, _UPPER if base.isupper() else _COMMON


def _accent(mark: str) -> str:
    """The secondary weight of a combining mark; unlisted ones follow by code point."""
    return _SECONDARY.get(mark) or _OTHER_ACCENT + mark


class _WeightTable(dict[str, tuple[str, str, str]]):
    """Per-character weights, computed on first use."""

    def __missing__(self, ch: str) -> tuple[str, str, str]:
        value = self[ch] = _weights(ch)
        return value


_WEIGHTS = _WeightTable()


def collation_key(text: str | None) -> str:
    """A key whose plain string order is ICU's Vietnamese order of ``clean(text)``."""
    return _key_of_clean(clean(text))


def _key_of_clean(cleaned: str) -> str:
    """:func:`collation_key` of a text already cleaned."""
    if not cleaned:
        return ""
    primary, secondary, tertiary = zip(*map(_WEIGHTS.__getitem__, cleaned), strict=True)
    key = "".join(primary) + _LEVEL + "".join(secondary) + _LEVEL + "".join(tertiary)
    return "" if key == _LEVEL + _LEVEL else key  # only ignorables (a soft hyphen): equal to ''


def sort_key(full_name: str | None) -> str:
    """The person-name key: the :func:`collation_key` of the given name, then of the middle
    names, then of the family name, each compared fully before the next.

    Vietnamese lists group a given name with its tone: 'Nguyễn Thanh Hoa' < 'Phạm Công Hòa'
    although 'Công' < 'Thanh'. Comparing 'given middle family' as one string would let the
    middle names decide on letters before the tone of the given name, and Hoa and Hòa
    would alternate down the list.

    The parts are joined by the level separator: a part's key holds exactly two of them (an
    empty part's key is empty) and every weight ranks above them, so where two parts differ
    their keys differ before either ends, and the joined key orders exactly as (given,
    middle, family) compared in turn.
    """
    if not clean(full_name):
        return ""
    family, middle, given = split_name(full_name)  # already clean
    return _LEVEL.join((_key_of_clean(given), _key_of_clean(middle), _key_of_clean(family)))


# SQLite compares row pairs many times over; each text's key is computed once.
_cached_collation_key = functools.lru_cache(maxsize=1 << 16)(collation_key)
_cached_sort_key = functools.lru_cache(maxsize=1 << 16)(sort_key)


def _compare_text(left: str, right: str) -> int:
    """The "VI" collation callback: negative, zero or positive."""
    a, b = _cached_collation_key(left), _cached_collation_key(right)
    return (a > b) - (a < b)


def _compare_name(left: str, right: str) -> int:
    """The "VI_NAME" collation callback: full names, given name first."""
    a, b = _cached_sort_key(left), _cached_sort_key(right)
    return (a > b) - (a < b)


def register_collation(connection: sqlite3.Connection) -> None:
    """Add collations "VI" (text, :func:`collation_key`) and "VI_NAME" (full names, :func:`sort_key`).

    ``ORDER BY unit_name COLLATE VI``; ``ORDER BY full_name COLLATE VI_NAME``.
    """
    connection.create_collation("VI", _compare_text)
    connection.create_collation("VI_NAME", _compare_name)


def vietnamese_sorted(
    items: Iterable[T],
    key: Callable[[T], str | None] | None = None,
    *,
    names: bool = False,
    reverse: bool = False,
) -> list[T]:
    """``sorted`` in Vietnamese order; ``names=True`` sorts person names given name first."""
    to_key = sort_key if names else collation_key
    get_text = key if key is not None else str
    return sorted(items, key=lambda item: to_key(get_text(item)), reverse=reverse)


# ---------------------------------------------------------------------------
# Formatting


def format_date(value: date | None) -> str:
    """'05/02/2026' — the form used in tables and forms."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_date_long(value: date) -> str:
    """'ngày 05 tháng 02 năm 2026': days under 10 and months 1–2 are zero-padded."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def format_number(value: int | float, decimals: int = 0) -> str:
    """'1.234' and '1.234,5': dot for thousands, comma for decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(numerator: float, denominator: float, decimals: int = 2) -> str:
    """'96,5%': rounded to ``decimals`` places, trailing zeros dropped; '0%' when empty."""
    if not denominator:
        return "0%"
    value = round(100.0 * numerator / denominator, decimals)
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def format_ratio(numerator: int, denominator: int, unit: str = "") -> str:
    """'193/200 người, đạt 96,5%' (without the unit: '193/200, đạt 96,5%')."""
    head = f"{format_number(numerator)}/{format_number(denominator)}"
    if unit:
        head = f"{head} {unit}"
    return f"{head}, đạt {format_percent(numerator, denominator)}"


# ---------------------------------------------------------------------------
# Parsing

_DATE_PATTERN = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})\s*$")


class DateParseError(ValueError):
    """A date the user typed that is malformed or does not exist; the message is Vietnamese."""


def parse_date(text: str, *, century_pivot: int = 30) -> date:
    """Read 'dd/mm/yyyy' (also 'd/m/yy', '.' or '-' separators) into a date.

    Two-digit years up to ``century_pivot`` are 20xx, later ones 19xx.
    Raises :class:`DateParseError` with a Vietnamese message for '31/02/2026' or 'abc'.
    """
    raw = clean(text)
    match = _DATE_PATTERN.match(raw)
    if not match:
        raise DateParseError(f"“{raw}” không phải ngày hợp lệ (cần dạng ngày/tháng/năm, ví dụ 05/02/2026).")
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000 if year <= century_pivot else 1900
    if not 1 <= month <= 12:
        raise DateParseError(f"“{raw}”: tháng {month} không có thật (tháng từ 1 đến 12).")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"“{raw}”: tháng {month}/{year} không có ngày {day}.") from None


def parse_iso_date(text: str | None) -> date | None:
    """Read a stored 'YYYY-MM-DD' value; empty means no date."""
    return date.fromisoformat(text) if text else None
