"""The composition root: open the database, build services, pages and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from khoi_desktop import paths
from khoi_desktop.services.app import Services
from ui.main_window import MainWindow
from ui.pages.home_page import HomePage
from ui.prompts import QtPrompts
from ui.tasks import TaskRunner

APP_TITLE = "Khối Desktop"


def build_window(services: Services, settings: QSettings, tasks: TaskRunner) -> MainWindow:
    """Wire the pages to one open database; tests call this with a temporary file."""
    window = MainWindow(f"{APP_TITLE} — {services.path.name}", settings)
    prompts = QtPrompts(window)
    window.prompts = prompts  # type: ignore[attr-defined]
    window.add_page("home", "Trang chủ", HomePage(services, tasks))
    return window


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("KhoiDesktop")
    database = paths.default_database()
    database.parent.mkdir(parents=True, exist_ok=True)
    services = Services.open(Path(database))
    tasks = TaskRunner()
    window = build_window(services, QSettings(), tasks)
    window.show()
    try:
        return app.exec()
    finally:
        tasks.wait_idle()
        services.close()
