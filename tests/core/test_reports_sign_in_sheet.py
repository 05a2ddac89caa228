"""Danh sách đảng viên dự họp: numbered rows in a table whose header repeats on every page."""

from __future__ import annotations

from dataclasses import replace

from khoi_desktop.reports import SignInRow, build_sign_in_sheet_bytes
from tests.core.reports_support import (
    document_text,
    page_texts,
    pdf_reader,
    run_containing,
    sample_sign_in,
    squash,
    text_runs,
)


def test_two_hundred_rows_span_pages_with_the_header_on_each():
    """200 members fill several pages, and every page repeats the column titles."""
    pages = [squash(text) for text in page_texts(build_sign_in_sheet_bytes(sample_sign_in(200)))]
    assert len(pages) >= 4
    for text in pages:
        assert "STT Họ và tên Chức vụ Ký tên" in text


def test_every_member_is_numbered_in_order():
    """Rows are numbered 1…200 next to the names, none missing."""
    text = document_text(build_sign_in_sheet_bytes(sample_sign_in(200)))
    positions = [text.index(f"{number} Nguyễn Văn Thành Viên {number} Chuyên viên") for number in range(1, 201)]
    assert positions == sorted(positions)


def test_heading_names_the_meeting_without_a_document_number():
    """The sheet has the Party header and title but no 'Số …' line: it annexes the minutes."""
    pdf = build_sign_in_sheet_bytes(sample_sign_in(3))
    text = document_text(pdf)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ HỌP sinh hoạt chi bộ thường kỳ tháng 11 năm 2026" in text
    assert "Ninh Bình, ngày 05 tháng 11 năm 2026" in text
    assert "Số " not in text
    runs = text_runs(pdf)
    assert run_containing(runs, "ĐẢNG CỘNG SẢN VIỆT NAM").y > run_containing(runs, "DANH SÁCH").y


def test_columns_sit_left_to_right():
    """STT, name, position and signature columns appear in that order across the page."""
    runs = text_runs(build_sign_in_sheet_bytes(sample_sign_in(3)))
    xs = [run_containing(runs, title).x for title in ("STT", "Họ và tên", "Chức vụ", "Ký tên")]
    assert xs == sorted(xs)


def test_names_with_markup_characters_print_as_typed():
    """A '<' or '&' in a name or position does not break the table."""
    data = replace(sample_sign_in(1), rows=(SignInRow("Lê <Văn> & Tám", "P.Kế toán & Tài vụ"),))
    assert "1 Lê <Văn> & Tám P.Kế toán & Tài vụ" in document_text(build_sign_in_sheet_bytes(data))


def test_empty_list_still_builds_a_sheet_with_headings():
    """No members yet: one page with the column titles only."""
    pdf = build_sign_in_sheet_bytes(replace(sample_sign_in(1), rows=()))
    assert len(pdf_reader(pdf).pages) == 1
    assert "STT Họ và tên Chức vụ Ký tên" in document_text(pdf)
