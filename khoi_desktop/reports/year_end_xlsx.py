"""The statistics workbook of a :class:`ReportDocument`: one styled, print-ready sheet per table.

The same tables as the PDF annex (charts as their tables). The look and the print setup are
those of the app's other workbooks (``khoi_desktop.office.sheet_print``): Times New Roman, a
bordered grey header repeated on every printed page, A4 one page wide, 'Trang x/y' footer. Numbers
stay numbers, shares are percentages, text is always text (never a formula). Fixed
properties and entry times make the same report give the same bytes.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from khoi_desktop.domain import vntext
from khoi_desktop.office.sheet_print import set_up_print, wrapped_height
from khoi_desktop.reports.report_model import Cell, Percent, ReportDocument, Table, cell_text, stable_zip

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="D9D9D9")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_WHOLE_NUMBER = re.compile(r"^(?:0|[1-9]\d{0,8})$")  # '007' keeps its zeros as text
_CHARS_PER_SHARE = 11
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def build_year_end_xlsx(report: ReportDocument) -> bytes:
    """The workbook as bytes: a cover-less book of one sheet per table."""
    book = Workbook()
    book.remove(book.active)
    stamp = datetime(report.issued_on.year, report.issued_on.month, report.issued_on.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator, book.properties.title = report.issuer.name, report.title
    book.properties.lastModifiedBy = ""
    used: set[str] = set()
    for index, table in enumerate(report.tables(), start=1):
        _sheet(book.create_sheet(_sheet_title(table.title, index, used)), table, report)
    if not book.worksheets:
        _empty(book.create_sheet("Số liệu"), report)
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl stamps the save time as 'modified': put the report's date back
    fixed = rb"\g<1>" + f"{stamp.isoformat()}Z".encode() + rb"\g<2>"
    return stable_zip(buffer.getvalue(), {"docProps/core.xml": lambda xml: _MODIFIED.sub(fixed, xml)})


def write_year_end_xlsx(report: ReportDocument, target: Path) -> Path:
    target = Path(target)
    target.write_bytes(build_year_end_xlsx(report))
    return target


def _sheet_title(title: str, index: int, used: set[str]) -> str:
    """'Biểu 2' / 'Biểu đồ 1' from the table title; Excel allows 31 characters, none of []:*?/\\."""
    head = vntext.clean(title).split(".")[0] or f"Bảng {index}"
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in head)[:31].strip()
    while name in used:
        name = f"{name[:28]} {index}"
    used.add(name)
    return name


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", vntext.clean(value))


def _put(sheet: Worksheet, row: int, column: int, text: str) -> SheetCell:
    """Write ``text`` as text: a title, header or note starting with '=' must not become a formula."""
    cell = sheet.cell(row, column, _text(text))
    cell.data_type = "s"
    return cell


def _sheet(sheet: Worksheet, table: Table, report: ReportDocument) -> None:
    width = len(table.columns)
    titles = (report.issuer.name.upper(), table.title, f"({vntext.clean(report.summary)})")
    for row, (text, size, bold) in enumerate(zip(titles, (12, 14, 12), (True, True, False), strict=True), start=1):
        cell = _put(sheet, row, 1, text)
        cell.font, cell.alignment = Font(name=FONT, size=size, bold=bold, italic=row == 3), _CENTRE
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header_row = len(titles) + 2
    for column_index, column in enumerate(table.columns, start=1):
        _style(_put(sheet, header_row, column_index, column.title), bold=True, centred=True, fill=True)
    for offset, values in enumerate(table.rows, start=1):
        bold = table.total_row and offset == len(table.rows)
        for column_index, (value, column) in enumerate(zip(values, table.columns, strict=True), start=1):
            _value(sheet.cell(header_row + offset, column_index), value, bold, column.centred)
    if table.note:
        note = _put(sheet, header_row + len(table.rows) + 2, 1, table.note)
        note.font = Font(name=FONT, size=12, italic=True)
    _page(sheet, table, header_row)


def _value(cell: object, value: Cell, bold: bool, centred: bool) -> None:
    if isinstance(value, Percent):
        cell.value = value.value  # type: ignore[attr-defined]
        cell.number_format = "0.##%"  # type: ignore[attr-defined]
    elif isinstance(value, str) and _WHOLE_NUMBER.match(value):
        cell.value = int(value)  # type: ignore[attr-defined]  # row numbers are numbers, not text
    elif isinstance(value, str):
        cell.value = _text(value)  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]  # never a formula, whatever it starts with
    else:
        cell.value = value  # type: ignore[attr-defined]
    _style(cell, bold=bold, centred=centred or not isinstance(value, str))


def _style(cell: object, *, bold: bool, centred: bool, fill: bool = False) -> None:
    cell.font = Font(name=FONT, size=12, bold=bold)  # type: ignore[attr-defined]
    cell.border = _BORDER  # type: ignore[attr-defined]
    cell.alignment = _CENTRE if centred else _LEFT  # type: ignore[attr-defined]
    if fill:
        cell.fill = _FILL  # type: ignore[attr-defined]


def _page(sheet: Worksheet, table: Table, header_row: int) -> None:
    """Widths from the content (at least the longest word or number), then the shared print setup."""
    widths = [_width(table, index) for index in range(len(table.columns))]
    scale = max(1.0, 90 / max(sum(widths), 1))  # a narrow table still spans a portrait page
    widths = [round(width * scale, 1) for width in widths]
    set_up_print(sheet, widths, header_row)
    titles = [column.title for column in table.columns]
    sheet.row_dimensions[header_row].height = wrapped_height(titles, widths, 12)
    for offset, values in enumerate(table.rows, start=1):
        sheet.row_dimensions[header_row + offset].height = wrapped_height([cell_text(v) for v in values], widths, 12)


def _width(table: Table, index: int) -> float:
    """Characters: the longest token of the column (never broken), or its share, whichever is wider."""
    texts = [table.columns[index].title, *(cell_text(row[index]) for row in table.rows)]
    token = max((len(word) for text in texts for word in text.split()), default=1)
    return max(6.0, token * 1.15 + 2, round(table.columns[index].width * _CHARS_PER_SHARE, 1))


def _empty(sheet: Worksheet, report: ReportDocument) -> None:
    _put(sheet, 1, 1, report.title).font = Font(name=FONT, size=14, bold=True)
    sheet.cell(3, 1, "Chưa có số liệu thống kê cho năm này.").font = Font(name=FONT, size=12, italic=True)
