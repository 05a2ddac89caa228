"""Phân công phát biểu: members assigned to prepare a talk, and whether they delivered it.

Each action is stored at once through the task runner (no "Lưu" needed); delivered talks
appear in the minutes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.meetings import Talk
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import format_date
from khoi_desktop.services.app import Services
from ui.pages.common.meeting_widgets import Choice, PersonCombo, hint, small_button
from ui.pages.common.person_fields import ErrorLabel
from ui.prompts import Prompts
from ui.tasks import TaskRunner

COLUMNS = ("Đồng chí", "Chủ đề", "Ngày phân công", "Đã phát biểu")
PERSON, TOPIC, ASSIGNED, DELIVERED = range(len(COLUMNS))
TALK_ROLE = Qt.ItemDataRole.UserRole


class TalksTab(QWidget):
    """Assign, mark delivered, remove; ``changed`` after each stored action."""

    changed = Signal(object)  # Changes

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._meeting_id: int | None = None
        self.table = _talks_table()
        self.person = PersonCombo("Chọn đảng viên trong danh sách")
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("Chủ đề phát biểu, ví dụ: Kinh nghiệm cải cách hành chính")
        self.assign_button = small_button("Phân công", "Phân công đồng chí đã chọn chuẩn bị phát biểu")
        self.remove_button = small_button("Xóa", "Hủy phân công đang chọn")
        self.error = ErrorLabel()
        form = QHBoxLayout()
        form.addWidget(QLabel("Đồng chí:"))
        form.addWidget(self.person, 1)
        form.addWidget(QLabel("Chủ đề:"))
        form.addWidget(self.topic, 2)
        form.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(hint("Phân công đảng viên chuẩn bị ý kiến phát biểu trước buổi sinh hoạt; đánh dấu "
                              "“Đã phát biểu” để đưa vào biên bản. Thay đổi ở đây được lưu ngay."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.assign_button.clicked.connect(self.assign)
        self.topic.returnPressed.connect(self.assign)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(self._item_changed)

    def set_meeting_id(self, meeting_id: int) -> None:
        self._meeting_id = meeting_id

    def set_people(self, choices: list[Choice]) -> None:
        self.person.set_choices([choice for choice in choices if choice[1] is not None])

    def set_talks(self, talks: tuple[Talk, ...]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for talk in talks:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in ((PERSON, talk.person_name), (TOPIC, talk.topic),
                                 (ASSIGNED, format_date(talk.assigned_on))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setData(TALK_ROLE, talk)
                self.table.setItem(row, column, item)
            check = QTableWidgetItem("")
            check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if talk.delivered else Qt.CheckState.Unchecked)
            check.setData(TALK_ROLE, talk)
            self.table.setItem(row, DELIVERED, check)
        self.table.blockSignals(False)

    def talks(self) -> list[Talk]:
        return [self.table.item(row, PERSON).data(TALK_ROLE) for row in range(self.table.rowCount())]

    # -- actions ------------------------------------------------------------------------------
    def assign(self) -> None:
        person_id, name = self.person.value()
        if person_id is None:
            self.error.show_message("Hãy chọn một đảng viên trong danh sách." if name or not self.topic.text()
                                    else "Hãy chọn đồng chí được phân công.")
            return
        meeting_id, topic, meetings = self._meeting_id, self.topic.text(), self._services.meetings
        if meeting_id is None:
            return
        self.error.show_message("")
        self._tasks.call(lambda: meetings.assign_talk(meeting_id, person_id, topic), self._assigned, self._failed)

    def _assigned(self, changes: Changes) -> None:
        self.topic.clear()
        self._stored(changes)

    def set_delivered(self, row: int, delivered: bool) -> None:
        talk: Talk = self.table.item(row, PERSON).data(TALK_ROLE)
        meetings = self._services.meetings
        self._tasks.call(lambda: meetings.set_talk_delivered(talk.id, delivered), self._stored, self._failed)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        talk: Talk = self.table.item(row, PERSON).data(TALK_ROLE)
        if not self._prompts.confirm("Hủy phân công", f"Hủy phân công đồng chí {talk.person_name} phát biểu "
                                     f"về “{talk.topic}”?", "Xóa", "Hủy"):
            return
        meetings = self._services.meetings
        self._tasks.call(lambda: meetings.delete_talk(talk.id), self._stored, self._failed)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == DELIVERED:
            self.set_delivered(item.row(), item.checkState() == Qt.CheckState.Checked)

    def _stored(self, changes: Changes) -> None:
        self.changed.emit(changes)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None)
        if message and getattr(exc, "field", None) in ("topic", "person_id"):
            self.error.show_message(message)
        else:
            self._prompts.show_error(exc, "lưu phân công phát biểu")
        self.reload()

    def reload(self) -> None:
        meeting_id, meetings = self._meeting_id, self._services.meetings
        if meeting_id is not None:
            self._tasks.call(lambda: meetings.get(meeting_id).talks, self.set_talks,
                             lambda exc: self._prompts.show_error(exc, "tải phân công phát biểu"))


def _talks_table() -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS))
    table.setHorizontalHeaderLabels(list(COLUMNS))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(TOPIC, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(PERSON, 200)
    header.resizeSection(ASSIGNED, 150)
    header.resizeSection(DELIVERED, 110)
    return table
