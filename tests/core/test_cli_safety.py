"""The command line beside an open window, on read-only files and with system errors."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from khoi_desktop.cli.main import main
from khoi_desktop.file_lock import WriterLock


@pytest.fixture
def window_open(filled_db: Path) -> Iterator[Path]:
    """The database as a window holds it: its lock taken (by this process, like the window)."""
    lock = WriterLock(filled_db)
    lock.acquire()
    try:
        yield filled_db
    finally:
        lock.release()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _other_process_holds(database: Path) -> str:
    """Rewrite the lock as held by another live process (our parent: the test runner's)."""
    lock = Path(f"{database}.lock")
    lines = lock.read_text().split("\n")
    lock.write_text("\n".join([str(os.getppid()), *lines[1:]]))
    return str(os.getppid())


@pytest.mark.parametrize("args", [
    ["demo", "--overwrite"],
    ["restore", "BACKUP"],
    ["import-members", "LIST", "--org", "CB"],
])
def test_writing_commands_refuse_while_a_window_has_the_file(window_open: Path, tmp_path: Path, args: list[str],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is written; the message names the file and the holder."""
    backup = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", str(window_open), "--out", str(backup)]) == 0
    holder = _other_process_holds(window_open)
    before = _digest(window_open)
    args = [str(backup) if a == "BACKUP" else str(tmp_path / "ds.xlsx") if a == "LIST" else a for a in args]
    capsys.readouterr()
    assert main([*args, "--db", str(window_open)]) == 1
    err = capsys.readouterr().err
    assert f"“{window_open.name}” đang được mở bởi Khối Desktop" in err and f"tiến trình số {holder}" in err
    assert _digest(window_open) == before


def test_reading_commands_work_beside_an_open_window(window_open: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _other_process_holds(window_open)
    before = _digest(window_open)
    assert main(["check", "--db", str(window_open)]) == 0
    assert main(["list", "people", "--db", str(window_open)]) == 0
    assert main(["backup", "--db", str(window_open), "--out", str(tmp_path / "bản sao.sqlite")]) == 0
    assert main(["export-members", "--db", str(window_open), "--out", str(tmp_path / "ds.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Nguyễn Văn An" in out and "Kiểm tra toàn vẹn: tốt" in out
    assert _digest(window_open) == before


def test_check_on_an_empty_file_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "đĩa" / "rỗng.sqlite"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    assert main(["check", "--db", str(empty)]) == 1
    assert "“rỗng.sqlite” rỗng (0 byte)" in capsys.readouterr().err
    assert empty.stat().st_size == 0 and [p.name for p in empty.parent.iterdir()] == ["rỗng.sqlite"]


def test_reading_commands_never_write_the_file(filled_db: Path, tmp_path: Path) -> None:
    """check, list and backup open the file read-only: not a byte changes, no journal appears."""
    stamp = filled_db.stat().st_mtime_ns
    before = _digest(filled_db)
    assert main(["check", "--db", str(filled_db)]) == 0
    assert main(["backup", "--db", str(filled_db), "--out", str(tmp_path / "b.sqlite")]) == 0
    assert _digest(filled_db) == before and filled_db.stat().st_mtime_ns == stamp


@pytest.mark.skipif(os.name != "nt" and os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_database_can_be_checked_and_backed_up(filled_db: Path, tmp_path: Path) -> None:
    filled_db.chmod(0o444)
    filled_db.parent.chmod(0o555)
    try:
        out = tmp_path.parent / f"{tmp_path.name}-sao-luu.sqlite"
        assert main(["check", "--db", str(filled_db)]) == 0
        assert main(["backup", "--db", str(filled_db), "--out", str(out)]) == 0
        out.unlink()
    finally:
        filled_db.parent.chmod(0o755)
        filled_db.chmod(0o644)


def test_backup_out_never_leaves_a_partial_file(filled_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A failure while writing --out leaves neither the final name nor a temporary file."""
    from khoi_desktop import durable

    def full(_path: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable, "fsync_file", full)
    target = tmp_path / "ra" / "bản sao.sqlite"
    target.parent.mkdir()
    assert main(["backup", "--db", str(filled_db), "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "đã đầy" in err and "No space" not in err
    assert list(target.parent.iterdir()) == []


def test_sqlite_system_errors_become_vietnamese_sentences_naming_the_file(filled_db: Path,
                                                                          monkeypatch: pytest.MonkeyPatch,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """'database or disk is full' and 'disk I/O error' never reach the clerk in English."""
    from khoi_desktop.services.people import PeopleService

    for english, vietnamese in (("database or disk is full", "đã đầy"), ("disk I/O error", "lỗi đọc ghi")):
        def broken(*_args: object, _text: str = english, **_kwargs: object) -> None:
            raise sqlite3.OperationalError(_text)

        monkeypatch.setattr(PeopleService, "list", broken)
        assert main(["list", "people", "--db", str(filled_db)]) == 1
        err = capsys.readouterr().err
        assert vietnamese in err and filled_db.name in err and english not in err
