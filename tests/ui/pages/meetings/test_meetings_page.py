"""The meetings page: the list, a new meeting from a template, delete, and the clerk's whole route:
attendance by keyboard, then the minutes saved through "Lưu thành…" and read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import MeetingInput, MeetingTemplate
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from tests.core.meetings_support import Branch, Kit, mark_by_hand
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import branch_meeting, pdf_text, settle, type_text
from tests.ui.pages_support import no_printing, on_screen
from ui.models.meetings_table import MeetingsTableModel
from ui.pages.meetings import meeting_editor as tabs
from ui.pages.meetings.meeting_editor import MeetingEditor
from ui.pages.meetings.meeting_print import MINUTES
from ui.pages.meetings.meetings_page import EDITOR, LIST, MeetingsPage
from ui.tasks import TaskRunner


@pytest.fixture
def ready(services: Services) -> tuple[Branch, int]:
    return branch_meeting(Kit.over(services))


@pytest.fixture
def page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, ready: tuple[Branch, int],
         opened: list[Path], tmp_path: Path) -> MeetingsPage:
    widget = MeetingsPage(services, tasks, prompts, **no_printing(tmp_path, opened))
    on_screen(qtbot, widget, 1200, 760)
    widget.activateWindow()
    settle(tasks)
    return widget


def _shown(page: MeetingsPage) -> list[tuple[str, ...]]:
    proxy = page.proxy
    return [tuple(proxy.index(row, column).data() for column in range(proxy.columnCount()))
            for row in range(proxy.rowCount())]


def test_list_model_passes_the_model_tester(qtmodeltester, page: MeetingsPage) -> None:
    """The list model satisfies Qt's model contract."""
    qtmodeltester.check(page.model)
    qtmodeltester.check(MeetingsTableModel())


def test_list_by_organisation_with_children_and_year(page: MeetingsPage, services: Services, tasks: TaskRunner,
                                                    ready: tuple[Branch, int]) -> None:
    """The đảng bộ shows its chi bộ's meetings; another year shows none; the kind by its label."""
    branch = ready[0]
    services.meetings.create(MeetingInput(organization_id=branch.branch_id, kind=MeetingKind.THEMATIC,
                                          date=date(2025, 3, 10), title="Chuyển đổi số"))
    page.organization.select_id(branch.base_id)
    settle(tasks)
    assert _shown(page) == [("05/11/2026", "Sinh hoạt thường kỳ", "Chi bộ Phòng Ngân sách",
                             "Sinh hoạt thường kỳ tháng 11/2026", "—")]
    page.year.setCurrentIndex(page.year.findData(2025))
    settle(tasks)
    assert [row[1] for row in _shown(page)] == ["Sinh hoạt chuyên đề"]
    assert "1 buổi" in page.status_text()


def _add_meeting(services: Services, org_id: int, kind: MeetingKind, day: date) -> None:
    services.meetings.create(MeetingInput(organization_id=org_id, kind=kind, date=day))


def test_kind_box_narrows_the_list(page: MeetingsPage, services: Services, tasks: TaskRunner,
                                   ready: tuple[Branch, int]) -> None:
    """"Loại" shows one kind of meeting; a kind held nowhere says so; "Mọi loại" shows them all again."""
    _add_meeting(services, ready[0].branch_id, MeetingKind.STUDY, date(2026, 6, 2))
    page.request_reload()
    settle(tasks)
    assert [row[0] for row in _shown(page)] == ["05/11/2026", "02/06/2026"]
    page.kind.setCurrentIndex(page.kind.findData(MeetingKind.STUDY.value))
    assert [row[0] for row in _shown(page)] == ["02/06/2026"] and "1 buổi" in page.status_text()
    page.kind.setCurrentIndex(page.kind.findData(MeetingKind.REVIEW.value))
    assert _shown(page) == [] and page.empty_hint.isVisibleTo(page)
    assert "thuộc loại đã chọn" in page.empty_hint.text()
    page.kind.setCurrentIndex(0)
    assert len(_shown(page)) == 2 and not page.empty_hint.isVisibleTo(page)


def test_apply_filter_shows_the_list_behind_a_figure(page: MeetingsPage, services: Services, tasks: TaskRunner,
                                                    ready: tuple[Branch, int]) -> None:
    """A figure's filter chooses its organisation, year and kind, and its description leads the status line."""
    branch = ready[0]
    _add_meeting(services, branch.branch_id, MeetingKind.THEMATIC, date(2025, 3, 10))
    _add_meeting(services, branch.branch_id, MeetingKind.REGULAR, date(2025, 4, 8))
    description = "Các buổi sinh hoạt chuyên đề năm 2025 của Đảng bộ Sở Tài chính và các tổ chức trực thuộc"
    page.apply_filter(ListFilter("meetings", branch.base_id, 2025, description, (("kind", "thematic"),)))
    settle(tasks)
    assert (page.organization.current_id(), page.year.currentData()) == (branch.base_id, 2025)
    assert page.kind.currentText() == "Sinh hoạt chuyên đề"
    assert [row[:2] for row in _shown(page)] == [("10/03/2025", "Sinh hoạt chuyên đề")]
    assert page.status_text() == f"{description} — 1 buổi sinh hoạt, hội nghị"
    page.kind.setCurrentIndex(0)  # the clerk widens the list: the description no longer holds
    assert len(_shown(page)) == 2 and page.status_text() == "2 buổi sinh hoạt, hội nghị"


