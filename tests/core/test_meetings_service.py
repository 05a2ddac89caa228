"""MeetingService and TemplateService: create from templates, edit, parts, rating, talks, delete."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meetings import (
    DEFAULT_AGENDAS,
    AgendaItem,
    Guest,
    MeetingInput,
    MeetingTemplate,
    OutcomeKind,
    Speech,
    Vote,
)
from khoi_desktop.services.app import Services
from khoi_desktop.storage import audit_repo
from tests.core.meetings_support import (
    MEETING_DAY,
    Branch,
    Kit,
    fill_meeting,
    hand_counted_branch,
    mark_by_hand,
    new_meeting,
)


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


@pytest.fixture
def branch(services: Services) -> Branch:
    return hand_counted_branch(services)


def _head(branch: Branch, **changes: object) -> MeetingInput:
    base = MeetingInput(organization_id=branch.branch_id, kind=MeetingKind.REGULAR, date=MEETING_DAY,
                        start_time="14:00", end_time="16:00")
    return replace(base, **changes)


@pytest.mark.parametrize("kind", list(MeetingKind))
def test_create_prefills_the_agenda_of_each_kind(kit: Kit, branch: Branch, kind: MeetingKind) -> None:
    """Every kind has a seeded template whose items become the new meeting's agenda."""
    saved = kit.services.meetings.create(_head(branch, kind=kind))
    meeting = kit.services.meetings.get(saved.meeting_id)
    assert tuple(item.title for item in meeting.agenda) == DEFAULT_AGENDAS[kind]
    assert saved.changes.meetings and saved.changes.ids == (saved.meeting_id,)


def test_edited_template_is_used_for_new_meetings(kit: Kit, branch: Branch) -> None:
    """The clerk's template edit shows in the next meeting; a template of another kind is refused."""
    template = kit.templates.for_kind(MeetingKind.THEMATIC)
    kit.templates.save(replace(template, agenda=("Khai mạc", "  Chuyên đề năm  ", "")))
    meeting_id = kit.services.meetings.create(_head(branch, kind=MeetingKind.THEMATIC)).meeting_id
    assert [item.title for item in kit.services.meetings.get(meeting_id).agenda] == ["Khai mạc", "Chuyên đề năm"]
    with pytest.raises(ValidationError, match="không dùng cho"):
        kit.services.meetings.create(_head(branch), template_id=template.id)


def test_templates_fall_back_to_the_default(kit: Kit) -> None:
    """With every template of a kind deleted, the built-in agenda is used; empty templates are refused."""
    for template in kit.templates.list(MeetingKind.SEMINAR):
        kit.templates.delete(template.id)
    assert kit.templates.for_kind(MeetingKind.SEMINAR).agenda == DEFAULT_AGENDAS[MeetingKind.SEMINAR]
    with pytest.raises(ValidationError):
        kit.templates.save(MeetingTemplate(MeetingKind.SEMINAR, "Trống", ("  ",)))
    added = kit.templates.save(MeetingTemplate(MeetingKind.SEMINAR, "Tọa đàm ngắn", ("Đề dẫn",))).ids[0]
    assert kit.templates.for_kind(MeetingKind.SEMINAR).id == added


def test_times_are_normalised_and_end_must_follow_start(kit: Kit, branch: Branch) -> None:
    """'7h30' is stored '07:30'; an end before the start or a bad time is refused on its field."""
    meeting_id = kit.services.meetings.create(_head(branch, start_time="7h30", end_time="10 giờ")).meeting_id
    meeting = kit.services.meetings.get(meeting_id)
    assert (meeting.start_time, meeting.end_time, meeting.duration_minutes) == ("07:30", "10:00", 150)
    with pytest.raises(ValidationError) as caught:
        kit.services.meetings.update(meeting_id, _head(branch, start_time="15:00", end_time="14:00"))
    assert caught.value.field == "end_time"
    with pytest.raises(ValidationError) as caught:
        kit.services.meetings.update(meeting_id, _head(branch, start_time="25:00"))
    assert caught.value.field == "start_time"


def test_short_meeting_warns_by_the_preset_of_its_date(kit: Kit, branch: Branch) -> None:
    """80 minutes warns after 23/7/2025 (90 min), not in 2024 (60 min); a committee meeting never."""
    short = _head(branch, start_time="14:00", end_time="15:20")
    warnings = kit.services.meetings.create(short).warnings
    assert len(warnings) == 1 and "80 phút" in warnings[0] and "90 phút" in warnings[0]
    assert kit.services.meetings.create(replace(short, date=date(2024, 5, 10))).warnings == ()
    assert "60 phút" in kit.services.meetings.create(replace(short, date=date(2024, 5, 10),
                                                             end_time="14:45")).warnings[0]
    assert kit.services.meetings.create(replace(short, kind=MeetingKind.COMMITTEE)).warnings == ()


