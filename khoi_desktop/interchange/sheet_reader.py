"""Open a spreadsheet (.xlsx or old .xls) safely into a plain grid of cells.

Everything a library can throw on a bad file becomes :class:`SheetReadError` with a
Vietnamese message naming the file. Text in legacy fonts (.VnTime, VNI-Times) is
converted to Unicode per cell and per rich-text run (:mod:`.sheet_cells`); an .xlsx
sheet's rows are read by :mod:`.xlsx_rows`. Formulas are never evaluated: the value
Excel cached is used. :mod:`.sheet_layout` then finds the header
row and the data rows in the grid.
"""

from __future__ import annotations

import os
import pyexpat
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from xml.etree.ElementTree import iterparse

import xlrd
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser
from xlrd.compdoc import CompDoc

from khoi_desktop.domain.vntext import clean, format_date
from khoi_desktop.interchange.legacy_fonts import LegacyEncoding
from khoi_desktop.interchange.sheet_cells import (
    EMPTY_CELL,
    Cell,
    CellValue,
    FontNames,
    plain_value,
    text_cell,
)
from khoi_desktop.interchange.xlsx_rows import OpenpyxlRows, SheetRows, StreamingReader

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 600 * 1024 * 1024  # guards against zip bombs
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 3_000_000  # cells written in the file: 200,000 rows of 15 columns
MAX_SHEET_XML_BYTES = 300 * 1024 * 1024  # one sheet's XML (200,000 real rows are about 150 MB)
MAX_STRINGS_XML_BYTES = 100 * 1024 * 1024  # the shared strings, which openpyxl keeps in memory


