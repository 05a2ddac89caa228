"""A generic, printable, styled .xlsx table: title block, bordered header, data rows.

openpyxl (write-only mode) writes the workbook: styles, page set-up, title block, header.
The data rows and closing lines, tens of thousands of cells, are written here as the
sheet's XML directly, with the style ids openpyxl gave their looks — openpyxl's cell
objects cost about 20 µs a cell, 10,000 people 2 s. Text is always written as text, so a
value like "=HYPERLINK(…)" can never become a formula.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from itertools import islice
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from khoi_desktop.interchange.write_errors import SheetWriteError
from khoi_desktop.office.sheet_print import TEXT_CHAR, set_up_print, wrapped_height
from khoi_desktop.office.zips import modified_at, stable_zip

FONT_NAME = "Times New Roman"  # the typeface of Vietnamese official papers
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
_WIDTH_SAMPLE = 1000  # rows looked at to size the columns
_SHEET_XML = "xl/worksheets/sheet1.xml"
_BODY_MARK = "khoi-table-body-5d1c"  # a placeholder cell where the rows written here go
_BODY_ROW = re.compile(rb'<row r="\d+"><c r="A\d+" t="inlineStr"><is><t>' + _BODY_MARK.encode() + rb"</t></is></c></row>")
_MAX_TEXT = 32_767  # Excel's limit for one cell, as openpyxl truncates
_HEADER_SIZE = 12  # points: the header and body font


class ColumnKind(StrEnum):
    TEXT = "text"  # stored as text cells (format '@'): names, card numbers with leading zeros
    NUMBER = "number"
    DATE = "date"  # date cells shown dd/mm/yyyy; a bare year (int) is written as a number
    SEQUENCE = "sequence"  # the STT column: a centred number


@dataclass(frozen=True)
class Column:
    """One column of the table."""

    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float | None = None  # in characters; None sizes it to the content
    wrap: bool = False


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


# Shared style objects: openpyxl turns each distinct combination into one style id.
_TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
_SUBTITLE_FONT = Font(name=FONT_NAME, size=12, bold=True)
_NOTE_FONT = Font(name=FONT_NAME, size=12, italic=True)
_BODY_FONT = Font(name=FONT_NAME, size=12)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center")
_MIDDLE = Alignment(vertical="center")  # numbers keep Excel's right alignment
_LEFT_WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)


@dataclass(frozen=True, eq=False)  # compared by identity: hashing openpyxl styles is slow
class _Look:
    """How a cell looks: font, alignment, border, number format, fill."""

    font: Font
    alignment: Alignment | None = None
    border: Border | None = None
    number_format: str | None = None
    fill: PatternFill | None = None


_TITLE_LOOK = _Look(_TITLE_FONT, _CENTRE)
_SUBTITLE_LOOK = _Look(_SUBTITLE_FONT, _CENTRE)
_NOTE_LOOK = _Look(_NOTE_FONT, _CENTRE)
_CLOSING_LOOK = _Look(_NOTE_FONT, _LEFT)
_HEADER_LOOK = _Look(_SUBTITLE_FONT, _CENTRE, _BORDER, fill=_HEADER_FILL)
_DATE_LOOK = _Look(_BODY_FONT, _CENTRE, _BORDER, DATE_FORMAT)
_CENTRED_LOOK = _Look(_BODY_FONT, _CENTRE, _BORDER)
_NUMBER_LOOK = _Look(_BODY_FONT, _MIDDLE, _BORDER)
_TEXT_LOOK = _Look(_BODY_FONT, _LEFT, _BORDER, TEXT_FORMAT)
_WRAPPED_TEXT_LOOK = _Look(_BODY_FONT, _LEFT_WRAP, _BORDER, TEXT_FORMAT)


class _Painter:
    """Makes styled write-only cells, resolving each look to openpyxl's style ids only once.

    Setting font, border, alignment and format on every cell costs ~0.05 ms each
    (openpyxl hashes the style objects); copying a resolved style is 5× faster overall.
    """

    def __init__(self, sheet: object) -> None:
        self.sheet = sheet
        self.resolved: dict[_Look, object] = {}

    def cell(self, value: object, look: _Look) -> WriteOnlyCell:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        elif isinstance(value, date | datetime) and look.number_format != DATE_FORMAT:
            value = value.strftime("%d/%m/%Y")
        cell = WriteOnlyCell(self.sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula or an error code, whatever the text starts with
        if look in self.resolved:
            cell._style = copy(self.resolved[look])
        else:
            self._apply(cell, look)
            self.resolved[look] = copy(cell._style)
        return cell

    def style_id(self, look: _Look) -> int:
        """The workbook's style id of ``look`` (registered in the workbook's styles)."""
        return int(self.cell(None, look).style_id)

    @staticmethod
    def _apply(cell: WriteOnlyCell, look: _Look) -> None:
        cell.font = look.font
        if look.alignment is not None:
            cell.alignment = look.alignment
        if look.border is not None:
            cell.border = look.border
        if look.number_format:
            cell.number_format = look.number_format
        if look.fill is not None:
            cell.fill = look.fill


def write_table(
    path: str | os.PathLike[str],
    *,
    title_lines: Sequence[str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    sheet_title: str,
    landscape: bool | None = None,
    closing_lines: Sequence[str] = (),
    created: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the table to ``path`` and return the number of data rows written.

    ``title_lines`` are merged across the table and centred (the first one larger);
    ``closing_lines`` follow the table (e.g. 'Tổng số: 25 người.'). The header row is
    frozen and repeated on every printed page; pages are A4, fitted to the width.
    ``progress(done, total)`` counts the data rows as they are laid out.
    """
    rows = list(rows)
    widths = [column.width or _fit_width(column, index, rows) for index, column in enumerate(columns)]
    book = Workbook(write_only=True)
    if created is not None:  # fixed document dates make repeated exports identical
        book.properties.created = book.properties.modified = created
    sheet = book.create_sheet(safe_sheet_title(sheet_title))
    header_row = len(title_lines) + 2 if title_lines else 1  # one blank row under the title block
    set_up_print(sheet, widths, header_row, landscape)
    with _open_target(path) as target:  # opened first: a locked file fails before any work is done
        painter = _Painter(sheet)
        _write_title(painter, title_lines, len(columns))
        sheet.append([painter.cell(column.title, _HEADER_LOOK) for column in columns])
        body = _Body(painter, columns, widths, first_row=header_row + 1)
        sheet.append([_BODY_MARK])
        buffer = io.BytesIO()
        book.save(buffer)
        xml = body.rows_xml(rows, progress) + body.closing_xml(closing_lines, first_row=header_row + 1 + len(rows))
        header = _HeaderHeight(header_row, wrapped_height([column.title for column in columns], widths, _HEADER_SIZE))
        target.write(_stable_zip(buffer.getvalue(), created, body=xml, header=header))
    return len(rows)


