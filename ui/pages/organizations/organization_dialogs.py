"""Dialogs of the organisation tree: add or edit one organisation, move it elsewhere.

Both save through a service call on the worker; a ``ValidationError`` keeps the dialog
open and shows its message beside the field it names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization, OrganizationInput
from ui.forms import FieldForm
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import ServiceDialog, fail_later, read_date
from ui.tasks import TaskRunner

CHILD_KIND = {
    OrgKind.BLOC: OrgKind.BASE_COMMITTEE,
    OrgKind.BASE_COMMITTEE: OrgKind.SUB_BRANCH,
    OrgKind.BASE_BRANCH: OrgKind.SUB_BRANCH,
    OrgKind.SUB_BRANCH: OrgKind.SUB_BRANCH,
}
ALL_FIELDS = ("name", "short_name", "kind", "agency_name", "superior_name", "place_name", "doc_code",
              "founded_on", "sort_order")
NO_PARENT_TEXT = "— Cấp cao nhất (không trực thuộc tổ chức nào) —"


class OrganizationFields:
    """The editable fields of an organisation; they can be spread over several forms."""

    def __init__(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Chi bộ Kho bạc Nhà nước tỉnh")
        self.short_name = QLineEdit()
        self.kind = QComboBox()
        for kind in OrgKind:
            self.kind.addItem(kind.label, kind.value)  # Qt keeps a StrEnum as a plain str
        self.agency_name = QLineEdit()
        self.agency_name.setPlaceholderText("Ví dụ: Kho bạc Nhà nước tỉnh")
        self.superior_name = QLineEdit()
        self.superior_name.setPlaceholderText("Ví dụ: Đảng bộ Khối các cơ quan tỉnh")
        self.place_name = QLineEdit()
        self.place_name.setPlaceholderText("Ví dụ: Ninh Bình")
        self.doc_code = QLineEdit()
        self.doc_code.setPlaceholderText("Ví dụ: CB hoặc ĐU")
        self.doc_code.setMaxLength(20)
        self.founded_on = DateField()
        self.sort_order = QSpinBox()
        self.sort_order.setRange(0, 9999)
        self._forms: list[FieldForm] = []

    def place(self, form: FieldForm, names: Sequence[str] = ALL_FIELDS) -> None:
        """Add the rows ``names`` to ``form``."""
        rows = {
            "name": ("Tên tổ chức", self.name, ""),
            "short_name": ("Tên viết tắt", self.short_name, ""),
            "kind": ("Loại tổ chức", self.kind, ""),
            "agency_name": ("Cơ quan, đơn vị", self.agency_name, "Cơ quan nơi tổ chức đảng sinh hoạt (không bắt buộc)."),
            "superior_name": ("Tổ chức đảng cấp trên", self.superior_name, "In ở góc trái đầu văn bản."),
            "place_name": ("Địa danh", self.place_name, "Dùng khi ghi ngày tháng: “Ninh Bình, ngày … tháng … năm …”."),
            "doc_code": ("Ký hiệu văn bản", self.doc_code, "Dùng trong số văn bản, ví dụ “Số 12-BB/CB”."),
            "founded_on": ("Ngày thành lập", self.founded_on,
                           "Không bắt buộc. Năm kết thúc trước ngày này không có báo cáo."),
            "sort_order": ("Thứ tự sắp xếp", self.sort_order, ""),
        }
        for name in names:
            label, widget, hint = rows[name]
            form.add_row(name, label, widget, hint)
        self._forms.append(form)

    def load(self, data: Organization | OrganizationInput) -> None:
        for name in ("name", "short_name", "agency_name", "superior_name", "place_name", "doc_code"):
            getattr(self, name).setText(getattr(data, name))
        self.set_kind(data.kind)
        self.sort_order.setValue(data.sort_order)
        self.founded_on.set_date(data.founded_on)

    def current_kind(self) -> OrgKind:
        return OrgKind(self.kind.currentData())

    def set_kind(self, kind: OrgKind) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))

    def value(self, parent_id: int | None) -> OrganizationInput:
        """The typed organisation; a malformed founding date is a ValidationError of its field."""
        try:
            founded_on = read_date(self.founded_on, "founded_on")
        except ValidationError as error:
            raise ValidationError("founded_on", f"Ngày thành lập không hợp lệ — {error.message}") from error
        return OrganizationInput(
            name=self.name.text(), kind=self.current_kind(), parent_id=parent_id,
            short_name=self.short_name.text(), agency_name=self.agency_name.text(),
            doc_code=self.doc_code.text(), place_name=self.place_name.text(),
            superior_name=self.superior_name.text(), sort_order=self.sort_order.value(),
            founded_on=founded_on,
        )

    def show_error(self, error: ValidationError) -> bool:
        """Show the error beside its field in whichever form holds it."""
        return any(form.show_error(error.field, error.message) for form in self._forms)

    def clear_errors(self) -> None:
        for form in self._forms:
            form.clear_errors()


def child_defaults(parent: Organization | None) -> OrganizationInput:
    """What a new organisation under ``parent`` most likely has."""
    if parent is None:
        return OrganizationInput(name="", kind=OrgKind.BASE_COMMITTEE)
    return OrganizationInput(name="", kind=CHILD_KIND[parent.kind], parent_id=parent.id,
                             place_name=parent.place_name, superior_name=parent.name)


class OrganizationDialog(ServiceDialog):
    """Add or edit one organisation; ``save`` is the service call (create or update)."""

    def __init__(self, title: str, initial: Organization | OrganizationInput, parent_name: str,
                 save: Callable[[OrganizationInput], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, tasks, prompts, parent)
        self._save = save
        self._parent_id = initial.parent_id
        self.fields = OrganizationFields()
        self.form = FieldForm()
        self.fields.place(self.form)
        self.fields.load(initial)
        where = QLabel(f"Trực thuộc: {parent_name}" if parent_name else "Tổ chức cấp cao nhất")
        where.setObjectName("pageSubtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(where)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.fields.name.setFocus()

    def job(self) -> Callable[[], Changes]:
        try:
            data = self.fields.value(self._parent_id)
        except ValidationError as error:
            return fail_later(error)
        return lambda: self._save(data)

    def show_field_error(self, error: ValidationError) -> bool:
        return self.fields.show_error(error)

    def clear_errors(self) -> None:
        self.fields.clear_errors()


class MoveDialog(ServiceDialog):
    """Choose a new superior organisation; the service refuses a move into its own subtree."""

    def __init__(self, org: Organization, tree: Sequence[tuple[Organization, int]],
                 move: Callable[[int, int | None], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Chuyển “{org.name}”", tasks, prompts, parent)
        self.save_button.setText("Chuyển")
        self._org = org
        self._move = move
        self.parent_choice = QComboBox()
        self.parent_choice.addItem(NO_PARENT_TEXT, None)
        for candidate, depth in tree:
            if candidate.id != org.id:
                self.parent_choice.addItem("    " * depth + candidate.name, candidate.id)
        self.choose(org.parent_id)
        self.form = FieldForm()
        self.form.add_row("parent_id", "Chuyển đến trực thuộc", self.parent_choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(QLabel(f"Chọn tổ chức cấp trên mới cho “{org.name}”."))
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def choose(self, parent_id: int | None) -> None:
        index = 0 if parent_id is None else self.parent_choice.findData(parent_id)
        self.parent_choice.setCurrentIndex(max(0, index))

    def job(self) -> Callable[[], Changes]:
        org_id, parent_id = self._org.id, self.parent_choice.currentData()
        return lambda: self._move(org_id, parent_id)

    def show_field_error(self, error: ValidationError) -> bool:
        return self.form.show_error("parent_id", error.message)

    def clear_errors(self) -> None:
        self.form.clear_errors()

