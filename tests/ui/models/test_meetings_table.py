"""The meetings model's sort keys: Vietnamese order per column, made once per load."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import MeetingRow
from ui.models.meetings_table import DAY, ORGANIZATION, SORT_ROLE, TITLE, MeetingsTableModel


def row(meeting_id: int, organization: str, title: str, day: date) -> MeetingRow:
    return MeetingRow(meeting_id, 1, organization, MeetingKind.REGULAR, day, title, "", "", "", 0, 0)


def sorted_ids(model: MeetingsTableModel, column: int) -> list[int]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(column)
    return [model.row_at(proxy.mapToSource(proxy.index(n, 0)).row()).id for n in range(proxy.rowCount())]


def test_columns_sort_in_vietnamese_order(qapp) -> None:
    """Tổ chức and Tiêu đề sort as a Vietnamese reader expects (Đ after D, Ơ after Ô), Ngày by date."""
    model = MeetingsTableModel()
    model.set_rows([row(1, "Đảng bộ Sở Y tế", "Ơn nghĩa", date(2026, 3, 1)),
                    row(2, "Chi bộ Dân vận", "An toàn", date(2026, 1, 5)),
                    row(3, "Chi bộ Bưu điện", "Ôn tập", date(2026, 2, 9))])
    assert sorted_ids(model, ORGANIZATION) == [3, 2, 1]
    assert sorted_ids(model, DAY) == [2, 3, 1]
    assert sorted_ids(model, TITLE) == [2, 3, 1]


def test_new_rows_get_new_sort_keys(qapp) -> None:
    """Keys made for one load are not reused for the next."""
    model = MeetingsTableModel()
    model.set_rows([row(1, "Chi bộ B", "", date(2026, 1, 1)), row(2, "Chi bộ A", "", date(2026, 1, 2))])
    assert sorted_ids(model, ORGANIZATION) == [2, 1]
    model.set_rows([row(3, "Chi bộ C", "", date(2026, 1, 1)), row(4, "Chi bộ D", "", date(2026, 1, 2))])
    assert sorted_ids(model, ORGANIZATION) == [3, 4]
