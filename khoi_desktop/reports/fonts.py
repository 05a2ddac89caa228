"""The one serif family every report uses: Times New Roman if installed, else Liberation Serif.

Party documents are set in Times New Roman (HD 36). Microsoft's font may not be
redistributed, so we use the copy installed on the clerk's PC and fall back to the
bundled, metric-compatible Liberation Serif (SIL OFL). The four faces are registered as
one family so that ``<b>`` and ``<i>`` in Paragraph markup select real faces.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FAMILY_NAME = "KhoiSerif"
_FACE_SUFFIXES = ("", "-Bold", "-Italic", "-BoldItalic")

# File names per platform convention, in the order regular, bold, italic, bold italic.
_TIMES_FILE_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),  # Windows
    (  # Debian/Ubuntu ttf-mscorefonts-installer
        "times_new_roman.ttf",
        "times_new_roman_bold.ttf",
        "times_new_roman_italic.ttf",
        "times_new_roman_bold_italic.ttf",
    ),
    (  # macOS
        "times new roman.ttf",
        "times new roman bold.ttf",
        "times new roman italic.ttf",
        "times new roman bold italic.ttf",
    ),
)
_BUNDLED_FILE_NAMES = tuple(
    f"LiberationSerif-{style}.ttf" for style in ("Regular", "Bold", "Italic", "BoldItalic")
)


@dataclass(frozen=True)
class FontFamily:
    """The registered family: face names for styles, and the characters all four faces can draw."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    files: tuple[Path, ...]
    drawable: frozenset[int]
    placeholder: str

    def printable(self, text: str) -> str:
        """``text`` with characters the font lacks (emoji, …) replaced by a placeholder.

        reportlab draws a missing glyph as an empty box whose text cannot be extracted, and
        writes a broken ToUnicode entry for characters beyond U+FFFF; a visible placeholder
        keeps the printed and the extracted text honest. Invisible modifiers (variation
        selectors, zero-width joiners, skin tones) are dropped rather than boxed.
        """
        if all(ord(char) in self.drawable for char in text):
            return text
        return "".join(self._printable_char(char) for char in text)

    def _printable_char(self, char: str) -> str:
        if ord(char) in self.drawable:
            return char
        if unicodedata.category(char) in {"Mn", "Me", "Cf", "Sk"}:
            return ""
        return self.placeholder


def resources_dir() -> Path:
    """The bundled resources: next to the frozen executable, or at the repository root."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def _font_dirs() -> list[Path]:
    home = Path.home()
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    user_windows = Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts"
    return [
        windows,
        user_windows,
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        home / "Library" / "Fonts",
    ]


def _files_by_lower_name(directories: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for root, _dirs, names in os.walk(directory):
            for name in names:
                found.setdefault(name.lower(), Path(root) / name)
    return found


def find_installed_times() -> tuple[Path, ...] | None:
    """The four Times New Roman faces installed on this machine, or None if any is missing.

    Windows keeps them directly in its Fonts folder, the first one searched: found there, they
    are what the walk would find first, without listing the folder's hundreds of other files.
    """
    directories = _font_dirs()
    in_first_folder = tuple(directories[0] / name for name in _TIMES_FILE_NAMES[0])
    if all(path.is_file() for path in in_first_folder):
        return in_first_folder
    available = _files_by_lower_name(directories)
    for names in _TIMES_FILE_NAMES:
        if all(name in available for name in names):
            return tuple(available[name] for name in names)
    return None


def bundled_liberation_serif() -> tuple[Path, ...]:
    """The four Liberation Serif faces shipped in ``resources/fonts``."""
    font_dir = resources_dir() / "fonts"
    return tuple(font_dir / name for name in _BUNDLED_FILE_NAMES)


def _load_faces(files: tuple[Path, ...]) -> list[TTFont]:
    return [
        TTFont(FAMILY_NAME + suffix, str(path)) for suffix, path in zip(_FACE_SUFFIXES, files, strict=True)
    ]


@cache
def register_fonts() -> FontFamily:
    """Register the family once per process and describe it; falls back to the bundled font."""
    installed = find_installed_times()
    faces: list[TTFont] | None = None
    if installed:
        try:
            faces = _load_faces(installed)
        except (TTFError, OSError):
            faces = None  # a damaged system font must not stop printing
    files = installed if faces else bundled_liberation_serif()
    if faces is None:
        try:
            faces = _load_faces(files)
        except (TTFError, OSError) as error:
            raise FileNotFoundError(f"Không đọc được phông chữ in văn bản: {error}") from error
    for face in faces:
        pdfmetrics.registerFont(face)
    names = [face.fontName for face in faces]
    pdfmetrics.registerFontFamily(
        FAMILY_NAME, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    drawable = frozenset.intersection(*(frozenset(face.face.charToGlyph) for face in faces))
    placeholder = "\u25a1" if 0x25A1 in drawable else "?"
    return FontFamily(*names, files=files, drawable=drawable, placeholder=placeholder)
