"""The Bản đăng ký page: who registered, the editor, results, quick entry, printing and the Excel summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication

from khoi_desktop.domain.commitments import CommitmentInput, CommitmentItem
from khoi_desktop.domain.enums import CommitmentResult
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from tests.core.study_support import StudyBloc, study_bloc
from tests.ui.conftest import ProgressSeen
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import pdf_text, settle
from tests.ui.pages_support import no_printing, scoped_page, tab_after
from ui.pages.common.document_actions import SAVE_AS
from ui.pages.study.commitment_editor import CommitmentDialog
from ui.pages.study.commitment_rows import ALL, COLLECTIVES, FILTERS, PERSONS, UNREGISTERED
from ui.pages.study.commitments_page import CommitmentsPage
from ui.tasks import TaskRunner

YEAR = 2026
EXPECTED = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Mai Thị Lan", "Đỗ Thị Em", "Bùi Thị Hà",
            "Đặng Văn Khoa"]


@pytest.fixture
def world(services: Services) -> StudyBloc:
    """The study bloc; An registered two items (signed, confirmed), and A's collective one item."""
    built = study_bloc(services)
    categories = services.commitments.categories_for(YEAR)
    services.commitments.save(CommitmentInput(YEAR, person_id=built.people["An"], signed_on=date(2026, 3, 2),
                                              confirmed_on=date(2026, 3, 10), confirmed_by="Trần Thị Bình, Bí thư",
                                              items=(CommitmentItem(categories[0], "Học tập nghị quyết", "Bài thu hoạch",
                                                                    "Quý II/2026"),
                                                     CommitmentItem(categories[2], "Tiết kiệm điện, nước"))))
    services.commitments.save(CommitmentInput(YEAR, organization_id=built.a,
                                              items=(CommitmentItem(categories[1], "Mô hình “Dân vận khéo”"),)))
    return built


@pytest.fixture
def page(qtbot, world: StudyBloc, services: Services, tasks: TaskRunner, prompts: FakePrompts,
         tmp_path: Path) -> CommitmentsPage:
    widget = CommitmentsPage(services, tasks, prompts, **no_printing(tmp_path / "xem"))
    return scoped_page(qtbot, tasks, widget, world.bloc, YEAR)


def _open(page: CommitmentsPage, tasks: TaskRunner, person_id: int | None, org_id: int = 0) -> CommitmentDialog:
    assert page.select(person_id, org_id)
    page.open_button.click()
    settle(tasks)
    assert page.dialog is not None
    return page.dialog


def test_everyone_expected_is_listed_with_the_collectives(page: CommitmentsPage, qtmodeltester) -> None:
    """Chi bộ A, B, C (A registered), then the seven expected members; An registered."""
    model = page.model
    qtmodeltester.check(model)
    names = [model.text(row, 0) for row in range(model.rowCount())]
    assert names[:3] == ["Chi bộ Kho bạc", "Chi bộ Phòng Ngân sách", "Chi bộ Văn phòng Sở"]
    assert sorted(names[3:]) == sorted(EXPECTED)
    states = {model.text(row, 0): model.text(row, 3) for row in range(model.rowCount())}
    assert states["Nguyễn Văn An"] == "Đã ký" and states["Trần Thị Bình"] == "Chưa đăng ký"
    assert states["Chi bộ Phòng Ngân sách"] == "Chưa ký" and states["Chi bộ Kho bạc"] == "Chưa đăng ký"
    page.filter.setCurrentIndex(UNREGISTERED)
    assert page.model.rowCount() == 2 + 6 and FILTERS[UNREGISTERED] == "Chưa đăng ký"


def test_counts_are_the_services(page: CommitmentsPage, services: Services, world: StudyBloc) -> None:
    """Registered / expected, collectives, confirmations, results as the service counts them."""
    counts = services.commitments.counts(world.bloc, YEAR)
    text = page.counts.text()
    assert f"Đảng viên đã đăng ký: {counts.total.text}" in text and counts.total.text == "1/7 người, đạt 14,29%"
    assert "Tập thể chi bộ đã đăng ký: 1/3 chi bộ, đạt 33,33%" in text
    assert "Chi bộ đã xác nhận: 1/1" in text and "Chưa tự đánh giá: 2" in text
    assert page.status_text() == "Đăng ký học tập và làm theo năm 2026: 1/7 người, đạt 14,29%"


