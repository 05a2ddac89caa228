"""Use cases for attendance: the roll of a meeting, marking it, the counts and the vote base.

Who is on the roll, how members are grouped and who may vote are the pure rules of
:mod:`khoi_desktop.domain.attendance` (read their docstrings). A mark stores the membership
kind of the day as a snapshot; the roll of a meeting without a register number is recomputed
from the people's records (who belonged to the organisation on its date), so a correction
there shows at once, and a mark left behind for someone no longer on it is neither shown nor
counted. Once a document of the meeting carries a number, its roll is kept: the people marked
then (and the exempt members listed apart), whatever is added or moved later, so the figures
and a reprint stay exactly as printed. Study meetings (the MEETING preset's study kinds) have
everyone who studies on their roll, not only Party members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain import attendance as rules
from khoi_desktop.domain.attendance import AttendanceCounts, Placement, Roll, RollEntry
from khoi_desktop.domain.enums import AttendanceStatus, MembershipKind, PersonStatus
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meetings import Meeting
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.presets import MEETING, study_kinds
from khoi_desktop.domain.vntext import clean, format_date
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import attendance_repo as repo
from khoi_desktop.storage import documents_repo, meetings_repo, presets_repo
from khoi_desktop.storage import organizations_repo as org_repo

MEETING_SOURCE = "meeting"  # the register's source kind of a meeting's documents


@dataclass(frozen=True)
class _Scope:
    meeting: Meeting
    organizations: frozenset[int]
    everyone: bool  # a study meeting: everyone who studies is expected
    kept: bool  # a document of the meeting carries a number: the roll is the one printed


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
        for facts in repo.person_facts(self._db, tuple(sorted(scope.organizations)), day, everyone=scope.everyone):
            placement = rules.place_on(facts, day, scope.organizations, scope.everyone)
            if placement is None or (scope.kept and facts.person_id in marks):
                continue
            if scope.kept and not placement.exempt:
                continue  # a kept roll: nobody unmarked joins it
            status, _, reason = marks.get(facts.person_id, (None, "", ""))
            entry = rules.entry_for(facts, placement, status, reason)
            (exempt if entry.exempt else entries).append(entry)
        if scope.kept:
            for entry in self._kept_entries(scope, marks):
                (exempt if entry.exempt else entries).append(entry)
            entries.sort(key=lambda e: (e.sort_key, e.person_id))
            exempt.sort(key=lambda e: (e.sort_key, e.person_id))
        return Roll(meeting_id=meeting_id, day=day, entries=tuple(entries), exempt=tuple(exempt))

    def _kept_entries(self, scope: _Scope, marks: dict[int, tuple[AttendanceStatus, str, str]]) -> list[RollEntry]:
        """The marked people of a numbered meeting, placed as on its day (else by their marked kind)."""
        day, found = scope.meeting.date, []
        for facts in repo.person_facts(self._db, (), day, everyone=True, marked_at=scope.meeting.id):
            status, kind, reason = marks[facts.person_id]
            placement = rules.place_on(facts, day, scope.organizations, True) or _as_marked(kind)
            found.append(rules.entry_for(facts, placement, status, reason))
        return found

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
        everyone = self.is_study(meeting.kind.value, meeting.date)
        kept = bool(documents_repo.of_source(self._db, MEETING_SOURCE, meeting_id)) and bool(
            repo.marks(self._db, meeting_id))
        if org is not None and rules.scope_includes_children(org.kind.value):
            return _Scope(meeting, frozenset(org_repo.descendant_ids(self._db, org.id)), everyone, kept)
        return _Scope(meeting, frozenset({meeting.organization_id}), everyone, kept)

    def is_study(self, meeting_kind: str, day: date) -> bool:
        """Whether meetings of this kind are study meetings under the MEETING preset of that year."""
        preset = presets_repo.preset_on(self._db, MEETING, date(day.year, 12, 31))
        return meeting_kind in study_kinds(preset.data if preset else {})

    def _entry(self, meeting_id: int, person_id: int) -> RollEntry:
        """The roll line of one person, computed alone (fast enough for one keystroke)."""
        scope = self._scope(meeting_id)
        day = scope.meeting.date
        for facts in repo.person_facts(self._db, (), day, person_id=person_id, everyone=scope.everyone):
            placement = rules.place_on(facts, day, scope.organizations, scope.everyone)
            marked = repo.marks(self._db, meeting_id).get(person_id) if scope.kept else None
            if scope.kept and marked is None and (placement is None or not placement.exempt):
                placement = None  # a kept roll takes nobody new
            elif marked is not None:
                placement = placement or _as_marked(marked[1])
            if placement is not None:
                return rules.entry_for(facts, placement)
            raise ValidationError("person_id", f"“{facts.full_name}” không có trong danh sách điểm danh "
                                  f"của {scope.meeting.organization_name} ngày {format_date(day)}.")
        raise NotFoundError(f"Không có người mã số {person_id}.")


def _as_marked(kind: str) -> Placement:
    """A marked person the records no longer place on the day: kept as marked, by the kind then."""
    try:
        membership = MembershipKind(kind)
    except ValueError:
        membership = MembershipKind.PARTY_OFFICIAL
    return Placement(membership, PersonStatus.ACTIVE)
