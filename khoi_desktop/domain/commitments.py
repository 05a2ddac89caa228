"""Registrations (bản đăng ký học tập và làm theo), individual and collective: pure rules.

The categories are those of the REGISTRATION preset in force on the day the registration
is signed (on 1 January of its year while unsigned): the four areas of Chỉ thị 05 until
QĐ 144-QĐ/TW, its five standards from 9 May 2024. Items are stored with their category's
text, so a registration keeps its categories when a newer preset comes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from khoi_desktop.domain.enums import CommitmentResult, MembershipKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date, format_ratio

MAX_ITEMS = 50
MAX_CONTENT = 2_000
MAX_SHORT = 500


@dataclass(frozen=True)
class CommitmentItem:
    """One thing the member or collective commits to, and at year end how it went."""

    category: str
    content: str
    product: str = ""  # the concrete product (sản phẩm)
    deadline: str = ""  # free text: 'Thường xuyên', 'Quý II/2026', '31/12/2026'
    result: CommitmentResult | None = None  # self-marked at year end
    evidence: str = ""  # what shows the result (minh chứng)
    id: int | None = None


@dataclass(frozen=True)
class CommitmentInput:
    """A registration as a form hands it over; ``person_id`` None makes it the collective's."""

    year: int
    organization_id: int | None = None  # a person's defaults to their organisation then
    person_id: int | None = None
    signed_on: date | None = None
    confirmed_on: date | None = None
    confirmed_by: str = ""  # 'Nguyễn Văn An, Bí thư Chi bộ'
    note: str = ""
    items: tuple[CommitmentItem, ...] = ()


@dataclass(frozen=True)
class Commitment:
    id: int
    year: int
    organization_id: int
    organization_name: str
    person_id: int | None
    person_name: str
    signed_on: date | None
    confirmed_on: date | None
    confirmed_by: str
    note: str
    items: tuple[CommitmentItem, ...]

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    def to_input(self) -> CommitmentInput:
        return CommitmentInput(self.year, self.organization_id, self.person_id, self.signed_on, self.confirmed_on,
                               self.confirmed_by, self.note, self.items)


@dataclass(frozen=True)
class CommitmentRow:
    """One line of the registrations list."""

    id: int
    person_id: int | None
    name: str  # the person, or the organisation for a collective registration
    organization_id: int
    organization_name: str
    signed_on: date | None
    confirmed_on: date | None
    items: int
    marked: int  # items self-marked so far
    sort_key: str = ""

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


@dataclass(frozen=True)
class CategoryGroup:
    category: str
    items: tuple[CommitmentItem, ...]


@dataclass(frozen=True)
class KindCount:
    """Registered / expected for one membership kind (or in total, ``kind`` None)."""

    kind: MembershipKind | None
    expected: int
    registered: int

    @property
    def label(self) -> str:
        return self.kind.label if self.kind else "Tổng số"

    @property
    def text(self) -> str:
        """'18/20 người, đạt 90%'."""
        return format_ratio(self.registered, self.expected, "người")


@dataclass(frozen=True)
class ResultCount:
    result: CommitmentResult | None  # None: not marked yet
    count: int

    @property
    def label(self) -> str:
        return self.result.label if self.result else "Chưa tự đánh giá"


@dataclass(frozen=True)
class RegistrationCounts:
    """Who registered among those expected, collectives too, and how the items went."""

    organization_id: int
    year: int
    total: KindCount
    by_kind: tuple[KindCount, ...]
    collectives: KindCount  # organisations in scope: registered / expected
    confirmed: int  # personal registrations confirmed by the branch
    results: tuple[ResultCount, ...]  # items of the personal registrations, by result


def _text(field_name: str, label: str, text: str, limit: int, multiline: bool = False) -> str:
    cleaned = clean_multiline(text) if multiline else clean(text)
    if len(cleaned) > limit:
        raise ValidationError(field_name, f"{label} quá dài (tối đa {limit} ký tự).")
    return cleaned


