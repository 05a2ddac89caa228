"""Vietnamese text rules: clean-up, search keys, formatting, parsing and ICU-exact collation."""

from __future__ import annotations

import itertools
import random
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest

from khoi_desktop.domain.vntext import (
    DateParseError,
    ascii_name,
    clean,
    clean_multiline,
    collation_key,
    fold,
    format_date,
    format_date_long,
    format_number,
    format_percent,
    format_ratio,
    parse_date,
    parse_iso_date,
    proper_name,
    register_collation,
    search_key,
    sort_key,
    split_name,
    vietnamese_sorted,
    visible_text,
)
from tests.core.names_support import TONES, generate_names
from tests.core.names_support import icu_collator as make_icu_collator

# ---------------------------------------------------------------------------
# Clean-up and search keys


def test_clean_composes_nfd_input() -> None:
    """NFD input (as pasted from macOS or some IMEs) is stored composed (NFC)."""
    nfd = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    assert nfd != "Nguyễn Văn Đức"
    assert clean(nfd) == "Nguyễn Văn Đức"
    assert unicodedata.is_normalized("NFC", clean(nfd))


def test_clean_drops_control_characters() -> None:
    """Control characters vanish; they never belong in stored text."""
    assert clean("Ng\x00uy\x07ễn\x1b\x7f") == "Nguyễn"


def test_clean_collapses_and_trims_whitespace() -> None:
    """Runs of spaces, tabs, newlines and NBSP become one space; ends are trimmed."""
    assert clean("  Trần \t Văn\n\n An\u00a0 ") == "Trần Văn An"


def test_clean_none_and_non_string() -> None:
    """None becomes '' and other values are stringified."""
    assert clean(None) == ""
    assert clean(2026) == "2026"  # type: ignore[arg-type]


def test_clean_matches_its_definition_on_random_text() -> None:
    """The fast path for tidy text changes nothing: clean() equals NFC, controls dropped, whitespace
    runs made one space, ends trimmed — on random mixes of letters, spaces, tabs, NBSP and controls."""
    rng = random.Random(3)
    alphabet = ["a", "ễ", "e\u0303", " ", "  ", "\t", "\n", "\u00a0", "\x01", "\x1c", "\x7f", "Đ", "\r\n"]
    for _ in range(3_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        expected = " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "",
                                   unicodedata.normalize("NFC", text)).split())
        assert clean(text) == expected, repr(text)


def test_clean_multiline_keeps_line_breaks() -> None:
    """clean_multiline keeps lines (CRLF/CR → LF) but tidies each one."""
    text = "  Ý kiến  1 \r\nÝ   kiến 2\rkết\x00 luận\n\n"
    assert clean_multiline(text) == "Ý kiến 1\nÝ kiến 2\nkết luận"
    assert clean_multiline(None) == ""


def test_fold_removes_diacritics_and_d_stroke() -> None:
    """fold lowercases, drops every tone and letter mark, and maps đ/Đ to d."""
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("ĂÂÊÔƠƯ ắầểỗợự") == "aaeoou aaeoou"
    assert fold(None) == ""


def test_search_key_matches_fold() -> None:
    """search_key is the diacritic-free stored form, also for NFD input."""
    assert search_key("Nguyễn Văn Đức") == "nguyen van duc"
    assert search_key(unicodedata.normalize("NFD", "  Đặng  Thị Ánh ")) == "dang thi anh"


def test_ascii_name_is_file_safe() -> None:
    """ascii_name keeps ASCII letters/digits joined by the separator."""
    assert ascii_name("Chi bộ Kho bạc") == "Chi_bo_Kho_bac"
    assert ascii_name("Đảng ủy (khối 2)/2026", "-") == "Dang-uy-khoi-2-2026"
    assert ascii_name("") == ""


# ---------------------------------------------------------------------------
# Formatting and parsing


def test_format_date() -> None:
    """Tables show dd/mm/yyyy, zero-padded; no date is ''."""
    assert format_date(date(2026, 2, 5)) == "05/02/2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (date(2026, 3, 15), "ngày 15 tháng 3 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
    ],
)
def test_format_date_long(value: date, expected: str) -> None:
    """Days under 10 and months 1–2 only are zero-padded, as in Party documents."""
    assert format_date_long(value) == expected


