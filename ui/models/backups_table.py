"""The backup list as a Qt table: date and time, reason, size, people, meetings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from khoi_desktop.domain.backups import BackupInfo, format_size, format_stamp
from khoi_desktop.domain.vntext import format_number

COLUMNS = ("Ngày giờ", "Lý do", "Dung lượng", "Số người", "Số buổi sinh hoạt")
WHEN, REASON, SIZE, PEOPLE, MEETINGS = range(len(COLUMNS))
INFO_ROLE = Qt.ItemDataRole.UserRole
UNKNOWN = "—"
_AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _count(value: int | None) -> str:
    return UNKNOWN if value is None else format_number(value)


def cell_text(info: BackupInfo, column: int) -> str:
    if column == WHEN:
        return format_stamp(info.created)
    if column == REASON:
        return info.reason_label
    if column == SIZE:
        return format_size(info.size)
    if column == PEOPLE:
        return _count(info.people)
    return _count(info.meetings)


class BackupsTableModel(QAbstractTableModel):
    """Read-only rows of :class:`BackupInfo`, newest first as the service gives them."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BackupInfo] = []

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_info(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(info, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (SIZE, PEOPLE, MEETINGS):
            return int(_RIGHT.value)
        if role == INFO_ROLE:
            return info
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None
