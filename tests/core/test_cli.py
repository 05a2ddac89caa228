"""The command line: Vietnamese summaries, exit codes, no tracebacks, nothing changed on failure."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from khoi_desktop.cli.main import main
from khoi_desktop.services.app import Services
from khoi_desktop.storage import maintenance_repo
from tests.conftest import add_branch_with_people

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    services = Services.open(db_path)
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức"])
    services.close()
    return db_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_prints_a_vietnamese_summary(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check reports integrity, schema version and counts, exit 0."""
    assert main(["check", "--db", str(filled_db)]) == 0
    out = capsys.readouterr().out
    assert "Kiểm tra toàn vẹn: tốt" in out
    assert "Người: 3" in out
    assert "Đảng bộ Khối các cơ quan tỉnh" in out


def test_list_people_is_tab_separated_in_vietnamese_order(filled_db: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """list people prints id<TAB>name… rows, given-name order, and a count on stderr."""
    assert main(["list", "people", "--db", str(filled_db), "--org", "CB"]) == 0
    captured = capsys.readouterr()
    names = [line.split("\t")[1] for line in captured.out.splitlines()]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức"]
    assert "Tổng cộng: 3 người." in captured.err


def test_list_orgs_and_meetings(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list orgs shows both organisations; list meetings on an empty year prints no rows."""
    assert main(["list", "orgs", "--db", str(filled_db)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["list", "meetings", "--db", str(filled_db), "--year", "2026"]) == 0
    assert capsys.readouterr().out == ""


def test_backup_then_restore_round_trip(filled_db: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A backup restores over a changed database and the previous file is kept aside."""
    backup = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", str(filled_db), "--out", str(backup)]) == 0
    services = Services.open(filled_db)
    services.people.retire(services.people.list()[0].id)
    services.close()
    assert main(["restore", str(backup), "--db", str(filled_db)]) == 0
    out = capsys.readouterr().out
    assert "Đã phục hồi" in out and "được giữ ở" in out
    services = Services.open(filled_db)
    assert services.people.count() == 3
    services.close()


def test_restore_checks_the_source_once_and_reports_what_is_in_place(
        filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The command copies and fully checks the backup once (a second pass cost ~1 s on a bloc file),
    then says how many people and meetings the restored file holds."""
    backup = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", str(filled_db), "--out", str(backup)]) == 0
    checks: list[Path] = []
    check = maintenance_repo._copy_and_check
    monkeypatch.setattr(maintenance_repo, "_copy_and_check",
                        lambda source, copy, *rest: checks.append(source) or check(source, copy, *rest))
    capsys.readouterr()
    assert main(["restore", str(backup), "--db", str(filled_db)]) == 0
    assert checks == [backup]
    with closing(sqlite3.connect(filled_db)) as restored:
        people, meetings = (restored.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                            for table in ("people", "meetings"))
    assert people == 3 and f"{people} người, {meetings} buổi sinh hoạt" in capsys.readouterr().out


def test_backup_refuses_to_overwrite(filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An existing backup target is never overwritten."""
    target = tmp_path / "co-san.sqlite"
    target.write_text("giữ nguyên", encoding="utf-8")
    assert main(["backup", "--db", str(filled_db), "--out", str(target)]) == 1
    assert "đã có" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "giữ nguyên"


def test_missing_database_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check on a path that does not exist fails with exit 1 and creates nothing."""
    missing = tmp_path / "khong-co.sqlite"
    assert main(["check", "--db", str(missing)]) == 1
    assert "Không tìm thấy cơ sở dữ liệu" in capsys.readouterr().err
    assert not missing.exists()


def test_not_a_database_is_refused_unchanged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A text file passed as --db is refused and left as it was."""
    fake = tmp_path / "van-ban.sqlite"
    fake.write_text("xin chào", encoding="utf-8")
    assert main(["list", "people", "--db", str(fake)]) == 1
    assert "không phải" in capsys.readouterr().err
    assert fake.read_text(encoding="utf-8") == "xin chào"


def test_newer_database_is_refused_unchanged(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A database written by a newer version: exit 1, Vietnamese reason, bytes unchanged."""
    conn = sqlite3.connect(filled_db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('khoi', 'm9000_x', 'x')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(filled_db)
    assert main(["check", "--db", str(filled_db)]) == 1
    assert "mới hơn" in capsys.readouterr().err
    assert _digest(filled_db) == before


def test_restore_refuses_a_bad_backup(filled_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Restoring from a non-database file changes nothing."""
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(b"\x00" * 100)
    before = _digest(filled_db)
    assert main(["restore", str(bad), "--db", str(filled_db)]) == 1
    assert "Lỗi:" in capsys.readouterr().err
    assert _digest(filled_db) == before


@pytest.mark.skipif(sys.platform != "linux", reason="/proc is Linux's never-writable folder")
def test_unwritable_folder_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    """A database that cannot be created there gets a Vietnamese message, not a traceback."""
    assert main(["demo", "--db", "/proc/khoi-demo.sqlite"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and "Traceback" not in err


def test_unknown_option_is_a_vietnamese_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped option exits 1 with a Vietnamese hint."""
    assert main(["check", "--khong-co"]) == 1
    assert "tham số không đúng" in capsys.readouterr().err


def test_help_speaks_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """Click's own headings and messages are Vietnamese: no 'Usage:' or 'Options' reach the clerk."""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Cách dùng:" in out and "Tùy chọn" in out and "Lệnh" in out
    assert "Usage:" not in out and "Show this message" not in out
    assert main(["list", "khong-co"]) == 1
    assert "không thuộc các lựa chọn" in capsys.readouterr().err


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """--help works for every subcommand and describes it in Vietnamese."""
    for command in ("demo", "check", "backup", "restore", "list", "minutes", "sign-in-sheet", "resolution",
                    "import-members", "export-members"):
        assert main([command, "--help"]) == 0
        assert "--db" in capsys.readouterr().out


def test_main_py_runs_headless_without_traceback(tmp_path: Path) -> None:
    """python main.py check on a missing file: exit 1, Vietnamese message, no traceback, no Qt."""
    env = dict(os.environ, KHOI_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check"], capture_output=True,
                            text=True, encoding="utf-8", env=env, cwd=ROOT)
    assert result.returncode == 1
    assert "Không tìm thấy cơ sở dữ liệu" in result.stderr
    assert "Traceback" not in result.stderr