def test_format_number() -> None:
    """Dot for thousands, comma for decimals."""
    assert format_number(1234) == "1.234"
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(0) == "0"


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(193, 200, "96,5%"), (2479, 2500, "99,16%"), (200, 200, "100%"), (1, 3, "33,33%"), (5, 0, "0%")],
)
def test_format_percent(numerator: int, denominator: int, expected: str) -> None:
    """Decimal comma, trailing zeros dropped, empty base gives 0%."""
    assert format_percent(numerator, denominator) == expected


def test_format_ratio() -> None:
    """The report phrase 'x/y người, đạt z%', with or without a unit."""
    assert format_ratio(193, 200, "người") == "193/200 người, đạt 96,5%"
    assert format_ratio(193, 200) == "193/200, đạt 96,5%"
    assert format_ratio(1200, 1250, "lượt") == "1.200/1.250 lượt, đạt 96%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/02/2026", date(2026, 2, 5)),
        ("5/2/2026", date(2026, 2, 5)),
        (" 05.02.2026 ", date(2026, 2, 5)),
        ("05-02-2026", date(2026, 2, 5)),
        ("29/02/2024", date(2024, 2, 29)),
        ("05/02/26", date(2026, 2, 5)),
        ("05/02/30", date(2030, 2, 5)),
        ("05/02/31", date(1931, 2, 5)),
        ("01/01/99", date(1999, 1, 1)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    """d/m/yyyy with / . - separators; 2-digit years ≤ 30 are 20xx, later ones 19xx."""
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2025", "05/13/2026", "abc", "", "2026-02-05"])
def test_parse_date_rejects_with_vietnamese_message(text: str) -> None:
    """Impossible or malformed dates raise DateParseError (a ValueError) in Vietnamese."""
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    assert isinstance(caught.value, ValueError)
    assert "không" in str(caught.value)


def test_parse_date_century_pivot() -> None:
    """The 2-digit-year pivot is adjustable."""
    assert parse_date("01/01/40", century_pivot=50) == date(2040, 1, 1)


def test_parse_iso_date() -> None:
    """Stored ISO dates round-trip; empty means no date."""
    assert parse_iso_date("2026-02-05") == date(2026, 2, 5)
    assert parse_iso_date("") is None
    assert parse_iso_date(None) is None


# ---------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Lê Bình", ("Lê", "", "Bình")),
        ("Trần Văn An", ("Trần", "Văn", "An")),
        ("Ánh", ("", "", "Ánh")),
        ("  Tôn   Nữ  Thị  Ninh ", ("Tôn", "Nữ Thị", "Ninh")),
        ("", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_split_name(full_name: str | None, expected: tuple[str, str, str]) -> None:
    """First word is the family name, last word the given name, the rest middle names."""
    assert split_name(full_name) == expected


# ---------------------------------------------------------------------------
# Collation: hand-written cases


def _assert_strictly_ordered(words: list[str], key: Callable[[str], str] = collation_key) -> None:
    """Each word's key is strictly below the next one's."""
    for a, b in itertools.pairwise(words):
        assert key(a) < key(b), f"{a!r} should sort before {b!r}"


@pytest.mark.parametrize(
    "words",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["e", "ê", "f", "g"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["i", "j", "k", "w", "x", "y", "z"],
        ["Anh", "Ánh", "Ăn", "Ân"],
        ["Dương", "đào", "Đặng"],
        ["Ân", "Yến", "Z"],
        ["O", "Ô", "Ông", "Ơn", "U", "Ư"],
    ],
)
def test_alphabet_order(words: list[str]) -> None:
    """Vietnamese letters are primary: a<ă<â, d<đ, e<ê, o<ô<ơ, u<ư; accented capitals don't go after Z."""
    _assert_strictly_ordered(words)


def test_tone_order() -> None:
    """Tones rank none < huyền < hỏi < ngã < sắc < nặng (ICU vi)."""
    _assert_strictly_ordered(["a", "à", "ả", "ã", "á", "ạ"])
    _assert_strictly_ordered(["ư", "ừ", "ử", "ữ", "ứ", "ự"])


def test_tones_are_secondary() -> None:
    """A tone only breaks a tie on letters: 'án' < 'anh' and 'ạn' < 'ăn'."""
    _assert_strictly_ordered(["an", "án", "anh"])
    _assert_strictly_ordered(["an", "ạn", "ăn"])
    _assert_strictly_ordered(["aá", "áa", "ab"])  # leftmost tone difference decides


def test_case_is_tertiary() -> None:
    """Lower before upper, but only when letters and tones tie."""
    _assert_strictly_ordered(["an", "An", "AN", "án", "Án"])
    _assert_strictly_ordered(["ab", "aB", "Ab", "áb"])
    _assert_strictly_ordered(["đ", "Đ", "e"])


def test_shorter_prefix_sorts_first() -> None:
    """A shorter primary sorts before a longer one with the same prefix, whatever its tones/case."""
    _assert_strictly_ordered(["Ạ", "aa"])
    _assert_strictly_ordered(["An", "An Bình", "anh"])
    _assert_strictly_ordered(["ÁN", "ana"])


def test_space_punctuation_digits_letters() -> None:
    """Space < punctuation < symbols < currency < digits < letters; digits are not numeric."""
    _assert_strictly_ordered(["a" + ch for ch in " _-,.'(/&+$09a"])
    _assert_strictly_ordered(["a", "a b", "a-b", "a.b", "a1", "a10", "a9", "aa"])
    _assert_strictly_ordered(["Chi bộ 1", "Chi bộ 10", "Chi bộ 2", "Chi bộ A"])


def test_nfd_and_messy_input_give_the_same_key() -> None:
    """Keys are of the cleaned NFC text: NFD input and extra spaces change nothing."""
    assert collation_key(unicodedata.normalize("NFD", " Nguyễn  Văn Đức ")) == collation_key("Nguyễn Văn Đức")
    assert collation_key("") == collation_key(None) == ""


def test_key_is_plain_binary_comparable() -> None:
    """The key is valid text whose code-point order is also its UTF-8 byte order."""
    words = ["Ánh", "an", "Đặng", "z", "1", "a b", "ƯỚC"]
    keys = sorted(collation_key(word) for word in words)
    assert keys == sorted(keys, key=lambda key: key.encode("utf-8"))


def test_sort_key_given_name_first() -> None:
    """Person names sort by given name, then middle, then family name."""
    _assert_strictly_ordered(
        ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Bình", "Hoàng Văn Bình", "Phạm Đức", "Vũ Thị Yến"],
        key=sort_key,
    )
    _assert_strictly_ordered(["Ngô An", "Bùi Văn An"], key=sort_key)  # no middle name < 'Văn'
    _assert_strictly_ordered(["Ánh", "Lê Ánh"], key=sort_key)  # no family name first
    assert sort_key("") == sort_key(None) == sort_key("   ") == ""


def test_sort_key_compares_the_given_name_fully_first() -> None:
    """The given name's tone and case decide before the middle and family names (issue 17)."""
    _assert_strictly_ordered(["Nguyễn Thanh Hoa", "Phạm Công Hòa"], key=sort_key)
    _assert_strictly_ordered(["Lê Văn An", "Trần Thị Án"], key=sort_key)
    _assert_strictly_ordered(["Vũ Văn hoa", "Lê Thị Hoa"], key=sort_key)  # case, then the middle name
    _assert_strictly_ordered(["Lê Thị Hòa", "Lê Văn Hòa", "Ngô Văn Hòa"], key=sort_key)


def test_vietnamese_sorted() -> None:
    """vietnamese_sorted sorts texts, objects via key=, and person names given-name first."""
    assert vietnamese_sorted(["Đào", "Ân", "Anh", "Yến"]) == ["Anh", "Ân", "Đào", "Yến"]
    people = [("Lê Bình", 1), ("Trần Văn An", 2)]
    assert vietnamese_sorted(people, key=lambda row: row[0]) == [people[0], people[1]]
    assert vietnamese_sorted(people, key=lambda row: row[0], names=True) == [people[1], people[0]]
    assert vietnamese_sorted(["a", "b"], reverse=True) == ["b", "a"]


# ---------------------------------------------------------------------------
# SQLite


def test_register_collation_orders_like_the_keys() -> None:
    """COLLATE VI equals collation_key order, COLLATE VI_NAME equals sort_key order, and stored keys sort as BINARY."""
    names = generate_names(400, seed=11) + ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Bình", "lê bình"]
    connection = sqlite3.connect(":memory:")
    register_collation(connection)
    connection.execute("CREATE TABLE person (name TEXT, key TEXT)")
    connection.executemany("INSERT INTO person VALUES (?, ?)", [(name, sort_key(name)) for name in names])

    def column(sql: str) -> list[str]:
        return [row[0] for row in connection.execute(sql)]

    by_text = column("SELECT name FROM person ORDER BY name COLLATE VI")
    assert [collation_key(name) for name in by_text] == sorted(collation_key(name) for name in names)
    by_name = column("SELECT name FROM person ORDER BY name COLLATE VI_NAME")
    assert [sort_key(name) for name in by_name] == sorted(sort_key(name) for name in names)
    assert column("SELECT key FROM person ORDER BY key") == sorted(sort_key(name) for name in names)
    assert set(column("SELECT name FROM person WHERE name = 'Lê Bình' COLLATE VI")) == {"Lê Bình"}
    connection.close()


# ---------------------------------------------------------------------------
# ICU oracle (PyICU)


@pytest.fixture(scope="module")
def icu_collator():
    """ICU's Vietnamese collator, the oracle collation_key must agree with."""
    return make_icu_collator()

def _icu_sorted(collator, texts: list[str]) -> list[str]:
    return sorted(texts, key=collator.getSortKey)


def test_collation_key_matches_icu_on_neighbours(icu_collator) -> None:
    """Every adjacent pair of generated names compares the same way under ICU and collation_key."""
    names = generate_names(3_000, seed=99)
    for a, b in zip(names, names[1:], strict=False):
        icu = icu_collator.compare(a, b)
        ka, kb = collation_key(a), collation_key(b)
        assert (icu > 0) - (icu < 0) == (ka > kb) - (ka < kb), (a, b)


def _random_text(rng: random.Random) -> str:
    """Short text mixing letters (any tone, either case), digits, spaces and punctuation."""
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
    others = list(" _-–—,;:!?.…'‘’\"“”()/&#%+<=>$€₫0123456789") + ["²", "ａ", "\u00ad"]
    out = []
    for _ in range(rng.randint(0, 6)):
        if rng.random() < 0.75:
            ch = unicodedata.normalize("NFC", rng.choice(letters) + rng.choice(TONES))
            out.append(ch.upper() if rng.random() < 0.3 else ch)
        else:
            out.append(rng.choice(others))
    return clean("".join(out))


def test_collation_key_matches_icu_on_mixed_text(icu_collator) -> None:
    """Random text with tones, case, digits and punctuation sorts exactly as ICU sorts it."""
    rng = random.Random(5)
    texts = [_random_text(rng) for _ in range(4_000)]
    # A small alphabet forces many ties on letters, so tones and case decide.
    texts += [
        "".join(rng.choice(["a", "A", "á", "Ạ", "ă", " ", "'", "’"]) for _ in range(3)) for _ in range(2_000)
    ]
    texts = [clean(text) for text in texts]
    assert sorted(texts, key=collation_key) == _icu_sorted(icu_collator, texts)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("NGUYỄN VĂN HẢI", "Nguyễn Văn Hải"), ("ĐỖ THỊ ÁNH", "Đỗ Thị Ánh"), ("Lê văn Tám", "Lê văn Tám"), ("", "")],
)
def test_proper_name_fixes_all_capitals_only(typed: str, stored: str) -> None:
    """Names typed in capitals become 'Nguyễn Văn Hải'; mixed case is the clerk's choice and is kept."""
    assert proper_name(typed) == stored


