"""The attendance checklist: the model, keyboard marking, typed reasons, live counts, the DB."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from khoi_desktop.domain.attendance import RollEntry, RollGroup
from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, MembershipKind
from khoi_desktop.domain.models import Membership, PersonInput
from khoi_desktop.services.app import Services
from tests.core.meetings_support import Branch, Kit, new_meeting
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import branch_meeting, settle, type_text
from ui.models.attendance_table import REASON, STATUS, AttendanceTableModel
from ui.pages.meetings.attendance_view import AttendanceView
from ui.tasks import TaskRunner

A = AttendanceStatus


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


@pytest.fixture
def ready(kit: Kit) -> tuple[Branch, int]:
    return branch_meeting(kit)


@pytest.fixture
def view(qtbot, services: Services, tasks: TaskRunner, ready: tuple[Branch, int]) -> AttendanceView:
    widget = AttendanceView(services, tasks, FakePrompts())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.activateWindow()
    widget.load(ready[1])
    settle(tasks)
    widget.table.setFocus()
    return widget


def _entry(name: str, status: AttendanceStatus | None = None, group: RollGroup = RollGroup.OFFICIAL) -> RollEntry:
    return RollEntry(person_id=len(name), full_name=name, position="", membership_kind=MembershipKind.PARTY_OFFICIAL,
                     group=group, status=status)


def _statuses(services: Services, meeting_id: int) -> dict[str, tuple[AttendanceStatus | None, str]]:
    roll = services.attendance.roll(meeting_id)
    return {entry.full_name: (entry.status, entry.reason) for entry in (*roll.entries, *roll.exempt)}


def test_model_passes_the_model_tester(qtmodeltester) -> None:
    """The checklist model satisfies Qt's model contract, empty and filled."""
    model = AttendanceTableModel()
    qtmodeltester.check(model)
    model.set_entries([_entry("Nguyễn Văn An", A.PRESENT), _entry("Trần Thị Bình"),
                       _entry("Đỗ Thị Em", A.ABSENT_EXCUSED, RollGroup.PROBATIONARY)])
    qtmodeltester.check(model)


def test_model_set_data_repaints_and_announces(qtbot) -> None:
    """Changing a status emits dataChanged and ``marked``; a typed reason makes the absence excused."""
    model = AttendanceTableModel()
    model.set_entries([_entry("Nguyễn Văn An"), _entry("Trần Thị Bình", A.PRESENT)])
    with qtbot.waitSignals([model.dataChanged, model.marked], timeout=30_000):
        assert model.setData(model.index(0, STATUS), A.PRESENT)
    assert model.index(0, STATUS).data() == "Có mặt"
    assert model.setData(model.index(1, REASON), "  đi   công tác ")
    assert (model.entry_at(1).status, model.entry_at(1).reason) == (A.ABSENT_EXCUSED, "đi công tác")
    assert not model.setData(model.index(0, 0), "x")
    assert not model.setData(model.index(0, STATUS), "không có")


def test_keyboard_marks_the_roll_and_counts_follow(qtbot, view: AttendanceView, services: Services,
                                                    tasks: TaskRunner, ready: tuple[Branch, int]) -> None:
    """Space cycles, Down moves, Enter edits the reason; counts and the DB follow every key."""
    table = view.table
    qtbot.keyClick(table, Qt.Key.Key_Space)  # An: present
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # Bình: absent with reason
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=30_000)  # the editor opens
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, "đi công tác")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Space)  # Cường: absent without reason
    assert view.counts_panel.cell_text("official", "present") == "1"
    assert view.counts_panel.cell_text("all", "unmarked") == "5"
    settle(tasks)
    stored = _statuses(services, ready[1])
    assert stored["Nguyễn Văn An"] == (A.PRESENT, "")
    assert stored["Trần Thị Bình"] == (A.ABSENT_EXCUSED, "đi công tác")
    assert stored["Lê Văn Cường"] == (A.ABSENT_UNEXCUSED, "")
    assert stored["Hoàng Văn Dũng"] == (None, "")


def test_everyone_present_then_counts_and_vote_base(qtbot, view: AttendanceView, services: Services,
                                                    tasks: TaskRunner, ready: tuple[Branch, int]) -> None:
    """'Có mặt tất cả' marks the rest; the panel shows the numbers by group and the vote base."""
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # Bình: absent with reason
    qtbot.mouseClick(view.all_present_button, Qt.MouseButton.LeftButton)
    settle(tasks)
    panel = view.counts_panel
    assert [panel.cell_text("official", name) for name in ("total", "present", "absent_excused")] == ["5", "4", "1"]
    assert [panel.cell_text("probationary", name) for name in ("total", "present")] == ["2", "2"]
    assert panel.cell_text("temporary", "present") == "1"
    assert panel.cell_text("all", "unmarked") == "0"
    assert "Số đảng viên có quyền biểu quyết: 4" in panel.summary.text()
    assert "Miễn sinh hoạt: 1" in panel.summary.text()
    assert services.attendance.counts(ready[1]).unmarked == 0


def test_exempt_members_are_listed_apart(view: AttendanceView) -> None:
    """Exempt members are not in the main list; they appear under their own header."""
    names = [entry.full_name for entry in view.model.entries()]
    assert "Bùi Thị Hà" not in names
    assert [entry.full_name for entry in view.exempt_model.entries()] == ["Bùi Thị Hà"]
    assert view.exempt_table.isVisible() and view.exempt_header.isVisible()
    assert "miễn sinh hoạt" in view.exempt_header.text()


def test_delete_clears_a_mark(qtbot, view: AttendanceView, services: Services, tasks: TaskRunner,
                              ready: tuple[Branch, int]) -> None:
    """Delete takes a mark back (the person is 'Chưa điểm danh' again)."""
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    settle(tasks)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    settle(tasks)
    assert view.model.index(0, STATUS).data() == "Chưa điểm danh"
    assert _statuses(services, ready[1])["Nguyễn Văn An"] == (None, "")


def test_a_study_meeting_shows_people_outside_the_party(qtbot, services: Services, tasks: TaskRunner,
                                                        kit: Kit, ready: tuple[Branch, int]) -> None:
    """A công chức outside the Party is on a study meeting's roll, counted in the 'Quần chúng' row;
    the chi bộ meeting's panel has no such row."""
    branch = ready[0]
    services.people.create(PersonInput(
        full_name="Trần Văn Công", organization_id=branch.branch_id, org_since=date(2020, 1, 1),
        memberships=(Membership(MembershipKind.CIVIL_SERVANT, date(2015, 1, 1)),)))
    study = new_meeting(kit, branch.branch_id, kind=MeetingKind.STUDY)
    widget = AttendanceView(services, tasks, FakePrompts())
    qtbot.addWidget(widget)
    widget.show()
    widget.load(ready[1])
    settle(tasks)
    assert not widget.counts_panel.outside_row_shown()
    widget.load(study)
    settle(tasks)
    assert "Trần Văn Công" in [entry.full_name for entry in widget.roll().entries]
    assert widget.counts_panel.outside_row_shown()
    assert widget.counts_panel.cell_text("non_party", "total") == "1"


def test_f2_on_the_name_column_edits_the_reason(qtbot, view: AttendanceView, tasks: TaskRunner) -> None:
    """The hint says "Enter/F2": F2 on a name opens the reason of that row, as Enter does."""
    table = view.table
    table.setCurrentIndex(view.model.index(1, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert table.currentIndex().column() == REASON and table.currentIndex().row() == 1
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
