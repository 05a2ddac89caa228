"""Thông tin chung: kind, title, date, start and end time, place, chair, secretary, note, guests.

Errors from the service (``ValidationError.field``) appear in red under the field concerned.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import Guest, Meeting, MeetingInput
from khoi_desktop.domain.vntext import clean
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import Choice, PersonCombo, TextBox, TimeField, small_button
from ui.pages.common.person_fields import DateField
from ui.service_dialog import read_day

GUEST_COLUMNS = ("Họ và tên", "Chức vụ", "Cơ quan, đơn vị")
# Service fields shown by this tab (others belong to other tabs).
FIELDS = ("kind", "title", "date", "start_time", "end_time", "place", "chair_person_id", "chair_name",
          "secretary_person_id", "secretary_name", "note", "guests", "organization_id")
_ALIASES = {"chair_name": "chair_person_id", "secretary_name": "secretary_person_id"}


class GeneralTab(QWidget):
    """The head of the meeting and its guests."""

    times_changed = Signal()  # the date, a time or the kind was changed (warnings are recomputed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._organization_id = 0
        self.organization = QLabel("")
        self.organization.setStyleSheet("font-weight: 600;")
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind.value)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Ví dụ: Sinh hoạt chi bộ thường kỳ tháng 11/2026; với chuyên đề: tên chủ đề")
        self.date = DateField()
        self.date.setMaximumWidth(140)
        self.start_time = TimeField("start_time")
        self.end_time = TimeField("end_time")
        self.place = QLineEdit()
        self.place.setPlaceholderText("Ví dụ: Phòng họp tầng 2")
        self.chair = PersonCombo()
        self.secretary = PersonCombo()
        self.note = TextBox(2)
        for widget in (self.kind, self.chair, self.secretary):
            widget.setMaximumWidth(420)
        self.guests = _guest_table()
        self._fit_guests()
        self.form = FieldForm()
        self._build()
        self._connect()

    def _build(self) -> None:
        form = self.form
        form.add_row("organization_id", "Tổ chức", self.organization)
        form.add_row("kind", "Loại", self.kind)
        form.add_row("title", "Tiêu đề / chủ đề", self.title)
        form.add_row("date", "Ngày", self.date)
        form.add_row("start_time", "Giờ bắt đầu", self.start_time, "Ví dụ: 14:00 hoặc 7h30")
        form.add_row("end_time", "Giờ kết thúc", self.end_time)
        form.add_row("place", "Địa điểm", self.place)
        form.add_row("chair_person_id", "Chủ trì", self.chair, "Chọn trong danh sách đảng viên hoặc gõ họ tên")
        form.add_row("secretary_person_id", "Thư ký", self.secretary)
        form.add_row("note", "Ghi chú", self.note)
        form.add_row("guests", "Khách mời", self._guests_box())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(form)
        layout.addStretch(1)

    def _guests_box(self) -> QWidget:
        box = QWidget()
        self.add_guest_button = small_button("Thêm", "Thêm một khách mời")
        self.remove_guest_button = small_button("Xóa", "Xóa khách mời đang chọn")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_guest_button)
        buttons.addWidget(self.remove_guest_button)
        buttons.addStretch(1)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.guests)
        column.addLayout(buttons)
        return box

    def _connect(self) -> None:
        self.add_guest_button.clicked.connect(self.add_guest)
        self.remove_guest_button.clicked.connect(self.remove_guest)
        for field in (self.start_time, self.end_time):
            field.checked.connect(lambda message, f=field: self._field_checked(f, message))
        self.date.checked.connect(lambda message: self._date_checked(message))
        self.kind.currentIndexChanged.connect(self.times_changed)

    def _field_checked(self, field: TimeField, message: str) -> None:
        name = "start_time" if field is self.start_time else "end_time"
        self._show_or_hide(name, message)
        self.times_changed.emit()

    def _date_checked(self, message: str) -> None:
        self._show_or_hide("date", message)
        self.times_changed.emit()

    def _show_or_hide(self, field: str, message: str) -> None:
        if message:
            self.form.show_error(field, message)
        elif self.form.error_text(field):
            self.form.clear_errors()

    # -- values ---------------------------------------------------------------------------
    def set_meeting(self, meeting: Meeting) -> None:
        self._organization_id = meeting.organization_id
        self.organization.setText(meeting.organization_name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(meeting.kind.value)))
        self.title.setText(meeting.title)
        self.date.set_date(meeting.date)
        self.start_time.setText(meeting.start_time)
        self.end_time.setText(meeting.end_time)
        self.place.setText(meeting.place)
        self.chair.set_value(meeting.chair_person_id, meeting.chair_name)
        self.secretary.set_value(meeting.secretary_person_id, meeting.secretary_name)
        self.note.set_text(meeting.note)
        self.set_guests(meeting.guests)
        self.form.clear_errors()

    def set_people(self, choices: list[Choice]) -> None:
        self.chair.set_choices(choices)
        self.secretary.set_choices(choices)

    def read_input(self) -> MeetingInput:
        """The head as typed; a malformed date raises ValidationError('date', …)."""
        day = read_day(self.date, "date", "Hãy ghi ngày họp.")
        chair_id, chair_name = self.chair.value()
        secretary_id, secretary_name = self.secretary.value()
        return MeetingInput(
            organization_id=self._organization_id, kind=MeetingKind(self.kind.currentData()), date=day,
            start_time=self.start_time.text(), end_time=self.end_time.text(), place=self.place.text(),
            title=self.title.text(), chair_person_id=chair_id, chair_name=chair_name,
            secretary_person_id=secretary_id, secretary_name=secretary_name, note=self.note.text())

    def show_error(self, field: str, message: str) -> bool:
        return self.form.show_error(_ALIASES.get(field, field), message)

    # -- guests ---------------------------------------------------------------------------------
    def set_guests(self, guests: tuple[Guest, ...]) -> None:
        self.guests.setRowCount(0)
        for guest in guests:
            self._append_guest((guest.name, guest.position, guest.organisation))
        self._fit_guests()

    def guest_list(self) -> tuple[Guest, ...]:
        """The guests typed, empty rows left out."""
        result = []
        for row in range(self.guests.rowCount()):
            cells = [clean(item.text()) if (item := self.guests.item(row, column)) else "" for column in range(3)]
            if any(cells):
                result.append(Guest(cells[0], cells[1], cells[2]))
        return tuple(result)

    def guest_names(self) -> list[str]:
        return [guest.name for guest in self.guest_list() if guest.name]

    def add_guest(self) -> None:
        row = self._append_guest(("", "", ""))
        self.guests.setCurrentCell(row, 0)
        self.guests.editItem(self.guests.item(row, 0))

    def remove_guest(self) -> None:
        row = self.guests.currentRow()
        if row >= 0:
            self.guests.removeRow(row)
            self._fit_guests()

    def _append_guest(self, cells: tuple[str, str, str]) -> int:
        row = self.guests.rowCount()
        self.guests.insertRow(row)
        for column, text in enumerate(cells):
            self.guests.setItem(row, column, QTableWidgetItem(text))
        self._fit_guests()
        return row

    def _fit_guests(self) -> None:
        rows = max(2, self.guests.rowCount())
        header = self.guests.horizontalHeader().sizeHint().height()
        self.guests.setFixedHeight(header + rows * self.guests.verticalHeader().defaultSectionSize() + 4)


def _guest_table() -> QTableWidget:
    table = QTableWidget(0, len(GUEST_COLUMNS))
    table.setHorizontalHeaderLabels(list(GUEST_COLUMNS))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setMinimumWidth(520)
    return table
