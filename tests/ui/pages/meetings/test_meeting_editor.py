"""The meeting editor: head and agenda saved, votes refused above the base, warnings, talks, printing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from khoi_desktop.domain.meetings import MeetingInput, Vote
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Branch, Kit, mark_by_hand
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import branch_meeting, pdf_text, settle
from tests.ui.pages_support import no_printing, on_screen
from ui.pages.meetings import meeting_editor as editor_tabs
from ui.pages.meetings.meeting_editor import MeetingEditor
from ui.pages.meetings.meeting_print import MINUTES, OUTCOME, PRINT_ELSEWHERE, SIGN_IN, suggested_name
from ui.tasks import TaskRunner


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


@pytest.fixture
def ready(kit: Kit) -> tuple[Branch, int]:
    branch, meeting_id = branch_meeting(kit)
    mark_by_hand(kit, meeting_id, branch)
    return branch, meeting_id


@pytest.fixture
def editor(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, ready: tuple[Branch, int],
           opened: list[Path], tmp_path: Path) -> MeetingEditor:
    widget = MeetingEditor(services, tasks, prompts, **no_printing(tmp_path, opened))
    on_screen(qtbot, widget, 1200, 760)
    widget.load(ready[1])
    settle(tasks)
    return widget


def test_loaded_meeting_fills_every_tab(editor: MeetingEditor) -> None:
    """Head, agenda from the template, chair from the roll, vote base from the marks."""
    assert editor.general.place.text() == "Phòng họp tầng 2, Sở Tài chính"
    assert editor.general.chair.value()[1] == "Nguyễn Văn An"
    assert editor.agenda.list.count() == 7
    assert editor.votes.base() == 3
    assert "Số đảng viên có quyền biểu quyết: 3" in editor.votes.base_label.text()
    assert not editor.is_dirty()


def test_head_guests_and_agenda_are_saved(qtbot, editor: MeetingEditor, services: Services, tasks: TaskRunner,
                                          ready: tuple[Branch, int]) -> None:
    """Changed parts are stored by 'Lưu'; a speech with a speaker from the roll keeps the person."""
    branch, meeting_id = ready
    editor.general.place.setText("Hội trường A")
    editor.general.add_guest()
    editor.general.guests.item(0, 0).setText("Đỗ Văn Hải")
    editor.general.guests.item(0, 1).setText("Phó Bí thư Đảng ủy")
    editor.agenda.list.setCurrentRow(1)
    editor.agenda.add_speech()
    row = editor.agenda.speech_rows[0]
    row.speaker.set_value(branch.people["Nam"], "")
    row.opinion.setPlainText("Nhất trí & đề nghị <bổ sung> chỉ tiêu.")
    editor.agenda.conclusion.setPlainText("Chi bộ thống nhất.")
    assert set(editor.changed_parts()) == {"head", "guests", "agenda"}
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(tasks)
    meeting = services.meetings.get(meeting_id)
    assert meeting.place == "Hội trường A"
    assert [(g.name, g.position) for g in meeting.guests] == [("Đỗ Văn Hải", "Phó Bí thư Đảng ủy")]
    speech = meeting.agenda[1].speeches[0]
    assert (speech.speaker_person_id, speech.speaker_name) == (branch.people["Nam"], "Vũ Văn Nam")
    assert speech.opinion == "Nhất trí & đề nghị <bổ sung> chỉ tiêu."
    assert meeting.agenda[1].conclusion == "Chi bộ thống nhất."
    assert not editor.is_dirty()


def test_votes_above_the_base_are_refused(editor: MeetingEditor, services: Services, tasks: TaskRunner,
                                          ready: tuple[Branch, int]) -> None:
    """A vote adding up to more than the base shows the refusal beside it and is not stored."""
    row = editor.votes.add_vote(Vote("Thông qua nghị quyết tháng 11", agree=3, other=1))
    assert "vượt số đảng viên có quyền biểu quyết (3)" in row.error.text()
    assert row.error.isVisibleTo(editor.votes)
    editor.save()
    settle(tasks)
    assert editor.tabs.currentIndex() == editor_tabs.VOTES
    assert services.meetings.get(ready[1]).votes == ()
    row.other.setValue(0)
    assert row.error.text() == ""
    editor.save()
    settle(tasks)
    assert [(v.agree, v.base) for v in services.meetings.get(ready[1]).votes] == [(3, 3)]


def test_short_meeting_is_warned_in_amber(editor: MeetingEditor, services: Services, tasks: TaskRunner) -> None:
    """A regular meeting shorter than the preset minimum (90 minutes) gets an amber warning."""
    assert not editor.warnings.isVisibleTo(editor)
    editor.general.end_time.setText("15:00")
    editor.general.end_time.editingFinished.emit()
    lines = editor.warnings.lines()
    assert any("60 phút" in line and "90 phút" in line for line in lines)
    assert editor.warnings.isVisibleTo(editor)
    assert "#fff4d6" in editor.warnings.styleSheet()


def test_unmarked_people_are_warned(qtbot, kit: Kit, services: Services, tasks: TaskRunner, tmp_path: Path) -> None:
    """A meeting with people not yet marked says how many before the minutes can be printed."""
    _, meeting_id = branch_meeting(kit)
    widget = MeetingEditor(services, tasks, FakePrompts(), opener=lambda _p: None, preview_dir=tmp_path)
    qtbot.addWidget(widget)
    widget.load(meeting_id)
    settle(tasks)
    assert any("Còn 8 đảng viên chưa điểm danh" in line for line in widget.warning_lines())


def test_service_error_appears_beside_the_field(editor: MeetingEditor, tasks: TaskRunner) -> None:
    """An end time before the start is refused by the service and shown under 'Giờ kết thúc'."""
    editor.general.end_time.setText("13:00")
    editor.save()
    settle(tasks)
    assert "phải sau giờ bắt đầu" in editor.general.form.error_text("end_time")
    assert editor.tabs.currentIndex() == editor_tabs.GENERAL


def test_rating_by_points_and_outcome(editor: MeetingEditor, services: Services, tasks: TaskRunner,
                                      ready: tuple[Branch, int]) -> None:
    """Points choose the level from the preset's bands; the outcome text is stored with its kind."""
    editor.rating.points.setText("75")
    editor.rating.points.editingFinished.emit()
    assert editor.rating.rating.currentText() == "Khá"
    editor.rating.outcome_kind.setCurrentIndex(editor.rating.outcome_kind.findText("Nghị quyết"))
    editor.rating.outcome_text.setPlainText("1. Nhiệm vụ tháng 12\nHoàn thành kế hoạch năm.")
    editor.save()
    settle(tasks)
    meeting = services.meetings.get(ready[1])
    assert (meeting.quality_points, meeting.quality_rating) == (75, "Khá")
    assert meeting.outcome_text.startswith("1. Nhiệm vụ tháng 12")
    assert editor.printing.labels[OUTCOME].text() == "Nghị quyết"


