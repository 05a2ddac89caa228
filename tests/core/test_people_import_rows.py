"""Rows into people: memberships inferred from 'Tư cách' or dates, rule errors per column, merging."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain.enums import Gender, MembershipKind
from khoi_desktop.domain.models import PersonInput
from khoi_desktop.interchange.people_import import ColumnMapping, ImportRecord, Severity
from khoi_desktop.services.people_import_rows import merge_person, to_person

TODAY = date(2026, 11, 26)
MAPPING = ColumnMapping(header_row=1, first_data_row=2, labels=("Họ tên", "Tư cách", "Email"),
                        columns={"full_name": 0, "membership_kind": 1, "email": 2})


def person_of(**values: object):
    return to_person(ImportRecord(row_number=7, full_name="Lê Văn Ba", **values), MAPPING, 3, TODAY)


@pytest.mark.parametrize(("values", "kinds"), [
    ({"membership_kind": "Dự bị", "admission_date": date(2026, 3, 1)}, [MembershipKind.PARTY_PROBATIONARY]),
    ({"membership_kind": "Đảng viên chính thức"}, [MembershipKind.PARTY_OFFICIAL]),
    ({"membership_kind": "Công chức"}, [MembershipKind.CIVIL_SERVANT]),
    ({"admission_date": date(2026, 3, 1)}, [MembershipKind.PARTY_PROBATIONARY]),
    ({"admission_date": date(2005, 3, 1)}, [MembershipKind.PARTY_OFFICIAL]),
    ({"party_card_number": "000123"}, [MembershipKind.PARTY_OFFICIAL]),
    ({}, []),
])
def test_memberships_come_from_the_column_or_the_dates(values: dict, kinds: list) -> None:
    """'Tư cách' decides; without it an official date, a card or a long-past admission means official."""
    person, problems = person_of(**values)
    assert [m.kind for m in person.memberships] == kinds
    assert not [p for p in problems if p.severity is Severity.ERROR]


def test_official_with_both_dates_gets_its_probation_period() -> None:
    """Admission → official - 1 day as probationary, then official from the official date."""
    person, _ = person_of(membership_kind="Chính thức", admission_date=date(2010, 3, 1),
                          official_date=date(2011, 3, 1))
    probation, official = person.memberships
    assert (probation.kind, probation.start_date, probation.end_date) == (
        MembershipKind.PARTY_PROBATIONARY, date(2010, 3, 1), date(2011, 2, 28))
    assert (official.kind, official.start_date) == (MembershipKind.PARTY_OFFICIAL, date(2011, 3, 1))


def test_unknown_membership_text_is_a_warning_on_its_column() -> None:
    """'Cảm tình Đảng' is not a known membership: imported without one, with a warning."""
    person, problems = person_of(membership_kind="Cảm tình Đảng")
    assert person.memberships == ()
    assert [(p.row, p.column_label, p.severity) for p in problems] == [(7, "Tư cách", Severity.WARNING)]


def test_the_forms_rules_become_row_problems() -> None:
    """A bad e-mail is an error named by the file's column header, in lower case after the comma."""
    person, problems = person_of(email="khong-hop-le", gender="Nữ")
    assert person.gender is Gender.FEMALE and person.organization_id == 3
    assert [(p.column_label, p.severity) for p in problems] == [("Email", Severity.ERROR)]
    assert problems[0].message.startswith("Dòng 7, cột Email: địa chỉ thư điện tử")


def test_merge_keeps_stored_values_the_file_lacks() -> None:
    """Empty cells never wipe stored data; memberships are added, not replaced."""
    current = PersonInput(full_name="A", phone="0912", job_title="Kế toán")
    merged = merge_person(current, PersonInput(full_name="A", job_title="Kế toán trưởng"))
    assert (merged.phone, merged.job_title) == ("0912", "Kế toán trưởng")


def test_merge_replaces_a_date_of_another_year_by_the_files_year() -> None:
    """A file giving only 1976 replaces a stored 1975 date; the same year keeps the full date."""
    current = PersonInput(full_name="A", birth_date=date(1975, 3, 1), birth_year=1975)
    assert merge_person(current, PersonInput(full_name="A", birth_year=1976)).birth_date is None
    assert merge_person(current, PersonInput(full_name="A", birth_year=1975)).birth_date == date(1975, 3, 1)
