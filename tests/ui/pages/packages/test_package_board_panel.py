"""The tracking board tab: every expected unit, received or missing; the reminder list; after a restart;
the consolidated package sent on upward."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

from khoi_desktop.services.app import Services
from khoi_desktop.services.package_board import MISSING, RECEIVED
from khoi_desktop.services.package_import import PackageImportService
from tests.core.package_support import export_units, open_services
from tests.core.year_end_support import Bloc, full_year
from tests.ui.fakes import FakePrompts
from tests.ui.pages.packages.test_package_page import FakeShell, _page
from ui.tasks import TaskRunner


def _states(page) -> dict[str, str]:
    table = page.board.table
    return {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}


def test_the_board_shows_received_and_missing_units_and_survives_a_restart(
        qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, tmp_path: Path) -> None:
    """One of two packages in: the board says so, the reminder is copied, and a new page shows the same."""
    unit = full_year(services)
    packages = export_units(services, unit, tmp_path)
    bloc_path = tmp_path / "khoi-dang-uy-khoi.sqlite"
    bloc = open_services(bloc_path)
    full_year(bloc)
    PackageImportService(bloc.context).import_files([packages["base"]], as_org=unit.base)
    page = _page(qtbot, bloc, tasks, prompts, FakeShell(), tmp_path / "sao-luu")
    page.tabs.setCurrentWidget(page.board)
    tasks.wait_idle()
    assert _states(page) == {"Đảng bộ Viện Kiểm sát nhân dân tỉnh": RECEIVED, "Chi bộ Kho bạc Nhà nước tỉnh": MISSING}
    assert page.board.headline.text() == "Năm 2018: đã nhận 1/2 đơn vị, còn thiếu 1."
    page.board.copy_button.click()
    assert QGuiApplication.clipboard().text().endswith("1. Chi bộ Kho bạc Nhà nước tỉnh")
    page.close()
    tasks.wait_idle()
    bloc.close()
    reopened = open_services(bloc_path)
    try:
        again = _page(qtbot, reopened, tasks, prompts, FakeShell(), tmp_path / "sao-luu")
        tasks.wait_idle()
        assert _states(again) == _states(page)
    finally:
        tasks.wait_idle()
        reopened.close()


def test_the_consolidated_package_goes_upward_after_confirming_it_is_partial(
        qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, tmp_path: Path) -> None:
    """With a unit still missing the clerk is asked first; the zip is written where chosen."""
    unit: Bloc = full_year(services)
    packages = export_units(services, unit, tmp_path)
    bloc = open_services(tmp_path / "khoi-dang-uy-khoi.sqlite")
    full_year(bloc)
    try:
        PackageImportService(bloc.context).import_files([packages["base"]], as_org=unit.base)
        page = _page(qtbot, bloc, tasks, prompts, FakeShell(), tmp_path / "sao-luu")
        tasks.wait_idle()
        prompts.confirm_answers.append(True)
        prompts.save_paths.append(tmp_path / "len-tinh")
        page.board.upward_button.click()
        tasks.wait_idle()
        assert not prompts.errors, prompts.errors
        assert (tmp_path / "len-tinh.zip").exists()
        assert any(kind == "confirm" and "còn thiếu 1" in text for kind, text in prompts.asked)
    finally:
        tasks.wait_idle()
        bloc.close()
