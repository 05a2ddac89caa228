"""Opening spreadsheets safely: values, fonts, legacy text, and every kind of bad file."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from khoi_desktop.interchange.legacy_fonts import LegacyEncoding
from khoi_desktop.interchange.sheet_reader import SheetGrid, SheetReadError, cell_text, read_sheet

DATA = Path(__file__).resolve().parents[1] / "data"


def _column(grid: SheetGrid, col: int, first_row: int, last_row: int) -> list[object]:
    return [grid.rows[row][col].value for row in range(first_row, last_row + 1)]


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_clean_list_values_come_through_typed(name: str) -> None:
    """Dates are dates, text card numbers keep leading zeros, a bare year stays a number; .xls = .xlsx."""
    grid = read_sheet(DATA / name)
    assert grid.sheet_name == "Danh sách"
    assert grid.rows[0][0].value == "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH"
    assert _column(grid, 1, 5, 9)[:2] == ["Nguyễn Văn Đức", "Trần Thị Hương"]
    assert _column(grid, 2, 5, 7) == [date(1980, 5, 12), date(1985, 11, 30), 1975]
    assert _column(grid, 5, 5, 6) == ["012345678901", "000123456789"]
    assert grid.legacy_encodings == frozenset()


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_merged_title_cells_are_reported(name: str) -> None:
    """Merged blocks are listed 0-based, and every cell of a block reads the block's value."""
    grid = read_sheet(DATA / name)
    assert (0, 0, 0, 3) in {(m.first_row, m.last_row, m.first_col, m.last_col) for m in grid.merged}
    assert grid.merged_value(2, 9) == "DANH SÁCH ĐẢNG VIÊN"
    assert grid.rows[2][9].value is None


def test_formula_cells_give_the_cached_value_never_the_formula() -> None:
    """data_only: LibreOffice's cached results come back, nothing is evaluated or shown as '=…'."""
    grid = read_sheet(DATA / "people_bad_values.xlsx")
    assert grid.rows[3][1].value == "Lê Văn Tám"
    assert grid.rows[3][2].value == date(1985, 3, 15)
    assert grid.rows[9][7].value == "=1+1 là ghi chú"  # text that merely starts with '='


@pytest.mark.parametrize("name", ["people_tcvn3.xlsx", "people_tcvn3.xls"])
def test_tcvn3_cells_are_converted_by_font(name: str) -> None:
    """.VnTime data, .VnTimeH headers, a mixed-font rich-text name, and pasted Unicode all read right."""
    grid = read_sheet(DATA / name)
    assert grid.rows[0][0].value == "DANH SÁCH ĐẢNG VIÊN"
    assert [cell.value for cell in grid.rows[2]] == [
        "STT",
        "HỌ VÀ TÊN",
        "NGÀY SINH",
        "GIỚI TÍNH",
        "SỐ THẺ",
        "TƯ CÁCH",
    ]
    assert _column(grid, 1, 3, 6) == ["Nguyễn Văn Đức", "Trần Thị Hương", "Phạm Ngọc Ánh", "Lê Văn Tám"]
    assert grid.rows[3][5].value == "Đảng viên chính thức"
    assert grid.rows[4][3].value == "Nữ"
    assert grid.rows[3][1].font_name == ".VnTime"
    assert grid.rows[3][1].legacy is LegacyEncoding.TCVN3
    assert grid.rows[6][1].legacy is None  # the pasted Unicode name
    assert grid.legacy_encodings == {LegacyEncoding.TCVN3, LegacyEncoding.TCVN3_CAPITALS}


def test_vni_cells_are_converted() -> None:
    """Every VNI-Times cell comes out as Unicode, capitals included."""
    grid = read_sheet(DATA / "people_vni.xlsx")
    assert [cell.value for cell in grid.rows[0]] == ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Tư cách"]
    assert _column(grid, 1, 1, 4) == ["Nguyễn Văn Đức", "Trần Thị Hương", "Phạm Ngọc Ánh", "NGUYỄN VĂN ĐỨC"]
    assert grid.legacy_encodings == {LegacyEncoding.VNI}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.xlsx", "tệp rỗng"),
        ("truncated.xlsx", "bị hỏng hoặc không trọn vẹn"),
        ("password.xlsx", "đặt mật khẩu"),
        ("password.xls", "đặt mật khẩu"),
        ("notes_renamed.xlsx", "tệp văn bản"),
        ("word_renamed.xlsx", "tệp Word (.docx)"),
        ("pdf_renamed.xls", "tệp PDF"),
    ],
)
def test_bad_fixture_files_raise_a_vietnamese_error(name: str, reason: str) -> None:
    """Each committed bad file gives SheetReadError naming the file and what is wrong."""
    with pytest.raises(SheetReadError) as caught:
        read_sheet(DATA / name)
    assert str(caught.value).startswith(f"Không đọc được tệp “{name}”: ")
    assert reason in caught.value.reason


