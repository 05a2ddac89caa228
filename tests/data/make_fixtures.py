"""Rebuild the spreadsheet fixtures in this folder (needs LibreOffice; tests do not).

    .venv/bin/python tests/data/make_fixtures.py

Each workbook is first drawn with openpyxl, then opened and saved by LibreOffice
(`soffice --headless --convert-to`), so the committed files carry a real spreadsheet
program's structure, cached formula values and, for .xls, a real BIFF8 file.
The password-protected .xls is saved through LibreOffice's UNO API with a password; the
password-protected .xlsx is encrypted with msoffcrypto-tool (LibreOffice 7.4 cannot):

    python3 -m venv /tmp/fixvenv && /tmp/fixvenv/bin/pip install msoffcrypto-tool
    MSOFFCRYPTO_PYTHON=/tmp/fixvenv/bin/python .venv/bin/python tests/data/make_fixtures.py
See README.md beside this file for what each fixture pins.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
PASSWORD = "matkhau123"


def _title(sheet, cell_range: str, text: str, font: Font | None = None) -> None:
    sheet.merge_cells(cell_range)
    first = sheet[cell_range.split(":")[0]]
    first.value = text
    first.font = font or Font(name="Times New Roman", bold=True, size=13)
    first.alignment = Alignment(horizontal="center")


def _date_cell(sheet, ref: str, value: date) -> None:
    sheet[ref] = value
    sheet[ref].number_format = "DD/MM/YYYY"


# fmt: off
CLEAN_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Số thẻ đảng viên", "Ngày vào Đảng",
                "Ngày chính thức", "Quê quán", "Ghi chú"]
CLEAN_PEOPLE = [
    ("Nguyễn Văn Đức", date(1980, 5, 12), "Nam", "Bí thư chi bộ", "012345678901", date(2005, 3, 2),
     date(2006, 3, 2), "Hà Nội", None),
    ("Trần Thị Hương", date(1985, 11, 30), "Nữ", "Phó Bí thư", "000123456789", date(2010, 6, 15),
     date(2011, 6, 15), "Nam Định", None),
    ("Phạm Ngọc Ánh", 1975, "Nữ", "Đảng viên", "098765432100", date(1999, 1, 20), date(2000, 1, 20),
     "Thái Bình", "Chuyển đến năm 2020"),
    ("Lê Văn Tám", date(1990, 2, 28), "Nam", "Công an viên", "001234567890", date(2015, 9, 1),
     date(2016, 9, 1), "Nghệ An", None),
    ("  Hoàng   Thị  Lan ", date(1992, 7, 4), "Nữ", None, "012300000001", date(2018, 12, 3),
     date(2019, 12, 3), "Huế", None),
]
CLEAN_FOOTER = [
    [None, "Tổng cộng", "5 đảng viên"],
    [],
    [None, None, None, None, None, None, "Hà Nội, ngày 20 tháng 11 năm 2026"],
    [None, "Người lập biểu", None, None, None, None, "T/M CHI BỘ"],
    [None, "(Ký, ghi rõ họ tên)", None, None, None, None, "BÍ THƯ"],
    [],
    [None, "Trần Thị Hương", None, None, None, None, "Nguyễn Văn Đức"],
]
UNACCENTED_HEADER = ["TT", "Ho ten", "Ngay sinh", "Gioi tinh", "So the", "Ngay ket nap", "Ngay chinh thuc",
                     "SDT", "Email", "Dan toc", "Trinh do LLCT", "Chuyen mon", "Tu cach"]
UNACCENTED_ROWS = [
    ("Nguyen Van Binh", "05/02/1980", "nam", 12345, "01/03/2005", "01/03/2006", "0912345678",
     "binh@example.vn", "Kinh", "Trung cấp", "Cử nhân Luật", "Chính thức"),
    ("Do Thi Cuc", "5/2/80", "nu", "000012345", "1-3-2005", "01-03-2006", None, None, "Tày", None, None,
     "Chính thức"),
    ("Vu Van Dung", "05-02-1980", "Nam", "0123", "01.03.2005", "01.03.2006", None, None, None, None, None,
     "Dự bị"),
    ("Ngo Thi En", "05.02.1980", "Nữ"),
    ("Ha Van Phong", "1975", "Nam"),
]
# fmt: on


def people_clean(path: Path) -> None:
    """Title block (merged), header on row 5, a total row and a signature block."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    _title(sheet, "A1:D1", "ĐẢNG BỘ KHỐI CƠ QUAN TỈNH")
    _title(sheet, "F1:J1", "ĐẢNG CỘNG SẢN VIỆT NAM")
    _title(sheet, "A2:D2", "CHI BỘ VĂN PHÒNG")
    _title(sheet, "A3:J3", "DANH SÁCH ĐẢNG VIÊN", Font(name="Times New Roman", bold=True, size=14))
    sheet.append([])
    sheet.append(CLEAN_HEADER)
    for number, person in enumerate(CLEAN_PEOPLE, start=1):
        sheet.append([number, *person])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
        sheet[f"F{sheet.max_row}"].number_format = "@"
    for row in CLEAN_FOOTER:
        sheet.append(row)
    book.save(path)


