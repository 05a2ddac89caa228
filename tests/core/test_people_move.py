"""PeopleService.move: a dated chuyển sinh hoạt to another chi bộ, as rolls and participation read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, OrgKind, PersonStatus
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.study import StudyService
from tests.core.meetings_support import Kit, add_member, add_org, new_meeting, official

MOVED_ON = date(2026, 6, 15)


@dataclass(frozen=True)
class Two:
    bloc: int
    base: int
    old: int
    new: int
    person: int


@pytest.fixture
def two(services: Services) -> Two:
    """A đảng bộ cơ sở with two chi bộ and one official member in the first."""
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    base = add_org(services, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE, bloc)
    old = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, base)
    new = add_org(services, "Chi bộ Phòng Ngân sách", OrgKind.SUB_BRANCH, base)
    person = add_member(services, old, "Nguyễn Văn An", official())
    return Two(bloc, base, old, new, person)


def _on_roll(kit: Kit, org_id: int, day: date, person_id: int) -> bool:
    roll = kit.attendance.roll(new_meeting(kit, org_id, day=day))
    return person_id in {entry.person_id for entry in roll.entries}


def test_moved_member_is_expected_at_the_old_branch_before_and_the_new_one_after(services: Services,
                                                                                  two: Two) -> None:
    """Moved on 15/06: on the old branch's May roll and the new branch's July roll, not the other way round."""
    services.people.move(two.person, two.new, MOVED_ON, decision="Quyết định số 15-QĐ/ĐU")
    kit = Kit.over(services)
    assert _on_roll(kit, two.old, date(2026, 5, 12), two.person)
    assert _on_roll(kit, two.new, date(2026, 7, 10), two.person)
    assert not _on_roll(kit, two.new, date(2026, 5, 13), two.person)
    assert not _on_roll(kit, two.old, date(2026, 7, 9), two.person)
    assert _on_roll(kit, two.new, MOVED_ON, two.person) and not _on_roll(kit, two.old, MOVED_ON, two.person)


def test_participation_credits_each_branch_with_its_months(services: Services, two: Two) -> None:
    """At the đảng bộ's study conferences the member counts for the old chi bộ in May, the new one in August."""
    services.people.move(two.person, two.new, MOVED_ON)
    kit = Kit.over(services)
    for day in (date(2026, 5, 20), date(2026, 8, 20)):
        meeting_id = new_meeting(kit, two.base, kind=MeetingKind.STUDY, day=day)
        kit.attendance.mark(meeting_id, two.person, AttendanceStatus.PRESENT)
    tallies = {line.organization_id: line.tally for line in StudyService(services.context).participation(
        two.base, 2026).by_organization}
    assert tallies[two.old].attendances_expected == 1 and tallies[two.new].attendances_expected == 1


def test_move_updates_the_person_keeps_the_status_and_is_audited(services: Services, two: Two) -> None:
    """The organisation follows; the status in force is kept; one audit line names both branches."""
    services.people.change_status(two.person, StatusChange(PersonStatus.EXEMPT, date(2026, 3, 1)))
    changes = services.people.move(two.person, two.new, MOVED_ON, decision=" Quyết định  số 15 ", note="Theo nguyện vọng")
    person = services.people.get(two.person)
    assert changes.people and person.organization_id == two.new and person.status is PersonStatus.EXEMPT
    last = person.statuses[-1]
    assert (last.start_date, last.organization_id, last.other_party) == (MOVED_ON, two.new, "Chi bộ Văn phòng Sở")
    assert last.decision == "Quyết định số 15"
    entry = services.people.history(two.person)[0]
    assert entry.action == "move"
    assert entry.summary == "“Nguyễn Văn An”: chuyển sinh hoạt từ Chi bộ Văn phòng Sở sang Chi bộ Phòng Ngân sách từ 15/06/2026"
    assert entry.details["organization_id"] == {"before": two.old, "after": two.new}


@pytest.mark.parametrize(("org", "day", "field", "words"), [
    ("new", date(2027, 1, 1), "on", "ở tương lai"),
    ("new", date(2026, 2, 1), "on", "trước lần thay đổi trạng thái gần nhất"),
    ("old", MOVED_ON, "organization_id", "đang sinh hoạt ở Chi bộ Văn phòng Sở"),
    ("bloc", MOVED_ON, "organization_id", "đảng bộ cấp trên cơ sở"),
])
def test_bad_moves_are_refused_and_change_nothing(services: Services, two: Two, org: str, day: date, field: str,
                                                  words: str) -> None:
    """A future date, a date before the last status change, the same branch or the bloc: refused in Vietnamese."""
    services.people.change_status(two.person, StatusChange(PersonStatus.ACTIVE, date(2026, 3, 1)))
    before = services.people.get(two.person)
    with pytest.raises(ValidationError) as caught:
        services.people.move(two.person, getattr(two, org), day)
    assert caught.value.field == field and words in caught.value.message
    assert services.people.get(two.person) == before


def test_a_member_who_left_cannot_be_moved(services: Services, two: Two) -> None:
    """After 'Chuyển đi' the member is no longer here to move."""
    services.people.change_status(two.person, StatusChange(PersonStatus.TRANSFERRED_OUT, date(2026, 3, 1)))
    with pytest.raises(ValidationError, match="Chuyển đi"):
        services.people.move(two.person, two.new, MOVED_ON)


def test_a_status_entered_late_keeps_the_branch_of_its_day(services: Services, two: Two) -> None:
    """Miễn sinh hoạt from 01/03 entered after the 15/06 move: exempt at the old branch in April, not the new."""
    services.people.move(two.person, two.new, MOVED_ON)
    services.people.change_status(two.person, StatusChange(PersonStatus.EXEMPT, date(2026, 3, 1)))
    kit = Kit.over(services)
    old_roll = kit.attendance.roll(new_meeting(kit, two.old, day=date(2026, 4, 10)))
    new_roll = kit.attendance.roll(new_meeting(kit, two.new, day=date(2026, 4, 10)))
    assert [entry.person_id for entry in old_roll.exempt] == [two.person]
    assert not new_roll.exempt and not new_roll.entries