def _cut(source: Path, target: Path, fraction: float) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def _bytes(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def _folder(target: Path) -> Path:
    target.mkdir()
    return target


def _zip(target: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return target


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: _cut(DATA / "people_clean.xls", tmp / "cut.xls", 0.5), "bị hỏng"),
        (lambda tmp: _cut(DATA / "people_clean.xls", tmp / "head.xls", 0.02), "bị hỏng"),
        (
            lambda tmp: _zip(tmp / "broken.xlsx", {"[Content_Types].xml": b"<x", "xl/workbook.xml": b"<<<"}),
            "cấu trúc lạ",
        ),
        (
            lambda tmp: _zip(tmp / "sheet.xlsx", {"mimetype": b"application/vnd.oasis", "content.xml": b""}),
            "OpenDocument",
        ),
        (lambda tmp: _zip(tmp / "photos.xlsx", {"a.jpg": b"\xff\xd8"}), "tệp nén"),
        (lambda tmp: _bytes(tmp / "report.xls", b"<html><table><tr><td>1</td></tr></table></html>"), "HTML"),
        (lambda tmp: _bytes(tmp / "blob.xlsx", bytes(range(256))), "không phải tệp Excel"),
        (
            lambda tmp: _bytes(tmp / "doc.xls", (DATA / "password.xls").read_bytes()[:512] + b"\0" * 512),
            "hỏng",
        ),
        (lambda tmp: tmp / "missing.xlsx", "không tìm thấy"),
        (lambda tmp: _folder(tmp / "folder.xlsx"), "không mở được"),
    ],
)
def test_damaged_and_foreign_files_raise_a_vietnamese_error(tmp_path: Path, make, reason: str) -> None:
    """Damage the library would trip on (cut .xls, broken XML, other formats) is caught and explained."""
    path = make(tmp_path)
    with pytest.raises(SheetReadError) as caught:
        read_sheet(path)
    assert reason in caught.value.reason
    assert path.name in str(caught.value)


def test_first_sheet_with_data_is_chosen_and_sheets_can_be_named(tmp_path: Path) -> None:
    """An empty active sheet is passed over; an explicit sheet name is honoured or refused clearly."""
    book = Workbook()
    book.active.title = "Trống"
    book.create_sheet("Đảng viên")["A1"] = "Họ và tên"
    book.create_sheet("Khác")["B2"] = "x"
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert read_sheet(path).sheet_name == "Đảng viên"
    assert read_sheet(path, "Khác").rows[1][1].value == "x"
    assert read_sheet(path).sheet_names == ("Trống", "Đảng viên", "Khác")
    with pytest.raises(SheetReadError, match="không có trang tính “Sổ 3”"):
        read_sheet(path, "Sổ 3")


def test_a_workbook_without_data_is_refused(tmp_path: Path) -> None:
    """A valid but blank workbook raises SheetReadError saying the sheet has no data."""
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    with pytest.raises(SheetReadError, match="không có dữ liệu"):
        read_sheet(path)


def test_grid_is_square_and_trimmed(tmp_path: Path) -> None:
    """Rows are padded to one width; empty trailing rows and columns are dropped."""
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["C2"] = "a", "c"
    sheet["F10"].font = Font(bold=True)  # formatted but empty
    path = tmp_path / "grid.xlsx"
    book.save(path)
    grid = read_sheet(path)
    assert (len(grid.rows), grid.width) == (2, 3)
    assert all(len(row) == 3 for row in grid.rows)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12345, "12345"),
        (12345.0, "12345"),
        (2.5, "2.5"),
        (date(2026, 2, 5), "05/02/2026"),
        ("  Hoàng   Thị  Lan ", "Hoàng Thị Lan"),
        (True, "Có"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    """Values read as clean text: no '.0' on whole numbers, dates as dd/mm/yyyy, spaces collapsed."""
    assert cell_text(value) == text
