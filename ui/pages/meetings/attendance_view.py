"""Điểm danh: the keyboard-driven checklist of a meeting, with live counts and the vote base.

Space cycles the mark of the current person (có mặt → vắng có lý do → vắng không lý do),
Delete clears it, Enter or F2 writes a reason (a reason makes the absence excused), and
"Có mặt tất cả" marks everyone not yet marked present. Exempt members are listed apart
below. Every mark is shown at once and stored through the task runner; if storing fails
the roll is reloaded from the database and the error shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain import attendance as rules
from khoi_desktop.domain.attendance import AttendanceCounts, Roll, RollEntry, RollGroup
from khoi_desktop.domain.enums import AttendanceStatus
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.app import Services
from ui.models.attendance_table import GROUP, NAME, REASON, STATUS, UNMARKED_TEXT, AttendanceTableModel
from ui.prompts import Prompts
from ui.tasks import TaskRunner

COUNT_COLUMNS = ("Tổng số", "Có mặt", "Vắng có lý do", "Vắng không lý do", "Chưa điểm danh")
COUNT_FIELDS = ("total", "present", "absent_excused", "absent_unexcused", "unmarked")
COLUMN_WIDTHS = {NAME: 230, GROUP: 140, STATUS: 150}
EXEMPT_ROWS_SHOWN = 4
_AnyIndex = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    """A drop-down of the marks for mouse users (double-click on the status cell)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _AnyIndex) -> QWidget:  # noqa: N802
        if index.column() != STATUS:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem(UNMARKED_TEXT, "")
        for status in AttendanceStatus:
            combo.addItem(status.label, status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: _AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            entry: RollEntry = index.data(Qt.ItemDataRole.UserRole)
            editor.setCurrentIndex(max(0, editor.findData(entry.status.value if entry.status else "")))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None)
            return
        super().setModelData(editor, model, index)


