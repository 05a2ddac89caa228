"""A small organisation tree with people of every kind, for the people page and dialog tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.enums import Gender, MembershipKind, OrgKind, PersonStatus
from khoi_desktop.domain.models import Membership, OrganizationInput, PersonInput, StatusChange
from khoi_desktop.services.app import Services

# In Vietnamese order: given name first, and d before đ.
NAMES_IN_ORDER = ["Nguyễn Văn An", "Nguyễn Thị Ánh", "Trần Văn Bình", "Lê Thị Cúc", "Đỗ Văn Dũng",
                  "Nguyễn Văn Đức"]


@dataclass(frozen=True)
class Seed:
    root: int
    committee: int  # a base committee under the root
    office: int  # a branch under the committee
    treasury: int  # a branch under the root
    people: dict[str, int]


def _org(services: Services, name: str, kind: OrgKind, parent: int | None) -> int:
    return services.organizations.create(OrganizationInput(name=name, kind=kind, parent_id=parent)).ids[0]


def _person(services: Services, name: str, org: int, *memberships: Membership, **extra: object) -> int:
    data = PersonInput(full_name=name, organization_id=org, memberships=memberships, **extra)  # type: ignore[arg-type]
    return services.people.create(data).person_id


def seed_people(services: Services) -> Seed:
    """Six people in three organisations: official, probationary, civil servant, exempt, retired."""
    root = _org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC, None)
    committee = _org(services, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE, root)
    office = _org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, committee)
    treasury = _org(services, "Chi bộ Kho bạc Nhà nước tỉnh", OrgKind.BASE_BRANCH, root)
    official = MembershipKind.PARTY_OFFICIAL
    people = {
        "Nguyễn Văn An": _person(services, "Nguyễn Văn An", office, Membership(official, date(2015, 3, 1)),
                                 party_card_number="000123", birth_date=date(1980, 5, 12), gender=Gender.MALE,
                                 job_title="Bí thư chi bộ", admission_date=date(2014, 3, 1),
                                 official_date=date(2015, 3, 1)),
        "Nguyễn Thị Ánh": _person(services, "Nguyễn Thị Ánh", office,
                                  Membership(MembershipKind.PARTY_PROBATIONARY, date(2026, 3, 1)),
                                  birth_year=1995, gender=Gender.FEMALE, admission_date=date(2026, 3, 1)),
        "Trần Văn Bình": _person(services, "Trần Văn Bình", treasury, Membership(official, date(2015, 1, 1)),
                                 Membership(MembershipKind.CIVIL_SERVANT, date(2010, 1, 1))),
        "Lê Thị Cúc": _person(services, "Lê Thị Cúc", committee,
                              Membership(MembershipKind.CIVIL_SERVANT, date(2010, 1, 1))),
        "Đỗ Văn Dũng": _person(services, "Đỗ Văn Dũng", treasury, Membership(official, date(2020, 1, 1))),
        "Nguyễn Văn Đức": _person(services, "Nguyễn Văn Đức", treasury, Membership(official, date(2018, 6, 1))),
    }
    services.people.change_status(people["Nguyễn Văn Đức"], StatusChange(PersonStatus.EXEMPT, date(2026, 1, 5)))
    services.people.retire(people["Đỗ Văn Dũng"])
    return Seed(root, committee, office, treasury, people)
