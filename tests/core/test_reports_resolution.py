"""Nghị quyết and thông báo kết luận: kind-driven title and code, 'T/M CHI BỘ' signature, 'Nơi nhận'."""

from __future__ import annotations

from dataclasses import replace

import pytest

from khoi_desktop.reports import PartyIssuer, ResolutionKind, build_resolution_bytes
from tests.core.reports_support import (
    document_text,
    pdf_reader,
    run_containing,
    sample_resolution,
    text_runs,
)


@pytest.mark.parametrize(
    ("kind", "title", "number"),
    [
        (ResolutionKind.RESOLUTION, "NGHỊ QUYẾT", "Số 07-NQ/CB"),
        (ResolutionKind.CONCLUSION_NOTICE, "THÔNG BÁO KẾT LUẬN", "Số 07-TB/CB"),
    ],
)
def test_kind_decides_title_and_type_code(kind, title, number):
    """NQ prints 'NGHỊ QUYẾT' and '-NQ/', TB prints 'THÔNG BÁO KẾT LUẬN' and '-TB/'."""
    text = document_text(build_resolution_bytes(sample_resolution(kind)))
    assert f"{title} sinh hoạt chi bộ thường kỳ tháng 11 năm 2026" in text
    assert number in text


def test_preamble_and_numbered_sections_in_order():
    """The preamble lines, then '1. …' and '2. …' sections with their bodies."""
    text = document_text(build_resolution_bytes(sample_resolution()))
    expected = [
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Chi bộ đã họp và quyết nghị:",
        "1. Đánh giá kết quả tháng 11 Chi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ.",
        "2. Nhiệm vụ tháng 12 Tập trung hoàn thành kế hoạch năm.",
    ]
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions)


def test_recipients_end_with_the_archive_line():
    """'Nơi nhận:' lists each recipient with a comma and ends '- Lưu Chi bộ.'."""
    text = document_text(build_resolution_bytes(sample_resolution()))
    assert (
        "Nơi nhận: - Đảng ủy các cơ quan Đảng tỉnh (để b/c), - Đảng viên trong chi bộ, - Lưu Chi bộ."
    ) in text


def test_signature_on_the_right_recipients_on_the_left():
    """'T/M CHI BỘ' bold and 'BÍ THƯ' regular sit right of 'Nơi nhận', the name bold below them."""
    pdf = build_resolution_bytes(sample_resolution())
    last = len(pdf_reader(pdf).pages) - 1
    runs = text_runs(pdf, last)
    recipients = run_containing(runs, "Nơi nhận:")
    on_behalf, title = run_containing(runs, "T/M CHI BỘ"), run_containing(runs, "BÍ THƯ")
    name = run_containing(runs, "Nguyễn Văn An")
    assert recipients.x < on_behalf.x and abs(recipients.y - on_behalf.y) < 1
    assert on_behalf.y > title.y > name.y
    assert "Bold" in on_behalf.font and "Bold" not in title.font and "Bold" in name.font


def test_signing_body_and_title_follow_the_data():
    """A đảng ủy signs 'T/M ĐẢNG ỦY'; a deputy signs 'PHÓ BÍ THƯ'; the archive line follows."""
    issuer = PartyIssuer("Đảng ủy Sở Tài chính", "Đảng bộ tỉnh Ninh Bình", "Ninh Bình", "ĐU",
                         signing_body="Đảng ủy", archive="Lưu Văn phòng Đảng ủy")
    data = replace(sample_resolution(), issuer=issuer, signer_title="Phó Bí thư")
    text = document_text(build_resolution_bytes(data))
    assert "T/M ĐẢNG ỦY" in text and "PHÓ BÍ THƯ" in text
    assert "Số 07-NQ/ĐU" in text and "- Lưu Văn phòng Đảng ủy." in text


def test_long_sections_flow_onto_numbered_pages():
    """Many sections run over several pages and the signature block still prints at the end."""
    sections = tuple(replace(sample_resolution().sections[0], heading=f"Mục {n}") for n in range(1, 61))
    pdf = build_resolution_bytes(replace(sample_resolution(), sections=sections))
    assert len(pdf_reader(pdf).pages) >= 3
    text = document_text(pdf)
    assert "60. Mục 60" in text and text.rstrip().endswith("Nguyễn Văn An")


def test_very_long_last_heading_before_the_signature_builds():
    """A page-long section heading right before the signature block breaks across pages instead of looping."""
    heading = ("Nhiệm vụ trọng tâm & <cấp bách> " * 200)[:5000]
    data = replace(sample_resolution(), sections=(replace(sample_resolution().sections[0], heading=heading, body=""),))
    assert "T/M CHI BỘ" in document_text(build_resolution_bytes(data))
