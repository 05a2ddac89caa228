"""Rows for inspections and supervisions, outreach (propaganda) and exemplars."""

from __future__ import annotations

import random
from datetime import date, timedelta

from khoi_desktop.domain.enums import InspectionKind, InspectionStep, OrgKind
from khoi_desktop.services.demo.model import (
    DEMO_START,
    DEMO_TODAY,
    YEARS,
    Org,
    Person,
    World,
    random_day,
    stamp,
    working_day,
)
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.services.demo.texts_year import (
    COLLECTIVE_ACHIEVEMENT,
    COMMENDATIONS,
    CONTRIBUTOR_ROLES,
    EXEMPLAR_ACHIEVEMENTS,
    INSPECTION_CONCLUSIONS,
    INSPECTION_SUBJECTS,
    OUTREACH_ITEMS,
    STEP_CODES,
)
from khoi_desktop.services.demo.units import BLOC_COMMITTEE, BLOC_INSPECTION_COMMISSION, BLOC_SHORT

_STEP_GAPS = {  # days after the previous step
    InspectionStep.NOTICE: (7, 20), InspectionStep.SELF_REPORT: (10, 25), InspectionStep.FINDINGS: (10, 20),
    InspectionStep.CONCLUSION: (5, 15),
}
BLOC_INSPECTIONS_PER_YEAR = (18, 22)
# Subjects on the year's theme (Chỉ thị 05-CT/TW, nêu gương): counted apart in the year-end report.
_THEME_WORDS = ("05-CT/TW", "nêu gương", "chủ đề năm")


def bloc_inspection_rows(world: World, rows: Rows) -> None:
    """About twenty a year by the bloc's standing committee and inspection commission (unit: a few)."""
    targets = world.base_orgs()
    for year in YEARS:
        rng = world.rng("bloc inspections", year)
        count = rng.randint(*BLOC_INSPECTIONS_PER_YEAR) if world.scale == "bloc" else int(year % 2 == 1)
        for _ in range(count):
            commission = rng.random() < 0.6
            conductor = BLOC_INSPECTION_COMMISSION if commission else BLOC_COMMITTEE
            kinds = (InspectionKind.INSPECTION, InspectionKind.THEMATIC_SUPERVISION) if commission else \
                (InspectionKind.SUPERVISION, InspectionKind.THEMATIC_SUPERVISION)
            chosen = rng.sample(targets, min(len(targets), 1 if rng.random() < 0.8 else 2))
            code = "UBKTĐUK" if commission else "ĐUK"
            _inspection(world, rng, rows, year, world.root, conductor, rng.choice(kinds), chosen, code)


def base_inspection_rows(world: World, base: Org, rows: Rows) -> None:
    """Each đảng bộ cơ sở inspects one of its branches a year."""
    if base.kind is not OrgKind.BASE_COMMITTEE:
        return
    for year in YEARS:
        rng = world.rng("base inspections", base.id, year)
        target = world.org(rng.choice(base.children))
        kind = rng.choice((InspectionKind.INSPECTION, InspectionKind.SUPERVISION))
        _inspection(world, rng, rows, year, base, "Ủy ban Kiểm tra Đảng ủy", kind, [target], "UBKTĐU")


def _inspection(world: World, rng: random.Random, rows: Rows, year: int, conducting: Org, conductor: str,
                kind: InspectionKind, targets: list[Org], code: str) -> None:
    planned = date(year, rng.randint(2, 9), rng.randint(1, 28))
    if planned > DEMO_TODAY:
        return
    steps = [(InspectionStep.PLAN, planned)]
    for step, (low, high) in _STEP_GAPS.items():
        day = working_day(steps[-1][1] + timedelta(days=rng.randint(low, high)))
        if day > DEMO_TODAY:
            break  # still in progress at the demo's today
        steps.append((step, day))
    inspection_id = world.next_id("inspections")
    finished = steps[-1][0] is InspectionStep.CONCLUSION
    start = steps[1][1].isoformat() if len(steps) > 1 else None
    subject = rng.choice(INSPECTION_SUBJECTS[kind.value]).format(year=year)
    rows.add("inspections", (
        inspection_id, year, conducting.id, conductor, kind.value, subject, start,
        steps[-1][1].isoformat() if finished else None, steps[-1][0].value,
        rng.choice(INSPECTION_CONCLUSIONS) if finished else "", stamp(planned), stamp(steps[-1][1]),
        int(any(word in subject for word in _THEME_WORDS)),
    ))
    for target in targets:
        rows.add("inspection_targets", (inspection_id, target.id))
    for step, day in steps:
        number = f"{rng.randint(1, 120):02d}-{STEP_CODES[step.value]}/{code}"
        rows.add("inspection_steps", (world.next_id("inspection_steps"), inspection_id, step.value,
                                      day.isoformat(), number, ""))


