"""The attendance checklist as a Qt table: one row per person on the roll of a meeting.

The model holds :class:`RollEntry` rows and changes them at once (Space, a typed reason),
emitting ``dataChanged`` for the repaint and ``marked`` with the new entry; the view then
stores the mark through the task runner. Nothing here touches the database.

A typed reason means "absent with a reason": a non-empty reason turns any other mark into
``absent_excused``; emptying the reason keeps the mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from khoi_desktop.domain.attendance import RollEntry
from khoi_desktop.domain.enums import AttendanceStatus
from khoi_desktop.domain.vntext import clean

COLUMNS = ("Họ và tên", "Tư cách", "Trạng thái", "Lý do")
NAME, GROUP, STATUS, REASON = range(len(COLUMNS))
ENTRY_ROLE = Qt.ItemDataRole.UserRole
UNMARKED_TEXT = "Chưa điểm danh"
MAX_REASON = 500
_COLORS = {
    None: QColor("#8a8a8a"),
    AttendanceStatus.PRESENT: QColor("#1b6e32"),
    AttendanceStatus.LATE: QColor("#1b6e32"),
    AttendanceStatus.ABSENT_EXCUSED: QColor("#8a5a00"),
    AttendanceStatus.ABSENT_UNEXCUSED: QColor("#b3261e"),
}
_AnyIndex = QModelIndex | QPersistentModelIndex


def status_text(status: AttendanceStatus | None) -> str:
    return status.label if status is not None else UNMARKED_TEXT


def group_text(entry: RollEntry) -> str:
    """'Chính thức', 'Dự bị', 'Sinh hoạt tạm thời' (the groups the minutes count)."""
    label = entry.group.label
    return label[:1].upper() + label[1:]


def with_reason(entry: RollEntry, reason: str) -> RollEntry:
    """The entry after the clerk typed ``reason``: a reason makes the absence excused."""
    text = clean(reason)[:MAX_REASON]
    status = entry.status
    if text and status is not AttendanceStatus.ABSENT_EXCUSED:
        status = AttendanceStatus.ABSENT_EXCUSED
    return replace(entry, status=status, reason=text if status is not AttendanceStatus.PRESENT else "")


def with_status(entry: RollEntry, status: AttendanceStatus | None) -> RollEntry:
    """The entry with a new mark; a reason is kept only for an excused absence (or a late arrival)."""
    keep = status in (AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.LATE)
    return replace(entry, status=status, reason=entry.reason if keep else "")


class AttendanceTableModel(QAbstractTableModel):
    """Rows of the roll; the status and reason cells are editable."""

    marked = Signal(object)  # the RollEntry after a change made through setData

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RollEntry] = []

    # -- reading ----------------------------------------------------------------------
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(_COLORS[entry.status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, entry: RollEntry, column: int) -> str:
        if column == NAME:
            return entry.full_name
        if column == GROUP:
            return group_text(entry)
        if column == STATUS:
            return status_text(entry.status)
        return entry.reason

    def _tooltip(self, entry: RollEntry, column: int) -> str | None:
        if column == NAME:
            parts = [entry.full_name, entry.position]
            if entry.exempt:
                parts.append(f"Miễn sinh hoạt: {entry.exempt_note}" if entry.exempt_note else "Miễn sinh hoạt")
            return " — ".join(part for part in parts if part)
        if column == STATUS:
            return "Phím cách: đổi trạng thái (có mặt → vắng có lý do → vắng không lý do)"
        if column == REASON:
            return entry.reason or "Enter hoặc F2 để ghi lý do vắng"
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in (STATUS, REASON) else base

    # -- changing ---------------------------------------------------------------------
    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """STATUS takes an AttendanceStatus (or its value, or None); REASON takes text."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in (STATUS, REASON):
            return False
        entry = self._rows[index.row()]
        if index.column() == REASON:
            changed = with_reason(entry, str(value or ""))
        else:
            try:
                changed = with_status(entry, AttendanceStatus(value) if value else None)
            except ValueError:
                return False
        if changed == entry:
            return True
        self.replace_row(index.row(), changed)
        self.marked.emit(changed)
        return True

    def set_entries(self, entries: Sequence[RollEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def replace_row(self, row: int, entry: RollEntry) -> None:
        """Put ``entry`` in ``row`` and repaint the row (no ``marked``: used for stored results)."""
        self._rows[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    def entries(self) -> tuple[RollEntry, ...]:
        return tuple(self._rows)

    def entry_at(self, row: int) -> RollEntry:
        return self._rows[row]

    def row_of(self, person_id: int) -> int | None:
        return next((row for row, entry in enumerate(self._rows) if entry.person_id == person_id), None)
