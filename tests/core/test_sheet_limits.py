"""Spreadsheet limits are enforced while the sheet streams in, before memory grows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from khoi_desktop.interchange import sheet_reader
from khoi_desktop.interchange.sheet_reader import SheetReadError, read_sheet


def _list(path: Path, rows: int, columns: int = 3) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính"][:columns] + [f"Cột {n}" for n in range(3, columns)])
    for n in range(rows):
        sheet.append([f"Nguyễn Văn {n}", "01/02/1980", "Nam"][:columns] + [n] * (columns - 3))
    book.save(path)
    return path


def test_rows_past_the_limit_are_refused_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The row limit stops the stream at the first row past it (the message says the limit)."""
    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 50)
    path = _list(tmp_path / "dài.xlsx", 60)
    with pytest.raises(SheetReadError, match="quá nhiều dòng"):
        read_sheet(path)
    assert len(read_sheet(_list(tmp_path / "vừa.xlsx", 40)).rows) == 41


def test_a_row_wider_than_the_column_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reader, "MAX_COLUMNS", 10)
    with pytest.raises(SheetReadError, match="tối đa 10 cột"):
        read_sheet(_list(tmp_path / "rộng.xlsx", 5, columns=12))


def test_too_many_cells_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_reader, "MAX_CELLS", 100)
    with pytest.raises(SheetReadError, match="quá nhiều ô"):
        read_sheet(_list(tmp_path / "nhiều ô.xlsx", 40))


def test_a_sheet_declaring_too_much_xml_is_refused_before_parsing(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The sizes the zip declares are checked first (reading never yields more than declared)."""
    path = _list(tmp_path / "bom.xlsx", 200)
    with zipfile.ZipFile(path) as archive:
        sheet_size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    monkeypatch.setattr(sheet_reader, "MAX_SHEET_XML_BYTES", sheet_size - 1)
    with pytest.raises(SheetReadError, match="giải nén ra quá lớn"):
        read_sheet(path)


def test_shared_strings_have_their_own_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _list(tmp_path / "chuỗi.xlsx", 20)
    with zipfile.ZipFile(path, "a") as archive:  # openpyxl writes inline text; Excel a string table
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>Nguyễn Văn An</t></si>" * 50 + "</sst>")
    monkeypatch.setattr(sheet_reader, "MAX_STRINGS_XML_BYTES", 1000)
    with pytest.raises(SheetReadError, match="giải nén ra quá lớn"):
        read_sheet(path)


def test_a_sheet_without_a_dimension_reads_with_merged_cells(tmp_path: Path) -> None:
    """Sheets from other tools may omit <dimension>; merged blocks at the end are still found."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH", None, None])
    sheet.merge_cells("A1:C1")
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính"])
    sheet.append(["Trần Thị Bình", "03/04/1985", "Nữ"])
    source = tmp_path / "gốc.xlsx"
    book.save(source)
    target = tmp_path / "không kích thước.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            content = old.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension")
                content = content[:start] + content[content.index(b"/>", start) + 2:]
            new.writestr(entry, content)
    grid = read_sheet(target)
    assert grid.cell(2, 0).value == "Trần Thị Bình"
    assert [(m.first_row, m.last_row, m.first_col, m.last_col) for m in grid.merged] == [(0, 0, 0, 2)]