def test_apply_filter_shows_individual_or_collective_registrations(page: CommitmentsPage, world: StudyBloc,
                                                                   tasks: TaskRunner) -> None:
    """('collective', '1') shows the chi bộ of the scope, ('collective', '0') the members, through "Hiện"."""
    description = "Bản đăng ký tập thể năm 2026 của Đảng bộ Sở Tài chính và các tổ chức trực thuộc"
    page.apply_filter(ListFilter("registrations", world.base, YEAR, description, (("collective", "1"),)))
    settle(tasks)
    assert page.bar.org_id() == world.base and page.filter.currentText() == FILTERS[COLLECTIVES]
    assert [entry.name for entry in page.model.rows()] == ["Chi bộ Phòng Ngân sách", "Chi bộ Văn phòng Sở"]
    assert page.status_text().startswith(f"{description} — Đăng ký học tập và làm theo năm 2026: ")
    page.apply_filter(ListFilter("registrations", world.bloc, YEAR, "Bản đăng ký cá nhân", (("collective", "0"),)))
    settle(tasks)
    assert page.filter.currentIndex() == PERSONS
    assert sorted(entry.name for entry in page.model.rows()) == sorted(EXPECTED)
    page.filter.setCurrentIndex(ALL)  # the clerk's own choice: the description goes
    assert page.model.rowCount() == 3 + len(EXPECTED) and not page.status_text().startswith("Bản đăng ký")


def test_a_new_registration_is_saved_to_the_database(page: CommitmentsPage, services: Services, world: StudyBloc,
                                                      tasks: TaskRunner) -> None:
    """Bình's first registration: one empty line per category of the preset; the filled one is kept."""
    dialog = _open(page, tasks, world.people["Bình"])
    categories = services.commitments.categories_for(YEAR)
    assert [section.category for section in dialog.items.sections] == list(categories)
    first = dialog.items.rows()[0]
    first.content.setPlainText("Đọc và làm theo một tấm gương mỗi tháng")
    first.product.setText("Sổ tay ghi chép")
    first.deadline.setText("Thường xuyên")
    dialog.signed_on.setText("15/03/2026")
    dialog.save_button.click()
    settle(tasks)
    assert not dialog.isVisible()
    saved = services.commitments.of_person(world.people["Bình"], YEAR)
    assert saved is not None and saved.signed_on == date(2026, 3, 15)
    assert [(i.category, i.content, i.product, i.deadline) for i in saved.items] == [
        (categories[0], "Đọc và làm theo một tấm gương mỗi tháng", "Sổ tay ghi chép", "Thường xuyên")]
    assert page.model.text(page.model.rows().index(next(e for e in page.model.rows()
                                                        if e.person_id == world.people["Bình"])), 3) == "Đã ký"


def test_results_are_marked_at_year_end(page: CommitmentsPage, services: Services, world: StudyBloc,
                                        tasks: TaskRunner) -> None:
    """An marks his first item 'Vượt' with evidence, the second 'Hoàn thành một phần'."""
    dialog = _open(page, tasks, world.people["An"])
    first, second = [row for row in dialog.items.rows() if not row.is_blank()]
    assert first.content.text() == "Học tập nghị quyết"
    first.set_result(CommitmentResult.EXCEEDED)
    first.evidence.setText("Bài thu hoạch đạt loại giỏi")
    second.result.setCurrentIndex(second.result.findText("Hoàn thành một phần"))
    dialog.save_button.click()
    settle(tasks)
    items = services.commitments.of_person(world.people["An"], YEAR).items
    assert [(i.result, i.evidence) for i in items] == [
        (CommitmentResult.EXCEEDED, "Bài thu hoạch đạt loại giỏi"), (CommitmentResult.PARTLY, "")]
    assert "Vượt: 1" in page.counts.text() and "Hoàn thành một phần: 1" in page.counts.text()


def test_a_refused_registration_keeps_the_dialog_open(page: CommitmentsPage, world: StudyBloc,
                                                      tasks: TaskRunner) -> None:
    """A confirmer without a confirmation day: the message is under the day; nothing closes."""
    dialog = _open(page, tasks, world.people["An"])
    dialog.confirmed_on.setText("")
    dialog.save_button.click()
    settle(tasks)
    assert dialog.isVisible() and "ngày chi bộ xác nhận" in dialog.bottom.error_text("confirmed_on")


def test_the_collective_registration_is_edited(page: CommitmentsPage, services: Services, world: StudyBloc,
                                               tasks: TaskRunner) -> None:
    """A's collective registration opens from its row; a second item is added."""
    dialog = _open(page, tasks, None, world.a)
    section = dialog.items.sections[0]
    section.add(None).content.setPlainText("Mỗi đảng viên một việc làm cụ thể")
    dialog.save_button.click()
    settle(tasks)
    assert len(services.commitments.of_organization(world.a, YEAR).items) == 2


def test_copy_from_last_year(page: CommitmentsPage, services: Services, world: StudyBloc, tasks: TaskRunner) -> None:
    """Bình's 2025 items become a 2026 draft, deadlines moved, and the editor opens on it."""
    category = services.commitments.categories_for(2025)[0]
    services.commitments.save(CommitmentInput(2025, person_id=world.people["Bình"],
                                              items=(CommitmentItem(category, "Việc năm trước", "", "Quý II/2025"),)))
    page.select(world.people["Bình"], 0)
    assert page.copy_button.isEnabled()
    page.copy_button.click()
    settle(tasks)
    copied = services.commitments.of_person(world.people["Bình"], YEAR)
    assert copied is not None and copied.items[0].deadline == "Quý II/2026"
    assert page.dialog is not None and page.dialog.items.rows()[0].content.text() == "Việc năm trước"


