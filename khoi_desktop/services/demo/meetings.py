"""Rows for the demo's meetings: the meeting, its attendance, agenda, speeches, votes, talks, minutes.

Attendance is taken only from the roll of the day, as ``domain.attendance.place_on``
decides it: party members of the branch (of the whole base organisation for its study
conferences and seminars) who have joined and not yet left or died; at study meetings also
the staff outside the Party (công chức, viên chức, người lao động) working there that day.
Exempt members are listed apart by the app and get no attendance rows here.
"""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, MembershipKind, OrgKind
from khoi_desktop.domain.presets import DEFAULT_STUDY_KINDS
from khoi_desktop.services.demo.model import Org, Person, World, stamp
from khoi_desktop.services.demo.names import random_gender, random_name
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.services.demo.schedule import MeetingPlan, schedule
from khoi_desktop.services.demo.texts import (
    ABSENCE_REASONS,
    CONCLUSIONS,
    GUEST_TITLES,
    LATE_REASON,
    OPINIONS,
    QUALITY_BANDS,
    TALK_TOPICS,
    THEMATIC_OPINIONS,
    VOTE_SUBJECTS,
)
from khoi_desktop.services.demo.units import BLOC_NAME

PRESENT, LATE = AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value
EXCUSED, UNEXCUSED = AttendanceStatus.ABSENT_EXCUSED.value, AttendanceStatus.ABSENT_UNEXCUSED.value
OFFICIAL = MembershipKind.PARTY_OFFICIAL.value
# Cumulative chances: present ≈ 95.5%, late 1%, excused 3.2%, unexcused 0.3%.
_THRESHOLDS = (0.955, 0.965, 0.997)
_REASONS = tuple(reason for reason, _ in ABSENCE_REASONS)
_REASON_WEIGHTS = tuple(itertools.accumulate(weight for _, weight in ABSENCE_REASONS))
_OPINION_ITEM = {"regular": 2, "thematic": 2, "review": 2, "study": 3, "seminar": 2}


def meeting_rows(world: World, org: Org, rows: Rows) -> None:
    """Every meeting of one organisation, in date order (minutes are numbered in that order)."""
    rng = world.rng("meetings", org.id)
    officials = bloc_officials(world)
    for plan in schedule(world, org):
        _meeting(world, rng, org, plan, rows, officials)


def bloc_officials(world: World) -> list[str]:
    """Names of the bloc's propaganda officials who attend the study conferences."""
    rng = world.rng("bloc officials")
    return [random_name(rng, random_gender(rng)) for _ in GUEST_TITLES[:2]]


# The MEETING preset's default study kinds: their roll has everyone who studies.
_STUDY_KINDS = frozenset(DEFAULT_STUDY_KINDS)


def _roll(world: World, org: Org, plan: MeetingPlan) -> tuple[list[Person], list[Person]]:
    """Party members expected that day, and (at study meetings) the staff outside the Party.

    As ``domain.attendance.place_on`` decides it.
    """
    day = plan.day.isoformat()
    people = world.staff_of(org) if plan.base_level else world.by_org[org.id]
    party = [p for p in people if p.on_roll(day)]
    if plan.kind.value not in _STUDY_KINDS:
        return party, []
    return party, [p for p in people if p.studies_outside_party(day)]


