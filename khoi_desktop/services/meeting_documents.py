"""Print the documents of a meeting: minutes, sign-in sheet, resolution or conclusion notice.

The service gathers plain report data from the database (:meth:`minutes_data` …), takes the
page layout from the LAYOUT preset in force on the meeting's date, numbers the document
from the register (:meth:`number_for`) and writes the PDF through a temporary file, so a
failure leaves neither a half file nor a used number. Identical data give identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from khoi_desktop.domain import issuers
from khoi_desktop.domain import meeting_texts as wording
from khoi_desktop.domain.attendance import Roll, RollEntry, RollGroup, vote_base
from khoi_desktop.domain.enums import AttendanceStatus
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import AgendaItem, Meeting, at_time
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.presets import LAYOUT
from khoi_desktop.domain.vntext import format_date
from khoi_desktop.reports import meeting_docs as docs
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.minutes_pdf import TYPE_CODE as MINUTES_CODE
from khoi_desktop.reports.minutes_pdf import build_minutes_bytes
from khoi_desktop.reports.resolution_pdf import build_resolution_bytes
from khoi_desktop.reports.sign_in_sheet_pdf import build_sign_in_sheet_bytes
from khoi_desktop.services.attendance import AttendanceService
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.file_writes import checked_target, replace_file
from khoi_desktop.services.meetings import SOURCE_KIND, MeetingService
from khoi_desktop.storage import documents_repo, presets_repo
from khoi_desktop.storage import organizations_repo as org_repo

_BLANK = "…………"
# The stored LAYOUT preset names sizes '…_pt'; LayoutSpec names them '…_size'.
_LAYOUT_RENAMES = {"page": "page_size", "doc_type_pt": "document_type_size",
                   "recipients_title_pt": "recipients_heading_size"}


@dataclass(frozen=True)
class PrintedDocument:
    """A PDF written for a meeting; ``number_text`` is '' for an unnumbered sheet."""

    path: Path
    title: str
    number: int | None
    number_text: str
    changes: Changes


class MeetingDocumentService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._meetings = MeetingService(context)
        self._attendance = AttendanceService(context)

    # -- the register -----------------------------------------------------------------
    def number_for(self, organization_id: int, doc_type: str, source_kind: str, source_id: int,
                   issued_on: date, title: str = "", requested: int | None = None) -> int:
        """The register number of a document: the same source and type keeps its number.

        A new document takes the next number of its type in the organisation's term in force
        on ``issued_on`` (numbers restart with each term). When the organisation has no term
        recorded for that date, numbers run per calendar year instead. Numbers are never
        reused: register rows are never deleted (a meeting with one cannot be deleted).
        """
        with self._db.atomic():
            known = documents_repo.by_source(self._db, source_kind, source_id, doc_type)
            if known is not None:
                if requested is not None and requested != known.number:
                    raise ValidationError("number", f"Văn bản này đã mang số {known.number:02d}-{doc_type}; "
                                          "bản in lại giữ số đó.")
                return known.number
            term = org_repo.term_on(self._db, organization_id, issued_on)
            term_id = term["id"] if term else None
            highest = documents_repo.highest_number(self._db, organization_id, doc_type, term_id, issued_on.year)
            number = highest + 1 if requested is None else requested
            if requested is not None and documents_repo.number_taken(self._db, organization_id, doc_type, term_id,
                                                                     issued_on.year, requested):
                raise ValidationError("number", f"Số {requested:02d}-{doc_type} đã cấp cho văn bản khác trong "
                                      "nhiệm kỳ này; hãy chọn số khác hoặc để trống để lấy số tiếp theo.")
            documents_repo.insert_document(
                self._db, organization_id=organization_id, term_id=term_id, doc_type=doc_type, number=number,
                issued_on=issued_on, title=title, source_kind=source_kind, source_id=source_id)
            self._ctx.audit("number", "document", source_id, f"Cấp số {number:02d}-{doc_type}: {title}",
                            {"source_kind": source_kind, "term_id": term_id})
        return number

    def layout_on(self, day: date) -> LayoutSpec:
        """The page layout of the LAYOUT preset in force on ``day``."""
        preset = presets_repo.preset_on(self._db, LAYOUT, day)
        return LayoutSpec.from_mapping(layout_values(preset.data if preset else {}))

    # -- report data ---------------------------------------------------------------------
    def minutes_data(self, meeting_id: int, number: int | None = None) -> docs.MinutesData:
        """Everything the biên bản prints; refused while someone on the roll is not marked."""
        meeting, org = self._meeting(meeting_id)
        roll = self._attendance.roll(meeting_id)
        _require_minutes_fields(meeting, roll)
        positions = {entry.person_id: entry.position for entry in (*roll.entries, *roll.exempt)}
        return docs.MinutesData(
            issuer=self.issuer(org, meeting.date), number=number, summary=wording.summary(meeting, org.kind),
            starts_at=at_time(meeting.date, meeting.start_time), ends_at=at_time(meeting.date, meeting.end_time),
            venue=meeting.place or _BLANK,
            chair=docs.Participant(meeting.chair_name, positions.get(meeting.chair_person_id or 0, "")),
            secretary=docs.Participant(meeting.secretary_name, positions.get(meeting.secretary_person_id or 0, "")),
            guests=tuple(docs.Participant(g.name, g.position, g.organisation) for g in meeting.guests),
            member_groups=_member_groups(roll), non_party=_non_party_group(roll),
            exempt_members=tuple(docs.NameWithReason(e.full_name, e.exempt_note) for e in roll.exempt),
            agenda=tuple(_agenda_item(item) for item in meeting.agenda),
            talks=tuple(docs.Talk(docs.Participant(t.person_name, positions.get(t.person_id, "")), t.topic, t.note)
                        for t in meeting.talks if t.delivered),
            votes=_votes(meeting, vote_base(roll)),  # from the roll above: one roll query, not two
            quality_rating=meeting.quality_rating, quality_score=meeting.quality_points,
            closing_note=wording.closing_note(org.kind),
        )

    def sign_in_sheet_data(self, meeting_id: int) -> docs.SignInSheetData:
        """Everyone expected, numbered, in Vietnamese name order (exempt members are not listed)."""
        meeting, org = self._meeting(meeting_id)
        rows = tuple(docs.SignInRow(e.full_name, e.position) for e in self._attendance.roll(meeting_id).entries)
        return docs.SignInSheetData(issuer=self.issuer(org), meeting_on=meeting.date,
                                    summary=wording.summary(meeting, org.kind), rows=rows,
                                    title=self._sign_in_title(meeting))

    def _sign_in_title(self, meeting: Meeting) -> str:
        return wording.sign_in_title(self._attendance.is_study(meeting.kind.value, meeting.date))

    def resolution_data(self, meeting_id: int, number: int | None = None) -> docs.ResolutionData:
        """The nghị quyết or thông báo kết luận the meeting adopted, signed T/M by the chair."""
        meeting, org = self._meeting(meeting_id)
        if meeting.outcome_kind is None or not meeting.outcome_text:
            raise ValidationError("outcome_kind", f"Buổi sinh hoạt ngày {format_date(meeting.date)} chưa có nghị quyết "
                                  "hoặc thông báo kết luận để in.")
        position = self._attendance_position(meeting_id, meeting.chair_person_id)
        issuer = self.issuer(org, meeting.date)
        summary = wording.summary(meeting, org.kind)
        intro, sections = wording.split_outcome(meeting.outcome_text)
        opening = wording.default_preamble(meeting, org.name, issuer.signing_body, summary, position)
        return docs.ResolutionData(
            kind=docs.ResolutionKind(meeting.outcome_kind.value), issuer=issuer, number=number,
            issued_on=meeting.date, summary=summary,
            signer_name=meeting.chair_name or _BLANK, signer_title=wording.signer_title(position),
            preamble="\n".join(part for part in (opening, intro) if part),
            sections=tuple(docs.ResolutionSection(heading, body) for heading, body in sections),
            recipients=wording.recipients(
                issuers.report_recipient(issuer.superior, self.level_style(org, meeting.date)), org.kind),
        )

    def issuer(self, org: Organization, on: date | None = None) -> docs.PartyIssuer:
        """The header's issuing body by level, per the LAYOUT preset in force on ``on`` (default today).

        The superior is the organisation's field, else its parent's name; a đảng bộ issues
        through its committee (HD 36: 'ĐẢNG BỘ KHỐI … / ĐẢNG ỦY SỞ …').
        """
        superior = org.superior_name
        if not superior and org.parent_id is not None:
            parent = org_repo.get_organization(self._db, org.parent_id)
            superior = parent.name if parent else ""
        style = self.level_style(org, on)
        return docs.PartyIssuer(name=issuers.issuing_name(org.name, style), superior=superior, place=org.place_name,
                                code=org.doc_code or wording.default_code(org.kind), signing_body=style.signing_body,
                                archive=style.archive)

    def level_style(self, org: Organization, on: date | None = None) -> issuers.LevelStyle:
        preset = presets_repo.preset_on(self._db, LAYOUT, on or self._ctx.today())
        return issuers.level_style(org.kind, preset.data if preset else None)

    # -- files ----------------------------------------------------------------------------
    def write_minutes(self, meeting_id: int, target: Path, *, register: bool = True) -> PrintedDocument:
        """Write the biên bản; ``register`` False (a preview) uses a number only if one was given."""
        return self._write(meeting_id, target, MINUTES_CODE, register,
                           lambda number: build_minutes_bytes(self.minutes_data(meeting_id, number),
                                                              self._layout(meeting_id)))

    def write_resolution(self, meeting_id: int, target: Path, *, register: bool = True) -> PrintedDocument:
        meeting, _ = self._meeting(meeting_id)
        code = meeting.outcome_kind.value if meeting.outcome_kind else docs.ResolutionKind.RESOLUTION.value
        return self._write(meeting_id, target, code, register,
                           lambda number: build_resolution_bytes(self.resolution_data(meeting_id, number),
                                                                 self._layout(meeting_id)))

    def write_sign_in_sheet(self, meeting_id: int, target: Path) -> PrintedDocument:
        """The sign-in sheet carries no number and is not registered."""
        return self._write(meeting_id, target, None, False,
                           lambda _: build_sign_in_sheet_bytes(self.sign_in_sheet_data(meeting_id),
                                                               self._layout(meeting_id)))

    # -- helpers ----------------------------------------------------------------------------
    def _meeting(self, meeting_id: int) -> tuple[Meeting, Organization]:
        meeting = self._meetings.get(meeting_id)
        org = org_repo.get_organization(self._db, meeting.organization_id)
        assert org is not None  # a foreign key keeps it
        return meeting, org

    def _layout(self, meeting_id: int) -> LayoutSpec:
        return self.layout_on(self._meetings.get(meeting_id).date)

    def _attendance_position(self, meeting_id: int, person_id: int | None) -> str:
        roll = self._attendance.roll(meeting_id)
        return next((e.position for e in (*roll.entries, *roll.exempt) if e.person_id == person_id), "")

    def _write(self, meeting_id: int, target: Path, doc_type: str | None, register: bool,
               build: Callable[[int | None], bytes]) -> PrintedDocument:
        """Number (or look up the number), build, write atomically: all in one transaction."""
        target = checked_target(target)
        with self._db.atomic():
            meeting, org = self._meeting(meeting_id)
            kind_title = wording.DOCUMENT_TITLES[doc_type] if doc_type else self._sign_in_title(meeting)
            title = f"{kind_title} {wording.summary(meeting, org.kind)}"
            number = self._number(meeting, doc_type, register, title)
            pdf = build(number)
            replace_file(target, pdf)
            number_text = f"Số {number:02d}-{doc_type}/{self.issuer(org).code}" if number is not None else ""
            self._ctx.audit("print", "meeting", meeting_id, f"In {title} {number_text}".strip(),
                            {"path": str(target), "doc_type": doc_type or "sign_in"})
        return PrintedDocument(target, title, number, number_text, Changes(meetings=True, ids=(meeting_id,)))

    def _number(self, meeting: Meeting, doc_type: str | None, register: bool, title: str) -> int | None:
        if doc_type is None:
            return None
        if register:
            return self.number_for(meeting.organization_id, doc_type, SOURCE_KIND, meeting.id, meeting.date, title)
        known = documents_repo.by_source(self._db, SOURCE_KIND, meeting.id, doc_type)
        return known.number if known else None


def layout_values(preset: dict[str, Any]) -> dict[str, Any]:
    """A LAYOUT preset's data under LayoutSpec's field names (unknown keys are left to it to ignore)."""
    values: dict[str, Any] = {}
    for key, value in preset.items():
        name = _LAYOUT_RENAMES.get(key) or (key[:-3] + "_size" if key.endswith("_pt") else key)
        values[name] = value
    indent = preset.get("first_line_indent_cm")
    if isinstance(indent, int | float) and not isinstance(indent, bool):
        values["body_indent_mm"] = indent * 10
    return values


def _require_minutes_fields(meeting: Meeting, roll: Roll) -> None:
    if not meeting.start_time:
        raise ValidationError("start_time", "Hãy ghi giờ bắt đầu trước khi in biên bản.")
    if not meeting.chair_name or not meeting.secretary_name:
        raise ValidationError("chair_name", "Hãy ghi người chủ trì và thư ký trước khi in biên bản.")
    if roll.unmarked:
        names = ", ".join(entry.full_name for entry in roll.unmarked[:3])
        more = "…" if len(roll.unmarked) > 3 else ""
        who = "đảng viên" if all(entry.group.is_party for entry in roll.unmarked) else "người"
        raise ValidationError("attendance", f"Còn {len(roll.unmarked)} {who} chưa điểm danh ({names}{more}): "
                              "hãy điểm danh xong trước khi in biên bản.")


def _member_groups(roll: Roll) -> tuple[docs.MemberGroup, ...]:
    """Official members always; probationary and temporary ones when there are any (Party members only)."""
    groups = []
    for group in (g for g in RollGroup if g.is_party):
        mine = [entry for entry in roll.entries if entry.group is group]
        if not mine and group is not RollGroup.OFFICIAL:
            continue
        groups.append(_group(group.label, mine))
    return tuple(groups)


def _non_party_group(roll: Roll) -> docs.MemberGroup | None:
    """The people outside the Party on a study meeting's roll; None when there are none (every ordinary
    meeting, and a numbered study meeting kept from before they could be on it, prints as it did)."""
    mine = [entry for entry in roll.entries if entry.group is RollGroup.NON_PARTY]
    return _group(wording.NON_PARTY_LABEL, mine) if mine else None


def _group(label: str, entries: list[RollEntry]) -> docs.MemberGroup:
    return docs.MemberGroup(
        kind=label, total=len(entries), present=sum(1 for entry in entries if entry.present),
        absent_with_reason=tuple(docs.NameWithReason(e.full_name, e.reason) for e in entries
                                 if e.status is AttendanceStatus.ABSENT_EXCUSED),
        absent_without_reason=tuple(e.full_name for e in entries if e.status is AttendanceStatus.ABSENT_UNEXCUSED),
    )


def _agenda_item(item: AgendaItem) -> docs.AgendaItem:
    speeches = tuple(docs.Speech(speech.speaker_name, speech.opinion) for speech in item.speeches)
    return docs.AgendaItem(title=item.title, content=item.content, speeches=speeches, conclusion=item.conclusion)


def _votes(meeting: Meeting, base: int) -> tuple[docs.VoteResult, ...]:
    """Votes over the vote base as the attendance stands now; refused if they no longer fit."""
    for vote in meeting.votes:
        if vote.agree + vote.disagree + vote.other > base:
            raise ValidationError("votes", f"“{vote.subject}”: tổng số biểu quyết vượt số đảng viên có quyền biểu "
                                  f"quyết theo điểm danh hiện nay ({base}); hãy sửa lại kết quả biểu quyết.")
    return tuple(docs.VoteResult(v.subject, v.agree, v.disagree, v.other, base) for v in meeting.votes)

