"""Attendance: who is on the roll on the day, marking, counts by kind and the vote base."""

from __future__ import annotations

from datetime import date

import pytest

from khoi_desktop.domain import attendance as rules
from khoi_desktop.domain.attendance import MembershipFact, PersonFacts, RollGroup, StatusFact
from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.services.app import Services
from khoi_desktop.storage import audit_repo
from tests.core.meetings_support import (
    MEETING_DAY,
    Branch,
    Kit,
    hand_counted_branch,
    mark_by_hand,
    new_meeting,
)


@pytest.fixture
def kit(services: Services) -> Kit:
    return Kit.over(services)


@pytest.fixture
def branch(services: Services) -> Branch:
    return hand_counted_branch(services)


def _names(entries: tuple) -> list[str]:
    return [entry.full_name for entry in entries]


def test_roll_holds_exactly_the_people_expected_on_the_day(kit: Kit, branch: Branch) -> None:
    """Moved out before, joined after, deceased and other branches are left out; exempt apart."""
    meeting_id = new_meeting(kit, branch.branch_id)
    roll = kit.attendance.roll(meeting_id)
    assert sorted(_names(roll.entries)) == sorted([
        "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Minh", "Vũ Văn Nam",
        "Hoàng Văn Dũng", "Đỗ Thị Em", "Ngô Thị Giang",
    ])
    assert _names(roll.exempt) == ["Bùi Thị Hà"]
    assert roll.exempt[0].exempt_note == "tuổi cao, sức yếu"
    assert all(entry.status is None for entry in roll.entries)


def test_roll_is_in_vietnamese_name_order(kit: Kit, branch: Branch) -> None:
    """Given name first: An, Bình, Cường, Dũng, Em, Giang, Minh, Nam."""
    roll = kit.attendance.roll(new_meeting(kit, branch.branch_id))
    assert [name.split()[-1] for name in _names(roll.entries)] == [
        "An", "Bình", "Cường", "Dũng", "Em", "Giang", "Minh", "Nam"]


def test_groups_follow_membership_on_the_day(kit: Kit, branch: Branch) -> None:
    """Nam became official on 01/11; Giang is on temporary activity whatever her kind."""
    roll = kit.attendance.roll(new_meeting(kit, branch.branch_id))
    groups = {entry.full_name: entry.group for entry in roll.entries}
    assert groups["Vũ Văn Nam"] is RollGroup.OFFICIAL
    assert groups["Hoàng Văn Dũng"] is RollGroup.PROBATIONARY
    assert groups["Ngô Thị Giang"] is RollGroup.TEMPORARY


def test_counts_by_kind_match_the_hand_count(kit: Kit, branch: Branch) -> None:
    """Official 5 (3 present, 1 excused, 1 not); probationary 2 (1, 1, 0); temporary 1 (1); 1 exempt."""
    meeting_id = new_meeting(kit, branch.branch_id)
    mark_by_hand(kit, meeting_id, branch)
    counts = kit.attendance.counts(meeting_id)
    table = {g.group: (g.total, g.present, g.absent_excused, g.absent_unexcused, g.unmarked) for g in counts.groups}
    assert table == {
        RollGroup.OFFICIAL: (5, 3, 1, 1, 0),
        RollGroup.PROBATIONARY: (2, 1, 1, 0, 0),
        RollGroup.TEMPORARY: (1, 1, 0, 0, 0),
    }
    assert (counts.total, counts.present, counts.absent_excused, counts.absent_unexcused) == (8, 5, 2, 1)
    assert counts.exempt == 1


def test_vote_base_is_the_official_members_present(kit: Kit, branch: Branch) -> None:
    """An, Minh (late) and Nam vote; probationary and temporary members do not; a present exempt member does."""
    meeting_id = new_meeting(kit, branch.branch_id)
    mark_by_hand(kit, meeting_id, branch)
    assert kit.attendance.vote_base(meeting_id) == 3
    kit.attendance.mark(meeting_id, branch.people["Hà"], AttendanceStatus.PRESENT)
    assert kit.attendance.vote_base(meeting_id) == 4
    kit.attendance.mark(meeting_id, branch.people["An"], AttendanceStatus.ABSENT_EXCUSED, "ốm")
    assert kit.attendance.counts(meeting_id).vote_base == 3


def test_unmarked_people_are_counted_apart(kit: Kit, branch: Branch) -> None:
    """Before marking, everyone is 'not yet marked' and the vote base is 0."""
    counts = kit.attendance.counts(new_meeting(kit, branch.branch_id))
    assert (counts.total, counts.unmarked, counts.present, counts.vote_base) == (8, 8, 0, 0)


def test_base_committee_meeting_expects_its_branches_members(kit: Kit, branch: Branch) -> None:
    """A đảng bộ cơ sở meeting lists the members of every chi bộ under it."""
    roll = kit.attendance.roll(new_meeting(kit, branch.base_id))
    assert "Lý Văn Quang" in _names(roll.entries)
    assert len(roll.entries) == 9


def test_a_meeting_after_the_move_leaves_minh_out(kit: Kit, branch: Branch) -> None:
    """On 25/11 Minh has moved out and Lan has joined."""
    names = _names(kit.attendance.roll(new_meeting(kit, branch.branch_id, day=date(2026, 11, 25))).entries)
    assert "Phạm Văn Minh" not in names and "Mai Thị Lan" in names


