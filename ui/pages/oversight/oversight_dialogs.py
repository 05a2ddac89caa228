"""The editors of the oversight pages: outreach items, the reporters' network, exemplars.

Every editor is a :class:`RecordDialog`: fields in a ``FieldForm``, "Lưu" runs the service
call it was given on the worker, a ``ValidationError`` keeps the dialog open with the message
under the field it names (a mistyped date included), and ``changes`` is left when stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import OutreachOutlet
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization, PeopleFilter, PersonRow
from khoi_desktop.domain.oversight import (
    Contributor,
    ContributorInput,
    Exemplar,
    ExemplarInput,
    OutreachInput,
    OutreachItem,
)
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.filters import choice_combo, choose_code, enum_choices
from ui.pages.common.narrative_edit import NarrativeEdit
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import MAX_DIALOG_HEIGHT, ServiceDialog, fail_later, read_date
from ui.tasks import TaskRunner

COMMENDATIONS = ("Giấy khen", "Bằng khen", "Biểu dương", "Chiến sĩ thi đua cơ sở", "Huy hiệu Đảng")
NOT_FROM_LIST = "— Ghi tên, không chọn từ danh sách —"


def date_field() -> DateField:
    field = DateField()
    field.setMaximumWidth(160)
    return field


def text_box(height: int = 70) -> NarrativeEdit:
    """A few lines of free text (Tab moves on)."""
    return NarrativeEdit("", height)


def org_choice(organizations: Sequence[Organization], chosen: int | None) -> OrgCombo:
    combo = OrgCombo()
    combo.set_organizations(organizations)
    if chosen is not None:
        combo.select_id(chosen)
    return combo


class RecordDialog(ServiceDialog):
    """A form whose "Lưu" calls ``save(value())`` on the worker; subclasses build ``form`` and ``value``."""

    def __init__(self, title: str, save: Callable[[Any], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, tasks, prompts, parent)
        self._save = save
        self.form = FieldForm()

    def finish(self, intro: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        if intro:
            label = QLabel(intro)
            label.setObjectName("pageSubtitle")
            label.setWordWrap(True)
            layout.addWidget(label)
            layout.addSpacing(6)
        scroll = QScrollArea()  # a long form scrolls inside; the dialog stays within 680 px
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        extra = layout.sizeHint().height() - scroll.sizeHint().height()
        self.resize(max(self.width(), layout.sizeHint().width()),
                    min(MAX_DIALOG_HEIGHT, extra + self.form.sizeHint().height() + 4))

    def value(self) -> Any:
        raise NotImplementedError

    def job(self) -> Callable[[], Changes]:
        try:
            data = self.value()
        except ValidationError as error:
            return fail_later(error)  # shown under its field like the service's own errors
        save = self._save
        return lambda: save(data)

    def show_field_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error.field, error.message)

    def clear_errors(self) -> None:
        self.form.clear_errors()


class OutreachDialog(RecordDialog):
    """One outreach entry: outlet, kind, title, date, how many pieces it stands for, authors."""

    def __init__(self, item: OutreachItem | None, organizations: Sequence[Organization], org_id: int, year: int,
                 save: Callable[[OutreachInput], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__("Sửa tin, bài tuyên truyền" if item else "Thêm tin, bài tuyên truyền", save, tasks,
                         prompts, parent)
        self._year = item.year if item else year
        self.organization = org_choice(organizations, item.organization_id if item else org_id)
        self.outlet = QComboBox()
        for outlet in OutreachOutlet:
            self.outlet.addItem(outlet.label, outlet.value)
        self.kind, self.title, self.authors = QLineEdit(), QLineEdit(), QLineEdit()
        self.kind.setPlaceholderText("Ví dụ: Tin, Bài viết, Phóng sự, Ảnh")
        self.title.setPlaceholderText("Ví dụ: Kho bạc học tập và làm theo Bác")
        self.day = date_field()
        self.count = QSpinBox()
        self.count.setRange(1, 100_000)
        self.count.setMaximumWidth(160)
        self.note = text_box(60)
        for field, label, widget, hint in (
            ("organization_id", "Tổ chức", self.organization, ""), ("outlet", "Kênh tuyên truyền", self.outlet, ""),
            ("kind", "Thể loại", self.kind, ""), ("title", "Tiêu đề, nội dung", self.title, ""),
            ("date", "Ngày đăng, ngày tổ chức", self.day, f"Trong năm {self._year}."),
            ("count", "Số tin, bài", self.count, "Một dòng có thể ghi nhiều tin, bài (ví dụ 24 tin trên trang "
                                                  "của đơn vị trong năm)."),
            ("authors", "Tác giả", self.authors, ""), ("note", "Ghi chú", self.note, ""),
        ):
            self.form.add_row(field, label, widget, hint)
        if item is not None:
            self.outlet.setCurrentIndex(self.outlet.findData(item.outlet.value))
            self.kind.setText(item.kind)
            self.title.setText(item.title)
            self.day.set_date(item.date)
            self.count.setValue(item.count)
            self.authors.setText(item.authors)
            self.note.setPlainText(item.note)
        self.finish(f"Năm {self._year}")
        self.title.setFocus()

    def value(self) -> OutreachInput:
        return OutreachInput(
            organization_id=int(self.organization.current_id() or 0), year=self._year,
            outlet=OutreachOutlet(self.outlet.currentData()), title=self.title.text(), kind=self.kind.text(),
            date=read_date(self.day, "date"), count=self.count.value(), authors=self.authors.text(),
            note=self.note.toPlainText(),
        )


class ContributorDialog(RecordDialog):
    """A reporter or collaborator of the outreach network."""

    def __init__(self, contributor: Contributor | None, organizations: Sequence[Organization], org_id: int,
                 save: Callable[[ContributorInput], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__("Sửa cộng tác viên" if contributor else "Thêm phóng viên, cộng tác viên", save, tasks,
                         prompts, parent)
        self._person_id = contributor.person_id if contributor else None
        self.organization = org_choice(organizations, contributor.organization_id if contributor else org_id)
        self.name, self.role = QLineEdit(), QLineEdit()
        self.role.setPlaceholderText("Ví dụ: Cộng tác viên Báo tỉnh")
        self.outlet = choice_combo("— Không ghi —", enum_choices(OutreachOutlet))
        self.since = date_field()
        for field, label, widget in (("organization_id", "Tổ chức", self.organization), ("name", "Họ và tên", self.name),
                                     ("role", "Vai trò", self.role), ("outlet", "Kênh", self.outlet),
                                     ("since", "Tham gia từ ngày", self.since)):
            self.form.add_row(field, label, widget)
        if contributor is not None:
            self.name.setText(contributor.name)
            self.role.setText(contributor.role)
            choose_code(self.outlet, contributor.outlet.value if contributor.outlet else None)
            self.since.set_date(contributor.since)
        self.finish("Mạng lưới phóng viên, cộng tác viên của đơn vị (không theo năm).")
        self.name.setFocus()

    def value(self) -> ContributorInput:
        outlet = self.outlet.currentData()
        return ContributorInput(
            organization_id=int(self.organization.current_id() or 0), name=self.name.text(), role=self.role.text(),
            outlet=OutreachOutlet(outlet) if outlet else None, person_id=self._person_id,
            since=read_date(self.since, "since"),
        )


class ExemplarDialog(RecordDialog):
    """A collective or an individual exemplar and its commendation."""

    def __init__(self, exemplar: Exemplar | None, organizations: Sequence[Organization], org_id: int, year: int,
                 services: Services, save: Callable[[ExemplarInput], Changes], tasks: TaskRunner,
                 prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__("Sửa gương điển hình" if exemplar else "Thêm gương điển hình, khen thưởng", save, tasks,
                         prompts, parent)
        self._services, self._year = services, exemplar.year if exemplar else year
        self._people_serial = 0
        self.organization = org_choice(organizations, exemplar.organization_id if exemplar else org_id)
        self.collective, self.individual = QRadioButton("Tập thể"), QRadioButton("Cá nhân")
        self.person = QComboBox()
        self.person_ids: list[int | None] = [None]  # beside the combo's rows (filled in one call: see below)
        self.person.addItem(NOT_FROM_LIST)
        self.name, self.issued_by, self.decision_number = QLineEdit(), QLineEdit(), QLineEdit()
        self.achievement = text_box(80)
        self.commendation = QComboBox()
        self.commendation.setEditable(True)
        self.commendation.addItems(("", *COMMENDATIONS))
        self.day = date_field()
        self._place_fields()
        self._load(exemplar)
        self.organization.currentIndexChanged.connect(self._organization_changed)
        self.person.activated.connect(self._person_chosen)
        self.collective.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.load_people(exemplar.person_id if exemplar else None)
        self.finish(f"Năm {self._year}. Khen thưởng của năm có thể quyết định vào đầu năm sau.")

    def _place_fields(self) -> None:
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(self)
        for button in (self.collective, self.individual):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.individual.setChecked(True)
        for field, label, widget, hint in (
            ("organization_id", "Tổ chức", self.organization, ""), ("is_collective", "Loại", kinds, ""),
            ("person_id", "Chọn người", self.person, "Người thuộc tổ chức đã chọn (không bắt buộc)."),
            ("name", "Tên tập thể, họ tên", self.name, ""), ("achievement", "Thành tích", self.achievement, ""),
            ("commendation", "Hình thức khen thưởng", self.commendation, ""),
            ("issued_by", "Cấp khen thưởng", self.issued_by, "Ví dụ: Ban Thường vụ Đảng ủy Khối"),
            ("decision_number", "Số quyết định", self.decision_number, "Ví dụ: 250-QĐ/ĐUK"),
            ("date", "Ngày quyết định", self.day, ""),
        ):
            self.form.add_row(field, label, widget, hint)

    def _load(self, exemplar: Exemplar | None) -> None:
        if exemplar is None:
            return
        (self.collective if exemplar.is_collective else self.individual).setChecked(True)
        self.name.setText(exemplar.name)
        self.achievement.setPlainText(exemplar.achievement)
        self.commendation.setCurrentText(exemplar.commendation)
        self.issued_by.setText(exemplar.issued_by)
        self.decision_number.setText(exemplar.decision_number)
        self.day.set_date(exemplar.date)

    def load_people(self, keep: int | None = None) -> None:
        """The people of the chosen organisation (and those below it), on the worker."""
        org_id, people = self.organization.current_id(), self._services.people
        organizations, year = self._services.organizations, self._year
        if org_id is None:
            return
        self._people_serial += 1
        serial = self._people_serial

        def job() -> list[PersonRow]:
            scope = tuple(organizations.with_descendants(org_id))
            return people.list(PeopleFilter(organization_ids=scope, year=year))

        self._tasks.call(job, lambda rows: self._people_loaded(serial, rows, keep),
                         lambda exc: self._prompts.show_error(exc, "tải danh sách người"))

    def _people_loaded(self, serial: int, rows: list[PersonRow], keep: int | None) -> None:
        if serial != self._people_serial:
            return
        # One addItems call, not one addItem per person: PySide6 6.12.0 on Python 3.11 drops a reference
        # to None on every call of a void Qt method, and a bloc has thousands of people.
        self.person.clear()
        self.person_ids = [None] + [row.id for row in rows]
        self.person.addItems([NOT_FROM_LIST] + [f"{row.full_name} — {row.organization_name}" for row in rows])
        self.person.setCurrentIndex(self.person_index(keep))

    def person_index(self, person_id: int | None) -> int:
        """The combo's row of ``person_id`` (0, "not from the list", when absent)."""
        return self.person_ids.index(person_id) if person_id in self.person_ids else 0

    def person_id(self) -> int | None:
        index = self.person.currentIndex()
        return self.person_ids[index] if 0 <= index < len(self.person_ids) else None

    def _organization_changed(self) -> None:
        self.load_people(self.person_id())
        if self.collective.isChecked() and not self.name.text().strip():
            self.name.setText(self.organization.current_name())

    def _person_chosen(self) -> None:
        if self.person_id() is not None:
            self.name.setText(self.person.currentText().split(" — ")[0])

    def _kind_changed(self) -> None:
        """A collective takes the organisation's name and no person; an individual starts without it."""
        collective = self.collective.isChecked()
        self.person.setEnabled(not collective)
        if collective:
            self.person.setCurrentIndex(0)
            if not self.name.text().strip():
                self.name.setText(self.organization.current_name())
        elif self.name.text().strip() == self.organization.current_name():
            self.name.clear()

    def value(self) -> ExemplarInput:
        return ExemplarInput(
            organization_id=int(self.organization.current_id() or 0), year=self._year, name=self.name.text(),
            is_collective=self.collective.isChecked(), person_id=self.person_id(),
            achievement=self.achievement.toPlainText(), commendation=self.commendation.currentText(),
            issued_by=self.issued_by.text(), decision_number=self.decision_number.text(),
            date=read_date(self.day, "date"),
        )
