"""Rows for each year's registrations (bản đăng ký) and assessments (kiểm điểm, xếp loại).

Registrations use the categories of the registration preset in force on the day they are
signed; assessments use the assessment preset in force on the day they are decided, so
points appear from the 2025 round (QĐ 366) on.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from khoi_desktop.domain.enums import CommitmentResult, OrgKind, RatingLevel
from khoi_desktop.domain.presets import ASSESSMENT, DEFAULT_PRESETS, REGISTRATION, preset_in_force
from khoi_desktop.services.demo.model import (
    DEMO_TODAY,
    YEARS,
    Org,
    Person,
    World,
    add_months,
    stamp,
    working_day,
)
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.services.demo.texts_year import (
    COLLECTIVE_ITEMS,
    COMMITMENT_ITEMS,
    DEADLINES,
    EVIDENCE,
    NOT_RATED_EXEMPT,
    NOT_RATED_NEW,
    SECTION_TEXTS,
)

_PRESETS = list(DEFAULT_PRESETS)
_RESULTS = (CommitmentResult.DONE, CommitmentResult.EXCEEDED, CommitmentResult.PARTLY, CommitmentResult.NOT_DONE)
_RESULT_WEIGHTS = (80, 12, 7, 1)
_POINTS = {RatingLevel.EXCELLENT: (90, 98), RatingLevel.GOOD: (72, 89), RatingLevel.COMPLETED: (55, 69),
           RatingLevel.NOT_COMPLETED: (40, 49)}
# Self-review texts are written for the latest round only: enough to show, and keeps the bloc fast.
SECTIONS_YEAR = DEMO_TODAY.year - 1


def yearly_rows(world: World, base: Org, rows: Rows) -> None:
    """Registrations and assessments of one base organisation and its branches, every year."""
    branches = [world.org(i) for i in base.children] or [base]
    for year in YEARS:
        for branch in branches:
            rng = world.rng("yearly", branch.id, year)
            _commitments(world, rng, rows, branch, year)
            _assessments(world, rng, rows, branch, year)
        if base.kind is OrgKind.BASE_COMMITTEE:
            _collective_assessment(world, world.rng("yearly", base.id, year), rows, base, year)


def _secretary_name(world: World, org: Org, day: date) -> str:
    posts = world.posts_on(org, day)
    title = "Bí thư Chi bộ" if org.holds_branch_meetings else "Bí thư Đảng ủy"
    return f"{posts.secretary.full_name}, {title}" if posts else ""


def _commitments(world: World, rng: random.Random, rows: Rows, org: Org, year: int) -> None:
    signed = working_day(date(year, 3, 22) + timedelta(days=rng.randint(0, 14)))
    if signed > DEMO_TODAY:
        return
    preset = preset_in_force(_PRESETS, REGISTRATION, signed)
    assert preset is not None
    categories: list[str] = preset.data["categories"]
    confirmed = working_day(signed + timedelta(days=rng.randint(5, 15)))
    confirmer = _secretary_name(world, org, signed)
    year_done = date(year, 12, 20) <= DEMO_TODAY
    day = signed.isoformat()
    for person in [p for p in world.by_org[org.id] if p.on_roll(day)]:
        commitment_id = _commitment_row(world, rows, org, year, person, signed, confirmed, confirmer)
        stays = person.on_roll(date(year, 12, 20).isoformat())
        for position, category in enumerate(categories, start=1):
            content, product = rng.choice(COMMITMENT_ITEMS[(position - 1) % len(COMMITMENT_ITEMS)])
            _item_row(world, rng, rows, commitment_id, position, category, content, product, year,
                      year_done and stays)
    commitment_id = _commitment_row(world, rows, org, year, None, signed, confirmed, confirmer)
    for position, (content, product) in enumerate(rng.sample(COLLECTIVE_ITEMS, 3), start=1):
        category = categories[(position - 1) % len(categories)]
        _item_row(world, rng, rows, commitment_id, position, category, content, product, year, year_done)


def _commitment_row(world: World, rows: Rows, org: Org, year: int, person: Person | None, signed: date,
                    confirmed: date, confirmer: str) -> int:
    commitment_id = world.next_id("commitments")
    created = stamp(signed, "09:00")
    rows.add("commitments", (
        commitment_id, year, org.id, person.id if person else None, int(person is None), signed.isoformat(),
        confirmed.isoformat(), confirmer, "", created, created,
    ))
    return commitment_id


def _item_row(world: World, rng: random.Random, rows: Rows, commitment_id: int, position: int,
              category: str, content: str, product: str, year: int, marked: bool) -> None:
    """One item; self-marked with evidence once the year is over."""
    result = rng.choices(_RESULTS, weights=_RESULT_WEIGHTS)[0].value if marked else ""
    rows.add("commitment_items", (
        world.next_id("commitment_items"), commitment_id, position, category, content, product,
        rng.choice(DEADLINES).format(year=year), result, rng.choice(EVIDENCE) if marked else "",
    ))


# ---------------------------------------------------------------------------
# Assessments


def _decided_on(rng: random.Random, year: int) -> date:
    return working_day(date(year, 12, 26) + timedelta(days=rng.randint(0, 3)))


def _assessments(world: World, rng: random.Random, rows: Rows, org: Org, year: int) -> None:
    decided = _decided_on(rng, year)
    if decided > DEMO_TODAY:
        return  # the round of the current year has not happened yet
    preset = preset_in_force(_PRESETS, ASSESSMENT, decided)
    assert preset is not None
    day = decided.isoformat()
    six_months_before_end = add_months(date(year, 12, 31), -preset.data["min_months_since_admission"])
    rated, skipped = [], []
    for person in world.by_org[org.id]:
        if person.on_roll(day):
            too_new = person.admission is not None and person.admission > six_months_before_end
            (skipped if too_new else rated).append(person)
        elif person.exempt_from and person.exempt_from <= decided and person.roll_from <= day \
                and (person.left_on is None or person.left_on > decided):
            _assessment_row(world, rows, org, year, person, None, decided, reason=NOT_RATED_EXEMPT)
    for person in skipped:
        _assessment_row(world, rows, org, year, person, None, decided, reason=NOT_RATED_NEW)
    levels = _levels(rng, len(rated), preset.data["excellent_quota_of_good"])
    sections = year == SECTIONS_YEAR
    for person, level in zip(rated, levels, strict=True):
        points = rng.randint(*_POINTS[level]) if preset.data["uses_points"] else None
        self_level = RatingLevel.EXCELLENT if level is RatingLevel.GOOD and rng.random() < 0.1 else level
        assessment_id = _assessment_row(world, rows, org, year, person, (level, self_level, points), decided)
        if sections:
            _section_rows(rows, assessment_id, level, preset.data["self_review_sections"])
    _collective_assessment(world, rng, rows, org, year)


def _levels(rng: random.Random, count: int, quota: float) -> list[RatingLevel]:
    """Mostly 'good'; 'excellent' kept within the quota of the 'good' count of the branch."""
    draws = rng.choices(list(_POINTS), weights=(15, 77, 7, 1), k=count)
    good = draws.count(RatingLevel.GOOD)
    allowed = math.floor(quota * good)
    result = []
    for drawn in draws:
        if drawn is RatingLevel.EXCELLENT:
            result.append(RatingLevel.EXCELLENT if allowed > 0 else RatingLevel.GOOD)
            allowed -= 1
        else:
            result.append(drawn)
    return result


def _assessment_row(world: World, rows: Rows, org: Org, year: int, person: Person | None,
                    levels: tuple[RatingLevel, RatingLevel, int | None] | None, decided: date,
                    reason: str = "") -> int:
    assessment_id = world.next_id("assessments")
    level, self_level, points = levels if levels else (None, None, None)
    created = stamp(decided, "16:00")
    rows.add("assessments", (
        assessment_id, year, org.id, person.id if person else None, int(person is None),
        float(points) if points is not None else None, self_level.value if self_level else "",
        level.value if level else "", level.value if level else "", reason, decided.isoformat(), "",
        created, created,
    ))
    return assessment_id


def _section_rows(rows: Rows, assessment_id: int, level: RatingLevel, sections: list[list[str]]) -> None:
    strong = level in (RatingLevel.EXCELLENT, RatingLevel.GOOD)
    for code, _title in sections:
        texts = SECTION_TEXTS.get(code, ("",))
        rows.add("assessment_sections", (assessment_id, code, texts[0] if strong else texts[-1]))


def _collective_assessment(world: World, rng: random.Random, rows: Rows, org: Org, year: int) -> None:
    decided = _decided_on(rng, year)
    if decided > DEMO_TODAY:
        return
    preset = preset_in_force(_PRESETS, ASSESSMENT, decided)
    assert preset is not None
    level = rng.choices((RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.COMPLETED), weights=(20, 75, 5))[0]
    points = rng.randint(*_POINTS[level]) if preset.data["uses_points"] else None
    _assessment_row(world, rows, org, year, None, (level, level, points), decided)
