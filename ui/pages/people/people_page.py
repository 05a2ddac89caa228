"""Cán bộ, đảng viên: the people table with search, filters, editing, import and export.

All people of the chosen year are loaded once through the task runner; the search box
and the filters then work on the rows in memory (see ``ui.models.people_table``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.domain.models import Changes, Organization, PeopleFilter, PersonRow
from khoi_desktop.services.app import Services
from ui.models.people_table import PeopleCriteria, PeopleTableModel
from ui.pages.common.filters import choice_combo, enum_choices
from ui.pages.common.org_combo import OrgCombo, org_labels
from ui.pages.common.reloads import Reloads
from ui.pages.people.import_wizard import ImportWizard
from ui.pages.people.people_actions import PeopleActions
from ui.pages.people.person_dialog import PersonDialog
from ui.prompts import Prompts
from ui.tasks import TaskRunner
from ui.widgets.table_fit import fit_columns

COLUMN_WIDTHS = (190, 95, 80, 150, 210, 170, 140, 120)  # the short ones fit their bold headings
STRETCHED = (0, 3, 4, 5)  # name, job, organisation, memberships share what the window has
EMPTY_LIST = "Chưa có ai trong danh sách. Bấm “Thêm mới” hoặc “Nhập từ Excel…” để bắt đầu."
YEARS_BACK = 15
# Window-wide while the page is on show: right after a click in the navigation the focus is still there.
_SHORTCUT = Qt.ShortcutContext.WindowShortcut


class PeoplePage(QWidget):
    """The page registered under "Cán bộ, đảng viên"."""

    status_changed = Signal(str)  # "Hiển thị 1.234/10.000 người"
    changed = Signal(object)  # Changes made from this page, for the other pages

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._organizations: list[Organization] = []
        self._reloads = Reloads(self.reload, self)
        self._scope_serial = 0
        self._scope: frozenset[int] | None = None
        self._select_after_load: int | None = None
        self.dialog: PersonDialog | None = None
        self.wizard: ImportWizard | None = None
        self.model = PeopleTableModel(self)
        self.actions = PeopleActions(self, services, tasks, prompts)
        self._build()
        self._connect()
        self.reload()

    # -- building -----------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel("Cán bộ, đảng viên")
        self.title.setObjectName("pageTitle")  # the same title as every other page
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm họ tên, số thẻ; gõ không dấu được (Ctrl+F)")  # whole in 380 px
        self.search.setClearButtonEnabled(True)
        self.organization = OrgCombo("Tất cả tổ chức")
        self.kind = choice_combo("Mọi tư cách", enum_choices(MembershipKind))
        self.status = choice_combo("Mọi trạng thái", enum_choices(PersonStatus))
        self.year = QComboBox()
        self.year.addItem("Năm: hiện nay", None)
        this_year = self._services.context.today().year
        for year in range(this_year, this_year - YEARS_BACK, -1):
            self.year.addItem(f"Năm {year}", year)
        self.show_retired = QCheckBox("Hiện cả người đã thôi theo dõi")
        self.new_button = QPushButton("Thêm mới")
        self.new_button.setToolTip("Thêm người mới (Ctrl+N)")
        self.edit_button = QPushButton("Sửa…")
        self.edit_button.setToolTip("Mở người đang chọn (Enter)")
        self.retire_button = QPushButton("Thôi theo dõi")
        self.retire_button.setToolTip("Thôi theo dõi người đang chọn (Delete); dữ liệu vẫn được giữ lại")
        self.restore_button = QPushButton("Theo dõi lại")
        self.import_button = QPushButton("Nhập từ Excel…")
        self.export_button = QPushButton("Xuất Excel…")
        self.empty_hint = QLabel(EMPTY_LIST)
        self.empty_hint.setStyleSheet("color: #555; padding: 6px 0;")
        self.empty_hint.hide()
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.title)
        layout.addLayout(self._button_row())
        layout.addLayout(self._filter_row())
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.retire_button, self.restore_button):
            row.addWidget(button)
        row.addSpacing(12)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        return row

    def _filter_row(self) -> QHBoxLayout:
        """The combos name themselves ("Tất cả tổ chức", "Mọi tư cách", …) so the row fits 1000 px."""
        row = QHBoxLayout()
        tips = ("Tổ chức (gồm cả các tổ chức trực thuộc)", "Tư cách", "Trạng thái",
                "Năm: tư cách đã có trong năm đó")
        for widget, tip in zip((self.organization, self.kind, self.status, self.year), tips, strict=True):
            widget.setToolTip(tip)
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
            row.addWidget(widget, 2 if widget is self.organization else 1)
        row.addWidget(self.show_retired)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(26)
        fit_columns(table, COLUMN_WIDTHS, STRETCHED)
        return table

    def _connect(self) -> None:
        self.search.textChanged.connect(self.model.set_search)
        self.organization.currentIndexChanged.connect(self._organization_changed)
        for combo in (self.kind, self.status):
            combo.currentIndexChanged.connect(self._apply_criteria)
        self.show_retired.toggled.connect(self._apply_criteria)
        self.year.currentIndexChanged.connect(self.reload)
        self.model.modelReset.connect(self._emit_status)
        self.model.modelReset.connect(self._show_empty_hint)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.search.returnPressed.connect(self._search_return)
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.open_selected)
        self.retire_button.clicked.connect(self.actions.retire_selected)
        self.restore_button.clicked.connect(self.actions.restore_selected)
        self.import_button.clicked.connect(self.open_import)
        self.export_button.clicked.connect(self.actions.export_shown)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.New, self.new_person)):
            QShortcut(QKeySequence(keys), self, context=_SHORTCUT, activated=slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut, activated=self.actions.retire_selected)
        self._update_buttons()

    # -- the page protocol ------------------------------------------------------------
    def status_text(self) -> str:
        cover = self._reloads.cover
        if cover is not None and cover.is_loading():
            return "Đang tải danh sách cán bộ, đảng viên…"  # not "Hiển thị 0/0 người" over an empty table
        return self.model.count_text()

    def on_changed(self, changes: Changes) -> None:
        """Reload when people or organisations changed (several calls in a row load once)."""
        if changes.people or changes.organizations:
            self.request_reload()

    def request_reload(self) -> None:
        self._reloads.request()

    def reload(self) -> None:
        """Load the organisations and every person of the chosen year, off the GUI thread."""
        serial, year, services = self._reloads.begin(), self.year.currentData(), self._services

        def job() -> tuple[list[Organization], list[PersonRow]]:
            orgs = services.organizations.all(include_retired=False)
            return orgs, with_org_labels(services.people.list(PeopleFilter(year=year, include_retired=True)), orgs)

        self._tasks.call(job, lambda loaded: self._loaded(serial, loaded),
                         self._reloads.failed(lambda exc: self._prompts.show_error(exc, "tải danh sách")))

    def _loaded(self, serial: int, loaded: tuple[list[Organization], list[PersonRow]]) -> None:
        if not self._reloads.is_current(serial):
            return
        self._organizations, rows = loaded
        self.organization.set_organizations(self._organizations)
        self._apply_criteria()
        self.model.set_rows(rows)
        self._show_empty_hint()
        if self._select_after_load is not None:
            self.select_person(self._select_after_load)
            self._select_after_load = None

    # -- filters ----------------------------------------------------------------------
    def _organization_changed(self) -> None:
        """Resolve the organisation and everything under it, then filter."""
        org_id = self.organization.current_id()
        self._scope_serial += 1
        serial = self._scope_serial
        if org_id is None:
            self._scope = None
            self._apply_criteria()
            return
        self._tasks.call(lambda: self._services.organizations.with_descendants(org_id),
                         lambda ids: self._scope_loaded(serial, ids),
                         lambda exc: self._prompts.show_error(exc, "lọc theo tổ chức"))

    def _scope_loaded(self, serial: int, ids: list[int]) -> None:
        if serial == self._scope_serial:
            self._scope = frozenset(ids)
            self._apply_criteria()

    def _apply_criteria(self) -> None:
        kind, status = self.kind.currentData(), self.status.currentData()
        self.model.set_criteria(PeopleCriteria(
            organization_ids=self._scope,
            membership_kind=MembershipKind(kind) if kind else None,
            status=PersonStatus(status) if status else None,
            include_retired=self.show_retired.isChecked(),
            with_membership_only=self.year.currentData() is not None,
        ))

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    # -- selection and actions ------------------------------------------------------------
    def selected_rows(self) -> list[PersonRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def current_row(self) -> PersonRow | None:
        index = self.table.currentIndex()
        if index.isValid():
            return self.model.row_at(index.row())
        selected = self.selected_rows()
        return selected[0] if selected else None

    def select_person(self, person_id: int) -> bool:
        row = self.model.row_of(person_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _show_empty_hint(self) -> None:
        """Say in words why the table is empty: nobody yet, or nobody matching the search/filters."""
        if self.model.total_count() == 0 and self.model.shown_count() == 0:
            text = EMPTY_LIST
        elif self.model.shown_count() == 0:
            typed = self.search.text().strip()
            text = (f"Không tìm thấy ai khớp với “{typed}”." if typed else
                    "Không có ai khớp với các lựa chọn lọc.") + " Hãy sửa từ tìm hoặc chọn lại bộ lọc."
        else:
            text = ""
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_return(self) -> None:
        if self.model.shown_count():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.retire_button.setEnabled(any(not row.retired for row in rows))
        self.restore_button.setVisible(self.show_retired.isChecked())
        self.restore_button.setEnabled(any(row.retired for row in rows))

    def new_person(self) -> None:
        self._open_dialog(None)

    def open_selected(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open_dialog(row.id)

    def _open_dialog(self, person_id: int | None) -> None:
        default_org = self.organization.current_id()
        self.dialog = PersonDialog(self._services, self._tasks, self._prompts, self._organizations,
                                   person_id, default_org, self)
        self.dialog.saved.connect(lambda saved: setattr(self, "_select_after_load", saved.person_id))
        self.dialog.changed.connect(self.announce)
        self.dialog.open()

    def open_import(self) -> None:
        self.wizard = ImportWizard(self._services, self._tasks, self._prompts, self._organizations,
                                   self.organization.current_id(), self)
        self.wizard.imported.connect(self.announce)
        self.wizard.open()

    def announce(self, changes: Changes) -> None:
        """Something was stored from this page: reload and tell the other pages."""
        self.request_reload()
        self.changed.emit(changes)

    def widget(self) -> QWidget:
        """The page itself, as the parent of the actions' dialogs."""
        return self

    def shown_rows(self) -> list[PersonRow]:
        return [self.model.row_at(i) for i in range(self.model.shown_count())]

    def scope_name(self) -> str:
        return self.organization.current_name() if self.organization.current_id() is not None else ""


def with_org_labels(rows: list[PersonRow], organizations: list[Organization]) -> list[PersonRow]:
    """Rows whose organisation's name repeats in the tree name the parent too (see :func:`org_labels`)."""
    labels = org_labels(organizations)
    return [row._replace(organization_name=labels[row.organization_id])
            if row.organization_id in labels and labels[row.organization_id] != row.organization_name else row
            for row in rows]
