"""The Kiểm điểm, xếp loại page: the ratings list, the not rated, the quota, the editor, the documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from khoi_desktop.domain.assessments import AssessmentInput
from khoi_desktop.domain.enums import PersonStatus, RatingLevel
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from tests.core.meetings_support import add_member, probationary
from tests.core.study_support import StudyBloc, study_bloc
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import pdf_text, settle
from tests.ui.pages_support import no_printing, scoped_page, tab_after
from ui.pages.common.document_actions import PRINT, SAVE_AS
from ui.pages.study.assessment_editor import AssessmentDialog
from ui.pages.study.assessments_page import COLLECTIVES, MEMBERS, NOT_RATED, AssessmentsPage
from ui.tasks import TaskRunner

YEAR = 2026
EXCELLENT, GOOD = RatingLevel.EXCELLENT, RatingLevel.GOOD
HORIZONTAL = Qt.Orientation.Horizontal


@pytest.fixture
def world(services: Services) -> StudyBloc:
    """The study bloc plus, in A, Phúc admitted 01/08/2026 and Quang suspended from 01/10/2026; An rated."""
    built = study_bloc(services)
    built.people["Phúc"] = add_member(services, built.a, "Trịnh Văn Phúc", probationary(date(2026, 8, 1)))
    built.people["Quang"] = add_member(services, built.a, "Lý Văn Quang", probationary(date(2020, 1, 1)))
    services.people.change_status(built.people["Quang"], StatusChange(PersonStatus.SUSPENDED, date(2026, 10, 1)))
    _rate(services, built, "An", GOOD, 85)
    return built


def _rate(services: Services, world: StudyBloc, name: str, level: RatingLevel, points: float | None = None,
          year: int = YEAR) -> None:
    services.assessments.save(AssessmentInput(year, person_id=world.people[name], points=points, self_level=level,
                                              branch_level=level, decided_level=level))


@pytest.fixture
def page(qtbot, world: StudyBloc, services: Services, tasks: TaskRunner, prompts: FakePrompts,
         tmp_path: Path) -> AssessmentsPage:
    widget = AssessmentsPage(services, tasks, prompts, **no_printing(tmp_path / "xem"))
    return scoped_page(qtbot, tasks, widget, world.bloc, YEAR)


def _row_of(page: AssessmentsPage, name: str) -> int:
    return next(n for n, row in enumerate(page.members.model.rows()) if row.name == name)


def _open(page: AssessmentsPage, tasks: TaskRunner, name: str) -> AssessmentDialog:
    page.members.select_row(_row_of(page, name))
    page.open_button.click()
    settle(tasks)
    assert page.dialog is not None
    return page.dialog


def test_the_ratings_table_is_the_services(page: AssessmentsPage, services: Services, world: StudyBloc,
                                           qtmodeltester) -> None:
    """Rated rows in the service's order; QĐ 366 shows 'Điểm'; levels in their short form."""
    model = page.members.model
    qtmodeltester.check(model)
    ratings = services.assessments.ratings(world.bloc, YEAR)
    assert [row.name for row in model.rows()] == [row.name for row in ratings.rows]
    headers = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert headers[:4] == ["Họ và tên", "Chức vụ", "Tổ chức", "Điểm"] and headers[-1] == "Ghi chú"
    an = _row_of(page, "Nguyễn Văn An")
    assert [model.text(an, c) for c in (0, 1, 3, 4, 5, 6)] == ["Nguyễn Văn An", "Trưởng phòng", "85", "HTTNV",
                                                               "HTTNV", "HTTNV"]
    assert "Hoàn thành tốt nhiệm vụ: 1 (14,29%)" in page.members.totals.text()
    rated = sum(1 for row in ratings.rows if row.level is not None)
    assert (f"Thuộc diện xếp loại: {len(ratings.rows)} đồng chí (đã xếp loại {rated}, "
            f"chưa xếp loại {len(ratings.rows) - rated})") in page.members.totals.text()


