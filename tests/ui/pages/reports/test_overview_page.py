"""The overview page: the figures shown are the service's, a click opens the list behind a figure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.models import Changes
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter, Overview
from tests.core.year_end_support import YEAR, Bloc, full_year
from tests.ui.fakes import FakePrompts
from tests.ui.meetings_ui_support import settle
from tests.ui.pages_support import bar_page, on_screen
from ui.app import build_window
from ui.models.meetings_table import KIND
from ui.pages.meetings.meetings_page import MeetingsPage
from ui.pages.reports.overview_cards import NOT_CHARTED, shown_figures
from ui.pages.reports.overview_page import OverviewPage, figure_opener
from ui.tasks import TaskRunner
from ui.widgets.bar_chart import CURRENT_COLOR, PREVIOUS_COLOR, Bar, BarPair


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


@pytest.fixture
def page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, world: Bloc,
         opened: list[ListFilter]) -> OverviewPage:
    return bar_page(qtbot, tasks, OverviewPage(services, tasks, prompts, open_list=opened.append), world.bloc, YEAR)


def test_figures_shown_are_the_services(page: OverviewPage, services: Services, world: Bloc) -> None:
    """Every card row shows the service's text for this year and last year, group by group."""
    expected: Overview = services.overview.overview(world.bloc, YEAR)
    assert list(page.cards) == [group.key for group in expected.groups]
    for group in expected.groups:
        rows = page.cards[group.key].rows
        assert list(rows) == [figure.key for figure in shown_figures(group)]
        for figure in shown_figures(group):
            assert rows[figure.key].label.text() == figure.label
            assert rows[figure.key].value.text() == figure.text
            assert rows[figure.key].previous.text() == figure.previous_text
    assert page.cards["participation"].rows["participation.persons"].value.text() == "3/5 người, đạt 60%"
    assert page.cards["inspections"].rows["inspections.total"].value.text() == "3 cuộc"
    assert page.cards["inspections"].rows["inspections.total"].previous.text() == "1 cuộc"
    assert page.cards["outreach"].rows["outreach.website"].value.text() == "12 tin, bài"
    assert "năm 2018" in page.status_text() and "3 buổi" in page.status_text()


def test_unused_meeting_kinds_are_left_out(page: OverviewPage) -> None:
    """Meeting kinds held in neither year are not listed; the total and the kinds held are."""
    assert list(page.cards["meetings"].rows) == ["meetings.total", "meetings.regular", "meetings.thematic",
                                                "meetings.study"]


def test_bars_compare_last_year_with_this_year(page: OverviewPage) -> None:
    """Each charted figure has its two bars to the card's scale; totals and the network have none."""
    meetings = page.cards["meetings"]
    regular = meetings.rows["meetings.regular"].bars
    assert regular is not None and (regular.bar.previous, regular.bar.current) == (1, 1)
    assert meetings.rows["meetings.thematic"].bars.bar.current == 1  # type: ignore[union-attr]
    for card in page.cards.values():
        assert not set(card.charted_keys()) & NOT_CHARTED
    rate = page.cards["participation"].rows["participation.persons"].bars
    assert rate is not None and rate.scale == 100 and rate.bar.current == pytest.approx(60.0)


def test_click_on_a_figure_opens_its_list(page: OverviewPage, opened: list[ListFilter]) -> None:
    """A click on a row calls open_list with the figure's own filter (page, scope, year, criteria)."""
    row = page.cards["meetings"].rows["meetings.study"]
    window = page.window()
    on_value = row.value.mapTo(window, row.value.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=on_value)  # through the label
    assert len(opened) == 1
    chosen = opened[0]
    assert (chosen.page, chosen.organization_id, chosen.year) == ("meetings", page.overview.organization_id, YEAR)
    assert chosen.criteria == (("kind", "study"),)
    page.cards["inspections"].rows["inspections.below"].click()
    assert opened[-1].page == "inspections" and dict(opened[-1].criteria) == {"conducted_by": "below"}
    page.cards["outreach"].rows["outreach.contributors"].click()
    assert dict(opened[-1].criteria) == {"view": "contributors"}


def test_a_figure_opens_its_list_in_the_window(qtbot, services: Services, settings: QSettings, tasks: TaskRunner,
                                              prompts: FakePrompts, world: Bloc) -> None:
    """In the main window a click on "Học tập, quán triệt" shows the meetings page filtered to study meetings."""
    window = on_screen(qtbot, build_window(services, settings, tasks, prompts), 1280, 860)
    try:
        settle(tasks)
        overview = window.page("overview")
        assert isinstance(overview, OverviewPage)
        overview.apply_filter(ListFilter("overview", world.bloc, YEAR, ""))
        settle(tasks)
        figure = next(f for f in overview.cards["meetings"].group.figures if f.key == "meetings.study")
        overview.cards["meetings"].rows["meetings.study"].click()
        settle(tasks)
        meetings = window.current_page()
        assert isinstance(meetings, MeetingsPage) and window.page("meetings") is meetings
        assert (meetings.organization.current_id(), meetings.year.currentData()) == (world.bloc, YEAR)
        assert meetings.kind.currentData() == MeetingKind.STUDY.value
        kinds = {meetings.proxy.index(row, KIND).data() for row in range(meetings.proxy.rowCount())}
        assert kinds == {MeetingKind.STUDY.label} and meetings.proxy.rowCount() == figure.value
        assert window.status_label.text().startswith(figure.list_filter.description)
    finally:
        settle(tasks)
        window.controller.shutdown()  # type: ignore[attr-defined]


