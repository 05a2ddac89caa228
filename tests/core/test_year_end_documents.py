"""The year-end report as PDF, DOCX and XLSX: the same content, Party layout, read back, deterministic."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.reports.chart_image import chart_png
from khoi_desktop.reports.report_model import (
    BarChart,
    Heading,
    Percent,
    Series,
    Table,
    cell_text,
    heading_labels,
    stable_zip,
)
from khoi_desktop.reports.year_end_docx import build_year_end_docx
from khoi_desktop.reports.year_end_pdf import build_year_end_pdf
from khoi_desktop.reports.year_end_xlsx import build_year_end_xlsx
from khoi_desktop.services.app import Services
from khoi_desktop.services.year_end import ExportCancelled, ReportFiles, YearEndService
from tests.core.year_end_support import YEAR, Bloc, full_year

DAY = date(2018, 12, 20)
NARRATIVE = "Các chi bộ tổ chức học tập nghiêm túc, có chất lượng."
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def world(services: Services) -> Bloc:
    built = full_year(services)
    YearEndService(services.context).set_narrative(built.bloc, YEAR, "study", NARRATIVE)
    YearEndService(services.context).set_narrative(built.bloc, YEAR, "signer_name", "Phạm Quang Ngọc")
    return built


@pytest.fixture
def files(services: Services, world: Bloc) -> ReportFiles:
    return YearEndService(services.context).build_files(world.bloc, YEAR, issued_on=DAY, number=5)


def _pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _docx_text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_heading_labels_and_cells() -> None:
    """'I-', '1.', 'a)' restart under their parent; numbers and shares print the Vietnamese way."""
    blocks = [Heading(1, "a"), Heading(2, "b"), Heading(3, "c"), Heading(2, "d"), Heading(1, "e"), Heading(2, "f")]
    assert heading_labels(blocks) == ["I-", "1.", "a)", "2.", "II-", "1."]
    assert (cell_text(1234), cell_text(Percent(193, 200)), cell_text(Percent(0, 0)), cell_text(None)) == (
        "1.234", "96,5%", "-", "")


def test_pdf_carries_the_figures_the_narrative_and_the_frame(files: ReportFiles) -> None:
    """Header, number, title, figures, the clerk's text, signature and annex are in the PDF's text."""
    text = _pdf_text(files.pdf)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/ĐUK", "Ninh Bình, ngày 20 tháng 12 năm 2018", "BÁO CÁO",
                     "3/5 người, đạt 60%", "3 cuộc kiểm tra, giám sát", NARRATIVE, "I- CÔNG TÁC LÃNH ĐẠO",
                     "T/M BAN THƯỜNG VỤ", "Phạm Quang Ngọc", "Nơi nhận:", "PHỤ LỤC SỐ LIỆU THỐNG KÊ NĂM 2018",
                     "Biểu đồ 1. Sinh hoạt, hội nghị", "Kho bạc Nhà nước tỉnh với nội dung"):
        assert expected in text, expected


def test_pdf_embeds_our_font_only(files: ReportFiles) -> None:
    """Every font is an embedded subset of the serif family: no core Helvetica anywhere."""
    assert b"Helvetica" not in files.pdf
    reader = PdfReader(io.BytesIO(files.pdf))
    names = {str(font["/BaseFont"]) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert names and all("+" in name and "Helvetica" not in name for name in names)  # embedded subsets


def test_docx_has_the_same_content_and_party_styles(files: ReportFiles) -> None:
    """Same sentences as the PDF; Times New Roman 14 on A4 with the layout's margins; header table."""
    text = _docx_text(files.docx)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/ĐUK", "BÁO CÁO", "3/5 người, đạt 60%", NARRATIVE,
                     "I- CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN", "T/M BAN THƯỜNG VỤ", "Phạm Quang Ngọc",
                     "Biểu 1. Sinh hoạt, hội nghị"):
        assert expected in text, expected
    document = Document(io.BytesIO(files.docx))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    assert len(document.tables[0].columns) == 2 and "ĐẢNG BỘ TỈNH NINH BÌNH\nĐẢNG ỦY KHỐI" in document.tables[0].cell(0, 0).text
    assert section.different_first_page_header_footer