def test_talks_are_assigned_and_delivered(editor: MeetingEditor, services: Services, tasks: TaskRunner,
                                          ready: tuple[Branch, int]) -> None:
    """Assigning and ticking 'Đã phát biểu' are stored at once."""
    branch, meeting_id = ready
    editor.talks.person.set_value(branch.people["Giang"], "")
    editor.talks.topic.setText("Kinh nghiệm cải cách hành chính")
    editor.talks.assign()
    settle(tasks)
    assert editor.talks.table.rowCount() == 1
    editor.talks.table.item(0, 3).setCheckState(Qt.CheckState.Checked)
    settle(tasks)
    talk = services.meetings.get(meeting_id).talks[0]
    assert (talk.person_name, talk.delivered) == ("Ngô Thị Giang", True)


def test_preview_uses_no_number_and_print_elsewhere_opens_the_viewer(
        editor: MeetingEditor, opened: list[Path], services: Services, tasks: TaskRunner,
        ready: tuple[Branch, int]) -> None:
    """Xem writes an unnumbered preview and opens it; In writes the numbered one and says when nothing was printed."""
    statuses: list[str] = []
    editor.status_changed.connect(statuses.append)
    editor.printing.act(MINUTES, "Xem")
    settle(tasks)
    assert len(opened) == 1 and opened[0].is_file()
    assert services.meetings.get(ready[1]).documents == ()
    editor.printing.act(MINUTES, "In")
    settle(tasks)
    assert len(opened) == 1
    assert [doc.number for doc in services.meetings.get(ready[1]).documents] == [1]
    assert statuses[-1].startswith(PRINT_ELSEWHERE) and "Số 01-BB/CB" in statuses[-1]
    assert "Đã cấp Số 01-BB/CB" in editor.printing.notes[MINUTES].text()


