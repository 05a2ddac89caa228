"""Add or edit one person: every field of PersonInput, memberships, status changes, history.

Errors appear in red beside the field that caused them (``ValidationError.field``);
warnings from ``PeopleService.check`` (a short probation, a card for a non-official
member, a possible duplicate) appear in amber and do not stop saving.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import Gender
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import AuditEntry, Organization, Person, PersonInput
from khoi_desktop.domain.vntext import DateParseError
from khoi_desktop.services.app import Services
from khoi_desktop.services.people import PersonSaved
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.person_fields import (
    PERSON_FIELD_LABELS,
    PERSON_HISTORY_LABELS,
    DateField,
    ErrorLabel,
    FieldBox,
    NoticeLabel,
)
from ui.pages.people.history_view import HistoryView
from ui.pages.people.membership_editor import MembershipEditor
from ui.pages.people.status_panel import StatusPanel
from ui.prompts import Prompts
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PERSONAL = ("full_name", "birth_date", "gender", "ethnicity", "religion", "hometown", "phone", "email")
WORK = ("organization_id", "org_since", "job_title", "education", "political_theory", "party_card_number",
        "party_record_number", "admission_date", "official_date", "note")
TEXTS = ("full_name", "ethnicity", "religion", "hometown", "phone", "email", "job_title", "education",
         "political_theory", "party_card_number", "party_record_number", "note")
DATES = ("birth_date", "admission_date", "official_date", "org_since")
PLACEHOLDERS = {"full_name": "Ví dụ: Nguyễn Thị Minh Khai", "phone": "Ví dụ: 0912 345 678",
                "party_card_number": "Tối đa 12 chữ số, giữ nguyên số 0 ở đầu",
                "ethnicity": "Ví dụ: Kinh", "political_theory": "Ví dụ: Trung cấp"}
GENERAL, MEMBERSHIPS, STATUSES, HISTORY = range(4)


class PersonDialog(QDialog):
    """Opened with ``open()`` (window-modal, never blocking); emits ``saved`` then closes."""

    saved = Signal(object)  # PersonSaved
    changed = Signal(object)  # Changes: after a save or a recorded status change

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 organizations: Sequence[Organization], person_id: int | None = None,
                 default_org_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self.person_id = person_id
        self._check_serial = 0
        self._dirty = False
        self.setWindowTitle("Thêm người mới" if person_id is None else "Sửa thông tin")
        self.resize(900, 600)
        self._build_fields(organizations, default_org_id)
        self.memberships = MembershipEditor()
        self.statuses = StatusPanel(services, tasks, prompts)
        self.statuses.set_organizations(organizations)
        self.history = HistoryView(PERSON_HISTORY_LABELS)
        self.history.set_value_names({"organization_id": {org.id: org.name for org in organizations}})
        self.notice = NoticeLabel()
        self.general_error = ErrorLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), "Thông tin chung")
        self.tabs.addTab(self.memberships, "Tư cách")
        self.tabs.addTab(self.statuses, "Trạng thái")
        self.tabs.addTab(self.history, "Lịch sử thay đổi")
        self.save_button = QPushButton("Lưu")
        self.cancel_button = QPushButton("Hủy")
        self._layout()
        self._connect()
        self.fields["full_name"].setFocus()  # not the tab bar: typing at once fills in the name
        if person_id is None:
            self.statuses.set_person(None, ())
            self.tabs.setTabEnabled(HISTORY, False)
        else:
            self.save_button.setEnabled(False)
            self._tasks.call(self._load_job, self._fill, self._load_failed)

    # -- building -----------------------------------------------------------------
    def _build_fields(self, organizations: Sequence[Organization], default_org_id: int | None) -> None:
        self.fields: dict[str, QWidget] = {name: QLineEdit() for name in TEXTS}
        for name in DATES:
            self.fields[name] = DateField(allow_year=name == "birth_date")
        self.organization = OrgCombo("(Chưa xếp vào tổ chức nào)")
        self.organization.set_organizations(organizations)
        self.organization.select_id(default_org_id)
        self.gender = QComboBox()
        self.gender.addItem("(Chưa rõ)", None)
        for gender in Gender:
            self.gender.addItem(gender.label, gender.value)
        self.fields["organization_id"] = self.organization
        self.fields["gender"] = self.gender
        for name, text in PLACEHOLDERS.items():
            self.fields[name].setPlaceholderText(text)  # type: ignore[attr-defined]
        self.fields["party_card_number"].setMaxLength(20)  # type: ignore[attr-defined]
        # A new person belongs from today unless the clerk says otherwise: never back to their admission.
        self.fields["org_since"].set_date(self._services.context.today())  # type: ignore[attr-defined]
        self.fields["org_since"].setToolTip("Các buổi sinh hoạt trước ngày này không có tên người này.")
        self.boxes = {name: FieldBox(widget) for name, widget in self.fields.items()}

    def _general_tab(self) -> QWidget:
        page = QWidget()
        columns = QHBoxLayout()
        columns.addWidget(self._group("Thông tin cá nhân", PERSONAL), 1)
        columns.addWidget(self._group("Công tác và sinh hoạt đảng", WORK), 1)
        layout = QVBoxLayout(page)
        layout.addLayout(columns)
        layout.addStretch(1)
        return page

    def _group(self, title: str, names: Sequence[str]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            star = " *" if name == "full_name" else ""
            form.addRow(f"{PERSON_FIELD_LABELS[name]}{star}:", self.boxes[name])
        return box

    def _layout(self) -> None:
        self.save_button.setDefault(True)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for name in TEXTS:
            field: QLineEdit = self.fields[name]  # type: ignore[assignment]
            field.editingFinished.connect(self.schedule_check)
            field.textEdited.connect(self._mark_dirty)
        for name in DATES:
            date_field: DateField = self.fields[name]  # type: ignore[assignment]
            date_field.checked.connect(lambda message, n=name: self._date_checked(n, message))
            date_field.textEdited.connect(self._mark_dirty)
        for combo in (self.organization, self.gender):
            combo.currentIndexChanged.connect(self._combo_changed)
        self.memberships.edited.connect(self._combo_changed)
        self.statuses.changed.connect(self.changed)
        self.statuses.moved.connect(self._moved)
        self.statuses.changed.connect(lambda _changes: self._reload_history())

    # -- loading ------------------------------------------------------------------
    def _load_job(self) -> tuple[Person, list[AuditEntry]]:
        assert self.person_id is not None
        return self._services.people.get(self.person_id), self._services.people.history(self.person_id)

    def _fill(self, loaded: tuple[Person, list[AuditEntry]]) -> None:
        person, history = loaded
        self.setWindowTitle(f"Sửa thông tin: {person.full_name}")
        for name in TEXTS:
            self.fields[name].setText(getattr(person, name))  # type: ignore[attr-defined]
        self.fields["birth_date"].set_date(person.birth_date, person.birth_year)  # type: ignore[attr-defined]
        self.fields["admission_date"].set_date(person.admission_date)  # type: ignore[attr-defined]
        self.fields["official_date"].set_date(person.official_date)  # type: ignore[attr-defined]
        self.fields["org_since"].set_date(person.org_since)  # type: ignore[attr-defined]
        for combo, value in ((self.organization, person.organization_id),
                             (self.gender, person.gender.value if person.gender else None)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)
            combo.blockSignals(False)
        self.memberships.set_memberships(person.memberships)
        self.statuses.set_person(person.id, person.statuses)
        self.history.set_entries(history)
        self.save_button.setEnabled(True)
        self._dirty = False
        self.schedule_check()

    def _reload_history(self) -> None:
        """A status change or a move is stored at once: show its line in "Lịch sử thay đổi" too."""
        person_id, people = self.person_id, self._services.people
        if person_id is not None:
            self._tasks.call(lambda: people.history(person_id), self.history.set_entries,
                             lambda exc: log.warning("Không đọc lại được lịch sử thay đổi", exc_info=exc))

    def _moved(self, org_id: int) -> None:
        """After a move the "Tổ chức" field shows the new chi bộ (it is stored already: not an edit)."""
        was_blocked = self.organization.blockSignals(True)
        self.organization.select_id(org_id)
        self.organization.blockSignals(was_blocked)

    def _load_failed(self, exc: BaseException) -> None:
        self._prompts.show_error(exc, "mở thông tin người này")
        self.done(QDialog.DialogCode.Rejected)

    # -- reading the form -----------------------------------------------------------
    def collect(self) -> PersonInput | None:
        """The form as a PersonInput, or None after marking the fields that cannot be read."""
        dates, failed = {}, False
        for name in DATES:
            try:
                dates[name] = self.fields[name].read()  # type: ignore[attr-defined]
            except DateParseError as error:
                self.boxes[name].set_error(str(error))
                failed = True
        try:
            memberships = self.memberships.memberships()
        except ValidationError as error:
            self.show_validation(error)
            return None
        if failed:
            return None
        texts = {name: self.fields[name].text() for name in TEXTS}  # type: ignore[attr-defined]
        gender = self.gender.currentData()
        birth, birth_year = dates["birth_date"]
        return PersonInput(organization_id=self.organization.current_id(), birth_date=birth,
                           birth_year=birth_year, gender=Gender(gender) if gender else None,
                           admission_date=dates["admission_date"][0], official_date=dates["official_date"][0],
                           memberships=memberships, org_since=dates["org_since"][0], **texts)

    def field_error(self, name: str) -> str:
        """The red text shown beside a field ('' when none); for tests and screen readers."""
        if name == "memberships":
            return self.memberships.error.text() if self.memberships.error.isVisibleTo(self) else ""
        box = self.boxes.get(name)
        return box.error.text() if box is not None and box.has_error() else ""

    def warnings(self) -> list[str]:
        return self.notice.lines()

    def show_validation(self, error: ValidationError) -> None:
        """Put the message beside its field and bring that field into view."""
        name = "birth_date" if error.field == "birth_year" else error.field
        if name == "memberships":
            self.memberships.show_error(error.message)
            self.tabs.setCurrentIndex(MEMBERSHIPS)
            return
        box = self.boxes.get(name)
        if box is None:
            self.general_error.show_message(error.message)
            return
        box.set_error(error.message)
        self.tabs.setCurrentIndex(GENERAL)
        box.field.setFocus()

    def clear_errors(self) -> None:
        """Remove the service's messages; dates that still cannot be read keep theirs."""
        for box in self.boxes.values():
            box.set_error("")
        self.memberships.show_error("")
        self.general_error.show_message("")
        for name in DATES:
            try:
                self.fields[name].read()  # type: ignore[attr-defined]
            except DateParseError as error:
                self.boxes[name].set_error(str(error))
        try:
            self.memberships.memberships()
        except ValidationError as error:
            self.memberships.show_error(error.message)

    # -- live checks ----------------------------------------------------------------
    def schedule_check(self) -> None:
        """Ask the service for errors and warnings of the form as it is now (off the GUI thread)."""
        self._check_serial += 1  # whatever an earlier check says is about an older form
        data = self.collect()
        if data is None:
            return
        serial, person_id = self._check_serial, self.person_id
        self._tasks.call(lambda: self._check_job(data, person_id),
                         lambda warnings: self._checked(serial, warnings),
                         lambda exc: self._check_failed(serial, exc))

    def _check_job(self, data: PersonInput, person_id: int | None) -> list[str]:
        people = self._services.people
        _cleaned, warnings = people.check(data)
        same = [people.get(other) for other in people.duplicates_of(data, exclude_id=person_id)[:3]]
        if same:
            names = "; ".join(f"{p.full_name} (mã số {p.id})" for p in same)
            warnings.append(f"Có thể trùng với người đã có: {names}.")
        return warnings

    def _checked(self, serial: int, warnings: list[str]) -> None:
        if serial != self._check_serial:
            return
        self.clear_errors()
        self.notice.show_lines(warnings)

    def _check_failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._check_serial:
            return
        if isinstance(exc, ValidationError):
            self.clear_errors()
            self.show_validation(exc)
        else:
            log.warning("Kiểm tra thông tin người không chạy được", exc_info=exc)

    def _date_checked(self, name: str, message: str) -> None:
        self.boxes[name].set_error(message)
        if not message:
            self.schedule_check()

    def _combo_changed(self) -> None:
        self._mark_dirty()
        self.schedule_check()

    def _mark_dirty(self) -> None:
        self._dirty = True

    # -- saving -------------------------------------------------------------------
    def save(self) -> None:
        self._check_serial += 1  # a pending live check must not repaint over the save's result
        data = self.collect()
        if data is None:
            return
        self.save_button.setEnabled(False)
        people, person_id = self._services.people, self.person_id
        job = (lambda: people.create(data)) if person_id is None else (lambda: people.update(person_id, data))
        self._tasks.call(job, self._saved, self._save_failed)

    def _saved(self, result: PersonSaved) -> None:
        self.person_id = result.person_id
        self._dirty = False
        self.saved.emit(result)
        self.changed.emit(result.changes)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.clear_errors()
            self.show_validation(exc)
        else:
            self._prompts.show_error(exc, "lưu thông tin")

    def reject(self) -> None:
        """Hủy/Esc: ask before throwing away typed changes."""
        if self._dirty and not self._prompts.confirm(
                "Đóng mà không lưu?", "Những gì vừa sửa chưa được lưu. Đóng cửa sổ và bỏ các thay đổi đó?",
                "Đóng, không lưu", "Quay lại"):
            return
        super().reject()
