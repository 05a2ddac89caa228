"""The minutes, sign-in-sheet and resolution subcommands: summaries, exit codes, nothing on failure."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from khoi_desktop.cli.meetings_cmd import MEETING_COMMANDS
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Kit, fill_meeting, hand_counted_branch, mark_by_hand, new_meeting

CLI = click.Group("main.py", commands={command.name: command for command in MEETING_COMMANDS})


@pytest.fixture
def ready(services: Services) -> int:
    """A printable meeting in the fixture's database file."""
    kit = Kit.over(services)
    branch = hand_counted_branch(services)
    meeting_id = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    mark_by_hand(kit, meeting_id, branch)
    fill_meeting(kit, meeting_id, branch)
    return meeting_id


def _run(*args: str) -> Result:
    return CliRunner().invoke(CLI, list(args))


def test_minutes_writes_the_pdf_and_says_its_number(ready: int, db_path: Path, tmp_path: Path) -> None:
    """Exit 0, a Vietnamese summary with the number, a PDF at --out."""
    out = tmp_path / "bien-ban.pdf"
    result = _run("minutes", str(ready), "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Đã ghi Biên bản sinh hoạt chi bộ thường kỳ tháng 11 năm 2026 Số 01-BB/CB" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")


def test_sign_in_sheet_and_resolution(ready: int, db_path: Path, tmp_path: Path) -> None:
    """Both documents are written; only the resolution is numbered."""
    sheet = _run("sign-in-sheet", str(ready), "--out", str(tmp_path / "ds.pdf"), "--db", str(db_path))
    assert sheet.exit_code == 0 and "Danh sách đảng viên dự họp" in sheet.stdout and "Số" not in sheet.stdout
    resolution = _run("resolution", str(ready), "--out", str(tmp_path / "nq.pdf"), "--db", str(db_path))
    assert resolution.exit_code == 0 and "Số 01-NQ/CB" in resolution.stdout


def test_unknown_meeting_fails_in_vietnamese_without_a_file(ready: int, db_path: Path, tmp_path: Path) -> None:
    """A wrong id: exit 1, a Vietnamese message, no output file, no traceback."""
    out = tmp_path / "khong-co.pdf"
    result = _run("minutes", "999", "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 1
    assert "Lỗi: Không có buổi sinh hoạt mã số 999." in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_refusals_leave_existing_files_alone(services: Services, db_path: Path, tmp_path: Path) -> None:
    """Unmarked attendance or no resolution: exit 1 and an existing --out file is untouched."""
    kit = Kit.over(services)
    branch = hand_counted_branch(services)
    meeting_id = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    out = tmp_path / "cu.pdf"
    out.write_bytes(b"ban cu")
    minutes = _run("minutes", str(meeting_id), "--out", str(out), "--db", str(db_path))
    assert minutes.exit_code == 1 and "chưa điểm danh" in minutes.stderr
    resolution = _run("resolution", str(meeting_id), "--out", str(out), "--db", str(db_path))
    assert resolution.exit_code == 1 and "chưa có nghị quyết" in resolution.stderr
    assert out.read_bytes() == b"ban cu"


def test_bad_output_folder_or_database(ready: int, db_path: Path, tmp_path: Path) -> None:
    """A missing folder or database is explained; nothing is created."""
    missing_dir = _run("minutes", str(ready), "--out", str(tmp_path / "khong" / "a.pdf"), "--db", str(db_path))
    assert missing_dir.exit_code == 1 and "không tồn tại" in missing_dir.stderr
    missing_db = _run("minutes", str(ready), "--out", str(tmp_path / "a.pdf"), "--db", str(tmp_path / "x.sqlite"))
    assert missing_db.exit_code == 1 and "Không tìm thấy cơ sở dữ liệu" in missing_db.stderr
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "x.sqlite").exists()


def test_usage_errors_exit_non_zero(db_path: Path) -> None:
    """A non-numeric id or a missing --out is a usage error."""
    assert _run("minutes", "abc", "--out", "a.pdf", "--db", str(db_path)).exit_code != 0
    assert _run("minutes", "1", "--db", str(db_path)).exit_code != 0


@pytest.mark.parametrize("name", ["minutes", "sign-in-sheet", "resolution"])
def test_every_command_has_vietnamese_help(name: str) -> None:
    """--help names --out and --db and describes the job in Vietnamese."""
    result = _run(name, "--help")
    assert result.exit_code == 0 and "--out" in result.output and "--db" in result.output
    assert "buổi sinh hoạt" in result.output


def test_a_meeting_id_too_long_for_the_database_is_a_usage_error(ready: int, db_path: Path, tmp_path: Path) -> None:
    """A 20-digit id is refused as out of range, not as an OverflowError from SQLite."""
    out = tmp_path / "khong-co.pdf"
    result = _run("minutes", "99999999999999999999", "--out", str(out), "--db", str(db_path))
    assert result.exit_code != 0 and "MEETING_ID" in result.output
    assert "Overflow" not in result.output and not out.exists()
