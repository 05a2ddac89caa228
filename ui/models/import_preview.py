"""Table models of the import preview: one line per row with the user's choice, and the problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from khoi_desktop.domain.vntext import format_date
from khoi_desktop.interchange.people_import import ProblemKind, RowProblem, Severity
from khoi_desktop.services.people_import import (
    ImportPreview,
    PreviewRow,
    RowChoice,
    live_problems,
    skipped_rows,
)

ROW_HEADERS = ("Dòng", "Họ và tên", "Ngày sinh", "Số thẻ đảng viên", "Tình trạng", "Xử lý")
NUMBER, NAME, BIRTH, CARD, STATE, CHOICE = range(len(ROW_HEADERS))
PROBLEM_HEADERS = ("Dòng", "Cột", "Mức độ", "Lỗi")
BLOCKED_TEXT = "Không nhập (có lỗi)"  # the "Xử lý" of a row whose errors keep it out
_ERROR = QColor("#b00020")
_WARNING = QColor("#8a6100")
_SKIPPED = QColor("#8a8a8a")
_AnyIndex = QModelIndex | QPersistentModelIndex


class PreviewRowsModel(QAbstractTableModel):
    """Every parsed row; the "Xử lý" column is editable (Nhập mới / Bỏ qua / Cập nhật).

    A row whose errors keep it out reads "Không nhập (có lỗi)" and cannot be changed, except to
    "Bỏ qua" when that means something: one of its errors repeats another row (skipping either
    of the two settles both), or the clerk chose "Cập nhật" for a known person (back to skipping).
    """

    choices_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._preview: ImportPreview | None = None
        self._all: list[PreviewRow] = []
        self._rows: list[PreviewRow] = []
        self._choices: dict[int, RowChoice] = {}
        self._skipped: frozenset[int] = frozenset()
        self._blocked: frozenset[int] = frozenset()
        self._skippable: frozenset[int] = frozenset()
        self._only_problems = False

    def set_preview(self, preview: ImportPreview) -> None:
        self._preview = preview
        self._all = list(preview.rows)
        self._choices = preview.choices_with()
        self._update_blocked()
        self._refill()

    def set_only_problems(self, only: bool) -> None:
        self._only_problems = only
        self._refill()

    def choices(self) -> dict[int, RowChoice]:
        return dict(self._choices)

    def set_choice(self, row_number: int, choice: RowChoice) -> bool:
        row = next((r for r in self._all if r.row_number == row_number), None)
        if row is None or choice not in row.choices:
            return False
        self._choices[row_number] = choice
        self._update_blocked()
        self.dataChanged.emit(self.index(0, 0), self.index(max(len(self._rows) - 1, 0), len(ROW_HEADERS) - 1))
        self.choices_changed.emit()
        return True

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def _update_blocked(self) -> None:
        self._skipped = skipped_rows(self._choices)
        blocked = self._preview.blocked_rows(self._choices) if self._preview is not None else []
        self._blocked = frozenset(row.row_number for row in blocked)
        self._skippable = frozenset(row.row_number for row in blocked if row.match is not None or any(
            p.kind is ProblemKind.DUPLICATE and p.severity is Severity.ERROR for p in self._problems(row)))

    def _editable(self, row: PreviewRow) -> bool:
        return row.row_number not in self._blocked or row.row_number in self._skippable

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(ROW_HEADERS)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == CHOICE and self._editable(self._rows[index.row()]):
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATE:
            return "\n".join(p.message for p in self._problems(row)) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._color(row)
        if role == Qt.ItemDataRole.UserRole and index.column() == CHOICE:
            return [choice.label for choice in row.choices
                    if row.row_number not in self._blocked or choice is RowChoice.SKIP]
        return None

    def setData(self, index: _AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != CHOICE:
            return False
        row = self._rows[index.row()]
        if not self._editable(row):
            return False
        choice = next((c for c in row.choices if value in (c, c.label, c.value)), None)
        return choice is not None and self.set_choice(row.row_number, choice)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ROW_HEADERS[section] if 0 <= section < len(ROW_HEADERS) else None
        return None

    def _problems(self, row: PreviewRow) -> tuple[RowProblem, ...]:
        return live_problems(row, self._skipped)

    def _text(self, row: PreviewRow, column: int) -> str:
        record = row.record
        if column == NUMBER:
            return str(record.row_number)
        if column == NAME:
            return record.full_name
        if column == BIRTH:
            return format_date(record.birth_date) or (str(record.birth_year) if record.birth_year else "")
        if column == CARD:
            return record.party_card_number
        if column == STATE:
            return state_text(self._problems(row), row)
        return BLOCKED_TEXT if record.row_number in self._blocked else self._choices[record.row_number].label

    def _color(self, row: PreviewRow) -> QBrush | None:
        if self._choices[row.row_number] is RowChoice.SKIP:
            return QBrush(_SKIPPED)
        problems = self._problems(row)
        if any(p.severity is Severity.ERROR for p in problems) or row.person is None:
            return QBrush(_ERROR)
        return QBrush(_WARNING) if problems else None

    def _refill(self) -> None:
        self.beginResetModel()
        keep: Callable[[PreviewRow], bool] = (lambda r: bool(r.record.problems)) if self._only_problems \
            else (lambda _r: True)
        self._rows = [row for row in self._all if keep(row)]
        self.endResetModel()


def state_text(problems: tuple[RowProblem, ...], row: PreviewRow) -> str:
    """'Hợp lệ', 'Lỗi: …' or 'Cảnh báo: …' — the first problem, the rest in the tooltip."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or row.person is None:
        return f"Lỗi: {errors[0].detail}" if errors else "Lỗi: không có họ và tên."
    if row.match is not None:
        return f"Đã có: {row.match.full_name} ({row.match.reason})"
    return f"Cảnh báo: {problems[0].detail}" if problems else "Hợp lệ"


class ProblemsModel(QAbstractTableModel):
    """Dòng, Cột, Mức độ, Lỗi — every problem of the rows that will not be skipped."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[RowProblem] = []

    def set_problems(self, problems: list[RowProblem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(PROBLEM_HEADERS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (str(problem.row), problem.column_label, str(problem.severity), problem.detail)
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_ERROR if problem.severity is Severity.ERROR else _WARNING)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return PROBLEM_HEADERS[section] if 0 <= section < len(PROBLEM_HEADERS) else None
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the "Xử lý" column, offering only the row's own choices."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: _AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(index.data(Qt.ItemDataRole.UserRole) or [])
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:  # noqa: N802 - Qt override
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: Any, index: _AnyIndex) -> None:  # noqa: N802 - Qt override
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]
