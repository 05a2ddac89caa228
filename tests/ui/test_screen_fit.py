"""Every page and dialog at 1366 × 768 (taskbar: 728 px available, 697 px inside the window frame).

The real main window on a unit's demo data is sized as on an office laptop; each page is shown
and checked (no sideways scrolling of the page or of its tables), and every dialog a page opens
is caught as it appears and checked (at most 680 px tall, as wide as the screen at most).
At 125 % on 1920 × 1080 the logical screen is 1536 × 864, larger than this one, so the check
here covers it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QScrollArea, QTableView, QWidget

from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.generator import generate_demo
from tests.ui.fakes import FakePrompts
from ui.app import build_window
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.widgets.table_fit import needs_horizontal_scrolling

SCREEN = (1366, 728)
WINDOW = (1366, 697)  # the client area of a maximised window under the title bar
MAX_DIALOG_HEIGHT = 680


class DialogCatcher(QObject):
    """Notes every dialog (and top-level window) that appears."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and not isinstance(watched, MainWindow) and watched not in self.shown
                and (isinstance(watched, QDialog) or watched.windowTitle())):
            self.shown.append(watched)
        return False


@pytest.fixture
def window(qtbot, tmp_path: Path, tasks: TaskRunner, prompts: FakePrompts) -> Iterator[MainWindow]:
    database = tmp_path / "Dữ liệu của tôi" / "khoi.sqlite"
    database.parent.mkdir()
    generate_demo(database, "unit")
    services = Services.open(database)
    main = build_window(services, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tasks, prompts)
    qtbot.addWidget(main)
    main.resize(*WINDOW)
    main.show()
    settle(tasks)
    yield main
    main.backup_scheduler.shutdown()  # type: ignore[attr-defined]
    main.controller.shutdown()  # type: ignore[attr-defined]


def settle(tasks: TaskRunner) -> None:
    app = QApplication.instance()
    for _ in range(3):
        assert tasks.wait_idle(60000)
        for _ in range(5):
            app.processEvents()


def page_problems(window: MainWindow, key: str, page: QWidget) -> list[str]:
    """What does not fit on ``page``: sideways scrolling of the page or of a table."""
    problems = []
    area = window.stack.currentWidget()
    assert isinstance(area, QScrollArea)
    if area.horizontalScrollBar().maximum() > 0:
        problems.append(f"{key}: trang cần cuộn ngang ({page.minimumSizeHint().width()} px)")
    for view in page.findChildren(QAbstractScrollArea):
        if isinstance(view, QTableView) and view.isVisible() and needs_horizontal_scrolling(view):
            problems.append(f"{key}: bảng {view.model().headerData(0, Qt.Orientation.Horizontal)!r} cần cuộn ngang")
    return problems


def test_every_page_fits_without_sideways_scrolling(window: MainWindow, tasks: TaskRunner) -> None:
    """Each page, loaded with data, needs no horizontal scrolling and its main list shows many rows."""
    problems: list[str] = []
    for key in window.page_keys():
        page = window.show_page(key)
        settle(tasks)
        problems += page_problems(window, key, page)
    assert problems == []
    people = window.show_page("people")
    settle(tasks)
    rows_shown = people.table.viewport().height() // people.table.verticalHeader().defaultSectionSize()
    assert rows_shown >= 15, "the people list fills the window"


def dialog_actions() -> list[tuple[str, Callable[[Any], None]]]:
    """Each page's ways of opening a dialog, as the clerk would."""
    def person(page: Any) -> None:
        page.table.selectRow(0)
        page.open_selected()

    def organisation(action: str) -> Callable[[Any], None]:
        def run(page: Any) -> None:
            page.tree.setCurrentIndex(page.tree.model().index(0, 0))
            getattr(page, action)()
        return run

    def record(page: Any) -> None:
        page.records.table.selectRow(0)
        page.records.edit_selected()

    def first_row(page: Any) -> None:
        page.table.selectRow(1)
        page.open_selected()

    def rating(page: Any) -> None:
        page.members.select_row(0)
        page.open_selected()

    return [("people", lambda page: page.new_person()), ("people", person), ("people", lambda page: page.open_import()),
            ("organizations", organisation("add_child")), ("organizations", organisation("edit_selected")),
            ("organizations", organisation("edit_terms")), ("meetings", lambda page: page.new_meeting()),
            ("meetings", lambda page: page.edit_templates()), ("year_plans", lambda page: page.edit_document(None)),
            ("commitments", first_row), ("assessments", rating), ("inspections", record),
            ("inspections", lambda page: page.records.add()), ("outreach", lambda page: page.records.add()),
            ("outreach", lambda page: page.network.add()), ("exemplars", lambda page: page.records.add())]


def fits(widget: QWidget) -> bool:
    """A dialog: at most 680 px tall (also its least size); a window of its own (guide, preview): on screen."""
    if widget.width() > SCREEN[0] or widget.minimumSizeHint().height() > MAX_DIALOG_HEIGHT:
        return False
    if isinstance(widget, QDialog):
        return widget.height() <= MAX_DIALOG_HEIGHT
    return widget.height() <= widget.screen().availableGeometry().height()


def test_every_dialog_is_at_most_680_px_tall(window: MainWindow, tasks: TaskRunner) -> None:
    """Every dialog a page opens fits a 768 px screen under the taskbar and the title bar."""
    catcher = DialogCatcher()
    QApplication.instance().installEventFilter(catcher)
    try:
        for key, action in dialog_actions():
            page = window.show_page(key)
            settle(tasks)
            action(page)
            settle(tasks)
        window.show_guide()
        settle(tasks)
    finally:
        QApplication.instance().removeEventFilter(catcher)
    names = sorted({type(widget).__name__ for widget in catcher.shown})
    assert len(names) >= 14, names
    too_big = [f"{type(w).__name__}: {w.width()}×{w.height()} (cần {w.minimumSizeHint().height()})"
               for w in catcher.shown if not fits(w)]
    for widget in catcher.shown:
        widget.close()
    assert too_big == [], "\n".join(too_big)
