"""Imports that keep every person: exact repeats once, membership-kind columns, Ghi chú round trip,
invisible characters out of names — on real .xlsx files and a real database."""

from __future__ import annotations

from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

from khoi_desktop.cli.people_cmd import export_members_command, import_members_command
from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.interchange.people_import import Severity
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import PeopleImportService
from tests.conftest import add_branch_with_people

CLI = click.Group("main.py", commands={"import-members": import_members_command,
                                       "export-members": export_members_command})
OFFICIAL, PROBATIONARY = MembershipKind.PARTY_OFFICIAL, MembershipKind.PARTY_PROBATIONARY


def _book(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _sixty(kind_values: tuple[str, str]) -> list[list[object]]:
    """60 people, every fifth probationary, the 8th row repeated exactly after the last."""
    rows = [[n + 1, f"Nguyễn Văn {chr(65 + n % 26)}{chr(97 + n // 26)}", f"{n % 28 + 1:02d}/03/1980",
             f"{10000 + n:06d}", kind_values[1] if n % 5 == 0 else kind_values[0], f"Ghi chú số {n + 1}"]
            for n in range(60)]
    return [*rows, list(rows[7])]




def _kinds(services: Services) -> dict[str, tuple[MembershipKind, ...]]:
    return {row.full_name: tuple(m.kind for m in services.people.get(row.id).memberships)
            for row in services.people.list()}


@pytest.mark.parametrize(("header", "values"), [
    ("Chính thức/Dự bị", ("Chính thức", "Dự bị")),
    ("CT/DB", ("CT", "DB")),
    ("Đảng viên chính thức/dự bị", ("Chính thức", "Dự bị")),
])
def test_a_list_with_a_repeated_row_imports_every_person_with_its_kind(
        services: Services, importer: PeopleImportService, branch: int, tmp_path: Path,
        header: str, values: tuple[str, str]) -> None:
    """61 rows (row 9 repeated as row 62) → 60 people, 12 of them probationary, one warning naming both rows."""
    path = _book(tmp_path / "danh sách.xlsx", ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", header, "Ghi chú"],
                 _sixty(values))
    grid, mapping = importer.read(path)
    preview = importer.preview(grid, mapping, branch)
    repeat = preview.row(62)
    assert repeat is not None and repeat.record.repeats_row == 9
    warning = [p for p in repeat.record.problems if p.other_row == 9]
    assert warning and warning[0].severity is Severity.WARNING and "dòng 62" in warning[0].message \
        and "dòng 9" in warning[0].message
    assert not preview.row(9).record.has_errors
    summary = importer.run(preview)
    assert (summary.created, summary.skipped, summary.invalid) == (60, 1, 0)
    kinds = _kinds(services)
    assert len(kinds) == 60
    assert sum(1 for held in kinds.values() if held == (PROBATIONARY,)) == 12
    assert sum(1 for held in kinds.values() if OFFICIAL in held) == 48


def test_rows_sharing_a_card_but_differing_remain_an_error(importer: PeopleImportService, branch: int,
                                                          tmp_path: Path) -> None:
    """Same card, different birth date: both rows carry the card-number error, as before."""
    path = _book(tmp_path / "ds.xlsx", ["Họ và tên", "Ngày sinh", "Số thẻ"],
                 [["Lê Văn An", "01/01/1980", "012345"], ["Lê Văn An", "02/01/1980", "012345"]])
    grid, mapping = importer.read(path)
    preview = importer.preview(grid, mapping, branch)
    assert all(row.record.has_errors for row in preview.rows)


def test_invisible_characters_are_removed_before_the_duplicate_check(importer: PeopleImportService, branch: int,
                                                                     tmp_path: Path) -> None:
    """'Lê\\u200bVăn An' is 'Lê Văn An'; a name of only invisible marks is an error saying so."""
    path = _book(tmp_path / "ds.xlsx", ["Họ và tên", "Ngày sinh"], [
        ["Lê Văn An", "01/01/1980"], ["Lê\u200b Văn\u200e An\ufeff", "01/01/1980"], ["\u200b\u202e\u2060", "02/02/1981"]])
    grid, mapping = importer.read(path)
    rows = importer.preview(grid, mapping, branch).rows
    assert rows[1].record.full_name == "Lê Văn An"
    assert any(p.other_row == 2 for p in rows[1].record.problems)  # flagged as the same person as row 2
    assert rows[2].record.has_errors
    assert any("không nhìn thấy" in p.message for p in rows[2].record.problems)


def test_ghi_chu_and_kind_round_trip_through_export_and_import(services: Services, branch: int, db_path: Path,
                                                               tmp_path: Path) -> None:
    """export-members writes Tư cách and Ghi chú; import-members into a new database reads them back."""
    source = _book(tmp_path / "nguồn.xlsx", ["Họ và tên", "Ngày sinh", "Tư cách", "Ghi chú"], [
        ["Lê Văn An", "01/01/1980", "Chính thức", "Chuyển đến từ Sở Tài chính"],
        ["Trần Thị Bình", "02/02/1990", "Dự bị", "Đang học lớp trung cấp lý luận"]])
    first = CliRunner().invoke(CLI, ["import-members", str(source), "--org", str(branch), "--since", "01/01/2024",
                                     "--db", str(db_path)])
    assert first.exit_code == 0, first.output
    assert "Sinh hoạt tại tổ chức từ ngày: 01/01/2024." in first.stdout
    exported = tmp_path / "xuất.xlsx"
    assert CliRunner().invoke(CLI, ["export-members", "--out", str(exported), "--db", str(db_path)]).exit_code == 0
    other_db = tmp_path / "khác.sqlite"
    target = add_branch_with_people(Services.open(other_db), [])[0]
    again = CliRunner().invoke(CLI, ["import-members", str(exported), "--org", str(target), "--db", str(other_db)])
    assert again.exit_code == 0, again.output
    reopened = Services.open(other_db)
    try:
        people = {row.full_name: reopened.people.get(row.id) for row in reopened.people.list()}
        assert people["Lê Văn An"].note == "Chuyển đến từ Sở Tài chính"
        assert people["Trần Thị Bình"].note == "Đang học lớp trung cấp lý luận"
        assert [m.kind for m in people["Trần Thị Bình"].memberships] == [PROBATIONARY]
    finally:
        reopened.close()


def test_since_must_be_a_real_date(branch: int, db_path: Path, tmp_path: Path) -> None:
    """--since 31/02/2024: 'Lỗi: …' and exit 1, nothing imported."""
    source = _book(tmp_path / "ds.xlsx", ["Họ và tên"], [["Lê Văn An"]])
    result = CliRunner().invoke(CLI, ["import-members", str(source), "--org", str(branch), "--since", "31/02/2024",
                                      "--db", str(db_path)])
    assert result.exit_code == 1 and "Lỗi:" in result.stderr
