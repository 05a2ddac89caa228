"""The Chủ đề năm, nội dung trọng tâm page: editing a plan, its documents, offering the theme below."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.study import PlanDocument, YearPlanInput
from khoi_desktop.services.app import Services
from tests.core.study_support import StudyBloc, study_bloc
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import settle
from tests.ui.pages_support import scoped_page
from ui.pages.study.year_plan_page import YearPlanPage
from ui.tasks import TaskRunner

YEAR = 2026
THEME = "Nêu gương về đạo đức và trách nhiệm thực thi công vụ; nói đi đôi với làm"


@pytest.fixture
def world(services: Services) -> StudyBloc:
    built = study_bloc(services)
    services.year_plans.save(YearPlanInput(built.a, YEAR, focus_content="Cải cách hành chính trong phòng"))
    return built


@pytest.fixture
def page(qtbot, world: StudyBloc, services: Services, tasks: TaskRunner, prompts: FakePrompts) -> YearPlanPage:
    return scoped_page(qtbot, tasks, YearPlanPage(services, tasks, prompts), world.bloc, YEAR)


def test_editing_and_saving_reaches_the_database(page: YearPlanPage, services: Services, world: StudyBloc,
                                                 tasks: TaskRunner) -> None:
    """The theme and the focus typed are stored; Lưu is enabled only while something changed."""
    assert not page.save_button.isEnabled()
    page.theme.setPlainText(THEME)
    page.focus_content.setPlainText("1. Học tập chuyên đề năm\n2. Xây dựng mô hình điểm")
    assert page.save_button.isEnabled() and page.has_unsaved_changes()
    page.save_button.click()
    settle(tasks)
    plan = services.year_plans.get(world.bloc, YEAR)
    assert plan.theme == THEME and plan.focus_content == "1. Học tập chuyên đề năm\n2. Xây dựng mô hình điểm"
    assert not page.has_unsaved_changes() and not page.save_button.isEnabled()


def test_a_document_is_added_through_its_dialog(page: YearPlanPage, services: Services, world: StudyBloc,
                                                tasks: TaskRunner, qtmodeltester) -> None:
    """A bad date keeps the dialog open with the message under the field; a good one adds the row."""
    page.add_document_button.click()
    dialog = page.document_dialog
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("NQ"))
    dialog.number.setText("03-NQ/TU")
    dialog.title.setText("về đẩy mạnh học tập và làm theo Bác")
    dialog.issued_on.setText("31/02/2016")
    dialog.accept()
    assert dialog.isVisible() and dialog.form.error_text("issued_on")
    dialog.issued_on.setText("6/6/2016")
    dialog.accept()
    assert not dialog.isVisible()
    qtmodeltester.check(page.documents_model)
    assert [page.documents_model.text(0, c) for c in range(3)] == ["Nghị quyết", "03-NQ/TU", "06/06/2016"]
    page.save()
    settle(tasks)
    stored = services.year_plans.get(world.bloc, YEAR).documents
    assert [(d.kind, d.number, d.issued_on) for d in stored] == [("NQ", "03-NQ/TU", date(2016, 6, 6))]


def test_a_document_needs_a_title(page: YearPlanPage) -> None:
    """The domain's rule, shown under 'Trích yếu'."""
    page.edit_document(None)
    dialog = page.document_dialog
    assert dialog is not None
    dialog.accept()
    assert "trích yếu" in dialog.form.error_text("title") and dialog.isVisible()


def test_a_too_long_theme_is_shown_under_the_field(page: YearPlanPage, services: Services, world: StudyBloc,
                                                   tasks: TaskRunner) -> None:
    """The service's ValidationError names the field; nothing is stored."""
    page.theme.setPlainText("x" * 5001)
    page.save()
    settle(tasks)
    assert "quá dài" in page.form.error_text("theme")
    assert services.year_plans.get(world.bloc, YEAR).id is None


