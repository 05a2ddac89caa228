"""The study documents' ruled table (reports/tables.py): columns from the content through text_fit,
landscape pages for a table too wide for portrait, and the portrait pages resumed after it."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import LongTable, Paragraph

from khoi_desktop.reports import markup, text_fit
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf
from khoi_desktop.reports.tables import CELL_PADDING, grid_fit, grid_table
from tests.core.reports_support import broken_in_pdf

LAYOUT = LayoutSpec()
HEADER = ("STT", "Họ và tên", "Ghi chú")
ROWS = ("Chi bộ Văn phòng", ["1", "Nguyễn Thị Ngọc Lý", "81 điểm, 388-QĐ/ĐUK"],
        ["12", "Phạm &amp; Trần", "đạt 135/135 hồ sơ, 100%"])
WIDE_HEADER = tuple(f"Cột {index}" for index in range(1, 13))
WIDE_ROW = [f"{index}.234/5.678" for index in range(1, 13)]


def _pages(flowables: list) -> list[tuple[float, float]]:
    pdf = build_pdf([Paragraph("Mở đầu"), *flowables, Paragraph("Kết thúc")], DocumentInfo("Bảng"), LAYOUT)
    return [(round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            for page in PdfReader(io.BytesIO(pdf)).pages]


def test_markup_plain_reads_back_the_printed_text() -> None:
    """Tags go, escapes are undone and line breaks become newlines: what the column is measured on."""
    assert markup.plain("<b>Phạm &amp; Trần</b><br/>&lt;B1&gt;") == "Phạm & Trần\n<B1>"


def test_every_column_is_at_least_its_longest_token() -> None:
    """No column is narrower than its widest word, number or document number (bold, plus padding)."""
    fit = grid_fit(HEADER, ROWS, LAYOUT)
    assert not fit.landscape and abs(sum(fit.widths) - LAYOUT.frame_width) < 0.01
    for index, width in enumerate(fit.widths):
        cells = [markup.plain(row[index]) for row in ROWS if not isinstance(row, str)] + [HEADER[index]]
        assert width + 0.01 >= text_fit.longest_token(cells, fit.size, bold=True) + 2 * CELL_PADDING


def test_short_cells_stay_on_one_line_when_long_ones_must_wrap() -> None:
    """Room beyond the tokens goes to the smallest wishes first: '81 điểm' stays on one line and the
    long name takes what is left, instead of both wrapping in proportion."""
    columns = [["1"], ["Nguyễn Thị Ngọc Lý, Phó Bí thư Chi bộ Văn phòng Sở"], ["81 điểm"]]
    widths = text_fit.column_widths(HEADER, columns, 13, 220, CELL_PADDING)
    assert widths is not None and abs(sum(widths) - 220) < 0.01
    assert widths[2] + 0.01 >= text_fit.width("81 điểm", 13) + 2 * CELL_PADDING
    assert widths[1] < text_fit.width(columns[1][0], 13)


def test_a_table_that_fits_stays_on_portrait_pages() -> None:
    flowables = grid_table(HEADER, ROWS, LAYOUT, plain=(0,))
    assert len(flowables) == 1 and isinstance(flowables[0], LongTable)
    assert set(_pages(flowables)) == {(595, 842)}


def test_a_table_too_wide_even_at_nine_points_prints_on_landscape_pages() -> None:
    """12 columns of long figures: turned pages for the table alone, within their margins, portrait
    again after it, every figure whole."""
    fit = grid_fit(WIDE_HEADER, [WIDE_ROW], LAYOUT)
    assert fit.landscape and abs(sum(fit.widths) - LAYOUT.landscape_frame_width) < 0.01
    flowables = grid_table(WIDE_HEADER, [WIDE_ROW] * 3, LAYOUT, plain=tuple(range(12)))
    assert _pages(flowables) == [(595, 842), (842, 595), (595, 842)]
    pdf = build_pdf([Paragraph("Mở đầu", build_styles(LAYOUT).body), *flowables], DocumentInfo("Bảng"), LAYOUT)
    assert broken_in_pdf(pdf, WIDE_ROW) == []
    assert "2" in (PdfReader(io.BytesIO(pdf)).pages[1].extract_text() or "").split()[:3], "page numbers go on"


def test_fit_table_prefers_portrait_then_landscape_then_the_tokens_own_widths() -> None:
    columns = [["388-QĐ/ĐUK"]] * 3
    assert not text_fit.fit_table(["A"] * 3, columns, 13, 4, 400, 700).landscape
    turned = text_fit.fit_table(["A"] * 3, columns, 13, 4, 100, 700)
    assert turned.landscape and abs(sum(turned.widths) - 700) < 0.01
    too_wide = text_fit.fit_table(["A"] * 3, columns, 13, 4, 50, 60)
    assert too_wide.landscape and too_wide.size == text_fit.SMALLEST_SIZE and sum(too_wide.widths) > 60


def test_the_line_introducing_a_wide_table_turns_with_it() -> None:
    """A lead-in given with a table too wide for portrait goes on the landscape page, not alone before it."""
    lead = Paragraph("Không đánh giá, xếp loại: 1 đồng chí, gồm:", build_styles(LAYOUT).body)
    flowables = grid_table(WIDE_HEADER, [WIDE_ROW], LAYOUT, lead=[lead])
    pdf = build_pdf([Paragraph("Mở đầu"), *flowables], DocumentInfo("Bảng"), LAYOUT)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2 and "Không đánh giá" in pages[1].extract_text()
    assert pages[1].mediabox.width > pages[1].mediabox.height


def test_wide_tables_in_a_row_or_last_leave_no_blank_page() -> None:
    """Two wide tables one after the other each take a turned page with no empty upright page
    between them, and a wide table that ends the document leaves no empty page after it."""
    flowables = [*grid_table(WIDE_HEADER, [WIDE_ROW], LAYOUT), *grid_table(WIDE_HEADER, [WIDE_ROW], LAYOUT)]
    pdf = build_pdf([Paragraph("Mở đầu", build_styles(LAYOUT).body), *flowables], DocumentInfo("Bảng"), LAYOUT)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert [(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in pages] == [
        (595, 842), (842, 595), (842, 595)]
    assert all("Cột 1" in (page.extract_text() or "") for page in pages[1:])
