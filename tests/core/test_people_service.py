"""PeopleService: validation naming the field, NFC, audit log, status history, retire."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from khoi_desktop.domain.enums import MembershipKind, OrgKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Membership, OrganizationInput, PeopleFilter, PersonInput, StatusChange
from khoi_desktop.services.app import Services
from tests.conftest import add_branch_with_people


def test_text_is_stored_nfc_and_trimmed(services: Services) -> None:
    """Decomposed input with stray spaces is stored composed and single-spaced."""
    branch, _ = add_branch_with_people(services, [])
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị  Hằng ")
    saved = services.people.create(PersonInput(full_name=decomposed, organization_id=branch))
    assert services.people.get(saved.person_id).full_name == "Nguyễn Thị Hằng"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonInput(full_name=" "), "full_name"),
        (PersonInput(full_name="Lê Văn 3"), "full_name"),
        (PersonInput(full_name="Lê Văn Ba", birth_date=date(2030, 1, 1)), "birth_date"),
        (PersonInput(full_name="Lê Văn Ba", admission_date=date(2020, 5, 1), official_date=date(2020, 4, 1)),
         "official_date"),
        (PersonInput(full_name="Lê Văn Ba", official_date=date(2020, 4, 1)), "admission_date"),
        (PersonInput(full_name="Lê Văn Ba", party_card_number="12AB"), "party_card_number"),
        (PersonInput(full_name="Lê Văn Ba", email="khong-hop-le"), "email"),
    ],
)
def test_validation_names_the_field(services: Services, data: PersonInput, field: str) -> None:
    """Each rule raises ValidationError naming the offending field, in Vietnamese."""
    with pytest.raises(ValidationError) as caught:
        services.people.create(data)
    assert caught.value.field == field
    assert caught.value.message[0].isupper()
    assert services.people.count() == 0


def test_short_probation_is_a_warning_not_an_error(services: Services) -> None:
    """Official less than 12 months after admission saves, with a warning."""
    saved = services.people.create(PersonInput(full_name="Phạm Văn Đức", admission_date=date(2020, 1, 10),
                                               official_date=date(2020, 9, 1)))
    assert any("dự bị chưa đủ 12 tháng" in w for w in saved.warnings)


def test_card_number_keeps_leading_zeros(services: Services) -> None:
    """The card number is text: '000123' stays '000123'."""
    saved = services.people.create(PersonInput(
        full_name="Đỗ Thị Mai", party_card_number="000123", admission_date=date(2010, 1, 1),
        official_date=date(2011, 1, 1), memberships=(Membership(MembershipKind.PARTY_OFFICIAL, date(2011, 1, 1)),)))
    assert services.people.get(saved.person_id).party_card_number == "000123"


def test_every_change_is_audited_with_the_operator(services: Services) -> None:
    """Create, update, status and retire each write an audit line naming the operator."""
    branch, (person_id,) = add_branch_with_people(services, ["Trần Văn Nam"])
    person = services.people.get(person_id)
    services.people.update(person_id, PersonInput(**{**person.to_input().__dict__, "job_title": "Kế toán"}))
    services.people.change_status(person_id, StatusChange(PersonStatus.TRANSFERRED_OUT, date(2026, 3, 1),
                                                          other_party="Chi bộ Sở Tài chính"))
    services.people.retire(person_id)
    history = services.people.history(person_id)
    assert [entry.action for entry in history] == ["retire", "status", "update", "create"]
    assert {entry.operator for entry in history} == {"thư ký kiểm thử"}
    assert history[2].details["job_title"] == {"before": "", "after": "Kế toán"}


def test_status_history_sets_current_status(services: Services) -> None:
    """The person's status is the latest dated change; earlier ones stay in history."""
    _, (person_id,) = add_branch_with_people(services, ["Lê Thị Thu"])
    services.people.change_status(person_id, StatusChange(PersonStatus.EXEMPT, date(2025, 6, 1)))
    person = services.people.get(person_id)
    assert person.status is PersonStatus.EXEMPT
    assert [s.status for s in person.statuses] == [PersonStatus.ACTIVE, PersonStatus.EXEMPT]
    assert person.statuses[0].start_date == date(2015, 3, 1)


