"""BackupService: consistent backups, the list, retention, when to back up, USB, restore."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from khoi_desktop import paths
from khoi_desktop.domain.backups import BackupReason, backup_name
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import BackupService, backups_folder, restore_backup
from khoi_desktop.storage import backups_repo
from tests.conftest import add_branch_with_people

NOW = datetime(2026, 11, 26, 14, 0, 0)


class Clock:
    """A settable clock for the service."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def backups(services: Services, tmp_path: Path, clock: Clock) -> Iterator[BackupService]:
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    yield BackupService(services.db, services.path, folder=tmp_path / "sao-luu", clock=clock)


def _people_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


def _plant(folder: Path, source: Path, created: datetime, reason: str = "dinh-ky") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(created, reason)
    shutil.copyfile(source, target)
    return target


def test_backup_now_writes_a_named_single_file_copy(backups: BackupService) -> None:
    """The backup is khoi-YYYYmmdd-HHMMSS-<reason>.sqlite, self-contained, with the data."""
    info = backups.backup_now(BackupReason.MANUAL)
    assert info.path == backups.folder / "khoi-20261126-140000-thu-cong.sqlite"
    assert (info.people, info.meetings, info.reason) == (2, 0, "thu-cong")
    assert info.size == info.path.stat().st_size > 0
    assert not Path(f"{info.path}-wal").exists()
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_backups_in_the_same_second_get_distinct_times(backups: BackupService) -> None:
    """Backups at the same moment never overwrite each other and never share a timestamp."""
    first = backups.backup_now()
    second = backups.backup_now()
    third = backups.backup_now(BackupReason.START)
    assert len({first.path, second.path, third.path}) == 3
    assert [second.created, third.created] == [first.created + timedelta(seconds=n) for n in (1, 2)]


def test_list_is_newest_first_with_counts(backups: BackupService, services: Services,
                                          clock: Clock) -> None:
    """The list shows every backup newest first, with the counts of each file; other files are ignored."""
    older = backups.backup_now(BackupReason.START)
    add_branch_with_people(services, ["Lê Văn Cường"])
    clock.now += timedelta(hours=1)
    newer = backups.backup_now(BackupReason.PERIODIC)
    (backups.folder / "ghi-chu.txt").write_text("x")
    (backups.folder / (newer.path.name + backups_repo.PARTIAL_SUFFIX)).write_bytes(b"")
    listed = backups.list_backups()
    assert [item.path for item in listed] == [newer.path, older.path]
    assert [item.people for item in listed] == [3, 2]
    assert listed[0].reason_label == "Tự động trong khi làm việc"


def test_unreadable_backup_is_listed_without_counts(backups: BackupService) -> None:
    """A damaged file in the folder is still listed, its counts unknown."""
    backups.folder.mkdir(parents=True)
    (backups.folder / backup_name(NOW, "thu-cong")).write_bytes(b"not a database")
    (item,) = backups.list_backups()
    assert (item.people, item.meetings) == (None, None)


def test_prune_follows_the_retention_rule(backups: BackupService) -> None:
    """Forty daily backups are pruned to what the rule keeps; crash leftovers go, other files stay."""
    source = backups.backup_now().path
    for day in range(1, 41):
        _plant(backups.folder, source, NOW - timedelta(days=day))
    (backups.folder / "ghi-chu.txt").write_text("x")
    leftover = backups.folder / (backup_name(NOW, "dinh-ky") + backups_repo.PARTIAL_SUFFIX)
    leftover.write_bytes(b"half")
    deleted = backups.prune()
    remaining = {item.created for item in backups.list_backups()}
    assert len(deleted) + len(remaining) == 41
    assert NOW in remaining and NOW - timedelta(days=9) in remaining
    assert datetime(2026, 10, 31, 14) in remaining  # the newest of October: monthly rule
    assert NOW - timedelta(days=40) not in remaining
    assert all(not path.exists() for path in deleted)
    assert (backups.folder / "ghi-chu.txt").exists() and not leftover.exists()
    assert backups.prune() == []


def test_due_at_start_after_a_day(backups: BackupService, clock: Clock) -> None:
    """At start a backup is due when there is none, or the newest is a day old."""
    assert backups.due_at_start()
    assert backups.backup_at_start() is not None
    assert not backups.due_at_start(NOW + timedelta(hours=23))
    assert backups.due_at_start(NOW + timedelta(hours=24))
    clock.now = NOW + timedelta(hours=2)
    assert backups.backup_at_start() is None


def test_a_backup_from_the_future_does_not_stop_backups(backups: BackupService, clock: Clock) -> None:
    """If the PC clock was set ahead once, the wrongly dated backup does not block new ones."""
    clock.now = NOW + timedelta(days=400)
    backups.backup_now()
    backups.note_change()
    assert backups.due_at_start(NOW) and backups.due_periodic(NOW)


def test_periodic_backup_only_after_changes_and_thirty_minutes(backups: BackupService,
                                                               services: Services) -> None:
    """Every 30 minutes while changes happen; no change, no backup."""
    backups.backup_now()
    assert not backups.due_periodic(NOW + timedelta(hours=5))
    add_branch_with_people(services, ["Phạm Thị Dung"])
    assert backups.has_changes()
    assert not backups.due_periodic(NOW + timedelta(minutes=29))
    assert backups.due_periodic(NOW + timedelta(minutes=29, seconds=45))  # the timer may fire a bit early
    info = backups.backup_periodic(NOW + timedelta(minutes=31))
    assert info is not None and info.reason == "dinh-ky"
    assert not backups.has_changes()


