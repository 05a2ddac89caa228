"""The rows of an .xlsx sheet as cells, straight from the sheet's XML.

openpyxl's read-only parser builds a dict for each cell (row, column, value, type, style),
which :func:`openpyxl_row` then turns into a :class:`Cell`: on a 10,000-person list that
per-cell work was most of the reading time. :class:`SheetRows` reads each ``<row>`` element
into cells in one pass, giving the values openpyxl gives in read-only, data-only, rich-text
mode — cached formula results, shared strings, inline strings, dates from the cell's number
format, numbers stored as text kept as text, empty cells left out — and the same
:class:`Cell` as :func:`openpyxl_row`. A test compares the two on every fixture and on a
workbook written for the purpose.

Either way the XML goes through the expat C parser (``iterparse``) that the caller chooses:
the standard library's when its expat resists entity bombs, else defusedxml's. The workbook
itself (styles, string table, sheet list) is opened by openpyxl (:class:`StreamingReader`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO
from xml.etree.ElementTree import Element

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import (
    INLINE_STRING,
    MERGE_TAG,
    ROW_TAG,
    VALUE_TAG,
    _cast_number,
    parse_richtext_string,
)
from openpyxl.worksheet.merge import MergeCells
from openpyxl.xml.constants import SHEET_MAIN_NS

from khoi_desktop.interchange.sheet_cells import EMPTY_CELL, Cell, FontNames, xlsx_cell

Row = tuple[int, int, list[Cell]]  # (Excel row number, cells written in the file, the row's cells)
IterParse = Callable[[IO[bytes]], Iterator[tuple[str, Element]]]

_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_ESCAPED_UNDERSCORE = "x005F_"  # removed from inline text as openpyxl does
_KNOWN_LIMIT = 100_000  # distinct cells remembered per sheet


class _StreamingSheet(ReadOnlyWorksheet):
    """A read-only sheet that is not parsed when it is opened.

    openpyxl looks for the ``<dimension>`` element until ``sheetData`` *ends*: without one (a
    bomb, some generators) it parses the whole sheet once more just to open it. The rows are
    streamed by :class:`SheetRows`; the size is not needed.
    """

    def _get_size(self) -> None:
        return None


class StreamingReader(ExcelReader):
    """openpyxl's read-only workbook reader, with worksheets that open without a parse."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue  # chart sheets hold no cells
            worksheet = _StreamingSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)  # noqa: SLF001 - as openpyxl's own reader does