def clean_item(item: CommitmentItem, number: int) -> CommitmentItem:
    """NFC-clean one item; ``number`` (from 1) names it in messages."""
    content = _text("items", f"Nội dung thứ {number}", item.content, MAX_CONTENT, multiline=True)
    category = clean(item.category)
    if not content:
        raise ValidationError("items", f"Nội dung đăng ký thứ {number} đang để trống.")
    if not category:
        raise ValidationError("items", f"Nội dung đăng ký thứ {number} chưa chọn nhóm nội dung.")
    result = CommitmentResult(item.result) if item.result else None
    return CommitmentItem(
        category=category, content=content,
        product=_text("items", f"Sản phẩm của nội dung thứ {number}", item.product, MAX_SHORT),
        deadline=_text("items", f"Thời hạn của nội dung thứ {number}", item.deadline, MAX_SHORT),
        result=result,
        evidence=_text("items", f"Minh chứng của nội dung thứ {number}", item.evidence, MAX_CONTENT, True),
        id=item.id,
    )


def clean_commitment(data: CommitmentInput) -> CommitmentInput:
    """NFC-clean, and check dates and items (the year itself is checked by the service)."""
    if not data.items:
        raise ValidationError("items", "Bản đăng ký cần ít nhất một nội dung.")
    if len(data.items) > MAX_ITEMS:
        raise ValidationError("items", f"Bản đăng ký có quá nhiều nội dung (tối đa {MAX_ITEMS}).")
    if data.signed_on and data.signed_on.year not in (data.year - 1, data.year):
        raise ValidationError("signed_on", f"Ngày ký {format_date(data.signed_on)} không thuộc năm {data.year}.")
    if data.confirmed_on and data.signed_on and data.confirmed_on < data.signed_on:
        raise ValidationError("confirmed_on", "Ngày chi bộ xác nhận không thể trước ngày ký bản đăng ký.")
    confirmed_by = _text("confirmed_by", "Người xác nhận", data.confirmed_by, 200)
    if confirmed_by and not data.confirmed_on:
        raise ValidationError("confirmed_on", "Hãy ghi ngày chi bộ xác nhận.")
    items = tuple(clean_item(item, number) for number, item in enumerate(data.items, 1))
    return replace(data, confirmed_by=confirmed_by, note=_text("note", "Ghi chú", data.note, MAX_CONTENT, True),
                   items=items)


def group_by_category(items: Sequence[CommitmentItem], categories: Sequence[str]) -> tuple[CategoryGroup, ...]:
    """Items grouped in the preset's category order; other categories follow in order of first use."""
    order = list(categories)
    order += [c for c in dict.fromkeys(item.category for item in items) if c not in order]
    groups = [CategoryGroup(c, tuple(item for item in items if item.category == c)) for c in order]
    return tuple(group for group in groups if group.items)


def unknown_categories(items: Sequence[CommitmentItem], categories: Sequence[str]) -> list[str]:
    """Categories used by ``items`` that the preset in force does not list (a warning, not an error)."""
    return [c for c in dict.fromkeys(item.category for item in items) if c not in categories]


def remap_category(category: str, old: Sequence[str], new: Sequence[str]) -> str:
    """A category carried into a year with other categories: the same text, else the same position."""
    if category in new or category not in old or not new:
        return category
    return new[min(old.index(category), len(new) - 1)]


def shift_deadline(deadline: str, from_year: int, to_year: int) -> str:
    """'Quý II/2025' → 'Quý II/2026' (only whole year numbers change)."""
    return re.sub(rf"(?<!\d){from_year}(?!\d)", str(to_year), deadline)


def carried_over(items: Sequence[CommitmentItem], old: Sequence[str], new: Sequence[str], from_year: int,
                 to_year: int) -> tuple[CommitmentItem, ...]:
    """Last year's items as this year's draft: categories remapped, deadlines moved, results cleared."""
    return tuple(
        CommitmentItem(remap_category(item.category, old, new), item.content, item.product,
                       shift_deadline(item.deadline, from_year, to_year))
        for item in items
    )


def result_counts(results: Sequence[CommitmentResult | None]) -> tuple[ResultCount, ...]:
    """Counts in the order vượt, hoàn thành, một phần, chưa hoàn thành, not marked."""
    order: list[CommitmentResult | None] = [*CommitmentResult, None]
    return tuple(ResultCount(result, sum(1 for r in results if r == result)) for result in order)