class CountsPanel(QFrame):
    """The numbers the minutes print: by group, total, present, absent with/without reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        for column, text in enumerate(COUNT_COLUMNS, start=1):
            grid.addWidget(_bold(text), 0, column, Qt.AlignmentFlag.AlignRight)
        self._cells: dict[tuple[str, str], QLabel] = {}
        self._outside: list[QLabel] = []  # the 'Quần chúng' row: shown only at a study meeting with people outside
        rows = [*(group.value for group in RollGroup), "all"]
        for row, key in enumerate(rows, start=1):
            caption = "Cộng" if key == "all" else _capital(RollGroup(key).label)
            label = _bold(caption) if key == "all" else QLabel(caption)
            grid.addWidget(label, row, 0)
            row_labels = [label]
            for column, name in enumerate(COUNT_FIELDS, start=1):
                cell = QLabel("0")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(cell, row, column)
                self._cells[(key, name)] = cell
                row_labels.append(cell)
            if key == RollGroup.NON_PARTY.value:
                self._outside = row_labels
        self.summary = QLabel("")
        self.summary.setObjectName("voteBase")
        self.summary.setStyleSheet("font-weight: 600; color: #1f2933;")
        grid.addWidget(self.summary, len(rows) + 1, 0, 1, len(COUNT_COLUMNS) + 1)
        grid.setColumnStretch(len(COUNT_COLUMNS) + 1, 1)

    def show_counts(self, counts: AttendanceCounts) -> None:
        outside = any(group.group is RollGroup.NON_PARTY for group in counts.groups)
        for label in self._outside:
            label.setVisible(outside)
        for group in counts.groups:
            for name in COUNT_FIELDS:
                self._cells[(group.group.value, name)].setText(format_number(getattr(group, name)))
        for name in COUNT_FIELDS:
            self._cells[("all", name)].setText(format_number(getattr(counts, name)))
        self.summary.setText(f"Miễn sinh hoạt: {format_number(counts.exempt)}    ·    "
                             f"Số đảng viên có quyền biểu quyết: {format_number(counts.vote_base)}")

    def outside_row_shown(self) -> bool:
        """Whether the 'Quần chúng' row is shown (a study meeting with people outside the Party)."""
        return bool(self._outside) and not self._outside[0].isHidden()

    def cell_text(self, row: str, field: str) -> str:
        """The shown number: ``row`` a RollGroup value or 'all'; ``field`` one of COUNT_FIELDS."""
        return self._cells[(row, field)].text()


class AttendanceView(QWidget):
    """The Điểm danh tab; ``load(meeting_id)`` fills it through the task runner."""

    changed = Signal(object)  # Changes, after a mark was stored
    counts_changed = Signal(object)  # AttendanceCounts, at every mark (before it is stored)
    roll_loaded = Signal(object)  # Roll, after each load from the database

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._meeting_id: int | None = None
        self._day: date | None = None
        self._edits = 0  # marks made; a roll loaded while marks were made is loaded again
        self.model = AttendanceTableModel(self)
        self.exempt_model = AttendanceTableModel(self)
        self._build()
        for model in (self.model, self.exempt_model):
            model.marked.connect(self._store)
        self.counts_changed.connect(self.counts_panel.show_counts)

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.hint = QLabel("Phím cách: có mặt → vắng có lý do → vắng không lý do · Enter/F2: ghi lý do · "
                           "Delete: bỏ điểm danh · ↑↓: chuyển người")
        self.hint.setObjectName("fieldHint")
        self.all_present_button = QPushButton("Có mặt tất cả")
        self.all_present_button.setToolTip("Đánh dấu có mặt cho mọi người chưa điểm danh")
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.counts_panel = CountsPanel()
        self.table = self._table(self.model)
        self.exempt_header = QLabel("Đảng viên được miễn sinh hoạt (không tính vào tổng số; "
                                    "có mặt thì được biểu quyết)")
        self.exempt_header.setStyleSheet("font-weight: 600; padding-top: 6px;")
        self.exempt_table = self._table(self.exempt_model)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.all_present_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.counts_panel)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.exempt_header)
        layout.addWidget(self.exempt_table)
        self._show_exempt(False)

    def _table(self, model: AttendanceTableModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setItemDelegate(StatusDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        table.activated.connect(lambda index: self._edit_reason(table, index))
        edit_key = QShortcut(QKeySequence(Qt.Key.Key_F2), table, context=Qt.ShortcutContext.WidgetShortcut)
        edit_key.activated.connect(lambda: self._edit_here(table))
        for keys, action in ((Qt.Key.Key_Space, self._cycle), (QKeySequence.StandardKey.Delete, self._clear)):
            shortcut = QShortcut(QKeySequence(keys), table, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(_on_current(table, action))
        return table

    # -- loading ----------------------------------------------------------------------------
    def load(self, meeting_id: int) -> None:
        """Read the roll of ``meeting_id`` (again) off the GUI thread."""
        if meeting_id != self._meeting_id:  # another meeting: show nobody until its roll arrives
            self.model.set_entries([])
            self.exempt_model.set_entries([])
        self._meeting_id = meeting_id
        edits, attendance = self._edits, self._services.attendance
        self._tasks.call(lambda: attendance.roll(meeting_id), lambda roll: self._loaded(roll, edits),
                         lambda exc: self._prompts.show_error(exc, "tải danh sách điểm danh"))

    def reload(self) -> None:
        if self._meeting_id is not None:
            self.load(self._meeting_id)

    def _loaded(self, roll: Roll, edits: int) -> None:
        if roll.meeting_id != self._meeting_id:
            return
        if edits != self._edits:  # marks were made meanwhile: this copy may miss the last ones
            self.reload()
            return
        self._day = roll.day
        current = self.table.currentIndex()
        self.model.set_entries(roll.entries)
        self.exempt_model.set_entries(roll.exempt)
        self._show_exempt(bool(roll.exempt))
        if self.model.rowCount():
            row = current.row() if 0 <= current.row() < self.model.rowCount() else 0
            self.table.setCurrentIndex(self.model.index(row, max(0, current.column())))
        self.roll_loaded.emit(roll)
        self.counts_changed.emit(self.counts())

    def _show_exempt(self, visible: bool) -> None:
        self.exempt_header.setVisible(visible)
        self.exempt_table.setVisible(visible)
        rows = min(max(1, self.exempt_model.rowCount()), EXEMPT_ROWS_SHOWN)
        header = self.exempt_table.horizontalHeader().sizeHint().height()
        self.exempt_table.setFixedHeight(header + rows * self.exempt_table.verticalHeader().defaultSectionSize() + 4)

    # -- the numbers ----------------------------------------------------------------------------
    def roll(self) -> Roll:
        """The roll as shown now, with the marks not yet stored."""
        return Roll(meeting_id=self._meeting_id or 0, day=self._day or date.min,
                    entries=self.model.entries(), exempt=self.exempt_model.entries())

    def counts(self) -> AttendanceCounts:
        return rules.count(self.roll())

    def entries(self) -> tuple[RollEntry, ...]:
        """Everyone on the roll, the exempt members last (chair, secretary, speakers choose from it)."""
        return self.model.entries() + self.exempt_model.entries()

    # -- marking --------------------------------------------------------------------------------
    def _cycle(self, model: AttendanceTableModel, row: int) -> None:
        entry = model.entry_at(row)
        model.setData(model.index(row, STATUS), rules.next_status(entry.status))

    def _clear(self, model: AttendanceTableModel, row: int) -> None:
        model.setData(model.index(row, STATUS), None)

    def _edit_here(self, table: QTableView) -> None:
        """F2: edit the status or reason cell under the cursor; on the name or group, the reason."""
        index = table.currentIndex()
        if index.column() in (STATUS, REASON):
            table.edit(index)
        else:
            self._edit_reason(table, index)

    def _edit_reason(self, table: QTableView, index: QModelIndex) -> None:
        if index.isValid():
            target = table.model().index(index.row(), REASON)
            table.setCurrentIndex(target)
            table.edit(target)

    def _store(self, entry: RollEntry) -> None:
        """Show the new counts at once, then store the mark on the worker."""
        self._edits += 1
        self.counts_changed.emit(self.counts())
        meeting_id, attendance = self._meeting_id, self._services.attendance
        if meeting_id is None:
            return
        self._tasks.call(lambda: attendance.mark(meeting_id, entry.person_id, entry.status, entry.reason),
                         self.changed.emit, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._prompts.show_error(exc, "ghi điểm danh")
        self.reload()

    def mark_all_present(self) -> None:
        """Everyone not yet marked becomes present (stored, then the roll is read again)."""
        meeting_id, attendance = self._meeting_id, self._services.attendance
        if meeting_id is None:
            return
        self._edits += 1
        self._tasks.call(lambda: attendance.mark_all_present(meeting_id), self._all_marked,
                         lambda exc: self._prompts.show_error(exc, "điểm danh"))

    def _all_marked(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self.reload()


def _on_current(table: QTableView, action: Callable[[AttendanceTableModel, int], None]) -> Callable[[], None]:
    def run() -> None:
        index = table.currentIndex()
        model = table.model()
        if index.isValid() and isinstance(model, AttendanceTableModel):
            action(model, index.row())
    return run


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600;")
    return label


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
