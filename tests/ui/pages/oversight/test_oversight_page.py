"""The oversight pages: inspections with their steps, outreach and its network, exemplars — list, add, edit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from khoi_desktop.domain.enums import InspectionKind, InspectionStep, OutreachOutlet
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from tests.core.year_end_support import YEAR, Bloc, full_year
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import settle
from ui.models.rows_table import Column, RowsTableModel
from ui.pages.common.record_list import RecordList
from ui.pages.oversight.inspection_dialog import InspectionDialog
from ui.pages.oversight.oversight_dialogs import ContributorDialog, ExemplarDialog, OutreachDialog
from ui.pages.oversight.oversight_page import ExemplarsPage, InspectionsPage, OutreachPage, OversightPage
from ui.tasks import TaskRunner


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


def _open(qtbot, page: OversightPage, tasks: TaskRunner, world: Bloc) -> OversightPage:
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    settle(tasks)
    page.bar.select(world.bloc, YEAR)
    page.request_reload()
    settle(tasks)
    return page


@pytest.fixture
def inspections(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, world: Bloc) -> InspectionsPage:
    return _open(qtbot, InspectionsPage(services, tasks, prompts), tasks, world)  # type: ignore[return-value]


@pytest.fixture
def outreach(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, world: Bloc) -> OutreachPage:
    return _open(qtbot, OutreachPage(services, tasks, prompts), tasks, world)  # type: ignore[return-value]


@pytest.fixture
def exemplars(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, world: Bloc) -> ExemplarsPage:
    return _open(qtbot, ExemplarsPage(services, tasks, prompts), tasks, world)  # type: ignore[return-value]


def _shown(records: RecordList, title: str) -> list[str]:
    """The column ``title`` of the rows the filters let through, as shown."""
    column = next(c for c in records.model.columns() if c.header == title)
    return [column.text(record) for record in records.shown()]


def test_every_list_model_passes_the_model_tester(qtmodeltester, inspections: InspectionsPage,
                                                  outreach: OutreachPage, exemplars: ExemplarsPage) -> None:
    """The inspections, outreach, network and exemplars models satisfy Qt's model contract."""
    for model in (inspections.records.model, outreach.records.model, outreach.network.model,
                  exemplars.records.model, RowsTableModel((Column("Tên", str),))):
        qtmodeltester.check(model)
    assert inspections.records.model.rowCount() == 3 and exemplars.records.model.rowCount() == 3


def test_inspections_of_the_year_with_their_counts(inspections: InspectionsPage, tasks: TaskRunner) -> None:
    """The bloc's own inspections are listed by date; the line above counts by kind and target level."""
    assert _shown(inspections.records, "Nội dung") == ["Việc thực hiện chủ đề năm 2018",
                                                       "Việc học tập và làm theo Bác", "Sinh hoạt chi bộ"]
    assert _shown(inspections.records, "Bước hiện tại") == ["Kết luận", "Thông báo", "Kết luận"]
    summary = inspections.summary.text()
    assert "tiến hành 3 cuộc (kiểm tra 1, giám sát thường xuyên 1, giám sát chuyên đề 1)" in summary
    assert "2 cuộc đã kết luận" in summary and "2 đảng bộ cơ sở, 2 chi bộ cơ sở" in summary
    assert "Các tổ chức trực thuộc tiến hành 1 cuộc" in summary
    inspections.kind.setCurrentIndex(inspections.kind.findData("supervision"))
    assert _shown(inspections.records, "Nội dung") == ["Sinh hoạt chi bộ"]
    inspections.who.setCurrentIndex(inspections.who.findData("below"))
    inspections.kind.setCurrentIndex(0)
    settle(tasks)
    assert _shown(inspections.records, "Nội dung") == ["Thu nộp đảng phí"]


