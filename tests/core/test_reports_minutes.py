"""Biên bản: every field of MinutesData is printed, read back with pypdf."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime

import pytest

from khoi_desktop.reports import Participant, Speech, build_minutes_bytes, fonts
from tests.core.reports_support import (
    document_text,
    page_texts,
    pdf_reader,
    run_containing,
    sample_minutes,
    squash,
    text_runs,
)


@pytest.fixture(scope="module")
def minutes_text() -> str:
    """The sample minutes as one squashed line of text."""
    return document_text(build_minutes_bytes(sample_minutes()))


def _text_with_opinion(opinion: str) -> str:
    data = sample_minutes()
    first = replace(data.agenda[0], speeches=(Speech("Trần Thị Bình", opinion),))
    return document_text(build_minutes_bytes(replace(data, agenda=(first, *data.agenda[1:]))))


HEADER_TIME_PLACE_CHAIR_SECRETARY_GUESTS = [
    "Số 05-BB/CB",
    "Ninh Bình, ngày 05 tháng 11 năm 2026",
    "BIÊN BẢN sinh hoạt chi bộ thường kỳ tháng 11 năm 2026",
    "bắt đầu vào lúc 14 giờ 00 phút, ngày 05 tháng 11 năm 2026",
    "Địa điểm: Hội trường tầng 3, Kho bạc Nhà nước Ninh Bình.",
    "Chủ trì: đồng chí Nguyễn Văn An, Bí thư Chi bộ.",
    "Thư ký: đồng chí Trần Thị Bình, Phó Bí thư Chi bộ.",
    "Đồng chí Đỗ Văn Hải, Phó Bí thư Đảng ủy, Đảng bộ các cơ quan Đảng tỉnh.",
]
MEMBERS_BY_KIND_ABSENTEES_EXEMPT = [
    "tổng số 25 đồng chí, có mặt 22 đồng chí, vắng mặt 3 đồng chí",
    "Đảng viên chính thức: 22 đồng chí; có mặt 20 đồng chí; vắng mặt có lý do 1 đồng chí: "
    "Phạm Văn Dũng (đi công tác); vắng mặt không lý do 1 đồng chí: Hoàng Văn Em.",
    "Đảng viên dự bị: 2 đồng chí; có mặt 2 đồng chí.",
    "Đảng viên sinh hoạt tạm thời: 1 đồng chí; có mặt 0 đồng chí; vắng mặt không lý do 1 đồng chí: Ngô Thị Giang.",
    "Đảng viên được miễn sinh hoạt: 1 đồng chí: Lê Văn Cầu (tuổi cao).",
]
AGENDA_SPEAKERS_CONCLUSIONS_TALKS = [
    "1. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Đồng chí Bí thư quán triệt chuyên đề năm 2026.",
    "Ý kiến thảo luận: - Đồng chí Trần Thị Bình: Nhất trí với nội dung chuyên đề.",
    "Kết luận: Mỗi đảng viên đăng ký một việc làm theo gương Bác.",
    "2. Đánh giá nhiệm vụ tháng 11",
    "- Đồng chí Lê Văn Cường: Đề nghị quan tâm phát triển đảng viên.",
    "Kết luận: Chi bộ thống nhất các nội dung đã thảo luận.",
    "- Đồng chí Đỗ Văn Hải, Phó Bí thư Đảng ủy: phát biểu chỉ đạo. Ghi nhận kết quả.",
]


@pytest.mark.parametrize(
    "expected", [*HEADER_TIME_PLACE_CHAIR_SECRETARY_GUESTS, *MEMBERS_BY_KIND_ABSENTEES_EXEMPT,
                 *AGENDA_SPEAKERS_CONCLUSIONS_TALKS],
)
def test_every_field_is_printed(minutes_text, expected):
    """Number, date, venue, chair, secretary, guests; members by kind with absentees and exempt members;
    each agenda item with its speakers and conclusion, and the delivered talks."""
    assert expected in minutes_text


def test_votes_in_counts_and_vietnamese_percentages(minutes_text):
    """Votes show counts over the vote base and percentages with a decimal comma."""
    assert (
        "Thông qua nghị quyết tháng 11: số đảng viên có quyền biểu quyết 22 đồng chí; "
        "tán thành 20/22 đồng chí (90,91%); không tán thành 1/22 đồng chí (4,55%); "
        "ý kiến khác 1/22 đồng chí (4,55%)."
    ) in minutes_text


def test_rating_closing_time_and_note(minutes_text):
    """The quality rating, the closing time 'cùng ngày' and the closing note are printed."""
    assert "Chi bộ đánh giá chất lượng buổi sinh hoạt: Tốt (92 điểm)." in minutes_text
    assert "Cuộc họp kết thúc vào lúc 16 giờ 30 phút cùng ngày." in minutes_text
    assert "Biên bản đã được đọc lại và thông qua trước chi bộ." in minutes_text


def test_sections_are_numbered_in_roman_order(minutes_text):
    """Headings run I- to VI- in the order of business."""
    headings = ["I- THỜI GIAN, ĐỊA ĐIỂM", "II- THÀNH PHẦN", "III- NỘI DUNG", "IV- PHÁT BIỂU, TRÌNH BÀY",
                "V- BIỂU QUYẾT", "VI- ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT"]
    positions = [minutes_text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_empty_sections_are_left_out_and_renumbered():
    """Without talks, votes or rating those sections vanish and numbering stays continuous."""
    data = replace(sample_minutes(), talks=(), votes=(), quality_rating="", guests=())
    text = document_text(build_minutes_bytes(data))
    assert "IV-" not in text and "BIỂU QUYẾT" not in text
    assert "3. Khách mời: không có." in text


def test_signatures_secretary_left_chair_right_names_bold():
    """THƯ KÝ signs on the left, CHỦ TRÌ on the right, each with the name in bold below."""
    pdf = build_minutes_bytes(sample_minutes())
    last = len(pdf_reader(pdf).pages) - 1
    runs = text_runs(pdf, last)
    secretary, chair = run_containing(runs, "THƯ KÝ"), run_containing(runs, "CHỦ TRÌ")
    secretary_name = [run for run in runs if run.text == "Trần Thị Bình"][-1]
    chair_name = [run for run in runs if run.text == "Nguyễn Văn An"][-1]
    assert secretary.x < chair.x and abs(secretary.y - chair.y) < 1
    assert secretary_name.y < secretary.y and chair_name.y < chair.y
    assert secretary_name.x < chair_name.x
    assert all("Bold" in run.font for run in (secretary, chair, secretary_name, chair_name))


def test_unknown_end_time_leaves_a_blank_and_next_day_gives_the_date():
    """No end time prints a blank to fill in; ending after midnight prints the date."""
    blank = document_text(build_minutes_bytes(replace(sample_minutes(), ends_at=None)))
    assert "Cuộc họp kết thúc vào lúc …… giờ …… phút cùng ngày." in blank
    late = replace(sample_minutes(), ends_at=datetime(2026, 11, 6, 0, 15))
    assert "kết thúc vào lúc 0 giờ 15 phút, ngày 06 tháng 11 năm 2026." in document_text(build_minutes_bytes(late))


def test_recipients_block_only_when_recipients_are_given(minutes_text):
    """Minutes usually have no 'Nơi nhận'; given recipients, it ends with '- Lưu Chi bộ.'."""
    assert "Nơi nhận" not in minutes_text
    data = replace(sample_minutes(), recipients=("Đảng ủy cấp trên (để b/c)",))
    text = document_text(build_minutes_bytes(data))
    assert "Nơi nhận: - Đảng ủy cấp trên (để b/c), - Lưu Chi bộ." in text


def test_missing_number_leaves_room_to_write_it():
    """An unnumbered biên bản still shows the '-BB/CB' code after a blank."""
    text = document_text(build_minutes_bytes(replace(sample_minutes(), number=None)))
    assert "Số" in text and "-BB/CB" in text and "Số 05" not in text


# --- hostile text ------------------------------------------------------------------


def test_markup_characters_print_as_typed():
    """'<', '>' and '&' in user text are printed literally, not taken as markup."""
    opinion = "Đề nghị <b>không</b> in đậm & giữ nguyên a<b, x&y; <Nguyễn>"
    assert f"Đồng chí Trần Thị Bình: {opinion}" in _text_with_opinion(opinion)


def test_emoji_do_not_break_the_build_or_the_text_around_them():
    """Glyphs the font lacks become a visible placeholder; nothing after them is lost."""
    placeholder = fonts.register_fonts().placeholder
    text = _text_with_opinion("Rất đồng ý 👍🏽 với chi bộ 🇻🇳 ✓ hết ý kiến.")
    assert f"Rất đồng ý {placeholder} với chi bộ" in text
    assert "hết ý kiến." in text


def test_five_thousand_character_opinion_prints_in_full():
    """A 5,000-character opinion breaks across pages and every word comes back."""
    words = [f"ý-kiến-{number:04d}" for number in range(600)]
    opinion = " ".join(words)[:5000]
    assert len(opinion) == 5000
    text = _text_with_opinion(opinion)
    assert squash(opinion) in text


def test_multi_line_opinion_keeps_every_line():
    """Each line of a multi-line opinion is printed, in order."""
    text = _text_with_opinion("Thứ nhất, nhất trí.\nThứ hai, bổ sung chỉ tiêu.\n\nThứ ba, hết.")
    assert "Nhất trí" not in text  # nothing re-cased
    assert "Thứ nhất, nhất trí. Thứ hai, bổ sung chỉ tiêu. Thứ ba, hết." in text


def test_decomposed_input_prints_composed():
    """NFD names (Windows' built-in keyboard) come out as NFC text."""
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    data = replace(sample_minutes(), chair=Participant(decomposed, "Bí thư Chi bộ"))
    text = "\n".join(page_texts(build_minutes_bytes(data)))
    assert "Nguyễn Thị Hằng" in text
    assert unicodedata.normalize("NFD", "ễ") not in text


def test_long_text_in_every_prose_field_builds():
    """5,000 characters in the venue, summary, agenda, conclusion, rating and closing note still print."""
    long_text = ("Ý kiến rất dài & đầy đủ <chi tiết> " * 200)[:5000]
    data = sample_minutes()
    item = replace(data.agenda[0], title=long_text, content=long_text, conclusion=long_text)
    data = replace(data, venue=long_text, summary=long_text, agenda=(item,), quality_rating=long_text,
                   closing_note=long_text, talks=(), votes=())
    text = document_text(build_minutes_bytes(data))
    assert text.count(squash(long_text)) >= 6
    assert text.endswith("Cuộc họp kết thúc vào lúc 16 giờ 30 phút cùng ngày. THƯ KÝ Trần Thị Bình CHỦ TRÌ Nguyễn Văn An")