def test_note_change_marks_work_to_back_up(backups: BackupService) -> None:
    """note_change alone makes the periodic backup due."""
    backups.backup_now()
    backups.note_change()
    assert backups.due_periodic(NOW + timedelta(minutes=45))


def test_backup_at_exit_only_with_unsaved_changes(backups: BackupService, services: Services) -> None:
    """Closing backs up the edits made since the last backup, and nothing otherwise."""
    backups.backup_now()
    assert backups.backup_at_exit() is None
    add_branch_with_people(services, ["Hoàng Văn Em"])
    info = backups.backup_at_exit()
    assert info is not None and info.people == 3


def test_backup_before_prunes(backups: BackupService) -> None:
    """backup_before makes the backup and applies the retention rule."""
    source = backups.backup_now().path
    for day in range(1, 60):
        _plant(backups.folder, source, NOW - timedelta(days=day, hours=1))
    info = backups.backup_before(BackupReason.BEFORE_IMPORT)
    assert info.reason == "truoc-nhap-goi" and info.path.exists()
    assert len(backups.list_backups()) < 60


def test_backup_to_folder_writes_a_copy(backups: BackupService, tmp_path: Path) -> None:
    """A copy lands in the chosen folder (a USB drive)."""
    usb = tmp_path / "usb"
    usb.mkdir()
    target = backups.backup_to_folder(usb)
    assert target.parent == usb and _people_in(target) == 2
    assert list(usb.iterdir()) == [target]


def test_backup_to_missing_folder_says_so(backups: BackupService, tmp_path: Path) -> None:
    """A folder that is not there (USB pulled out) gets a clear Vietnamese message."""
    with pytest.raises(StorageError, match="Không tìm thấy thư mục"):
        backups.backup_to_folder(tmp_path / "usb")


def test_backup_to_read_only_folder_says_so(backups: BackupService, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A write-protected drive gets a message about write protection."""
    usb = tmp_path / "usb"
    usb.mkdir()

    def denied(self: Path, data: bytes) -> int:
        raise PermissionError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_bytes", denied)
    with pytest.raises(StorageError, match="chỉ cho phép đọc"):
        backups.backup_to_folder(usb)


def test_backup_to_full_drive_says_so(backups: BackupService, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Too little free space is refused up front with the sizes in MB."""
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(backups_repo.shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(1, 1, 10))
    with pytest.raises(StorageError, match="không đủ chỗ trống"):
        backups.backup_to_folder(usb)
    assert list(usb.iterdir()) == []


def test_drive_filling_up_mid_write_leaves_nothing(backups: BackupService, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Running out of space while writing: a clear message and no half-written file."""
    usb = tmp_path / "usb"
    usb.mkdir()

    def full(_conn: sqlite3.Connection, partial: Path, _progress: object = None) -> None:
        partial.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups_repo, "_copy_into", full)
    with pytest.raises(StorageError, match="đã đầy"):
        backups.backup_to_folder(usb)
    assert list(usb.iterdir()) == []


def test_restore_brings_back_the_backup_and_keeps_the_current_file(backups: BackupService,
                                                                   services: Services,
                                                                   clock: Clock) -> None:
    """Restore checks the backup, backs up the current data into the folder, then replaces it."""
    saved = backups.backup_now()
    add_branch_with_people(services, ["Vũ Văn Giang"])
    services.close()
    clock.now += timedelta(minutes=5)
    kept = backups.restore(saved.path)
    assert kept is not None and kept.parent == backups.folder and "truoc-phuc-hoi" in kept.name
    assert _people_in(kept) == 3
    reopened = Services.open(services.path)
    assert reopened.people.count() == 2
    reopened.close()
    assert not list(services.path.parent.glob("*.truoc-phuc-hoi-*"))


def test_restore_refuses_a_bad_backup_before_touching_anything(backups: BackupService,
                                                               services: Services, tmp_path: Path) -> None:
    """A damaged backup is refused; the current file and the backup folder are untouched."""
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    services.close()
    before = services.path.read_bytes()
    with pytest.raises(StorageError):
        backups.restore(bad)
    assert services.path.read_bytes() == before
    assert backups.list_backups() == []


def test_restore_over_a_damaged_database_keeps_a_raw_copy(backups: BackupService, services: Services,
                                                          tmp_path: Path) -> None:
    """When the current file cannot be opened, it is copied byte for byte and then replaced."""
    saved = backups.backup_now()
    services.close()
    database = services.path
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    kept = restore_backup(saved.path, database, folder=backups.folder)
    assert kept is not None and kept.read_bytes().startswith(b"SQLite format 3\x00\xff")
    reopened = Services.open(database)
    assert reopened.people.count() == 2
    reopened.close()


def test_restore_refuses_the_file_itself(backups: BackupService, services: Services) -> None:
    """Restoring a database onto itself is refused."""
    with pytest.raises(StorageError, match="trùng"):
        restore_backup(services.path, services.path)


def test_default_database_backs_up_into_sao_luu(tmp_path: Path) -> None:
    """The default database uses <user data>/sao-luu; any other file a stable sub-folder of it."""
    root = paths.user_data_dir() / "sao-luu"
    assert backups_folder(paths.default_database()) == root
    other = backups_folder(tmp_path / "Chi bộ A.sqlite")
    assert other.parent == root and other.name.startswith("Chi-bo-A-")
    assert backups_folder(tmp_path / "Chi bộ A.sqlite") == other
    assert backups_folder(tmp_path / "khac" / "Chi bộ A.sqlite") != other