def test_mark_stores_status_reason_and_kind(kit: Kit, branch: Branch, services: Services) -> None:
    """A mark keeps the reason (dropped for 'present') and the membership kind of the day."""
    meeting_id = new_meeting(kit, branch.branch_id)
    changes = kit.attendance.mark(meeting_id, branch.people["Em"], AttendanceStatus.ABSENT_EXCUSED, "  ốm  ")
    assert changes.attendance and changes.ids == (meeting_id,)
    kit.attendance.mark(meeting_id, branch.people["An"], AttendanceStatus.PRESENT, "không cần")
    row = services.db.execute("SELECT status, membership_kind, reason FROM attendance WHERE person_id = ?",
                              [branch.people["Em"]]).fetchone()
    assert row == ("absent_excused", MembershipKind.PARTY_PROBATIONARY.value, "ốm")
    entries = {e.full_name: e for e in kit.attendance.roll(meeting_id).entries}
    assert entries["Nguyễn Văn An"].reason == ""


def test_mark_none_clears_the_mark(kit: Kit, branch: Branch) -> None:
    """Marking None puts the person back to 'not yet marked'."""
    meeting_id = new_meeting(kit, branch.branch_id)
    kit.attendance.mark(meeting_id, branch.people["An"], AttendanceStatus.PRESENT)
    kit.attendance.mark(meeting_id, branch.people["An"], None)
    assert kit.attendance.counts(meeting_id).unmarked == 8


def test_mark_refuses_someone_not_on_the_roll(kit: Kit, branch: Branch) -> None:
    """Khoa moved out before the meeting: a Vietnamese message names him and the day."""
    meeting_id = new_meeting(kit, branch.branch_id)
    with pytest.raises(ValidationError) as caught:
        kit.attendance.mark(meeting_id, branch.people["Khoa"], AttendanceStatus.PRESENT)
    assert "Đặng Văn Khoa" in caught.value.message and "05/11/2026" in caught.value.message


def test_mark_unknown_meeting_or_person(kit: Kit, branch: Branch) -> None:
    """Wrong ids are NotFoundError in Vietnamese."""
    meeting_id = new_meeting(kit, branch.branch_id)
    with pytest.raises(NotFoundError, match="buổi sinh hoạt"):
        kit.attendance.mark(9999, branch.people["An"], AttendanceStatus.PRESENT)
    with pytest.raises(NotFoundError, match="người"):
        kit.attendance.mark(meeting_id, 9999, AttendanceStatus.PRESENT)


def test_mark_all_present_keeps_marked_absences(kit: Kit, branch: Branch) -> None:
    """One button marks everyone not yet marked; with overwrite, everyone."""
    meeting_id = new_meeting(kit, branch.branch_id)
    kit.attendance.mark(meeting_id, branch.people["Bình"], AttendanceStatus.ABSENT_EXCUSED, "đi công tác")
    kit.attendance.mark_all_present(meeting_id)
    counts = kit.attendance.counts(meeting_id)
    assert (counts.present, counts.absent_excused, counts.unmarked) == (7, 1, 0)
    assert kit.attendance.roll(meeting_id).exempt[0].status is None
    kit.attendance.mark_all_present(meeting_id, overwrite=True)
    assert kit.attendance.counts(meeting_id).present == 8


def test_marks_are_audited(kit: Kit, branch: Branch, services: Services) -> None:
    """Each mark writes an audit line on the meeting."""
    meeting_id = new_meeting(kit, branch.branch_id)
    kit.attendance.mark(meeting_id, branch.people["Cường"], AttendanceStatus.ABSENT_UNEXCUSED)
    summaries = [row["summary"] for row in audit_repo.entries(services.db, "meeting", meeting_id)]
    assert "Điểm danh “Lê Văn Cường”: Vắng không lý do" in summaries


def test_place_on_pure_rules() -> None:
    """Retired before the day, suspended, or no party membership: not on the roll."""
    facts = PersonFacts(person_id=1, full_name="A", sort_key="a", position="", organization_id=7,
                        status=PersonStatus.ACTIVE, retired_on=None,
                        memberships=(MembershipFact(MembershipKind.PARTY_OFFICIAL, date(2010, 1, 1), None),),
                        statuses=(StatusFact(PersonStatus.ACTIVE, date(2010, 1, 1), 7),))
    scope = frozenset({7})
    assert rules.place_on(facts, MEETING_DAY, scope) is not None
    assert rules.place_on(facts, MEETING_DAY, frozenset({8})) is None
    retired = PersonFacts(**{**facts.__dict__, "retired_on": date(2026, 1, 1)})
    assert rules.place_on(retired, MEETING_DAY, scope) is None
    suspended = PersonFacts(**{**facts.__dict__, "statuses": (
        *facts.statuses, StatusFact(PersonStatus.SUSPENDED, date(2026, 5, 1), 7))})
    assert rules.place_on(suspended, MEETING_DAY, scope) is None
    no_party = PersonFacts(**{**facts.__dict__, "memberships": (
        MembershipFact(MembershipKind.CIVIL_SERVANT, None, None),)})
    assert rules.place_on(no_party, MEETING_DAY, scope) is None


def test_space_cycles_present_excused_unexcused() -> None:
    """Not marked → present → absent with reason → absent without reason → present; late → present."""
    seen = [rules.next_status(None)]
    for _ in range(3):
        seen.append(rules.next_status(seen[-1]))
    assert seen == [AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_EXCUSED,
                    AttendanceStatus.ABSENT_UNEXCUSED, AttendanceStatus.PRESENT]
    assert rules.next_status(AttendanceStatus.LATE) is AttendanceStatus.PRESENT