def test_apply_filter_before_the_first_load(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts,
                                            ready: tuple[Branch, int], tmp_path: Path) -> None:
    """A page opened by a figure chooses the organisation once the list of organisations arrives."""
    branch = ready[0]
    fresh = on_screen(qtbot, MeetingsPage(services, tasks, prompts, **no_printing(tmp_path)), 1200, 760)
    fresh.apply_filter(ListFilter("meetings", branch.branch_id, 2026, "Các buổi sinh hoạt thường kỳ",
                                  (("kind", "regular"),)))
    settle(tasks)
    assert fresh.organization.current_id() == branch.branch_id
    assert [row[2] for row in _shown(fresh)] == ["Chi bộ Phòng Ngân sách"]
    assert fresh.status_text().startswith("Các buổi sinh hoạt thường kỳ — 1 buổi")


def test_new_meeting_starts_from_the_chosen_template(page: MeetingsPage, services: Services,
                                                     tasks: TaskRunner, ready: tuple[Branch, int]) -> None:
    """Thêm → kind → template: the agenda is prefilled and the new meeting opens in the editor."""
    services.templates.save(MeetingTemplate(MeetingKind.THEMATIC, "Chuyên đề quý IV",
                                            ("Khai mạc", "Đề dẫn chuyên đề", "Thảo luận", "Bế mạc")))
    page.organization.select_id(ready[0].branch_id)
    settle(tasks)
    page.new_button.click()
    settle(tasks)
    dialog = page.dialog
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.THEMATIC.value))
    dialog.template.setCurrentIndex(dialog.template.findText("Chuyên đề quý IV"))
    assert [dialog.agenda.item(n).text() for n in range(dialog.agenda.count())][:2] == ["1. Khai mạc",
                                                                                       "2. Đề dẫn chuyên đề"]
    dialog.title.setText("Chuyển đổi số trong cơ quan")
    dialog.start_time.setText("8:00")
    dialog.create_button.click()
    settle(tasks)
    assert page.stack.currentIndex() == EDITOR
    editor = page.editor
    assert [editor.agenda.list.item(n).text() for n in range(editor.agenda.list.count())] == [
        "1. Khai mạc", "2. Đề dẫn chuyên đề", "3. Thảo luận", "4. Bế mạc"]
    meeting = services.meetings.get(editor.meeting_id() or 0)
    assert (meeting.kind, meeting.start_time, meeting.date) == (MeetingKind.THEMATIC, "08:00", date(2026, 11, 26))


def test_templates_are_edited_and_used(page: MeetingsPage, services: Services, tasks: TaskRunner) -> None:
    """'Mẫu chương trình…' edits a template's agenda (one item per line); new meetings use it."""
    page.templates_button.click()
    settle(tasks)
    dialog = page.templates_dialog
    assert dialog is not None and dialog.list.count() == len(MeetingKind)
    dialog.list.setCurrentRow(0)
    dialog.agenda.setPlainText("Khai mạc\n\nThông tin thời sự\nBế mạc")
    dialog.save_button.click()
    settle(tasks)
    assert services.templates.for_kind(MeetingKind.REGULAR).agenda == ("Khai mạc", "Thông tin thời sự", "Bế mạc")
    dialog.name.clear()
    dialog.save_button.click()
    settle(tasks)
    assert "không được để trống" in dialog.form.error_text("name")


def test_delete_is_confirmed_and_refused_once_printed(page: MeetingsPage, services: Services, tasks: TaskRunner,
                                                      prompts: FakePrompts, ready: tuple[Branch, int],
                                                      tmp_path: Path) -> None:
    """A printed meeting cannot be deleted (the service says why); an unprinted one can."""
    branch, meeting_id = ready
    kit = Kit.over(services)
    mark_by_hand(kit, meeting_id, branch)
    kit.documents.write_minutes(meeting_id, tmp_path / "bb.pdf")
    other = services.meetings.create(MeetingInput(branch.branch_id, MeetingKind.COMMITTEE, date(2026, 11, 2)))
    page.reload()
    settle(tasks)
    prompts.confirm_answers = [True, True]
    page.select_meeting(meeting_id)
    page.delete_button.click()
    settle(tasks)
    assert "không thể xóa" in str(prompts.errors[-1]) and "Số 01-BB" in str(prompts.errors[-1])
    page.select_meeting(other.meeting_id)
    page.delete_button.click()
    settle(tasks)
    assert [row.id for row in services.meetings.list()] == [meeting_id]


