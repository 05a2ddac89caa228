"""Biên bản sinh hoạt chi bộ: the minutes of one meeting, from :class:`MinutesData`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from reportlab.platypus import Flowable

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.meeting_docs import (
    AgendaItem,
    MemberGroup,
    MinutesData,
    NameWithReason,
    Participant,
    VoteResult,
)
from khoi_desktop.reports.party_blocks import (
    body,
    body_text,
    document_number,
    document_opening,
    heading,
    lead_in,
    recipients_block,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf

TYPE_CODE = "BB"
DOCUMENT_TYPE = "Biên bản"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_BLANK_TIME = "…… giờ …… phút"
Section = Callable[[MinutesData, LayoutSpec], list[Flowable]]


def build_minutes_bytes(data: MinutesData, layout: LayoutSpec | None = None) -> bytes:
    """The minutes as PDF bytes."""
    layout = layout or LayoutSpec()
    info = DocumentInfo(
        title=f"{DOCUMENT_TYPE} {vntext.clean(data.summary)}".strip(),
        subject=data.summary,
        author=data.issuer.name,
    )
    return build_pdf(minutes_story(data, layout), info, layout)


def write_minutes(data: MinutesData, target: Path, layout: LayoutSpec | None = None) -> Path:
    """Write the minutes to ``target`` and return it."""
    return save_pdf(build_minutes_bytes(data, layout), target)


def minutes_story(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, the numbered sections that have content, closing and signatures."""
    number_line = document_number(data.number, TYPE_CODE, data.issuer.code)
    story = document_opening(
        data.issuer, number_line, data.starts_at.date(), DOCUMENT_TYPE, data.summary, layout
    )
    sections: list[tuple[str, Section]] = [
        ("Thời gian, địa điểm", _time_and_place),
        ("Thành phần", _participants),
        ("Nội dung", _agenda),
        ("Phát biểu, trình bày", _talks),
        ("Biểu quyết", _votes),
        ("Đánh giá chất lượng sinh hoạt", _rating),
    ]
    filled = [(title, content) for title, section in sections if (content := section(data, layout))]
    for roman, (title, content) in zip(_ROMAN, filled, strict=False):
        story.append(heading(f"{roman}- {title.upper()}", layout))
        story.extend(content)
    story.extend(_closing(data, layout))
    story.append(_signatures(data, layout))
    if data.recipients:
        story.extend(recipients_block(data.recipients, data.issuer.archive, layout))
    return story


def _clock(moment: datetime) -> str:
    """'14 giờ 00 phút'."""
    return f"{moment.hour} giờ {moment.minute:02d} phút"


def _count(number: int, unit: str = "đồng chí") -> str:
    return f"{vntext.format_number(number)} {unit}"


def _person(person: Participant) -> str:
    """'đồng chí Nguyễn Văn An, Bí thư Chi bộ, Kho bạc Nhà nước tỉnh'."""
    parts = [markup.inline(person.name), markup.inline(person.position), markup.inline(person.organisation)]
    return "đồng chí " + markup.join_nonempty(parts)


def _capitalised(text: str) -> str:
    """First letter in capitals, the rest untouched ('đồng chí An' → 'Đồng chí An')."""
    return text[:1].upper() + text[1:]