def test_chair_and_secretary_from_the_roll_or_free_names(kit: Kit, branch: Branch) -> None:
    """A person id keeps the person's name; a free name is cleaned; an unknown id is refused."""
    meeting_id = kit.services.meetings.create(_head(branch, chair_person_id=branch.people["An"],
                                                    secretary_name="  Trần   Văn Khách ")).meeting_id
    meeting = kit.services.meetings.get(meeting_id)
    assert (meeting.chair_name, meeting.secretary_name) == ("Nguyễn Văn An", "Trần Văn Khách")
    with pytest.raises(ValidationError) as caught:
        kit.services.meetings.update(meeting_id, _head(branch, chair_person_id=9999))
    assert caught.value.field == "chair_person_id"


def test_update_keeps_the_organisation_and_audits(kit: Kit, branch: Branch, services: Services) -> None:
    """Moving a meeting to another organisation is refused; an edit writes before/after to the log."""
    meeting_id = kit.services.meetings.create(_head(branch)).meeting_id
    kit.services.meetings.update(meeting_id, _head(branch, place="Hội trường"))
    assert kit.services.meetings.get(meeting_id).place == "Hội trường"
    with pytest.raises(ValidationError):
        kit.services.meetings.update(meeting_id, _head(branch, organization_id=branch.base_id))
    actions = [row["action"] for row in audit_repo.entries(services.db, "meeting", meeting_id)]
    assert actions[:2] == ["update", "create"]


def test_guests_agenda_and_speeches_round_trip_in_nfc(kit: Kit, branch: Branch) -> None:
    """Decomposed input is stored NFC; order of items and speeches is kept; speakers by id or name."""
    meeting_id = new_meeting(kit, branch.branch_id)
    nfd = unicodedata.normalize("NFD", "Đồng chí Hải phát biểu")
    kit.services.meetings.set_guests(meeting_id, [Guest(nfd, "Phó Bí thư"), Guest("Khách hai")])
    kit.services.meetings.set_agenda(meeting_id, [
        AgendaItem("Mục một", content="Dòng 1\r\nDòng 2", conclusion="Kết luận",
                   speeches=(Speech("Ý kiến A", branch.people["Nam"]), Speech(nfd, speaker_name="Khách"))),
        AgendaItem("Mục hai"),
    ])
    meeting = kit.services.meetings.get(meeting_id)
    assert [g.name for g in meeting.guests] == ["Đồng chí Hải phát biểu", "Khách hai"]
    assert [item.title for item in meeting.agenda] == ["Mục một", "Mục hai"]
    first = meeting.agenda[0]
    assert first.content == "Dòng 1\nDòng 2"
    assert [(s.speaker_name, s.opinion) for s in first.speeches] == [
        ("Vũ Văn Nam", "Ý kiến A"), ("Khách", "Đồng chí Hải phát biểu")]
    with pytest.raises(ValidationError):
        kit.services.meetings.set_agenda(meeting_id, [AgendaItem("  ")])
    with pytest.raises(ValidationError):
        kit.services.meetings.set_guests(meeting_id, [Guest("")])


def test_votes_are_checked_against_the_vote_base(kit: Kit, branch: Branch) -> None:
    """Counts may not exceed the present official members (3) nor be negative; the base is stored."""
    meeting_id = new_meeting(kit, branch.branch_id)
    with pytest.raises(ValidationError, match="điểm danh"):
        kit.services.meetings.set_votes(meeting_id, [Vote("Nghị quyết", agree=1)])
    mark_by_hand(kit, meeting_id, branch)
    with pytest.raises(ValidationError, match=r"\(4\).*\(3\)"):
        kit.services.meetings.set_votes(meeting_id, [Vote("Nghị quyết", agree=3, other=1)])
    with pytest.raises(ValidationError):
        kit.services.meetings.set_votes(meeting_id, [Vote("Nghị quyết", agree=-1)])
    kit.services.meetings.set_votes(meeting_id, [Vote("Nghị quyết", agree=2, disagree=1)])
    vote = kit.services.meetings.get(meeting_id).votes[0]
    assert (vote.agree, vote.disagree, vote.other, vote.base) == (2, 1, 0, 3)


