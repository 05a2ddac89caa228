"""import-members and export-members: Vietnamese summaries, exit 1 on bad input, nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from khoi_desktop.cli.people_cmd import export_members_command, import_members_command
from khoi_desktop.services.app import Services

DATA = Path(__file__).resolve().parents[1] / "data"


def run(command, *args: object):
    return CliRunner().invoke(command, [str(arg) for arg in args], catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names_in(db_path: Path) -> set[str]:
    services = Services.open(db_path)
    try:
        return {row.full_name for row in services.people.list()}
    finally:
        services.close()


def test_import_members_adds_the_file_to_the_organisation(filled_db: Path) -> None:
    """A clean file: exit 0 and a Vietnamese summary naming the organisation."""
    result = run(import_members_command, DATA / "people_clean.xlsx", "--org", "CB", "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "Đã nhập 5 người mới" in result.output and "Chi bộ Kho bạc Nhà nước tỉnh" in result.output
    assert "Trần Thị Hương" in names_in(filled_db)


def test_import_members_refuses_a_file_with_errors(filled_db: Path) -> None:
    """Without --skip-invalid, rows with errors: each listed, exit 1, database unchanged."""
    before = digest(filled_db)
    result = run(import_members_command, DATA / "people_bad_values.xlsx", "--org", "CB", "--db", filled_db)
    assert result.exit_code == 1
    assert "Dòng 2, cột Ngày sinh" in result.output
    assert "Lỗi: tệp có" in result.output and "--skip-invalid" in result.output
    assert digest(filled_db) == before


def test_skip_invalid_imports_the_rest_and_writes_the_report(filled_db: Path, tmp_path: Path) -> None:
    """--skip-invalid stores the valid rows and writes the error report where asked."""
    report = tmp_path / "loi.xlsx"
    result = run(import_members_command, DATA / "people_bad_values.xlsx", "--org", "CB", "--skip-invalid",
                 "--report", report, "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "dòng có lỗi không được nhập" in result.output and str(report) in result.output
    assert "Lê Văn Tám" in names_in(filled_db)
    rows = list(openpyxl.load_workbook(report).active.iter_rows(values_only=True))
    assert any(row[0] == 2 and row[1] == "Ngày sinh" for row in rows)


def test_update_existing_is_an_option(filled_db: Path) -> None:
    """Importing twice skips the known people; --update-existing updates them instead."""
    run(import_members_command, DATA / "people_clean.xlsx", "--org", "CB", "--db", filled_db)
    again = run(import_members_command, DATA / "people_clean.xlsx", "--org", "CB", "--db", filled_db)
    assert "Đã nhập 0 người mới" in again.output and "bỏ qua 5 dòng trùng" in again.output
    update = run(import_members_command, DATA / "people_clean.xlsx", "--org", "CB", "--update-existing",
                 "--db", filled_db)
    assert "cập nhật 5 người đã có" in update.output


@pytest.mark.parametrize(("name", "org", "expected"), [
    ("password.xlsx", "CB", "mật khẩu"),
    ("truncated.xlsx", "CB", "bị hỏng"),
    ("word_renamed.xlsx", "CB", "tệp Word"),
    ("khong_co.xlsx", "CB", "không tìm thấy tệp"),
    ("people_clean.xlsx", "Không có tổ chức này", "Không tìm thấy tổ chức"),
])
def test_bad_input_exits_1_in_vietnamese_and_changes_nothing(filled_db: Path, name: str, org: str,
                                                            expected: str) -> None:
    """Bad files and unknown organisations: one Vietnamese line, exit 1, same database bytes."""
    before = digest(filled_db)
    result = run(import_members_command, DATA / name, "--org", org, "--db", filled_db)
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: ") and expected in result.output
    assert "Traceback" not in result.output
    assert digest(filled_db) == before


def test_export_members_writes_the_organisation_and_children(filled_db: Path, tmp_path: Path) -> None:
    """export-members --org of the bloc includes the branch under it; read back with openpyxl."""
    out = tmp_path / "ds.xlsx"
    result = run(export_members_command, "--org", "Khối", "--out", out, "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Đã xuất 2 người ra tệp “{out}”."
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH CÁN BỘ, ĐẢNG VIÊN"
    names = {row[1] for row in rows if isinstance(row[0], int)}
    assert names == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_export_members_refuses_a_wrong_extension(filled_db: Path, tmp_path: Path) -> None:
    """--out must be a .xlsx; otherwise exit 1 and no file."""
    result = run(export_members_command, "--out", tmp_path / "ds.csv", "--db", filled_db)
    assert result.exit_code == 1 and "đuôi .xlsx" in result.output
    assert not (tmp_path / "ds.csv").exists()


def test_commands_never_create_a_database(tmp_path: Path) -> None:
    """A missing --db file is reported, not created."""
    missing = tmp_path / "khong_co.sqlite"
    result = run(export_members_command, "--out", tmp_path / "ds.xlsx", "--db", missing)
    assert result.exit_code == 1 and "Không tìm thấy cơ sở dữ liệu" in result.output
    assert not missing.exists()
