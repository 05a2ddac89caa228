"""Thêm buổi sinh hoạt: choose the organisation, the kind and a template; the agenda comes prefilled.

Opened with ``open()`` (window-modal, never blocking); ``created`` carries the
``MeetingSaved`` of the new meeting, which the page then opens in the editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import MeetingInput, MeetingTemplate
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import DateParseError
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import TimeField
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import read_day
from ui.tasks import TaskRunner

_TITLED = {MeetingKind.REGULAR: "Sinh hoạt chi bộ thường kỳ", MeetingKind.COMMITTEE: "Họp chi ủy"}


def suggested_title(kind: MeetingKind, day: date | None) -> str:
    """'Sinh hoạt chi bộ thường kỳ tháng 11/2026'; other kinds are titled by their topic."""
    if kind not in _TITLED or day is None:
        return ""
    return f"{_TITLED[kind]} tháng {day.month}/{day.year}"


class NewMeetingDialog(QDialog):
    created = Signal(object)  # MeetingSaved

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 organizations: Sequence[Organization], organization_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._templates: list[MeetingTemplate] = []
        self._suggested = ""
        self.setWindowTitle("Thêm buổi sinh hoạt, hội nghị")
        self.setMinimumWidth(720)
        self.organization = OrgCombo()
        self.organization.set_organizations(organizations)
        self.organization.select_id(organization_id)
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind.value)
        self.template = QComboBox()
        self.agenda = QListWidget()
        self.agenda.setMinimumHeight(150)
        self.date = DateField()
        self.date.set_date(services.context.today())
        self.date.setMaximumWidth(140)
        self.start_time = TimeField("start_time")
        self.end_time = TimeField("end_time")
        self.place = QLineEdit()
        self.title = QLineEdit()
        self.form = FieldForm()
        self.create_button = QPushButton("Tạo")
        self.create_button.setDefault(True)
        self.cancel_button = QPushButton("Hủy")
        self._build()
        self._connect()
        self._kind_changed()
        tasks.call(lambda: services.templates.list(), self._templates_loaded,
                   lambda exc: prompts.show_error(exc, "tải mẫu chương trình"))

    def _build(self) -> None:
        form = self.form
        form.add_row("organization_id", "Tổ chức", self.organization)
        form.add_row("kind", "Loại", self.kind)
        form.add_row("template_id", "Mẫu chương trình", self.template)
        form.add_row("agenda", "Chương trình", self.agenda, "Các nội dung này được ghi sẵn; sửa được trong buổi họp.")
        form.add_row("date", "Ngày", self.date)
        form.add_row("start_time", "Giờ bắt đầu", self.start_time, "Ví dụ: 14:00 hoặc 7h30")
        form.add_row("end_time", "Giờ kết thúc", self.end_time)
        form.add_row("place", "Địa điểm", self.place)
        form.add_row("title", "Tiêu đề / chủ đề", self.title)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.template.currentIndexChanged.connect(self._show_agenda)
        self.date.checked.connect(lambda _message: self._suggest_title())
        self.create_button.clicked.connect(self.create)
        self.cancel_button.clicked.connect(self.reject)

    # -- templates ------------------------------------------------------------------------------
    def _templates_loaded(self, templates: list[MeetingTemplate]) -> None:
        self._templates = list(templates)
        self._kind_changed()

    def current_kind(self) -> MeetingKind:
        return MeetingKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.template.blockSignals(True)
        self.template.clear()
        for template in self._templates:
            if template.kind is kind:
                self.template.addItem(template.name, template.id)
        self.template.blockSignals(False)
        self._show_agenda()
        self._suggest_title()

    def _show_agenda(self) -> None:
        chosen = self.chosen_template()
        self.agenda.clear()
        for number, line in enumerate(chosen.agenda if chosen else (), start=1):
            self.agenda.addItem(f"{number}. {line}")

    def chosen_template(self) -> MeetingTemplate | None:
        template_id = self.template.currentData()
        return next((t for t in self._templates if t.id == template_id), None)

    def _suggest_title(self) -> None:
        """Fill the title for monthly meetings unless the clerk wrote their own."""
        try:
            day = self.date.date_value()
        except DateParseError:
            day = None
        suggestion = suggested_title(self.current_kind(), day)
        if self.title.text() in ("", self._suggested):
            self.title.setText(suggestion)
        self._suggested = suggestion
        self.title.setPlaceholderText("" if suggestion else "Chủ đề của buổi sinh hoạt, hội nghị")

    # -- creating ---------------------------------------------------------------------------------
    def meeting_input(self) -> MeetingInput:
        org_id = self.organization.current_id()
        if org_id is None:
            raise ValidationError("organization_id", "Hãy chọn tổ chức.")
        day = read_day(self.date, "date", "Hãy ghi ngày họp.")
        return MeetingInput(organization_id=org_id, kind=self.current_kind(), date=day,
                            start_time=self.start_time.text(), end_time=self.end_time.text(),
                            place=self.place.text(), title=self.title.text())

    def create(self) -> None:
        self.form.clear_errors()
        try:
            data = self.meeting_input()
        except ValidationError as error:
            self.form.show_error(error.field, error.message)
            return
        template_id, meetings = self.template.currentData(), self._services.meetings
        self.create_button.setEnabled(False)
        self._tasks.call(lambda: meetings.create(data, template_id), self._created, self._failed)

    def _created(self, saved: object) -> None:
        self.created.emit(saved)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        field = getattr(exc, "field", "")
        if not (field and self.form.show_error(field, getattr(exc, "message", str(exc)))):
            self._prompts.show_error(exc, "tạo buổi sinh hoạt")
