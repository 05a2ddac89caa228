"""The list + editor scaffolding of the oversight pages: a table, filters, Thêm / Sửa / Xóa.

The page gives the list its columns and three hooks: ``editor(record or None)`` returns the
dialog that adds or edits a record (a ``ServiceDialog``: "Lưu" runs on the worker, stays
open on a validation error, leaves ``changes`` when accepted), ``deleter(record)`` is the
service call that deletes one, and ``describe(record)`` names it in the question before
deleting. Filters narrow the rows in memory through ``set_predicate``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes
from ui.models.rows_table import Column, PredicateProxy, RowsTableModel, rows_view
from ui.prompts import Prompts
from ui.tasks import TaskRunner

Predicate = Callable[[Any], bool]


class RecordList(QWidget):
    """A table of records with Thêm / Sửa / Xóa; ``changed`` carries what a dialog or a delete stored."""

    changed = Signal(object)

    def __init__(self, noun: str, columns: Sequence[Column], tasks: TaskRunner, prompts: Prompts,
                 empty_text: str, sort_column: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self._tasks, self._prompts = tasks, prompts
        self.editor: Callable[[Any], QDialog | None] = lambda _record: None
        self.deleter: Callable[[Any], Changes] | None = None
        self.describe: Callable[[Any], str] = lambda _record: noun
        self.dialog: QDialog | None = None
        self.select_after_load: int | None = None
        self.model: RowsTableModel[Any] = RowsTableModel(columns, parent=self)
        self.proxy = PredicateProxy(self.model, parent=self)
        self.table = rows_view(self.proxy, height=260, sort_by=sort_column)
        self.add_button = _button("Thêm", f"Thêm {noun} (Ctrl+N)")
        self.edit_button = _button("Sửa", f"Sửa {noun} đang chọn (Enter)")
        self.delete_button = _button("Xóa", f"Xóa {noun} đang chọn")
        self.empty_hint = QLabel(empty_text)
        self.empty_hint.setObjectName("pageSubtitle")
        self.filters = QHBoxLayout()
        self._build()
        self._connect()

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addLayout(self.filters)
        row.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, context=Qt.ShortcutContext.WindowShortcut,
                  activated=self.add)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                  context=Qt.ShortcutContext.WidgetShortcut, activated=self.delete_selected)
        self._update_buttons()

    def add_filter(self, caption: str, widget: QWidget) -> None:
        self.filters.addWidget(QLabel(caption))
        self.filters.addWidget(widget)
        self.filters.addSpacing(8)

    # -- rows ----------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``, keeping the selected record (or the one just added) selected."""
        keep = self.select_after_load if self.select_after_load is not None else self.selected_id()
        self.model.set_rows(rows)
        self.select_after_load = None
        if keep is not None:
            self.select(keep)
        self._show_hint()

    def set_predicate(self, predicate: Predicate) -> None:
        self.proxy.set_predicate(predicate)
        self._show_hint()
        self._update_buttons()

    def shown(self) -> list[Any]:
        """The records the filters let through, in the order shown."""
        return self.proxy.shown()

    def selected(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def selected_id(self) -> int | None:
        record = self.selected()
        return None if record is None else int(record.id)

    def select(self, record_id: int) -> bool:
        row = self.model.find(lambda record: record.id == record_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _show_hint(self) -> None:
        self.empty_hint.setVisible(self.proxy.rowCount() == 0)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and self.deleter is not None)

    # -- actions ---------------------------------------------------------------------------------------
    def add(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        record = self.selected()
        if record is not None:
            self._open(record)

    def _open(self, record: Any) -> None:
        dialog = self.editor(record)
        if dialog is None:
            return
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._stored(getattr(dialog, "changes", None)))
        dialog.open()

    def _stored(self, changes: Changes | None) -> None:
        if changes is not None:
            if changes.ids:
                self.select_after_load = changes.ids[0]
            self.changed.emit(changes)

    def delete_selected(self) -> None:
        record, deleter = self.selected(), self.deleter
        if record is None or deleter is None:
            return
        if not self._prompts.confirm(f"Xóa {self.noun}", f"Xóa {self.describe(record)}?", "Xóa", "Hủy"):
            return
        self._tasks.call(lambda: deleter(record), self.changed.emit,
                         lambda exc: self._prompts.show_error(exc, f"xóa {self.noun}"))


def _button(text: str, tooltip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.setAutoDefault(False)
    return button


__all__ = ["Column", "Predicate", "RecordList"]
