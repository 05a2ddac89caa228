"""Edge cases of the report renderers: long table cells, multi-line items, formula-like titles, DOCX header."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.reports.meeting_docs import PartyIssuer
from khoi_desktop.reports.ratings_pdf import build_ratings_bytes
from khoi_desktop.reports.registration_pdf import build_registration_bytes
from khoi_desktop.reports.report_model import Column, ReportDocument, Signature, Table
from khoi_desktop.reports.study_docs import (
    RatingLine,
    RatingsDoc,
    RatingSection,
    RegistrationDoc,
    RegistrationGroup,
    RegistrationLine,
)
from khoi_desktop.reports.year_end_docx import build_year_end_docx
from khoi_desktop.reports.year_end_xlsx import build_year_end_xlsx
from tests.core.reports_support import document_text, page_texts

ISSUER = PartyIssuer("Chi bộ Văn phòng", "Đảng bộ Sở Tài chính", "Ninh Bình")
LONG_NOTE = ("Ghi chú dài <có> & ký tự > đặc biệt. " * 140).strip() + " HẾT"


def _report(issuer: PartyIssuer, table: Table | None = None) -> ReportDocument:
    body = (table,) if table else ()
    return ReportDocument(issuer, date(2026, 2, 5), "tổng kết năm 2025", body, (), Signature("T/M CHI BỘ", "BÍ THƯ", ""))


def test_a_rating_note_longer_than_a_page_still_prints() -> None:
    """A table row taller than a page breaks across pages instead of failing with ReportTooLargeError."""
    lines = tuple(RatingLine(f"Người {i}", "Chuyên viên", "HTTNV", "HTTNV", "HTTNV", LONG_NOTE if i == 3 else "")
                  for i in range(8))
    doc = RatingsDoc(ISSUER, 2026, date(2026, 12, 1), "đánh giá năm 2026", (RatingSection("", lines),), (), 8)
    text = document_text(build_ratings_bytes(doc))
    assert "HẾT" in text and "Người 7" in text and text.count("Người 3") == 1


def test_a_registration_item_keeps_its_line_breaks() -> None:
    """Each line of a multi-line item prints on its own line, not run together."""
    group = RegistrationGroup("Học tập", (RegistrationLine("- Đọc sách <Bác>\n- Viết bài & chia sẻ", "Bài", "Quý II"),))
    doc = RegistrationDoc(ISSUER, 2026, date(2026, 3, 1), "Nguyễn Văn An", groups=(group,))
    lines = page_texts(build_registration_bytes(doc))[0].split("\n")
    assert "- Đọc sách <Bác>" in lines and "- Viết bài & chia sẻ" in lines


def test_formula_like_titles_headers_and_notes_stay_text_in_the_workbook() -> None:
    """An organisation name, a table title, a column title or a note starting with '=' is never a formula."""
    table = Table("=2+2", (Column("=3+3"), Column("@SUM(1)")), (("=4", 5),), note="=5+5")
    book = load_workbook(io.BytesIO(build_year_end_xlsx(_report(PartyIssuer("=1+1", "", "Ninh Bình"), table))))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row if isinstance(cell.value, str)]
    assert {cell.value for cell in cells} >= {"=1+1", "=2+2", "=3+3", "=4", "=5+5"}
    assert all(cell.data_type == "s" for cell in cells)


def test_docx_header_pads_the_date_to_the_line_of_the_number() -> None:
    """Names that wrap in Word's cell (inside its margins) still put the date on the number's line."""
    issuer = PartyIssuer("Đảng bộ Sở Nông nghiệp và Phát triển nông thôn", "Đảng bộ Khối các cơ quan tỉnh Ninh Bình",
                         "Ninh Bình", code="ĐU")
    header = Document(io.BytesIO(build_year_end_docx(_report(issuer)))).tables[0]
    left, right = header.rows[0].cells
    # Left: the superior and the issuer (wrapped evenly, one paragraph a line), '*', then the number;
    # right: the Party name, blank lines, then the date on the number's line.
    assert [p.text[:3] for p in left.paragraphs][-2:] == ["*", "Số "]
    assert len(left.paragraphs) >= 5 and all(" " in p.text for p in left.paragraphs[:-2])
    assert len(right.paragraphs) == len(left.paragraphs)
    assert right.paragraphs[-1].text.startswith("Ninh Bình, ngày 05 tháng 02")


def test_a_header_too_long_for_a_page_is_a_message_for_the_clerk() -> None:
    """ReportTooLargeError is a UserFacingError, so the CLI and GUI show its text instead of 'unexpected error'."""
    absurd = PartyIssuer("Chi bộ " * 1500, "", "Ninh Bình")
    doc = RatingsDoc(absurd, 2026, date(2026, 12, 1), "đánh giá", (), (), 0)
    with pytest.raises(UserFacingError, match="quá dài"):
        build_ratings_bytes(doc)
