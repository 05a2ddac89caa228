"""Benchmarks of issue 13: spreadsheets read as a stream.

- a spreadsheet bomb (a 1–2 MB .xlsx whose sheet unpacks to 590 MB of XML) is refused in
  ≤ 10 s and ≤ 300 MB; a second bomb stays under the declared-size limit (290 MB of XML of
  wide rows) so that the streaming reader's cell limit has to stop it;
- a real 100,000-row people list (the app's own export layout) is read, its columns found
  and its rows parsed in bounded memory (what ``import-members`` does before the database).

The files are made once in ``bench/out`` (untimed); each case's peak memory is its own
process's (see the README).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench.registry import BenchContext, case
from khoi_desktop.interchange import people_export as sheet
from khoi_desktop.interchange.people_columns import detect_mapping
from khoi_desktop.interchange.people_import import parse_rows
from khoi_desktop.interchange.sheet_reader import SheetReadError, read_sheet

BOMB_XML_MB = 590
WIDE_XML_MB = 290
LIST_ROWS = 100_000

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
                  'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                  'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                  '</Relationships>')


def write_bomb(target: Path, xml_mb: int, columns: int) -> Path:
    """A valid .xlsx whose one sheet is ``xml_mb`` MB of rows ``columns`` cells wide, streamed in."""
    if target.exists():
        return target
    partial = target.with_suffix(".dang-ghi")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            _write_sheet(stream, xml_mb * 1024 * 1024, columns)
    partial.replace(target)
    return target


def _write_sheet(stream: object, size: int, columns: int) -> None:
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                 b'spreadsheetml/2006/main"><sheetData>')
    written, row = 0, 1
    cells = "".join(f'<c t="inlineStr"><is><t>Nguyễn Văn An {n}</t></is></c>' for n in range(columns))
    while written < size:
        chunk = "".join(f'<row r="{row + n}">{cells}</row>' for n in range(100)).encode()
        stream.write(chunk)
        written += len(chunk)
        row += 100
    stream.write(b"</sheetData></worksheet>")


def refused(path: Path) -> Callable[[], str]:
    def run() -> str:
        try:
            read_sheet(path)
        except SheetReadError as error:
            return str(error)
        raise RuntimeError(f"{path.name} was read, not refused")
    return run


@case(f"spreadsheet bomb ({BOMB_XML_MB} MB of XML) refused", targets={"unit": 10.0}, scales=("unit",),
      needs_database=False, max_repeat=3, memory_target_mb=300)
def bomb_refused(ctx: BenchContext) -> Callable[[], str]:
    """A clerk opens a 1.6 MB 'list' that unpacks to 590 MB: refused before parsing."""
    return refused(write_bomb(ctx.out_dir / f"bom-{BOMB_XML_MB}.xlsx", BOMB_XML_MB, 10))


@case(f"spreadsheet bomb ({WIDE_XML_MB} MB of wide rows) refused", targets={"unit": 10.0}, scales=("unit",),
      needs_database=False, max_repeat=3, memory_target_mb=300)
def wide_bomb_refused(ctx: BenchContext) -> Callable[[], str]:
    """Under the size limit, 1,000-cell rows: the streaming reader stops at the cell limit."""
    return refused(write_bomb(ctx.out_dir / f"bom-rong-{WIDE_XML_MB}.xlsx", WIDE_XML_MB, 1000))


def write_long_list(target: Path) -> Path:
    """100,000 people in the app's own export layout (title block, header, total line)."""
    if target.exists():
        return target
    people = [
        sheet.PersonRow(full_name=f"Nguyễn Văn {_given(n)}", birth_date=date(1960, 1, 1) + timedelta(days=n % 15000),
                        gender="Nam" if n % 2 else "Nữ", position="Chuyên viên", organization_name="Chi bộ Văn phòng",
                        party_card_number=f"0{n:011d}", admission_date=date(1990, 1, 1) + timedelta(days=n % 9000),
                        status="Đảng viên chính thức")
        for n in range(LIST_ROWS)
    ]
    sheet.export_people(target, people, organization_name="Đảng bộ Khối các cơ quan tỉnh",
                        exported_on=date(2026, 1, 1))
    return target


def _given(n: int) -> str:
    names = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Minh", "Nga")
    return f"{names[n % len(names)]} {chr(65 + n // len(names) % 26)}"


@case(f"read a {LIST_ROWS:,}-row list (stream, columns, rows)", targets={"unit": 60.0}, scales=("unit",),
      needs_database=False, max_repeat=1, memory_target_mb=1000)
def long_list(ctx: BenchContext) -> Callable[[], int]:
    """What import-members does before the database: read, find the columns, parse every row."""
    path = write_long_list(ctx.out_dir / f"danh-sach-{LIST_ROWS}.xlsx")

    def run() -> int:
        grid = read_sheet(path)
        records = parse_rows(grid, detect_mapping(grid))
        if len(records) != LIST_ROWS:
            raise RuntimeError(f"{len(records)} rows parsed, not {LIST_ROWS}")
        return len(records)
    return run
