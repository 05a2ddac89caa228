"""Plain records of meetings (buổi sinh hoạt, hội nghị) and their pure rules.

Times are 'HH:MM' text as stored; a meeting never spans midnight (end after start).
The rules that change with the Party's guidance (minimum length, rating bands) come in
as preset data, never as constants here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.vntext import clean, clean_multiline

_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hH]|giờ)\s*(\d{2})?\s*(?:phút)?$")
# Kinds held to the preset's minimum length (CT 50 / HD 42 speak of chi bộ meetings).
TIMED_KINDS = frozenset({MeetingKind.REGULAR, MeetingKind.THEMATIC})


class OutcomeKind(StrEnum):
    """What the meeting adopted: a nghị quyết or a thông báo kết luận (value = type code)."""

    RESOLUTION = "NQ"
    CONCLUSION = "TB"

    @property
    def label(self) -> str:
        return {"NQ": "Nghị quyết", "TB": "Thông báo kết luận"}[self.value]


@dataclass(frozen=True)
class MeetingRow:
    """One line of a meeting list, with its attendance counts."""

    id: int
    organization_id: int
    organization_name: str
    kind: MeetingKind
    date: date
    title: str
    start_time: str
    end_time: str
    place: str
    present: int
    expected: int


@dataclass(frozen=True)
class MeetingInput:
    """The editable head of a meeting; chair and secretary are a person on the roll or a free name."""

    organization_id: int
    kind: MeetingKind
    date: date
    start_time: str = ""
    end_time: str = ""
    place: str = ""
    title: str = ""
    chair_person_id: int | None = None
    chair_name: str = ""
    secretary_person_id: int | None = None
    secretary_name: str = ""
    note: str = ""


@dataclass(frozen=True)
class Guest:
    name: str
    position: str = ""
    organisation: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Speech:
    """One opinion on an agenda item; the speaker is a person (id) or a free name."""

    opinion: str
    speaker_person_id: int | None = None
    speaker_name: str = ""
    id: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One item of business, in order: what was presented, who spoke, the chair's conclusion."""

    title: str
    content: str = ""
    conclusion: str = ""
    speeches: tuple[Speech, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Vote:
    """A show of hands; ``base`` is the vote base when it was recorded."""

    subject: str
    agree: int
    disagree: int = 0
    other: int = 0
    note: str = ""
    base: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Talk:
    """A member assigned to prepare a talk (phân công chuẩn bị phát biểu)."""

    id: int
    person_id: int
    person_name: str
    topic: str
    assigned_on: date | None
    delivered: bool
    note: str = ""


@dataclass(frozen=True)
class RegisteredDocument:
    """A numbered document printed from a meeting (its number is kept for reprints)."""

    doc_type: str
    number: int
    issued_on: date


@dataclass(frozen=True)
class Meeting:
    """Everything recorded about one meeting."""

    id: int
    organization_id: int
    organization_name: str
    kind: MeetingKind
    date: date
    title: str
    start_time: str
    end_time: str
    place: str
    chair_person_id: int | None
    chair_name: str
    secretary_person_id: int | None
    secretary_name: str
    note: str = ""
    quality_rating: str = ""
    quality_points: int | None = None
    outcome_kind: OutcomeKind | None = None
    outcome_text: str = ""
    guests: tuple[Guest, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    votes: tuple[Vote, ...] = ()
    talks: tuple[Talk, ...] = ()
    documents: tuple[RegisteredDocument, ...] = ()

    @property
    def printed(self) -> bool:
        return bool(self.documents)

    @property
    def duration_minutes(self) -> int | None:
        return duration_minutes(self.start_time, self.end_time)

    def to_input(self) -> MeetingInput:
        return MeetingInput(
            organization_id=self.organization_id, kind=self.kind, date=self.date, start_time=self.start_time,
            end_time=self.end_time, place=self.place, title=self.title, chair_person_id=self.chair_person_id,
            chair_name=self.chair_name, secretary_person_id=self.secretary_person_id,
            secretary_name=self.secretary_name, note=self.note,
        )


@dataclass(frozen=True)
class MeetingTemplate:
    """A named agenda a new meeting of ``kind`` starts from (editable by the clerk)."""

    kind: MeetingKind
    name: str
    agenda: tuple[str, ...]
    id: int | None = None


# -- pure rules -----------------------------------------------------------------------------


def parse_time(text: str, field: str = "start_time") -> str:
    """'7:30', '07h30', '14 giờ' → 'HH:MM'; '' stays ''; anything else is a ValidationError."""
    raw = clean(text)
    if not raw:
        return ""
    match = _TIME.match(raw)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 99)
    if hour > 23 or minute > 59:
        raise ValidationError(field, f"“{raw}” không phải giờ hợp lệ (ví dụ 14:00 hoặc 7h30).")
    return f"{hour:02d}:{minute:02d}"


def duration_minutes(start: str, end: str) -> int | None:
    """Minutes from ``start`` to ``end`` ('HH:MM'), or None when either is missing."""
    if not start or not end:
        return None
    (sh, sm), (eh, em) = (map(int, start.split(":")), map(int, end.split(":")))
    return (eh * 60 + em) - (sh * 60 + sm)


def at_time(day: date, hhmm: str) -> datetime | None:
    """The moment ``hhmm`` on ``day`` (None for an empty time)."""
    if not hhmm:
        return None
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute))


