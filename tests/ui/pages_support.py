"""Helpers shared by the page tests: a page kept for the test, shown, loaded for an organisation and year."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui.meetings_ui_support import settle
from ui.pages.common.year_scope import YearScopedPage
from ui.pages.reports.overview_page import OverviewPage
from ui.pages.reports.year_end_page import YearEndPage
from ui.tasks import TaskRunner

W = TypeVar("W", bound=QWidget)
S = TypeVar("S", bound=YearScopedPage)
B = TypeVar("B", OverviewPage, YearEndPage)


def on_screen(qtbot: Any, widget: W, width: int, height: int) -> W:
    """``widget`` kept for the test (closed after it) and shown at ``width`` × ``height``."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget


def scoped_page(qtbot: Any, tasks: TaskRunner, page: S, org_id: int, year: int) -> S:
    """A year-scoped page kept for the test, loaded, then showing ``org_id`` in ``year``."""
    qtbot.addWidget(page)
    settle(tasks)
    page.choose(org_id, year)
    settle(tasks)
    return page


def bar_page(qtbot: Any, tasks: TaskRunner, page: B, org_id: int, year: int) -> B:
    """A page with an organisation + year bar, shown, loaded, then showing ``org_id`` in ``year``."""
    on_screen(qtbot, page, 1000, 800)
    settle(tasks)
    page.bar.select(org_id, year)
    page.request_reload()
    settle(tasks)
    return page


def no_printing(preview_dir: Path, opened: list[Path] | None = None) -> dict[str, Any]:
    """The document keywords of a page under test: files handed to ``opened`` (if given), none printed."""
    opener = opened.append if opened is not None else (lambda _path: None)
    return {"opener": opener, "printer": lambda _path: False, "preview_dir": preview_dir}


def tab_after(widget: QWidget) -> QWidget:
    """The next widget Tab would visit (the focus chain also holds viewports, labels and hidden fields)."""
    following = widget.nextInFocusChain()
    while not (following.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
               and following.isVisibleTo(widget.window()) and following.isEnabled()):
        following = following.nextInFocusChain()
    return following
