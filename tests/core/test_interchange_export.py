"""Exports: the styled table writer, the people list and the import error report, read back."""

from __future__ import annotations

import csv
import shutil
import subprocess
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from khoi_desktop.interchange.people_export import PersonRow, export_people, write_error_report
from khoi_desktop.interchange.people_import import (
    ProblemKind,
    RowProblem,
    Severity,
    detect_mapping,
    parse_rows,
)
from khoi_desktop.interchange.sheet_reader import read_sheet
from khoi_desktop.interchange.xlsx_writer import (
    Column,
    ColumnKind,
    SheetWriteError,
    safe_sheet_title,
    write_table,
)

EXPORTED_ON = date(2026, 11, 26)
PEOPLE = [
    PersonRow(
        "Nguyễn Văn Đức",
        date(1980, 5, 12),
        1980,
        "Nam",
        "Bí thư chi bộ",
        "Văn phòng",
        "Chi bộ Văn phòng (chính thức)",
        "012345678901",
        date(2005, 3, 2),
        date(2006, 3, 2),
        "Đang sinh hoạt",
    ),
    PersonRow(
        "Phạm Ngọc Ánh",
        None,
        1975,
        "Nữ",
        "",
        "Văn phòng",
        "",
        "000000000123",
        date(1999, 1, 20),
        None,
        "Đang sinh hoạt",
    ),
    PersonRow('=HYPERLINK("http://x","bấm")', None, None, "", "+1 chức vụ", "-2", "@SUM(A1)", "#N/A"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "danh_sach.xlsx"
    assert export_people(path, PEOPLE, organization_name="CHI BỘ VĂN PHÒNG", exported_on=EXPORTED_ON) == 3
    return path


@pytest.fixture(scope="module")
def sheet(exported: Path):
    return load_workbook(exported).active


def test_title_block_is_merged_and_centred(sheet) -> None:
    """Three title lines, each merged across all 11 columns, bold and centred."""
    assert [sheet[f"A{row}"].value for row in (1, 2, 3)] == [
        "DANH SÁCH CÁN BỘ, ĐẢNG VIÊN",
        "CHI BỘ VĂN PHÒNG",
        "(Xuất ngày 26/11/2026)",
    ]
    assert {str(block) for block in sheet.merged_cells.ranges} == {"A1:M1", "A2:M2", "A3:M3"}
    assert sheet["A1"].font.b and sheet["A1"].alignment.horizontal == "center"


def test_header_row_is_bold_bordered_filled_frozen_and_repeated(sheet) -> None:
    """Row 5 holds the Vietnamese headers, STT first; panes freeze under it and it prints on every page."""
    headers = [cell.value for cell in sheet[5]]
    assert headers[:3] == ["STT", "Họ và tên", "Ngày sinh"] and "Số thẻ đảng viên" in headers
    assert all(cell.font.b and cell.border.bottom.style == "thin" for cell in sheet[5])
    assert sheet["B5"].fill.fgColor.rgb.endswith("D9D9D9")
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"


def test_page_setup_is_a4_fitted_to_width(sheet) -> None:
    """A4 landscape (a wide table), one page wide and as many pages tall as needed."""
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert all(sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK")


def test_dates_are_real_date_cells(sheet) -> None:
    """Dates are date cells shown dd/mm/yyyy; a year-only birth is the plain number 1975."""
    birth, admission = sheet["C6"], sheet["I6"]
    assert birth.is_date and birth.value.date() == date(1980, 5, 12) and birth.number_format == "dd/mm/yyyy"
    assert admission.value.date() == date(2005, 3, 2) and admission.number_format == "dd/mm/yyyy"
    assert sheet["C7"].value == 1975 and not sheet["C7"].is_date


def test_card_numbers_are_text_cells(sheet) -> None:
    """Card numbers keep their leading zeros as text cells with the '@' format."""
    card = sheet["H7"]
    assert (card.value, card.data_type, card.number_format) == ("000000000123", "s", "@")


def test_formula_looking_text_stays_text(sheet, exported: Path) -> None:
    """Text starting with = + - @ or looking like an error code is written and read back as literal text."""
    row = [sheet.cell(8, column) for column in (2, 5, 6, 7, 8)]
    assert [cell.value for cell in row] == [
        '=HYPERLINK("http://x","bấm")',
        "+1 chức vụ",
        "-2",
        "@SUM(A1)",
        "#N/A",
    ]
    assert {cell.data_type for cell in row} == {"s"}
    with zipfile.ZipFile(exported) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_total_line_follows_the_table(sheet) -> None:
    """'Tổng số: 3 người.' sits under the last person."""
    assert sheet["A9"].value == "Tổng số: 3 người."


def test_export_reimports_to_the_same_people(exported: Path) -> None:
    """Our own export reads back through the importer with names, dates and cards intact."""
    grid = read_sheet(exported)
    records = parse_rows(grid, detect_mapping(grid))
    first = records[0]
    assert (first.full_name, first.birth_date, first.party_card_number) == (
        "Nguyễn Văn Đức",
        date(1980, 5, 12),
        "012345678901",
    )
    assert (first.admission_date, first.official_date, first.position) == (
        date(2005, 3, 2),
        date(2006, 3, 2),
        "Bí thư chi bộ",
    )
    assert (records[1].birth_year, records[1].party_card_number) == (1975, "000000000123")
    assert len(records) == 3


def test_export_content_is_deterministic(tmp_path: Path) -> None:
    """Two exports of the same people have identical sheet XML and document properties."""
    parts = []
    for name in ("a.xlsx", "b.xlsx"):
        export_people(tmp_path / name, PEOPLE, organization_name="X", exported_on=EXPORTED_ON)
        with zipfile.ZipFile(tmp_path / name) as archive:
            parts.append((archive.read("xl/worksheets/sheet1.xml"), archive.read("docProps/core.xml")))
    assert parts[0] == parts[1]


def test_export_bytes_are_identical_a_second_later(tmp_path: Path) -> None:
    """The same export made in another second gives the same bytes (no save time in the file)."""
    export_people(tmp_path / "a.xlsx", PEOPLE, organization_name="X", exported_on=EXPORTED_ON)
    time.sleep(1.1)  # openpyxl stamps the save time to the second
    export_people(tmp_path / "b.xlsx", PEOPLE, organization_name="X", exported_on=EXPORTED_ON)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert load_workbook(tmp_path / "a.xlsx").properties.modified == datetime(2026, 11, 26)


def test_generic_table_orientation_title_and_control_characters(tmp_path: Path) -> None:
    """A narrow table prints portrait; illegal sheet-name and control characters are removed."""
    path = tmp_path / "t.xlsx"
    columns = [Column("Tên"), Column("Số", ColumnKind.NUMBER)]
    assert (
        write_table(path, title_lines=["BẢNG"], columns=columns, rows=[("a\x07b", 2)], sheet_title="Lỗi: 1/2")
        == 1
    )
    sheet = load_workbook(path).active
    assert (sheet.title, sheet.page_setup.orientation) == ("Lỗi  1 2", "portrait")
    assert (sheet["A3"].value, sheet["A4"].value, sheet["B4"].value) == ("Tên", "ab", 2)
    assert safe_sheet_title("x" * 40) == "x" * 31 and safe_sheet_title("[]") == "Danh sách"


def test_error_report_lists_every_problem(tmp_path: Path) -> None:
    """Dòng, Cột, Mức độ, Lỗi in row order, with the source file named in the title."""
    problems = [
        RowProblem(12, "Ngày sinh", "“31/02/1980” — tháng 2/1980 không có ngày 31."),
        RowProblem(3, "Họ và tên", "thiếu họ và tên.", kind=ProblemKind.MISSING),
        RowProblem(
            9, "Số thẻ", "trùng số thẻ “000123” với dòng 7.", Severity.WARNING, ProblemKind.DUPLICATE, 7
        ),
    ]
    path = tmp_path / "loi.xlsx"
    assert write_error_report(path, problems, source_name="ds.xlsx") == 3
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "(Tệp: ds.xlsx)"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=7)]
    assert rows == [
        ["Dòng", "Cột", "Mức độ", "Lỗi"],
        [3, "Họ và tên", "Lỗi", "thiếu họ và tên."],
        [9, "Số thẻ", "Cảnh báo", "trùng số thẻ “000123” với dòng 7."],
        [12, "Ngày sinh", "Lỗi", "“31/02/1980” — tháng 2/1980 không có ngày 31."],
    ]


def test_ten_thousand_people_export_completely(tmp_path: Path) -> None:
    """10,000 people all reach the sheet (speed is measured by bench/, never asserted here)."""
    people = [
        PersonRow(
            f"Nguyễn Văn {index}",
            date(1970, 1, 1 + index % 28),
            None,
            "Nam",
            "Đảng viên",
            "Chi bộ 1",
            "Chi bộ 1 (chính thức)",
            f"{index:012d}",
            date(2000, 3, 2),
            date(2001, 3, 2),
            "Đang sinh hoạt",
        )
        for index in range(10_000)
    ]
    export_people(tmp_path / "big.xlsx", people, organization_name="X", exported_on=EXPORTED_ON)
    sheet = load_workbook(tmp_path / "big.xlsx", read_only=True).active
    names = {value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)}
    assert "Nguyễn Văn 9999" in names and "Nguyễn Văn 0" in names


