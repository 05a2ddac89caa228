"""TCVN3 (ABC) and VNI text → Unicode, chosen by the cell's font name."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from khoi_desktop.interchange.legacy_fonts import (
    TCVN3_TABLE,
    VNI_TABLE,
    LegacyEncoding,
    convert_cell_text,
    encoding_for_font,
    looks_legacy,
    tcvn3_to_unicode,
    vni_to_unicode,
)

# Golden strings typed by hand from the published TCVN3 and VNI-Windows charts.
TCVN3_GOLDEN = [
    ("NguyÔn V¨n §øc", "Nguyễn Văn Đức"),
    ("TrÇn ThÞ H\xad¬ng", "Trần Thị Hương"),
    ("Ph¹m Ngäc ¸nh", "Phạm Ngọc ánh"),  # a plain .Vn font has no toned capitals
    ("§¶ng viªn chÝnh thøc", "Đảng viên chính thức"),
    ("Quª qu¸n: Hµ Néi", "Quê quán: Hà Nội"),
]
TCVN3_CAPITALS_GOLDEN = [
    ("PH¹M NGäC ¸NH", "PHẠM NGỌC ÁNH"),
    ("NguyÔn V¨n §øc", "NGUYỄN VĂN ĐỨC"),
    ("§¶NG VI£N CHÝNH THøC", "ĐẢNG VIÊN CHÍNH THỨC"),
    ("trÇn thÞ h\xad¬ng", "TRẦN THỊ HƯƠNG"),
]
VNI_GOLDEN = [
    ("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức"),
    ("Traàn Thò Höông", "Trần Thị Hương"),
    ("Phaïm Ngoïc AÙnh", "Phạm Ngọc Ánh"),
    ("Ñaûng vieân chính thöùc", "Đảng viên chính thức"),
    ("NGUYEÃN VAÊN ÑÖÙC", "NGUYỄN VĂN ĐỨC"),
    ("PHAÏM NGOÏC AÙNH", "PHẠM NGỌC ÁNH"),
    ("Giôùi tính", "Giới tính"),
    ("Hôïp", "Hợp"),
]


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_GOLDEN)
def test_tcvn3_golden_words(legacy: str, expected: str) -> None:
    """Real names and phrases in .VnTime convert to the right Unicode NFC text."""
    assert tcvn3_to_unicode(legacy) == expected
    assert convert_cell_text(legacy, ".VnTime") == expected


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_CAPITALS_GOLDEN)
def test_tcvn3_capital_fonts_convert_then_uppercase(legacy: str, expected: str) -> None:
    """A .Vn…H font reuses the lowercase codes, so the text is converted and then uppercased."""
    assert convert_cell_text(legacy, ".VnTimeH") == expected


@pytest.mark.parametrize(("legacy", "expected"), VNI_GOLDEN)
def test_vni_golden_words(legacy: str, expected: str) -> None:
    """VNI two-character sequences, capitals included, convert with the longest match first."""
    assert vni_to_unicode(legacy) == expected
    assert convert_cell_text(legacy, "VNI-Times") == expected


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", LegacyEncoding.TCVN3),
        (".VnArial", LegacyEncoding.TCVN3),
        (".VnTimeH", LegacyEncoding.TCVN3_CAPITALS),
        (".VnArial NarrowH", LegacyEncoding.TCVN3_CAPITALS),
        ("VNI-Times", LegacyEncoding.VNI),
        ("vni-helve", LegacyEncoding.VNI),
        ("Times New Roman", None),
        ("Vni", None),
        ("", None),
        (None, None),
    ],
)
def test_font_name_selects_the_table(font: str | None, encoding: LegacyEncoding | None) -> None:
    """Font names pick TCVN3, TCVN3 capitals, VNI or nothing."""
    assert encoding_for_font(font) is encoding


def test_unicode_in_an_old_font_is_left_alone() -> None:
    """Unicode text pasted into a .VnTime or VNI cell is not converted a second time."""
    assert convert_cell_text("Lê Văn Tám", ".VnTime") == "Lê Văn Tám"
    assert convert_cell_text("Trần Thị Hương", "VNI-Times") == "Trần Thị Hương"
    assert not looks_legacy("Lê Văn Tám")


def test_text_in_ordinary_fonts_is_only_normalised() -> None:
    """Cells in Unicode fonts come out NFC, never converted."""
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
    assert convert_cell_text(decomposed, "Times New Roman") == "Nguyễn Văn Đức"
    assert convert_cell_text("NguyÔn", "Arial") == "NguyÔn"


def _vietnamese_letters() -> set[str]:
    bases = "aăâeêioôơuưy"
    marks = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    return {unicodedata.normalize("NFC", base + mark) for base in bases for mark in marks} | {"đ"}


def test_tables_cover_every_vietnamese_letter() -> None:
    """Every lowercase letter has a TCVN3 code, and every letter in both cases a VNI code."""
    lowercase = {letter for letter in _vietnamese_letters() if not letter.isascii()}
    tcvn3_letters = set(TCVN3_TABLE.values()) | {"ý"}  # ý is its own code (0xFD) in TCVN3
    assert lowercase <= tcvn3_letters
    vni_letters = set(VNI_TABLE.values()) | {"ì", "í", "Ì", "Í"}  # VNI keeps these Latin-1 letters
    assert lowercase | {letter.upper() for letter in lowercase} <= vni_letters
    assert all(
        unicodedata.is_normalized("NFC", letter) for letter in [*TCVN3_TABLE.values(), *VNI_TABLE.values()]
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv on this machine")
def test_tcvn3_table_agrees_with_the_system_tcvn5712_codec() -> None:
    """Each TCVN3 code decodes like glibc/libiconv's TCVN5712-1 table (the published source)."""
    codes = "".join(TCVN3_TABLE)
    raw = codes.encode("latin-1")
    result = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True)
    if result.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1 codec here")
    decoded = unicodedata.normalize("NFC", result.stdout.decode("utf-8"))
    assert decoded == "".join(TCVN3_TABLE[code] for code in codes)