def test_docx_charts_are_pictures(files: ReportFiles) -> None:
    """Each overview chart of the annex is a picture in the DOCX (drawn with Pillow), the same size
    and deterministic, with its caption above it."""
    chart = BarChart("Biểu đồ", ("Tốt", "Khá"), (Series("Năm 2017", (3.0, 4.0)), Series("Năm 2018", (5.0, 1.0))))
    png = chart_png(chart, 400)
    assert png.startswith(b"\x89PNG") and png == chart_png(chart, 400)
    document = Document(io.BytesIO(files.docx))
    assert len(document.inline_shapes) == 2
    assert "Biểu đồ 2. Xếp loại đảng viên" in _docx_text(files.docx)


def test_xlsx_reads_back_one_sheet_per_table(files: ReportFiles) -> None:
    """Each annex table (charts as tables) is a sheet; numbers are numbers; shares are percentages."""
    book = load_workbook(io.BytesIO(files.xlsx))
    assert book.sheetnames[:3] == ["Biểu 1", "Biểu đồ 1", "Biểu 2"]
    study = book["Biểu 2"]
    rows = list(study.iter_rows(values_only=True))
    total = next(row for row in rows if row and row[0] == "Tổng số")
    assert total[1:4] == (5, 3, 0.6) and study.cell(6, 4).number_format == "0.##%"
    assert study.cell(5, 1).font.name == "Times New Roman" and study.print_title_rows == "$5:$5"
    assert str(study.page_setup.paperSize) == study.PAPERSIZE_A4
    assert book.properties.modified == book.properties.created == datetime(2018, 12, 20)  # not the save time


def test_outputs_are_deterministic(services: Services, world: Bloc) -> None:
    """The same report built twice gives the same bytes in all three formats."""
    service = YearEndService(services.context)
    first = service.build_files(world.bloc, YEAR, issued_on=DAY, number=5)
    second = service.build_files(world.bloc, YEAR, issued_on=DAY, number=5)
    assert (first.pdf, first.docx, first.xlsx) == (second.pdf, second.docx, second.xlsx)
    assert stable_zip(first.docx) == first.docx


def test_renderers_accept_the_model_directly(services: Services, world: Bloc) -> None:
    """Reports take plain data: the renderers need nothing but the content model."""
    report = YearEndService(services.context).report(world.treasury, YEAR, issued_on=DAY)
    assert build_year_end_pdf(report).startswith(b"%PDF")
    assert build_year_end_docx(report)[:2] == b"PK" and build_year_end_xlsx(report)[:2] == b"PK"
    assert "T/M CHI BỘ" in _pdf_text(build_year_end_pdf(report))


def test_export_writes_all_or_nothing(services: Services, world: Bloc, tmp_path: Path) -> None:
    """A bad target refuses before anything is written; a good call writes every file."""
    service = YearEndService(services.context)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    pdf, docx = tmp_path / "bc.pdf", tmp_path / "bc.docx"
    with pytest.raises(ValidationError):
        service.export(world.bloc, YEAR, pdf=pdf, docx=docx, xlsx=tmp_path / "missing" / "bc.xlsx", issued_on=DAY)
    with pytest.raises(ValidationError):
        service.export(world.bloc, YEAR, pdf=pdf, docx=pdf, issued_on=DAY)
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "locked.xlsx").mkdir()
    with pytest.raises(ValidationError):
        service.export(world.bloc, YEAR, pdf=pdf, xlsx=tmp_path / "locked.xlsx", issued_on=DAY)
    assert not pdf.exists()
    exported = service.export(world.bloc, YEAR, pdf=pdf, docx=docx, xlsx=tmp_path / "bc.xlsx", issued_on=DAY)
    assert exported.paths == (pdf, docx, tmp_path / "bc.xlsx") and all(p.stat().st_size for p in exported.paths)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.docx", "bc.pdf", "bc.xlsx", "locked.xlsx"]


