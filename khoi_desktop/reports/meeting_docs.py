"""Plain data for the meeting documents: services fill these, the PDF modules only read them.

All text is taken as typed; the PDF modules normalise (NFC) and escape it. Names are
printed in the order given: sorting is the service's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True)
class PartyIssuer:
    """The Party organisation issuing a document: the left of the header and the signing body."""

    name: str  # 'Chi bộ Kho bạc Nhà nước Ninh Bình'; printed in capitals in the header
    superior: str  # 'Đảng bộ các cơ quan Đảng tỉnh Ninh Bình'; may hold a line break
    place: str  # 'Ninh Bình', for 'Ninh Bình, ngày 05 tháng 02 năm 2026'
    code: str = "CB"  # issuer code in 'Số 05-BB/CB' (CB for a chi bộ, ĐU for a đảng ủy)
    signing_body: str = "Chi bộ"  # 'T/M CHI BỘ'
    archive: str = "Lưu Chi bộ"  # last line of 'Nơi nhận'


# Dots, not spaces: Paragraph collapses runs of (even no-break) spaces, and the clerk writes here.
BLANK_NUMBER = "……"


def number_text(number: int | None) -> str:
    """A document's number as printed: '05' (two digits at least), or dots left to write it in by hand."""
    return f"{number:02d}" if number is not None else BLANK_NUMBER


@dataclass(frozen=True)
class Participant:
    """A named person with an optional position and organisation (chair, guest, speaker)."""

    name: str
    position: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class NameWithReason:
    """A member named together with a reason (absent with leave, exempt from meetings)."""

    name: str
    reason: str = ""


@dataclass(frozen=True)
class MemberGroup:
    """Counts and absentees for one kind of membership at one meeting."""

    kind: str  # 'chính thức', 'dự bị', 'sinh hoạt tạm thời'
    total: int
    present: int
    absent_with_reason: tuple[NameWithReason, ...] = ()
    absent_without_reason: tuple[str, ...] = ()


@dataclass(frozen=True)
class Speech:
    """One member's view in a discussion: 'Đồng chí X: ý kiến …'."""

    speaker: str
    opinion: str


@dataclass(frozen=True)
class AgendaItem:
    """One item of business: what was presented, who spoke, what the chair concluded."""

    title: str
    content: str = ""  # multi-line
    speeches: tuple[Speech, ...] = ()
    conclusion: str = ""  # multi-line


@dataclass(frozen=True)
class Talk:
    """A prepared talk delivered at the meeting (guest's direction, thematic presentation)."""

    speaker: Participant
    topic: str
    summary: str = ""  # multi-line


@dataclass(frozen=True)
class VoteResult:
    """A vote by show of hands; percentages are taken over ``base`` (members entitled to vote)."""

    subject: str
    in_favour: int
    against: int
    other: int
    base: int


@dataclass(frozen=True)
class MinutesData:
    """Everything printed in the biên bản of one meeting."""

    issuer: PartyIssuer
    number: int | None  # None leaves the number blank, to be written by hand
    summary: str  # 'sinh hoạt chi bộ thường kỳ tháng 11 năm 2026'
    starts_at: datetime
    ends_at: datetime | None
    venue: str
    chair: Participant
    secretary: Participant
    guests: tuple[Participant, ...] = ()
    member_groups: tuple[MemberGroup, ...] = ()
    # A study meeting's people outside the Party (``kind`` is their label); None when it has none.
    non_party: MemberGroup | None = None
    exempt_members: tuple[NameWithReason, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    talks: tuple[Talk, ...] = ()
    votes: tuple[VoteResult, ...] = ()
    quality_rating: str = ""  # 'Tốt', 'Khá', …
    quality_score: int | None = None
    closing_note: str = ""  # e.g. 'Biên bản đã được đọc lại và thông qua trước chi bộ.'
    recipients: tuple[str, ...] = ()  # empty: no 'Nơi nhận' block


@dataclass(frozen=True)
class SignInRow:
    """One line of the sign-in sheet."""

    name: str
    position: str = ""


@dataclass(frozen=True)
class SignInSheetData:
    """The list members sign at the door."""

    issuer: PartyIssuer
    meeting_on: date
    summary: str  # 'sinh hoạt chi bộ thường kỳ tháng 11 năm 2026'
    rows: tuple[SignInRow, ...]
    title: str = "Danh sách đảng viên dự họp"


class ResolutionKind(StrEnum):
    """The document kind; its value is the type code in the number."""

    RESOLUTION = "NQ"
    CONCLUSION_NOTICE = "TB"

    @property
    def title(self) -> str:
        """The document type printed under the header."""
        return {"NQ": "Nghị quyết", "TB": "Thông báo kết luận"}[self.value]


@dataclass(frozen=True)
class ResolutionSection:
    """One numbered section of a resolution or conclusion notice."""

    heading: str
    body: str = ""  # multi-line: one paragraph per line


@dataclass(frozen=True)
class ResolutionData:
    """A nghị quyết or thông báo kết luận signed 'T/M CHI BỘ'."""

    kind: ResolutionKind
    issuer: PartyIssuer
    number: int | None
    issued_on: date
    summary: str  # 'sinh hoạt chi bộ thường kỳ tháng 11 năm 2026'
    signer_name: str
    signer_title: str = "Bí thư"
    preamble: str = ""  # multi-line: 'Căn cứ …'
    sections: tuple[ResolutionSection, ...] = ()
    recipients: tuple[str, ...] = ()