def test_new_inspection_with_steps_reaches_the_database(inspections: InspectionsPage, services: Services,
                                                        tasks: TaskRunner, world: Bloc) -> None:
    """Thêm → subject, kind, a target ticked in the tree, two dated steps → stored; the new row is selected."""
    inspections.records.add_button.click()
    dialog = inspections.records.dialog
    assert isinstance(dialog, InspectionDialog)
    assert dialog.conducting.current_id() == world.bloc
    dialog.subject.setText("Việc thực hiện Quy định 08")
    dialog.kind.setCurrentIndex(dialog.kind.findData("supervision"))
    dialog.conductor.setCurrentText("Ban Thường vụ Đảng ủy Khối")
    dialog.on_theme.setChecked(True)  # on the year's theme: counted apart in the report
    assert dialog.targets.set_checked(world.office)  # a sub-branch two levels down
    dialog.start.setText("10/10/2018")
    dialog.steps.dates[InspectionStep.PLAN].setText("01/10/2018")
    dialog.steps.numbers[InspectionStep.PLAN].setText("12-KH/ĐUK")
    dialog.steps.dates[InspectionStep.NOTICE].setText("5/10/18")
    dialog.save()
    settle(tasks)
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = [row for row in services.inspections.conducted_by(world.bloc, YEAR) if row.subject.endswith("08")]
    assert len(stored) == 1
    saved = stored[0]
    assert saved.kind is InspectionKind.SUPERVISION and saved.body == "Ban Thường vụ Đảng ủy Khối"
    assert saved.on_theme
    assert [t.organization_id for t in saved.targets] == [world.office]
    assert [(s.step, s.done_on, s.document_number) for s in saved.steps] == [
        (InspectionStep.PLAN, date(2018, 10, 1), "12-KH/ĐUK"), (InspectionStep.NOTICE, date(2018, 10, 5), "")]
    assert saved.step is InspectionStep.NOTICE and saved.start_date == date(2018, 10, 10)
    assert inspections.records.selected_id() == saved.id
    assert "tiến hành 4 cuộc" in inspections.summary.text()


def test_editing_records_the_conclusion(inspections: InspectionsPage, services: Services, tasks: TaskRunner,
                                        world: Bloc) -> None:
    """Sửa → the steps shown as stored; a conclusion dated and written moves the inspection to its end."""
    row = next(r for r in inspections.records.shown() if r.subject == "Việc học tập và làm theo Bác")
    inspections.records.select(row.id)
    inspections.records.edit_button.click()
    dialog = inspections.records.dialog
    assert isinstance(dialog, InspectionDialog)
    assert dialog.steps.dates[InspectionStep.NOTICE].text() == "01/06/2018"
    assert set(dialog.targets.checked_ids()) == {world.base, world.treasury}
    assert not dialog.on_theme.isChecked()
    dialog.steps.dates[InspectionStep.CONCLUSION].setText("20/12/2018")
    dialog.conclusion.setPlainText("Các tổ chức thực hiện nghiêm túc.")
    dialog.save()
    settle(tasks)
    stored = services.inspections.get(row.id)
    assert stored.finished and stored.conclusion == "Các tổ chức thực hiện nghiêm túc."
    assert _shown(inspections.records, "Bước hiện tại") == ["Kết luận", "Kết luận", "Kết luận"]


def test_mistakes_stay_in_the_dialog_beside_their_field(inspections: InspectionsPage, tasks: TaskRunner,
                                                        services: Services, world: Bloc) -> None:
    """No target, a malformed step date, steps going backwards: each message under its field, nothing stored."""
    inspections.records.add_button.click()
    dialog = inspections.records.dialog
    assert isinstance(dialog, InspectionDialog)
    dialog.subject.setText("Kiểm tra đảng phí")
    dialog.save()
    settle(tasks)
    assert dialog.isVisible() and "ít nhất một tổ chức" in dialog.form.error_text("target_ids")
    dialog.targets.set_checked(world.treasury)
    dialog.steps.dates[InspectionStep.PLAN].setText("31/02/2018")
    dialog.save()
    settle(tasks)
    assert dialog.form.error_text("steps") and not dialog.form.error_text("target_ids")
    dialog.steps.dates[InspectionStep.PLAN].setText("01/03/2018")
    dialog.steps.dates[InspectionStep.NOTICE].setText("01/02/2018")
    dialog.save()
    settle(tasks)
    assert "không thể trước bước" in dialog.form.error_text("steps")
    assert len(services.inspections.conducted_by(world.bloc, YEAR)) == 3