def test_retired_people_leave_the_list_but_stay_stored(services: Services) -> None:
    """Retire hides a person from lists; include_retired shows them; restore brings them back."""
    _, (first, second) = add_branch_with_people(services, ["Ngô Văn Hải", "Bùi Thị Lan"])
    services.people.retire(first)
    assert [row.id for row in services.people.list()] == [second]
    assert {row.id for row in services.people.list(PeopleFilter(include_retired=True))} == {first, second}
    services.people.restore(first)
    assert services.people.count() == 2


def test_list_is_in_vietnamese_order_by_given_name(services: Services) -> None:
    """Given name first, Vietnamese alphabet: An < Ánh < Bình < Đức < Hà < Ước."""
    names = ["Nguyễn Văn Ước", "Trần Thị Hà", "Lê Đức", "Phạm Bình", "Đỗ Ngọc Ánh", "Vũ Văn An"]
    add_branch_with_people(services, names)
    listed = [row.full_name for row in services.people.list()]
    assert listed == ["Vũ Văn An", "Đỗ Ngọc Ánh", "Phạm Bình", "Lê Đức", "Trần Thị Hà", "Nguyễn Văn Ước"]


def test_search_without_diacritics(services: Services) -> None:
    """'nguyen van' finds 'Nguyễn Văn …'; 'duc' finds 'Đức'."""
    add_branch_with_people(services, ["Nguyễn Văn An", "Nguyễn Thị Bình", "Lê Đức"])
    assert [r.full_name for r in services.people.list(PeopleFilter(text="nguyen van"))] == ["Nguyễn Văn An"]
    assert [r.full_name for r in services.people.list(PeopleFilter(text="duc"))] == ["Lê Đức"]


def test_membership_filter_respects_dates(services: Services) -> None:
    """A membership that ended before the year is not counted in that year."""
    branch, _ = add_branch_with_people(services, [])
    services.people.create(PersonInput(full_name="Hồ Văn Tâm", organization_id=branch, memberships=(
        Membership(MembershipKind.YOUTH_UNION, date(2010, 1, 1), date(2019, 12, 31)),)))
    youth = PeopleFilter(membership_kind=MembershipKind.YOUTH_UNION, year=2019)
    assert len(services.people.list(youth)) == 1
    assert services.people.list(PeopleFilter(membership_kind=MembershipKind.YOUTH_UNION, year=2020)) == []


def test_unknown_person_is_a_clear_error(services: Services) -> None:
    """Asking for a missing id raises NotFoundError in Vietnamese."""
    with pytest.raises(NotFoundError, match="Không có người"):
        services.people.get(999)


def test_organisation_field_corrects_history_until_a_move(services: Services) -> None:
    """Changing Tổ chức fixes a mistyped branch everywhere; after a dated move it is refused."""
    branch, (person_id,) = add_branch_with_people(services, ["Võ Thị Sen"])
    other = services.organizations.create(OrganizationInput(
        name="Chi bộ Sở Tài chính", kind=OrgKind.BASE_BRANCH,
        parent_id=services.organizations.get(branch).parent_id)).ids[0]
    person = services.people.get(person_id)
    services.people.update(person_id, replace(person.to_input(), organization_id=other))
    assert {s.organization_id for s in services.people.get(person_id).statuses} == {other}
    services.people.move(person_id, branch, date(2026, 6, 15))
    moved = services.people.get(person_id)
    with pytest.raises(ValidationError) as caught:
        services.people.update(person_id, replace(moved.to_input(), organization_id=other))
    assert caught.value.field == "organization_id"
    assert services.people.get(person_id).organization_id == branch