def test_the_collective_template_goes_to_everyone_not_registered(page: CommitmentsPage, services: Services,
                                                                  world: StudyBloc, tasks: TaskRunner,
                                                                  prompts: FakePrompts) -> None:
    """Six members get the template; An keeps his own."""
    page.template_button.click()
    settle(tasks)
    dialog = page.dialog
    assert dialog is not None and dialog.template and dialog.save_button.text() == "Áp dụng"
    dialog.items.rows()[0].content.setPlainText("Thực hiện nghiêm nội quy cơ quan")
    dialog.save_button.click()
    settle(tasks)
    assert ("inform", "Đã tạo bản đăng ký cho 6 đảng viên; 1 đảng viên đã có bản đăng ký.") in prompts.asked
    assert services.commitments.of_person(world.people["Khoa"], YEAR).items[0].content == \
        "Thực hiện nghiêm nội quy cơ quan"
    assert len(services.commitments.of_person(world.people["An"], YEAR).items) == 2


def test_the_registration_is_saved_as_a_pdf(page: CommitmentsPage, world: StudyBloc, tasks: TaskRunner,
                                            prompts: FakePrompts, tmp_path: Path) -> None:
    """Lưu thành… suggests an ASCII name and writes the bản đăng ký with the person's name."""
    assert page.select(world.people["An"], 0)
    prompts.save_paths = [tmp_path / "ban-dang-ky"]
    page.print_buttons.buttons[SAVE_AS].click()
    settle(tasks)
    assert prompts.errors == []
    assert ("save", "Ban_dang_ky_2026_Nguyen_Van_An.pdf") in prompts.asked
    text = pdf_text(tmp_path / "ban-dang-ky.pdf")
    assert "Nguyễn Văn An" in text and "Học tập nghị quyết" in text


def test_printing_needs_a_registration(page: CommitmentsPage, world: StudyBloc) -> None:
    """Someone not registered: the print buttons are off, and so is Xóa."""
    page.select(world.people["Bình"], 0)
    assert not page.print_buttons.buttons[SAVE_AS].isEnabled() and not page.delete_button.isEnabled()


def test_the_summary_exports_to_excel(page: CommitmentsPage, tasks: TaskRunner, prompts: FakePrompts,
                                      tmp_path: Path, progress_seen: ProgressSeen) -> None:
    """One row per member in the workbook; the bar counts the rows up to a real maximum."""
    prompts.save_paths = [tmp_path / "tong-hop"]
    page.export_button.click()
    settle(tasks)
    sheet = load_workbook(tmp_path / "tong-hop.xlsx").active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Nguyễn Văn An" in values and "Chưa đăng ký" in values
    progress_seen.assert_determinate("Đang xuất bảng tổng hợp…")


def test_a_registration_is_deleted_after_confirming(page: CommitmentsPage, services: Services, world: StudyBloc,
                                                    tasks: TaskRunner, prompts: FakePrompts) -> None:
    """Xóa asks first; the row goes back to 'Chưa đăng ký'."""
    page.select(world.people["An"], 0)
    prompts.confirm_answers = [True]
    page.delete_button.click()
    settle(tasks)
    assert services.commitments.of_person(world.people["An"], YEAR) is None


def test_searching_ignores_diacritics(page: CommitmentsPage, tasks: TaskRunner, qtbot) -> None:
    """'dang van' finds Đặng Văn Khoa; the typed text is left as it is."""
    page.search.setText("dang van")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=30_000)
    assert page.model.text(0, 0) == "Đặng Văn Khoa" and page.search.text() == "dang van"


def test_tab_goes_from_the_signing_day_through_the_items(page: CommitmentsPage, world: StudyBloc,
                                                         tasks: TaskRunner) -> None:
    """Tab: 'Ngày ký', each item's fields, 'Thêm nội dung' of the group, …, then 'Chi bộ xác nhận ngày'."""
    dialog = _open(page, tasks, world.people["An"])
    first = dialog.items.rows()[0]
    assert tab_after(dialog.signed_on) is first.content
    assert tab_after(first.content) is first.product
    dialog.items.sections[0].add_button.click()  # a row added later takes its place too
    QApplication.processEvents()  # the new row is shown from the event loop
    rows = dialog.items.sections[0].rows
    assert tab_after(rows[-2].remove_button) is rows[-1].content
    assert tab_after(dialog.items.tab_widgets()[-1]) is dialog.confirmed_on
    dialog.reject()
