"""The demo's organisation tree, its terms and year plans."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.vntext import search_key
from khoi_desktop.services.demo.model import DEMO_START, TERMS, YEARS, Org, Term, World, stamp
from khoi_desktop.services.demo.rows import Rows
from khoi_desktop.services.demo.texts import BLOC_THEMES, TERM_THEMES
from khoi_desktop.services.demo.texts_year import PLAN_DOCUMENTS
from khoi_desktop.services.demo.units import (
    BASE_BRANCHES,
    BASE_COMMITTEES,
    BLOC_NAME,
    BLOC_SHORT,
    BLOC_SUPERIOR,
    PLACES,
    PROVINCE,
    UNIT_AGENCY,
    UNIT_SUBUNITS,
    Agency,
)

BLOC_FOCUS = "Đưa việc học tập và làm theo Bác thành việc làm thường xuyên của các tổ chức đảng trong Khối"
BLOC_PLACE = "Hội trường Đảng ủy Khối"
_DOC_CODES = {OrgKind.BLOC: "ĐUK", OrgKind.BASE_COMMITTEE: "ĐU", OrgKind.BASE_BRANCH: "CB",
              OrgKind.SUB_BRANCH: "CB"}


def build_orgs(world: World, people_total: int) -> None:
    """Fill ``world.orgs``: the bloc root, then each base organisation followed by its branches."""
    rng = world.rng("orgs")
    _add(world, None, BLOC_NAME, OrgKind.BLOC, None, "", BLOC_PLACE)
    if world.scale == "unit":
        agency = next(a for a in BASE_COMMITTEES if a.name == UNIT_AGENCY)
        plan: list[tuple[Agency, tuple[str, ...]]] = [(agency, UNIT_SUBUNITS)]
    else:
        plan = [(agency, agency.subunits) for agency in (*BASE_COMMITTEES, *BASE_BRANCHES)]
    for agency, subunits in plan:
        _add_agency(world, rng, agency, subunits)
    _share_people(world, rng, people_total)
    for org in world.orgs:
        org.terms = _terms(world, rng, org)


def _add(world: World, parent: Org | None, name: str, kind: OrgKind, agency: Agency | None,
         subunit: str, place: str) -> Org:
    org = Org(world.next_id("organizations"), parent.id if parent else None, name, kind, agency, subunit,
              _DOC_CODES[kind], place)
    world.orgs.append(org)
    if parent:
        parent.children.append(org.id)
    return org


def _add_agency(world: World, rng: random.Random, agency: Agency, subunits: tuple[str, ...]) -> None:
    place = rng.choice(PLACES).format(short=agency.short)
    if not subunits:
        _add(world, world.root, f"Chi bộ {agency.name}", OrgKind.BASE_BRANCH, agency, "", place)
        return
    base = _add(world, world.root, f"Đảng bộ {agency.name}", OrgKind.BASE_COMMITTEE, agency, "", place)
    first_room = rng.randrange(len(PLACES))
    for index, subunit in enumerate(subunits):  # each branch of one agency meets in its own room
        sub_place = PLACES[(first_room + index) % len(PLACES)].format(short=agency.short)
        _add(world, base, f"Chi bộ {subunit}", OrgKind.SUB_BRANCH, agency, subunit, sub_place)


def _share_people(world: World, rng: random.Random, total: int) -> None:
    """Split ``total`` people over the branches by agency weight (largest remainder)."""
    branches = world.branch_orgs()
    raw = []
    for org in branches:
        assert org.agency is not None
        siblings = len(world.org(org.parent_id).children) if org.kind is OrgKind.SUB_BRANCH else 1
        raw.append(org.agency.weight / siblings * (0.7 + 0.6 * rng.random()))
    scale = total / sum(raw)
    sizes = [int(value * scale) for value in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] * scale - sizes[i], reverse=True)
    for index in by_remainder[: total - sum(sizes)]:
        sizes[index] += 1
    for org, size in zip(branches, sizes, strict=True):
        org.size = size


def _terms(world: World, rng: random.Random, org: Org) -> list[Term]:
    """Three terms; branches hold congresses in spring, base organisations in June, the bloc in August."""
    month = {OrgKind.BLOC: 8, OrgKind.BASE_COMMITTEE: 6}.get(org.kind, 4)
    starts = [date(year, month, 1) + timedelta(days=rng.randint(5, 40)) for _name, year in TERMS]
    terms = []
    for index, (name, _year) in enumerate(TERMS):
        end = starts[index + 1] - timedelta(days=1) if index + 1 < len(starts) else None
        terms.append(Term(world.next_id("terms"), name, starts[index], end))
    return terms


FOUNDING_FROM = date(1976, 1, 1)  # the bloc is founded a few years after; each organisation after its superior


def org_rows(world: World, rows: Rows) -> None:
    created = stamp(DEMO_START)
    rng = world.rng("uuids")  # the same seed gives the same identities
    founded = _founding_dates(world)
    for index, org in enumerate(world.orgs):
        parent = world.org(org.parent_id) if org.parent_id else None
        short = org.subunit or (org.agency.name if org.agency else BLOC_SHORT)
        rows.add("organizations", (
            org.id, org.parent_id, org.name, short, org.kind.value, org.agency.name if org.agency else "",
            org.doc_code, PROVINCE, parent.name if parent else BLOC_SUPERIOR, index, search_key(org.name),
            None, created, created, str(uuid.UUID(int=rng.getrandbits(128), version=4)), founded[org.id].isoformat(),
        ))
        for term in org.terms:
            rows.add("terms", (term.id, org.id, term.name, term.start.isoformat(),
                               term.end.isoformat() if term.end else None))


def _founding_dates(world: World) -> dict[int, date]:
    """Plausible founding dates, each organisation after its superior and before the first demo term
    (drawn from their own generator, so nothing else of the demo changes)."""
    rng = world.rng("founded")
    last = date(TERMS[0][1] - 1, 12, 31)
    founded: dict[int, date] = {}
    for org in world.orgs:  # superiors come before their organisations
        after = founded[org.parent_id] if org.parent_id else FOUNDING_FROM
        span = (last - after).days
        founded[org.id] = after + timedelta(days=rng.randint(span // 20, span // 3))
    return founded


def year_plan_rows(world: World, rows: Rows) -> None:
    """Every organisation's theme, term theme and own focus content; plans of the base levels."""
    for org in world.orgs:
        for year in YEARS:
            plan_id = world.next_id("year_plans")
            focus = _focus(org, year)
            rows.add("year_plans", (plan_id, org.id, year, BLOC_THEMES[year], TERM_THEMES[year], focus, ""))
            if org.kind is not OrgKind.SUB_BRANCH:
                _plan_documents(world, rows, org, plan_id, year)


def _focus(org: Org, year: int) -> str:
    if org.agency is None or not org.agency.focus:
        return BLOC_FOCUS
    return org.agency.focus[year % len(org.agency.focus)]


def _plan_documents(world: World, rows: Rows, org: Org, plan_id: int, year: int) -> None:
    rng = world.rng("plan", org.id, year)
    for code, title, month_day in PLAN_DOCUMENTS:
        issued = date.fromisoformat(f"{year}-{month_day}") + timedelta(days=rng.randint(0, 9))
        number = f"{rng.randint(2, 60):02d}-{code}/{org.doc_code}"
        rows.add("plan_documents", (
            world.next_id("plan_documents"), plan_id, code, number, title.format(year=year),
            issued.isoformat(), org.name,
        ))
