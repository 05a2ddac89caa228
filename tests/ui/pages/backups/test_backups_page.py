"""The Sao lưu và phục hồi page: list, back up now, back up to a folder, restore on request."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from khoi_desktop.domain.errors import StorageError
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import BackupService
from tests.conftest import add_branch_with_people
from tests.ui.conftest import ProgressSeen
from tests.ui.fakes import FakePrompts
from ui.pages.backups.backups_page import BackupsPage
from ui.tasks import TaskRunner


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def backups(services: Services, tmp_path: Path) -> BackupService:
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    return BackupService(services.db, services.path, folder=tmp_path / "sao-luu", clock=Clock())


@pytest.fixture
def requested() -> list[Path]:
    return []


@pytest.fixture
def page(qtbot, backups: BackupService, tasks: TaskRunner, prompts: FakePrompts,
         requested: list[Path]) -> BackupsPage:
    widget = BackupsPage(backups, tasks, prompts, on_restore_requested=requested.append)
    qtbot.addWidget(widget)
    widget.show()
    tasks.wait_idle()
    return widget


def test_empty_list_says_so(page: BackupsPage) -> None:
    """With no backups the table is empty, the status says so and restore is disabled."""
    assert page.model.rowCount() == 0
    assert page.status_text() == "Chưa có bản sao lưu nào."
    assert not page.restore_button.isEnabled()


def test_backup_now_adds_a_row(page: BackupsPage, tasks: TaskRunner, prompts: FakePrompts) -> None:
    """'Sao lưu ngay' makes a backup on the worker, lists it and confirms it."""
    page.backup_button.click()
    tasks.wait_idle()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "Sao lưu thủ công"
    assert page.model.index(0, 3).data() == "2"
    assert prompts.asked[-1][0] == "inform" and "Đã sao lưu" in prompts.asked[-1][1]
    assert page.restore_button.isEnabled() and page.backup_button.isEnabled()


def test_backup_to_folder(page: BackupsPage, tasks: TaskRunner, prompts: FakePrompts, tmp_path: Path) -> None:
    """'Sao lưu ra thư mục khác…' writes into the chosen folder and names the file."""
    usb = tmp_path / "usb"
    usb.mkdir()
    prompts.directories.append(usb)
    page.to_folder_button.click()
    tasks.wait_idle()
    (written,) = list(usb.iterdir())
    assert str(written) in prompts.asked[-1][1]


def test_backups_and_the_check_show_a_bar_with_a_real_maximum(page: BackupsPage, tasks: TaskRunner,
                                                               prompts: FakePrompts, tmp_path: Path,
                                                               progress_seen: ProgressSeen) -> None:
    """Sao lưu ngay, sao lưu ra thư mục khác and the check before Phục hồi report pages and bytes done."""
    page.backup_button.click()
    tasks.wait_idle()
    progress_seen.assert_determinate("Đang sao lưu…")
    progress_seen.shown.clear()
    usb = tmp_path / "ổ USB"
    usb.mkdir()
    prompts.directories.append(usb)
    page.to_folder_button.click()
    tasks.wait_idle()
    progress_seen.assert_determinate("Đang sao lưu…")
    prompts.open_paths = [next(usb.iterdir())]
    prompts.confirm_answers = [False]
    page.restore_file_button.click()
    tasks.wait_idle()
    progress_seen.assert_determinate("Đang kiểm tra bản sao lưu…")


def test_backup_to_missing_folder_shows_the_reason(page: BackupsPage, tasks: TaskRunner,
                                                   prompts: FakePrompts, tmp_path: Path) -> None:
    """A folder that is gone is reported in Vietnamese and the buttons come back."""
    prompts.directories.append(tmp_path / "khong-co")
    page.to_folder_button.click()
    tasks.wait_idle()
    assert isinstance(prompts.errors[-1], StorageError)
    assert page.to_folder_button.isEnabled()


def test_restore_selected_checks_confirms_then_requests(page: BackupsPage, tasks: TaskRunner,
                                                        prompts: FakePrompts, requested: list[Path],
                                                        backups: BackupService) -> None:
    """The chosen backup is checked, the clerk confirms with its counts, the window is asked to restore."""
    info = backups.backup_now()
    page.reload()
    tasks.wait_idle()
    prompts.confirm_answers.append(True)
    page.restore_button.click()
    tasks.wait_idle()
    assert requested == [info.path]
    question = prompts.asked[-1][1]
    assert "2 người" in question and "sao lưu trước" in question


def test_declined_restore_requests_nothing(page: BackupsPage, tasks: TaskRunner, prompts: FakePrompts,
                                           requested: list[Path], backups: BackupService) -> None:
    """Answering 'Hủy' leaves everything as it was."""
    backups.backup_now()
    page.reload()
    tasks.wait_idle()
    prompts.confirm_answers.append(False)
    page.restore_selected()
    tasks.wait_idle()
    assert requested == []


def test_damaged_file_is_refused_before_asking(page: BackupsPage, tasks: TaskRunner, prompts: FakePrompts,
                                               requested: list[Path], tmp_path: Path) -> None:
    """'Phục hồi từ tệp khác…' with a damaged file shows the error and asks nothing."""
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(b"khong phai co so du lieu")
    prompts.open_paths.append(bad)
    page.restore_file_button.click()
    tasks.wait_idle()
    assert requested == [] and prompts.errors
    assert not any(kind == "confirm" for kind, _ in prompts.asked)


def test_page_lists_every_automatic_backup(page: BackupsPage) -> None:
    """The page's text names the backup taken before receiving report packages, as docs/backups.md does."""
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "trước khi phục hồi và trước khi nhận gói báo cáo" in texts
