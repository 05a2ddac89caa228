"""The overview's figures for a year and the year before, each with the list behind it."""

from __future__ import annotations

import pytest

from khoi_desktop.domain.errors import NotFoundError
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import Overview, OverviewService
from tests.core.year_end_support import YEAR, Bloc, full_year


@pytest.fixture
def world(services: Services) -> Bloc:
    return full_year(services)


@pytest.fixture
def overview(services: Services, world: Bloc) -> Overview:
    return OverviewService(services.context).overview(world.bloc, YEAR)


def test_meetings_by_kind_this_year_and_last(overview: Overview) -> None:
    """3 meetings in 2018 (1 regular, 1 thematic, 1 study); 1 regular in 2017."""
    total = overview.figure("meetings.total")
    assert (total.value, total.previous, total.text) == (3, 1, "3 buổi")
    assert overview.figure("meetings.study").value == 1 and overview.figure("meetings.study").previous == 0
    assert overview.figure("meetings.regular").previous == 1


def test_participation_is_written_the_vietnamese_way(overview: Overview) -> None:
    """An, Bình and Dũng took part of five expected: '3/5 người, đạt 60%'; last year has no study."""
    persons = overview.figure("participation.persons")
    assert persons.text == "3/5 người, đạt 60%" and persons.percent == 60.0
    assert overview.figure("participation.attendances").text == "3/5 lượt, đạt 60%"
    assert persons.previous_text == "chưa có số liệu"


def test_registrations_ratings_inspections_outreach_exemplars(overview: Overview) -> None:
    """Hand counts of the support module's docstring."""
    assert overview.figure("registrations.persons").text == "3/5 người, đạt 60%"
    assert overview.figure("registrations.collectives").text == "2/2 chi bộ, đạt 100%"
    assert overview.figure("ratings.good").text == "2/4 người (50%)"
    assert overview.figure("ratings.not_rated").value == 1
    assert (overview.figure("inspections.total").value, overview.figure("inspections.total").previous) == (3, 1)
    assert overview.figure("inspections.below").value == 1
    assert overview.figure("outreach.website").text == "12 tin, bài"
    assert overview.figure("outreach.contributors").value == 2
    assert (overview.figure("exemplars.collectives").value, overview.figure("exemplars.individuals").value) == (1, 2)


def test_every_figure_says_which_list_opens_behind_it(overview: Overview, world: Bloc) -> None:
    """Each figure carries a page, the organisation, the year, criteria and a Vietnamese description."""
    study = overview.figure("meetings.study").list_filter
    assert (study.page, study.organization_id, study.year, study.criteria) == ("meetings", world.bloc, YEAR,
                                                                              (("kind", "study"),))
    assert study.description == ("Các buổi hội nghị học tập, quán triệt năm 2018 của Đảng bộ Khối các cơ quan "
                                 "tỉnh và các tổ chức trực thuộc")
    own = overview.figure("inspections.total").list_filter
    assert own.criteria == (("conducted_by", "own"),) and "do Đảng bộ Khối các cơ quan tỉnh tiến hành" in own.description
    pages = {figure.list_filter.page for group in overview.groups for figure in group.figures}
    assert pages == {"meetings", "participation", "registrations", "assessments", "inspections", "outreach",
                     "exemplars"}


def test_a_branch_sees_only_its_own_figures(services: Services, world: Bloc) -> None:
    """Kho bạc: 2 meetings, Dũng of 2 took part, no inspections of its own."""
    overview = OverviewService(services.context).overview(world.treasury, YEAR)
    assert overview.figure("meetings.total").value == 2
    assert overview.figure("participation.persons").text == "1/2 người, đạt 50%"
    assert overview.figure("inspections.total").value == 0
    assert "của Chi bộ Kho bạc Nhà nước tỉnh" in overview.figure("meetings.total").list_filter.description


def test_first_year_has_an_empty_previous_year(services: Services, world: Bloc) -> None:
    """Year 2000 (the first the app records) compares with nothing rather than failing."""
    overview = OverviewService(services.context).overview(world.bloc, 2000)
    assert overview.previous.year == 1999 and overview.figure("meetings.total").previous == 0


def test_unknown_organisation(services: Services) -> None:
    """A wrong id is a Vietnamese not-found error."""
    with pytest.raises(NotFoundError):
        OverviewService(services.context).overview(999, YEAR)
