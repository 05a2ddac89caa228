"""The overview's study figures equal a count made in plain Python from the attendance rows.

The oracle reads every attendance row with its meeting and every exempt stretch of the status
history, and applies the definitions of ``domain.study`` itself: the study meetings of the
year held in scope, an exempt member marked absent not expected, persons by the membership
kind of their last study meeting, attendances by the kind on each row. It is compared with
``OverviewService.overview`` (this year and last year) for every organisation of the unit demo
and several years, a year with no data among them. The demo is enriched first so that every
case is there: members exempt from mid-year (absent, and once present anyway), a member who
moved to another chi bộ mid-year and studied in both, and attendees outside the Party
(công chức, người lao động), counted by category as the year-end report counts them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, MembershipKind, PersonStatus
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.domain.presets import DEFAULT_STUDY_KINDS
from khoi_desktop.domain.study import KindTally, Tally, study_categories, took_part
from khoi_desktop.services.app import Services
from khoi_desktop.services.attendance import AttendanceService
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.study import StudyService
from khoi_desktop.storage import organizations_repo as org_repo
from tests.core.meetings_support import Kit, new_meeting
from tests.core.study_support import opened_unit_demo

YEAR = DEMO_TODAY.year - 1
EMPTY_YEAR = 2015  # before the demo's first meetings (2016); its year before is empty too
_PRESENT = {"present", "late"}


@dataclass(frozen=True)
class Enriched:
    services: Services
    exempt: tuple[int, ...]
    mover: int


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Enriched]:
    with opened_unit_demo(tmp_path_factory.mktemp("overview-counts")) as opened:
        yield _enrich(opened)


def _study_meetings(services: Services, org_id: int, since: date) -> list[int]:
    rows = services.db.execute(
        "SELECT id FROM meetings WHERE organization_id = ? AND date >= ? AND date <= ? AND kind IN (?, ?, ?, ?)"
        " ORDER BY date", [org_id, since.isoformat(), f"{YEAR}-12-31", *DEFAULT_STUDY_KINDS]).fetchall()
    return [row[0] for row in rows]


def _party_members(services: Services, org_id: int) -> list[int]:
    rows = services.db.execute(
        "SELECT DISTINCT p.id FROM people p JOIN memberships m ON m.person_id = p.id WHERE p.organization_id = ?"
        " AND m.kind = ? AND p.status = 'active' ORDER BY p.id", [org_id, MembershipKind.PARTY_OFFICIAL.value]
    ).fetchall()
    return [row[0] for row in rows]


def _enrich(services: Services) -> Enriched:
    """Two members exempt from 01/06 of YEAR (absent since, one present once); one moved on 01/07."""
    attendance = AttendanceService(services.context)
    branches = [org.id for org in org_repo.all_organizations(services.db) if org.kind == "sub_branch"]
    first, second = branches[0], branches[1]
    exempt = tuple(_party_members(services, first)[:2])
    since = date(YEAR, 6, 1)
    for person in exempt:
        services.people.change_status(person, StatusChange(PersonStatus.EXEMPT, since, note="tuổi cao"))
        for meeting in _study_meetings(services, first, since):
            attendance.mark(meeting, person, AttendanceStatus.ABSENT_EXCUSED, "miễn sinh hoạt")
    attendance.mark(_study_meetings(services, first, since)[-1], exempt[1], AttendanceStatus.PRESENT)
    mover = _party_members(services, first)[2]
    moved_on = date(YEAR, 7, 1)
    services.people.move(mover, second, moved_on)
    # the demo's meetings keep the roll they were numbered with: a new one takes the mover in
    meeting = new_meeting(Kit.over(services), second, kind=MeetingKind.THEMATIC, day=date(YEAR, 9, 25))
    attendance.mark_all_present(meeting)
    attendance.mark(meeting, mover, AttendanceStatus.LATE)
    return Enriched(services, exempt, mover)


# -- the oracle ----------------------------------------------------------------------------------------------
def _exempt_on(stretches: list[tuple[str, str | None]], day: str) -> bool:
    return any(start <= day and (end is None or end > day) for start, end in stretches)


def _oracle(conn: sqlite3.Connection, scope: set[int], year: int, rule: str) -> tuple[Tally, tuple]:
    """(overall, ((kind, tally), …)) counted from the raw rows, following domain.study's definitions."""
    exempt: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for person, start, end in conn.execute("SELECT person_id, start_date, end_date FROM status_history"
                                           " WHERE status = 'exempt'"):
        exempt[person].append((start, end))
    persons: dict[int, list] = {}  # person → [expected, present, last day, kind that day]
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for org, day, kind, person, status, row_kind in conn.execute(
            "SELECT m.organization_id, m.date, m.kind, a.person_id, a.status, a.membership_kind"
            " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"):
        if org not in scope or not day.startswith(f"{year}-") or kind not in DEFAULT_STUDY_KINDS:
            continue
        present = status in _PRESENT
        if not present and _exempt_on(exempt[person], day):
            continue
        mine = persons.setdefault(person, [0, 0, "", ""])
        mine[0], mine[1] = mine[0] + 1, mine[1] + present
        assert day != mine[2] or row_kind == mine[3], "two kinds on one last day: the oracle would have to choose"
        if day > mine[2]:
            mine[2], mine[3] = day, row_kind
        rows[row_kind][0] += 1
        rows[row_kind][1] += present
    by_kind = []
    for kind in sorted(rows, key=lambda k: [m.value for m in MembershipKind].index(k)):
        people = [p for p in persons.values() if p[3] == kind]
        took = sum(took_part(rule, p[1], p[0]) for p in people)
        by_kind.append((kind, Tally(len(people), took, *rows[kind])))
    overall = Tally(len(persons), sum(took_part(rule, p[1], p[0]) for p in persons.values()),
                    sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values()))
    return overall, tuple(by_kind)


