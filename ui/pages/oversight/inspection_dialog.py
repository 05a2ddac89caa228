"""The editor of one inspection or supervision (kiểm tra, giám sát).

Who conducts it (the organisation and its body), the kind, the subject, the target
organisations ticked in the tree below the conducting one, the dates, the steps (plan →
notice → self-report → findings → conclusion, each with its date and document number) and
the conclusion. A step counts as done once it has a date or a document number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import InspectionKind, InspectionStep
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import STEP_ORDER, Inspection, InspectionInput, StepRecord
from ui.pages.common.org_combo import tree_order
from ui.pages.common.org_year_bar import subtree
from ui.pages.common.person_fields import DateField
from ui.pages.oversight.oversight_dialogs import RecordDialog, date_field, org_choice, text_box
from ui.prompts import Prompts
from ui.service_dialog import read_date
from ui.tasks import TaskRunner

BODIES = ("Ban Thường vụ Đảng ủy", "Ủy ban Kiểm tra Đảng ủy", "Ban Chấp hành Đảng bộ", "Chi ủy", "Chi bộ")


class TargetTree(QTreeWidget):
    """The organisations below the conducting one, each with a tick box; ``chosen`` names the ticked ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setMinimumHeight(150)
        self.setMaximumHeight(220)
        self.chosen = QLabel("")
        self.chosen.setWordWrap(True)
        self.itemChanged.connect(lambda _item, _column: self._show_chosen())

    def fill(self, organizations: Sequence[Organization], root_id: int | None, checked: set[int]) -> None:
        """The tree under ``root_id`` (itself left out); ``checked`` ticked where still present."""
        self.clear()
        below = [org for org in subtree(organizations, root_id) if org.id != root_id]
        items: dict[int, QTreeWidgetItem] = {}
        for org, _depth in tree_order(below):  # parents before their children
            item = QTreeWidgetItem([org.name])
            item.setData(0, Qt.ItemDataRole.UserRole, org.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if org.id in checked else Qt.CheckState.Unchecked)
            holder = items.get(org.parent_id) if org.parent_id is not None else None
            if holder is not None:
                holder.addChild(item)
            else:
                self.addTopLevelItem(item)
            items[org.id] = item
        self.expandAll()
        self._show_chosen()
        self.show_first_chosen()

    def show_first_chosen(self) -> None:
        first = next((item for item in self._items() if item.checkState(0) == Qt.CheckState.Checked), None)
        if first is not None:
            self.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.show_first_chosen()  # the viewport has its size only now

    def _show_chosen(self) -> None:
        names = [item.text(0) for item in self._items() if item.checkState(0) == Qt.CheckState.Checked]
        self.chosen.setText(f"Đã chọn {len(names)}: {'; '.join(names)}" if names else "Chưa chọn tổ chức nào.")

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(int(item.data(0, Qt.ItemDataRole.UserRole)) for item in self._items()
                     if item.checkState(0) == Qt.CheckState.Checked)

    def set_checked(self, org_id: int, checked: bool = True) -> bool:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == org_id:
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return True
        return False


