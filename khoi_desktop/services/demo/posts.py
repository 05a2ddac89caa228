"""Job titles and party posts of the demo's people.

Leaders are chosen among long-standing party members; party committees are elected at
each term's congress among members who stay for the whole term, so a meeting's chair
and secretary are always on the roll of that meeting.
"""

from __future__ import annotations

import random

from khoi_desktop.domain.enums import Gender, MembershipKind, OrgKind
from khoi_desktop.services.demo.model import Org, Person, Term, TermPosts, World
from khoi_desktop.services.demo.units import (
    STAFF_TITLES,
    SUBUNIT_HEADS,
    WORKER_TITLES_MEN,
    WORKER_TITLES_WOMEN,
)

BRANCH_POSTS = ("Bí thư Chi bộ", "Phó Bí thư Chi bộ", "Chi ủy viên")
COMMITTEE_POSTS = ("Bí thư Đảng ủy", "Phó Bí thư Đảng ủy", "Đảng ủy viên")


def assign_jobs(world: World) -> None:
    """Heads and deputies of each agency and unit, then everyone else's title."""
    for base in world.base_orgs():
        rng = world.rng("jobs", base.id)
        branches = [world.org(i) for i in base.children] or [base]
        _assign_heads(rng, base, branches, world)
        for branch in branches:
            _assign_unit_heads(rng, branch, world.by_org[branch.id])
            _assign_staff(rng, branch, world.by_org[branch.id])


def _leader_pool(people: list[Person]) -> list[Person]:
    """Untitled party members born before 1985 and admitted before 2013, oldest first."""
    pool = [p for p in people if p.rank == 9 and p.admission and p.admission.year < 2013
            and p.birth.year < 1985 and p.employment is not MembershipKind.WORKER]
    return sorted(pool, key=lambda p: p.birth)


def _assign_heads(rng: random.Random, base: Org, branches: list[Org], world: World) -> None:
    assert base.agency is not None
    head, deputy = base.agency.head
    pool = _leader_pool([p for b in branches for p in world.by_org[b.id]])
    # The agency's leadership usually sits in its first branch (Văn phòng).
    pool.sort(key=lambda p: (p.org_id != branches[0].id, rng.random()))
    for index, person in enumerate(pool[:3]):
        person.rank, person.job_title = (0, head) if index == 0 else (1, deputy)


def _assign_unit_heads(rng: random.Random, branch: Org, people: list[Person]) -> None:
    titles = _unit_titles(branch, len(people))
    if titles is None:
        return
    pool = _leader_pool(people)
    rng.shuffle(pool)
    deputies = 2 if len(people) >= 40 else 1
    for index, person in enumerate(pool[: 1 + deputies]):
        person.rank, person.job_title = (2, titles[0]) if index == 0 else (3, titles[1])


def _unit_titles(branch: Org, head_count: int) -> tuple[str, str] | None:
    if not branch.subunit:
        # A chi bộ cơ sở: its agency still has departments headed by a Trưởng phòng.
        return ("Trưởng phòng", "Phó Trưởng phòng") if head_count >= 30 else None
    for prefix, titles in SUBUNIT_HEADS:
        if branch.subunit.startswith(prefix):
            return titles
    return ("Trưởng phòng", "Phó Trưởng phòng")


def _assign_staff(rng: random.Random, branch: Org, people: list[Person]) -> None:
    assert branch.agency is not None
    staff = [(t.replace("<specialist>", branch.agency.specialist), w) for t, w in STAFF_TITLES]
    for person in people:
        if person.rank != 9:
            continue
        table = staff
        if person.employment is MembershipKind.WORKER:
            table = WORKER_TITLES_MEN if person.gender is Gender.MALE else WORKER_TITLES_WOMEN
        person.job_title = rng.choices([t for t, _ in table], weights=[w for _, w in table])[0]


# ---------------------------------------------------------------------------
# Party committees per term


def assign_party_posts(world: World) -> None:
    for org in world.orgs:
        if org.holds_branch_meetings:
            for term in org.terms:
                _elect(world, org, term, world.by_org[org.id], branch=True)
    for org in world.orgs:
        if org.kind is OrgKind.BASE_COMMITTEE:
            for term in org.terms:
                _elect(world, org, term, world.staff_of(org), branch=False)


def _elect(world: World, org: Org, term: Term, people: list[Person], *, branch: bool) -> None:
    rng = world.rng("posts", org.id, term.id)
    start = term.start.isoformat()
    pool = [p for p in people if p.is_party and p.is_stable and p.roll_from <= start]
    if not pool:  # a young branch: take whoever is a member at all, the chair falls back per meeting
        pool = sorted((p for p in people if p.is_party), key=lambda p: p.roll_from)
    if not pool:
        return
    pool.sort(key=lambda p: p.rank + rng.random() * 2.5)
    party = sum(1 for p in people if p.is_party)
    size = 1 if party < 7 else 3 if party < 30 else 5
    if not branch:
        size = min(len(pool), 5 + len(org.children))
    chosen = pool[:size]
    world.posts[(org.id, term.id)] = TermPosts(chosen[0], chosen[1] if size > 1 else None, chosen[2:])


def party_post_rows(world: World) -> list[tuple]:
    """positions rows (without ids) for every committee seat of every term."""
    rows = []
    for (org_id, term_id), posts in sorted(world.posts.items()):
        org = world.org(org_id)
        term = next(t for t in org.terms if t.id == term_id)
        titles = BRANCH_POSTS if org.holds_branch_meetings else COMMITTEE_POSTS
        seats = [(posts.secretary, titles[0])]
        seats += [(posts.deputy, titles[1])] if posts.deputy else []
        seats += [(member, titles[2]) for member in posts.members]
        for person, title in seats:
            end = term.end.isoformat() if term.end else None
            rows.append((person.id, org_id, title, 1, term.start.isoformat(), end))
    return rows
