"""Rows for people: the person, dated memberships, positions and status history."""

from __future__ import annotations

import random
from datetime import date, timedelta

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.domain.vntext import ascii_name, search_key, sort_key, split_name
from khoi_desktop.services.demo.model import DEMO_START, DEMO_TODAY, Person, World, add_years, stamp
from khoi_desktop.services.demo.posts import party_post_rows
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.services.demo.units import (
    EDUCATION,
    HOMETOWNS,
    LEADER_EDUCATION,
    THEORY,
    UNIT_HEAD_THEORY,
    WORKER_EDUCATION,
)

YOUTH_SHARE = 0.85  # of those young enough, how many are in the Youth Union
UNION_SHARE = 0.95  # trade-union members (hội viên công đoàn)


def people_rows(world: World, rows: Rows) -> None:
    for person in world.people:
        rng = world.rng("details", person.id)
        rows.add("people", _person_row(rng, person))
        for kind, start, end, note in _memberships(rng, person):
            rows.add("memberships", (world.next_id("memberships"), person.id, person.org_id, kind.value,
                                     _iso(start), _iso(end), note))
        rows.add("positions", (world.next_id("positions"), person.id, person.org_id, person.job_title, 0,
                               person.joined_on.isoformat(), _iso(person.left_on)))
        _status_rows(world, rows, person)
    for row in party_post_rows(world):
        rows.add("positions", (world.next_id("positions"), *row))


def _person_row(rng: random.Random, person: Person) -> tuple:
    status = person.changes[-1][0].value if person.changes else PersonStatus.ACTIVE.value
    created = stamp(max(person.joined_on, DEMO_START))
    note = person.changes[-1][4] if person.changes else ""
    return (
        person.id, person.org_id, person.full_name, search_key(person.full_name), sort_key(person.full_name),
        person.birth.isoformat(), person.birth.year, person.gender.value,
        "Kinh" if rng.random() < 0.97 else "Mường", _religion(rng), _pick(rng, HOMETOWNS),
        f"09{rng.randrange(10**8):08d}", _email(rng, person), _education(rng, person), _theory(rng, person),
        person.job_title, person.card, f"{rng.randrange(10**10):010d}" if person.card else "",
        _iso(person.admission), _iso(person.official), status, note, None, created, created,
    )


def _pick(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in table], weights=[weight for _, weight in table])[0]


def _religion(rng: random.Random) -> str:
    roll = rng.random()
    # Kim Sơn and Phát Diệm make Ninh Bình one of the most Catholic provinces of the North.
    return "Không" if roll < 0.93 else "Công giáo" if roll < 0.99 else "Phật giáo"


def _email(rng: random.Random, person: Person) -> str:
    if rng.random() < 0.35:
        return ""
    family, middle, given = split_name(person.full_name)
    initials = "".join(word[0] for word in ascii_name(f"{family} {middle}", " ").split())
    return f"{ascii_name(given, '')}{initials}@ninhbinh.gov.vn".lower()


def _education(rng: random.Random, person: Person) -> str:
    if person.employment is MembershipKind.WORKER:
        return _pick(rng, WORKER_EDUCATION)
    return _pick(rng, LEADER_EDUCATION if person.rank < 9 else EDUCATION)


def _theory(rng: random.Random, person: Person) -> str:
    if not person.is_party:
        return ""
    if person.rank < 2:
        return "Cao cấp"
    if person.rank < 9:
        return _pick(rng, UNIT_HEAD_THEORY)
    return "Sơ cấp" if person.employment is MembershipKind.WORKER else _pick(rng, THEORY)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _memberships(rng: random.Random, person: Person) -> list[tuple[MembershipKind, date, date | None, str]]:
    """Employment, party (probationary, then official), Youth Union while under 30, trade union."""
    gone = person.left_on
    result = [(person.employment, person.joined_on, gone, "")]
    result += _party_memberships(person)
    youth_end = add_years(person.birth, 30) - timedelta(days=1)
    youth_start = max(person.joined_on, add_years(person.birth, 18))
    if youth_start < youth_end and youth_end >= DEMO_START and rng.random() < YOUTH_SHARE:
        ends = [day for day in (youth_end if youth_end <= DEMO_TODAY else None, gone) if day]
        result.append((MembershipKind.YOUTH_UNION, youth_start, min(ends) if ends else None, ""))
    if rng.random() < UNION_SHARE:
        result.append((MembershipKind.ASSOCIATION, person.joined_on, gone, "Công đoàn cơ sở"))
    return result


def _party_memberships(person: Person) -> list[tuple[MembershipKind, date, date | None, str]]:
    if person.admission is None:
        return []
    start = max(person.admission, person.joined_on)
    arrived = person.joined_on > person.admission
    note = person.changes[0][4] if arrived and person.changes else ""
    if person.official is None:
        return [(MembershipKind.PARTY_PROBATIONARY, start, person.left_on, note)]
    result = []
    if start < person.official:
        result.append((MembershipKind.PARTY_PROBATIONARY, start, person.official - timedelta(days=1), note))
        note = ""
    result.append((MembershipKind.PARTY_OFFICIAL, max(start, person.official), person.left_on, note))
    return result


def _status_rows(world: World, rows: Rows, person: Person) -> None:
    """The history the people service would have written: a first row from the day the person
    joined (the attendance roll treats days before it as "not here"), then each change."""
    history = list(person.changes)
    if not history or history[0][0] is not PersonStatus.TRANSFERRED_IN:
        history.insert(0, (PersonStatus.ACTIVE, person.joined_on, "", "", ""))
    for index, (status, day, other, decision, note) in enumerate(history):
        following = history[index + 1][1] if index + 1 < len(history) else None
        rows.add("status_history", (
            world.next_id("status_history"), person.id, person.org_id, status.value, day.isoformat(),
            _iso(following), other, decision, note,
        ))
