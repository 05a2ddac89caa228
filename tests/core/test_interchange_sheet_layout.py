"""Where the table sits: header under a title block, data rows, totals and signature footers."""

from __future__ import annotations

from pathlib import Path

import pytest

from khoi_desktop.interchange.people_columns import header_score
from khoi_desktop.interchange.sheet_layout import data_rows, find_header_row, is_footer_row, is_total_row
from khoi_desktop.interchange.sheet_reader import Cell, MergedRange, SheetGrid, read_sheet

DATA = Path(__file__).resolve().parents[1] / "data"


def _cells(*values: object) -> tuple[Cell, ...]:
    return tuple(Cell(value) for value in values)


def _grid(*rows: tuple[object, ...], merged: tuple[MergedRange, ...] = ()) -> SheetGrid:
    width = max(len(row) for row in rows)
    padded = tuple(_cells(*row, *([None] * (width - len(row)))) for row in rows)
    return SheetGrid("test.xlsx", "Sheet1", ("Sheet1",), padded, merged)


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_header_is_found_below_the_title_block(name: str) -> None:
    """Merged title rows do not fool the search: the header is Excel row 5."""
    assert find_header_row(read_sheet(DATA / name), header_score) == 4


def test_no_header_row_when_nothing_matches() -> None:
    """A sheet without recognised headers gives None rather than a guess."""
    grid = _grid(("Báo cáo tháng",), ("Nội dung", "Kết quả"))
    assert find_header_row(grid, header_score) is None


@pytest.mark.parametrize("name", ["people_clean.xlsx", "people_clean.xls"])
def test_data_rows_stop_at_the_signature_block(name: str) -> None:
    """The total row is skipped and nothing from the date line on (signers' names) is a data row."""
    rows = list(data_rows(read_sheet(DATA / name), 5))
    assert [number for number, _ in rows] == [6, 7, 8, 9, 10]


def test_blank_rows_in_the_middle_are_skipped() -> None:
    """Blank rows between people are passed over, not treated as the end."""
    grid = _grid(("STT", "Họ và tên"), (1, "A"), (None, None), (2, "B"))
    assert [number for number, _ in data_rows(grid, 1)] == [2, 4]


def test_blocks_merged_down_a_column_fill_every_row() -> None:
    """A 'Tổ 1' cell merged over three rows belongs to each of them."""
    grid = _grid(
        ("Họ và tên", "Tổ"),
        ("A", "Tổ 1"),
        ("B", None),
        ("C", None),
        ("D", "Tổ 2"),
        merged=(MergedRange(1, 3, 1, 1),),
    )
    groups = [cells[1].value for _, cells in data_rows(grid, 1)]
    assert groups == ["Tổ 1", "Tổ 1", "Tổ 1", "Tổ 2"]


@pytest.mark.parametrize(
    "values",
    [
        ("Người lập biểu",),
        ("NGƯỜI LẬP BIỂU", None, None, "THỦ TRƯỞNG ĐƠN VỊ"),
        ("Người lập",),
        ("Thủ trưởng đơn vị",),
        ("T/M CHI BỘ",),
        ("BÍ THƯ",),
        ("(Ký tên, đóng dấu)",),
        ("Ký tên",),
        (None, "Hà Nội, ngày 20 tháng 11 năm 2026"),
        ("..., ngày ... tháng ... năm ...",),
        ("Nơi nhận:",),
    ],
)
def test_signature_rows_are_footers(values: tuple[object, ...]) -> None:
    """Signature labels and the '…, ngày … tháng … năm …' line mark the footer."""
    assert is_footer_row(_cells(*values))


@pytest.mark.parametrize(
    "values",
    [
        (1, "Nguyễn Văn An", "Bí thư chi bộ"),
        ("Nguyễn Văn An", "Bí thư"),
        ("Trần Văn Lập",),
        (3, "Lê Thị Thư", None, "Ghi chú: ngày 5 tháng 3 năm 2020 chuyển đến"),
        (),
    ],
)
def test_people_rows_are_not_footers(values: tuple[object, ...]) -> None:
    """A person whose position is 'Bí thư', or whose note has a date line, stays a data row."""
    assert not is_footer_row(_cells(*values))


@pytest.mark.parametrize(
    ("values", "is_total"),
    [
        (("Tổng cộng", 25), True),
        ((None, "TỔNG CỘNG:", "25 đảng viên"), True),
        (("Cộng", 5), True),
        (("Cộng:", 5), True),
        (("Tổng số: 12 người",), True),
        ((1, "Công Văn Phượng"), False),
        (("Công an viên", 5), False),
        (("Tổng Thị Hoa", "1980"), False),
    ],
)
def test_total_rows(values: tuple[object, ...], is_total: bool) -> None:
    """'Tổng cộng' / 'Cộng:' rows are recognised; names and words that merely fold alike are not."""
    assert is_total_row(_cells(*values)) is is_total
