"""Tổ chức: the organisation tree (bloc → base organisations → branches) and its changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.services.app import Services
from ui.pages.common.loading import LoadingCover
from ui.pages.common.page_frame import button_row, titled_column
from ui.pages.organizations.organization_dialogs import MoveDialog, OrganizationDialog, child_defaults
from ui.pages.organizations.term_dialog import TermDialog
from ui.prompts import Prompts
from ui.tasks import TaskRunner

COLUMNS = ("Tên tổ chức", "Loại", "Ký hiệu", "Địa danh", "Trạng thái")
RETIRED_COLOR = QColor("#8a949e")
ID_ROLE = Qt.ItemDataRole.UserRole


class OrganizationTree(QTreeWidget):
    """The tree itself; Delete asks to retire the selected organisation."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class OrganizationsPage(QWidget):
    changed = Signal(object)
    status_changed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__()
        self._services = services
        self._tasks = tasks
        self._prompts = prompts
        self._orgs: dict[int, Organization] = {}
        self._status = ""
        self._own_change: Changes | None = None
        self.active_dialog: QDialog | None = None
        self.loading = LoadingCover(self)
        self.tree = OrganizationTree()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.show_retired = QCheckBox("Hiện cả tổ chức đã thôi theo dõi")
        self.show_retired.toggled.connect(lambda _on: self._fill(self.selected_id()))
        self._build_layout()
        self.tree.itemActivated.connect(lambda _item, _column: self.edit_selected())
        self.tree.delete_pressed.connect(self.retire_selected)
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.reload()

    # Layout

    def _build_layout(self) -> None:
        self.add_button = self._button("Thêm tổ chức trực thuộc", self.add_child, QKeySequence.StandardKey.New)
        self.edit_button = self._button("Sửa…", self.edit_selected)
        self.move_button = self._button("Chuyển…", self.move_selected)
        self.retire_button = self._button("Thôi theo dõi", self.retire_selected)
        self.restore_button = self._button("Theo dõi lại", self.restore_selected)
        self.terms_button = self._button("Nhiệm kỳ…", self.edit_terms)
        layout = titled_column(self, "Tổ chức", "Khối, đảng bộ cơ sở và các chi bộ trực thuộc. Enter: sửa tổ chức "
                               "đang chọn; Ctrl+N: thêm tổ chức trực thuộc; Delete: thôi theo dõi.")
        layout.addLayout(button_row(self.add_button, self.edit_button, self.move_button, self.retire_button,
                                    self.restore_button, self.terms_button))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.show_retired)

    def _button(self, text: str, slot: Callable[[], None],
                shortcut: QKeySequence.StandardKey | None = None) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if shortcut is not None:
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # also with the focus in the navigation
            action.triggered.connect(slot)
            self.addAction(action)
            button.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        return button

    # Loading

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        self.loading.start()
        self._tasks.call(lambda: self._services.organizations.all(include_retired=True),
                         self.loading.then(lambda orgs: self._loaded(orgs, keep)),
                         self.loading.then(lambda exc: self._prompts.show_error(exc, "tải danh sách tổ chức")))

    def _loaded(self, orgs: list[Organization], select_id: int | None) -> None:
        self._orgs = {org.id: org for org in orgs}
        self._fill(select_id)

    def _fill(self, select_id: int | None) -> None:
        self.tree.clear()
        for item in self._items(None, self._children_map()):
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self._select(select_id)
        self._update_buttons()
        self._set_status(self._count_text())

    def _children_map(self) -> dict[int | None, list[Organization]]:
        return _children_by_parent(self.shown_organizations())

    def _items(self, parent_id: int | None,
               children: dict[int | None, list[Organization]]) -> Iterator[QTreeWidgetItem]:
        for org in children.get(parent_id, []):
            item = _item(org)
            item.addChildren(list(self._items(org.id, children)))
            yield item

    def shown_organizations(self) -> list[Organization]:
        everyone = list(self._orgs.values())
        if self.show_retired.isChecked():
            return everyone
        return [org for org in everyone if org.retired_on is None]

    def _select(self, org_id: int | None) -> None:
        target = self._find_item(org_id) if org_id is not None else None
        if target is None and self.tree.topLevelItemCount():
            target = self.tree.topLevelItem(0)
        if target is not None:
            self.tree.setCurrentItem(target)

    def _find_item(self, org_id: int) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.data(0, ID_ROLE) == org_id:
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    def _count_text(self) -> str:
        retired = sum(1 for org in self._orgs.values() if org.retired_on is not None)
        text = f"{format_number(len(self._orgs) - retired)} tổ chức đang theo dõi"
        return text + (f", {format_number(retired)} đã thôi theo dõi" if retired else "")

    # Selection

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def selected_org(self) -> Organization | None:
        org_id = self.selected_id()
        return self._orgs.get(org_id) if org_id is not None else None

    def select(self, org_id: int) -> None:
        self._select(org_id)

    def _update_buttons(self) -> None:
        org = self.selected_org()
        active = org is not None and org.retired_on is None
        self.add_button.setEnabled(org is None or active)
        self.edit_button.setEnabled(org is not None)
        self.move_button.setEnabled(active)
        self.retire_button.setEnabled(active)
        self.restore_button.setEnabled(org is not None and not active)
        self.terms_button.setEnabled(active)

    # Actions

    def add_child(self) -> None:
        parent = self.selected_org()
        if parent is not None and parent.retired_on is not None:
            return
        dialog = OrganizationDialog("Thêm tổ chức", child_defaults(parent), parent.name if parent else "",
                                    self._services.organizations.create, self._tasks, self._prompts, self)
        self._open(dialog)

    def edit_selected(self) -> None:
        org = self.selected_org()
        if org is None:
            return
        parent = self._orgs.get(org.parent_id) if org.parent_id is not None else None
        organizations = self._services.organizations
        dialog = OrganizationDialog(f"Sửa “{org.name}”", org, parent.name if parent else "",
                                    lambda data: organizations.update(org.id, data),
                                    self._tasks, self._prompts, self)
        self._open(dialog)

    def move_selected(self) -> None:
        org = self.selected_org()
        if org is None or org.retired_on is not None:
            return
        dialog = MoveDialog(org, self._tree_order(), self._services.organizations.move,
                            self._tasks, self._prompts, self)
        self._open(dialog)

    def retire_selected(self) -> None:
        org = self.selected_org()
        if org is None or org.retired_on is not None:
            return
        day = format_date(self._services.context.today())
        question = (f"Thôi theo dõi “{org.name}” từ ngày {day}?\n\n"
                    "Hồ sơ, đảng viên và các buổi sinh hoạt đã ghi vẫn được giữ để tra cứu; "
                    "có thể theo dõi lại bất cứ lúc nào.")
        if not self._prompts.confirm("Thôi theo dõi tổ chức", question, "Thôi theo dõi", "Hủy"):
            return
        self._run(lambda: self._services.organizations.retire(org.id), "thôi theo dõi tổ chức")

    def restore_selected(self) -> None:
        org = self.selected_org()
        if org is None or org.retired_on is None:
            return
        self._run(lambda: self._services.organizations.restore(org.id), "theo dõi lại tổ chức")

    def edit_terms(self) -> None:
        """Load the selected organisation's terms on the worker, then show them with an add form."""
        org = self.selected_org()
        if org is None or org.retired_on is not None:
            return
        organizations = self._services.organizations

        def show(terms: list[dict]) -> None:
            self._open(TermDialog(org, terms, organizations.add_term, self._tasks, self._prompts, self,
                                  update_term=organizations.update_term))

        self._tasks.call(lambda: organizations.terms(org.id), show,
                         lambda exc: self._prompts.show_error(exc, "đọc nhiệm kỳ"))

    def _run(self, job: Callable[[], Changes], doing: str) -> None:
        self._tasks.call(job, self._after_change, lambda exc: self._prompts.show_error(exc, doing))

    def _open(self, dialog: QDialog) -> None:
        """Window-modal but not blocking, so tests can drive the dialog's widgets."""
        self.active_dialog = dialog
        dialog.accepted.connect(lambda: self._after_change(getattr(dialog, "changes", None)))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def _after_change(self, changes: Changes | None) -> None:
        if changes is None:
            return
        self._own_change = changes
        self.reload(changes.ids[0] if changes.ids else None)
        self.changed.emit(changes)

    def on_changed(self, changes: Changes) -> None:
        """Another page changed something; reload when organisations are involved."""
        if changes.organizations and changes is not self._own_change:
            self.reload()

    def _tree_order(self) -> list[tuple[Organization, int]]:
        """Active organisations in tree order with their depth (for the move dialog)."""
        children = _children_by_parent([org for org in self._orgs.values() if org.retired_on is None])
        order: list[tuple[Organization, int]] = []

        def walk(parent_id: int | None, depth: int) -> None:
            for org in children.get(parent_id, []):
                order.append((org, depth))
                walk(org.id, depth + 1)

        walk(None, 0)
        return order

    # Status

    def status_text(self) -> str:
        return self._status

    def _set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)


def _children_by_parent(orgs: list[Organization]) -> dict[int | None, list[Organization]]:
    """Each organisation under its parent; one whose parent is not in ``orgs`` is a root.

    Walking from the roots can never loop: the service refuses moves that make a cycle.
    """
    ids = {org.id for org in orgs}
    children: dict[int | None, list[Organization]] = defaultdict(list)
    for org in orgs:  # already in sort order, Vietnamese collation
        children[org.parent_id if org.parent_id in ids else None].append(org)
    return children


def _item(org: Organization) -> QTreeWidgetItem:
    status = f"Thôi theo dõi từ {format_date(org.retired_on)}" if org.retired_on else "Đang theo dõi"
    item = QTreeWidgetItem([org.name, org.kind.label, org.doc_code, org.place_name, status])
    item.setData(0, ID_ROLE, org.id)
    item.setToolTip(0, org.agency_name or org.name)
    if org.retired_on is not None:
        font = QFont(item.font(0))
        font.setItalic(True)
        for column in range(len(COLUMNS)):
            item.setForeground(column, QBrush(RETIRED_COLOR))
            item.setFont(column, font)
    return item