def _figures(kinds: tuple[KindTally, ...]) -> tuple:
    return tuple((kind.kind, kind.tally) for kind in kinds)


# -- the tests -----------------------------------------------------------------------------------------------
def test_the_enriched_demo_has_every_case(demo: Enriched) -> None:
    """Exempt members absent and present, a mover studying in two chi bộ, attendees outside the Party."""
    conn = demo.services.db.conn
    absent_exempt = conn.execute(
        "SELECT count(*) FROM attendance WHERE status = 'absent_excused' AND person_id IN (?, ?)",
        demo.exempt).fetchone()[0]
    mover_orgs = conn.execute(
        "SELECT count(DISTINCT m.organization_id) FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE a.person_id = ? AND m.date LIKE ? AND m.kind IN (?, ?, ?, ?)",
        [demo.mover, f"{YEAR}-%", *DEFAULT_STUDY_KINDS]).fetchone()[0]
    kinds = {row[0] for row in conn.execute("SELECT DISTINCT membership_kind FROM attendance")}
    assert absent_exempt >= 4 and mover_orgs >= 2
    assert {"civil_servant", "worker", "party_official", "party_probationary"} <= kinds


@pytest.mark.parametrize("year", [YEAR, YEAR - 2, DEMO_TODAY.year, EMPTY_YEAR])
def test_study_figures_equal_the_count_from_the_rows(demo: Enriched, year: int) -> None:
    """Every organisation: overall and by kind, this year and last year, equal the oracle's."""
    services, conn = demo.services, demo.services.db.conn
    overview, study = OverviewService(services.context), StudyService(services.context)
    counted = 0
    for org in org_repo.all_organizations(services.db):
        scope = set(org_repo.descendant_ids(services.db, org.id))
        shown = overview.overview(org.id, year)
        for figures in (shown.current, shown.previous):
            rule, _ = study.rule_for(figures.year)
            overall, by_kind = _oracle(conn, scope, figures.year, rule)
            assert figures.participation.overall == overall, (org.name, figures.year)
            assert _figures(figures.participation.by_kind) == by_kind, (org.name, figures.year)
            counted += overall.persons_expected
    assert counted == 0 if year == EMPTY_YEAR else counted > 100  # and the comparison is not vacuous


def test_the_empty_year_shows_no_figures(demo: Enriched) -> None:
    """2015 and 2014: no study meeting, nobody expected, and the page says so instead of a 0% rate."""
    shown = OverviewService(demo.services.context).overview(org_repo.all_organizations(demo.services.db)[0].id,
                                                            EMPTY_YEAR)
    persons = shown.figure("participation.persons")
    assert (persons.text, persons.previous_text) == ("chưa có số liệu", "chưa có số liệu")
    assert shown.current.participation.by_kind == () == shown.previous.participation.by_kind
    assert shown.current.participation.meetings == 0 == shown.figure("meetings.total").value


def test_categories_are_counted_as_the_report_counts_them(demo: Enriched) -> None:
    """The bloc's YEAR by category (đảng viên together, công chức, người lao động) equals the oracle's."""
    services = demo.services
    root = org_repo.all_organizations(services.db)[0]
    participation = OverviewService(services.context).overview(root.id, YEAR).current.participation
    _, by_kind = _oracle(services.db.conn, set(org_repo.descendant_ids(services.db, root.id)), YEAR,
                         StudyService(services.context).rule_for(YEAR)[0])
    party = [tally for kind, tally in by_kind if kind.startswith("party_")]
    categories = dict(study_categories(participation))
    assert categories["đảng viên"].persons_expected == sum(t.persons_expected for t in party)
    assert categories["đảng viên"].attendances_present == sum(t.attendances_present for t in party)
    assert categories["công chức"] == dict(by_kind)["civil_servant"]
    assert categories["người lao động"] == dict(by_kind)["worker"]