def test_pending_edits_are_saved_before_printing(editor: MeetingEditor, services: Services, tasks: TaskRunner,
                                                 ready: tuple[Branch, int]) -> None:
    """Printing first stores what the clerk typed, so the document shows it."""
    editor.general.place.setText("Phòng họp số 3")
    editor.printing.act(MINUTES, "Xem")
    settle(tasks)
    assert services.meetings.get(ready[1]).place == "Phòng họp số 3"


def test_resolution_saved_as_with_its_number(editor: MeetingEditor, prompts: FakePrompts, tasks: TaskRunner,
                                             tmp_path: Path) -> None:
    """The outcome typed on 'Đánh giá' is stored, then printed as 'Số 01-NQ/CB' to the chosen file."""
    editor.rating.outcome_kind.setCurrentIndex(editor.rating.outcome_kind.findText("Nghị quyết"))
    editor.rating.outcome_text.setPlainText("1. Nhiệm vụ tháng 12\nHoàn thành kế hoạch năm.")
    prompts.save_paths = [tmp_path / "nghi-quyet"]
    editor.printing.act(OUTCOME, "Lưu thành…")
    settle(tasks)
    assert prompts.errors == []
    text = pdf_text(tmp_path / "nghi-quyet.pdf")
    assert "Số 01-NQ/CB" in text and "Hoàn thành kế hoạch năm." in text
    assert ("save", "Nghi_quyet_sinh_hoat_thang_11_2026.pdf") in prompts.asked


def test_sign_in_sheet_is_previewed_before_the_roll_call(qtbot, kit: Kit, services: Services, tasks: TaskRunner,
                                                          tmp_path: Path) -> None:
    """The sign-in sheet needs no marks and no number: Xem lists everyone expected."""
    _, meeting_id = branch_meeting(kit)
    shown: list[Path] = []
    widget = MeetingEditor(services, tasks, FakePrompts(), opener=shown.append, preview_dir=tmp_path)
    qtbot.addWidget(widget)
    widget.load(meeting_id)
    settle(tasks)
    widget.printing.act(SIGN_IN, "Xem")
    settle(tasks)
    assert len(shown) == 1 and "Vũ Văn Nam" in pdf_text(shown[0])
    assert services.meetings.get(meeting_id).documents == ()


def test_suggested_file_names_are_ascii() -> None:
    """'Bien_ban_sinh_hoat_thang_11_2026.pdf' for a monthly meeting."""
    from datetime import date

    from khoi_desktop.domain.enums import MeetingKind
    from khoi_desktop.domain.meetings import Meeting

    head = MeetingInput(organization_id=1, kind=MeetingKind.REGULAR, date=date(2026, 11, 5))
    meeting = Meeting(id=1, organization_id=1, organization_name="Chi bộ", kind=head.kind, date=head.date,
                      title="", start_time="", end_time="", place="", chair_person_id=None, chair_name="",
                      secretary_person_id=None, secretary_name="")
    assert suggested_name(MINUTES, meeting) == "Bien_ban_sinh_hoat_thang_11_2026.pdf"
