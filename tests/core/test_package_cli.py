"""export-package, import-package and report consolidated: summaries, confirmation, exit codes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from khoi_desktop.cli.package_cmd import PACKAGE_COMMANDS
from khoi_desktop.cli.report_cmd import report_group
from khoi_desktop.services.app import Services
from khoi_desktop.services.year_plans import YearPlanService
from tests.core.package_support import database_digest, not_a_zip, open_services
from tests.core.year_end_support import YEAR, Bloc, full_year

CLI = click.Group("main.py", commands={c.name: c for c in (*PACKAGE_COMMANDS, report_group)})


@pytest.fixture
def bloc_db(tmp_path: Path) -> Path:
    path = tmp_path / "khoi-dang-uy-khoi.sqlite"
    opened = open_services(path)
    full_year(opened)
    opened.close()
    return path


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(CLI, [str(a) for a in args])


def _export(db: Path, out: Path, org: str = "Viện Kiểm sát") -> Result:
    return _run("export-package", "--org", org, "--year", YEAR, "--out", out, "--db", db)


def test_export_package_writes_the_zip_and_lists_it(unit: Bloc, db_path: Path, tmp_path: Path) -> None:
    """Exit 0; the summary names the package and its ASCII files."""
    result = _export(db_path, tmp_path / "goi.zip")
    assert result.exit_code == 0, result.output
    assert "Đã ghi Gói báo cáo năm 2018 của Đảng bộ Viện Kiểm sát nhân dân tỉnh" in result.stdout
    assert "BC_tong_ket_2018_Dang_bo_Vien_Kiem_sat_nhan_dan_tinh.pdf" in result.stdout


def test_export_package_bad_minutes_list(unit: Bloc, db_path: Path, tmp_path: Path) -> None:
    """A malformed --minutes: exit 1 in Vietnamese, no file."""
    result = _run("export-package", "--org", "Viện Kiểm sát", "--year", YEAR, "--out", tmp_path / "goi.zip",
                  "--minutes", "12,a", "--db", db_path)
    assert result.exit_code == 1 and "không phải danh sách mã số" in result.stderr
    assert not (tmp_path / "goi.zip").exists()


def test_import_then_a_replacement_needs_yes(unit: Bloc, services: Services, db_path: Path, bloc_db: Path,
                                            tmp_path: Path) -> None:
    """New: imported. Newer without --yes: the preview is printed and nothing changes. With --yes: replaced."""
    assert _export(db_path, tmp_path / "goi-1.zip").exit_code == 0
    first = _run("import-package", tmp_path / "goi-1.zip", "--as", unit.base, "--db", bloc_db)
    assert first.exit_code == 0, first.output
    assert "Gói mới" in first.stdout and "Đã nhận 1 gói báo cáo" in first.stdout and "Đã sao lưu" in first.stdout
    plans = YearPlanService(services.context)
    plans.save(replace(plans.get(unit.base, YEAR).to_input(), focus_content="Nội dung mới"))
    assert _export(db_path, tmp_path / "goi-2.zip").exit_code == 0
    before = database_digest(bloc_db)
    asked = _run("import-package", tmp_path / "goi-2.zip", "--db", bloc_db)
    assert asked.exit_code == 1 and "Nội dung trọng tâm" in asked.stdout and "--yes" in asked.stderr
    assert database_digest(bloc_db) == before
    done = _run("import-package", tmp_path / "goi-2.zip", "--yes", "--db", bloc_db)
    assert done.exit_code == 0 and "Đã nhận 1 gói báo cáo" in done.stdout
    older = _run("import-package", tmp_path / "goi-1.zip", "--db", bloc_db)
    assert older.exit_code == 1 and "cũ hơn gói đã nhận" in older.stderr


def test_a_rejected_package_exits_1_and_changes_nothing(bloc_db: Path, tmp_path: Path) -> None:
    """Not a zip: a Vietnamese reason naming the file, no traceback, the database unchanged."""
    before = database_digest(bloc_db)
    result = _run("import-package", not_a_zip(tmp_path), "--db", bloc_db)
    assert result.exit_code == 1 and "Lỗi: Gói “khong-phai.zip” bị từ chối" in result.stderr
    assert "Traceback" not in result.output and database_digest(bloc_db) == before


def test_report_consolidated(unit: Bloc, db_path: Path, bloc_db: Path, tmp_path: Path) -> None:
    """The consolidated report's files, and the units not yet received."""
    _export(db_path, tmp_path / "goi.zip")
    assert _run("import-package", tmp_path / "goi.zip", "--as", unit.base, "--db", bloc_db).exit_code == 0
    result = _run("report", "consolidated", "--year", YEAR, "--out", tmp_path / "tong-hop.pdf",
                  "--xlsx", tmp_path / "tong-hop.xlsx", "--db", bloc_db)
    assert result.exit_code == 0, result.output
    assert "tổng hợp 1 gói đã nhận" in result.stdout and "Chi bộ Kho bạc Nhà nước tỉnh" in result.stdout
    assert (tmp_path / "tong-hop.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "tong-hop.xlsx").exists()
    with sqlite3.connect(bloc_db) as connection:
        assert connection.execute("SELECT count(*) FROM package_imports").fetchone() == (1,)


def test_export_package_minutes_id_too_long_for_the_database(unit: Bloc, db_path: Path, tmp_path: Path) -> None:
    """A 20-digit meeting id is refused in Vietnamese, not as an OverflowError."""
    result = _run("export-package", "--org", "Viện Kiểm sát", "--year", YEAR, "--out", tmp_path / "goi.zip",
                  "--minutes", "99999999999999999999", "--db", db_path)
    assert result.exit_code == 1 and "không phải danh sách mã số" in result.stderr
    assert "Overflow" not in result.output and not (tmp_path / "goi.zip").exists()
