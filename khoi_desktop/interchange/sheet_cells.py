"""One spreadsheet cell as the readers give it: its value (text already Unicode NFC) and its font.

Shared by the .xlsx and .xls readers of :mod:`.sheet_reader` and by :mod:`.xlsx_rows`:
text written in a legacy font (.VnTime, VNI-Times) is converted to Unicode here, per
cell and per rich-text run; dates without a time of day become dates.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from khoi_desktop.domain.vntext import clean
from khoi_desktop.interchange.legacy_fonts import LegacyEncoding, encoding_for_font, looks_legacy, to_unicode

CellValue = str | int | float | bool | date | datetime | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its value (text already Unicode NFC) and the font name it was written in."""

    value: CellValue = None
    font_name: str = ""
    legacy: LegacyEncoding | None = None  # set when the text was converted from TCVN3/VNI

    @property
    def is_empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


EMPTY_CELL = Cell()


class FontNames(dict[int, str]):
    """The font name of each cell style of an .xlsx sheet, looked up once per style (not once per cell)."""

    def __init__(self, sheet: ReadOnlyWorksheet) -> None:
        super().__init__()
        self._sheet = sheet

    def __missing__(self, style_id: int) -> str:
        probe = ReadOnlyCell(self._sheet, 1, 1, None, style_id=style_id)
        self[style_id] = name = probe.font.name or ""
        return name


legacy_encoding = functools.cache(encoding_for_font)  # a sheet uses a handful of fonts


def xlsx_cell(value: object, fonts: FontNames, style_id: int) -> Cell:
    """The cell of a value openpyxl gives (text, rich text, number, date …) in the style ``style_id``."""
    if isinstance(value, CellRichText):
        runs = [(str(part), (part.font.rFont if hasattr(part, "font") else None) or "") for part in value]
        return text_cell(runs, fonts[style_id])
    if isinstance(value, str):
        cell_font = fonts[style_id]
        if legacy_encoding(cell_font) is None:  # most cells: Unicode fonts, text only NFC-normalised
            return Cell(unicodedata.normalize("NFC", value), cell_font)
        return text_cell([(value, "")], cell_font)
    return Cell(plain_value(value))


def plain_value(value: object) -> CellValue:
    """Dates without a time of day become dates; times and durations become text."""
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, int | float | bool | date):
        return value
    return clean(str(value))


def text_cell(runs: Sequence[tuple[str, str]], cell_font: str) -> Cell:
    """Convert each run by its own font (an .xls/.xlsx cell may mix .VnTime and .VnTimeH)."""
    parts: list[str] = []
    used: LegacyEncoding | None = None
    for text, run_font in runs:
        encoding = encoding_for_font(run_font or cell_font)
        if encoding and looks_legacy(text):
            used = used or encoding
        parts.append(to_unicode(text, encoding))
    return Cell("".join(parts), cell_font, used)