def people_unaccented(path: Path) -> None:
    """Headers without diacritics; text dates in every form; a card number stored as a number."""
    book = Workbook()
    sheet = book.active
    sheet.append(UNACCENTED_HEADER)
    for number, row in enumerate(UNACCENTED_ROWS, start=1):
        sheet.append([number, *row])
        sheet.cell(sheet.max_row, 8).number_format = "@"
    book.save(path)


def _tcvn3_run(text: str, font: str) -> TextBlock:
    return TextBlock(InlineFont(rFont=font, sz=12), text)


def people_tcvn3(path: Path) -> None:
    """.VnTimeH title and headers, .VnTime data, a name mixing both fonts, and pasted Unicode."""
    book = Workbook()
    sheet = book.active
    capitals, plain = Font(name=".VnTimeH", size=12, bold=True), Font(name=".VnTime", size=12)
    _title(sheet, "A1:F1", "danh s¸ch ®¶ng viªn", capitals)
    sheet.append([])
    sheet.append(["STT", "Hä vµ tªn", "Ngµy sinh", "Giíi tÝnh", "Sè thÎ", "T\xad c¸ch"])
    for cell in sheet[3]:
        cell.font = capitals
    rows = [
        ("NguyÔn V¨n §øc", "12/05/1980", "Nam", "012345678901", "§¶ng viªn chÝnh thøc"),
        ("TrÇn ThÞ H\xad¬ng", "30/11/1985", "N÷", "000123456789", "§¶ng viªn dù bÞ"),
        (None, "1975", "N÷", "098765432100", "§¶ng viªn chÝnh thøc"),
        ("Lê Văn Tám", "28/02/1990", "Nam", "001234567890", "§¶ng viªn chÝnh thøc"),
    ]
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
        for cell in sheet[sheet.max_row]:
            cell.font = plain
    sheet["B6"] = CellRichText(
        _tcvn3_run("Ph¹m Ngäc ", ".VnTime"), _tcvn3_run("¸", ".VnTimeH"), _tcvn3_run("nh", ".VnTime")
    )
    book.save(path)


def people_vni(path: Path) -> None:
    """Everything in VNI-Times."""
    book = Workbook()
    sheet = book.active
    font = Font(name="VNI-Times", size=12)
    sheet.append(["STT", "Hoï vaø teân", "Ngaøy sinh", "Giôùi tính", "Tö caùch"])
    sheet.append([1, "Nguyeãn Vaên Ñöùc", "12/05/1980", "Nam", "Ñaûng vieân chính thöùc"])
    sheet.append([2, "Traàn Thò Höông", "30/11/1985", "Nöõ", "Ñaûng vieân döï bò"])
    sheet.append([3, "Phaïm Ngoïc AÙnh", "1975", "Nöõ", "Ñaûng vieân chính thöùc"])
    sheet.append([4, "NGUYEÃN VAÊN ÑÖÙC", "01/01/1970", "Nam", "Ñaûng vieân chính thöùc"])
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = font
    book.save(path)


def people_bad_values(path: Path) -> None:
    """A non-existent date, formulas, wrong date order, duplicates, an odd gender."""
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Số thẻ",
            "Ngày vào Đảng",
            "Ngày chính thức",
            "Ghi chú",
        ]
    )
    sheet.append([1, "Nguyễn Văn An", "31/02/1980", "Nam"])
    sheet.append([2, None, "01/01/1990", "Nữ", "111"])
    sheet.append([3, '=CONCATENATE("Lê ","Văn Tám")', "=DATE(1985,3,15)", "Nam"])
    sheet["C4"].number_format = "DD/MM/YYYY"
    sheet.append([4, "Trần Bình", None, "Nam", None, "01/05/2010", "01/01/2010"])
    sheet.append([5, "Trần Cường", None, "Nam", None, "01/05/2010", "01/11/2010"])
    sheet.append([6, "Nguyễn Văn Hải", "15/08/1979", "Nam", "000123"])
    sheet.append([7, "NGUYỄN VĂN HẢI", "15/08/1979", "Nam", "000999"])
    sheet.append([8, "Phạm Dũng", "01/01/1970", "Nam", "000123"])
    sheet.append([9, "Đỗ Em", "1/13/1980", "abc", None, None, None, "=1+1 là ghi chú"])
    sheet["H10"].data_type = "s"
    for row in range(2, 11):
        sheet[f"E{row}"].number_format = "@"
    book.save(path)


