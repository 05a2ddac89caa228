"""The in-memory world the demo generator builds before writing it: organisations, people, posts.

Everything is keyed by explicit ids handed out here, so rows can reference each other
without reading back from the database, and the same seed always gives the same ids.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from khoi_desktop.domain.enums import Gender, MembershipKind, OrgKind, PersonStatus
from khoi_desktop.services.demo.units import Agency

DEMO_START = date(2016, 1, 1)
# The demo's "today": data runs up to it, so probation, terms and open steps read naturally.
DEMO_TODAY = date(2026, 11, 20)
YEARS = tuple(range(DEMO_START.year, DEMO_TODAY.year + 1))
FOREVER = "9999-12-31"  # an open end date, as text, for quick string comparisons
_OFFICIAL = MembershipKind.PARTY_OFFICIAL.value
_PROBATIONARY = MembershipKind.PARTY_PROBATIONARY.value
# (name, first year): congresses of chi bộ and đảng bộ cơ sở open each term.
TERMS = (("Nhiệm kỳ 2015–2020", 2015), ("Nhiệm kỳ 2020–2025", 2020), ("Nhiệm kỳ 2025–2030", 2025))


@dataclass
class Term:
    id: int
    name: str
    start: date
    end: date | None  # the day before the next congress; None for the current term


@dataclass
class Org:
    id: int
    parent_id: int | None
    name: str
    kind: OrgKind
    agency: Agency | None
    subunit: str  # '' for the agency's own organisation or the bloc
    doc_code: str
    place: str
    size: int = 0  # planned head count (branches only)
    terms: list[Term] = field(default_factory=list)
    children: list[int] = field(default_factory=list)

    @property
    def holds_branch_meetings(self) -> bool:
        return self.kind in (OrgKind.SUB_BRANCH, OrgKind.BASE_BRANCH)

    @property
    def is_base(self) -> bool:
        return self.kind in (OrgKind.BASE_COMMITTEE, OrgKind.BASE_BRANCH)

    def term_on(self, day: date) -> Term:
        current = self.terms[0]
        for term in self.terms:
            if term.start <= day:
                current = term
        return current


@dataclass
class Person:
    id: int
    org_id: int
    full_name: str
    gender: Gender
    birth: date
    employment: MembershipKind
    hired_on: date
    joined_on: date  # first day in this organisation (hired, or transferred in)
    admission: date | None = None
    official: date | None = None
    card: str = ""
    job_title: str = ""
    rank: int = 9  # 0 agency head, 1 deputy, 2 unit head, 3 unit deputy, 9 staff
    left_on: date | None = None  # transferred out or deceased: gone from this day
    exempt_from: date | None = None
    # Dated status changes: (status, day, other party, decision, note).
    changes: list[tuple[PersonStatus, date, str, str, str]] = field(default_factory=list)
    roll_from: str = FOREVER  # ISO bounds of the party meeting roll, filled by freeze()
    roll_until: str = FOREVER
    official_iso: str = FOREVER
    outside_from: str = FOREVER  # ISO bounds of studying as staff outside the Party, filled by freeze()
    outside_until: str = FOREVER

    @property
    def is_party(self) -> bool:
        return self.admission is not None

    @property
    def is_stable(self) -> bool:
        """Never leaves or is exempted: safe to hold a party post for a whole term."""
        return self.left_on is None and self.exempt_from is None

    def freeze(self) -> None:
        """Precompute the ISO bounds the meeting rolls compare against (fast string tests)."""
        end = min((d for d in (self.left_on, self.exempt_from) if d), default=None)
        self.roll_until = end.isoformat() if end else FOREVER
        if self.admission is not None:
            self.roll_from = max(self.admission, self.joined_on).isoformat()
        self.official_iso = self.official.isoformat() if self.official else FOREVER
        # Outside the Party from hiring until admission, leaving or exemption, whichever comes first.
        self.outside_from = self.joined_on.isoformat()
        self.outside_until = min(d for d in (self.roll_until, self.admission.isoformat() if self.admission
                                             else FOREVER))

    def studies_outside_party(self, day: str) -> bool:
        """On a study meeting's roll as staff outside the Party that day (domain.attendance.place_on)."""
        return self.outside_from <= day < self.outside_until

    def on_roll(self, day: str) -> bool:
        """On the party roll of their branch that day (exempt members are kept apart)."""
        return self.roll_from <= day < self.roll_until

    def party_kind(self, day: str) -> str:
        """The stored code of the party membership held that day (a plain string: called a million times)."""
        return _OFFICIAL if day >= self.official_iso else _PROBATIONARY


@dataclass
class TermPosts:
    """Who holds the party posts of one organisation during one term."""

    secretary: Person
    deputy: Person | None
    members: list[Person]  # other committee members (chi ủy viên, đảng ủy viên)

    @property
    def committee(self) -> list[Person]:
        return [self.secretary, *([self.deputy] if self.deputy else []), *self.members]


@dataclass
class World:
    scale: str
    seed: int
    orgs: list[Org] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    by_org: dict[int, list[Person]] = field(default_factory=lambda: defaultdict(list))
    posts: dict[tuple[int, int], TermPosts] = field(default_factory=dict)  # (org id, term id)
    _next: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def next_id(self, table: str) -> int:
        self._next[table] += 1
        return self._next[table]

    def rng(self, *labels: object) -> random.Random:
        """An independent generator per piece of work: changing one piece never shifts another."""
        return random.Random("/".join(map(str, (self.seed, *labels))))

    def org(self, org_id: int) -> Org:
        return self.orgs[org_id - 1]

    @property
    def root(self) -> Org:
        return self.orgs[0]

    def branch_orgs(self) -> list[Org]:
        return [org for org in self.orgs if org.holds_branch_meetings]

    def base_orgs(self) -> list[Org]:
        return [org for org in self.orgs if org.is_base]

    def staff_of(self, org: Org) -> list[Person]:
        """Everyone working in the organisation or the branches under it."""
        people = list(self.by_org[org.id])
        for child in org.children:
            people += self.staff_of(self.org(child))
        return people

    def posts_on(self, org: Org, day: date) -> TermPosts | None:
        return self.posts.get((org.id, org.term_on(day).id))


# ---------------------------------------------------------------------------
# Calendar helpers


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31/1 + 1 → 28/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def working_day(day: date) -> date:
    """Saturday and Sunday move to the following Monday."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def stamp(day: date, clock: str = "08:00") -> str:
    """A fixed timestamp derived from the data (never the wall clock), so seeds reproduce."""
    return f"{day.isoformat()}T{clock}:00"
