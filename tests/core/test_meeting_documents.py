"""Meeting documents: the number register, report data from the DB, and the PDFs read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import AgendaItem, OutcomeKind, Speech
from khoi_desktop.services.app import Services
from khoi_desktop.services.meeting_documents import layout_values
from khoi_desktop.storage import organizations_repo
from tests.core.meetings_support import (
    MEETING_DAY,
    Branch,
    Kit,
    big_branch_meeting,
    fill_meeting,
    hand_counted_branch,
    mark_by_hand,
    new_meeting,
)
from tests.core.reports_support import document_text, font_names, run_containing, text_runs


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


@pytest.fixture
def branch(services: Services) -> Branch:
    return hand_counted_branch(services)


@pytest.fixture
def meeting_id(kit: Kit, branch: Branch) -> int:
    """The hand-counted meeting, marked and filled: ready to print."""
    meeting = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    mark_by_hand(kit, meeting, branch)
    fill_meeting(kit, meeting, branch)
    return meeting


def _registered(services: Services) -> int:
    return services.db.execute("SELECT count(*) FROM documents").fetchone()[0]


# -- the register ---------------------------------------------------------------------------

def test_numbers_run_per_type_and_a_reprint_keeps_its_number(kit: Kit, branch: Branch) -> None:
    """BB 01, BB 02 for two meetings, NQ 01 beside them; printing again keeps 01."""
    number = kit.documents.number_for
    org = branch.branch_id
    assert number(org, "BB", "meeting", 1, MEETING_DAY) == 1
    assert number(org, "BB", "meeting", 2, date(2026, 11, 20)) == 2
    assert number(org, "NQ", "meeting", 1, MEETING_DAY) == 1
    assert number(org, "BB", "meeting", 1, MEETING_DAY) == 1
    assert number(branch.base_id, "BB", "meeting", 3, MEETING_DAY) == 1


def test_numbers_restart_with_a_new_term(kit: Kit, branch: Branch, services: Services) -> None:
    """Numbers run through a term across years and restart at 01 when the next term begins."""
    org = branch.branch_id
    organizations_repo.insert_term(services.db, org, "2020–2025", date(2020, 8, 1), date(2025, 8, 31))
    organizations_repo.insert_term(services.db, org, "2025–2030", date(2025, 9, 1), None)
    number = kit.documents.number_for
    assert number(org, "BB", "meeting", 1, date(2024, 12, 1)) == 1
    assert number(org, "BB", "meeting", 2, date(2025, 3, 1)) == 2
    assert number(org, "BB", "meeting", 3, date(2025, 10, 1)) == 1
    assert number(org, "BB", "meeting", 4, date(2026, 1, 5)) == 2


def test_without_a_term_numbers_run_per_year(kit: Kit, branch: Branch) -> None:
    """No term recorded: each calendar year starts again at 01."""
    number = kit.documents.number_for
    org = branch.branch_id
    assert number(org, "BB", "meeting", 1, date(2025, 12, 30)) == 1
    assert number(org, "BB", "meeting", 2, date(2026, 1, 5)) == 1
    assert number(org, "BB", "meeting", 3, date(2026, 2, 1)) == 2


# -- the minutes ----------------------------------------------------------------------------

def test_minutes_print_every_required_field(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """Header, time and place, chair, secretary, counts, absentees with reasons, items, votes, rating."""
    printed = kit.documents.write_minutes(meeting_id, tmp_path / "bien-ban.pdf")
    assert (printed.number, printed.number_text) == (1, "Số 01-BB/CB")
    text = document_text(printed.path.read_bytes())
    expected = [
        "ĐẢNG BỘ SỞ TÀI CHÍNH", "CHI BỘ PHÒNG NGÂN SÁCH", "Số 01-BB/CB", "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Ninh Bình, ngày 05 tháng 11 năm 2026", "BIÊN BẢN", "sinh hoạt chi bộ thường kỳ tháng 11 năm 2026",
        "bắt đầu vào lúc 14 giờ 00 phút, ngày 05 tháng 11 năm 2026", "Phòng họp tầng 2, Sở Tài chính",
        "Chủ trì: đồng chí Nguyễn Văn An, Trưởng phòng", "Thư ký: đồng chí Trần Thị Bình",
        "Đồng chí Đỗ Văn Hải, Phó Bí thư Đảng ủy, Đảng bộ Sở Tài chính",
        "tổng số 8 đồng chí, có mặt 5 đồng chí, vắng mặt 3 đồng chí",
        "Đảng viên chính thức: 5 đồng chí; có mặt 3 đồng chí; vắng mặt có lý do 1 đồng chí: "
        "Trần Thị Bình (đi công tác); vắng mặt không lý do 1 đồng chí: Lê Văn Cường",
        "Đảng viên dự bị: 2 đồng chí; có mặt 1 đồng chí; vắng mặt có lý do 1 đồng chí: Đỗ Thị Em (ốm)",
        "Đảng viên sinh hoạt tạm thời: 1 đồng chí; có mặt 1 đồng chí",
        "miễn sinh hoạt: 1 đồng chí: Bùi Thị Hà (tuổi cao, sức yếu)",
        "1. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Đồng chí Bí thư quán triệt chuyên đề năm 2026.",
        "Đồng chí Vũ Văn Nam: Nhất trí với nội dung chuyên đề <năm 2026> & kế hoạch.",
        "Kết luận: Mỗi đảng viên đăng ký một việc làm theo gương Bác.",
        "2. Đánh giá nhiệm vụ tháng 11", "Đồng chí Đỗ Văn Hải: Đề nghị quan tâm phát triển đảng viên.",
        "Đồng chí Hoàng Văn Dũng: Cần đẩy nhanh giải ngân vốn đầu tư công.",
        "Đồng chí Ngô Thị Giang: Kinh nghiệm cải cách hành chính.", "Chia sẻ mô hình một cửa liên thông.",
        "Thông qua nghị quyết tháng 11: số đảng viên có quyền biểu quyết 3 đồng chí; tán thành 2/3 đồng chí",
        "ý kiến khác 1/3 đồng chí", "Tốt (92 điểm)", "kết thúc vào lúc 16 giờ 00 phút cùng ngày",
        "THƯ KÝ", "CHỦ TRÌ",
    ]
    missing = [fragment for fragment in expected if fragment not in text]
    assert missing == []
    assert "Chủ đề chưa trình bày" not in text


def test_minutes_are_identical_for_identical_data(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """A reprint gives the same bytes and the same number."""
    first = kit.documents.write_minutes(meeting_id, tmp_path / "a.pdf")
    second = kit.documents.write_minutes(meeting_id, tmp_path / "b.pdf")
    assert first.number == second.number == 1
    assert first.path.read_bytes() == second.path.read_bytes()


def test_minutes_embed_their_fonts(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """Every font is embedded and none is Helvetica."""
    fonts = font_names(kit.documents.write_minutes(meeting_id, tmp_path / "a.pdf").path.read_bytes())
    assert fonts and not any("Helvetica" in name or "not embedded" in name for name in fonts)


def test_long_opinions_print_in_full(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """A 5,000-character opinion is printed to its last word."""
    opinion = "Ý kiến rất dài về công tác xây dựng Đảng. " * 120 + "HẾT-Ý-KIẾN"
    kit.services.meetings.set_agenda(meeting_id, [AgendaItem("Thảo luận", speeches=(
        Speech(opinion, speaker_name="Đồng chí Khách"),))])
    text = document_text(kit.documents.write_minutes(meeting_id, tmp_path / "a.pdf").path.read_bytes())
    assert len(opinion) > 5000 and "HẾT-Ý-KIẾN" in text


def test_minutes_wait_for_the_roll_call(kit: Kit, branch: Branch, services: Services, tmp_path: Path) -> None:
    """Unmarked members: refused in Vietnamese, no file written and no number used."""
    meeting = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationError, match="chưa điểm danh"):
        kit.documents.write_minutes(meeting, folder / "bb.pdf")
    assert list(folder.iterdir()) == [] and _registered(services) == 0


def test_preview_uses_no_number(kit: Kit, meeting_id: int, services: Services, tmp_path: Path) -> None:
    """register=False leaves the number blank until the document is numbered, then shows it."""
    preview = kit.documents.write_minutes(meeting_id, tmp_path / "xem.pdf", register=False)
    assert preview.number is None and _registered(services) == 0
    kit.documents.write_minutes(meeting_id, tmp_path / "in.pdf")
    assert kit.documents.write_minutes(meeting_id, tmp_path / "xem.pdf", register=False).number == 1


def test_big_meeting_counts(kit: Kit, tmp_path: Path) -> None:
    """200 members and 10 items: the totals and every item title are printed."""
    meeting = big_branch_meeting(kit)
    text = document_text(kit.documents.write_minutes(meeting, tmp_path / "bb.pdf").path.read_bytes())
    assert "tổng số 200 đồng chí, có mặt 190 đồng chí, vắng mặt 10 đồng chí" in text
    assert all(f"{n}. Nội dung {n}:" in text for n in range(1, 11))


# -- layout ---------------------------------------------------------------------------------

def test_layout_comes_from_the_preset_in_force(kit: Kit, meeting_id: int, services: Services,
                                               tmp_path: Path) -> None:
    """HD 36 sizes map onto the layout; a newer preset moves the text from its date on."""
    layout = kit.documents.layout_on(MEETING_DAY)
    assert (layout.margin_left_mm, layout.document_type_size, layout.body_indent_mm) == (30, 15, 12.7)
    first = text_runs(kit.documents.write_minutes(meeting_id, tmp_path / "a.pdf").path.read_bytes())
    data = {**json.loads(services.db.execute("SELECT data_json FROM rule_presets WHERE kind = 'layout'")
                         .fetchone()[0]), "margin_left_mm": 35}
    services.db.execute("INSERT INTO rule_presets (kind, name, valid_from, data_json) VALUES (?, ?, ?, ?)",
                        ["layout", "Thử", "2026-06-01", json.dumps(data)])
    assert kit.documents.layout_on(date(2026, 1, 1)).margin_left_mm == 30
    second = text_runs(kit.documents.write_minutes(meeting_id, tmp_path / "b.pdf").path.read_bytes())
    shift = run_containing(second, "THỜI GIAN").x - run_containing(first, "THỜI GIAN").x
    assert shift == pytest.approx(5 * 72 / 25.4, abs=0.5)


def test_layout_values_rename_preset_keys() -> None:
    """'…_pt' keys become '…_size' fields; the indent in cm becomes mm."""
    values = layout_values({"body_pt": 13, "doc_type_pt": 16, "page": "A5", "first_line_indent_cm": 1})
    assert values == {"body_size": 13, "document_type_size": 16, "page_size": "A5", "body_indent_mm": 10,
                      "first_line_indent_cm": 1}


# -- sign-in sheet and resolution -------------------------------------------------------------

def test_sign_in_sheet_lists_the_roll(kit: Kit, meeting_id: int, services: Services, tmp_path: Path) -> None:
    """Numbered names in order, no number, no register entry, exempt members not listed."""
    printed = kit.documents.write_sign_in_sheet(meeting_id, tmp_path / "ds.pdf")
    text = document_text(printed.path.read_bytes())
    assert printed.number is None and _registered(services) == 0
    assert "DANH SÁCH ĐẢNG VIÊN DỰ HỌP" in text and "Số " not in text.split("DANH SÁCH")[0]
    assert "1 Nguyễn Văn An Trưởng phòng" in text and "8 Vũ Văn Nam" in text
    assert "Bùi Thị Hà" not in text


def test_resolution_prints_the_outcome(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """Numbered NQ, the preamble, numbered sections, 'T/M CHI BỘ', the chair and recipients."""
    printed = kit.documents.write_resolution(meeting_id, tmp_path / "nq.pdf")
    text = document_text(printed.path.read_bytes())
    assert printed.number_text == "Số 01-NQ/CB"
    for fragment in ("NGHỊ QUYẾT", "Số 01-NQ/CB", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam",
                     "1. Đánh giá kết quả tháng 11", "Chi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ.",
                     "2. Nhiệm vụ tháng 12", "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An",
                     "Đảng ủy Sở Tài chính (để báo cáo)", "Lưu Chi bộ."):
        assert fragment in text


def test_conclusion_notice_numbers_as_tb(kit: Kit, meeting_id: int, tmp_path: Path) -> None:
    """A thông báo kết luận takes its own TB number and says who chaired."""
    kit.services.meetings.set_outcome(meeting_id, OutcomeKind.CONCLUSION, "Chi bộ thống nhất giao nhiệm vụ.")
    printed = kit.documents.write_resolution(meeting_id, tmp_path / "tb.pdf")
    text = document_text(printed.path.read_bytes())
    assert printed.number_text == "Số 01-TB/CB"
    assert "THÔNG BÁO KẾT LUẬN" in text and "do đồng chí Nguyễn Văn An, Trưởng phòng chủ trì" in text


def test_resolution_needs_an_outcome(kit: Kit, branch: Branch, services: Services, tmp_path: Path) -> None:
    """Without a resolution text: refused in Vietnamese, nothing written, no number used."""
    meeting = new_meeting(kit, branch.branch_id, branch.people["An"])
    with pytest.raises(ValidationError, match="chưa có nghị quyết"):
        kit.documents.write_resolution(meeting, tmp_path / "nq.pdf")
    assert not (tmp_path / "nq.pdf").exists() and _registered(services) == 0