def test_rating_by_points_or_chosen(kit: Kit, branch: Branch) -> None:
    """92 points is 'Tốt', 75 'Khá'; a chosen level must be one of the preset's; points 0–100."""
    meetings = kit.services.meetings
    meeting_id = new_meeting(kit, branch.branch_id)
    meetings.rate(meeting_id, points=92)
    assert (meetings.get(meeting_id).quality_rating, meetings.get(meeting_id).quality_points) == ("Tốt", 92)
    meetings.rate(meeting_id, points=75)
    assert meetings.get(meeting_id).quality_rating == "Khá"
    meetings.rate(meeting_id, rating="Trung bình")
    assert meetings.get(meeting_id).quality_rating == "Trung bình"
    assert meetings.rating_labels(MEETING_DAY) == ["Tốt", "Khá", "Trung bình", "Kém"]
    with pytest.raises(ValidationError):
        meetings.rate(meeting_id, rating="Xuất sắc")
    with pytest.raises(ValidationError):
        meetings.rate(meeting_id, points=120)


def test_outcome_needs_a_kind(kit: Kit, branch: Branch) -> None:
    """A resolution text is stored with its kind; text without a kind is refused."""
    meeting_id = new_meeting(kit, branch.branch_id)
    kit.services.meetings.set_outcome(meeting_id, OutcomeKind.CONCLUSION, "1. Kết luận\nNội dung.")
    meeting = kit.services.meetings.get(meeting_id)
    assert meeting.outcome_kind is OutcomeKind.CONCLUSION and meeting.outcome_text == "1. Kết luận\nNội dung."
    with pytest.raises(ValidationError):
        kit.services.meetings.set_outcome(meeting_id, None, "Nội dung")


def test_talks_assign_deliver_delete(kit: Kit, branch: Branch) -> None:
    """A talk is assigned today, marked delivered with a summary, and can be withdrawn."""
    meetings = kit.services.meetings
    meeting_id = new_meeting(kit, branch.branch_id)
    talk_id = meetings.assign_talk(meeting_id, branch.people["Giang"], "Cải cách hành chính").ids[1]
    talk = meetings.get(meeting_id).talks[0]
    assert (talk.id, talk.person_name, talk.delivered, talk.assigned_on) == (
        talk_id, "Ngô Thị Giang", False, date(2026, 11, 26))
    meetings.set_talk_delivered(talk_id, True, "Tóm tắt")
    assert meetings.get(meeting_id).talks[0].delivered and meetings.get(meeting_id).talks[0].note == "Tóm tắt"
    meetings.delete_talk(talk_id)
    assert meetings.get(meeting_id).talks == ()
    with pytest.raises(NotFoundError):
        meetings.set_talk_delivered(talk_id)
    with pytest.raises(ValidationError):
        meetings.assign_talk(meeting_id, branch.people["Giang"], "  ")


def test_delete_before_printing_only(kit: Kit, branch: Branch, services: Services, tmp_path: Path) -> None:
    """An unprinted meeting is deleted with all it holds; a printed one is refused in Vietnamese."""
    draft = new_meeting(kit, branch.branch_id)
    mark_by_hand(kit, draft, branch)
    kit.services.meetings.delete(draft)
    assert services.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        kit.services.meetings.get(draft)
    printed = new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])
    mark_by_hand(kit, printed, branch)
    fill_meeting(kit, printed, branch)
    kit.documents.write_minutes(printed, tmp_path / "bb.pdf")
    with pytest.raises(ValidationError, match="Số 01-BB"):
        kit.services.meetings.delete(printed)
    assert kit.services.meetings.get(printed).printed


def test_list_keeps_its_rows(kit: Kit, branch: Branch) -> None:
    """The list shows the meeting with present and marked counts, by organisation and year."""
    meeting_id = new_meeting(kit, branch.branch_id)
    mark_by_hand(kit, meeting_id, branch)
    rows = kit.services.meetings.list(organization_ids=(branch.branch_id,), year=2026)
    assert [(r.id, r.present, r.expected, r.kind) for r in rows] == [(meeting_id, 5, 8, MeetingKind.REGULAR)]
    assert kit.services.meetings.list(year=2025) == []


def test_unknown_meeting_is_not_found(kit: Kit) -> None:
    """get, update parts and delete of a missing meeting say so in Vietnamese."""
    with pytest.raises(NotFoundError, match="Không có buổi sinh hoạt mã số 42"):
        kit.services.meetings.get(42)
    with pytest.raises(NotFoundError):
        kit.services.meetings.set_guests(42, [])
    with pytest.raises(NotFoundError):
        kit.services.meetings.delete(42)