def test_delete_asks_first(inspections: InspectionsPage, prompts: FakePrompts, services: Services,
                           tasks: TaskRunner, world: Bloc) -> None:
    """Xóa asks; "Hủy" keeps the inspection, "Xóa" removes it."""
    first = inspections.records.shown()[0]
    inspections.records.select(first.id)
    inspections.records.delete_button.click()
    settle(tasks)
    assert len(services.inspections.conducted_by(world.bloc, YEAR)) == 3
    prompts.confirm_answers.append(True)
    inspections.records.delete_button.click()
    settle(tasks)
    assert [r.id for r in services.inspections.conducted_by(world.bloc, YEAR)].count(first.id) == 0
    assert inspections.records.model.rowCount() == 2


def test_outreach_item_and_contributor_are_added(outreach: OutreachPage, services: Services, tasks: TaskRunner,
                                                 world: Bloc) -> None:
    """Thêm on each tab stores an outreach item of the year and a member of the network."""
    assert "16 tin, bài, hoạt động tuyên truyền" in outreach.summary.text()
    outreach.records.add_button.click()
    dialog = outreach.records.dialog
    assert isinstance(dialog, OutreachDialog)
    dialog.organization.select_id(world.treasury)
    dialog.outlet.setCurrentIndex(dialog.outlet.findData("website"))
    dialog.title.setText("Tin hoạt động quý IV")
    dialog.kind.setText("Tin")
    dialog.day.setText("15/11/2018")
    dialog.count.setValue(6)
    dialog.authors.setText("Hoàng Văn Dũng")
    dialog.save()
    settle(tasks)
    item = next(i for i in services.outreach.items(world.bloc, YEAR) if i.title == "Tin hoạt động quý IV")
    assert (item.organization_id, item.outlet, item.count, item.date) == (
        world.treasury, OutreachOutlet.WEBSITE, 6, date(2018, 11, 15))
    assert "22 tin, bài, hoạt động tuyên truyền" in outreach.summary.text()
    outreach.tabs.setCurrentWidget(outreach.network)
    outreach.network.add_button.click()
    contributor = outreach.network.dialog
    assert isinstance(contributor, ContributorDialog)
    contributor.name.setText("Trần Thị Bình")
    contributor.role.setText("Cộng tác viên trang thông tin")
    contributor.outlet.setCurrentIndex(contributor.outlet.findData("website"))
    contributor.save()
    settle(tasks)
    assert "Trần Thị Bình" in [c.name for c in services.outreach.contributors(world.bloc)]
    assert outreach.network.model.rowCount() == 3


def test_outreach_date_outside_the_year_is_refused(outreach: OutreachPage, tasks: TaskRunner) -> None:
    """A date of another year is shown under the date field; the dialog stays open."""
    outreach.records.add_button.click()
    dialog = outreach.records.dialog
    assert isinstance(dialog, OutreachDialog)
    dialog.title.setText("Bài cũ")
    dialog.day.setText("01/01/2017")
    dialog.save()
    settle(tasks)
    assert dialog.isVisible() and "không thuộc năm 2018" in dialog.form.error_text("date")


def test_exemplars_individual_from_the_list_and_collective(exemplars: ExemplarsPage, services: Services,
                                                           tasks: TaskRunner, world: Bloc) -> None:
    """An individual picked from the organisation's people keeps the person; a collective takes the unit's name."""
    exemplars.records.add_button.click()
    dialog = exemplars.records.dialog
    assert isinstance(dialog, ExemplarDialog)
    dialog.organization.select_id(world.office)
    settle(tasks)
    index = dialog.person_index(world.people["Bình"])
    assert index > 0
    dialog.person.setCurrentIndex(index)
    dialog.person.activated.emit(index)
    assert dialog.name.text() == "Trần Thị Bình"
    dialog.achievement.setPlainText("Hoàn thành xuất sắc nhiệm vụ")
    dialog.commendation.setCurrentText("Giấy khen")
    dialog.decision_number.setText("300-QĐ/ĐUK")
    dialog.day.setText("10/01/2019")
    dialog.save()
    settle(tasks)
    found = next(e for e in services.exemplars.items(world.bloc, YEAR) if e.name == "Trần Thị Bình")
    assert (found.person_id, found.is_collective, found.date) == (world.people["Bình"], False, date(2019, 1, 10))
    exemplars.records.add_button.click()
    collective = exemplars.records.dialog
    assert isinstance(collective, ExemplarDialog)
    collective.organization.select_id(world.office)
    collective.collective.setChecked(True)
    assert collective.name.text() == "Chi bộ Văn phòng Viện" and not collective.person.isEnabled()
    collective.save()
    settle(tasks)
    assert sorted(e.name for e in services.exemplars.items(world.bloc, YEAR, collective=True)) == [
        "Chi bộ Kho bạc Nhà nước tỉnh", "Chi bộ Văn phòng Viện"]
    assert "2 tập thể, 3 cá nhân" in exemplars.summary.text()


