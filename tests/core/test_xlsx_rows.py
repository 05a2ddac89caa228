"""The fast .xlsx row reader gives exactly the cells openpyxl's own reading gives.

:class:`SheetRows` reads the sheet's XML elements itself; :class:`OpenpyxlRows` (openpyxl's
read-only parser, kept for an old expat) is the reference. The workbook below holds every
kind of cell a list may carry: dates, times and durations by number format, numbers stored
as text, shared strings (plain and rich), inline strings (plain, rich, empty, blank),
formulas with their cached text and date, booleans, errors, ISO dates, cells and rows
without a coordinate, gaps, and a serial no date can have.
"""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from khoi_desktop.interchange import sheet_reader, xlsx_rows
from khoi_desktop.interchange.legacy_fonts import LegacyEncoding
from khoi_desktop.interchange.sheet_reader import SheetGrid, read_sheet

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHARED = (
    f'<sst xmlns="{_NS}" count="4" uniqueCount="4">'
    "<si><t>Nguyễn Văn An</t></si>"
    '<si><r><rPr><rFont val=".VnTime"/></rPr><t>Ph¹m</t></r><r><t xml:space="preserve"> Ngọc</t></r></si>'
    "<si><t>000123</t></si>"
    "<si><t>Kinh</t></si>"
    "</sst>"
)
# Styles of the base workbook: 1 a date (dd/mm/yyyy), 2 a time, 3 a duration ([h]:mm:ss).
_ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" s="1"><v>29256</v></c>'
    '<c r="C1" s="2" t="n"><v>0.3125</v></c><c r="D1" s="3"><v>1.25</v></c><c r="E1"><v>1.5</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>'
    '<c r="C2" t="str"><f>CONCATENATE("Lê ","Văn Tám")</f><v>Lê Văn Tám</v></c>'
    '<c r="D2" s="1"><f>DATE(1985,3,15)</f><v>31121</v></c><c r="E2" t="s"><v>2</v></c>'
    '<c r="F2" t="s"><v>3</v></c></row>'
    '<row><c t="inlineStr"><is><t xml:space="preserve">  </t></is></c><c/><c t="b"><v>1</v></c>'
    '<c t="e"><v>#N/A</v></c><c t="d"><v>1980-02-05T00:00:00</v></c><c s="1"><v></v></c></row>'
    '<row r="5"><c r="G5" t="inlineStr"><is><r><rPr><rFont val=".VnTime"/></rPr><t>Ph¹m</t></r>'
    '<r><t xml:space="preserve"> An</t></r></is></c><c r="H5" t="inlineStr"><is><t/></is></c>'
    '<c r="I5" t="inlineStr"/><c r="J5"><v>1E3</v></c><c r="K5" s="1"><v>99999999</v></c>'
    '<c r="L5" s="1"/><c r="M5" t="inlineStr"><is><t>0123</t></is></c>'
    '<c r="N5" t="inlineStr"><is><t>a_x005F_b</t></is></c><c r="O5" t="s"><v>3</v></c></row>'
    '<row r="7.0"><c t="inlineStr"><is><t>bảy</t></is></c><c r="C7"><v>7</v></c></row>'
)


def _workbook(tmp_path: Path) -> Path:
    """openpyxl's workbook for the styles, its sheet replaced by the rows above, a string table added."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["x", datetime.date(1980, 2, 5), datetime.time(7, 30), datetime.timedelta(hours=30)])
    sheet["B1"].number_format = "DD/MM/YYYY"
    sheet["D1"].number_format = "[h]:mm:ss"
    base = tmp_path / "gốc.xlsx"
    book.save(base)
    target = tmp_path / "mọi loại ô.xlsx"
    sheet_xml = f'<worksheet xmlns="{_NS}"><sheetData>{_ROWS}</sheetData></worksheet>'
    strings_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode()
            elif info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{strings_type}"/>'
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            out.writestr(info.filename, data)
        out.writestr("xl/sharedStrings.xml", _SHARED)
    return target


def _by_openpyxl(path: Path, monkeypatch: pytest.MonkeyPatch) -> SheetGrid:
    with monkeypatch.context() as patched, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of the serial no date can have
        patched.setattr(sheet_reader, "_C_PARSER_IS_SAFE", False)
        return read_sheet(path)


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _workbook(tmp_path)
    assert read_sheet(path) == _by_openpyxl(path, monkeypatch)


def test_the_values_are_the_ones_a_clerk_sees(tmp_path: Path) -> None:
    """Pinned one by one, so that both readers being wrong alike cannot pass."""
    grid = read_sheet(_workbook(tmp_path))
    values = [[cell.value for cell in row] for row in grid.rows]
    assert values[0][:5] == ["Họ và tên", datetime.date(1980, 2, 5), "07:30:00", "1 day, 6:00:00", 1.5]
    assert values[1][:6] == ["Nguyễn Văn An", "Phạm Ngọc", "Lê Văn Tám", datetime.date(1985, 3, 15),
                             "000123", "Kinh"]
    assert grid.rows[1][1].legacy is LegacyEncoding.TCVN3
    assert values[2][:6] == ["  ", None, True, "#N/A", datetime.date(1980, 2, 5), None]
    assert values[3] == [None] * len(values[3])  # row 4 is not in the file
    assert values[4][6:15] == ["Phạm An", "", None, 1000.0, "#VALUE!", None, "0123", "a_b", "Kinh"]
    assert values[6][:3] == ["bảy", None, 7]


def test_a_full_memory_of_known_cells_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the limit of remembered cells, each further cell is made afresh, with the same value."""
    path = _workbook(tmp_path)
    expected = read_sheet(path)
    monkeypatch.setattr(xlsx_rows, "_KNOWN_LIMIT", 2)
    assert read_sheet(path) == expected


@pytest.mark.parametrize("coordinate", [b'r="J5"', b'r="C7"'])  # a column seen before (C) or not yet (J)
def test_a_coordinate_without_its_row_number_is_refused_like_openpyxl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coordinate: bytes) -> None:
    good = _workbook(tmp_path)
    broken = tmp_path / "hỏng.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, data.replace(coordinate, coordinate[:-2] + b'"') if "sheet1" in info.filename else data)
    with pytest.raises(sheet_reader.SheetReadError, match="cấu trúc lạ"):
        read_sheet(broken)
    with pytest.raises(sheet_reader.SheetReadError, match="cấu trúc lạ"):
        _by_openpyxl(broken, monkeypatch)