def test_the_not_rated_are_listed_apart_with_their_reason(page: AssessmentsPage, qtmodeltester) -> None:
    """Exempt, suspended and too recently admitted: never dropped."""
    model = page.members.not_rated_model
    qtmodeltester.check(model)
    reasons = {model.text(row, 0): model.text(row, 3) for row in range(model.rowCount())}
    assert reasons == {"Trịnh Văn Phúc": "Kết nạp ngày 01/08/2026, chưa đủ 6 tháng đến cuối năm",
                       "Lý Văn Quang": "Đình chỉ sinh hoạt", "Ngô Thị Giang": "Miễn sinh hoạt (tuổi cao)"}
    assert not page.members.not_rated_box.isHidden()


def test_apply_filter_narrows_to_a_level(page: AssessmentsPage, services: Services, world: StudyBloc,
                                         tasks: TaskRunner) -> None:
    """('level', 'excellent') leaves the members decided 'xuất sắc'; the not rated are hidden meanwhile."""
    _rate(services, world, "Bình", EXCELLENT, 95)
    page.tabs.setCurrentIndex(COLLECTIVES)
    description = "Đảng viên xếp loại “Hoàn thành xuất sắc nhiệm vụ” năm 2026 của Chi bộ Phòng Ngân sách"
    page.apply_filter(ListFilter("assessments", world.a, YEAR, description, (("level", EXCELLENT.value),)))
    settle(tasks)
    assert page.bar.org_id() == world.a and page.tabs.currentIndex() == MEMBERS
    assert [row.name for row in page.members.model.rows()] == ["Trần Thị Bình"]
    assert page.members.not_rated_box.isHidden()
    assert page.level.currentText() == EXCELLENT.label
    assert page.status_text().startswith(f"{description} — Xếp loại đảng viên năm 2026: ")


def test_apply_filter_shows_the_not_rated(page: AssessmentsPage, world: StudyBloc, tasks: TaskRunner) -> None:
    """('level', 'not_rated') empties the rated table and keeps the list of the not rated, with reasons."""
    page.apply_filter(ListFilter("assessments", world.bloc, YEAR, "Đảng viên không xếp loại", (("level", NOT_RATED),)))
    settle(tasks)
    assert page.members.model.rowCount() == 0
    names = [row.name for row in page.members.not_rated_model.rows()]
    assert sorted(names) == sorted(["Trịnh Văn Phúc", "Lý Văn Quang", "Ngô Thị Giang"])
    assert not page.members.not_rated_box.isHidden()
    page.level.setCurrentIndex(0)  # "Mọi mức xếp loại": everyone again, the description gone
    assert page.members.model.rowCount() > 0 and not page.status_text().startswith("Đảng viên không")


def test_the_quota_warning_appears_in_amber(page: AssessmentsPage, services: Services, world: StudyBloc,
                                            tasks: TaskRunner) -> None:
    """Two 'xuất sắc' among three rated 'tốt' or above (at most 0): the amber notice says so."""
    assert page.members.notice.isHidden()
    _rate(services, world, "Bình", EXCELLENT, 95)
    _rate(services, world, "Hà", EXCELLENT, 92)
    page.reload()
    settle(tasks)
    notice = page.members.notice
    assert not notice.isHidden() and "#fff4d6" in notice.styleSheet()
    assert "vượt tỷ lệ 20%" in notice.text() and "tối đa 0" in notice.text()
    assert page.status_text().endswith("vượt tỷ lệ “xuất sắc”")