def test_the_theme_is_offered_to_the_units_below(page: YearPlanPage, services: Services, world: StudyBloc,
                                                 tasks: TaskRunner, prompts: FakePrompts, qtmodeltester) -> None:
    """Pending edits are saved first; units get the theme; A keeps its own focus content."""
    assert not page.offer_button.isHidden() and not page.offer_button.isEnabled()
    page.theme.setPlainText(THEME)
    prompts.confirm_answers = [True]
    page.offer_button.click()
    settle(tasks)
    assert ("inform", "Đã chuyển chủ đề năm cho 4 tổ chức; 0 tổ chức đã có chủ đề được giữ nguyên.") in prompts.asked
    for org_id in (world.base, world.a, world.b, world.c):
        assert services.year_plans.get(org_id, YEAR).theme == THEME
    assert services.year_plans.get(world.a, YEAR).focus_content == "Cải cách hành chính trong phòng"
    model = page.below_model
    qtmodeltester.check(model)
    assert [model.text(row, 1) for row in range(model.rowCount())] == ["Đã có"] * 4
    assert page.status_text() == "4/4 đơn vị trực thuộc đã có chủ đề năm"


def test_declining_the_offer_changes_nothing(page: YearPlanPage, services: Services, world: StudyBloc,
                                             tasks: TaskRunner, prompts: FakePrompts) -> None:
    """'Hủy' in the confirmation: no plan below gets a theme."""
    page.theme.setPlainText(THEME)
    page.offer_theme()
    settle(tasks)
    assert services.year_plans.get(world.b, YEAR).id is None


def test_a_chi_bo_has_no_offer_button_and_shows_no_units(page: YearPlanPage, world: StudyBloc,
                                                         tasks: TaskRunner) -> None:
    """Double-clicking a unit below opens its plan, which has nothing below it."""
    row = next(n for n, line in enumerate(page.below_model.rows()) if line.organization_id == world.a)
    page.below.activated.emit(page.below_model.index(row, 0))
    settle(tasks)
    assert page.bar.org_id() == world.a
    assert page.focus_content.text() == "Cải cách hành chính trong phòng"
    assert page.offer_button.isHidden() and page.below_box.isHidden()


def test_leaving_unsaved_edits_asks_first(page: YearPlanPage, world: StudyBloc, tasks: TaskRunner,
                                          prompts: FakePrompts) -> None:
    """'Quay lại' keeps the organisation and the text typed; 'Bỏ thay đổi' moves on."""
    page.theme.setPlainText(THEME)
    prompts.confirm_answers = [False, True]
    page.choose(world.c)
    settle(tasks)
    assert page.bar.org_id() == world.bloc and page.theme.text() == THEME
    page.choose(world.c)
    settle(tasks)
    assert page.bar.org_id() == world.c and page.theme.text() == ""


def test_revert_restores_what_was_stored(page: YearPlanPage, services: Services, world: StudyBloc,
                                         tasks: TaskRunner) -> None:
    """Hoàn tác puts back the stored text and documents."""
    services.year_plans.save(YearPlanInput(world.bloc, YEAR, theme=THEME,
                                           documents=(PlanDocument("KH", "Kế hoạch học tập năm 2026"),)))
    page.reload()
    settle(tasks)
    page.theme.setPlainText("Sửa dở")
    page.documents.selectRow(0)
    page.remove_document()
    assert page.documents_model.rowCount() == 0
    page.revert_button.click()
    assert page.theme.text() == THEME and page.documents_model.rowCount() == 1


def test_a_change_elsewhere_keeps_what_is_being_typed(page: YearPlanPage, tasks: TaskRunner) -> None:
    """Another page renames an organisation: the list below is read again, the typed theme stays."""
    page.theme.setPlainText(THEME)
    page.on_changed(Changes(organizations=True))
    settle(tasks)
    assert page.theme.text() == THEME and page.has_unsaved_changes()
