"""Backups and restore report real steps: pages and bytes done over the whole, rising to the total."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khoi_desktop.domain.errors import OperationCancelled
from khoi_desktop.progress import Stages
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import BackupService, restore_backup
from khoi_desktop.storage import maintenance_repo
from tests.conftest import add_branch_with_people
from tests.core.progress_support import Recorder

FILLER_BYTES = 2 * 1024 * 1024  # a few hundred pages: the copy reports in several steps


def _database(path: Path, names: list[str]) -> Path:
    """A closed database with people and some bulk, so it spans many pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    services = Services.open(path)
    add_branch_with_people(services, names)
    services.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE filler (data BLOB)")
        conn.executemany("INSERT INTO filler VALUES (?)", [(bytes(4096),)] * (FILLER_BYTES // 4096))
    conn.close()
    return path


def _people(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in conn.execute("SELECT full_name FROM people"))
    finally:
        conn.close()


def test_stages_scale_each_stage_into_its_share_and_never_go_back() -> None:
    recorder = Recorder()
    stages = Stages(recorder, [100, 300, 1])
    stages.stage(0)(50, 200)
    stages.stage(0)(10, 200)  # a stage restarting (SQLite's backup can) does not move the bar back
    stages.finish(0)
    stages.stage(1)(1, 3)
    stages.finish(1)
    stages.finish(2)
    assert recorder.calls == [(0, 401), (25, 401), (100, 401), (200, 401), (400, 401), (401, 401)]


def test_a_backup_reports_its_pages_copied_then_its_check(tmp_path: Path) -> None:
    database = _database(tmp_path / "dữ liệu" / "khoi.sqlite", ["Nguyễn Văn An"])
    services = Services.open(database)
    try:
        recorder = Recorder()
        info = BackupService(services.db, database, folder=tmp_path / "sao lưu").backup_now(progress=recorder)
        recorder.assert_rises_to_the_total(at_least=5)
        assert recorder.calls[-2][0] == recorder.calls[-1][1] // 2  # copy done; the check is the other half
        assert _people(info.path) == ["Nguyễn Văn An"]
    finally:
        services.close()


def test_a_backup_to_another_folder_reports_progress(tmp_path: Path) -> None:
    database = _database(tmp_path / "khoi.sqlite", ["Trần Thị Bình"])
    services = Services.open(database)
    try:
        recorder = Recorder()
        usb = tmp_path / "ổ USB"
        usb.mkdir()
        target = BackupService(services.db, database, folder=tmp_path / "sao-luu").backup_to_folder(usb, recorder)
        recorder.assert_rises_to_the_total(at_least=5)
        assert _people(target) == ["Trần Thị Bình"]
    finally:
        services.close()


def test_a_restore_reports_copy_check_keep_and_swap(tmp_path: Path) -> None:
    current = _database(tmp_path / "dữ liệu" / "khoi.sqlite", ["Nguyễn Văn An"])
    source = _database(tmp_path / "usb" / "bản sao lưu.sqlite", ["Lê Văn Cường", "Phạm Thị Dung"])
    recorder = Recorder()
    kept = restore_backup(source, current, folder=tmp_path / "sao-luu", progress=recorder)
    recorder.assert_rises_to_the_total(at_least=6)
    assert recorder.calls[-2][0] == recorder.calls[-1][1] - 1  # the swap is the last step
    assert _people(current) == ["Lê Văn Cường", "Phạm Thị Dung"]
    assert kept is not None and _people(kept) == ["Nguyễn Văn An"]


def test_checking_a_backup_reports_bytes_then_the_check(tmp_path: Path) -> None:
    source = _database(tmp_path / "usb" / "bản sao lưu.sqlite", ["Lê Văn Cường"])
    recorder = Recorder()
    counts = maintenance_repo.validate_backup(source, recorder)
    recorder.assert_rises_to_the_total(at_least=3)
    assert counts["people"] == 1


def test_cancelling_the_check_leaves_no_temporary_copy(tmp_path: Path) -> None:
    source = _database(tmp_path / "usb" / "bản sao lưu.sqlite", ["Lê Văn Cường"])
    work = tmp_path / "tạm"
    work.mkdir()
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # Hủy pressed while the copy is under way

    with pytest.raises(OperationCancelled), maintenance_repo.checked_copy(source, work, cancelled=cancelled):
        pytest.fail("a cancelled check must not hand out its copy")
    assert len(asked) == 2
    assert list(work.iterdir()) == []
