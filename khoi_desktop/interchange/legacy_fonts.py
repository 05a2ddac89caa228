"""Pre-Unicode Vietnamese text (TCVN3/ABC and VNI) → Unicode NFC.

Old spreadsheets keep Vietnamese in 8-bit "font encodings": the bytes are stored as
Latin-1/Windows-1252 characters and only the cell's font (.VnTime, VNI-Times) makes
them look Vietnamese. The cell's font name therefore tells which table to apply.

Tables: TCVN3 follows TCVN 5712:1993 VN3 (the lowercase range is identical to
libiconv's/glibc's TCVN5712-1 table; a test checks that against the system iconv).
VNI follows the VNI-Windows scheme used by the npm ``vietnamese-conversion`` package:
a base letter followed by one mark character.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class LegacyEncoding(StrEnum):
    """Which legacy table a cell's font calls for."""

    TCVN3 = "TCVN3"
    TCVN3_CAPITALS = "TCVN3 (chữ hoa)"
    VNI = "VNI"


# Tone order in the grids below: none, grave (huyền), acute (sắc), hook (hỏi),
# tilde (ngã), dot below (nặng).
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")

# TCVN3 (VN3): one character per toned lowercase letter.
_TCVN3_VOWELS: dict[str, tuple[str, ...]] = {
    "a": ("a", "µ", "¸", "¶", "·", "¹"),
    "ă": ("¨", "»", "¾", "¼", "½", "Æ"),
    "â": ("©", "Ç", "Ê", "È", "É", "Ë"),
    "e": ("e", "Ì", "Ð", "Î", "Ï", "Ñ"),
    "ê": ("ª", "Ò", "Õ", "Ó", "Ô", "Ö"),
    "i": ("i", "×", "Ý", "Ø", "Ü", "Þ"),
    "o": ("o", "ß", "ã", "á", "â", "ä"),
    "ô": ("«", "å", "è", "æ", "ç", "é"),
    "ơ": ("¬", "ê", "í", "ë", "ì", "î"),
    "u": ("u", "ï", "ó", "ñ", "ò", "ô"),
    "ư": ("\xad", "õ", "ø", "ö", "÷", "ù"),
    "y": ("y", "ú", "ý", "û", "ü", "þ"),
}
# The only capitals a plain .Vn font has; toned capitals need the "H" font.
_TCVN3_EXTRA = {"®": "đ", "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}

# VNI: base letter plus a mark character; capitals use the uppercase of each code.
_VNI_VOWELS: dict[str, tuple[str, ...]] = {
    "a": ("a", "aø", "aù", "aû", "aõ", "aï"),
    "ă": ("aê", "aè", "aé", "aú", "aü", "aë"),
    "â": ("aâ", "aà", "aá", "aå", "aã", "aä"),
    "e": ("e", "eø", "eù", "eû", "eõ", "eï"),
    "ê": ("eâ", "eà", "eá", "eå", "eã", "eä"),
    "i": ("i", "ì", "í", "æ", "ó", "ò"),
    "o": ("o", "oø", "où", "oû", "oõ", "oï"),
    "ô": ("oâ", "oà", "oá", "oå", "oã", "oä"),
    "ơ": ("ô", "ôø", "ôù", "ôû", "ôõ", "ôï"),
    "u": ("u", "uø", "uù", "uû", "uõ", "uï"),
    "ư": ("ö", "öø", "öù", "öû", "öõ", "öï"),
    "y": ("y", "yø", "yù", "yû", "yõ", "î"),
}
_VNI_EXTRA = {"ñ": "đ"}


def _letter(vowel: str, tone_index: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone_index])


def _build_tcvn3() -> dict[str, str]:
    table = {
        code: _letter(vowel, tone)
        for vowel, codes in _TCVN3_VOWELS.items()
        for tone, code in enumerate(codes)
    }
    table.update(_TCVN3_EXTRA)
    return {code: letter for code, letter in table.items() if code != letter}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, codes in _VNI_VOWELS.items():
        for tone, code in enumerate(codes):
            table[code] = _letter(vowel, tone)
            table[code.upper()] = _letter(vowel, tone).upper()
    for code, letter in _VNI_EXTRA.items():
        table[code] = letter
        table[code.upper()] = letter.upper()
    return {code: letter for code, letter in table.items() if code != letter}


TCVN3_TABLE: dict[str, str] = _build_tcvn3()
VNI_TABLE: dict[str, str] = _build_vni()

_TCVN3_TRANSLATION = str.maketrans(TCVN3_TABLE)
# Longest match first: "ôù" (ớ) must win over "ô" (ơ).
_VNI_PATTERN = re.compile("|".join(re.escape(code) for code in sorted(VNI_TABLE, key=len, reverse=True)))


def encoding_for_font(font_name: str | None) -> LegacyEncoding | None:
    """The legacy table a font name implies: '.VnTime' → TCVN3, '.VnTimeH' → capitals, 'VNI-Times' → VNI."""
    name = (font_name or "").strip()
    if name[:3].lower() == ".vn":
        return LegacyEncoding.TCVN3_CAPITALS if name.endswith("H") else LegacyEncoding.TCVN3
    if name[:4].lower() in ("vni-", "vni "):
        return LegacyEncoding.VNI
    return None


# What 8-bit text can hold once read as Windows-1252 (Excel's usual reading of it).
_WINDOWS_1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def looks_legacy(text: str) -> bool:
    """False when the text already holds Unicode-only letters (Unicode pasted into an old font)."""
    return all(ord(ch) < 0x100 or ch in _WINDOWS_1252_EXTRAS for ch in text)


def tcvn3_to_unicode(text: str, *, capitals: bool = False) -> str:
    """Convert TCVN3 (ABC) text; ``capitals`` for the .Vn…H fonts, which draw every letter as a capital."""
    converted = unicodedata.normalize("NFC", text.translate(_TCVN3_TRANSLATION))
    return converted.upper() if capitals else converted


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (two-character sequences, longest first)."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda match: VNI_TABLE[match.group(0)], text))


def to_unicode(text: str, encoding: LegacyEncoding | None) -> str:
    """Convert ``text`` written in ``encoding``; text that is already Unicode is only NFC-normalised."""
    if encoding is None or not looks_legacy(text):
        return unicodedata.normalize("NFC", text)
    if encoding is LegacyEncoding.VNI:
        return vni_to_unicode(text)
    return tcvn3_to_unicode(text, capitals=encoding is LegacyEncoding.TCVN3_CAPITALS)


def convert_cell_text(text: str, font_name: str | None) -> str:
    """Convert a cell's text according to its font name (the usual entry point)."""
    return to_unicode(text, encoding_for_font(font_name))
