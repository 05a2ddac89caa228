"""Dated status changes of one person: the list so far and a form to record a new one.

A change (chuyển đi, chuyển đến, miễn sinh hoạt, …) is recorded at once through
``PeopleService.change_status``; it has its own line in the change history. A move to another
chi bộ of the database has its own dated form (:mod:`ui.pages.people.move_dialog`,
``PeopleService.move``), so rolls place the person in the old branch before the day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import PersonStatus
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization, StatusChange
from khoi_desktop.domain.vntext import DateParseError, format_date
from khoi_desktop.services.app import Services
from ui.pages.common.person_fields import DateField, FieldBox
from ui.pages.people.move_dialog import MoveDialog
from ui.prompts import Prompts
from ui.tasks import TaskRunner
from ui.widgets.table_fit import fit_columns

HEADERS = ("Trạng thái", "Từ ngày", "Đến ngày", "Sinh hoạt tại", "Nơi đi/đến", "Quyết định", "Ghi chú")
# The changes a clerk records most often come first.
CHOICES = (PersonStatus.TRANSFERRED_OUT, PersonStatus.TRANSFERRED_IN, PersonStatus.EXEMPT,
           PersonStatus.TEMPORARY, PersonStatus.SUSPENDED, PersonStatus.DECEASED, PersonStatus.ACTIVE)


class StatusPanel(QWidget):
    """Shows ``person.statuses`` and records new changes for an existing person."""

    changed = Signal(object)  # Changes, after a change was stored
    moved = Signal(int)  # the organisation moved to, after a move was stored

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._person_id: int | None = None
        self._organizations: list[Organization] = []
        self._statuses: list[StatusChange] = []
        self.move_dialog: MoveDialog | None = None
        self.table = _history_table()
        self.status = QComboBox()
        for status in CHOICES:
            self.status.addItem(status.label, status.value)
        self.start = DateField()
        self.start_box = FieldBox(self.start)
        self.other_party = QLineEdit()
        self.other_party.setPlaceholderText("Ví dụ: Đảng bộ Sở Tài chính")
        self.decision = QLineEdit()
        self.decision.setPlaceholderText("Số, ngày quyết định")
        self.note = QLineEdit()
        self.record_button = QPushButton("Ghi nhận thay đổi")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self.move_button = QPushButton("Chuyển sinh hoạt sang chi bộ khác…")
        self.move_button.setAutoDefault(False)
        self.move_button.setToolTip("Chuyển sang một chi bộ khác có trong dữ liệu này, từ một ngày")
        self.move_button.clicked.connect(self.open_move)
        self.start.checked.connect(self.start_box.set_error)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self._enter = _EnterRecords(self.record)
        for field in (self.start, self.other_party, self.decision, self.note):
            field.installEventFilter(self._enter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        moves = QHBoxLayout()
        moves.addStretch(1)
        moves.addWidget(self.move_button)
        layout.addLayout(moves)
        layout.addWidget(self._form())
        layout.addWidget(self.hint)
        self.set_person(None, ())

    def _form(self) -> QGroupBox:
        box = QGroupBox("Ghi nhận thay đổi trạng thái")
        form = QFormLayout(box)
        form.addRow("Trạng thái mới:", self.status)
        form.addRow("Từ ngày:", self.start_box)
        form.addRow("Tổ chức đảng nơi đi/đến:", self.other_party)
        form.addRow("Quyết định:", self.decision)
        form.addRow("Ghi chú:", self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        form.addRow(row)
        return box

    def set_organizations(self, organizations: Sequence[Organization]) -> None:
        """The tree the move form offers, and the names of the "Sinh hoạt tại" column."""
        self._organizations = list(organizations)

    def set_person(self, person_id: int | None, statuses: Sequence[StatusChange]) -> None:
        self._person_id, self._statuses = person_id, list(statuses)
        names: dict[int | None, str] = {org.id: org.name for org in self._organizations}
        self.table.setRowCount(0)
        for index, change in enumerate(statuses):
            following = statuses[index + 1].start_date if index + 1 < len(statuses) else None
            _append_row(self.table, change, following, names.get(change.organization_id, ""))
        enabled = person_id is not None
        for widget in (self.status, self.start, self.other_party, self.decision, self.note, self.record_button,
                       self.move_button):
            widget.setEnabled(enabled)
        self.hint.setText("" if enabled else "Hãy lưu thông tin người này trước, rồi ghi nhận thay đổi trạng thái.")
        self.hint.setVisible(not enabled)

    def record(self) -> None:
        """Store the change typed in the form (errors appear beside the date)."""
        if self._person_id is None:
            return
        try:
            start = self.start.date_value()
        except DateParseError as error:
            self.start_box.set_error(str(error))
            return
        if start is None:
            self.start_box.set_error("Hãy nhập ngày bắt đầu trạng thái mới (ngày/tháng/năm).")
            return
        change = StatusChange(PersonStatus(self.status.currentData()), start, other_party=self.other_party.text(),
                              decision=self.decision.text(), note=self.note.text())
        person_id = self._person_id
        self.record_button.setEnabled(False)
        self._tasks.call(lambda: self._store(person_id, change), self._stored, self._failed)

    def _store(self, person_id: int, change: StatusChange) -> tuple[Changes, list[StatusChange]]:
        changes = self._services.people.change_status(person_id, change)
        return changes, list(self._services.people.get(person_id).statuses)

    def _stored(self, result: tuple[Changes, list[StatusChange]]) -> None:
        changes, statuses = result
        self.start_box.set_error("")
        for field in (self.start, self.other_party, self.decision, self.note):
            field.clear()
        self.set_person(self._person_id, statuses)
        self.changed.emit(changes)

    def open_move(self) -> None:
        """The dated move form (window-modal); the list reloads once the move is stored."""
        if self._person_id is None:
            return
        current = self._statuses[-1].organization_id if self._statuses else None
        dialog = MoveDialog(self._services, self._tasks, self._prompts, self._person_id, self._organizations,
                            current, self)
        dialog.accepted.connect(lambda: self._moved(dialog))
        self.move_dialog = dialog
        dialog.open()

    def _moved(self, dialog: MoveDialog) -> None:
        person_id, changes, target = self._person_id, dialog.changes, dialog.moved_to
        if person_id is None or changes is None or target is None:
            return
        self._tasks.call(lambda: list(self._services.people.get(person_id).statuses),
                         lambda statuses: self._after_move(changes, target, statuses),
                         lambda exc: self._prompts.show_error(exc, "đọc lại quá trình sinh hoạt"))

    def _after_move(self, changes: Changes, target: int, statuses: list[StatusChange]) -> None:
        self.set_person(self._person_id, statuses)
        self.moved.emit(target)
        self.changed.emit(changes)

    def _failed(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        if isinstance(exc, ValidationError) and exc.field == "start_date":
            self.start_box.set_error(exc.message)
        else:
            self._prompts.show_error(exc, "ghi nhận thay đổi trạng thái")


def _history_table() -> QTableWidget:
    table = QTableWidget(0, len(HEADERS))
    table.setHorizontalHeaderLabels(list(HEADERS))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    fit_columns(table, (115, 88, 88, 170, 170, 150, 120), (3, 4, 5, 6))  # no sideways scrolling in the dialog
    return table


def _append_row(table: QTableWidget, change: StatusChange, following: object, organization: str) -> None:
    row = table.rowCount()
    table.insertRow(row)
    texts = (change.status.label, format_date(change.start_date), format_date(following) if following else "",
             organization, change.other_party, change.decision, change.note)
    for column, text in enumerate(texts):
        table.setItem(row, column, QTableWidgetItem(text))


class _EnterRecords(QObject):
    """Enter in the status form records the change instead of saving and closing the dialog."""

    def __init__(self, action: Callable[[], None]) -> None:
        super().__init__()
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._action()
            return True
        return False
