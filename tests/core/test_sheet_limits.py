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


def _with_sheet_xml(path: Path, sheet_xml: str) -> Path:
    """The same workbook with its first sheet's XML replaced (zip rewritten member by member)."""
    target = path.with_name("sửa " + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = sheet_xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            out.writestr(info.filename, data)
    return target


_SHEET_OPEN = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
_SHEET_CLOSE = "</t></is></c></row></sheetData></worksheet>"


def test_an_entity_bomb_in_a_sheet_is_refused(tmp_path: Path) -> None:
    """Nested entities (a "billion laughs") give the damaged-file message, not a full memory."""
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">{laughs}]>{_SHEET_OPEN}&l9;{_SHEET_CLOSE}'
    path = _with_sheet_xml(_list(tmp_path / "bom.xlsx", 3), bomb)
    with pytest.raises(SheetReadError, match="cấu trúc lạ"):
        read_sheet(path)


def test_an_external_entity_in_a_sheet_is_never_read(tmp_path: Path) -> None:
    """A sheet naming a file on the computer as an entity never brings that file's text in."""
    secret = tmp_path / "bí mật.txt"
    secret.write_text("MẬT KHẨU", encoding="utf-8")
    sheet = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
             f"{_SHEET_OPEN}&x;{_SHEET_CLOSE}")
    path = _with_sheet_xml(_list(tmp_path / "ngoài.xlsx", 3), sheet)
    try:
        grid = read_sheet(path)
    except SheetReadError:
        return
    assert all("MẬT KHẨU" not in str(cell.value) for row in grid.rows for cell in row)


@pytest.mark.parametrize("name", sorted(p.name for p in Path(__file__).parents[1].joinpath("data").glob("*.xls*")))
def test_the_fast_parser_reads_every_fixture_as_openpyxl_does(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows and merged blocks read through the C parser equal openpyxl's own (defusedxml) parse."""
    path = Path(__file__).parents[1] / "data" / name

    def outcome() -> object:
        try:
            return read_sheet(path)
        except SheetReadError as error:
            return str(error)

    fast = outcome()
    monkeypatch.setattr(sheet_reader, "_C_PARSER_IS_SAFE", False)
    assert outcome() == fast
