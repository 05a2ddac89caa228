"""Who is expected at a meeting, the counts by kind of member, and the vote base.

Pure rules over plain facts; the storage layer gathers the facts, the service applies these.

**Who is expected on a day D** (:func:`place_on`), for a meeting of organisation O:

* the scope is O itself for a chi bộ (cơ sở or trực thuộc) or a bloc; for a đảng bộ cơ sở it
  is O and every organisation below it (its members meet in a full đảng bộ conference);
* the person's status on D is the status-history row in force then (latest start on or
  before D), and their organisation then is that row's organisation, else their current one.
  Before their first row a person was not here (the people service writes the first row
  from the first membership's start, or from the day the person was entered). A person
  with no history at all is judged by their current status and organisation;
* they hold a party membership (official or probationary) active on D; official wins when
  both are (the probation ended that day); people retired from the lists on or before D
  are left out;
* status active, transferred_in or temporary: expected; exempt: listed apart;
  transferred_out, suspended, deceased: left out.

**Study meetings** (the MEETING preset's ``study_kinds``: học tập quán triệt, chuyên đề,
tọa đàm …) expect everyone who studies, not only Party members: with ``everyone`` the
same rules place a person without a party membership by the other membership active on D
(công chức, viên chức, người lao động, đoàn viên, hội viên, học sinh, in that order of
precedence). They form the group 'quần chúng' (not printed among the party groups).

**A numbered meeting keeps its roll**: once its minutes (or resolution) take a register
number, the roll of that day is stored and used from then on (see ``services.attendance``),
so people added or moved later never change a printed document.

**Groups** printed in the minutes: members on temporary activity here ('sinh hoạt tạm
thời', whatever their kind) form their own group; the others are 'chính thức' or 'dự bị'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind, PersonStatus


class RollGroup(StrEnum):
    OFFICIAL = "official"
    PROBATIONARY = "probationary"
    TEMPORARY = "temporary"
    NON_PARTY = "non_party"

    @property
    def label(self) -> str:
        """As printed after 'Đảng viên …' in the minutes ('quần chúng' for those outside the Party)."""
        return {"official": "chính thức", "probationary": "dự bị", "temporary": "sinh hoạt tạm thời",
                "non_party": "quần chúng"}[self.value]

    @property
    def is_party(self) -> bool:
        return self is not RollGroup.NON_PARTY


@dataclass(frozen=True)
class MembershipFact:
    kind: MembershipKind
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class StatusFact:
    status: PersonStatus
    start_date: date
    organization_id: int | None
    note: str = ""


@dataclass(frozen=True)
class PersonFacts:
    """What the roll needs to know about one person; memberships party-only, statuses by start."""

    person_id: int
    full_name: str
    sort_key: str
    position: str
    organization_id: int | None
    status: PersonStatus
    retired_on: date | None
    memberships: tuple[MembershipFact, ...] = ()
    statuses: tuple[StatusFact, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where a person stands on the day: their membership kind, status and its note."""

    membership_kind: MembershipKind
    status: PersonStatus
    note: str = ""

    @property
    def exempt(self) -> bool:
        return self.status is PersonStatus.EXEMPT


@dataclass(frozen=True)
class RollEntry:
    """One line of the attendance checklist; ``status`` None means not yet marked."""

    person_id: int
    full_name: str
    position: str
    membership_kind: MembershipKind
    group: RollGroup
    status: AttendanceStatus | None = None
    reason: str = ""
    exempt: bool = False
    exempt_note: str = ""
    sort_key: str = ""

    @property
    def present(self) -> bool:
        return self.status is not None and self.status.is_present


@dataclass(frozen=True)
class Roll:
    """Everyone expected at a meeting, in Vietnamese name order, and the exempt members apart."""

    meeting_id: int
    day: date
    entries: tuple[RollEntry, ...]
    exempt: tuple[RollEntry, ...] = ()

    @property
    def unmarked(self) -> tuple[RollEntry, ...]:
        return tuple(entry for entry in self.entries if entry.status is None)


@dataclass(frozen=True)
class GroupCounts:
    """The minutes' numbers for one group: total, present, absent with and without reason."""

    group: RollGroup
    total: int = 0
    present: int = 0
    absent_excused: int = 0
    absent_unexcused: int = 0
    unmarked: int = 0


@dataclass(frozen=True)
class AttendanceCounts:
    groups: tuple[GroupCounts, ...]
    exempt: int
    vote_base: int

    def _sum(self, name: str) -> int:
        return sum(getattr(group, name) for group in self.groups)

    @property
    def total(self) -> int:
        return self._sum("total")

    @property
    def present(self) -> int:
        return self._sum("present")

    @property
    def absent_excused(self) -> int:
        return self._sum("absent_excused")

    @property
    def absent_unexcused(self) -> int:
        return self._sum("absent_unexcused")

    @property
    def unmarked(self) -> int:
        return self._sum("unmarked")


def scope_includes_children(org_kind: str) -> bool:
    """A đảng bộ cơ sở meeting expects the members of its chi bộ too; a chi bộ only its own."""
    return org_kind == "base_committee"


def _status_on(facts: PersonFacts, day: date) -> StatusFact | None:
    for row in reversed(facts.statuses):  # the last row in force: scanned from the end, no list built
        if row.start_date <= day:
            return row
    return None if facts.statuses else StatusFact(facts.status, day, facts.organization_id)