def people_two_level(path: Path) -> None:
    """The classic form: 'Ngày sinh' over 'Nam' | 'Nữ', a (1) (2) (3) row, a merged group column."""
    book = Workbook()
    sheet = book.active
    _title(sheet, "A1:H1", "DANH SÁCH ĐẢNG VIÊN CHI BỘ 3")
    for ref, text in (
        ("A3:A4", "STT"),
        ("B3:B4", "Họ và tên"),
        ("C3:D3", "Ngày sinh"),
        ("E3:E4", "Quê quán"),
        ("F3:F4", "Ngày vào Đảng"),
        ("G3:G4", "Tổ"),
        ("H3:H4", "Ghi chú"),
    ):
        _title(sheet, ref, text, Font(name="Times New Roman", bold=True))
    sheet["C4"], sheet["D4"] = "Nam", "Nữ"
    for column, label in zip(
        "ABCDEFGH", ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"), strict=True
    ):
        sheet[f"{column}5"] = label
    sheet.append([1, "Nguyễn Văn Đức", 1980, None, "Hà Nội", None, "Tổ 1"])
    _date_cell(sheet, "F6", date(2005, 3, 2))
    sheet.append([2, "Trần Thị Hương", None, "30/11/1985", "Nam Định", None])
    _date_cell(sheet, "F7", date(2010, 6, 15))
    sheet.append([3, "Lê Văn Cường", "x", None, "Huế", None])
    sheet.merge_cells("G6:G8")
    sheet.append([None, "I. Tổ 2"])
    sheet.append([4, "Mai Thị Dung", None, "X", "Vinh", None, "Tổ 2"])
    book.save(path)


def _soffice(source: Path, target_format: str, outdir: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{target_format}"


_UNO_SAVE_WITH_PASSWORD = r"""
import sys, time, subprocess, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    item = PropertyValue(); item.Name = name; item.Value = value; return item

source, target, filter_name, password, profile = sys.argv[1:6]
office = subprocess.Popen(["soffice", "--headless", "--norestore", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=khoi_fixtures;urp;"])
try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(60):
        try:
            context = resolver.resolve("uno:pipe,name=khoi_fixtures;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", password)))
    document.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    office.wait(timeout=60)
"""


def _save_with_password(source: Path, target: Path, filter_name: str, work: Path) -> None:
    script = work / "save_with_password.py"
    script.write_text(_UNO_SAVE_WITH_PASSWORD, encoding="utf-8")
    profile = (work / "profile").as_uri()
    subprocess.run(
        ["/usr/bin/python3", str(script), str(source), str(target), filter_name, PASSWORD, profile],
        check=True,
        timeout=300,
    )


_ENCRYPT_OOXML = r"""
import sys
from msoffcrypto.format.ooxml import OOXMLFile
with open(sys.argv[1], "rb") as plain, open(sys.argv[2], "wb") as secret:
    OOXMLFile(plain).encrypt(sys.argv[3], secret)
"""


def _encrypt_xlsx(source: Path, target: Path) -> None:
    """LibreOffice 7.4 cannot save an encrypted .xlsx; msoffcrypto-tool (PyPI) can.

    Set MSOFFCRYPTO_PYTHON to a Python that has it (a throwaway venv, never the project's).
    """
    python = os.environ.get("MSOFFCRYPTO_PYTHON", sys.executable)
    subprocess.run(
        [python, "-c", _ENCRYPT_OOXML, str(source), str(target), PASSWORD], check=True, timeout=120
    )


def _not_excel_files(work: Path) -> None:
    (HERE / "empty.xlsx").write_bytes(b"")
    (HERE / "notes_renamed.xlsx").write_text(
        "Danh sách đảng viên\nNguyễn Văn Đức\t12/05/1980\n", encoding="utf-8"
    )
    import docx

    document = docx.Document()
    document.add_paragraph("Danh sách đảng viên")
    document.save(work / "letter.docx")
    shutil.copy(work / "letter.docx", HERE / "word_renamed.xlsx")
    pdf = _soffice(HERE / "people_vni.xlsx", "pdf", work)  # only Calc is installed, so a sheet's PDF
    shutil.copy(pdf, HERE / "pdf_renamed.xls")
    whole = (HERE / "people_clean.xlsx").read_bytes()
    (HERE / "truncated.xlsx").write_bytes(whole[: len(whole) * 2 // 3])


def main() -> int:
    builders = {
        "people_clean": people_clean,
        "people_unaccented": people_unaccented,
        "people_tcvn3": people_tcvn3,
        "people_vni": people_vni,
        "people_bad_values": people_bad_values,
        "people_two_level": people_two_level,
    }
    wanted_xls = {"people_clean", "people_unaccented", "people_tcvn3", "people_two_level"}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for name, build in builders.items():
            source = work / "src" / f"{name}.xlsx"
            source.parent.mkdir(exist_ok=True)
            build(source)
            _soffice(source, "xlsx", HERE)
            if name in wanted_xls:
                _soffice(source, "xls", HERE)
        _encrypt_xlsx(HERE / "people_clean.xlsx", HERE / "password.xlsx")
        _save_with_password(HERE / "people_clean.xlsx", HERE / "password.xls", "MS Excel 97", work)
        _not_excel_files(work)
    for path in sorted(HERE.glob("*.xls*")):
        print(f"{path.name:28} {path.stat().st_size:>7} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