def clean_meeting(data: MeetingInput) -> MeetingInput:
    """NFC-clean every text, normalise the times and check them: end after start."""
    start, end = parse_time(data.start_time, "start_time"), parse_time(data.end_time, "end_time")
    minutes = duration_minutes(start, end)
    if minutes is not None and minutes <= 0:
        raise ValidationError("end_time", f"Giờ kết thúc ({end}) phải sau giờ bắt đầu ({start}).")
    if data.date.year < 1930:
        raise ValidationError("date", "Ngày họp trước năm 1930: hãy kiểm tra lại.")
    cleaned = MeetingInput(
        organization_id=data.organization_id, kind=MeetingKind(data.kind), date=data.date,
        start_time=start, end_time=end, place=clean(data.place), title=clean(data.title),
        chair_person_id=data.chair_person_id, chair_name=clean(data.chair_name),
        secretary_person_id=data.secretary_person_id, secretary_name=clean(data.secretary_name),
        note=clean_multiline(data.note),
    )
    if len(cleaned.title) > 300:
        raise ValidationError("title", "Tiêu đề quá dài (tối đa 300 ký tự).")
    return cleaned


def duration_warning(kind: MeetingKind, start: str, end: str, min_minutes: int | None) -> str | None:
    """A Vietnamese warning when a chi bộ meeting is shorter than the preset minimum."""
    minutes = duration_minutes(start, end)
    if minutes is None or not min_minutes or kind not in TIMED_KINDS or minutes >= min_minutes:
        return None
    return (f"Buổi sinh hoạt kéo dài {minutes} phút, ít hơn thời lượng tối thiểu {min_minutes} phút "
            "theo quy định đang áp dụng.")


def band_labels(bands: list[list[object]]) -> list[str]:
    """The rating labels of a preset's ``quality_bands`` ([[label, lowest points], …])."""
    return [str(band[0]) for band in bands]


def rating_for_points(points: int, bands: list[list[object]]) -> str:
    """The label of the highest band whose lowest points ``points`` reaches."""
    for label, lowest in sorted(bands, key=lambda band: -float(band[1])):  # type: ignore[arg-type]
        if points >= float(lowest):  # type: ignore[arg-type]
            return str(label)
    return ""


def check_vote(vote: Vote, base: int) -> Vote:
    """Clean a vote and check its counts against the vote base; raise ValidationError."""
    cleaned = Vote(subject=clean(vote.subject), agree=vote.agree, disagree=vote.disagree, other=vote.other,
                   note=clean_multiline(vote.note), base=base, id=vote.id)
    if not cleaned.subject:
        raise ValidationError("subject", "Hãy ghi nội dung biểu quyết.")
    if min(cleaned.agree, cleaned.disagree, cleaned.other) < 0:
        raise ValidationError("agree", "Số phiếu biểu quyết không được âm.")
    total = cleaned.agree + cleaned.disagree + cleaned.other
    if total > base:
        raise ValidationError("agree", f"“{cleaned.subject}”: tổng số biểu quyết ({total}) vượt số đảng viên "
                              f"có quyền biểu quyết ({base}).")
    return cleaned


# -- default templates: the typical order of business (domain brief, section 2) ---------------

_OPENING = "Khai mạc: cử thư ký, kiểm diện đảng viên, thông qua chương trình"
_CLOSING = "Đánh giá chất lượng buổi sinh hoạt, thông qua biên bản, bế mạc"

DEFAULT_AGENDAS: dict[MeetingKind, tuple[str, ...]] = {
    MeetingKind.REGULAR: (
        _OPENING,
        "Thông tin thời sự, phổ biến văn bản của cấp trên",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Đánh giá kết quả thực hiện nhiệm vụ trong tháng",
        "Thảo luận, phương hướng nhiệm vụ tháng tới, phân công đảng viên",
        "Biểu quyết thông qua nghị quyết",
        _CLOSING,
    ),
    MeetingKind.THEMATIC: (
        _OPENING,
        "Trình bày chuyên đề",
        "Thảo luận chuyên đề, liên hệ thực tiễn",
        "Kết luận chuyên đề, phân công thực hiện",
        _CLOSING,
    ),
    MeetingKind.STUDY: (
        _OPENING,
        "Quán triệt, học tập văn bản của cấp trên",
        "Thảo luận, liên hệ thực tiễn của đơn vị",
        "Kế hoạch thực hiện, đăng ký làm theo",
        "Bế mạc hội nghị",
    ),
    MeetingKind.SEMINAR: (_OPENING, "Đề dẫn tọa đàm", "Tham luận, ý kiến phát biểu", "Tổng kết tọa đàm"),
    MeetingKind.DISCUSSION: (_OPENING, "Nội dung thảo luận", "Ý kiến thảo luận", "Kết luận"),
    MeetingKind.COMMITTEE: (
        "Thông qua chương trình họp",
        "Đánh giá tình hình thực hiện nhiệm vụ",
        "Chuẩn bị nội dung sinh hoạt chi bộ",
        "Phân công nhiệm vụ, kết luận",
    ),
    MeetingKind.REVIEW: (
        _OPENING,
        "Báo cáo kiểm điểm của tập thể",
        "Kiểm điểm cá nhân, góp ý",
        "Biểu quyết đề xuất xếp loại chất lượng",
        "Thông qua biên bản, bế mạc",
    ),
}


def default_template(kind: MeetingKind) -> MeetingTemplate:
    """The built-in agenda for ``kind`` (seeded into new databases, used when none is stored)."""
    return MeetingTemplate(kind=kind, name=f"Mẫu {kind.label.lower()}", agenda=DEFAULT_AGENDAS[kind])
