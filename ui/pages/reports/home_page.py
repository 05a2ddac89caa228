"""Trang chủ: which database is open, the organisation, and how much it holds."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.app import DatabaseSummary, Services
from ui.prompts import error_text
from ui.style import named_label
from ui.tasks import TaskRunner

SHOWN_COUNTS = (
    ("organizations", "Tổ chức"),
    ("people", "Cán bộ, đảng viên, người lao động"),
    ("meetings", "Buổi sinh hoạt, hội nghị"),
    ("attendance", "Lượt điểm danh"),
)
CARDS_PER_ROW = 2
log = logging.getLogger(__name__)


class HomePage(QWidget):
    status_changed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner) -> None:
        super().__init__()
        self._services = services
        self._tasks = tasks
        self._status = ""
        self.title = named_label("", "pageTitle", wrap=True)
        self.path_label = named_label("", "pageSubtitle", wrap=True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_labels: dict[str, QLabel] = {}
        cards = QGridLayout()
        cards.setSpacing(16)
        for index, (key, label) in enumerate(SHOWN_COUNTS):
            card, self.count_labels[key] = _count_card(label)
            cards.addWidget(card, index // CARDS_PER_ROW, index % CARDS_PER_ROW)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.addWidget(self.title)
        layout.addWidget(self.path_label)
        layout.addSpacing(20)
        layout.addLayout(cards)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        self._tasks.call(self._services.summary, self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        """The summary could not be read (a locked or damaged file): say so on the page."""
        log.error("Không đọc được tóm tắt cơ sở dữ liệu", exc_info=exc)
        self.title.setText("Không đọc được cơ sở dữ liệu")
        self.path_label.setText(error_text(exc))

    def _show(self, summary: DatabaseSummary) -> None:
        self.title.setText(summary.organization_name or "Chưa có tổ chức nào")
        self.path_label.setText(f"Cơ sở dữ liệu: {summary.path}")
        for key, label in self.count_labels.items():
            label.setText(format_number(summary.counts.get(key, 0)))
        people = format_number(summary.counts.get("people", 0))
        self._status = f"{summary.organization_name} — {people} người" if summary.organization_name else ""
        self.status_changed.emit(self._status)

    def status_text(self) -> str:
        return self._status

    def on_changed(self, changes: Changes) -> None:
        if changes.people or changes.organizations or changes.meetings:
            self.reload()


def _count_card(caption: str) -> tuple[QFrame, QLabel]:
    """A white card: a big number over its caption."""
    card = QFrame()
    card.setObjectName("countCard")
    card.setMinimumHeight(96)
    value = named_label("…", "countValue")
    column = QVBoxLayout(card)
    column.setContentsMargins(20, 14, 20, 14)
    column.addWidget(value)
    column.addWidget(named_label(caption, "countLabel", wrap=True))
    return card, value