class SheetRows:
    """One pass over a sheet's XML: its rows as cells, then its merged blocks (``merged_cells``)."""

    def __init__(self, sheet: ReadOnlyWorksheet, source: IO[bytes], fonts: FontNames, iterparse: IterParse) -> None:
        book = sheet.parent
        self._source, self._iterparse, self._fonts = source, iterparse, fonts
        self._strings = sheet._shared_strings  # noqa: SLF001 - the workbook's string table, read once
        self._dates: set[int] = book._date_formats  # noqa: SLF001 - styles whose numbers are dates
        self._durations: set[int] = book._timedelta_formats  # noqa: SLF001
        self._epoch = book.epoch
        self._row = 0
        self._known: dict[tuple[str, str | None, str], Cell] = {}
        self.merged_cells: MergeCells | None = None

    def parse(self) -> Iterator[Row]:
        for _event, element in self._iterparse(self._source):
            if element.tag == ROW_TAG:
                row = self._read_row(element)
                element.clear()
                yield row
            elif element.tag == MERGE_TAG:
                self.merged_cells = MergeCells.from_tree(element)
                element.clear()

    def _read_row(self, row: Element) -> Row:
        self._row = _row_number(row.get("r"), self._row)
        cells: list[Cell] = []
        column = 0
        known, columns = self._known, _COLUMNS
        for element in row:
            coordinate = element.get("r")
            if coordinate:
                letters = coordinate.rstrip("0123456789")
                column = (letters != coordinate and columns.get(letters)) or _column(coordinate, letters)
            else:
                column += 1
            kind = element.get("t", "n")
            if kind == "inlineStr":
                inline = element.find(INLINE_STRING)
                text = inline[0].text if inline is not None and len(inline) == 1 and inline[0].tag == _TEXT else None
            else:
                text = element.findtext(VALUE_TAG)
            if text:
                key = (kind, element.get("s"), text)
                cell = known.get(key) or self._remember(key)
            elif kind == "inlineStr":
                cell = self._inline_cell(element)  # no text, an empty one, or runs of rich text
                if cell is None:
                    continue
            else:
                continue  # no value written: openpyxl reads None, an empty cell
            if column - 1 > len(cells):  # columns the file leaves out
                cells.extend([EMPTY_CELL] * (column - 1 - len(cells)))
            cells.append(cell)
        return self._row, len(row), cells

    def _remember(self, key: tuple[str, str | None, str]) -> Cell:
        """The cell of (type, style, text as written): made once, as lists repeat most of their values."""
        cell = self._convert(*key)
        if len(self._known) < _KNOWN_LIMIT:  # a hostile file of distinct values grows no second copy
            self._known[key] = cell
        return cell

    def _convert(self, kind: str, style: str | None, text: str) -> Cell:
        style_id = int(style) if style else 0
        if kind == "inlineStr":
            value: object = text.replace(_ESCAPED_UNDERSCORE, "")
        elif kind == "n":
            number = _cast_number(text)
            value = self._date(number, style_id) if style != "" and style_id in self._dates else number
        elif kind == "s":
            value = self._strings[int(text)]
        elif kind == "b":
            value = bool(int(text))
        elif kind == "d":
            value = from_ISO8601(text)
        else:  # "str": a formula's text result; "e": an error such as #N/A
            value = text
        return xlsx_cell(value, self._fonts, style_id)

    def _inline_cell(self, element: Element) -> Cell | None:
        inline = element.find(INLINE_STRING)
        if inline is None:
            return None
        style = element.get("s")
        value = parse_richtext_string(inline) if len(inline) != 1 or inline[0].tag != _TEXT else ""
        return xlsx_cell(value, self._fonts, int(style) if style else 0)

    def _date(self, number: float, style_id: int) -> object:
        """A number in a date or duration format; a serial no date can have reads '#VALUE!', as in openpyxl."""
        try:
            return from_excel(number, self._epoch, timedelta=style_id in self._durations)
        except (OverflowError, ValueError):
            return "#VALUE!"


def _row_number(written: str | None, previous: int) -> int:
    """The row's ``r``, which openpyxl also accepts as '12.0'; the next row when it has none."""
    if written is None:
        return previous + 1
    try:
        return int(written)
    except ValueError:
        number = float(written)
        if not number.is_integer():
            raise ValueError(f"{written} is not a valid row number") from None
        return int(number)


_COLUMNS: dict[str, int] = {}  # column letters → number: a sheet has a few dozen, repeated on every row


def _column(coordinate: str, letters: str) -> int:
    """'C12' (letters 'C') → 3, remembered; a coordinate without its row number is as invalid as in openpyxl."""
    if len(letters) == len(coordinate):
        raise ValueError(f"{coordinate} is not a cell coordinate")
    _COLUMNS[letters] = column = column_index_from_string(letters)
    return column


class OpenpyxlRows:
    """openpyxl's own streaming parser with each row made into cells: what :class:`SheetRows` must equal."""

    def __init__(self, parser: object, fonts: FontNames) -> None:
        self._parser, self._fonts = parser, fonts

    @property
    def merged_cells(self) -> MergeCells | None:
        return self._parser.merged_cells

    def parse(self) -> Iterator[Row]:
        for index, cells in self._parser.parse():
            yield index, len(cells), openpyxl_row(self._fonts, cells)


def openpyxl_row(fonts: FontNames, cells: list[dict[str, object]]) -> list[Cell]:
    row: list[Cell] = []
    for cell in cells:
        value = cell["value"]
        if value is None:
            continue
        row.extend([EMPTY_CELL] * (int(cell["column"]) - 1 - len(row)))
        row.append(xlsx_cell(value, fonts, int(cell["style_id"] or 0)))
    return row
