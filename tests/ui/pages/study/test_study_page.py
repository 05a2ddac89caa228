"""The Học tập, quán triệt page: the participation figures of the service, by organisation and by kind."""

from __future__ import annotations

import pytest

from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind
from khoi_desktop.domain.models import Changes
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from tests.core.meetings_support import Kit
from tests.core.study_support import StudyBloc, hold_study_year, study_bloc
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import settle
from tests.ui.pages_support import scoped_page
from ui.models.rows_table import INDENT
from ui.pages.study.study_page import StudyPage
from ui.tasks import TaskRunner

YEAR = 2026


@pytest.fixture
def world(services: Services) -> StudyBloc:
    built = study_bloc(services)
    hold_study_year(Kit.over(services), built)
    return built


@pytest.fixture
def page(qtbot, world: StudyBloc, services: Services, tasks: TaskRunner, prompts: FakePrompts) -> StudyPage:
    return scoped_page(qtbot, tasks, StudyPage(services, tasks, prompts), world.bloc, YEAR)


def test_overall_figures_are_the_services(page: StudyPage, services: Services, world: StudyBloc) -> None:
    """'6/9 người, đạt 66,67%' and '11/18 lượt, đạt 61,11%' as the service counts them; 5 meetings."""
    figures = services.study.participation(world.bloc, YEAR)
    assert page.persons.detail.text() == figures.overall.persons_text == "6/9 người, đạt 66,67%"
    assert page.attendances.detail.text() == figures.overall.attendances_text == "11/18 lượt, đạt 61,11%"
    assert page.persons.value.text() == "66,67%" and page.meetings.value.text() == "5"
    assert page.status_text() == "Tham gia học tập năm 2026: 6/9 người, đạt 66,67%; 11/18 lượt, đạt 61,11%"


def test_by_organisation_is_indented_by_depth(page: StudyPage, world: StudyBloc, qtmodeltester) -> None:
    """The tree order of the service, children indented, each with its own figures."""
    model = page.by_org_model
    qtmodeltester.check(model)
    assert [model.text(row, 0) for row in range(model.rowCount())] == [
        "Đảng bộ Khối các cơ quan tỉnh", INDENT + "Chi bộ Kho bạc", INDENT + "Đảng bộ Sở Tài chính",
        INDENT * 2 + "Chi bộ Phòng Ngân sách", INDENT * 2 + "Chi bộ Văn phòng Sở"]
    branch_a = [model.text(3, column) for column in range(1, 7)]
    assert branch_a == ["5", "4", "80%", "12", "8", "66,67%"]


def test_by_membership_kind(page: StudyPage, qtmodeltester) -> None:
    """Official 5/8 persons and 9/16 attendances; probationary 1/1 and 2/2."""
    model = page.by_kind_model
    qtmodeltester.check(model)
    rows = {model.text(row, 0): [model.text(row, c) for c in (1, 2, 4, 5)] for row in range(model.rowCount())}
    assert rows == {"Đảng viên chính thức": ["8", "5", "16", "9"], "Đảng viên dự bị": ["1", "1", "2", "2"]}


def test_the_help_box_says_how_it_is_counted(page: StudyPage, services: Services, world: StudyBloc) -> None:
    """The service's definitions and the rule in force."""
    figures = services.study.participation(world.bloc, YEAR)
    assert figures.help_text in page.help.text()
    assert "có mặt ít nhất một buổi học tập trong năm" in page.help.text()
    assert "sinh hoạt chuyên đề" in page.help.text()


def test_choosing_a_branch_shows_only_its_figures(page: StudyPage, world: StudyBloc, tasks: TaskRunner) -> None:
    """Chi bộ Phòng Ngân sách alone: 3/5 persons over its own two meetings."""
    page.choose(world.a)
    settle(tasks)
    assert page.persons.detail.text() == "3/5 người, đạt 60%" and page.meetings.value.text() == "2"
    assert page.by_org_model.rowCount() == 1


def test_a_year_without_study_says_so(page: StudyPage, tasks: TaskRunner) -> None:
    """2025 has one thematic meeting of A; 2024 has none: zero, and a line saying why."""
    page.choose(page.bar.org_id(), 2024)
    settle(tasks)
    assert page.persons.detail.text() == "0/0 người, đạt 0%" and page.persons.value.text() == "—"
    assert not page.empty.isHidden() and "chưa có buổi học tập" in page.empty.text()


def test_attendance_changes_reload_the_figures(page: StudyPage, services: Services, world: StudyBloc,
                                               tasks: TaskRunner) -> None:
    """After another page marks Khoa present at his branch's seminar the figures are read again."""
    meeting_id = services.meetings.list((world.c,), YEAR)[0].id
    Kit.over(services).attendance.mark(meeting_id, world.people["Khoa"], AttendanceStatus.PRESENT)
    page.on_changed(Changes(attendance=True))
    settle(tasks)
    assert page.persons.detail.text() == "7/9 người, đạt 77,78%"


def test_apply_filter_points_out_the_kind_of_a_figure(page: StudyPage, world: StudyBloc, tasks: TaskRunner) -> None:
    """A figure of one membership kind shows its organisation and year with that kind's row selected."""
    description = "Đảng viên dự bị tham gia học tập năm 2026 của Chi bộ Phòng Ngân sách"
    page.apply_filter(ListFilter("participation", world.a, YEAR, description,
                                 (("membership_kind", MembershipKind.PARTY_PROBATIONARY.value),)))
    settle(tasks)
    assert (page.bar.org_id(), page.year()) == (world.a, YEAR)
    chosen = page.by_kind.selectionModel().selectedRows()
    assert [page.by_kind_model.text(index.row(), 0) for index in chosen] == ["Đảng viên dự bị"]
    assert page.status_text() == f"{description} — Tham gia học tập năm 2026: 3/5 người, đạt 60%; " \
        f"{page.attendances.detail.text()}"
    page.bar.year.setCurrentIndex(page.bar.year.findData(YEAR - 1))  # the clerk looks elsewhere
    settle(tasks)
    assert not page.status_text().startswith(description)