def test_export_counts_its_steps_and_stops_on_cancel(services: Services, world: Bloc, tmp_path: Path) -> None:
    """Progress goes 0/4 … 4/4 for two files; Hủy after the first file writes nothing at all."""
    service = YearEndService(services.context)
    seen: list[tuple[int, int]] = []
    pdf, xlsx = tmp_path / "bc.pdf", tmp_path / "bc.xlsx"
    service.export(world.bloc, YEAR, pdf=pdf, xlsx=xlsx, issued_on=DAY, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    pdf.unlink()
    xlsx.unlink()
    seen.clear()
    with pytest.raises(ExportCancelled):
        service.export(world.bloc, YEAR, pdf=pdf, xlsx=xlsx, issued_on=DAY,
                       progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 3)
    assert not pdf.exists() and not xlsx.exists()


def _soffice_converts(source: Path, outdir: Path) -> Path | None:
    profile = (outdir / "profile").as_uri()
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(source)], capture_output=True, timeout=180, check=False)
    produced = outdir / f"{source.stem}.pdf"
    return produced if produced.exists() and produced.stat().st_size else None


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_outputs_open_in_libreoffice(files: ReportFiles, tmp_path: Path, kind: str) -> None:
    """LibreOffice converts the DOCX and the XLSX to PDF (skipped where its Writer or Calc is missing)."""
    probe = tmp_path / f"probe.{kind}"
    if kind == "docx":
        Document().save(probe)
    else:
        Workbook().save(probe)
    if _soffice_converts(probe, tmp_path) is None:
        pytest.skip(f"this LibreOffice cannot open .{kind} files (component not installed)")
    source = tmp_path / f"bao-cao.{kind}"
    source.write_bytes(getattr(files, kind))
    converted = _soffice_converts(source, tmp_path)
    assert converted is not None and converted.read_bytes().startswith(b"%PDF")


_UNBREAKABLE = re.compile(r"^(?:\d[\d.,]*/\d[\d.,]*|\d[\d.,]*%|\S*\d\S*/\S+)$")


def test_every_ratio_percentage_and_document_number_in_a_table_prints_whole(services: Services, world: Bloc) -> None:
    """Each ratio ('3/5'), percentage ('60%') and document number ('900/QĐ-UBND') of every annex table
    appears as one unbroken word in the PDF's text (a column split inside it would put a space in it)."""
    report = YearEndService(services.context).report(world.bloc, YEAR, issued_on=DAY, number=5)
    words = set(_pdf_text(YearEndService(services.context).files_of(report).pdf).split())
    tokens = {token for block in report.annex if isinstance(block, Table) for row in block.rows
              for value in row for token in cell_text(value).split() if _UNBREAKABLE.match(token)}
    assert tokens and "900/QĐ-UBND" in tokens
    assert not [token for token in tokens if token not in words and token.rstrip(",;") not in words]


def test_docx_language_is_vietnamese(files: ReportFiles) -> None:
    """Word's proofing language is vi-VN in the defaults and the Normal style, never en-US."""
    document = Document(io.BytesIO(files.docx))
    xml = document.styles.element.xml
    assert 'w:val="vi-VN"' in xml and "en-US" not in xml


def test_xlsx_is_print_ready(files: ReportFiles) -> None:
    """Every sheet: header row repeated and tall enough for its wrapped titles, one page wide,
    'Trang x/y' in the footer, row numbers stored as numbers."""
    book = load_workbook(io.BytesIO(files.xlsx))
    for sheet in book.worksheets:
        if sheet.max_row < 6:
            continue
        header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "Trang &P/&N"
        assert sheet.row_dimensions[header_row].height and sheet.row_dimensions[header_row].height >= 15
        first = sheet.cell(header_row + 1, 1).value
        assert not (isinstance(first, str) and first.isdigit()), sheet.title
