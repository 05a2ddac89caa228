"""The list of meetings as a Qt table: Ngày, Loại, Tổ chức, Tiêu đề, Có mặt/Tổng."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from khoi_desktop.domain.meetings import MeetingRow
from khoi_desktop.domain.vntext import collation_key, format_date, format_number

COLUMNS = ("Ngày", "Loại", "Tổ chức", "Tiêu đề", "Có mặt/Tổng")
DAY, KIND, ORGANIZATION, TITLE, PRESENT = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_AnyIndex = QModelIndex | QPersistentModelIndex


def presence_text(row: MeetingRow) -> str:
    """'13/15'; '—' while nobody is marked."""
    return f"{format_number(row.present)}/{format_number(row.expected)}" if row.expected else "—"


def title_text(row: MeetingRow) -> str:
    return row.title or f"{row.kind.label} tháng {row.date.month}/{row.date.year}"


def _sort_key(row: MeetingRow, column: int) -> Any:
    if column == DAY:
        return row.date.isoformat() + f"{row.id:08d}"
    if column == PRESENT:
        return row.present
    text = {KIND: row.kind.label, ORGANIZATION: row.organization_name}.get(column)
    return collation_key(title_text(row) if text is None else text)


class MeetingsTableModel(QAbstractTableModel):
    """Read-only rows of :class:`MeetingRow`, newest first as the service gives them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingRow] = []
        self._keys: dict[int, list[Any]] = {}  # column → each row's sort key, see _sort_keys

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return COLUMNS[section] if 0 <= section < len(COLUMNS) else None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_date(row.date), row.kind.label, row.organization_name, title_text(row),
                    presence_text(row))[column]
        if role == SORT_ROLE:
            return self._sort_keys(column)[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return title_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == PRESENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        return None

    def set_rows(self, rows: Sequence[MeetingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys.clear()
        self.endResetModel()

    def _sort_keys(self, column: int) -> list[Any]:
        """One column's sort keys, made once per load: a sort asks for them n·log n times and a
        Vietnamese collation key costs far more than the comparison."""
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = [_sort_key(row, column) for row in self._rows]
        return keys

    def row_at(self, row: int) -> MeetingRow:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == meeting_id), None)

    def rows(self) -> list[MeetingRow]:
        return list(self._rows)