def test_keyboard_opens_a_figure_too(page: OverviewPage, opened: list[ListFilter]) -> None:
    """A row is a button: with the focus on it, the space bar opens its list."""
    row = page.cards["ratings"].rows["ratings.excellent"]
    row.setFocus()
    QTest.keyClick(row, Qt.Key.Key_Space)
    assert opened and dict(opened[-1].criteria) == {"level": "excellent"}


def test_another_year_and_organisation_are_counted_again(page: OverviewPage, tasks: TaskRunner,
                                                         world: Bloc) -> None:
    """Choosing the chi bộ and last year shows their figures, counted on the worker."""
    page.bar.organization.select_id(world.treasury)
    settle(tasks)
    assert page.overview is not None and page.overview.organization_id == world.treasury
    assert page.cards["meetings"].rows["meetings.total"].value.text() == "2 buổi"
    page.bar.year.setCurrentIndex(page.bar.year.findData(YEAR - 1))
    settle(tasks)
    assert page.overview.year == YEAR - 1
    assert page.cards["meetings"].rows["meetings.total"].value.text() == "1 buổi"


def test_busy_line_shows_while_counting(page: OverviewPage, tasks: TaskRunner) -> None:
    """While the figures are being counted the busy line shows and "Làm mới" waits."""
    page.reload()
    assert page.busy.isVisibleTo(page) and not page.refresh_button.isEnabled()
    settle(tasks)
    assert not page.busy.isVisibleTo(page) and page.refresh_button.isEnabled()


def test_changes_elsewhere_count_again_when_shown(page: OverviewPage, tasks: TaskRunner, services: Services,
                                                  world: Bloc) -> None:
    """A change while hidden marks the page stale; it counts again when shown."""
    from khoi_desktop.domain.oversight import ExemplarInput

    page.hide()
    services.exemplars.create(ExemplarInput(world.treasury, YEAR, "Đỗ Thị Em", person_id=world.people["Em"]))
    page.on_changed(Changes(oversight=True))
    settle(tasks)
    assert page.cards["exemplars"].rows["exemplars.individuals"].value.text() == "2 cá nhân"
    page.show()
    settle(tasks)
    assert page.cards["exemplars"].rows["exemplars.individuals"].value.text() == "3 cá nhân"


def test_figure_opener_shows_the_page_and_narrows_it(qtbot) -> None:
    """The callback for the lead: show the page behind the list, then apply_filter (or choose org and year)."""
    shown: list[str] = []
    applied: list[object] = []

    class Filtered:
        def apply_filter(self, list_filter: ListFilter) -> None:
            applied.append(list_filter)

    class Scoped:
        def choose(self, org_id: int, year: int) -> None:
            applied.append((org_id, year))

    pages = {"inspections": Filtered(), "study": Scoped(), "assessments": Scoped(), "meetings": object()}

    def show_page(key: str) -> object:
        shown.append(key)
        return pages[key]

    opener = figure_opener(show_page)  # type: ignore[arg-type]
    wanted = ListFilter("inspections", 1, YEAR, "Các cuộc", (("conducted_by", "own"),))
    opener(wanted)
    opener(ListFilter("participation", 2, YEAR, "Người tham gia học tập"))
    opener(ListFilter("assessments", 3, YEAR, "Đảng viên", (("level", "good"),)))
    opener(ListFilter("meetings", 1, YEAR, "Các buổi", (("kind", "study"),)))
    opener(ListFilter("nowhere", 1, YEAR, "—"))
    assert shown == ["inspections", "study", "assessments", "meetings", "nowhere"]
    assert applied == [wanted, (2, YEAR), (3, YEAR)]


def test_bar_pair_draws_both_years(qtbot) -> None:
    """Last year's grey bar lies over this year's red one, each as long as its value allows."""
    pair = BarPair(Bar(5, 10, "5", "10"), 10)
    qtbot.addWidget(pair)
    pair.resize(200, pair.sizeHint().height())
    assert pair.lengths(200) == (100.0, 200.0)
    image: QImage = pair.grab().toImage()
    middle = image.height() // 2
    assert image.pixelColor(50, middle - 5) == PREVIOUS_COLOR
    assert image.pixelColor(150, middle - 5) != PREVIOUS_COLOR
    assert image.pixelColor(150, middle + 5) == CURRENT_COLOR
    assert BarPair(Bar(0, 0.1), 100).lengths(100) == (0.0, 2.0)
    assert QColor(CURRENT_COLOR) != QColor(PREVIOUS_COLOR)


def test_figures_counted_before_the_window_shows_are_counted_once(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                                   services: Services, settings: QSettings,
                                                                   tasks: TaskRunner, prompts: FakePrompts,
                                                                   world: Bloc) -> None:
    """The first page's figures start on the worker while the window is still being built (not
    when it shows): one count, the loading state until it is in, then the service's figures."""
    asked: list[tuple[int, int]] = []
    count = services.overview.overview

    def counted(org_id: int, year: int) -> Overview:
        asked.append((org_id, year))
        return count(org_id, year)

    monkeypatch.setattr(services.overview, "overview", counted)
    window = build_window(services, settings, tasks, prompts)
    qtbot.addWidget(window)
    try:
        page = window.page("overview")
        assert isinstance(page, OverviewPage)
        assert not window.isVisible() and tasks.is_busy()  # already on the worker
        assert page.busy_label.isVisibleTo(page) and page.overview is None
        window.show()
        qtbot.waitExposed(window)
        settle(tasks)
        assert asked == [(world.bloc, services.context.today().year)]
        assert not page.busy_label.isVisibleTo(page)
        expected = count(*asked[0])
        assert page.overview == expected
        total = expected.figure("meetings.total")
        assert page.cards["meetings"].rows["meetings.total"].value.text() == total.text
    finally:
        settle(tasks)
        window.controller.shutdown()  # type: ignore[attr-defined]