# ---------------------------------------------------------------------------
# Quick ways (imports clean hundreds of thousands of cells)

_TOUCHY = [chr(cp) for cp in range(0x110000)
           if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Zs", "Zl", "Zp") or chr(cp).isspace()]


def _clean_the_long_way(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", unicodedata.normalize("NFC", text))).strip()


@pytest.mark.parametrize("shape", ["{}", "a{}b", "{}a", "a{}", "a {}b", "a{} b", "{}{}", "Lê{}Văn  An"])
def test_clean_takes_its_quick_way_only_for_text_it_leaves_as_is(shape: str) -> None:
    """Every control, space, separator and format character, in every place, cleans as the three passes do."""
    for ch in _TOUCHY:
        text = shape.replace("{}", ch)
        assert clean(text) == _clean_the_long_way(text), repr(text)


def test_visible_text_drops_format_characters_and_keeps_the_rest() -> None:
    """Zero-width marks go (the slow way); printable text takes the quick way unchanged but cleaned."""
    for ch in _TOUCHY:
        expected = "Lê Văn" if unicodedata.category(ch) == "Cf" else _clean_the_long_way(f"Lê {ch}Văn")
        assert visible_text(f"Lê {ch}Văn") == expected, repr(ch)
    assert visible_text(" Nguyễn  Thị\tHoa ") == "Nguyễn Thị Hoa"
