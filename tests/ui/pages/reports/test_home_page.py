"""The Cơ sở dữ liệu page: a summary that cannot be read is said on the page, in Vietnamese."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

from ui.pages.reports.home_page import HomePage
from ui.tasks import TaskRunner


def _locked() -> None:
    raise sqlite3.OperationalError("database is locked")


def test_a_failed_summary_is_shown_not_only_logged(qtbot, tasks: TaskRunner) -> None:
    """The worker's error reaches the page: a Vietnamese title and explanation instead of '…' forever."""
    page = HomePage(SimpleNamespace(summary=_locked), tasks)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    tasks.wait_idle()
    assert page.title.text() == "Không đọc được cơ sở dữ liệu"
    assert "OperationalError" in page.path_label.text() and "an toàn" in page.path_label.text()
