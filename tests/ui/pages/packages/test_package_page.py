"""The Gửi báo cáo lên cấp trên page: export, open the folder, email or its fallback, import, consolidate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.package_export import PackageExportService
from khoi_desktop.services.package_import import PackageImportService, backup_before_import
from tests.core.meetings_support import Kit, new_meeting
from tests.core.package_support import export_units, not_a_zip, open_services
from tests.core.year_end_support import YEAR, Bloc, full_year
from tests.ui.conftest import ProgressSeen
from tests.ui.fakes import FakePrompts
from ui.pages.packages.package_import_panel import UNPAIRED, PackageImportPanel
from ui.pages.packages.package_page import PackagePage
from ui.tasks import TaskRunner


@dataclass
class FakeShell:
    can_mail: bool = True
    revealed: list[Path] = field(default_factory=list)
    mailed: list[Path] = field(default_factory=list)

    def reveal(self, path: Path) -> None:
        self.revealed.append(path)

    def mail(self, path: Path, subject: str, body: str) -> bool:
        self.mailed.append(path)
        return self.can_mail


def _page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, shell: FakeShell,
          folder: Path) -> PackagePage:
    importer = PackageImportService(services.context, backup_before_import(services.db, services.path, folder))
    page = PackagePage(services, PackageExportService(services.context), importer,
                       ConsolidationService(services.context), tasks, prompts, shell)
    qtbot.addWidget(page)
    page.year_box.setValue(YEAR)
    tasks.wait_idle()
    return page


@pytest.fixture
def unit(services: Services) -> Bloc:
    return full_year(services)


@pytest.fixture
def shell() -> FakeShell:
    return FakeShell()


@pytest.fixture
def page(qtbot, unit: Bloc, services: Services, tasks: TaskRunner, prompts: FakePrompts, shell: FakeShell,
         tmp_path: Path) -> PackagePage:
    return _page(qtbot, services, tasks, prompts, shell, tmp_path / "sao-luu")


@pytest.fixture
def bloc_page(qtbot, tasks: TaskRunner, prompts: FakePrompts, shell: FakeShell, tmp_path: Path) -> Iterator[PackagePage]:
    """The page over a bloc office's database."""
    bloc = open_services(tmp_path / "khoi-dang-uy-khoi.sqlite")
    full_year(bloc)
    try:
        yield _page(qtbot, bloc, tasks, prompts, shell, tmp_path / "sao-luu")
    finally:
        tasks.wait_idle()
        bloc.close()


def _choose(page: PackagePage, org_id: int) -> None:
    page.org_combo.setCurrentIndex(page.org_combo.findData(org_id))


def test_all_text_is_vietnamese(page: PackagePage) -> None:
    """Buttons and the section titles."""
    assert page.export_button.text() == "Xuất gói báo cáo…" and page.folder_button.text() == "Mở thư mục"
    assert page.mail_button.text() == "Gửi email" and page.panel.import_button.text() == "Nhận các gói hợp lệ"
    assert not page.folder_button.isEnabled() and not page.mail_button.isEnabled()


def test_export_then_open_the_folder_and_send_by_email(page: PackagePage, unit: Bloc, tasks: TaskRunner,
                                                       prompts: FakePrompts, shell: FakeShell, tmp_path: Path) -> None:
    """The suggested name is ASCII; after export the folder opens with the file, and the mail client gets it."""
    _choose(page, unit.treasury)
    tasks.wait_idle()
    assert page.minutes_list.count() == 2
    prompts.save_paths.append(tmp_path / "goi-kho-bac")
    page.export_button.click()
    tasks.wait_idle()
    assert prompts.asked[0] == ("save", "Goi_bao_cao_2018_Chi_bo_Kho_bac_Nha_nuoc_tinh.zip")
    target = tmp_path / "goi-kho-bac.zip"
    assert page.exported is not None and page.exported.path == target and target.exists()
    page.folder_button.click()
    page.mail_button.click()
    assert shell.revealed == [target] and shell.mailed == [target]


def test_ticked_minutes_stay_ticked_after_an_export(page: PackagePage, unit: Bloc, services: Services,
                                                    tasks: TaskRunner, prompts: FakePrompts, tmp_path: Path) -> None:
    """The reload that follows a successful export (the window's change notice) keeps the ticks."""
    kit, dung, em = Kit.over(services), unit.people["Dũng"], unit.people["Em"]
    meeting_id = new_meeting(kit, unit.treasury, dung, em, MeetingKind.REGULAR, date(YEAR, 6, 5))
    for person in (dung, em):
        kit.attendance.mark(meeting_id, person, AttendanceStatus.PRESENT)
    page.changed.connect(page.on_changed)  # as the main window does: every page hears the change
    _choose(page, unit.treasury)
    tasks.wait_idle()
    row = next(r for r in range(page.minutes_list.count()) if "05/06/2018" in page.minutes_list.item(r).text())
    page.minutes_list.item(row).setCheckState(Qt.CheckState.Checked)
    assert page.chosen_minutes() == [meeting_id]
    prompts.save_paths.append(tmp_path / "goi.zip")
    page.export_button.click()
    tasks.wait_idle()
    assert prompts.errors == [] and page.exported is not None
    assert page.minutes_list.count() == 3 and page.chosen_minutes() == [meeting_id]


