"""Use cases for meetings: create from a template, edit, guests, agenda, votes, rating, talks.

Every write cleans its text (NFC), validates, runs in one transaction, writes the audit
log and returns :class:`Changes`. Rule-driven numbers (minimum length, rating bands) come
from the MEETING preset in force on the meeting's date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from khoi_desktop.domain import meetings as rules
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.meetings import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingInput,
    MeetingRow,
    OutcomeKind,
    Speech,
    Vote,
)
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.presets import MEETING
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date
from khoi_desktop.services.attendance import MEETING_SOURCE, AttendanceService
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.templates import TemplateService
from khoi_desktop.storage import documents_repo, presets_repo
from khoi_desktop.storage import meetings_repo as repo
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage.rows import scalar

SOURCE_KIND = MEETING_SOURCE
MAX_TEXT = 20_000


@dataclass(frozen=True)
class MeetingSaved:
    meeting_id: int
    changes: Changes
    warnings: tuple[str, ...] = ()


class MeetingService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._attendance = AttendanceService(context)
        self._templates = TemplateService(context)

    # -- the head ---------------------------------------------------------------
    def create(self, data: MeetingInput, template_id: int | None = None) -> MeetingSaved:
        """A new meeting whose agenda comes from the template (chosen, or the kind's first)."""
        cleaned = self._check_head(data)
        template = self._templates.for_kind(cleaned.kind, template_id)
        with self._db.atomic():
            meeting_id = repo.insert_meeting(self._db, cleaned)
            repo.replace_agenda(self._db, meeting_id, [AgendaItem(title) for title in template.agenda])
            self._ctx.audit("create", "meeting", meeting_id,
                            f"Thêm buổi {cleaned.kind.label.lower()} ngày {format_date(cleaned.date)}",
                            {**_plain(cleaned), "template": template.name})
        return MeetingSaved(meeting_id, Changes(meetings=True, ids=(meeting_id,)), self._warnings(cleaned))

    def update(self, meeting_id: int, data: MeetingInput) -> MeetingSaved:
        """Change date, times, place, chair, secretary, title, note (the organisation stays)."""
        cleaned = self._check_head(data)
        with self._db.atomic():
            before = self._head(meeting_id)
            if cleaned.organization_id != before.organization_id:
                raise ValidationError("organization_id", "Không thể chuyển buổi sinh hoạt sang tổ chức khác.")
            repo.update_meeting(self._db, meeting_id, cleaned)
            self._ctx.audit("update", "meeting", meeting_id, "Sửa thông tin buổi sinh hoạt",
                            {"before": _plain(before.to_input()), "after": _plain(cleaned)})
        return MeetingSaved(meeting_id, Changes(meetings=True, ids=(meeting_id,)), self._warnings(cleaned))

    def delete(self, meeting_id: int) -> Changes:
        """Delete a meeting and all it holds; refused once a numbered document was printed."""
        with self._db.atomic():
            meeting = self._head(meeting_id)
            printed = documents_repo.of_source(self._db, SOURCE_KIND, meeting_id)
            if printed:
                numbers = ", ".join(f"Số {doc.number:02d}-{doc.doc_type}" for doc in printed)
                raise ValidationError("meeting", f"Buổi sinh hoạt ngày {format_date(meeting.date)} đã in văn bản "
                                      f"có số ({numbers}) nên không thể xóa; số văn bản không được dùng lại.")
            self._db.execute("DELETE FROM talks WHERE meeting_id = ?", [meeting_id])
            repo.delete_meeting(self._db, meeting_id)
            self._ctx.audit("delete", "meeting", meeting_id,
                            f"Xóa buổi {meeting.kind.label.lower()} ngày {format_date(meeting.date)}")
        return Changes(meetings=True, attendance=True, ids=(meeting_id,))

    # -- parts --------------------------------------------------------------------
    def set_guests(self, meeting_id: int, guests: Sequence[Guest]) -> Changes:
        cleaned = [Guest(clean(g.name), clean(g.position), clean(g.organisation)) for g in guests]
        if any(not guest.name for guest in cleaned):
            raise ValidationError("guests", "Mỗi khách mời cần có họ tên.")
        return self._write_part(meeting_id, "guests", "Cập nhật khách mời",
                                lambda: repo.replace_guests(self._db, meeting_id, cleaned),
                                [guest.name for guest in cleaned])

    def set_agenda(self, meeting_id: int, items: Sequence[AgendaItem]) -> Changes:
        """The whole agenda in order, each item with its speeches and conclusion."""
        cleaned = [self._clean_item(item) for item in items]
        return self._write_part(meeting_id, "agenda", "Cập nhật nội dung sinh hoạt",
                                lambda: repo.replace_agenda(self._db, meeting_id, cleaned),
                                [item.title for item in cleaned])

    def set_votes(self, meeting_id: int, votes: Sequence[Vote]) -> Changes:
        """Votes checked against the vote base computed from the attendance now."""
        base = self._attendance.vote_base(meeting_id)
        if base == 0 and votes:
            raise ValidationError("votes", "Chưa có đảng viên chính thức nào có mặt (số có quyền biểu quyết là 0): "
                                  "hãy điểm danh trước khi ghi kết quả biểu quyết.")
        cleaned = [rules.check_vote(vote, base) for vote in votes]
        return self._write_part(meeting_id, "votes", "Cập nhật kết quả biểu quyết",
                                lambda: repo.replace_votes(self._db, meeting_id, cleaned),
                                [[v.subject, v.agree, v.disagree, v.other, base] for v in cleaned])

    def rate(self, meeting_id: int, *, points: int | None = None, rating: str | None = None) -> Changes:
        """The quality rating: chosen, or from the preset's bands by points; both None clears it."""
        meeting = self._head(meeting_id)
        bands = self.meeting_rules(meeting.date).get("quality_bands", [])
        if points is not None and not 0 <= points <= 100:
            raise ValidationError("quality_points", "Điểm chất lượng sinh hoạt phải từ 0 đến 100.")
        chosen = clean(rating) if rating is not None else ""
        if chosen and chosen not in rules.band_labels(bands):
            raise ValidationError("quality_rating", f"Mức “{chosen}” không có trong quy định đang áp dụng "
                                  f"({', '.join(rules.band_labels(bands))}).")
        if not chosen and points is not None:
            chosen = rules.rating_for_points(points, bands)
        return self._write_part(meeting_id, "rating", f"Đánh giá chất lượng sinh hoạt: {chosen or 'chưa đánh giá'}",
                                lambda: repo.set_fields(self._db, meeting_id, quality_rating=chosen,
                                                        quality_points=points), [chosen, points])

    def set_outcome(self, meeting_id: int, kind: OutcomeKind | None, text: str) -> Changes:
        """The resolution or conclusion the meeting adopted (printed as Nghị quyết / Thông báo kết luận)."""
        body = clean_multiline(text)
        if kind is None and body:
            raise ValidationError("outcome_kind", "Hãy chọn loại văn bản: nghị quyết hay thông báo kết luận.")
        if len(body) > MAX_TEXT:
            raise ValidationError("outcome_text", f"Nội dung quá dài (tối đa {MAX_TEXT} ký tự).")
        value = OutcomeKind(kind).value if kind is not None else ""
        return self._write_part(meeting_id, "outcome", "Cập nhật nghị quyết, kết luận",
                                lambda: repo.set_fields(self._db, meeting_id, outcome_kind=value,
                                                        outcome_text=body), [value, body])

    # -- talks --------------------------------------------------------------------
    def assign_talk(self, meeting_id: int, person_id: int, topic: str, note: str = "") -> Changes:
        """Assign a member to prepare a talk on ``topic`` for the meeting."""
        topic = clean(topic)
        if not topic:
            raise ValidationError("topic", "Hãy ghi chủ đề phát biểu.")
        with self._db.atomic():
            self._head(meeting_id)
            name = self._person_name(person_id, "person_id")
            talk_id = repo.insert_talk(self._db, meeting_id, person_id, topic, self._ctx.today(),
                                       clean_multiline(note))
            self._ctx.audit("talk", "meeting", meeting_id, f"Phân công “{name}” chuẩn bị phát biểu: {topic}",
                            {"talk_id": talk_id, "person_id": person_id})
        return Changes(meetings=True, ids=(meeting_id, talk_id))

    def set_talk_delivered(self, talk_id: int, delivered: bool = True, note: str | None = None) -> Changes:
        """Mark a talk delivered (it then appears in the minutes), with an optional summary."""
        meeting_id = self._talk_meeting(talk_id)
        talk = next(t for t in repo.talks_of(self._db, meeting_id) if t.id == talk_id)
        text = talk.note if note is None else clean_multiline(note)
        return self._write_part(meeting_id, "talk", f"“{talk.person_name}”: "
                                f"{'đã phát biểu' if delivered else 'chưa phát biểu'}",
                                lambda: repo.set_talk(self._db, talk_id, delivered, text), [talk_id, delivered])

    def delete_talk(self, talk_id: int) -> Changes:
        meeting_id = self._talk_meeting(talk_id)
        return self._write_part(meeting_id, "talk", "Hủy phân công phát biểu",
                                lambda: repo.delete_talk(self._db, talk_id), [talk_id])

    # -- reads --------------------------------------------------------------------
    def get(self, meeting_id: int) -> Meeting:
        """The meeting with its guests, agenda, votes, talks and numbered documents."""
        meeting = self._head(meeting_id)
        return replace(
            meeting, guests=repo.guests_of(self._db, meeting_id), agenda=repo.agenda_of(self._db, meeting_id),
            votes=repo.votes_of(self._db, meeting_id), talks=repo.talks_of(self._db, meeting_id),
            documents=tuple(documents_repo.of_source(self._db, SOURCE_KIND, meeting_id)),
        )

    def list(self, organization_ids: tuple[int, ...] | None = None, year: int | None = None) -> list[MeetingRow]:
        return repo.list_meetings(self._db, organization_ids, year)

    def first_year(self) -> int | None:
        """The year the stored meetings start in (the meetings page lists the years from it)."""
        return repo.first_year(self._db)

    def meeting_rules(self, on: date) -> dict[str, Any]:
        """The MEETING preset's data in force on ``on`` (min_minutes, quality_bands, …)."""
        preset = presets_repo.preset_on(self._db, MEETING, on)
        return dict(preset.data) if preset else {}

    def rating_labels(self, on: date) -> list[str]:
        """The quality levels to choose from on ``on`` ('Tốt', 'Khá', …)."""
        return rules.band_labels(self.meeting_rules(on).get("quality_bands", []))

    def warnings(self, meeting_id: int) -> tuple[str, ...]:
        return self._warnings(self._head(meeting_id).to_input())

    # -- helpers ------------------------------------------------------------------
    def _head(self, meeting_id: int) -> Meeting:
        meeting = repo.get_meeting(self._db, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Không có buổi sinh hoạt mã số {meeting_id}.")
        return meeting

    def _talk_meeting(self, talk_id: int) -> int:
        meeting_id = repo.talk_meeting(self._db, talk_id)
        if meeting_id is None:
            raise NotFoundError(f"Không có phân công phát biểu mã số {talk_id}.")
        return meeting_id

    def _person_name(self, person_id: int, field: str) -> str:
        name = scalar(self._db, "SELECT full_name FROM people WHERE id = ?", [person_id])
        if name is None:
            raise ValidationError(field, f"Không có người mã số {person_id}.")
        return str(name)

    def _named(self, person_id: int | None, name: str, field: str) -> tuple[int | None, str]:
        """A person from the records (their name is kept with the id) or a free name."""
        return (person_id, self._person_name(person_id, field)) if person_id is not None else (None, clean(name))

    def _check_head(self, data: MeetingInput) -> MeetingInput:
        cleaned = rules.clean_meeting(data)
        if org_repo.get_organization(self._db, cleaned.organization_id) is None:
            raise ValidationError("organization_id", "Tổ chức đã chọn không còn tồn tại.")
        chair = self._named(cleaned.chair_person_id, cleaned.chair_name, "chair_person_id")
        secretary = self._named(cleaned.secretary_person_id, cleaned.secretary_name, "secretary_person_id")
        return replace(cleaned, chair_person_id=chair[0], chair_name=chair[1],
                       secretary_person_id=secretary[0], secretary_name=secretary[1])

    def _clean_item(self, item: AgendaItem) -> AgendaItem:
        title = clean(item.title)
        if not title:
            raise ValidationError("agenda", "Mỗi nội dung sinh hoạt cần có tiêu đề.")
        speeches = []
        for speech in item.speeches:
            person_id, name = self._named(speech.speaker_person_id, speech.speaker_name, "speaker")
            opinion = clean_multiline(speech.opinion)
            if not name:
                raise ValidationError("speaker", f"“{title}”: mỗi ý kiến cần ghi người phát biểu.")
            if len(opinion) > MAX_TEXT:
                raise ValidationError("opinion", f"Ý kiến của “{name}” quá dài (tối đa {MAX_TEXT} ký tự).")
            speeches.append(Speech(opinion=opinion, speaker_person_id=person_id, speaker_name=name))
        return AgendaItem(title=title, content=clean_multiline(item.content),
                          conclusion=clean_multiline(item.conclusion), speeches=tuple(speeches))

    def _warnings(self, data: MeetingInput) -> tuple[str, ...]:
        minimum = self.meeting_rules(data.date).get("min_minutes")
        warning = rules.duration_warning(data.kind, data.start_time, data.end_time, minimum)
        return (warning,) if warning else ()

    def _write_part(self, meeting_id: int, part: str, summary: str, write: Callable[[], None], details: Any) -> Changes:
        """Run ``write`` for an existing meeting in one transaction, with its audit line."""
        with self._db.atomic():
            self._head(meeting_id)
            write()
            self._ctx.audit(part, "meeting", meeting_id, summary, {part: details})
        return Changes(meetings=True, ids=(meeting_id,))


def _plain(data: MeetingInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in data.__dataclass_fields__}
    return {**values, "kind": data.kind.value, "date": data.date.isoformat()}
