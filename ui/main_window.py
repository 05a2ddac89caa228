"""The main window: menus, navigation on the left, one page at a time, a status bar.

The window knows nothing about the database: the composition root gives it pages, and
the database controller connects its menu actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.models import Changes

if TYPE_CHECKING:  # the guide's module loads on the first F1, not at every start
    from ui.guide_window import GuideWindow

GEOMETRY_KEY = "window/geometry"
NAVIGATION_ITEM_HEIGHT = 42


PageFactory = Callable[[], QWidget]


@dataclass
class PageEntry:
    """A navigation entry; ``widget`` and its scrolling ``container`` stay None until the page is
    first visited (or asked for)."""

    key: str
    title: str
    factory: PageFactory | None = None
    widget: QWidget | None = None
    container: QScrollArea | None = None


class MainWindow(QMainWindow):
    """Holds the pages it is given; knows nothing about the database itself."""

    def __init__(self, title: str, settings: QSettings) -> None:
        super().__init__()
        self._settings = settings
        self._pages: list[PageEntry] = []
        self.setWindowTitle(title)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(220)
        self.stack = QStackedWidget()
        self.placeholder = _placeholder()
        self.stack.addWidget(self.placeholder)
        self.navigation.hide()  # shown with the first page
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.status_label = QLabel("")
        self.database_label = QLabel("")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.database_label)
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self._build_menus()
        self.setMinimumSize(760, 480)
        self._default_size()
        self._restore_geometry()

    # Menus

    def _build_menus(self) -> None:
        self.action_open = QAction("&Mở cơ sở dữ liệu khác…", self)
        self.action_open.setShortcut(QKeySequence.StandardKey.Open)
        self.action_backup = QAction("&Sao lưu…", self)
        self.action_restore = QAction("&Phục hồi…", self)
        self.action_quit = QAction("&Thoát", self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.close)
        self.action_about = QAction("&Giới thiệu", self)
        self.action_guide = QAction("&Hướng dẫn sử dụng", self)
        self.action_guide.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.action_guide.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # also from dialogs
        self.action_guide.triggered.connect(self.show_guide)
        self.addAction(self.action_guide)  # F1 works while the menu is closed
        self.guide: GuideWindow | None = None
        self.action_new = QAction("&Tạo cơ sở dữ liệu mới (đơn vị mới)…", self)
        file_menu = self.menuBar().addMenu("&Tệp")
        file_menu.addAction(self.action_new)
        file_menu.addAction(self.action_open)
        file_menu.addSeparator()
        file_menu.addAction(self.action_backup)
        file_menu.addAction(self.action_restore)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        help_menu.addAction(self.action_guide)
        help_menu.addSeparator()
        help_menu.addAction(self.action_about)
        self.set_database_actions_enabled(False)

    def show_guide(self) -> GuideWindow:
        """The user guide, opened at the section of the page on show (F1)."""
        from ui.guide_window import SECTIONS, GuideWindow

        if self.guide is None:
            self.guide = GuideWindow(parent=self)
            self.guide.setWindowFlag(Qt.WindowType.Window)
        row = self.navigation.currentRow()
        key = self._pages[row].key if 0 <= row < len(self._pages) else ""
        self.guide.show()  # first: the page is laid out only once shown, so it can scroll
        self.guide.show_section(SECTIONS.get(key, "Hướng dẫn sử dụng"))
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def set_database_actions_enabled(self, enabled: bool) -> None:
        """Backup and restore need an open database."""
        self.action_backup.setEnabled(enabled)
        self.action_restore.setEnabled(enabled)

    # Pages

    def add_page(self, key: str, title: str, page: QWidget | PageFactory) -> None:
        """Register a page: a ready widget, or a zero-argument factory that builds it on first visit.

        A factory keeps the start fast: a page that is never visited is never built nor loaded.
        The first page added becomes current, so it is built at once.
        """
        entry = PageEntry(key, title)
        self._pages.append(entry)
        if isinstance(page, QWidget):
            self._install(entry, page)
        else:
            entry.factory = page
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, NAVIGATION_ITEM_HEIGHT))
        self.navigation.addItem(item)
        if self.navigation.isHidden():
            self.navigation.show()
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def _install(self, entry: PageEntry, widget: QWidget) -> None:
        entry.widget, entry.factory = widget, None
        entry.container = _scroller()
        entry.container.setWidget(widget)
        self.stack.addWidget(entry.container)
        _connect_page_signals(self, widget)

    def _built(self, entry: PageEntry) -> QWidget:
        """The entry's page, built now if it was only a factory."""
        if entry.widget is None:
            assert entry.factory is not None
            self._install(entry, entry.factory())
        assert entry.widget is not None
        return entry.widget

    def _built_pages(self) -> Iterator[tuple[PageEntry, QWidget]]:
        """The pages built so far; the others load fresh when first shown, so they need no news."""
        return ((entry, entry.widget) for entry in list(self._pages) if entry.widget is not None)

    def clear_pages(self) -> None:
        """Drop every page (before the pages are rebuilt on another database)."""
        self.navigation.blockSignals(True)
        self.navigation.clear()
        self.navigation.blockSignals(False)
        for entry in self._pages:
            if entry.container is not None:
                self.stack.removeWidget(entry.container)
                entry.container.deleteLater()
        self._pages.clear()
        self.navigation.hide()
        self.stack.setCurrentWidget(self.placeholder)
        self.set_status("")

    def show_page(self, key: str) -> QWidget:
        for index, entry in enumerate(self._pages):
            if entry.key == key:
                self.navigation.setCurrentRow(index)
                return self._built(entry)
        raise KeyError(key)

    def page(self, key: str) -> QWidget:
        """The page under ``key``, built (but not shown) if it was not yet."""
        return self._built(next(entry for entry in self._pages if entry.key == key))

    def is_page_built(self, key: str) -> bool:
        return any(entry.key == key and entry.widget is not None for entry in self._pages)

    def page_keys(self) -> list[str]:
        return [entry.key for entry in self._pages]

    def current_page(self) -> QWidget | None:
        row = self.navigation.currentRow()
        return self._pages[row].widget if 0 <= row < len(self._pages) else None

    def notify_changed(self, changes: Changes) -> None:
        """Tell every built page what changed; each reloads only what it shows."""
        for _entry, widget in self._built_pages():
            handler = getattr(widget, "on_changed", None)
            if handler is not None:
                handler(changes)

    # Status bar

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def set_database_name(self, text: str) -> None:
        self.database_label.setText(text)

    def _on_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self._pages):
            return
        entry = self._pages[row]
        widget = self._built(entry)
        self.stack.setCurrentWidget(entry.container)
        status_text = getattr(widget, "status_text", None)
        self.set_status(status_text() if callable(status_text) else "")

    def _page_status(self, widget: QWidget, text: str) -> None:
        if widget is self.current_page():
            self.set_status(text)

    # Geometry

    def _default_size(self) -> None:
        """1200 × 760, or nine tenths of a smaller screen (office laptops at 1366 × 768)."""
        size = QSize(1200, 760)
        screen = self.screen()
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size() * 0.9)
        self.resize(size)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def save_geometry(self) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()

    def may_leave_pages(self) -> bool:
        """False when a page holds unsaved edits and the clerk chooses to stay."""
        for _entry, widget in self._built_pages():  # pages that can keep typed text safely do so first
            save_pending = getattr(widget, "save_pending", None)
            if callable(save_pending):
                save_pending()
        unsaved = [entry.title for entry, widget in self._built_pages()
                   if getattr(widget, "has_unsaved_changes", lambda: False)()]
        prompts = getattr(self, "prompts", None)
        if not unsaved or prompts is None:
            return True
        return prompts.confirm(
            "Có thay đổi chưa lưu",
            f"Trang “{', '.join(unsaved)}” có thay đổi chưa lưu. Bỏ các thay đổi đó?",
            "Bỏ thay đổi", "Quay lại",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.may_leave_pages():
            event.ignore()
            return
        self.save_geometry()
        super().closeEvent(event)


def _connect_page_signals(window: MainWindow, widget: QWidget) -> None:
    """A page may emit ``changed(Changes)`` and ``status_changed(str)``; both are optional."""
    changed = getattr(widget, "changed", None)
    if changed is not None and hasattr(changed, "connect"):
        changed.connect(window.notify_changed)
    status_changed = getattr(widget, "status_changed", None)
    if status_changed is not None and hasattr(status_changed, "connect"):
        status_changed.connect(lambda text: window._page_status(widget, text))


def _scroller() -> QScrollArea:
    """Pages scroll rather than force the window wider than a 1366 × 768 office screen."""
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    return area


def _placeholder() -> QWidget:
    """Shown while no database is open (or while one is opening)."""
    widget = QWidget()
    label = QLabel("Chưa mở cơ sở dữ liệu.\nDùng menu Tệp → Mở cơ sở dữ liệu khác… để mở một tệp.")
    label.setObjectName("pageSubtitle")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(widget)
    layout.addWidget(label)
    return widget
