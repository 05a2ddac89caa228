"""Print setup of a worksheet, the same for every workbook the app writes.

A4, one page wide (landscape when the columns are wide), the header row repeated and frozen,
'Trang x/y' in the footer, and row heights for wrapped header cells (LibreOffice does not grow
a row by itself on printing, so a wrapped header would print over the first data row).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

A4 = "9"
LANDSCAPE_ABOVE = 100  # total column width (characters) beyond which the page is turned
FOOTER = "Trang &P/&N"
_POINTS_PER_LINE = 1.3  # row height per line of text, in multiples of the font size


def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA'."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def set_up_print(sheet: object, widths: Sequence[float], header_row: int, landscape: bool | None = None) -> None:
    """Column widths, frozen and repeated header row, A4 fitted one page wide, 'Trang x/y' footer."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(index)].width = width  # type: ignore[attr-defined]
    sheet.freeze_panes = f"A{header_row + 1}"  # type: ignore[attr-defined]
    sheet.print_title_rows = f"{header_row}:{header_row}"  # type: ignore[attr-defined]
    turned = sum(widths) > LANDSCAPE_ABOVE if landscape is None else landscape
    setup = sheet.page_setup  # type: ignore[attr-defined]
    setup.paperSize = A4
    setup.orientation = "landscape" if turned else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    sheet.print_options.horizontalCentered = True  # type: ignore[attr-defined]
    margins = sheet.page_margins  # type: ignore[attr-defined]
    margins.left = margins.right = 0.5
    margins.top, margins.bottom = 0.6, 0.7
    footer = sheet.oddFooter.center  # type: ignore[attr-defined]
    footer.text, footer.size, footer.font = FOOTER, 11, "Times New Roman"


def wrapped_height(texts: Sequence[str], widths: Sequence[float], font_size: float) -> float:
    """Row height in points for cells that wrap: the most lines any cell needs, at ``font_size``.

    A column width counts characters of the default font; a bold capital is wider, so a
    character is taken as 1.1 of them.
    """
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        per_line = max(int(width / 1.1), 1)
        needed = sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))
        lines = max(lines, needed)
    return round(lines * font_size * _POINTS_PER_LINE + 4, 1)
