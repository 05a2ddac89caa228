"""The main window: navigation on the left, one page at a time, a status bar."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from khoi_desktop.domain.models import Changes


@dataclass
class PageEntry:
    key: str
    title: str
    widget: QWidget


class MainWindow(QMainWindow):
    """Holds the pages it is given; knows nothing about the database itself."""

    def __init__(self, title: str, settings: QSettings) -> None:
        super().__init__()
        self._settings = settings
        self._pages: list[PageEntry] = []
        self.setWindowTitle(title)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget()
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.status_label = QLabel("")
        self.statusBar().addPermanentWidget(self.status_label)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.resize(1200, 760)
        self._restore_geometry()

    def add_page(self, key: str, title: str, widget: QWidget) -> None:
        self._pages.append(PageEntry(key, title, widget))
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(item.sizeHint().expandedTo(self.navigation.sizeHint().boundedTo(item.sizeHint())))
        self.navigation.addItem(item)
        self.stack.addWidget(widget)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def show_page(self, key: str) -> QWidget:
        for index, entry in enumerate(self._pages):
            if entry.key == key:
                self.navigation.setCurrentRow(index)
                return entry.widget
        raise KeyError(key)

    def page(self, key: str) -> QWidget:
        return next(entry.widget for entry in self._pages if entry.key == key)

    def page_keys(self) -> list[str]:
        return [entry.key for entry in self._pages]

    def notify_changed(self, changes: Changes) -> None:
        """Tell every page what changed; each reloads only what it shows."""
        for entry in self._pages:
            handler = getattr(entry.widget, "on_changed", None)
            if handler is not None:
                handler(changes)

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
