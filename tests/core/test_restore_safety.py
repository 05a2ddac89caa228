"""Restore cannot destroy: every refusal and every failure leaves the current file exactly as it was."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from khoi_desktop import durable
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.domain.models import PersonInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import restore_backup
from khoi_desktop.storage import maintenance_repo
from khoi_desktop.storage.migrations import MIGRATION_SET
from tests.conftest import add_branch_with_people

Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def current(tmp_path: Path) -> Path:
    """The clerk's database: two people, closed, its WAL folded in (a stable byte digest)."""
    path = tmp_path / "dữ liệu" / "khoi.sqlite"
    path.parent.mkdir()
    services = Services.open(path)
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    services.close()
    return path


@pytest.fixture
def good_backup(tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "bản sao lưu.sqlite"
    path.parent.mkdir()
    services = Services.open(path)
    add_branch_with_people(services, ["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"])
    services.close()
    return path


def _add_person(services: Services, name: str) -> None:
    branch = services.people.get(services.people.list()[0].id).organization_id
    services.people.create(PersonInput(full_name=name, organization_id=branch))


def _state(database: Path) -> dict[str, str]:
    """Every file in the database's folder with its content digest (leftovers would show)."""
    return {entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
            for entry in sorted(database.parent.iterdir()) if entry.is_file()}


def _people(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return sorted(row[0] for row in conn.execute("SELECT full_name FROM people"))
    finally:
        conn.close()


def _refused(source: Path, current: Path, tmp_path: Path, match: str) -> None:
    before = _state(current)
    with pytest.raises(StorageError, match=match) as caught:
        restore_backup(source, current, folder=tmp_path / "sao-luu")
    assert "kiem-tra" not in caught.value.message and ".khoi-phuc-hoi" not in caught.value.message
    assert _state(current) == before
    assert not (tmp_path / "sao-luu").exists() or not any((tmp_path / "sao-luu").iterdir())


def test_an_empty_file_is_refused_and_nothing_changes(current: Path, tmp_path: Path) -> None:
    """The 0-byte 'backup' that used to empty the database is refused by name."""
    empty = tmp_path / "rỗng.sqlite"
    empty.write_bytes(b"")
    _refused(empty, current, tmp_path, "“rỗng.sqlite” rỗng")


def test_a_text_file_is_refused(current: Path, tmp_path: Path) -> None:
    text = tmp_path / "ghi chú.sqlite"
    text.write_text("không phải cơ sở dữ liệu")
    _refused(text, current, tmp_path, "“ghi chú.sqlite”")


def test_a_damaged_backup_is_refused_naming_the_users_file(current: Path, good_backup: Path,
                                                           tmp_path: Path) -> None:
    """quick_check runs on a copy; the message names the user's file, never the probe."""
    data = bytearray(good_backup.read_bytes())
    scribble = random.Random(13)
    for offset in range(4096 * 2, len(data), 4096):  # scribble over every page after the first two
        data[offset + 100: offset + 400] = scribble.randbytes(300)
    good_backup.write_bytes(bytes(data))
    _refused(good_backup, current, tmp_path, "bản sao lưu.sqlite")


def test_another_programs_database_is_refused(current: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "khác.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE hoa_don (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    _refused(foreign, current, tmp_path, "không phải của Khối Desktop")


def test_a_database_missing_the_apps_tables_is_refused(current: Path, good_backup: Path,
                                                        tmp_path: Path) -> None:
    conn = sqlite3.connect(good_backup)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE attendance")
    conn.commit()
    conn.close()
    _refused(good_backup, current, tmp_path, "thiếu bảng")


def test_a_newer_versions_backup_is_refused(current: Path, good_backup: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(good_backup)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, 'm9999_sau', '')",
                 [MIGRATION_SET])
    conn.commit()
    conn.close()
    _refused(good_backup, current, tmp_path, "phiên bản Khối Desktop mới hơn")


def test_too_little_free_space_is_refused_first_with_the_size_needed(current: Path, good_backup: Path,
                                                                       tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A nearly full disk: a Vietnamese sentence with how much is needed, nothing written."""
    monkeypatch.setattr(durable.shutil, "disk_usage", lambda _folder: Usage(10**9, 10**9 - 4096, 4096))
    _refused(good_backup, current, tmp_path, r"không đủ chỗ trống để phục hồi: cần khoảng [\d,]+ (KB|MB), chỉ còn 4 KB")


def test_a_failing_swap_leaves_the_current_file_and_no_temporary_files(current: Path, good_backup: Path,
                                                                       tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills at the very last step (the rename): the current data is whole, nothing is left."""
    people = _people(current)

    def full_disk(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable.os, "replace", full_disk)
    with pytest.raises(StorageError) as caught:
        restore_backup(good_backup, current, folder=tmp_path / "sao-luu")
    assert "No space" not in caught.value.message and "đã đầy" in caught.value.message
    assert _people(current) == people
    assert sorted(p.name for p in current.parent.iterdir()) == ["khoi.sqlite"]
    monkeypatch.undo()
    again = restore_backup(good_backup, current, folder=tmp_path / "sao-luu")  # a second try works
    assert again is not None and _people(current) == _people(good_backup)


def test_a_backups_wal_is_restored_too(current: Path, tmp_path: Path) -> None:
    """A backup copied with its -wal (committed rows not yet in the main file) is restored whole."""
    source = tmp_path / "usb" / "mở dở.sqlite"
    source.parent.mkdir()
    services = Services.open(source)
    add_branch_with_people(services, ["Lê Văn Cường"])
    services.db.execute("PRAGMA wal_autocheckpoint = 0")
    _add_person(services, "Ngô Thị Gấm")
    copied = tmp_path / "chép" / "mở dở.sqlite"
    copied.parent.mkdir()
    shutil.copyfile(source, copied)
    shutil.copyfile(f"{source}-wal", f"{copied}-wal")  # copied while the program had it open
    services.close()
    assert Path(f"{copied}-wal").stat().st_size > 0
    restore_backup(copied, current, folder=tmp_path / "sao-luu")
    assert _people(current) == ["Lê Văn Cường", "Ngô Thị Gấm"]
    assert Path(f"{copied}-wal").exists()  # the source is only read


def test_restore_keeps_the_current_data_in_the_backup_folder_and_leaves_no_journal(current: Path,
                                                                                   good_backup: Path,
                                                                                   tmp_path: Path) -> None:
    before = _people(current)
    kept = restore_backup(good_backup, current, folder=tmp_path / "sao-luu")
    assert kept is not None and _people(kept) == before
    assert _people(current) == _people(good_backup)
    assert sorted(p.name for p in current.parent.iterdir()) == ["khoi.sqlite"]
    assert Services.open(current, full_check=True).quick_check() == ["ok"]


def test_restore_over_a_file_with_a_wal_does_not_replay_the_old_journal(current: Path, good_backup: Path,
                                                                        tmp_path: Path) -> None:
    """The current file's committed -wal is folded into it (and kept) before the swap."""
    services = Services.open(current)
    services.db.execute("PRAGMA wal_autocheckpoint = 0")
    _add_person(services, "Vũ Văn Hòa")
    snapshot = tmp_path / "giữa chừng"
    snapshot.mkdir()
    shutil.copyfile(current, snapshot / "khoi.sqlite")
    shutil.copyfile(f"{current}-wal", snapshot / "khoi.sqlite-wal")
    services.close()
    shutil.copyfile(snapshot / "khoi.sqlite", current)  # as a crash left it: main file + -wal
    shutil.copyfile(snapshot / "khoi.sqlite-wal", f"{current}-wal")
    kept = restore_backup(good_backup, current, folder=tmp_path / "sao-luu")
    assert "Vũ Văn Hòa" in _people(kept)
    assert _people(current) == _people(good_backup)


def test_validate_names_the_users_file(tmp_path: Path) -> None:
    broken = tmp_path / "hỏng.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(StorageError, match="hỏng.sqlite") as caught:
        maintenance_repo.validate_backup(broken)
    assert "kiem-tra" not in caught.value.message
