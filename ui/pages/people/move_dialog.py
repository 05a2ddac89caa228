"""Chuyển sinh hoạt sang chi bộ khác: the organisation moved to, from which day, the decision, a note.

"Chuyển sinh hoạt" runs ``PeopleService.move`` on the worker; the service's refusals (a date
in the future or before the last status change, the same chi bộ, a đảng bộ cấp trên) appear
under the field they concern and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import ServiceDialog, fail_later, read_day
from ui.tasks import TaskRunner

TITLE = "Chuyển sinh hoạt sang chi bộ khác"
INTRO = ("Ghi ngày chuyển theo quyết định. Trước ngày đó đồng chí vẫn có tên trong danh sách điểm danh "
         "của {old}; từ ngày đó có tên ở tổ chức mới.")


class MoveDialog(ServiceDialog):
    """Opened by the Trạng thái tab; ``moved_to`` is the organisation chosen once it is stored."""

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, person_id: int,
                 organizations: Sequence[Organization], current_org_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(TITLE, tasks, prompts, parent)
        self._people, self._person_id = services.people, person_id
        self.moved_to: int | None = None
        self.save_button.setText("Chuyển sinh hoạt")
        self.organization = OrgCombo("(Chọn tổ chức chuyển đến)")
        self.organization.set_organizations(organizations)
        self.start = DateField()
        self.decision = QLineEdit()
        self.decision.setPlaceholderText("Số, ngày quyết định")
        self.note = QLineEdit()
        self.form = FieldForm()
        self.form.add_row("organization_id", "Chuyển đến", self.organization)
        self.form.add_row("on", "Từ ngày", self.start)
        self.form.add_row("decision", "Quyết định", self.decision)
        self.form.add_row("note", "Ghi chú", self.note)
        old = next((org.name for org in organizations if org.id == current_org_id), "tổ chức cũ")
        intro = QLabel(INTRO.format(old=old))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def job(self) -> Callable[[], Changes]:
        target = self.organization.current_id()
        try:
            if target is None:
                raise ValidationError("organization_id", "Hãy chọn chi bộ chuyển đến.")
            on = read_day(self.start, "on", "Hãy nhập ngày chuyển sinh hoạt (ngày/tháng/năm).")
        except ValidationError as error:
            return fail_later(error)
        people, person_id, decision, note = self._people, self._person_id, self.decision.text(), self.note.text()
        self.moved_to = target
        return lambda: people.move(person_id, target, on, decision, note)

    def show_field_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error.field, error.message)

    def clear_errors(self) -> None:
        self.form.clear_errors()