def test_a_status_entered_late_ends_where_the_next_one_starts(services: Services) -> None:
    """Active again from 01/06, then miễn sinh hoạt from 01/03 entered: the exemption ends 01/06."""
    _, (person_id,) = add_branch_with_people(services, ["Lê Thị Thu"])
    services.people.change_status(person_id, StatusChange(PersonStatus.ACTIVE, date(2026, 6, 1)))
    services.people.change_status(person_id, StatusChange(PersonStatus.EXEMPT, date(2026, 3, 1)))
    rows = services.db.execute("SELECT status, start_date, end_date FROM status_history WHERE person_id = ?"
                               " ORDER BY start_date", [person_id]).fetchall()
    assert rows == [("active", "2015-03-01", "2026-03-01"), ("exempt", "2026-03-01", "2026-06-01"),
                    ("active", "2026-06-01", None)]
    assert services.people.get(person_id).status is PersonStatus.ACTIVE


def test_an_earlier_admission_date_puts_the_member_on_earlier_rolls(services: Services) -> None:
    """Admission corrected from 10/01/2026 to 10/01/2025: the status history starts then too."""
    branch, _ = add_branch_with_people(services, [])
    typed = PersonInput(full_name="Đỗ Văn Hùng", organization_id=branch, admission_date=date(2026, 1, 10),
                        memberships=(Membership(MembershipKind.PARTY_PROBATIONARY, date(2026, 1, 10)),))
    person_id = services.people.create(typed).person_id
    services.people.update(person_id, replace(typed, admission_date=date(2025, 1, 10), memberships=(
        Membership(MembershipKind.PARTY_PROBATIONARY, date(2025, 1, 10)),)))
    assert [s.start_date for s in services.people.get(person_id).statuses] == [date(2025, 1, 10)]
    assert services.people.history(person_id)[0].details["status_since"] == {"before": "2026-01-10",
                                                                              "after": "2025-01-10"}


def test_search_treats_percent_and_underscore_as_text(services: Services) -> None:
    """A typed '%' or '_' finds nobody instead of matching everyone like a SQL wildcard."""
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    assert services.people.list(PeopleFilter(text="%")) == []
    assert services.people.list(PeopleFilter(text="_")) == []


@pytest.mark.parametrize("crowd", [1, 3500])
def test_a_kind_held_twice_in_the_year_is_listed_once(services: Services, crowd: int) -> None:
    """Two Party memberships in one year (a move between chi bộ) and a công chức one: the list shows
    "chính thức, công chức" once each, for a few people (fetched by id) and for a bloc (one pass)."""
    org = services.organizations.create(OrganizationInput(name="Chi bộ Sở Tư pháp", kind=OrgKind.BASE_BRANCH)).ids[0]
    memberships = (Membership(MembershipKind.PARTY_OFFICIAL, date(2010, 1, 1), date(2025, 3, 1)),
                   Membership(MembershipKind.PARTY_OFFICIAL, date(2025, 3, 2)),
                   Membership(MembershipKind.CIVIL_SERVANT, date(2012, 5, 1)))
    moved = services.people.create(PersonInput(full_name="Lê Văn Chuyển", organization_id=org,
                                               memberships=memberships)).person_id
    if crowd > 1:  # above the few-people limit the list reads every membership in one pass
        with services.db.atomic():
            services.db.conn.executemany(
                "INSERT INTO people (full_name, organization_id, status, name_search, sort_key, created_at,"
                " updated_at) VALUES (?, ?, 'active', '', ?, '', '')",
                [(f"Người {n}", org, f"z{n:05d}") for n in range(crowd)])
    row = next(r for r in services.people.list(PeopleFilter(year=2025)) if r.id == moved)
    assert row.memberships == (MembershipKind.PARTY_OFFICIAL, MembershipKind.CIVIL_SERVANT)