class _Body:
    """The data rows and closing lines as sheet XML, styled with the ids of their looks."""

    def __init__(self, painter: _Painter, columns: Sequence[Column], widths: Sequence[float], first_row: int) -> None:
        self.columns = columns
        self.first_row = first_row
        # Wrapped columns and their widths: a row whose text wraps is given its height.
        self.wrapped = [(index, widths[index]) for index, column in enumerate(columns) if column.wrap]
        self.letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
        looks = (_DATE_LOOK, _CENTRED_LOOK, _NUMBER_LOOK, _TEXT_LOOK, _WRAPPED_TEXT_LOOK, _CLOSING_LOOK)
        self.styles = {look: painter.style_id(look) for look in looks}

    def rows_xml(self, rows: Sequence[Sequence[object]],
                 progress: Callable[[int, int], None] | None = None) -> bytes:
        parts = []
        for number, values in enumerate(rows, start=self.first_row):
            cells = "".join(self._cell(f"{letter}{number}", column, value)
                            for letter, column, value in zip(self.letters, self.columns, values, strict=True))
            parts.append(f'<row r="{number}"{self._height(values)}>{cells}</row>')
            if progress is not None:
                progress(len(parts), len(rows))
        return "".join(parts).encode("utf-8")

    def _height(self, values: Sequence[object]) -> str:
        """' ht=".." customHeight="1"' for a row of a table with wrapped columns, else ''.

        LibreOffice keeps a row one (default-font) line high on printing, drawing a wrapped cell over
        the next row; every row gets its height so one-line and two-line rows print evenly spaced.
        """
        if not self.wrapped:
            return ""
        texts = [str(values[index] or "") for index, _ in self.wrapped]
        height = wrapped_height(texts, [width for _, width in self.wrapped], _HEADER_SIZE, TEXT_CHAR)
        return f' ht="{height}" customHeight="1"'

    def closing_xml(self, lines: Sequence[str], first_row: int) -> bytes:
        style = self.styles[_CLOSING_LOOK]
        return "".join(f'<row r="{number}">{_text_cell(f"A{number}", style, line)}</row>'
                       for number, line in enumerate(lines, start=first_row)).encode("utf-8")

    def _cell(self, reference: str, column: Column, value: object) -> str:
        look = _data_look(column, value)
        style = self.styles[look]
        if value is None:
            return f'<c r="{reference}" s="{style}"/>'
        if isinstance(value, date | datetime):
            if look is _DATE_LOOK:
                return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
            value = value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            return f'<c r="{reference}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(value)}</v></c>'
        return _text_cell(reference, style, str(value))