def test_no_points_column_before_qd_366(page: AssessmentsPage, services: Services, world: StudyBloc,
                                        tasks: TaskRunner) -> None:
    """2024 is rated under QĐ 132: no 'Điểm' column."""
    _rate(services, world, "An", GOOD, year=2024)
    page.choose(world.bloc, 2024)
    settle(tasks)
    model = page.members.model
    assert "Điểm" not in [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert "Quy định 132-QĐ/TW" in page.members.totals.text()


def test_the_editor_saves_the_self_review_points_and_levels(page: AssessmentsPage, services: Services,
                                                             world: StudyBloc, tasks: TaskRunner) -> None:
    """Hà's sections, 92 points (the level they fall in is shown) and the three levels reach the database."""
    dialog = _open(page, tasks, "Bùi Thị Hà")
    assert list(dialog.sections) == [code for code, _ in services.assessments.rules_for(YEAR).sections]
    dialog.sections["political_thought"].setPlainText("Luôn trung thành với Đảng.")
    dialog.sections["task_results"].setPlainText("Hoàn thành 100% nhiệm vụ.")
    dialog.points.setText("92")
    dialog.points.editingFinished.emit()
    assert dialog.suggested.text() == "Mức tương ứng: Hoàn thành xuất sắc nhiệm vụ"
    for name in ("self_level", "branch_level"):
        box = dialog.levels[name]
        box.setCurrentIndex(box.findData("good"))
    dialog.save_button.click()
    settle(tasks)
    assert not dialog.isVisible()
    review = services.assessments.self_review(world.people["Hà"], YEAR)
    assert review.points == 92 and review.self_level is GOOD and review.branch_level is GOOD
    assert review.sections[0].content == "Luôn trung thành với Đảng."
    assert page.members.model.text(_row_of(page, "Bùi Thị Hà"), 3) == "92"


def test_bad_points_keep_the_editor_open(page: AssessmentsPage, tasks: TaskRunner) -> None:
    """'chín mươi' is no number: the message is under 'Điểm'."""
    dialog = _open(page, tasks, "Nguyễn Văn An")
    assert dialog.points.text() == "85"
    dialog.points.setText("chín mươi")
    dialog.save_button.click()
    settle(tasks)
    assert dialog.isVisible() and "không phải số điểm" in dialog.form.error_text("points")


def test_a_not_rated_person_opens_from_the_list_apart(page: AssessmentsPage, tasks: TaskRunner) -> None:
    """The reason computed from the record is shown as a hint."""
    page.members.select_row(0, not_rated=True)
    page.open_selected()
    settle(tasks)
    assert page.dialog is not None and page.dialog.who.name == "Trịnh Văn Phúc"
    assert "chưa đủ 6 tháng" in page.dialog.reason_hint.text()


def test_collectives_are_rated_in_their_tab(page: AssessmentsPage, services: Services, world: StudyBloc,
                                            tasks: TaskRunner, qtmodeltester) -> None:
    """The organisations below the bloc; one rated from the editor (no self-review tab)."""
    page.tabs.setCurrentIndex(COLLECTIVES)
    model = page.collectives.model
    qtmodeltester.check(model)
    assert [row.name for row in model.rows()] == [row.name for row in
                                                  services.assessments.collective_ratings(world.bloc, YEAR).rows]
    row = next(n for n, r in enumerate(model.rows()) if r.organization_id == world.c)
    page.collectives.select_row(row)
    page.open_button.click()
    settle(tasks)
    dialog = page.dialog
    assert dialog is not None and dialog.tabs.count() == 1 and not dialog.sections
    dialog.levels["decided_level"].setCurrentIndex(dialog.levels["decided_level"].findData("excellent"))
    dialog.save_button.click()
    settle(tasks)
    assert services.assessments.input_for_collective(world.c, YEAR).decided_level is EXCELLENT
    assert page.review_buttons.isHidden()


def test_the_self_review_is_saved_as_a_pdf(page: AssessmentsPage, world: StudyBloc, tasks: TaskRunner,
                                           prompts: FakePrompts, tmp_path: Path) -> None:
    """Lưu thành… writes the bản tự kiểm điểm with the person's name."""
    page.members.select_row(_row_of(page, "Nguyễn Văn An"))
    prompts.save_paths = [tmp_path / "kiem-diem"]
    page.review_buttons.buttons[SAVE_AS].click()
    settle(tasks)
    assert prompts.errors == [] and ("save", "Ban_tu_kiem_diem_2026_Nguyen_Van_An.pdf") in prompts.asked
    assert "Nguyễn Văn An" in pdf_text(tmp_path / "kiem-diem.pdf")


def test_the_ratings_list_is_saved_with_its_excel_summary(page: AssessmentsPage, world: StudyBloc,
                                                          tasks: TaskRunner, prompts: FakePrompts,
                                                          tmp_path: Path) -> None:
    """The danh sách xếp loại PDF names the rated and the not rated; the XLSX lands beside it. 2026 has
    not ended (today is in it): the clerk is asked first, agrees, and every page says DỰ THẢO."""
    page.with_xlsx.setChecked(True)
    prompts.confirm_answers = [True]
    prompts.save_paths = [tmp_path / "xep-loai.pdf"]
    statuses: list[str] = []
    page.status_changed.connect(statuses.append)
    page.list_buttons.buttons[SAVE_AS].click()
    settle(tasks)
    assert prompts.errors == []
    assert [kind for kind, _ in prompts.asked] == ["confirm", "save"] and "bản dự thảo" in prompts.asked[0][1]
    text = pdf_text(tmp_path / "xep-loai.pdf")
    assert "Nguyễn Văn An" in text and "Lý Văn Quang" in text and "DỰ THẢO" in text
    assert (tmp_path / "xep-loai.xlsx").is_file() and "bảng tổng hợp" in statuses[-1]


def test_a_draft_declined_writes_nothing(page: AssessmentsPage, tasks: TaskRunner, prompts: FakePrompts,
                                         tmp_path: Path) -> None:
    """In or Lưu thành… for a year not yet ended: "Hủy" at the draft question leaves no file, asks no path."""
    prompts.save_paths = [tmp_path / "xep-loai.pdf"]
    for action in (SAVE_AS, PRINT):
        page.list_buttons.buttons[action].click()
        settle(tasks)
    assert [kind for kind, _ in prompts.asked] == ["confirm", "confirm"] and prompts.errors == []
    assert not (tmp_path / "xep-loai.pdf").exists() and not list((tmp_path / "xem").glob("*.pdf"))


def test_a_preview_writes_no_excel(page: AssessmentsPage, tasks: TaskRunner, tmp_path: Path) -> None:
    """Xem opens the ratings list as a PDF in the preview folder and nothing else."""
    opened: list[Path] = []
    page.actions.opener = opened.append
    page.with_xlsx.setChecked(True)
    page.list_buttons.buttons["Xem"].click()
    settle(tasks)
    assert len(opened) == 1 and opened[0].parent == tmp_path / "xem"
    text = pdf_text(opened[0])
    assert "Nguyễn Văn An" in text and "Lý Văn Quang" in text
    assert not list((tmp_path / "xem").glob("*.xlsx"))


def test_searching_filters_both_lists(page: AssessmentsPage, qtbot) -> None:
    """'quang' leaves no rated row and Lý Văn Quang among the not rated; the totals stay the whole list's."""
    totals = page.members.totals.text()
    page.search.setText("quang")
    qtbot.waitUntil(lambda: page.members.model.rowCount() == 0, timeout=30_000)
    assert [row.name for row in page.members.not_rated_model.rows()] == ["Lý Văn Quang"]
    assert page.members.totals.text() == totals


def test_tab_goes_from_the_tab_bar_through_the_sections(qtbot, page: AssessmentsPage, tasks: TaskRunner) -> None:
    """The self-review's sections, made once loaded, come before "Lưu" in the Tab order, top to bottom."""
    dialog = _open(page, tasks, "Bùi Thị Hà")
    boxes = list(dialog.sections.values())
    assert tab_after(dialog.tabs.tabBar()) is boxes[0]
    assert all(tab_after(box) is following for box, following in zip(boxes, boxes[1:], strict=False))
    assert tab_after(boxes[-1]) is dialog.save_button
    # Typing starts in the first section, not on the tab bar; focus arrives through the event loop.
    qtbot.waitUntil(lambda: dialog.focusWidget() is boxes[0], timeout=30_000)
    dialog.reject()
