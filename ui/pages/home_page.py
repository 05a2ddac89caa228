"""Trang chủ: which database is open, the organisation, and how much it holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.app import DatabaseSummary, Services
from ui.tasks import TaskRunner

SHOWN_COUNTS = (
    ("organizations", "Tổ chức"),
    ("people", "Cán bộ, đảng viên, người lao động"),
    ("meetings", "Buổi sinh hoạt, hội nghị"),
    ("attendance", "Lượt điểm danh"),
)


class HomePage(QWidget):
    def __init__(self, services: Services, tasks: TaskRunner) -> None:
        super().__init__()
        self._services = services
        self._tasks = tasks
        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.path_label = QLabel("")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_labels = {key: QLabel("…") for key, _ in SHOWN_COUNTS}
        form = QFormLayout()
        for key, label in SHOWN_COUNTS:
            form.addRow(f"{label}:", self.count_labels[key])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.path_label)
        layout.addSpacing(16)
        layout.addLayout(form)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        self._tasks.call(self._services.summary, self._show)

    def _show(self, summary: DatabaseSummary) -> None:
        self.title.setText(summary.organization_name or "Chưa có tổ chức nào")
        self.path_label.setText(f"Cơ sở dữ liệu: {summary.path}")
        for key, label in self.count_labels.items():
            label.setText(format_number(summary.counts.get(key, 0)))

    def on_changed(self, changes: Changes) -> None:
        if changes.people or changes.organizations or changes.meetings:
            self.reload()
