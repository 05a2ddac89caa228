"""registration, self-review, ratings and participation subcommands: summaries, exit codes, nothing on failure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from khoi_desktop.cli.study_cmd import STUDY_COMMANDS
from khoi_desktop.domain.assessments import AssessmentInput
from khoi_desktop.domain.commitments import CommitmentInput, CommitmentItem
from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.services.app import Services
from khoi_desktop.services.assessments import AssessmentService
from khoi_desktop.services.commitments import CommitmentService
from tests.core.meetings_support import Kit
from tests.core.study_support import StudyBloc, hold_study_year, study_bloc

CLI = click.Group("main.py", commands={command.name: command for command in STUDY_COMMANDS})


@pytest.fixture
def world(services: Services) -> StudyBloc:
    """The study bloc, its meetings, Bình's registration and three ratings that break the quota."""
    built = study_bloc(services)
    hold_study_year(Kit.over(services), built)
    registrations = CommitmentService(services.context)
    item = CommitmentItem(registrations.categories_for(2026)[0], "Tuyên truyền nghị quyết")
    registrations.save(CommitmentInput(2026, person_id=built.people["Bình"], signed_on=date(2026, 3, 2), items=(item,)))
    assessments = AssessmentService(services.context)
    for name, level in (("An", RatingLevel.EXCELLENT), ("Bình", RatingLevel.GOOD), ("Cường", RatingLevel.GOOD)):
        assessments.save(AssessmentInput(2026, person_id=built.people[name], self_level=level, decided_level=level))
    return built


def _run(*args: str) -> Result:
    return CliRunner().invoke(CLI, list(args))


def test_registration_by_id(world: StudyBloc, db_path: Path, tmp_path: Path) -> None:
    """Exit 0, a Vietnamese summary naming the member, a PDF at --out."""
    out = tmp_path / "dang-ky.pdf"
    result = _run("registration", str(world.people["Bình"]), "--year", "2026", "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Đã ghi Bản đăng ký năm 2026 của Trần Thị Bình" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")


def test_self_review(world: StudyBloc, db_path: Path, tmp_path: Path) -> None:
    """The self-review of a member who has no text yet still prints, with room to write."""
    out = tmp_path / "kiem-diem.pdf"
    result = _run("self-review", f"id:{world.people['An']}", "--year", "2026", "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Bản kiểm điểm năm 2026 của Nguyễn Văn An" in result.stdout and out.exists()


def test_ratings_with_xlsx_warns_about_the_quota(world: StudyBloc, db_path: Path, tmp_path: Path) -> None:
    """Both files are written; the summary counts the list and warns that 'xuất sắc' is over the quota."""
    out, xlsx = tmp_path / "xep-loai.pdf", tmp_path / "tong-hop.xlsx"
    result = _run("ratings", "--org", str(world.a), "--year", "2026", "--out", str(out), "--xlsx", str(xlsx),
                  "--draft", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "3 đồng chí thuộc diện xếp loại, 0 đồng chí không xếp loại." in result.stdout
    assert "Cảnh báo: Số đảng viên hoàn thành xuất sắc nhiệm vụ (1) vượt tỷ lệ 20%" in result.stdout
    assert out.exists() and xlsx.exists()


def test_participation_prints_the_figures(world: StudyBloc, db_path: Path) -> None:
    """The hand-counted figures, the Vietnamese way."""
    result = _run("participation", "--org", str(world.bloc), "--year", "2026", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Tổng số: 6/9 người, đạt 66,67%; 11/18 lượt, đạt 61,11%." in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("registration", "9999", "--year", "2026"), "Không tìm thấy người có mã số hoặc số thẻ đảng viên “9999”"),
    (("registration", "{An}", "--year", "2026"), "chưa có bản đăng ký năm 2026"),
    (("self-review", "{An}", "--year", "1990"), "Năm 1990 không hợp lệ"),
    (("ratings", "--org", "Không có tổ chức này", "--year", "2026"), "Không tìm thấy tổ chức"),
    (("registration", "99999999999999999999", "--year", "2026"), "Không tìm thấy người có mã số"),
    (("ratings", "--org", "99999999999999999999", "--year", "2026"), "Không tìm thấy tổ chức"),
])
def test_bad_input_fails_in_vietnamese_without_a_file(world: StudyBloc, db_path: Path, tmp_path: Path,
                                                      args: tuple[str, ...], message: str) -> None:
    """Exit 1, the message on stderr, no traceback, no output file."""
    out = tmp_path / "khong.pdf"
    filled = [arg.format(An=world.people["An"]) for arg in args]
    result = _run(*filled, "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    """Reading commands never create a database."""
    missing = tmp_path / "khong-co.sqlite"
    result = _run("ratings", "--org", "1", "--year", "2026", "--out", str(tmp_path / "x.pdf"), "--db", str(missing))
    assert result.exit_code == 1 and "Không tìm thấy cơ sở dữ liệu" in result.stderr and not missing.exists()


@pytest.mark.parametrize(("command", "help_text"), [
    ("participation", "Năm tính số liệu tham gia học tập, quán triệt (ví dụ 2025)."),
    ("registration", "Năm đăng ký học tập và làm theo (ví dụ 2025)."),
    ("self-review", "Năm kiểm điểm (ví dụ 2025)."),
    ("ratings", "Năm đánh giá, xếp loại (ví dụ 2025)."),
])
def test_year_help_says_what_the_year_is_of(command: str, help_text: str) -> None:
    """--year's help fits each command: participation's no longer speaks of registration and rating."""
    year = next(param for param in CLI.commands[command].params if param.name == "year")
    assert getattr(year, "help", "") == help_text