def test_filters_from_the_overview(inspections: InspectionsPage, outreach: OutreachPage, exemplars: ExemplarsPage,
                                   tasks: TaskRunner, world: Bloc) -> None:
    """apply_filter chooses the organisation, year, scope and criteria a figure stands for."""
    inspections.apply_filter(ListFilter("inspections", world.bloc, YEAR, "", (("conducted_by", "below"),)))
    settle(tasks)
    assert _shown(inspections.records, "Nội dung") == ["Thu nộp đảng phí"]
    inspections.apply_filter(ListFilter("inspections", world.bloc, YEAR, "",
                                        (("conducted_by", "own"), ("kind", "thematic_supervision"))))
    settle(tasks)
    assert _shown(inspections.records, "Nội dung") == ["Việc học tập và làm theo Bác"]
    outreach.apply_filter(ListFilter("outreach", world.bloc, YEAR, "", (("outlet", "newspaper"),)))
    settle(tasks)
    assert len(outreach.records.shown()) == 2 and outreach.tabs.currentWidget() is outreach.records
    outreach.apply_filter(ListFilter("outreach", world.bloc, YEAR, "", (("view", "contributors"),)))
    settle(tasks)
    assert outreach.tabs.currentWidget() is outreach.network
    exemplars.apply_filter(ListFilter("exemplars", world.treasury, YEAR, "", (("collective", "1"),)))
    settle(tasks)
    assert exemplars.bar.org_id() == world.treasury
    assert _shown(exemplars.records, "Tên tập thể, họ tên") == ["Chi bộ Kho bạc Nhà nước tỉnh"]


def test_buttons_and_headings_are_vietnamese(inspections: InspectionsPage) -> None:
    """No English text from Qt: the list's buttons and the dialog's buttons are set in Vietnamese."""
    assert [b.text() for b in (inspections.records.add_button, inspections.records.edit_button,
                               inspections.records.delete_button)] == ["Thêm", "Sửa", "Xóa"]
    inspections.records.add_button.click()
    dialog = inspections.records.dialog
    assert dialog is not None
    assert sorted(b.text() for b in dialog.buttons.buttons()) == ["Hủy", "Lưu"]
    dialog.reject()
    QApplication.processEvents()
    assert inspections.records.model.headerData(0, Qt.Orientation.Horizontal) == "Hình thức"


def test_inspections_aimed_at_a_unit_keep_who_conducts_them(inspections: InspectionsPage, tasks: TaskRunner,
                                                            world: Bloc) -> None:
    """For the chi bộ, "aimed at it" lists the bloc's supervisions; editing one keeps the bloc as conductor."""
    inspections.apply_filter(ListFilter("inspections", world.treasury, YEAR, ""))
    inspections.who.setCurrentIndex(inspections.who.findData("targeted"))
    settle(tasks)
    assert _shown(inspections.records, "Nội dung") == ["Việc học tập và làm theo Bác", "Sinh hoạt chi bộ"]
    inspections.records.select(inspections.records.shown()[0].id)
    inspections.records.edit_selected()
    dialog = inspections.records.dialog
    assert isinstance(dialog, InspectionDialog)
    assert dialog.conducting.current_id() == world.bloc
    assert set(dialog.targets.checked_ids()) == {world.base, world.treasury}
    dialog.reject()