class SheetReadError(Exception):
    """A file that cannot be read as a spreadsheet; ``str()`` is a Vietnamese sentence for the user."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"Không đọc được tệp “{file_name}”: {reason}")
        self.file_name = file_name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class MergedRange:
    """A merged block, 0-based and inclusive."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int

    def covers(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col


@dataclass(frozen=True)
class SheetGrid:
    """A sheet as rows of equal width; row index 0 is Excel's row 1."""

    file_name: str
    sheet_name: str
    sheet_names: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    merged: tuple[MergedRange, ...] = ()

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def legacy_encodings(self) -> frozenset[LegacyEncoding]:
        """Which legacy tables were applied anywhere in the sheet (to tell the user)."""
        return frozenset(cell.legacy for row in self.rows for cell in row if cell.legacy)

    def cell(self, row: int, col: int) -> Cell:
        if 0 <= row < len(self.rows) and 0 <= col < self.width:
            return self.rows[row][col]
        return EMPTY_CELL

    def merged_value(self, row: int, col: int) -> CellValue:
        """The cell's value, or the value of the merged block that covers it."""
        for block in self.merged:
            if block.covers(row, col):
                return self.rows[block.first_row][block.first_col].value
        return self.cell(row, col).value


def cell_text(value: CellValue) -> str:
    """A value as clean text: 12345.0 → '12345', a date → 'dd/mm/yyyy'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return clean(str(value))


# ---------------------------------------------------------------------------
# Opening files


def read_sheet(path: str | os.PathLike[str], sheet_name: str | None = None) -> SheetGrid:
    """Read one sheet (by default the active one, or else the first with data)."""
    path = Path(path)
    kind = _sniff(path)
    loader = _load_xlsx if kind == "xlsx" else _load_xls
    grid = loader(path, sheet_name)
    if not grid.rows:
        raise SheetReadError(path.name, f"trang tính “{grid.sheet_name}” không có dữ liệu.")
    return grid


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ZIP_KINDS = {  # a member name that tells what a zip-based document is
    "word/document.xml": "đây là tệp Word (.docx), không phải bảng tính Excel.",
    "ppt/presentation.xml": "đây là tệp PowerPoint (.pptx), không phải bảng tính Excel.",
    "content.xml": "đây là bảng tính OpenDocument (.ods); hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx.",
}
_PASSWORD = "tệp được đặt mật khẩu. Hãy mở bằng Excel, gỡ mật khẩu rồi lưu lại và nhập lại."
_DAMAGED = "tệp bị hỏng hoặc không trọn vẹn (có thể tải về hay sao chép chưa xong)."


def _sniff(path: Path) -> str:
    """'xlsx' or 'xls' from the file's first bytes, whatever its name says."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(2048)
    except FileNotFoundError:
        raise SheetReadError(path.name, "không tìm thấy tệp.") from None
    except OSError:
        raise SheetReadError(
            path.name, "không mở được tệp (không có quyền đọc, hoặc không phải tệp)."
        ) from None
    if size == 0:
        raise SheetReadError(path.name, "tệp rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise SheetReadError(path.name, f"tệp quá lớn ({size // (1024 * 1024)} MB) cho một danh sách.")
    if head.startswith(_ZIP_MAGIC):
        return _sniff_zip(path)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(path)
    raise SheetReadError(path.name, _describe_foreign(head))


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _refuse_oversized(path.name, infos)
            broken = archive.testzip()  # CRC check: catches a copy cut or damaged in the middle
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise SheetReadError(path.name, _DAMAGED) from None
    if broken is not None:
        raise SheetReadError(path.name, _DAMAGED)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return "xlsx"
    for member, reason in _ZIP_KINDS.items():
        if member in names:
            raise SheetReadError(path.name, reason)
    raise SheetReadError(path.name, "đây là tệp nén, không phải bảng tính Excel.")


def _refuse_oversized(file_name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Sizes the zip declares (reading never yields more than declared): checked before any parsing."""
    too_big = "tệp giải nén ra quá lớn, không an toàn để mở (có thể là tệp cố ý gây treo máy)."
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise SheetReadError(file_name, too_big)
    for info in infos:
        name = info.filename.lower()
        limit = MAX_STRINGS_XML_BYTES if name.endswith("sharedstrings.xml") else MAX_SHEET_XML_BYTES
        if info.file_size > limit:
            raise SheetReadError(file_name, too_big)


def _sniff_ole(path: Path) -> str:
    """Old Office container: an .xls, an encrypted .xlsx, or a Word .doc."""
    try:
        with open(os.devnull, "w") as quiet:
            names = {node.name for node in CompDoc(path.read_bytes(), logfile=quiet).dirlist}
    except Exception:  # the container parser raises many kinds on damaged files
        raise SheetReadError(path.name, _DAMAGED) from None
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise SheetReadError(path.name, _PASSWORD)
    if "Workbook" in names or "Book" in names:
        return "xls"
    if "WordDocument" in names:
        raise SheetReadError(path.name, "đây là tệp Word (.doc), không phải bảng tính Excel.")
    raise SheetReadError(path.name, "không phải tệp Excel (.xlsx hoặc .xls).")


def _describe_foreign(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "đây là tệp PDF, không phải bảng tính Excel."
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        return "đây là trang HTML/XML được đặt đuôi Excel; hãy mở bằng Excel và lưu lại dạng .xlsx."
    if b"\x00" not in head:
        return "đây là tệp văn bản (hoặc CSV), không phải bảng tính Excel; hãy mở bằng Excel và lưu lại dạng .xlsx."
    return "không phải tệp Excel (.xlsx hoặc .xls)."


# ---------------------------------------------------------------------------
# .xlsx through openpyxl


def _load_xlsx(path: Path, sheet_name: str | None) -> SheetGrid:
    """Stream the chosen sheet row by row (openpyxl's read-only mode): the limits stop a bomb
    before its cells fill the memory; the workbook itself is never loaded whole."""
    try:
        with warnings.catch_warnings():  # "extension not supported" notes are no concern of the user
            warnings.simplefilter("ignore")
            reader = StreamingReader(path, read_only=True, data_only=True, rich_text=True)
            reader.read()
            book = reader.wb
    except Exception:  # openpyxl raises anything from KeyError to lxml errors on bad parts
        raise SheetReadError(path.name, _STRANGE) from None
    try:
        names = tuple(sheet.title for sheet in book.worksheets)  # chart sheets hold no cells
        active = book.active.title if book.active is not None else None
        chosen = _choose_sheet(path.name, names, sheet_name, active, lambda name: _has_cells(book[name]))
        rows, merged = _stream_rows(path.name, book[chosen])
        return SheetGrid(path.name, chosen, names, _square(rows), merged)
    except SheetReadError:
        raise
    except Exception:
        raise SheetReadError(path.name, _STRANGE) from None
    finally:
        book.close()


_STRANGE = "tệp Excel bị hỏng hoặc có cấu trúc lạ, không đọc được."


def _has_cells(sheet: ReadOnlyWorksheet) -> bool:
    """Any value in the first rows (read as a stream: a huge sheet is not parsed to answer)."""
    with sheet._get_source() as source:  # noqa: SLF001 - the sheet's XML stream
        return any(cells for _index, _written, cells in islice(_rows(sheet, source, FontNames(sheet)).parse(), 50))


# openpyxl parses sheets through defusedxml's pure-Python XML parser, half the reading time of
# a 10,000-row list. The C parser is as safe against entity bombs and external entities from
# expat 2.4.1 on (Python's "XML vulnerabilities" table); with an older expat, defusedxml stays,
# and so does openpyxl's own reading of each cell.
_C_PARSER_IS_SAFE = pyexpat.version_info >= (2, 4, 1)


def _rows(sheet: ReadOnlyWorksheet, source: object, fonts: FontNames) -> SheetRows | OpenpyxlRows:
    """The sheet's rows as cells: read straight from the C parser's elements, or by openpyxl."""
    if _C_PARSER_IS_SAFE:
        return SheetRows(sheet, source, fonts, iterparse)
    book = sheet.parent
    return OpenpyxlRows(WorkSheetParser(source, sheet._shared_strings, data_only=True,  # noqa: SLF001
                                        epoch=book.epoch, date_formats=book._date_formats,  # noqa: SLF001
                                        timedelta_formats=book._timedelta_formats,  # noqa: SLF001
                                        rich_text=True), fonts)


def _stream_rows(file_name: str, sheet: ReadOnlyWorksheet) -> tuple[list[list[Cell]], tuple[MergedRange, ...]]:
    """The sheet's rows, refusing as soon as a limit is passed (rows, cells written)."""
    rows: list[list[Cell]] = []
    filled = 0
    with sheet._get_source() as source:  # noqa: SLF001 - the sheet's XML stream
        parser = _rows(sheet, source, FontNames(sheet))
        for index, written, row in parser.parse():
            if index > MAX_ROWS:
                raise SheetReadError(file_name, f"trang tính có quá nhiều dòng (quá {MAX_ROWS:,} dòng)."
                                     .replace(",", "."))
            rows.extend([] for _ in range(index - 1 - len(rows)))  # rows the file leaves out
            filled += written
            if written > MAX_COLUMNS or filled > MAX_CELLS:
                raise SheetReadError(file_name, "trang tính có quá nhiều ô dữ liệu cho một danh sách "
                                                f"(tối đa {MAX_COLUMNS} cột).")
            rows.append(row)
        merged = tuple(
            MergedRange(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
            for m in (parser.merged_cells.mergeCell if parser.merged_cells else ())
        )
    return rows, merged

# ---------------------------------------------------------------------------
# .xls through xlrd


def _load_xls(path: Path, sheet_name: str | None) -> SheetGrid:
    try:
        with open(os.devnull, "w") as quiet:
            book = xlrd.open_workbook(path, formatting_info=True, on_demand=True, logfile=quiet)
    except xlrd.XLRDError as error:
        reason = _PASSWORD if "encrypted" in str(error).lower() else _DAMAGED
        raise SheetReadError(path.name, reason) from None
    except Exception:  # xlrd raises struct/index/assertion errors on damaged streams
        raise SheetReadError(path.name, _DAMAGED) from None
    try:
        names = tuple(book.sheet_names())
        active = names[0] if names else None
        chosen = _choose_sheet(
            path.name, names, sheet_name, active, lambda name: book.sheet_by_name(name).nrows > 0
        )
        sheet = book.sheet_by_name(chosen)
        rows = [
            [_xls_cell(book, sheet, r, c) for c in range(min(sheet.ncols, MAX_COLUMNS))]
            for r in range(min(sheet.nrows, MAX_ROWS))
        ]
        merged = tuple(MergedRange(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells)
        return SheetGrid(path.name, chosen, names, _square(rows), merged)
    except SheetReadError:
        raise
    except Exception:
        raise SheetReadError(path.name, _DAMAGED) from None
    finally:
        book.release_resources()


def _xls_cell(book: object, sheet: object, row: int, col: int) -> Cell:
    kind, value = sheet.cell_type(row, col), sheet.cell_value(row, col)
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return EMPTY_CELL
    if kind == xlrd.XL_CELL_TEXT:
        cell_font = _xls_font(book, book.xf_list[sheet.cell_xf_index(row, col)].font_index)
        return text_cell(_xls_runs(book, sheet, row, col, value), cell_font)
    if kind == xlrd.XL_CELL_NUMBER:
        return Cell(int(value) if value.is_integer() else value)
    if kind == xlrd.XL_CELL_DATE:
        try:
            return Cell(plain_value(xlrd.xldate.xldate_as_datetime(value, book.datemode)))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return Cell(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return Cell(bool(value))
    return Cell(xlrd.error_text_from_code.get(value, "#ERR"))


def _xls_font(book: object, font_index: int) -> str:
    fonts = book.font_list
    return fonts[font_index].name if 0 <= font_index < len(fonts) else ""


def _xls_runs(book: object, sheet: object, row: int, col: int, text: str) -> list[tuple[str, str]]:
    """Split rich text into (text, font) runs; the part before the first run uses the cell font."""
    runlist = sheet.rich_text_runlist_map.get((row, col))
    if not runlist:
        return [(text, "")]
    bounds = [(0, "")] + [(offset, _xls_font(book, font)) for offset, font in runlist]
    ends = [offset for offset, _ in bounds[1:]] + [len(text)]
    return [(text[start:end], font) for (start, font), end in zip(bounds, ends, strict=True) if end > start]


# ---------------------------------------------------------------------------
# Shared helpers


def _choose_sheet(
    file_name: str,
    names: Sequence[str],
    wanted: str | None,
    active: str | None,
    has_data: Callable[[str], bool],
) -> str:
    if not names:
        raise SheetReadError(file_name, "sổ tính không có trang tính nào.")
    if wanted is not None:
        if wanted not in names:
            raise SheetReadError(file_name, f"không có trang tính “{wanted}”.")
        return wanted
    candidates = ([active] if active in names else []) + list(names)
    return next((name for name in candidates if has_data(name)), candidates[0])


def _filled_width(row: list[Cell]) -> int:
    """One past the row's last non-empty cell (looked for from the end: rows end in a value)."""
    return next((end for end in range(len(row), 0, -1) if not row[end - 1].is_empty), 0)


def _square(rows: list[list[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    """Drop empty rows and columns at the end and pad the rest to one width."""
    while rows and all(cell.is_empty for cell in rows[-1]):
        rows.pop()
    width = max(map(_filled_width, rows), default=0)
    return tuple(tuple(row[:width]) + (EMPTY_CELL,) * (width - len(row[:width])) for row in rows)