_OFFICIAL, _PROBATIONARY = MembershipKind.PARTY_OFFICIAL, MembershipKind.PARTY_PROBATIONARY


def _party_kind_on(facts: PersonFacts, day: date) -> MembershipKind | None:
    """Official when an official membership is active on ``day``, else probationary when one is."""
    found = None
    for m in facts.memberships:  # runs for every person of a bloc: plain comparisons, no set
        if ((m.kind is _OFFICIAL or m.kind is _PROBATIONARY) and (m.start_date is None or m.start_date <= day)
                and (m.end_date is None or day <= m.end_date)):
            if m.kind is _OFFICIAL:
                return _OFFICIAL
            found = _PROBATIONARY
    return found


# Who studies outside the Party, in the order a person's category is chosen when several apply.
STUDY_KINDS_OUTSIDE_PARTY: tuple[MembershipKind, ...] = (
    MembershipKind.CIVIL_SERVANT, MembershipKind.PUBLIC_EMPLOYEE, MembershipKind.WORKER,
    MembershipKind.YOUTH_UNION, MembershipKind.ASSOCIATION, MembershipKind.STUDENT)


def _other_kind_on(facts: PersonFacts, day: date) -> MembershipKind | None:
    """The first category of :data:`STUDY_KINDS_OUTSIDE_PARTY` the person holds on ``day``."""
    held = {m.kind for m in facts.memberships
            if (m.start_date is None or m.start_date <= day) and (m.end_date is None or day <= m.end_date)}
    return next((kind for kind in STUDY_KINDS_OUTSIDE_PARTY if kind in held), None)


def place_on(facts: PersonFacts, day: date, scope: frozenset[int], everyone: bool = False) -> Placement | None:
    """Where ``facts`` stands on ``day`` for a meeting of ``scope``, or None when not on the roll.

    ``everyone``: a study meeting, whose roll has people outside the Party too.
    """
    if facts.retired_on is not None and facts.retired_on <= day:
        return None
    status = _status_on(facts, day)
    if status is None:
        return None
    organization_id = status.organization_id if status.organization_id is not None else facts.organization_id
    kind = _party_kind_on(facts, day)
    if kind is None and everyone:
        kind = _other_kind_on(facts, day)
    if organization_id not in scope or kind is None:
        return None
    if status.status.is_expected_at_meetings or status.status is PersonStatus.EXEMPT:
        return Placement(kind, status.status, status.note)
    return None


def group_of(placement: Placement) -> RollGroup:
    if not placement.membership_kind.is_party:
        return RollGroup.NON_PARTY
    if placement.status is PersonStatus.TEMPORARY:
        return RollGroup.TEMPORARY
    if placement.membership_kind is MembershipKind.PARTY_OFFICIAL:
        return RollGroup.OFFICIAL
    return RollGroup.PROBATIONARY


def entry_for(facts: PersonFacts, placement: Placement, status: AttendanceStatus | None = None,
              reason: str = "") -> RollEntry:
    return RollEntry(
        person_id=facts.person_id, full_name=facts.full_name, position=facts.position,
        membership_kind=placement.membership_kind, group=group_of(placement), status=status, reason=reason,
        exempt=placement.exempt, exempt_note=placement.note if placement.exempt else "",
        sort_key=facts.sort_key,
    )


def _group_counts(group: RollGroup, entries: list[RollEntry]) -> GroupCounts:
    mine = [entry for entry in entries if entry.group is group]
    return GroupCounts(
        group=group,
        total=len(mine),
        present=sum(1 for entry in mine if entry.present),
        absent_excused=sum(1 for entry in mine if entry.status is AttendanceStatus.ABSENT_EXCUSED),
        absent_unexcused=sum(1 for entry in mine if entry.status is AttendanceStatus.ABSENT_UNEXCUSED),
        unmarked=sum(1 for entry in mine if entry.status is None),
    )


def vote_base(roll: Roll) -> int:
    """Members entitled to vote: the official members of this organisation who are present.

    Domain rule: "all official members, minus those on temporary activity elsewhere or
    exempt and absent; probationary members do not vote". Taken literally for one meeting:
    probationary members never count; members here on temporary activity (sinh hoạt tạm
    thời) vote in their home organisation, so they do not count here; absent members do not
    vote; an exempt official member counts only when present (marked so on the exempt list).
    """
    voters = [entry for entry in (*roll.entries, *roll.exempt)
              if entry.group is RollGroup.OFFICIAL and entry.present]
    return len(voters)


def count(roll: Roll) -> AttendanceCounts:
    """Counts by group (chính thức, dự bị, sinh hoạt tạm thời; quần chúng when any), exempt, vote base."""
    entries = list(roll.entries)
    groups = tuple(_group_counts(group, entries) for group in RollGroup
                   if group.is_party or any(entry.group is group for entry in entries))
    return AttendanceCounts(groups=groups, exempt=len(roll.exempt), vote_base=vote_base(roll))


_CYCLE: tuple[AttendanceStatus, ...] = (
    AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.ABSENT_UNEXCUSED)


def next_status(current: AttendanceStatus | None) -> AttendanceStatus:
    """What Space turns a mark into: not marked or late → present → absent with reason → without → present."""
    if current not in _CYCLE:
        return AttendanceStatus.PRESENT
    return _CYCLE[(_CYCLE.index(current) + 1) % len(_CYCLE)]
