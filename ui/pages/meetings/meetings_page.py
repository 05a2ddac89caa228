"""Sinh hoạt, hội nghị: the meetings of an organisation (with those under it) in a year.

"Thêm" creates a meeting from a template of the chosen kind; "Mở" (Enter, double-click)
shows it in the editor in place of the list; "Xóa" deletes it unless a numbered document
was printed from it (the service refuses, and says why). "Loại" narrows the list to one kind
of meeting; a click on an overview figure opens the list through :meth:`MeetingsPage.apply_filter`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import MeetingRow
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.services.app import Services
from khoi_desktop.services.meetings import MeetingSaved
from khoi_desktop.services.overview import ListFilter
from ui.models.meetings_table import COLUMNS, ID_ROLE, SORT_ROLE, MeetingsTableModel
from ui.models.rows_table import PredicateProxy, rows_view
from ui.pages.common.filters import choice_combo, choose_code, enum_choices
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.reloads import Reloads
from ui.pages.meetings.meeting_editor import MeetingEditor
from ui.pages.meetings.meeting_new import NewMeetingDialog
from ui.pages.meetings.meeting_print import Opener, Printer, print_pdf
from ui.pages.meetings.meeting_templates import TemplatesDialog
from ui.prompts import Prompts
from ui.tasks import TaskRunner

COLUMN_WIDTHS = (95, 190, 250, 420)
TITLE_COLUMN = 3  # fills the width left
EMPTY_TEXT = "Chưa có buổi sinh hoạt nào trong năm đã chọn. Bấm “Thêm” để bắt đầu."
YEARS_BACK = 10
LIST, EDITOR = range(2)


class MeetingsPage(QWidget):
    """The page registered under "Sinh hoạt, hội nghị"."""

    status_changed = Signal(str)
    changed = Signal(object)  # Changes made from this page, for the other pages

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, *,
                 opener: Opener | None = None, printer: Printer = print_pdf,
                 preview_dir: Path | None = None) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._organizations: list[Organization] = []
        self._reloads = Reloads(self.reload, self)
        self._select_after_load: int | None = None
        self._wanted_org: int | None = None  # asked for before the organisations were loaded
        self.filter_note = ""  # what an overview figure's list is, while it is on show
        self.dialog: NewMeetingDialog | None = None
        self.templates_dialog: TemplatesDialog | None = None
        self.model = MeetingsTableModel(self)
        self.proxy = PredicateProxy(self.model, SORT_ROLE, self)
        self.editor = MeetingEditor(services, tasks, prompts, opener=opener, printer=printer,
                                    preview_dir=preview_dir)
        self.stack = QStackedWidget()
        self._build()
        self._connect()
        self.reload()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Sinh hoạt, hội nghị")
        title.setObjectName("pageTitle")
        self.organization = OrgCombo("Tất cả tổ chức")
        self.year = QComboBox()
        this_year = self._services.context.today().year
        for year in range(this_year, this_year - YEARS_BACK, -1):
            self.year.addItem(f"Năm {year}", year)
        self.year.addItem("Mọi năm", None)
        self.kind = choice_combo("Mọi loại", enum_choices(MeetingKind))
        self.new_button = _button("Thêm", "Thêm buổi sinh hoạt, hội nghị từ mẫu chương trình (Ctrl+N)")
        self.open_button = _button("Mở", "Mở buổi đang chọn (Enter)")
        self.delete_button = _button("Xóa", "Xóa buổi đang chọn (không xóa được khi đã in văn bản có số)")
        self.templates_button = _button("Mẫu chương trình…",
                                        "Sửa các mẫu chương trình mà buổi sinh hoạt mới bắt đầu từ đó")
        self.empty_hint = QLabel(EMPTY_TEXT)
        self.empty_hint.setObjectName("pageSubtitle")
        self.table = self._build_table()
        list_panel = QWidget()
        column = QVBoxLayout(list_panel)
        column.setContentsMargins(16, 12, 16, 8)
        column.addWidget(title)
        column.addLayout(self._filters_row())
        column.addLayout(self._buttons_row())  # a row of its own: one row would not fit 1366 × 768
        column.addWidget(self.empty_hint)
        column.addWidget(self.table, 1)
        self.stack.addWidget(list_panel)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _filters_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for caption, widget in (("Tổ chức:", self.organization), ("Năm:", self.year), ("Loại:", self.kind)):
            row.addWidget(QLabel(caption))
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _buttons_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.templates_button)
        return row

    def _build_table(self) -> QTableView:
        table = rows_view(self.proxy, TITLE_COLUMN, sort_by=0, descending=True)
        header = table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(len(COLUMNS) - 1, 110)
        return table

    def _connect(self) -> None:
        self.organization.currentIndexChanged.connect(self._choice_changed)
        self.year.currentIndexChanged.connect(self._choice_changed)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.templates_button.clicked.connect(self.edit_templates)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.editor.closed.connect(self.show_list)
        self.editor.changed.connect(self.announce)
        self.editor.status_changed.connect(self.status_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, context=Qt.ShortcutContext.WindowShortcut,
                  activated=self.new_meeting)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut, activated=self.delete_selected)
        self._update_buttons()

    # -- the page protocol ---------------------------------------------------------------------------
    def status_text(self) -> str:
        if self.stack.currentIndex() == EDITOR:
            return ""
        count = f"{format_number(self.proxy.rowCount())} buổi sinh hoạt, hội nghị"
        return f"{self.filter_note} — {count}" if self.filter_note else count

    def has_unsaved_changes(self) -> bool:
        """True while an open meeting has edits not yet stored with "Lưu"."""
        return self.stack.currentIndex() == EDITOR and self.editor.is_dirty()

    def on_changed(self, changes: Changes) -> None:
        """Reload the list after meetings, attendance, people or organisations changed."""
        if changes.meetings or changes.attendance or changes.people or changes.organizations:
            self.request_reload()
        if (changes.people or changes.organizations) and self.stack.currentIndex() == EDITOR:
            self.editor.attendance.reload()

    def request_reload(self) -> None:
        """Reload soon (several requests load once); while a meeting is open, when back at the list."""
        if self.stack.currentIndex() == EDITOR:
            return  # the list is read again when the clerk goes back to it
        self._reloads.request()

    def reload(self) -> None:
        """The organisations, then the meetings of the chosen one (and those under it) in the year."""
        serial, year, services = self._reloads.begin(), self.year.currentData(), self._services
        org_id = self._wanted_org if self._wanted_org is not None else self.organization.current_id()

        def job() -> tuple[list[Organization], list[MeetingRow], int | None]:
            organizations = services.organizations.all(include_retired=False)
            scope = tuple(services.organizations.with_descendants(org_id)) if org_id is not None else None
            return organizations, services.meetings.list(scope, year), services.meetings.first_year()

        self._tasks.call(job, lambda loaded: self._loaded(serial, loaded),
                         self._reloads.failed(lambda exc: self._prompts.show_error(exc, "tải danh sách buổi sinh hoạt")))

    def _loaded(self, serial: int, loaded: tuple[list[Organization], list[MeetingRow], int | None]) -> None:
        if not self._reloads.is_current(serial):
            return
        self._organizations, rows, first_year = loaded
        self._fill_organizations()
        self._extend_years(first_year)
        keep = self.selected_id() if self._select_after_load is None else self._select_after_load
        self.model.set_rows(rows)
        self._show_hint()
        if keep is not None:
            self.select_meeting(keep)
        self._select_after_load = None
        if self.stack.currentIndex() == LIST:
            self.status_changed.emit(self.status_text())

    def _extend_years(self, first_year: int | None) -> None:
        """List every year back to the first one with a meeting (old data starts before the last ten)."""
        if first_year is None:
            return
        with QSignalBlocker(self.year):
            for year in range(self.year.itemData(self.year.count() - 2) - 1, first_year - 1, -1):
                if self.year.findData(year) < 0:
                    self.year.insertItem(self.year.count() - 1, f"Năm {year}", year)

    def _fill_organizations(self) -> None:
        """Refill the box; an organisation asked for before it was listed is chosen now, quietly."""
        wanted, self._wanted_org = self._wanted_org, None
        if wanted is None:
            self.organization.set_organizations(self._organizations)
            return
        with QSignalBlocker(self.organization):  # the rows were read for it already
            self.organization.set_organizations(self._organizations)
            found = self.organization.select_id(wanted)
        if not found:
            self.request_reload()  # no longer followed: show what the box shows

    # -- filters ----------------------------------------------------------------------------------------
    def apply_filter(self, list_filter: ListFilter) -> None:
        """The meetings behind an overview figure: its organisation (with those under it), year and kind."""
        if self.stack.currentIndex() == EDITOR:
            self.editor.request_close()
            if self.stack.currentIndex() == EDITOR:
                return  # the clerk stays with the unsaved meeting
        with QSignalBlocker(self.organization), QSignalBlocker(self.year):  # one reload, below
            listed = self.organization.select_id(list_filter.organization_id)
            self._wanted_org = None if listed else list_filter.organization_id  # else chosen once loaded
            if self.year.findData(list_filter.year) < 0:
                self.year.insertItem(self.year.count() - 1, f"Năm {list_filter.year}", list_filter.year)
            self.year.setCurrentIndex(self.year.findData(list_filter.year))
        choose_code(self.kind, dict(list_filter.criteria).get("kind"), quietly=True)
        self.filter_note = list_filter.description
        self._narrow()
        self.request_reload()

    def _choice_changed(self) -> None:
        self.filter_note = ""
        self.request_reload()

    def _kind_chosen(self) -> None:
        self.filter_note = ""
        self._narrow()

    def _narrow(self) -> None:
        kind = self.kind.currentData()
        self.proxy.set_predicate(lambda row: kind is None or row.kind.value == kind)
        self._show_hint()
        if self.stack.currentIndex() == LIST:
            self.status_changed.emit(self.status_text())

    def _show_hint(self) -> None:
        if self.model.rowCount() and not self.proxy.rowCount():
            self.empty_hint.setText("Không có buổi nào thuộc loại đã chọn. Chọn “Mọi loại” để xem tất cả.")
        else:
            self.empty_hint.setText(EMPTY_TEXT)
        self.empty_hint.setVisible(not self.proxy.rowCount())

    # -- selection --------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return int(self.proxy.index(index.row(), 0).data(ID_ROLE))

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.model.row_of(meeting_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False  # not of the kind shown
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- actions ------------------------------------------------------------------------------------------
    def new_meeting(self) -> None:
        self.dialog = NewMeetingDialog(self._services, self._tasks, self._prompts, self._organizations,
                                       self.organization.current_id(), self)
        self.dialog.created.connect(self._created)
        self.dialog.open()

    def edit_templates(self) -> None:
        self.templates_dialog = TemplatesDialog(self._services, self._tasks, self._prompts, self)
        self.templates_dialog.changed.connect(self.changed)
        self.templates_dialog.open()

    def _created(self, saved: MeetingSaved) -> None:
        self._select_after_load = saved.meeting_id
        self.announce(saved.changes)
        self.open_meeting(saved.meeting_id)

    def open_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def open_meeting(self, meeting_id: int) -> None:
        """Show the meeting in the editor, on its first tab."""
        self.editor.tabs.setCurrentIndex(0)
        self.editor.load(meeting_id)
        self.stack.setCurrentIndex(EDITOR)
        self.status_changed.emit("")

    def show_list(self) -> None:
        self.stack.setCurrentIndex(LIST)
        self.request_reload()
        self.table.setFocus()

    def delete_selected(self) -> None:
        meeting_id = self.selected_id()
        row = self.model.row_at(self.model.row_of(meeting_id)) if meeting_id is not None else None
        if row is None or not self._prompts.confirm(
                "Xóa buổi sinh hoạt", f"Xóa {row.kind.label.lower()} ngày {format_date(row.date)} của "
                f"{row.organization_name} cùng điểm danh, nội dung và biểu quyết?", "Xóa", "Hủy"):
            return
        meetings = self._services.meetings
        self._tasks.call(lambda: meetings.delete(row.id), self._deleted,
                         lambda exc: self._prompts.show_error(exc, "xóa buổi sinh hoạt"))

    def _deleted(self, changes: Changes) -> None:
        self.announce(changes)
        self.status_changed.emit("Đã xóa buổi sinh hoạt.")

    def announce(self, changes: Changes) -> None:
        """Something was stored from this page: reload the list and tell the other pages."""
        self.request_reload()
        self.changed.emit(changes)


def _button(text: str, tooltip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    return button
