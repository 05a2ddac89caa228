"""Mẫu chương trình: the agendas new meetings start from, one template per line of business.

The clerk adds, edits (kind, name, one agenda item per line) and deletes templates; when a
kind has no template left, the built-in order of business is used.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import MeetingTemplate
from khoi_desktop.domain.models import Changes
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import TextBox
from ui.prompts import Prompts
from ui.tasks import TaskRunner


class TemplatesDialog(QDialog):
    """Opened with ``open()``; ``changed`` after each stored change."""

    changed = Signal(object)  # Changes

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._templates: list[MeetingTemplate] = []
        self._editing: int | None = None  # the id shown in the form (None: a new template)
        self.setWindowTitle("Mẫu chương trình sinh hoạt")
        self.resize(900, 560)
        self.list = QListWidget()
        self.list.setMinimumWidth(300)
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind.value)
        self.name = QLineEdit()
        self.agenda = TextBox(12, "Mỗi dòng một nội dung", grow=True)
        self.form = FieldForm()
        self.form.add_row("kind", "Loại", self.kind)
        self.form.add_row("name", "Tên mẫu", self.name)
        self.form.add_row("agenda", "Chương trình", self.agenda, "Mỗi dòng một nội dung, theo thứ tự.")
        self.new_button, self.save_button = QPushButton("Thêm"), QPushButton("Lưu")
        self.delete_button, self.close_button = QPushButton("Xóa"), QPushButton("Đóng")
        for button in (self.new_button, self.delete_button, self.close_button):
            button.setAutoDefault(False)  # else Enter in "Tên mẫu" means "Thêm" and drops what was typed
        self.save_button.setDefault(True)
        self._build()
        self.list.currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.new_template)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.close_button.clicked.connect(self.accept)
        self.reload()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

    def reload(self, select_id: int | None = None) -> None:
        templates = self._services.templates
        self._tasks.call(lambda: templates.list(), lambda loaded: self._loaded(loaded, select_id),
                         lambda exc: self._prompts.show_error(exc, "tải mẫu chương trình"))

    def _loaded(self, templates: list[MeetingTemplate], select_id: int | None) -> None:
        self._templates = list(templates)
        self.list.blockSignals(True)
        self.list.clear()
        for template in self._templates:
            self.list.addItem(f"{template.kind.label}: {template.name}")
        self.list.blockSignals(False)
        ids = [template.id for template in self._templates]
        row = ids.index(select_id) if select_id in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        template = self._templates[row] if 0 <= row < len(self._templates) else None
        self._show(template)

    def _show(self, template: MeetingTemplate | None) -> None:
        self.form.clear_errors()
        self._editing = template.id if template else None
        if template is not None:
            self.kind.setCurrentIndex(self.kind.findData(template.kind.value))
        self.name.setText(template.name if template else "")
        self.agenda.set_text("\n".join(template.agenda) if template else "")
        self.delete_button.setEnabled(template is not None)

    def new_template(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.name.setText(f"Mẫu {MeetingKind(self.kind.currentData()).label.lower()} mới")
        self.name.setFocus()
        self.name.selectAll()

    def template(self) -> MeetingTemplate:
        return MeetingTemplate(kind=MeetingKind(self.kind.currentData()), name=self.name.text(),
                               agenda=tuple(self.agenda.text().split("\n")), id=self._editing)

    def save(self) -> None:
        template, templates = self.template(), self._services.templates
        self._tasks.call(lambda: templates.save(template), self._saved, self._failed)

    def delete(self) -> None:
        template_id = self._editing
        if template_id is None or not self._prompts.confirm(
                "Xóa mẫu chương trình", f"Xóa mẫu “{self.name.text()}”? Các buổi sinh hoạt đã tạo không bị ảnh hưởng.",
                "Xóa", "Hủy"):
            return
        templates = self._services.templates
        self._tasks.call(lambda: templates.delete(template_id), self._saved, self._failed)

    def _saved(self, changes: Changes) -> None:
        self.changed.emit(changes)
        kept = changes.ids[0] if changes.ids and self._editing in (None, changes.ids[0]) else None
        self.reload(kept)

    def _failed(self, exc: BaseException) -> None:
        field = getattr(exc, "field", "")
        if not (field and self.form.show_error(field, getattr(exc, "message", str(exc)))):
            self._prompts.show_error(exc, "lưu mẫu chương trình")
