"""The composition root: settings, the worker, the window, its pages and the open database.

Nothing here is global: :func:`run` builds everything once and hands it down; tests call
:func:`launch` (everything but the event loop) or :func:`build_window` with their own
settings file, task runner and fake prompts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from khoi_desktop import paths
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import BackupService
from ui.backup_scheduler import BackupScheduler
from ui.database_controller import APP_TITLE, DatabaseController, remembered_database
from ui.error_handler import install_error_handler
from ui.main_window import MainWindow
from ui.pages.reports.home_page import HomePage
from ui.pages.reports.overview_page import OverviewPage, figure_opener
from ui.prompts import Prompts, QtPrompts
from ui.qt_vietnamese import install_qt_vietnamese
from ui.style import apply_style
from ui.tasks import TaskRunner

SETTINGS_FILE = "khoi-desktop.ini"

Welcome = Callable[[TaskRunner, Prompts, Path], Services | None]


PageBuilder = Callable[[Services, TaskRunner, Prompts], QWidget]


def install_pages(window: MainWindow, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
    """Every page the app has, on one open database (called again after a switch).

    Pages are given as factories: the first (Tổng quan) is built at once, every other one on
    its first visit, so the start neither builds nor loads fourteen pages the clerk may not open.
    """
    window.add_page("overview", "Tổng quan",
                    lambda: OverviewPage(services, tasks, prompts, open_list=figure_opener(window.show_page)))
    window.add_page("home", "Cơ sở dữ liệu", lambda: HomePage(services, tasks))
    for key, title, builder in LATER_PAGES:
        window.add_page(key, title, _factory(builder, services, tasks, prompts))
    window.add_page("backups", "Sao lưu và phục hồi", lambda: _backups_page(window, services, tasks, prompts))


def _factory(builder: PageBuilder, services: Services, tasks: TaskRunner, prompts: Prompts) -> Callable[[], QWidget]:
    return lambda: builder(services, tasks, prompts)


def _backups_page(window: MainWindow, services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    """The backups page, hooked to the scheduler when built (it loads its list fresh then)."""
    from ui.pages.backups.backups_page import BackupsPage  # with its page: see LATER_PAGES

    page = BackupsPage(BackupService(services.db, services.path), tasks, prompts,
                       on_restore_requested=window.controller.restore_confirmed)  # type: ignore[attr-defined]
    scheduler: BackupScheduler | None = getattr(window, "backup_scheduler", None)
    if scheduler is not None:
        scheduler.backup_made.connect(page.on_backup_made)
    return page


# Each page module is imported by its builder, on the page's first visit: together they bring
# in reportlab, python-docx and openpyxl (≈ 900 modules), which would otherwise slow every start.

def _organizations(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.organizations.organizations_page import OrganizationsPage

    return OrganizationsPage(services, tasks, prompts)


def _people(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.people.people_page import PeoplePage

    return PeoplePage(services, tasks, prompts)


def _meetings(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.meetings.meetings_page import MeetingsPage

    return MeetingsPage(services, tasks, prompts)


def _year_plans(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.study.year_plan_page import YearPlanPage

    return YearPlanPage(services, tasks, prompts)


def _study(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.study.study_page import StudyPage

    return StudyPage(services, tasks, prompts)


def _commitments(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.study.commitments_page import CommitmentsPage

    return CommitmentsPage(services, tasks, prompts)


def _assessments(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.study.assessments_page import AssessmentsPage

    return AssessmentsPage(services, tasks, prompts)


def _inspections(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.oversight.oversight_page import InspectionsPage

    return InspectionsPage(services, tasks, prompts)


def _outreach(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.oversight.oversight_page import OutreachPage

    return OutreachPage(services, tasks, prompts)


def _exemplars(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.oversight.oversight_page import ExemplarsPage

    return ExemplarsPage(services, tasks, prompts)


def _year_end(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.reports.year_end_page import YearEndPage

    return YearEndPage(services, tasks, prompts)


def _package(services: Services, tasks: TaskRunner, prompts: Prompts) -> QWidget:
    from ui.pages.packages.package_page import PackagePage

    return PackagePage.for_services(services, tasks, prompts)


# Between "Cơ sở dữ liệu" and "Sao lưu và phục hồi", in the clerk's order.
LATER_PAGES: tuple[tuple[str, str, PageBuilder], ...] = (
    ("organizations", "Tổ chức", _organizations),
    ("people", "Cán bộ, đảng viên", _people),
    ("meetings", "Sinh hoạt, hội nghị", _meetings),
    ("year_plans", "Chủ đề năm, trọng tâm", _year_plans),
    ("study", "Học tập, quán triệt", _study),
    ("commitments", "Bản đăng ký", _commitments),
    ("assessments", "Kiểm điểm, xếp loại", _assessments),
    ("inspections", "Kiểm tra, giám sát", _inspections),
    ("outreach", "Tuyên truyền", _outreach),
    ("exemplars", "Gương điển hình", _exemplars),
    ("year_end", "Báo cáo tổng kết", _year_end),
    ("package", "Gửi báo cáo lên cấp trên", _package),
)


def build_shell(settings: QSettings, tasks: TaskRunner,
                prompts: Prompts | None = None) -> tuple[MainWindow, DatabaseController]:
    """The window and its database controller, with no database open yet."""
    window = MainWindow(APP_TITLE, settings)
    used_prompts = prompts if prompts is not None else QtPrompts(window)
    window.prompts = used_prompts  # type: ignore[attr-defined]
    controller = DatabaseController(
        window, settings, tasks, used_prompts,
        lambda services: install_pages(window, services, tasks, used_prompts),
    )
    window.controller = controller  # type: ignore[attr-defined]
    scheduler = BackupScheduler(None, tasks, parent=window)
    window.backup_scheduler = scheduler  # type: ignore[attr-defined]
    controller.opened.connect(scheduler.set_services)
    scheduler.start()
    return window, controller


def build_window(services: Services, settings: QSettings, tasks: TaskRunner,
                 prompts: Prompts | None = None) -> MainWindow:
    """Wire the pages to one open database; tests call this with a temporary file."""
    window, controller = build_shell(settings, tasks, prompts)
    controller.adopt(services)
    return window


def start_database(settings: QSettings) -> Path | None:
    """The file to open at start: the remembered one, else the one in the data folder."""
    remembered = remembered_database(settings)
    if remembered is not None and remembered.is_file():
        return remembered
    default = paths.default_database()
    return default if default.is_file() else None


def default_settings() -> QSettings:
    """Per-user settings; with KHOI_DATA_DIR (portable use, tests) an INI file beside the data."""
    if os.environ.get(paths.DATA_DIR_ENV):
        return QSettings(str(paths.user_data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)
    return QSettings()


def launch(settings: QSettings, tasks: TaskRunner, prompts: Prompts | None = None,
           welcome: Welcome | None = None) -> tuple[MainWindow, DatabaseController] | None:
    """Everything :func:`run` does before the event loop; None when the user left the welcome.

    ``welcome`` defaults to :meth:`WelcomeDialog.ask`.
    """
    start = start_database(settings)
    first: Services | None = None
    if start is None:
        if welcome is None:
            from ui.first_start import WelcomeDialog  # only a first start needs it (and the demo generator)

            welcome = WelcomeDialog.ask
        first = welcome(tasks, prompts or QtPrompts(), paths.default_database())
        if first is None:
            return None
    window, controller = build_shell(settings, tasks, prompts)
    window.show()
    if first is not None:
        controller.adopt(first)
    elif start is not None:
        controller.open_path(start)
    return window, controller


def run(argv: list[str] | None = None, settings: QSettings | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("KhoiDesktop")
    apply_style(app)  # type: ignore[arg-type]
    install_qt_vietnamese(app)  # Qt's own menus and buttons (Hoàn tác, Dán, Hủy…)
    errors = install_error_handler()  # log file + a Vietnamese dialog for anything uncaught
    tasks = TaskRunner()
    launched = launch(settings if settings is not None else default_settings(), tasks)
    if launched is None:
        tasks.wait_idle()
        return 0
    window, controller = launched
    errors.prompts = window.prompts  # type: ignore[attr-defined]
    if (smoke_ms := os.environ.get("KHOI_SMOKE_EXIT_MS")) is not None:  # packaging/smoke_test.py
        QTimer.singleShot(int(smoke_ms), app.quit)  # quit once the window is up and the loop runs
    try:
        return app.exec()
    finally:
        window.backup_scheduler.shutdown()  # type: ignore[attr-defined]
        controller.shutdown()
