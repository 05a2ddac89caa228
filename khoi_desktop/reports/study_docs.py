"""Plain data for the study documents: services fill these, the PDF modules only read them.

The bản đăng ký (registration), the bản tự kiểm điểm (self-review) and the danh sách xếp
loại (ratings list). Text is taken as typed; the PDF modules normalise (NFC) and escape it.
Rows are printed in the order given: sorting is the service's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.assessments import SelfReviewForm
from khoi_desktop.reports.meeting_docs import PartyIssuer


@dataclass(frozen=True)
class RegistrationLine:
    """One item: what, with which product, by when."""

    content: str
    product: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class RegistrationGroup:
    category: str
    lines: tuple[RegistrationLine, ...]


@dataclass(frozen=True)
class RegistrationDoc:
    """A bản đăng ký học tập và làm theo, of a member or of a collective (``collective``)."""

    issuer: PartyIssuer  # the branch: left of the header
    year: int
    signed_on: date  # the date under 'ĐẢNG CỘNG SẢN VIỆT NAM'
    registrant: str  # the member's name, or the organisation's
    position: str = ""
    unit: str = ""  # where the member works or belongs ('Chi bộ Văn phòng Sở')
    collective: bool = False
    theme: str = ""  # the year's theme, quoted in the opening sentence
    groups: tuple[RegistrationGroup, ...] = ()
    confirmed_on: date | None = None
    confirmer_name: str = ""
    confirmer_title: str = ""  # 'Bí thư Chi bộ'
    signer_name: str = ""  # for a collective: who signs T/M
    signer_title: str = "Bí thư"


@dataclass(frozen=True)
class ReviewPart:
    title: str  # 'Về tư tưởng chính trị'
    content: str = ""  # multi-line; empty leaves dotted lines to write by hand


@dataclass(frozen=True)
class SelfReviewDoc:
    """A member's bản tự kiểm điểm for a year."""

    issuer: PartyIssuer
    year: int
    signed_on: date
    name: str
    position: str = ""
    unit: str = ""
    parts: tuple[ReviewPart, ...] = ()
    points: str = ""  # '85' when the year uses the 100-point scale
    suggested_level: str = ""  # the level the points fall in
    proposed_level: str = ""  # the member's own proposal; empty leaves a blank
    form_title: str = "Bản kiểm điểm cá nhân"
    birth: str = ""
    form: SelfReviewForm = SelfReviewForm()
    branch_level: str = ""  # the chi ủy's proposal when already recorded; empty leaves a blank


@dataclass(frozen=True)
class RatingLine:
    """One line of the ratings table; levels as printed (short forms)."""

    name: str
    position: str = ""
    self_level: str = ""
    branch_level: str = ""
    decided_level: str = ""
    note: str = ""


@dataclass(frozen=True)
class RatingSection:
    """The lines of one organisation; ``heading`` '' when the list has only one."""

    heading: str
    lines: tuple[RatingLine, ...]


@dataclass(frozen=True)
class LevelLine:
    label: str
    count: int
    percent: str  # '15,08%'


@dataclass(frozen=True)
class NotRatedLine:
    name: str
    position: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RatingsDoc:
    """The danh sách đánh giá, xếp loại of an organisation for a year, signed T/M."""

    issuer: PartyIssuer
    year: int
    issued_on: date
    summary: str  # 'đánh giá, xếp loại chất lượng đảng viên năm 2025'
    sections: tuple[RatingSection, ...]
    totals: tuple[LevelLine, ...]
    rated_count: int
    not_rated: tuple[NotRatedLine, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # ('HTXSNV', 'Hoàn thành xuất sắc nhiệm vụ')
    signer_name: str = ""
    signer_title: str = "Bí thư"
    recipients: tuple[str, ...] = ()
    counted_as: str = "đồng chí"  # 'tổ chức' for a list of organisations
    name_column: str = "Họ và tên"
    position_column: str = "Chức vụ"
    proposal_column: str = "Chi bộ đề xuất"
