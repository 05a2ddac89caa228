"""The generic rows table: starting widths survive a change of columns."""

from __future__ import annotations

from ui.models.rows_table import Column, RowsTableModel, rows_view, size_columns

NAME, DECIDED, NOTE = (Column("Họ và tên", str, width=100), Column("Quyết định", str, width=90),
                       Column("Ghi chú", str, width=160))


def test_a_column_that_stretched_gets_its_width_back(qtbot) -> None:
    """'Ghi chú' stretched; 'Điểm' inserted moves 'Quyết định' onto its place: 90 px, not a sliver."""
    model = RowsTableModel((NAME, NAME, DECIDED, NOTE))
    view = rows_view(model, 3)
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view, timeout=30_000)
    model.set_columns((NAME, NAME, Column("Điểm", str, width=60), DECIDED, NOTE))
    size_columns(view, 4)
    assert view.horizontalHeader().sectionSize(3) >= 90