def _meeting(world: World, rng: random.Random, org: Org, plan: MeetingPlan, rows: Rows,
             officials: list[str]) -> None:
    roll, outside = _roll(world, org, plan)
    if len(roll) < 2:
        return  # a branch without members that month does not meet
    chair, secretary = _officers(world, org, plan, roll)
    meeting_id = world.next_id("meetings")
    marks = _attendance(rng, plan, roll, {chair.id, secretary.id})
    marks += _away_all_year(world, plan, outside) + _attendance(
        world.rng("outside", meeting_id), plan, [p for p in outside if not _away(world, p, plan)], set(), party=False)
    points = rng.randint(82, 98) if not plan.base_level else None
    rating = next(label for floor, label in QUALITY_BANDS if points >= floor) if points else ""
    outcome = ("NQ", f"Nghị quyết chi bộ tháng {plan.day.month}/{plan.day.year}") \
        if plan.kind is MeetingKind.REGULAR else ("", "")
    created = stamp(plan.day, "17:00")
    rows.add("meetings", (
        meeting_id, org.id, plan.kind.value, plan.title, plan.day.isoformat(), plan.start, plan.end,
        plan.place, chair.id, chair.full_name, secretary.id, secretary.full_name, rating, points,
        *outcome, "", created, created,
    ))
    rows.extend("attendance", [(meeting_id, p.id, status, kind, reason) for p, status, kind, reason in marks])
    present = [p for p, status, _kind, _reason in marks if status in (PRESENT, LATE) and p is not chair]
    _agenda(world, rng, rows, meeting_id, plan, present)
    _vote(world, rows, meeting_id, plan, marks)
    _talks(world, rng, rows, meeting_id, plan, present, marks)
    _guests(world, rng, rows, meeting_id, org, plan, officials)
    _documents(world, rows, meeting_id, org, plan)


def _officers(world: World, org: Org, plan: MeetingPlan, roll: list[Person]) -> tuple[Person, Person]:
    """The chair is the secretary (bí thư) of the term; the note-taker another committee member."""
    day = plan.day.isoformat()
    posts = world.posts_on(org, plan.day)
    committee = [p for p in (posts.committee if posts else []) if p.on_roll(day)]
    fallback = [p for p in roll if p.on_roll(day)] or roll
    chair = committee[0] if committee else fallback[0]
    others = [p for p in committee[1:] + fallback if p is not chair] or [p for p in roll if p is not chair]
    return chair, others[0]


# Share of staff outside the Party away from study for a whole year (long training, maternity leave):
# real agencies report "96,5%" of people taking part, not 100%.
_AWAY_SHARE = 0.04
_AWAY_REASONS = ("Đi học dài hạn", "Nghỉ thai sản", "Điều trị bệnh dài ngày")


def _away(world: World, person: Person, plan: MeetingPlan) -> str:
    """The reason this person is away from every study meeting of the year, or ''."""
    rng = world.rng("away", person.id, plan.day.year)
    return rng.choice(_AWAY_REASONS) if rng.random() < _AWAY_SHARE else ""


def _away_all_year(world: World, plan: MeetingPlan, outside: list[Person]) -> list[tuple[Person, str, str, str]]:
    day = plan.day.isoformat()
    return [(p, EXCUSED, p.employment.value, reason) for p in outside
            if (reason := _away(world, p, plan)) and p.studies_outside_party(day)]


def _attendance(rng: random.Random, plan: MeetingPlan, roll: list[Person], officers: set[int],
                party: bool = True) -> list[tuple[Person, str, str, str]]:
    day = plan.day.isoformat()
    marks = []
    for person in roll:
        kind = person.party_kind(day) if party else person.employment.value
        draw = rng.random()
        if draw < _THRESHOLDS[0] or person.id in officers:
            marks.append((person, PRESENT, kind, ""))
        elif draw < _THRESHOLDS[1]:
            marks.append((person, LATE, kind, LATE_REASON))
        elif draw < _THRESHOLDS[2]:
            reason = rng.choices(_REASONS, cum_weights=_REASON_WEIGHTS)[0]
            marks.append((person, EXCUSED, kind, reason))
        else:
            marks.append((person, UNEXCUSED, kind, ""))
    return marks


