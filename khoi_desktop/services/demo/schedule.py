"""When each demo organisation meets: dates, times, titles and agendas, in date order."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.services.demo.model import DEMO_START, DEMO_TODAY, YEARS, Org, World, working_day
from khoi_desktop.services.demo.texts import (
    BLOC_THEMES,
    REGULAR_AGENDA,
    REVIEW_AGENDA,
    SEMINAR_AGENDA,
    STUDY_AGENDA,
    STUDY_SUBJECTS,
    THEMATIC_AGENDA,
    THEMATIC_TOPICS,
)
from khoi_desktop.services.demo.units import HALL

# CT 50-CT/TW: branch meetings last at least 90 minutes from this day on.
LONGER_MEETINGS_FROM = date(2025, 7, 23)
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class MeetingPlan:
    day: date
    kind: MeetingKind
    title: str
    start: str
    end: str
    place: str
    agenda: tuple[str, ...]
    topic: str = ""

    @property
    def base_level(self) -> bool:
        """Conferences of the whole base organisation rather than one branch."""
        return self.kind in (MeetingKind.STUDY, MeetingKind.SEMINAR)


def schedule(world: World, org: Org) -> list[MeetingPlan]:
    """All meetings of one organisation from 2016 to the demo's today, oldest first."""
    rng = world.rng("schedule", org.id)
    plans: list[MeetingPlan] = []
    if org.holds_branch_meetings:
        plans += _branch_meetings(rng, org)
    if org.is_base:
        plans += _base_conferences(rng, org)
    return sorted((p for p in plans if DEMO_START <= p.day <= DEMO_TODAY), key=lambda p: (p.day, p.start))


def _branch_meetings(rng: random.Random, org: Org) -> list[MeetingPlan]:
    usual_day = rng.randint(3, 9)
    usual_start = rng.choice(("14:00", "14:00", "14:00", "15:00", "08:00"))
    plans = []
    for year in YEARS:
        for month in range(1, 13):
            day = working_day(date(year, month, usual_day + rng.randint(-1, 2)))
            plans.append(_regular(rng, org, day, usual_start))
            if month in (3, 6, 9):
                plans.append(_thematic(rng, org, working_day(day + timedelta(days=rng.randint(7, 14)))))
            elif month == 12:
                plans.append(_review(rng, org, working_day(date(year, 12, rng.randint(15, 24)))))
    return plans


def _minutes(rng: random.Random, day: date, choices_before: tuple[int, ...]) -> int:
    if day >= LONGER_MEETINGS_FROM:
        return rng.choice((90, 105, 120, 120))
    return rng.choice(choices_before)


def _end(start: str, minutes: int) -> str:
    hours, mins = map(int, start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def _regular(rng: random.Random, org: Org, day: date, start: str) -> MeetingPlan:
    following = f"{day.month % 12 + 1}/{day.year + (day.month == 12)}"
    agenda = tuple(item.format(month=day.month, year=day.year, next_month=following) for item in REGULAR_AGENDA)
    return MeetingPlan(
        day, MeetingKind.REGULAR, f"Sinh hoạt chi bộ thường kỳ tháng {day.month}/{day.year}", start,
        _end(start, _minutes(rng, day, (60, 75, 90, 90, 105, 120))), org.place, agenda,
    )


def _thematic(rng: random.Random, org: Org, day: date) -> MeetingPlan:
    topic = THEMATIC_TOPICS[(day.year * 4 + day.month // 3 + org.id) % len(THEMATIC_TOPICS)]
    quarter = _ROMAN[(day.month - 1) // 3]
    return MeetingPlan(
        day, MeetingKind.THEMATIC, f"Sinh hoạt chuyên đề quý {quarter}/{day.year}: {topic}", "14:00",
        _end("14:00", _minutes(rng, day, (90, 90, 120))), org.place,
        tuple(item.format(topic=topic) for item in THEMATIC_AGENDA), topic,
    )


def _review(rng: random.Random, org: Org, day: date) -> MeetingPlan:
    return MeetingPlan(
        day, MeetingKind.REVIEW, f"Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {day.year}", "14:00",
        _end("14:00", rng.choice((150, 180))), org.place,
        tuple(item.format(year=day.year) for item in REVIEW_AGENDA),
    )


def _base_conferences(rng: random.Random, org: Org) -> list[MeetingPlan]:
    """Two study conferences a year and a seminar on the bloc's theme around 19 May."""
    assert org.agency is not None
    hall = HALL.format(short=org.agency.short)
    plans = []
    for year in YEARS:
        for subject, month in zip(STUDY_SUBJECTS[year], (3, 9), strict=True):
            day = working_day(date(year, month, rng.randint(1, 20)))
            agenda = tuple(item.format(subject=subject) for item in STUDY_AGENDA)
            plans.append(MeetingPlan(day, MeetingKind.STUDY, f"Hội nghị học tập, quán triệt {subject}",
                                     "07:30", "11:00", hall, agenda, subject))
        theme = BLOC_THEMES[year]
        day = working_day(date(year, 5, rng.randint(8, 18)))
        agenda = tuple(item.format(theme=theme) for item in SEMINAR_AGENDA)
        plans.append(MeetingPlan(day, MeetingKind.SEMINAR, f"Tọa đàm “{theme}”", "08:00", "11:00", hall,
                                 agenda, theme))
    return plans
