"""Plain records of organisations and people, and the inputs the services validate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from khoi_desktop.domain.enums import Gender, MembershipKind, OrgKind, PersonStatus


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so each screen refreshes only what it shows."""

    organizations: bool = False
    people: bool = False
    meetings: bool = False
    attendance: bool = False
    commitments: bool = False
    assessments: bool = False
    settings: bool = False
    oversight: bool = False
    ids: tuple[int, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            organizations=self.organizations or other.organizations,
            people=self.people or other.people,
            meetings=self.meetings or other.meetings,
            attendance=self.attendance or other.attendance,
            commitments=self.commitments or other.commitments,
            assessments=self.assessments or other.assessments,
            settings=self.settings or other.settings,
            oversight=self.oversight or other.oversight,
            ids=self.ids + other.ids,
        )


PARTY_FOUNDED = date(1930, 2, 3)  # no organisation of the Party was founded earlier


@dataclass(frozen=True)
class Organization:
    id: int
    parent_id: int | None
    name: str
    kind: OrgKind
    short_name: str = ""
    agency_name: str = ""
    doc_code: str = ""
    place_name: str = ""
    superior_name: str = ""
    sort_order: int = 0
    retired_on: date | None = None
    uuid: str = ""  # permanent identity across databases, made with the organisation (issue 12)
    founded_on: date | None = None  # ngày thành lập; None when the clerk has not recorded it


@dataclass(frozen=True)
class OrganizationInput:
    name: str
    kind: OrgKind
    parent_id: int | None = None
    short_name: str = ""
    agency_name: str = ""
    doc_code: str = ""
    place_name: str = ""
    superior_name: str = ""
    sort_order: int = 0
    founded_on: date | None = None


@dataclass(frozen=True)
class Membership:
    kind: MembershipKind
    start_date: date | None = None
    end_date: date | None = None
    organization_id: int | None = None
    note: str = ""
    id: int | None = None

    def active_on(self, day: date) -> bool:
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or day <= self.end_date)


@dataclass(frozen=True)
class StatusChange:
    status: PersonStatus
    start_date: date
    organization_id: int | None = None
    other_party: str = ""
    decision: str = ""
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class PersonInput:
    """What a form or an import hands to the service; the service cleans and validates it."""

    full_name: str
    organization_id: int | None = None
    birth_date: date | None = None
    birth_year: int | None = None
    gender: Gender | None = None
    ethnicity: str = ""
    religion: str = ""
    hometown: str = ""
    phone: str = ""
    email: str = ""
    education: str = ""
    political_theory: str = ""
    job_title: str = ""
    party_card_number: str = ""
    party_record_number: str = ""
    admission_date: date | None = None
    official_date: date | None = None
    note: str = ""
    memberships: tuple[Membership, ...] = ()
    # Sinh hoạt tại tổ chức từ ngày: the first day on the organisation's rolls (None: the service decides).
    org_since: date | None = None


@dataclass(frozen=True)
class Person:
    id: int
    full_name: str
    organization_id: int | None
    birth_date: date | None
    birth_year: int | None
    gender: Gender | None
    job_title: str
    party_card_number: str
    party_record_number: str
    admission_date: date | None
    official_date: date | None
    status: PersonStatus
    ethnicity: str = ""
    religion: str = ""
    hometown: str = ""
    phone: str = ""
    email: str = ""
    education: str = ""
    political_theory: str = ""
    note: str = ""
    retired_on: date | None = None
    memberships: tuple[Membership, ...] = ()
    statuses: tuple[StatusChange, ...] = ()

    def to_input(self) -> PersonInput:
        return PersonInput(
            full_name=self.full_name, organization_id=self.organization_id, birth_date=self.birth_date,
            birth_year=self.birth_year, gender=self.gender, ethnicity=self.ethnicity,
            religion=self.religion, hometown=self.hometown, phone=self.phone, email=self.email,
            education=self.education, political_theory=self.political_theory, job_title=self.job_title,
            party_card_number=self.party_card_number, party_record_number=self.party_record_number,
            admission_date=self.admission_date, official_date=self.official_date, note=self.note,
            memberships=self.memberships, org_since=self.org_since,
        )

    @property
    def org_since(self) -> date | None:
        """Since when the person belongs to their organisation: the start of the history's last stretch there."""
        since = None
        for change in reversed(self.statuses):
            if change.organization_id not in (None, self.organization_id):
                break
            since = change.start_date
        return since


class PersonRow(NamedTuple):
    """One line of the people list: what the table shows, already joined.

    A named tuple, not a frozen dataclass: a bloc's list makes 10,000 of them, and a frozen
    dataclass sets each field through ``object.__setattr__`` (about half the list's time).
    """

    id: int
    full_name: str
    birth_date: date | None
    birth_year: int | None
    gender: Gender | None
    job_title: str
    organization_id: int | None
    organization_name: str
    memberships: tuple[MembershipKind, ...]
    party_card_number: str
    status: PersonStatus
    name_search: str
    sort_key: str
    retired: bool = False
    note: str = ""


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""
    organization_ids: tuple[int, ...] | None = None
    membership_kind: MembershipKind | None = None
    status: PersonStatus | None = None
    year: int | None = None
    include_retired: bool = False


@dataclass(frozen=True)
class AuditEntry:
    at: str
    operator: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    details: dict = field(default_factory=dict)