def _agenda(world: World, rng: random.Random, rows: Rows, meeting_id: int, plan: MeetingPlan,
            present: list[Person]) -> None:
    kind = plan.kind.value
    conclusions = CONCLUSIONS.get(kind, {})
    opinions = THEMATIC_OPINIONS if plan.kind in (MeetingKind.THEMATIC, MeetingKind.SEMINAR) else OPINIONS
    for position, title in enumerate(plan.agenda, start=1):
        item_id = world.next_id("agenda_items")
        conclusion = conclusions.get(position, "").format(month=plan.day.month, year=plan.day.year)
        rows.add("agenda_items", (item_id, meeting_id, position, title, conclusion))
        if position != _OPINION_ITEM.get(kind) or not present:
            continue
        speakers = rng.sample(present, min(len(present), rng.randint(2, 3)))
        for order, speaker in enumerate(speakers, start=1):
            rows.add("speeches", (world.next_id("speeches"), item_id, order, speaker.id, speaker.full_name,
                                  rng.choice(opinions)))


def _vote(world: World, rows: Rows, meeting_id: int, plan: MeetingPlan,
          marks: list[tuple[Person, str, str, str]]) -> None:
    subject = VOTE_SUBJECTS.get(plan.kind.value)
    if subject is None:
        return
    # The vote base of domain.attendance.vote_base: official members present; all agree.
    voters = sum(1 for _p, status, kind, _r in marks if kind == OFFICIAL and status in (PRESENT, LATE))
    text = subject.format(month=plan.day.month, year=plan.day.year)
    rows.add("votes", (world.next_id("votes"), meeting_id, text, voters, voters, 0, 0, ""))


def _talks(world: World, rng: random.Random, rows: Rows, meeting_id: int, plan: MeetingPlan,
           present: list[Person], marks: list[tuple[Person, str, str, str]]) -> None:
    """Members assigned two weeks ahead to speak at thematic meetings and seminars."""
    count = {MeetingKind.THEMATIC: rng.randint(1, 2), MeetingKind.SEMINAR: 3}.get(plan.kind, 0)
    party = [p for p, _status, kind, _r in marks if kind.startswith("party")]
    present_ids = {p.id for p in present}
    assigned_on = (plan.day - timedelta(days=14)).isoformat()
    for speaker in rng.sample(party, min(count, len(party))):
        delivered = speaker.id in present_ids
        note = "" if delivered else "Vắng; chuyển sang kỳ sau"
        rows.add("talks", (world.next_id("talks"), meeting_id, speaker.id, rng.choice(TALK_TOPICS),
                           assigned_on, int(delivered), note))


def _guests(world: World, rng: random.Random, rows: Rows, meeting_id: int, org: Org, plan: MeetingPlan,
            officials: list[str]) -> None:
    if plan.kind is MeetingKind.STUDY:
        index = rng.randrange(len(officials))
        rows.add("meeting_guests", (world.next_id("meeting_guests"), meeting_id, officials[index],
                                    GUEST_TITLES[index], BLOC_NAME))
        return
    if org.kind is not OrgKind.SUB_BRANCH or plan.kind is not MeetingKind.REGULAR or rng.random() > 0.08:
        return
    parent = world.org(org.parent_id)
    posts = world.posts_on(parent, plan.day)
    visitors = [p for p in (posts.committee if posts else []) if p.org_id != org.id]
    if visitors:
        rows.add("meeting_guests", (world.next_id("meeting_guests"), meeting_id, rng.choice(visitors).full_name,
                                    GUEST_TITLES[2], parent.name))


def _documents(world: World, rows: Rows, meeting_id: int, org: Org, plan: MeetingPlan) -> None:
    """Minutes (BB) for every meeting, a resolution (NQ) for regular ones, numbered per term."""
    term = org.term_on(plan.day)
    titles = [("BB", f"Biên bản {plan.title[0].lower()}{plan.title[1:]}")]
    if plan.kind is MeetingKind.REGULAR:
        titles.append(("NQ", f"Nghị quyết chi bộ tháng {plan.day.month}/{plan.day.year}"))
    for code, title in titles:
        number = world.next_id(f"document number {org.id} {term.id} {code}")
        rows.add("documents", (world.next_id("documents"), org.id, term.id, code, number, plan.day.isoformat(),
                               title, "meeting", meeting_id, stamp(plan.day, "17:00")))
