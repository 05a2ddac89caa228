"""The registration editor: a person's or a collective's bản đăng ký, or the template for everyone.

Items are grouped by the categories of the REGISTRATION preset in force on the signing day
(read again when the day changes); the branch's confirmation (ngày, người xác nhận) and, at
year end, each item's result and evidence. In template mode ("Áp dụng mẫu tập thể") there is
no confirmation and no result, and "Áp dụng" gives the items to every member not yet registered.

Saving runs on the worker; a ``ValidationError`` keeps the dialog open with the message under
its field. Once accepted, ``saved`` holds the service's answer (CommitmentSaved or TemplateApplied).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from khoi_desktop.domain.commitments import Commitment, CommitmentInput, CommitmentItem
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import TextBox, hint
from ui.pages.common.person_fields import DateField, ErrorLabel
from ui.pages.study.commitment_items import ItemsEditor
from ui.prompts import Prompts
from ui.service_dialog import ServiceDialog, fail_later, grow_to_fit, read_date
from ui.tasks import TaskRunner

DATE_WIDTH = 160
TOP_FIELDS = ("signed_on",)
BOTTOM_FIELDS = ("confirmed_on", "confirmed_by", "note")


@dataclass(frozen=True)
class Registrant:
    """Whose registration: a person, or the collective of ``organization_id`` (``person_id`` None)."""

    year: int
    name: str
    organization_id: int
    organization_name: str
    person_id: int | None = None
    commitment_id: int | None = None

    @property
    def heading(self) -> str:
        if self.person_id is None:
            return f"Bản đăng ký tập thể năm {self.year} của {self.name}"
        return f"Bản đăng ký năm {self.year} của đồng chí {self.name} — {self.organization_name}"


class CommitmentDialog(ServiceDialog):
    """Open with :meth:`start` (reads the registration and its categories on the worker)."""

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, who: Registrant, *,
                 template: bool = False, parent: QWidget | None = None) -> None:
        title = "Mẫu bản đăng ký cho mọi người chưa đăng ký" if template else "Bản đăng ký học tập và làm theo"
        super().__init__(title, tasks, prompts, parent)
        self._services, self.who, self.template = services, who, template
        self.saved: Any = None
        self.resize(940, 660)  # within a 768 px screen; the sections scroll inside
        self.signed_on = DateField()
        self.confirmed_on = DateField()
        for field in (self.signed_on, self.confirmed_on):
            field.setMaximumWidth(DATE_WIDTH)
        self.confirmed_by = QLineEdit()
        self.confirmed_by.setPlaceholderText("Họ tên, chức vụ: Nguyễn Văn An, Bí thư Chi bộ")
        self.note = TextBox(2)
        self.items = ItemsEditor()
        self.items.show_results(not template)
        self.items_error = ErrorLabel()
        self.top, self.bottom = FieldForm(), FieldForm()
        self.top.add_row("signed_on", "Ngày ký", self.signed_on,
                         "Các nhóm nội dung theo bộ quy định có hiệu lực ngày ký.")
        self.bottom.add_row("confirmed_on", "Chi bộ xác nhận ngày", self.confirmed_on)
        self.bottom.add_row("confirmed_by", "Người xác nhận", self.confirmed_by)
        self.bottom.add_row("note", "Ghi chú", self.note)
        if template:
            self.save_button.setText("Áp dụng")
        self._build()
        self.signed_on.checked.connect(self._signed_on_checked)
        self.items.rows_changed.connect(self._order_tabs)
        self.confirmed_on.checked.connect(lambda message: self._date_message(self.bottom, "confirmed_on", message))

    def _build(self) -> None:
        heading = QLabel(self.who.heading if not self.template else
                         f"Mẫu bản đăng ký năm {self.who.year} cho các đảng viên chưa đăng ký của "
                         f"{self.who.organization_name}")
        heading.setObjectName("pageSubtitle")
        heading.setWordWrap(True)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from "Ngày ký" straight to the items
        scroller.setWidget(self.items)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(heading)
        layout.addWidget(self.top)
        layout.addWidget(scroller, 1)
        layout.addWidget(self.items_error)
        if self.template:
            layout.addWidget(hint("Mỗi đảng viên chưa có bản đăng ký năm này sẽ nhận một bản với các nội dung trên; "
                                  "người đã đăng ký được giữ nguyên."))
        else:
            layout.addWidget(self.bottom)
        layout.addWidget(self.buttons)

    def _order_tabs(self) -> None:
        """Tab: "Ngày ký", the items top to bottom, then what follows them on screen."""
        previous: QWidget = self.signed_on
        for widget in self.items.tab_widgets():
            QWidget.setTabOrder(previous, widget)
            previous = widget

    # -- loading ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the registration (or the collective's, as the template) and the categories, then show."""
        who, template, commitments = self.who, self.template, self._services.commitments

        def job() -> tuple[Commitment | None, tuple[str, ...]]:
            found = (commitments.of_organization(who.organization_id, who.year) if template
                     else commitments.get(who.commitment_id) if who.commitment_id is not None else None)
            return found, commitments.categories_for(who.year, found.signed_on if found else None)

        self.save_button.setEnabled(False)
        self._tasks.call(job, self._loaded, self._load_failed)
        self.open()

    def _loaded(self, loaded: tuple[Commitment | None, tuple[str, ...]]) -> None:
        commitment, categories = loaded
        items: tuple[CommitmentItem, ...] = commitment.items if commitment else ()
        if self.template:
            items = tuple(CommitmentItem(i.category, i.content, i.product, i.deadline) for i in items)
        elif commitment is not None:
            self.signed_on.set_date(commitment.signed_on)
            self.confirmed_on.set_date(commitment.confirmed_on)
            self.confirmed_by.setText(commitment.confirmed_by)
            self.note.set_text(commitment.note)
        self.items.set_content(categories, items)
        self.save_button.setEnabled(True)

    def _load_failed(self, exc: BaseException) -> None:
        self.reject()
        self._prompts.show_error(exc, "mở bản đăng ký")

    def _signed_on_checked(self, message: str) -> None:
        self._date_message(self.top, "signed_on", message)
        if message:
            return
        year, day, commitments = self.who.year, self.signed_on.date_value(), self._services.commitments
        self._tasks.call(lambda: commitments.categories_for(year, day), self.items.change_categories,
                         lambda exc: self._prompts.show_error(exc, "đọc các nhóm nội dung"))

    def _date_message(self, form: FieldForm, field: str, message: str) -> None:
        if message:
            form.show_error(field, message)
        elif form.error_text(field):
            form.clear_errors()

    # -- saving --------------------------------------------------------------------------------------
    def value(self) -> CommitmentInput:
        """What the fields hold; raises ValidationError for a date that cannot be read."""
        who = self.who
        return CommitmentInput(
            year=who.year, organization_id=who.organization_id, person_id=who.person_id,
            signed_on=read_date(self.signed_on, "signed_on"),
            confirmed_on=None if self.template else read_date(self.confirmed_on, "confirmed_on"),
            confirmed_by="" if self.template else self.confirmed_by.text(),
            note="" if self.template else self.note.text(), items=self.items.items())

    def job(self) -> Callable[[], Any]:
        try:
            data = self.value()
        except ValidationError as error:
            return fail_later(error)
        commitments, who = self._services.commitments, self.who
        if self.template:
            return lambda: commitments.apply_collective_template(who.organization_id, who.year, data.items,
                                                                 data.signed_on)
        return lambda: commitments.save(data, who.commitment_id)

    def _saved(self, changes: Any) -> None:
        self.saved = changes
        super()._saved(changes)

    def show_field_error(self, error: ValidationError) -> bool:
        if error.field in TOP_FIELDS:
            return self.top.show_error(error.field, error.message)
        if error.field in BOTTOM_FIELDS and not self.template:
            return self.bottom.show_error(error.field, error.message)
        if error.field == "items":
            self.items_error.show_message(error.message)
            grow_to_fit(self)
            return True
        return False

    def clear_errors(self) -> None:
        self.top.clear_errors()
        self.bottom.clear_errors()
        self.items_error.show_message("")
