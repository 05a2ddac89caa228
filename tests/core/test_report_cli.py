"""The 'report year-end' subcommand: files written, Vietnamese summary, exit codes, nothing on failure."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from khoi_desktop.cli.report_cmd import REPORT_COMMANDS
from khoi_desktop.services.app import Services
from tests.core.year_end_support import full_year

CLI = click.Group("main.py", commands={command.name: command for command in REPORT_COMMANDS})


@pytest.fixture
def ready(services: Services) -> str:
    """The hand-counted bloc in the fixture's database file; its document code selects it."""
    full_year(services)
    return "ĐUK"


def _run(*args: str) -> Result:
    return CliRunner().invoke(CLI, list(args))


def test_year_end_writes_pdf_docx_and_xlsx(ready: str, db_path: Path, tmp_path: Path) -> None:
    """Exit 0, a Vietnamese summary naming the files, the three files at their paths."""
    out = tmp_path / "out"
    out.mkdir()
    result = _run("report", "year-end", "--org", ready, "--year", "2018", "--out", str(out / "bc.pdf"),
                  "--docx", str(out / "bc.docx"), "--xlsx", str(out / "bc.xlsx"), "--number", "7",
                  "--date", "20/12/2018", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Đã ghi Báo cáo tổng kết việc học tập và làm theo" in result.stdout
    assert "Đảng bộ Khối các cơ quan tỉnh" in result.stdout
    text = " ".join((page.extract_text() or "") for page in PdfReader(out / "bc.pdf").pages)
    assert "Số 07-BC/ĐUK" in text and "ngày 20 tháng 12 năm 2018" in text
    assert sorted(p.name for p in out.iterdir()) == ["bc.docx", "bc.pdf", "bc.xlsx"]


@pytest.mark.parametrize(("args", "message"), [
    (["--org", "không có", "--year", "2018"], "Lỗi:"),
    (["--org", "ĐUK", "--year", "1999"], "Năm 1999"),
    (["--org", "ĐUK", "--year", "2018", "--date", "31/02/2018"], "không có ngày 31"),
    (["--org", "ĐUK", "--year", "2018", "--number", "0"], "Số văn bản"),
])
def test_bad_input_exits_1_and_writes_nothing(ready: str, db_path: Path, tmp_path: Path, args: list[str],
                                              message: str) -> None:
    """Unknown organisation, year out of range, a date that does not exist, a bad number."""
    out = tmp_path / "out"
    out.mkdir()
    result = _run("report", "year-end", *args, "--out", str(out / "bc.pdf"), "--xlsx", str(out / "bc.xlsx"),
                  "--db", str(db_path))
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert list(out.iterdir()) == []


def test_missing_database_and_missing_folder(tmp_path: Path, ready: str, db_path: Path) -> None:
    """A database that does not exist, or an output folder that does not, is a clear error."""
    missing_db = _run("report", "year-end", "--org", "ĐUK", "--year", "2018", "--out", str(tmp_path / "a.pdf"),
                      "--db", str(tmp_path / "nothing.sqlite"))
    assert missing_db.exit_code == 1 and "Không tìm thấy cơ sở dữ liệu" in missing_db.stderr
    missing_dir = _run("report", "year-end", "--org", "ĐUK", "--year", "2018", "--out",
                       str(tmp_path / "none" / "a.pdf"), "--db", str(db_path))
    assert missing_dir.exit_code == 1 and "không tồn tại" in missing_dir.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_required_options_are_usage_errors(ready: str, db_path: Path) -> None:
    """Without --out the command does not run."""
    result = _run("report", "year-end", "--org", "ĐUK", "--year", "2018", "--db", str(db_path))
    assert result.exit_code != 0 and "--out" in result.output


def test_year_end_names_the_empty_sections_and_prints_them_with_dotted_lines(ready: str, db_path: Path,
                                                                             tmp_path: Path) -> None:
    """The CLI lists the sections nobody wrote; with --blank-lines their headings print over dotted lines,
    without it they are left out."""
    plain, blanks = tmp_path / "bc.pdf", tmp_path / "bc-dong-cham.pdf"
    result = _run("report", "year-end", "--org", ready, "--year", "2018", "--out", str(plain), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Các mục chưa có nội dung" in result.stdout and "Bài học kinh nghiệm" in result.stdout
    result = _run("report", "year-end", "--org", ready, "--year", "2018", "--out", str(blanks), "--blank-lines",
                  "--db", str(db_path))
    assert result.exit_code == 0, result.output
    without = " ".join((page.extract_text() or "") for page in PdfReader(plain).pages)
    with_dots = " ".join((page.extract_text() or "") for page in PdfReader(blanks).pages)
    assert "Bài học kinh nghiệm" not in without and "Bài học kinh nghiệm" in with_dots
    assert "...................." in with_dots and "...................." not in without