def _soffice_to_csv(source: Path, outdir: Path) -> Path | None:
    profile = (outdir / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(outdir), str(source)],
                   capture_output=True, timeout=180, check=False)
    produced = outdir / f"{source.stem}.csv"
    return produced if produced.exists() else None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_export_opens_in_libreoffice(exported: Path, tmp_path: Path) -> None:
    """LibreOffice opens the export and sees the names, the dd/mm/yyyy dates and the zero-led cards
    (skipped where LibreOffice has no Calc: a blank workbook does not convert either)."""
    converted = _soffice_to_csv(exported, tmp_path)
    if converted is None:
        probe = tmp_path / "probe" / "trong.xlsx"
        probe.parent.mkdir()
        Workbook().save(probe)
        if _soffice_to_csv(probe, probe.parent) is None:
            pytest.skip("this LibreOffice cannot open .xlsx files (Calc is not installed)")
    assert converted is not None, "LibreOffice opens a blank workbook but not the export"
    with converted.open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    person = next(row for row in rows if "Nguyễn Văn Đức" in row)
    assert {"12/05/1980", "012345678901", "02/03/2005"} <= set(person)


def test_unwritable_target_raises_a_vietnamese_error(tmp_path: Path) -> None:
    """Saving where no file can be written gives SheetWriteError, not an OSError traceback."""
    target = tmp_path / "is_a_folder.xlsx"
    target.mkdir()
    with pytest.raises(SheetWriteError, match="Không ghi được tệp “is_a_folder.xlsx”"):
        write_table(target, title_lines=[], columns=[Column("A")], rows=[("x",)], sheet_title="A")
