"""Pages stay full: a long decision or speech splits across pages instead of moving whole.

Every page but the last is at least two-thirds full (its lowest text line sits in the bottom
third of the frame); numbered decisions print in the body's normal weight.
"""

from __future__ import annotations

from dataclasses import replace

from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.meeting_docs import AgendaItem, ResolutionSection, Speech
from khoi_desktop.reports.minutes_pdf import build_minutes_bytes
from khoi_desktop.reports.resolution_pdf import build_resolution_bytes
from tests.core.reports_support import (
    pdf_reader,
    run_containing,
    sample_minutes,
    sample_resolution,
    text_runs,
)

LONG = " ".join(f"Chi bộ tập trung lãnh đạo thực hiện nhiệm vụ số {n} đúng tiến độ, chất lượng." for n in range(90))


def _pages_filled(pdf: bytes) -> list[float]:
    """For each page, how far down its lowest text reaches, as a share of the frame height."""
    layout = LayoutSpec()
    top = layout.page_size_points[1] - layout.margin_top_mm * 2.8346
    bottom = layout.margin_bottom_mm * 2.8346
    shares = []
    for index in range(len(pdf_reader(pdf).pages)):
        lowest = min(run.y for run in text_runs(pdf, index))
        shares.append((top - lowest) / (top - bottom))
    return shares


def test_a_long_decision_splits_instead_of_leaving_page_one_blank() -> None:
    """'Chi bộ quyết nghị:' then a decision longer than a page: page 1 is filled, weight is normal."""
    data = replace(sample_resolution(), sections=(ResolutionSection("Lãnh đạo nhiệm vụ năm 2027", LONG),
                                                  ResolutionSection("Giao chi ủy tổ chức thực hiện", "")))
    pdf = build_resolution_bytes(data)
    filled = _pages_filled(pdf)
    assert len(filled) >= 2 and all(share >= 2 / 3 for share in filled[:-1]), filled
    decision = run_containing(text_runs(pdf), "1. Lãnh đạo nhiệm vụ năm 2027")
    assert "Bold" not in decision.font


def test_a_long_speech_after_its_lead_in_splits_across_pages() -> None:
    """'Ý kiến thảo luận:' followed by a speech longer than a page leaves no third of a page empty."""
    item = AgendaItem("Thảo luận nhiệm vụ năm 2027", "Trình bày dự thảo.", (Speech("Trần Thị Bình", LONG),), "")
    pdf = build_minutes_bytes(replace(sample_minutes(), agenda=(item,)))
    filled = _pages_filled(pdf)
    assert len(filled) >= 2 and all(share >= 2 / 3 for share in filled[:-1]), filled
