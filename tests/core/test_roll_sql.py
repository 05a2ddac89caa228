"""Figures counted in SQL equal those computed in Python from everyone's facts or attendance rows.

``attendance_repo.roll_sql`` decides in SQL who is on a party meeting's roll on a day (the
overview's registration figures count it per kind); the oracle here is the Python route it
replaced: every candidate's facts (``attendance_repo.party_facts``) placed by
``domain.assessments.year_end_placement``, exempt and suspended members left out. They are
compared on the unit demo (moves, transfers, exempt, suspended and retired people) for every
organisation and several days of each year. Likewise the study totals the overview shows
(``StudyService.totals``, grouped in SQL) against ``StudyService.participation``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.study import StudyService, organization, placements_on
from khoi_desktop.storage import attendance_repo, commitments_repo
from khoi_desktop.storage import organizations_repo as org_repo
from tests.core.study_support import opened_unit_demo

_EXPECTED = tuple(status for status in PersonStatus if status.is_expected_at_meetings)
_DAYS = tuple(date(year, month, day) for year in range(DEMO_TODAY.year - 3, DEMO_TODAY.year + 1)
              for month, day in ((1, 1), (6, 30), (12, 31)))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    with opened_unit_demo(tmp_path_factory.mktemp("roll")) as opened:
        yield opened


def _python_kinds(services: Services, org_id: int, day: date) -> dict[int, MembershipKind]:
    placements = placements_on(services.db, organization(services.db, org_id), (day,))[day]
    return {person: placement.membership_kind for person, placement in placements.items()
            if placement.status not in (PersonStatus.EXEMPT, PersonStatus.SUSPENDED)}


def test_the_roll_in_sql_is_the_roll_placed_in_python(demo: Services) -> None:
    """Every organisation, every day: the same people with the same party kind."""
    compared = 0
    for org in org_repo.all_organizations(demo.db):
        scope = org_repo.descendant_ids(demo.db, org.id)
        for day in _DAYS:
            expected = _python_kinds(demo, org.id, day)
            assert attendance_repo.roll_kinds(demo.db, scope, day, _EXPECTED) == expected, (org.name, day)
            compared += len(expected)
    assert compared > 1000  # the demo has people on these rolls: the comparison is not vacuous


def test_registered_by_kind_counts_what_python_counts(demo: Services) -> None:
    """Per kind: people on the roll and those of them who registered that year, as the Python route counts."""
    root = next(org for org in org_repo.all_organizations(demo.db) if org.parent_id is None)
    scope = org_repo.descendant_ids(demo.db, root.id)
    for year in range(DEMO_TODAY.year - 2, DEMO_TODAY.year + 1):
        day = min(DEMO_TODAY, date(year, 12, 31))
        kinds = _python_kinds(demo, root.id, day)
        registered = commitments_repo.registered_people(demo.db, list(kinds), year)
        python = {}
        for person, kind in kinds.items():
            on_roll, signed = python.get(kind.value, (0, 0))
            python[kind.value] = (on_roll + 1, signed + (person in registered))
        counted = commitments_repo.registered_by_kind(
            demo.db, attendance_repo.roll_sql(scope, day, _EXPECTED), year)
        assert counted == python, year
        assert sum(signed for _, signed in counted.values()) > 0, year


def test_study_totals_in_sql_equal_the_participation_figures(demo: Services) -> None:
    """Overall and by kind: ``StudyService.totals`` (counted in SQL) equals ``participation`` (rows credited
    to organisations), for every organisation and year of the demo."""
    study = StudyService(demo.context)
    counted = 0
    for org in org_repo.all_organizations(demo.db):
        for year in range(DEMO_TODAY.year - 3, DEMO_TODAY.year + 1):
            full, totals = study.participation(org.id, year), study.totals(org.id, year)
            assert (totals.overall, totals.by_kind, totals.meetings) == (full.overall, full.by_kind, full.meetings)
            assert totals.by_organization == ()
            counted += full.overall.persons_expected
    assert counted > 300  # people studied: the comparison is not vacuous