def _text_cell(reference: str, style: int, text: str) -> str:
    """An inline text cell (never a formula), as openpyxl writes one."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_TEXT]
    if not text:
        return f'<c r="{reference}" s="{style}" t="inlineStr"/>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


@dataclass(frozen=True)
class _HeaderHeight:
    """The header row and the height (points) its wrapped titles need."""

    row: int
    points: float

    def apply(self, sheet_xml: bytes) -> bytes:
        """The header row given its height: openpyxl's write-only mode writes no row heights, and
        LibreOffice would print a wrapped header over the first data row."""
        opening = f'<row r="{self.row}"'.encode()
        return sheet_xml.replace(opening + b">", opening + f' ht="{self.points}" customHeight="1">'.encode(), 1)


def _stable_zip(data: bytes, created: datetime | None, body: bytes = b"", header: _HeaderHeight | None = None) -> bytes:
    """The saved workbook made reproducible (:func:`khoi_desktop.office.zips.stable_zip`, 'modified'
    set back to ``created``), with the table's ``body`` in place of its placeholder row."""
    edits = modified_at(created) if created is not None else {}

    def sheet(content: bytes) -> bytes:
        content = _BODY_ROW.sub(lambda _: body, content, count=1)
        return header.apply(content) if header is not None else content

    edits[_SHEET_XML] = sheet
    return stable_zip(data, edits)

def _open_target(path: str | os.PathLike[str]) -> BinaryIO:
    try:
        return open(path, "wb")  # noqa: SIM115 - the caller's with-block closes it
    except OSError:
        raise SheetWriteError(
            f"Không ghi được tệp “{os.path.basename(path)}”: tệp đang mở trong Excel "
            "hoặc thư mục không cho phép ghi. Hãy đóng tệp hoặc chọn nơi lưu khác."
        ) from None


def safe_sheet_title(title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    return (re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Danh sách")[:31]


def _write_title(painter: _Painter, title_lines: Sequence[str], width: int) -> None:
    sheet = painter.sheet
    for index, line in enumerate(title_lines, start=1):
        look = _TITLE_LOOK if index == 1 else _NOTE_LOOK if line.startswith("(") else _SUBTITLE_LOOK
        sheet.append([painter.cell(line, look)])
        if width > 1:
            sheet.merged_cells.add(f"A{index}:{get_column_letter(width)}{index}")
    if title_lines:
        sheet.append([])


def _data_look(column: Column, value: object) -> _Look:
    if column.kind is ColumnKind.DATE and isinstance(value, date | datetime):
        return _DATE_LOOK
    if column.kind in (ColumnKind.SEQUENCE, ColumnKind.DATE):
        return _CENTRED_LOOK
    if column.kind is ColumnKind.NUMBER:
        return _NUMBER_LOOK
    return _WRAPPED_TEXT_LOOK if column.wrap else _TEXT_LOOK


def _fit_width(column: Column, index: int, rows: Sequence[Sequence[object]]) -> float:
    """Widest of the header's longest word and the sampled values, within sensible bounds."""
    longest = max((len(word) for word in column.title.split()), default=4)
    if column.kind is ColumnKind.DATE:
        return max(longest, 10) + 3
    for row in islice(rows, _WIDTH_SAMPLE):
        value = row[index] if index < len(row) else None
        longest = max(longest, len(str(value)) if value is not None else 0)
    return float(min(max(longest + 3, 6), 45))
