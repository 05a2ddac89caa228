"""Where the table is in a sheet: the header row, the data rows, the footer.

Party-branch lists start with a title block (often merged cells), may have a two-row
header, and end with totals and a signature block ("Người lập biểu", "T/M CHI BỘ",
"..., ngày … tháng … năm …") whose names must never be imported as people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import islice

from khoi_desktop.domain.vntext import fold
from khoi_desktop.interchange.sheet_reader import Cell, CellValue, SheetGrid, cell_text


def header_texts(grid: SheetGrid, row: int) -> list[str]:
    """The row's texts with merged blocks (e.g. a label spanning two columns) filled in."""
    return [cell_text(grid.merged_value(row, col)) for col in range(grid.width)]


def find_header_row(
    grid: SheetGrid, score: Callable[[list[str]], int], *, scan_rows: int = 30, minimum: int = 2
) -> int | None:
    """The 0-based row among the first ``scan_rows`` with the best ``score`` (at least ``minimum``)."""
    best_row, best_score = None, minimum - 1
    for row in range(min(scan_rows, len(grid.rows))):
        row_score = score(header_texts(grid, row))
        if row_score > best_score:
            best_row, best_score = row, row_score
    return best_row


_SIGNATURE_WORDS = (
    "nguoi lap",
    "thu truong",
    "bi thu",
    "ky ten",
    "ky, ghi ro",
    "xac nhan",
    "pho bi thu",
    "t/m ",
    "tm.",
    "tm ",
    "noi nhan",
)
_TOTAL = re.compile(r"^(tong cong|tong so)\b|^cong\s*(:|$|\d)")
_DATE_LINE = re.compile(r"\bngay\b.{0,15}\bthang\b.{0,15}\bnam\b")


def _first_filled(cells: Sequence[Cell]) -> CellValue:
    return next((cell.value for cell in cells if not cell.is_empty), None)


def is_total_row(cells: Sequence[Cell]) -> bool:
    """'Tổng cộng', 'Cộng: 25' rows (label in the first filled cell): skipped, not imported."""
    first = _first_filled(cells)
    return isinstance(first, str) and bool(_TOTAL.match(fold(first)))


def is_footer_row(cells: Sequence[Cell]) -> bool:
    """The signature block: 'Người lập biểu', 'Bí thư', '..., ngày … tháng … năm …' on a sparse text row."""
    filled = list(islice((cell.value for cell in cells if not cell.is_empty), 4))  # a fourth says enough
    if not filled or len(filled) > 3 or not all(isinstance(value, str) for value in filled):
        return False  # data rows have more cells, and numbers or dates among them
    first = fold(filled[0]).lstrip("(*-. ")  # "(Ký tên, đóng dấu)"
    return first.startswith(_SIGNATURE_WORDS) or any(_DATE_LINE.search(fold(value)) for value in filled)


def data_rows(grid: SheetGrid, first_row: int) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """(Excel row number, cells) from ``first_row`` on, skipping blank and total rows, up to the footer.

    Blocks merged down one column (e.g. a shared 'Chi bộ' cell) are filled into every row.
    """
    fill = {
        (row, block.first_col): grid.rows[block.first_row][block.first_col]
        for block in grid.merged
        if block.first_col == block.last_col and block.last_row >= first_row
        for row in range(max(block.first_row + 1, first_row), block.last_row + 1)
    }
    for index in range(first_row, len(grid.rows)):
        cells = grid.rows[index]
        if fill:
            cells = tuple(fill.get((index, col), cell) for col, cell in enumerate(cells))
        if all(cell.is_empty for cell in cells) or is_total_row(cells):
            continue
        if is_footer_row(cells):
            return
        yield index + 1, cells