def _time_and_place(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    start = f"{_clock(data.starts_at)}, {vntext.format_date_long(data.starts_at.date())}"
    return [
        body(f"- Thời gian: bắt đầu vào lúc {start}.", layout),
        body(f"- Địa điểm: {markup.inline(data.venue)}.", layout),
    ]


def _participants(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    blocks: list[Flowable] = [
        body(f"1. Chủ trì: {_person(data.chair)}.", layout),
        body(f"2. Thư ký: {_person(data.secretary)}.", layout),
    ]
    if data.guests:
        blocks.append(lead_in("3. Khách mời:", layout))
        blocks.extend(body(f"- {_capitalised(_person(guest))}.", layout) for guest in data.guests)
    else:
        blocks.append(body("3. Khách mời: không có.", layout))
    blocks.extend(_members(data, layout))
    return blocks


def _names_with_reasons(people: tuple[NameWithReason, ...]) -> str:
    """'Phạm Văn Dũng (đi công tác); Lê Thị Hoa'."""
    shown = []
    for person in people:
        reason = markup.inline(person.reason)
        shown.append(f"{markup.inline(person.name)} ({reason})" if reason else markup.inline(person.name))
    return "; ".join(shown)


def _group_line(group: MemberGroup, unit: str = "đồng chí", prefix: str = "Đảng viên ") -> str:
    """'- Đảng viên chính thức: 22 đồng chí; có mặt 20 đồng chí; vắng mặt có lý do …'."""
    count = partial(_count, unit=unit)
    parts = [f"- {prefix}{markup.inline(group.kind)}: {count(group.total)}", f"có mặt {count(group.present)}"]
    if group.absent_with_reason:
        excused = _names_with_reasons(group.absent_with_reason)
        parts.append(f"vắng mặt có lý do {count(len(group.absent_with_reason))}: {excused}")
    if group.absent_without_reason:
        names = "; ".join(markup.inline(name) for name in group.absent_without_reason)
        parts.append(f"vắng mặt không lý do {count(len(group.absent_without_reason))}: {names}")
    return "; ".join(parts) + "."


def _members(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    groups = data.member_groups
    total = sum(group.total for group in groups)
    present = sum(group.present for group in groups)
    absent = sum(len(group.absent_with_reason) + len(group.absent_without_reason) for group in groups)
    summary = f"tổng số {_count(total)}, có mặt {_count(present)}, vắng mặt {_count(absent)}"
    blocks: list[Flowable] = [lead_in(f"4. Đảng viên: {summary}. Cụ thể:", layout)]
    blocks.extend(body(_group_line(group), layout) for group in groups)
    if data.exempt_members:
        exempt = _names_with_reasons(data.exempt_members)
        count = _count(len(data.exempt_members))
        blocks.append(body(f"- Đảng viên được miễn sinh hoạt: {count}: {exempt}.", layout))
    if data.non_party is not None:
        blocks.extend(_non_party(data.non_party, present, total, layout))
    return blocks


def _non_party(others: MemberGroup, party_present: int, party_total: int, layout: LayoutSpec) -> list[Flowable]:
    """A study meeting's people outside the Party, then the attendance of both apart (issue 11):
    'đảng viên: có mặt 40/42; cán bộ, công chức, … ngoài Đảng: có mặt 15/16'."""
    label = markup.inline(others.kind)
    both = (f"đảng viên: có mặt {vntext.format_number(party_present)}/{vntext.format_number(party_total)}; "
            f"{label[:1].lower()}{label[1:]}: có mặt "
            f"{vntext.format_number(others.present)}/{vntext.format_number(others.total)}")
    return [lead_in(f"5. {label}:", layout),
            body(_group_line(replace(others, kind="Tổng số"), unit="người", prefix=""), layout),
            body(f"Tổng hợp dự học tập: {both}.", layout)]


def _agenda_item(number: int, item: AgendaItem, layout: LayoutSpec) -> list[Flowable]:
    blocks: list[Flowable] = [heading(f"{number}. {markup.inline(item.title)}", layout)]
    blocks.extend(body_text(item.content, layout))
    if item.speeches:
        blocks.append(lead_in(markup.italic("Ý kiến thảo luận:"), layout))
    for speech in item.speeches:
        blocks.extend(body_text(speech.opinion, layout, lead=f"- Đồng chí {markup.inline(speech.speaker)}:"))
    if vntext.clean(item.conclusion):
        blocks.extend(body_text(item.conclusion, layout, lead=markup.italic("Kết luận:")))
    return blocks


def _agenda(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    return [block for number, item in enumerate(data.agenda, 1) for block in _agenda_item(number, item, layout)]


def _talks(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    blocks: list[Flowable] = []
    for talk in data.talks:
        speaker = _capitalised(_person(talk.speaker))
        blocks.append(body(f"- {speaker}: {markup.inline(talk.topic)}.", layout))
        blocks.extend(body_text(talk.summary, layout))
    return blocks


def _share(label: str, count: int, base: int) -> str:
    """'tán thành 20/22 đồng chí (90,91%)'."""
    return f"{label} {vntext.format_number(count)}/{_count(base)} ({vntext.format_percent(count, base)})"


def _vote_line(vote: VoteResult) -> str:
    shares = [
        _share("tán thành", vote.in_favour, vote.base),
        _share("không tán thành", vote.against, vote.base),
        _share("ý kiến khác", vote.other, vote.base),
    ]
    entitled = f"số đảng viên có quyền biểu quyết {_count(vote.base)}"
    return f"- {markup.inline(vote.subject)}: {entitled}; {'; '.join(shares)}."


def _votes(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    return [body(_vote_line(vote), layout) for vote in data.votes]


def _rating(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    rating = markup.inline(data.quality_rating)
    if not rating:
        return []
    score = f" ({vntext.format_number(data.quality_score)} điểm)" if data.quality_score is not None else ""
    return [body(f"Chi bộ đánh giá chất lượng buổi sinh hoạt: {markup.bold(rating)}{score}.", layout)]


def _closing(data: MinutesData, layout: LayoutSpec) -> list[Flowable]:
    """The closing note, then 'Cuộc họp kết thúc vào lúc 16 giờ 30 phút cùng ngày.'.

    The fixed, one-line end-time sentence is the one kept with the signatures: a long user
    paragraph held to the next block cannot break across pages.
    """
    end = data.ends_at
    if end is None:
        when = f"{_BLANK_TIME} cùng ngày"
    elif end.date() == data.starts_at.date():
        when = f"{_clock(end)} cùng ngày"
    else:
        when = f"{_clock(end)}, {vntext.format_date_long(end.date())}"
    return [*body_text(data.closing_note, layout), lead_in(f"Cuộc họp kết thúc vào lúc {when}.", layout)]


def _signatures(data: MinutesData, layout: LayoutSpec) -> Flowable:
    """THƯ KÝ signs on the left, CHỦ TRÌ on the right."""
    secretary = signature_block([markup.bold("THƯ KÝ")], data.secretary.name, layout)
    chair = signature_block([markup.bold("CHỦ TRÌ")], data.chair.name, layout)
    return side_by_side(secretary, chair, layout)