def _mark_by_keyboard(qtbot, editor: MeetingEditor) -> None:
    """An present, Bình absent with reason, Cường without, Em's reason typed, the rest all present."""
    editor.tabs.setCurrentIndex(tabs.ATTENDANCE)
    table = editor.attendance.table
    table.setFocus()
    keys = [Qt.Key.Key_Space,  # An: có mặt
            Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_Space,  # Bình: vắng có lý do
            Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_Space,  # Cường: vắng không lý do
            Qt.Key.Key_Down, Qt.Key.Key_Down]  # to Em
    for key in keys:
        qtbot.keyClick(table, key)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # a reason makes Em absent with reason
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=30_000)  # the editor opens
    reason_editor = QApplication.focusWidget()
    assert isinstance(reason_editor, QLineEdit)
    type_text(reason_editor, "ốm")
    qtbot.keyClick(reason_editor, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.attendance.all_present_button, Qt.MouseButton.LeftButton)


def test_keyboard_attendance_then_minutes_saved_as_pdf(qtbot, page: MeetingsPage, services: Services,
                                                       tasks: TaskRunner, prompts: FakePrompts,
                                                       ready: tuple[Branch, int], tmp_path: Path) -> None:
    """The clerk's route: open, mark by keyboard with a typed reason, 'Lưu thành…', PDF read back."""
    _, meeting_id = ready
    page.select_meeting(meeting_id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle(tasks)
    assert page.stack.currentIndex() == EDITOR
    editor = page.editor
    _mark_by_keyboard(qtbot, editor)
    settle(tasks)
    panel = editor.attendance.counts_panel
    assert [panel.cell_text("all", f) for f in ("total", "present", "absent_excused", "absent_unexcused")] == [
        "8", "5", "2", "1"]
    assert editor.votes.base() == 3
    roll = {e.full_name: (e.status.value if e.status else None, e.reason)
            for e in services.attendance.roll(meeting_id).entries}
    assert roll["Trần Thị Bình"] == ("absent_excused", "") and roll["Đỗ Thị Em"] == ("absent_excused", "ốm")
    statuses: list[str] = []
    page.status_changed.connect(statuses.append)
    prompts.save_paths = [target := tmp_path / "bien ban.pdf"]
    editor.tabs.setCurrentIndex(tabs.PRINT)
    editor.printing.buttons[(MINUTES, "Lưu thành…")].click()
    settle(tasks)
    assert ("save", "Bien_ban_sinh_hoat_thang_11_2026.pdf") in prompts.asked
    assert prompts.errors == []
    assert "Số 01-BB/CB" in statuses[-1]
    text = pdf_text(target)
    expected = ["Số 01-BB/CB", "CHI BỘ PHÒNG NGÂN SÁCH", "tổng số 8 đồng chí, có mặt 5 đồng chí, vắng mặt 3 đồng chí",
                "Đảng viên chính thức: 5 đồng chí; có mặt 3 đồng chí", "vắng mặt không lý do 1 đồng chí: Lê Văn Cường",
                "Đảng viên dự bị: 2 đồng chí; có mặt 1 đồng chí; vắng mặt có lý do 1 đồng chí: Đỗ Thị Em (ốm)",
                "Chủ trì: đồng chí Nguyễn Văn An", "Thư ký: đồng chí Trần Thị Bình"]
    assert [fragment for fragment in expected if fragment not in text] == []
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    settle(tasks)
    assert page.stack.currentIndex() == LIST
    assert _shown(page)[0][-1] == "5/8"


def test_the_list_fits_beside_the_navigation(page: MeetingsPage) -> None:
    """In the 1200 px window of a 1366 × 768 screen the list needs at most the 980 px beside the navigation."""
    assert page.stack.widget(LIST).minimumSizeHint().width() <= 980


def test_enter_in_a_template_saves_it(qtbot, page: MeetingsPage, services: Services, tasks: TaskRunner) -> None:
    """Enter after typing a template's name means "Lưu", not "Thêm" (which would drop the new name)."""
    page.templates_button.click()
    settle(tasks)
    dialog = page.templates_dialog
    assert dialog is not None
    dialog.list.setCurrentRow(0)
    dialog.name.setFocus()
    dialog.name.setText("Mẫu sinh hoạt hằng tháng")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    settle(tasks)
    assert services.templates.for_kind(MeetingKind.REGULAR).name == "Mẫu sinh hoạt hằng tháng"
    dialog.reject()


def test_the_year_list_reaches_back_to_the_first_meeting(page: MeetingsPage, services: Services,
                                                         tasks: TaskRunner, ready: tuple[Branch, int]) -> None:
    """A meeting of 2012 (more than ten years back) puts every year down to 2012 in the list, in order."""
    _add_meeting(services, ready[0].branch_id, MeetingKind.THEMATIC, date(2012, 4, 2))
    page.request_reload()
    settle(tasks)
    years = [page.year.itemData(i) for i in range(page.year.count())]
    assert years[-1] is None and years[-2] == 2012
    assert years[:-1] == sorted(years[:-1], reverse=True) and len(set(years)) == len(years)