# ---------------------------------------------------------------------------
# Outreach and exemplars


def _party_staff(world: World, org: Org, day: date) -> list[Person]:
    iso = day.isoformat()
    return [p for p in world.staff_of(org) if p.on_roll(iso)]


def outreach_rows(world: World, org: Org, rows: Rows) -> None:
    """News, broadcasts, web posts and conferences, a few each year, with their authors."""
    agency = org.agency.name if org.agency else BLOC_SHORT
    for year in YEARS:
        rng = world.rng("outreach", org.id, year)
        for outlet, kind, title in rng.sample(OUTREACH_ITEMS, rng.randint(2, 5)):
            day = random_day(rng, date(year, 1, 15), min(date(year, 12, 20), DEMO_TODAY))
            staff = _party_staff(world, org, day)
            authors = ", ".join(p.full_name for p in rng.sample(staff, min(len(staff), rng.randint(1, 2))))
            count = rng.randint(8, 30) if outlet == "website" else 1
            rows.add("outreach", (world.next_id("outreach"), org.id, year, outlet, kind,
                                  title.format(agency=agency, year=year), day.isoformat(), count, authors, ""))
    rng = world.rng("contributors", org.id)
    staff = [p for p in world.staff_of(org) if p.is_party and p.is_stable]
    for person in rng.sample(staff, min(len(staff), 2)):
        role = rng.choice(CONTRIBUTOR_ROLES)
        outlet = "newspaper" if "Báo" in role else "radio_tv" if "Đài" in role else "website"
        since = random_day(rng, max(person.joined_on, DEMO_START), date(YEARS[-1] - 1, 12, 31))
        rows.add("outreach_contributors", (world.next_id("outreach_contributors"), org.id, person.id,
                                           person.full_name, role, outlet, since.isoformat()))


def exemplar_rows(world: World, base: Org, rows: Rows) -> None:
    """Commendations on 19 May each year: one to three members, sometimes a whole branch."""
    for year in YEARS:
        rng = world.rng("exemplars", base.id, year)
        day = working_day(date(year, 5, rng.randint(12, 19)))
        if day > DEMO_TODAY:
            continue
        # One decision of the bloc (giấy khen) and one of the province (bằng khen) each year.
        decisions = {"Giấy khen": ("Ban Thường vụ Đảng ủy Khối", f"{rng.randint(150, 400)}-QĐ/ĐUK"),
                     "Bằng khen": ("Ủy ban nhân dân tỉnh", f"{rng.randint(800, 1500)}/QĐ-UBND")}
        staff = _party_staff(world, base, day)
        for person in rng.sample(staff, min(len(staff), rng.randint(1, 3))):
            _exemplar(world, rng, rows, base, year, person, person.full_name, day, decisions)
        if base.children and rng.random() < 0.3:
            branch = world.org(rng.choice(base.children))
            _exemplar(world, rng, rows, base, year, None, branch.name, day, decisions)


def _exemplar(world: World, rng: random.Random, rows: Rows, base: Org, year: int, person: Person | None,
              name: str, day: date, decisions: dict[str, tuple[str, str]]) -> None:
    commendation = rng.choices([c for c, _ in COMMENDATIONS], weights=[w for _, w in COMMENDATIONS])[0]
    issuer, decision = decisions[commendation]
    achievement = COLLECTIVE_ACHIEVEMENT if person is None else rng.choice(EXEMPLAR_ACHIEVEMENTS)
    rows.add("exemplars", (
        world.next_id("exemplars"), base.id, year, person.id if person else None, int(person is None), name,
        achievement.format(year=year), commendation, issuer, decision, day.isoformat(),
    ))