class StepsGrid(QWidget):
    """One line per step: its name, the date it was done, the number of its document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dates: dict[InspectionStep, DateField] = {}
        self.numbers: dict[InspectionStep, QLineEdit] = {}
        self._notes: dict[InspectionStep, str] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for column, text in enumerate(("Bước", "Ngày thực hiện", "Số văn bản")):
            head = QLabel(text)
            head.setObjectName("fieldHint")
            grid.addWidget(head, 0, column)
        for row, step in enumerate(STEP_ORDER, start=1):
            grid.addWidget(QLabel(f"{row}. {step.label}"), row, 0)
            self.dates[step], self.numbers[step] = DateField(), QLineEdit()
            self.numbers[step].setPlaceholderText("Ví dụ: 05-KH/ĐUK")
            grid.addWidget(self.dates[step], row, 1)
            grid.addWidget(self.numbers[step], row, 2)
        grid.setColumnStretch(2, 1)

    def load(self, steps: Sequence[StepRecord]) -> None:
        for record in steps:
            self.dates[record.step].set_date(record.done_on)
            self.numbers[record.step].setText(record.document_number)
            self._notes[record.step] = record.note

    def value(self) -> tuple[StepRecord, ...]:
        """The steps that have a date or a document number (a malformed date: ValidationError 'steps')."""
        records = []
        for step in STEP_ORDER:
            done_on, number = read_date(self.dates[step], "steps"), self.numbers[step].text().strip()
            if done_on or number or self._notes.get(step):
                records.append(StepRecord(step, done_on, number, self._notes.get(step, "")))
        return tuple(records)


class InspectionDialog(RecordDialog):
    """Add or edit one inspection or supervision of ``year``."""

    def __init__(self, inspection: Inspection | None, organizations: Sequence[Organization], org_id: int,
                 year: int, save: Callable[[InspectionInput], Changes], tasks: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__("Sửa cuộc kiểm tra, giám sát" if inspection else "Thêm cuộc kiểm tra, giám sát", save,
                         tasks, prompts, parent)
        self.setMinimumWidth(760)
        self._organizations = list(organizations)
        self._year = inspection.year if inspection else year
        self.conducting = org_choice(organizations, inspection.conducting_org_id if inspection else org_id)
        self.conductor = QComboBox()
        self.conductor.setEditable(True)
        self.conductor.addItems(("", *BODIES))
        self.conductor.lineEdit().setPlaceholderText("Ví dụ: Ủy ban Kiểm tra Đảng ủy Khối")
        self.kind = QComboBox()
        for kind in InspectionKind:
            self.kind.addItem(kind.label, kind.value)
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(f"Ví dụ: Việc thực hiện chủ đề năm {self._year}")
        self.on_theme = QCheckBox(f"Kiểm tra, giám sát việc thực hiện chủ đề năm {self._year}")
        self.on_theme.setObjectName("onTheme")
        self.targets = TargetTree()
        self.start, self.end = date_field(), date_field()
        self.steps = StepsGrid()
        self.conclusion = text_box(80)
        self._place_fields()
        self._load(inspection)
        self.conducting.currentIndexChanged.connect(self._conducting_changed)
        self.finish(f"Năm {self._year}. Đối tượng là các tổ chức trực thuộc tổ chức tiến hành.")
        self.subject.setFocus()

    def _place_fields(self) -> None:
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        for caption, field in (("Từ ngày", self.start), ("đến ngày", self.end)):
            row.addWidget(QLabel(caption))
            row.addWidget(field)
        row.addStretch(1)
        targets = QWidget()
        column = QVBoxLayout(targets)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.targets)
        column.addWidget(self.targets.chosen)
        for field, label, widget, hint in (
            ("conducting_org_id", "Tổ chức tiến hành", self.conducting, ""),
            ("conductor", "Chủ thể", self.conductor, "Cơ quan trực tiếp tiến hành (không bắt buộc)."),
            ("kind", "Hình thức", self.kind, ""), ("subject", "Nội dung", self.subject, ""),
            ("on_theme", "Chủ đề năm", self.on_theme,
             "Báo cáo năm ghi riêng số cuộc về chủ đề năm và tổng số cuộc."),
            ("target_ids", "Đối tượng", targets, "Đánh dấu các tổ chức được kiểm tra, giám sát."),
            ("start_date", "Thời gian", dates, ""), ("steps", "Các bước", self.steps, ""),
            ("conclusion", "Kết luận", self.conclusion, ""),
        ):
            self.form.add_row(field, label, widget, hint)

    def _load(self, inspection: Inspection | None) -> None:
        checked = {t.organization_id for t in inspection.targets} if inspection else set()
        self.targets.fill(self._organizations, self.conducting.current_id(), checked)
        if inspection is None:
            return
        self.conductor.setCurrentText(inspection.conductor)
        self.kind.setCurrentIndex(self.kind.findData(inspection.kind.value))
        self.subject.setText(inspection.subject)
        self.on_theme.setChecked(inspection.on_theme)
        self.start.set_date(inspection.start_date)
        self.end.set_date(inspection.end_date)
        self.steps.load(inspection.steps)
        self.conclusion.setPlainText(inspection.conclusion)

    def show_field_error(self, error: ValidationError) -> bool:
        """The end date's message goes under the dates' row (both dates share it)."""
        field = "start_date" if error.field == "end_date" else error.field
        return self.form.show_error(field, error.message)

    def _conducting_changed(self) -> None:
        self.targets.fill(self._organizations, self.conducting.current_id(), set(self.targets.checked_ids()))

    def value(self) -> InspectionInput:
        return InspectionInput(
            year=self._year, conducting_org_id=int(self.conducting.current_id() or 0),
            kind=InspectionKind(self.kind.currentData()), subject=self.subject.text(),
            target_ids=self.targets.checked_ids(), conductor=self.conductor.currentText(),
            start_date=read_date(self.start, "start_date"), end_date=read_date(self.end, "end_date"),
            steps=self.steps.value(), conclusion=self.conclusion.toPlainText(),
            on_theme=self.on_theme.isChecked(),
        )
