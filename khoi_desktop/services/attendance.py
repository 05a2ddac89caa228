"""Use cases for attendance: the roll of a meeting, marking it, the counts and the vote base.

Who is on the roll, how members are grouped and who may vote are the pure rules of
:mod:`khoi_desktop.domain.attendance` (read their docstrings). A mark stores the membership
kind of the day as a snapshot; the roll itself is always recomputed from the people's
records, so a correction there shows at once. A mark left behind for someone who is no
longer on the roll (their records were corrected) is kept but neither shown nor counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from khoi_desktop.domain import attendance as rules
from khoi_desktop.domain.attendance import AttendanceCounts, Roll, RollEntry
from khoi_desktop.domain.enums import AttendanceStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meetings import Meeting
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import clean, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import attendance_repo as repo
from khoi_desktop.storage import meetings_repo
from khoi_desktop.storage import organizations_repo as org_repo


@dataclass(frozen=True)
class _Scope:
    meeting: Meeting
    organizations: frozenset[int]


class AttendanceService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    # -- reads ------------------------------------------------------------------
    def roll(self, meeting_id: int) -> Roll:
        """Everyone expected at the meeting with their marks; exempt members apart."""
        scope = self._scope(meeting_id)
        day = scope.meeting.date
        marks = repo.marks(self._db, meeting_id)
        entries: list[RollEntry] = []
        exempt: list[RollEntry] = []
        for facts in repo.person_facts(self._db, tuple(sorted(scope.organizations)), day):
            placement = rules.place_on(facts, day, scope.organizations)
            if placement is None:
                continue
            status, _, reason = marks.get(facts.person_id, (None, "", ""))
            entry = rules.entry_for(facts, placement, status, reason)
            (exempt if entry.exempt else entries).append(entry)
        return Roll(meeting_id=meeting_id, day=day, entries=tuple(entries), exempt=tuple(exempt))

    def counts(self, meeting_id: int) -> AttendanceCounts:
        """Total, present, absent with and without reason by kind; the exempt number; the vote base."""
        return rules.count(self.roll(meeting_id))

    def vote_base(self, meeting_id: int) -> int:
        """Official members of the organisation present (see ``domain.attendance.vote_base``)."""
        return rules.vote_base(self.roll(meeting_id))

    # -- writes -----------------------------------------------------------------
    def mark(self, meeting_id: int, person_id: int, status: AttendanceStatus | None, reason: str = "") -> Changes:
        """Mark one person (None clears the mark); the reason is kept except for 'present'."""
        status = AttendanceStatus(status) if status is not None else None
        reason = "" if status in (None, AttendanceStatus.PRESENT) else clean(reason)
        if len(reason) > 500:
            raise ValidationError("reason", "Lý do quá dài (tối đa 500 ký tự).")
        with self._db.atomic():
            entry = self._entry(meeting_id, person_id)
            if status is None:
                repo.delete_mark(self._db, meeting_id, person_id)
            else:
                repo.upsert_marks(self._db, meeting_id, [(person_id, status, entry.membership_kind.value, reason)])
            label = status.label if status else "Chưa điểm danh"
            self._ctx.audit("attendance", "meeting", meeting_id, f"Điểm danh “{entry.full_name}”: {label}",
                            {"person_id": person_id, "status": status.value if status else "", "reason": reason})
        return Changes(attendance=True, ids=(meeting_id,))

    def mark_all_present(self, meeting_id: int, *, overwrite: bool = False) -> Changes:
        """Mark everyone not yet marked present (with ``overwrite``, everyone on the roll)."""
        with self._db.atomic():
            roll = self.roll(meeting_id)
            chosen = [entry for entry in roll.entries if overwrite or entry.status is None]
            repo.upsert_marks(self._db, meeting_id, [
                (entry.person_id, AttendanceStatus.PRESENT, entry.membership_kind.value, "") for entry in chosen
            ])
            self._ctx.audit("attendance", "meeting", meeting_id,
                            f"Điểm danh: {len(chosen)} đồng chí có mặt", {"person_ids": [e.person_id for e in chosen]})
        return Changes(attendance=True, ids=(meeting_id,))

    # -- helpers ----------------------------------------------------------------
    def _scope(self, meeting_id: int) -> _Scope:
        meeting = meetings_repo.get_meeting(self._db, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Không có buổi sinh hoạt mã số {meeting_id}.")
        org = org_repo.get_organization(self._db, meeting.organization_id)
        if org is not None and rules.scope_includes_children(org.kind.value):
            return _Scope(meeting, frozenset(org_repo.descendant_ids(self._db, org.id)))
        return _Scope(meeting, frozenset({meeting.organization_id}))

    def _entry(self, meeting_id: int, person_id: int) -> RollEntry:
        """The roll line of one person, computed alone (fast enough for one keystroke)."""
        scope = self._scope(meeting_id)
        day = scope.meeting.date
        for facts in repo.person_facts(self._db, (), day, person_id=person_id):
            placement = rules.place_on(facts, day, scope.organizations)
            if placement is not None:
                return rules.entry_for(facts, placement)
            raise ValidationError("person_id", f"“{facts.full_name}” không có trong danh sách đảng viên "
                                  f"của {scope.meeting.organization_name} ngày {format_date(day)}.")
        raise NotFoundError(f"Không có người mã số {person_id}.")