def test_without_a_mail_client_it_says_so_and_opens_the_folder(page: PackagePage, unit: Bloc, tasks: TaskRunner,
                                                               prompts: FakePrompts, shell: FakeShell,
                                                               tmp_path: Path) -> None:
    """No MAPI: a Vietnamese explanation, then the folder with the file."""
    shell.can_mail = False
    _choose(page, unit.base)
    prompts.save_paths.append(tmp_path / "goi.zip")
    page.export_button.click()
    tasks.wait_idle()
    page.mail_button.click()
    assert any(kind == "inform" and "chưa có chương trình email" in text for kind, text in prompts.asked)
    assert shell.revealed == [tmp_path / "goi.zip"]


def test_a_failed_export_shows_the_error(page: PackagePage, unit: Bloc, tasks: TaskRunner, prompts: FakePrompts,
                                         tmp_path: Path) -> None:
    """A folder that does not exist: the Vietnamese message through Prompts, the button usable again."""
    _choose(page, unit.base)
    prompts.save_paths.append(tmp_path / "khong-co" / "goi.zip")
    page.export_button.click()
    tasks.wait_idle()
    assert prompts.errors and "không tồn tại" in str(prompts.errors[0])
    assert page.export_button.isEnabled() and page.exported is None


def _pair_rows(panel: PackageImportPanel, tasks: TaskRunner, rows: int) -> None:
    """The clerk pairs each first package with the proposed unit (the first in the list)."""
    for row in range(rows):
        panel.table.selectRow(row)
        assert panel.pair_combo.itemText(0).endswith("(đề xuất)")
        panel.pair_button.click()
        tasks.wait_idle()


def test_bloc_mode_checks_dropped_files_then_imports_and_consolidates(
        bloc_page: PackagePage, services: Services, unit: Bloc, tasks: TaskRunner, prompts: FakePrompts,
        tmp_path: Path, progress_seen: ProgressSeen) -> None:
    """Dropped packages are checked (one rejected), imported after confirming (the bar counting the
    backup and each package up to a real maximum), then the report is written."""
    folder = tmp_path / "goi"
    folder.mkdir()
    packages = export_units(services, unit, folder)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (*packages.values(), not_a_zip(folder))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    bloc_page.dropEvent(event)
    tasks.wait_idle()
    panel = bloc_page.panel
    results = [panel.table.item(row, 3).text() for row in range(panel.table.rowCount())]
    assert results[:2] == [UNPAIRED] * 2 and results[2].startswith("Bị từ chối: Gói “khong-phai.zip”")
    assert not panel.import_button.isEnabled()
    _pair_rows(panel, tasks, 2)
    results = [panel.table.item(row, 3).text() for row in range(panel.table.rowCount())]
    assert results[:2] == ["Hợp lệ — gói mới"] * 2
    prompts.confirm_answers.append(True)
    panel.import_button.click()
    tasks.wait_idle()
    assert any(kind == "inform" and "Đã nhận 2 gói báo cáo" in text for kind, text in prompts.asked)
    progress_seen.assert_determinate("Đang nhận các gói báo cáo…")
    prompts.save_paths.append(tmp_path / "tong-hop.pdf")
    panel.report_button.click()
    tasks.wait_idle()
    assert all((tmp_path / f"tong-hop.{kind}").exists() for kind in ("pdf", "docx", "xlsx"))


def test_a_declined_confirmation_imports_nothing(bloc_page: PackagePage, services: Services, unit: Bloc,
                                                 tasks: TaskRunner, prompts: FakePrompts, tmp_path: Path) -> None:
    """Hủy at the question: nothing is received."""
    folder = tmp_path / "goi"
    folder.mkdir()
    prompts.open_paths.append(export_units(services, unit, folder)["base"])
    bloc_page.panel.choose_button.click()
    tasks.wait_idle()
    _pair_rows(bloc_page.panel, tasks, 1)
    prompts.confirm_answers.append(False)
    bloc_page.panel.import_button.click()
    tasks.wait_idle()
    assert not any("Đã nhận" in text for _, text in prompts.asked)
    assert bloc_page.panel.import_button.isEnabled()
