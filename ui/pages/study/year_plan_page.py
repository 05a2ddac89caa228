"""Chủ đề năm, nội dung trọng tâm: an organisation's plan for a year, and those of the units below.

The theme (chủ đề năm, usually the superior's), the term theme, the unit's own focus content
and the documents the year's study rests on. A bloc office or a base committee enters the
theme once and offers it to every unit below ("Áp dụng chủ đề cho các đơn vị trực thuộc"):
units that already have their own text keep it. Double-clicking a unit opens its plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.study import PlanDocument, YearPlan, YearPlanInput
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.services.app import Services
from khoi_desktop.services.year_plans import ThemeOffered
from ui.forms import FieldForm
from ui.models.rows_table import INDENT, ROW_ROLE, Column, RowLook, RowsTableModel, fit_rows, rows_view
from ui.pages.common.meeting_widgets import TextBox, hint, small_button
from ui.pages.common.org_combo import tree_order
from ui.pages.common.year_scope import YearScopedPage, group_box
from ui.pages.study.plan_document_dialog import PlanDocumentDialog
from ui.prompts import Prompts
from ui.tasks import TaskRunner

OFFERING_KINDS = (OrgKind.BLOC, OrgKind.BASE_COMMITTEE)
TEXT_FIELDS = ("theme", "term_theme", "focus_content", "note")


@dataclass(frozen=True)
class PlanLine:
    """A unit below, with its plan for the year."""

    organization_id: int
    name: str
    depth: int
    plan: YearPlan


DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("Loại", lambda d: d.kind_label, width=110),
    Column("Số, ký hiệu", lambda d: d.number, width=120),
    Column("Ngày ban hành", lambda d: format_date(d.issued_on), width=110),
    Column("Trích yếu", lambda d: d.title, width=360),
    Column("Cơ quan ban hành", lambda d: d.issuer, width=180),
)
BELOW_COLUMNS: tuple[Column, ...] = (
    Column("Tổ chức", lambda p: INDENT * p.depth + p.name, tooltip=lambda p: p.name, width=320),
    Column("Chủ đề năm", lambda p: "Đã có" if p.plan.theme else "Chưa có", align="center", width=100),
    Column("Văn bản căn cứ", lambda p: format_number(len(p.plan.documents)), align="right", width=110),
    Column("Nội dung trọng tâm", lambda p: " ".join(p.plan.focus_content.split()) or "Chưa nhập",
           tooltip=lambda p: p.plan.focus_content or None, width=400),
)


def _below_look(line: PlanLine) -> RowLook:
    return RowLook(muted=not line.plan.focus_content, alert=not line.plan.theme)


class YearPlanPage(YearScopedPage):
    """The page registered under "Chủ đề năm, nội dung trọng tâm"."""

    TITLE = "Chủ đề năm, nội dung trọng tâm"
    SUBTITLE = ("Chủ đề năm của cấp trên, chủ đề toàn khóa, nội dung trọng tâm đơn vị tự chọn và các văn bản căn "
                "cứ (nghị quyết, chỉ thị, kế hoạch…) của việc học tập và làm theo trong năm.")
    DOING = "tải kế hoạch năm"

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__(services, tasks, prompts)
        self._plan: YearPlan | None = None
        self.document_dialog: PlanDocumentDialog | None = None
        self.theme = TextBox(2, "Ví dụ: Nêu gương về đạo đức và trách nhiệm thực thi công vụ")
        self.term_theme = TextBox(2, "Chủ đề toàn khóa của cấp trên")
        self.focus_content = TextBox(6, "Những việc đơn vị chọn làm trọng tâm trong năm", grow=True)
        self.note = TextBox(2)
        self.form = FieldForm()
        for field, label, box in (("theme", "Chủ đề năm", self.theme), ("term_theme", "Chủ đề toàn khóa",
                                                                         self.term_theme),
                                  ("focus_content", "Nội dung trọng tâm", self.focus_content),
                                  ("note", "Ghi chú", self.note)):
            self.form.add_row(field, label, box)
        self.documents_model = RowsTableModel(DOCUMENT_COLUMNS, parent=self)
        self.documents = rows_view(self.documents_model, 3)
        self.add_document_button = small_button("Thêm văn bản…", "Thêm một văn bản căn cứ")
        self.edit_document_button = small_button("Sửa…", "Sửa văn bản đang chọn")
        self.remove_document_button = small_button("Xóa", "Bỏ văn bản đang chọn khỏi danh sách")
        self.save_button = QPushButton("Lưu")
        self.revert_button = QPushButton("Hoàn tác")
        self.offer_button = QPushButton("Áp dụng chủ đề cho các đơn vị trực thuộc")
        self.offer_button.setToolTip("Đơn vị nào chưa có chủ đề năm, chủ đề toàn khóa hoặc văn bản căn cứ thì nhận "
                                     "của tổ chức này; nội dung đơn vị đã nhập được giữ nguyên.")
        self.below_model = RowsTableModel(BELOW_COLUMNS, _below_look, self)
        self.below = rows_view(self.below_model, 3, height=160)
        self.below_box = group_box("Các đơn vị trực thuộc", self.below,
                                   hint("Bấm đúp vào một đơn vị để mở kế hoạch năm của đơn vị đó."))
        self._build()
        self._connect()
        self.reload()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_document_button, self.edit_document_button, self.remove_document_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        holder = QWidget()
        holder.setLayout(buttons)
        self.body.addWidget(self.form)
        self.body.addWidget(group_box("Văn bản căn cứ", self.documents, holder))
        actions = QHBoxLayout()
        for button in (self.save_button, self.revert_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.offer_button)
        self.body.addLayout(actions)
        self.body.addWidget(self.below_box, 1)

    def _connect(self) -> None:
        self.add_document_button.clicked.connect(lambda: self.edit_document(None))
        self.edit_document_button.clicked.connect(lambda: self.edit_document(self._document_row()))
        self.documents.activated.connect(lambda _index: self.edit_document(self._document_row()))
        self.remove_document_button.clicked.connect(self.remove_document)
        self.save_button.clicked.connect(lambda: self.save())
        self.revert_button.clicked.connect(self._revert)
        self.offer_button.clicked.connect(self.offer_theme)
        self.below.activated.connect(self._open_unit)
        for box in (self.theme, self.term_theme, self.focus_content, self.note):
            box.textChanged.connect(self._update_buttons)
        self.documents.selectionModel().selectionChanged.connect(self._update_buttons)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, org_id: int, year: int) -> tuple[YearPlan, list[tuple[Organization, YearPlan]]]:
        plans = self._services.year_plans
        return plans.get(org_id, year), plans.plans_below(org_id, year)

    def reload_on(self, changes: Changes) -> bool:
        return changes.organizations

    def show_data(self, data: tuple[YearPlan, list[tuple[Organization, YearPlan]]]) -> None:
        plan, below = data
        same = self._plan is not None and (self._plan.organization_id, self._plan.year) == (plan.organization_id,
                                                                                             plan.year)
        if same and self.has_unsaved_changes():
            self._plan = plan  # another page changed something: keep what the clerk is typing
        else:
            self._fill(plan)
        plans = {org.id: unit_plan for org, unit_plan in below}
        lines = [PlanLine(org.id, org.name, depth - 1, plans[org.id])
                 for org, depth in tree_order([org for org, _ in below]) if org.id != plan.organization_id]
        self.below_model.set_rows(lines)
        self.below_box.setVisible(bool(lines))
        self._update_buttons()

    def _fill(self, plan: YearPlan) -> None:
        """Show ``plan`` in the fields (as loaded, or as last saved)."""
        self._plan = plan
        self.form.clear_errors()
        for field in TEXT_FIELDS:
            getattr(self, field).set_text(getattr(plan, field))
        self._set_documents(list(plan.documents))

    def summary_text(self) -> str:
        lines = self.below_model.rows()
        if not lines:
            return ""
        ready = sum(1 for line in lines if line.plan.theme)
        return f"{format_number(ready)}/{format_number(len(lines))} đơn vị trực thuộc đã có chủ đề năm"

    # -- editing -------------------------------------------------------------------------------------
    def current_input(self) -> YearPlanInput | None:
        if self._plan is None:
            return None
        texts = {field: getattr(self, field).text() for field in TEXT_FIELDS}
        return YearPlanInput(self._plan.organization_id, self._plan.year, documents=tuple(self.documents_model.rows()),
                             **texts)

    def has_unsaved_changes(self) -> bool:
        current = self.current_input()
        return current is not None and self._plan is not None and current != self._plan.to_input()

    def _document_row(self) -> int | None:
        index = self.documents.currentIndex()
        return index.row() if index.isValid() and self.documents.selectionModel().hasSelection() else None

    def edit_document(self, row: int | None) -> None:
        """Open the document dialog: a new one (``row`` None) or the one on that row."""
        initial = self.documents_model.row_at(row) if row is not None else None
        self.document_dialog = PlanDocumentDialog(initial, self)
        self.document_dialog.accepted.connect(lambda: self._document_accepted(row))
        self.document_dialog.open()

    def _document_accepted(self, row: int | None) -> None:
        assert self.document_dialog is not None and self.document_dialog.document is not None
        documents = self.documents_model.rows()
        if row is None:
            documents.append(self.document_dialog.document)
        else:
            documents[row] = self.document_dialog.document
        self._set_documents(documents)

    def remove_document(self) -> None:
        row = self._document_row()
        if row is not None:
            documents = self.documents_model.rows()
            del documents[row]
            self._set_documents(documents)

    def _set_documents(self, documents: list[PlanDocument]) -> None:
        self.documents_model.set_rows(documents)
        fit_rows(self.documents, len(documents), 6)
        self._update_buttons()

    def _revert(self) -> None:
        if self._plan is not None:
            self._fill(self._plan)

    def save(self, then: Callable[[Changes], None] | None = None) -> None:
        """Store the plan; ``then(changes)`` runs after a successful save."""
        data = self.current_input()
        if data is None:
            return
        self.form.clear_errors()
        self.save_button.setEnabled(False)
        plans = self._services.year_plans
        self._tasks.call(lambda: plans.save(data), lambda changes: self._saved(data, changes, then), self._save_failed)

    def _saved(self, data: YearPlanInput, changes: Changes, then: Callable[[Changes], None] | None) -> None:
        assert self._plan is not None
        self._plan = replace(self._plan, **{field: getattr(data, field) for field in TEXT_FIELDS},
                             documents=data.documents)
        self._update_buttons()
        self.announce(changes, f"Đã lưu kế hoạch năm {data.year}.")
        if then is not None:
            then(changes)

    def _save_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        if not (isinstance(exc, ValidationError) and self.form.show_error(exc.field, exc.message)):
            self._prompts.show_error(exc, "lưu kế hoạch năm")

    # -- offering the theme ------------------------------------------------------------------------------
    def offer_theme(self) -> None:
        """Save pending edits, then give the theme to every unit below that has none."""
        org, year = self.current_org(), self.year()
        if org is None or not self._prompts.confirm(
                "Áp dụng chủ đề năm", f"Chuyển chủ đề năm {year} của “{org.name}” cho các đơn vị trực thuộc chưa có "
                "chủ đề? Đơn vị đã tự nhập chủ đề, nội dung trọng tâm hay văn bản căn cứ được giữ nguyên.",
                "Áp dụng", "Hủy"):
            return
        if self.has_unsaved_changes():
            self.save(lambda _changes: self._offer(org.id, year))
        else:
            self._offer(org.id, year)

    def _offer(self, org_id: int, year: int) -> None:
        plans = self._services.year_plans
        self._tasks.call(lambda: plans.offer_theme_to_children(org_id, year), self._offered,
                         self.failed("áp dụng chủ đề cho các đơn vị trực thuộc"))

    def _offered(self, offered: ThemeOffered) -> None:
        self.announce(offered.changes, offered.text())
        self._prompts.inform("Áp dụng chủ đề năm", offered.text())

    # -- helpers ----------------------------------------------------------------------------------------
    def _open_unit(self, index: object) -> None:
        line: PlanLine = self.below_model.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if line is not None:
            self.choose(line.organization_id)

    def _update_buttons(self) -> None:
        loaded = self._plan is not None
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(loaded and dirty)
        self.revert_button.setEnabled(loaded and dirty)
        chosen = self._document_row() is not None
        self.edit_document_button.setEnabled(chosen)
        self.remove_document_button.setEnabled(chosen)
        org = self.current_org()
        self.offer_button.setVisible(org is not None and org.kind in OFFERING_KINDS)
        self.offer_button.setEnabled(bool(self.theme.text() or self.term_theme.text()))
        self.documents.setEnabled(loaded)

