"""The columns of the oversight lists and the line of counts above each (Vietnamese, as printed).

Inspections: "Năm 2018, Đảng bộ Khối tiến hành 3 cuộc kiểm tra, giám sát (kiểm tra 1, …);
2 cuộc đã kết luận; đối tượng: 2 đảng bộ cơ sở, 2 chi bộ cơ sở. Các tổ chức trực thuộc
tiến hành 1 cuộc." Outreach: pieces by outlet and the network. Exemplars: collectives,
individuals and the forms of commendation.
"""

from __future__ import annotations

from collections.abc import Sequence

from khoi_desktop.domain.oversight import (
    STEP_ORDER,
    TARGET_LEVEL_LABELS,
    Contributor,
    Exemplar,
    Inspection,
    InspectionCounts,
    OutreachItem,
    count_exemplars,
    count_outreach,
)
from khoi_desktop.domain.vntext import collation_key, format_date, format_number
from khoi_desktop.services.inspections import InspectionSummary
from ui.models.rows_table import Column


def _when(row: Inspection) -> str:
    if row.start_date and row.end_date:
        return f"{format_date(row.start_date)} – {format_date(row.end_date)}"
    return format_date(row.start_date or row.end_date)


def _day_key(day: object) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else ""


INSPECTION_COLUMNS = (
    Column("Hình thức", lambda r: r.kind.label, width=140),
    Column("Nội dung", lambda r: r.subject, width=300),
    Column("Chủ thể", lambda r: r.body, width=170),
    Column("Đối tượng", lambda r: "; ".join(t.name for t in r.targets), width=200),
    Column("Thời gian", _when, sort=lambda r: _day_key(r.start_date or r.end_date), width=170),
    Column("Bước hiện tại", lambda r: r.step.label, sort=lambda r: STEP_ORDER.index(r.step), width=130),
)
OUTREACH_COLUMNS = (
    Column("Ngày", lambda r: format_date(r.date), sort=lambda r: _day_key(r.date), width=95),
    Column("Kênh", lambda r: r.outlet.label, width=190),
    Column("Thể loại", lambda r: r.kind, width=100),
    Column("Tiêu đề, nội dung", lambda r: r.title, width=300),
    Column("Số tin, bài", lambda r: format_number(r.count), sort=lambda r: r.count, width=95, align="right"),
    Column("Tác giả", lambda r: r.authors, width=160),
    Column("Tổ chức", lambda r: r.organization_name, width=200),
)
CONTRIBUTOR_COLUMNS = (
    Column("Họ và tên", lambda r: r.name, width=200),
    Column("Vai trò", lambda r: r.role, width=220),
    Column("Kênh", lambda r: r.outlet.label if r.outlet else "", width=200),
    Column("Tổ chức", lambda r: r.organization_name, width=220),
    Column("Từ ngày", lambda r: format_date(r.since), sort=lambda r: _day_key(r.since), width=100),
)
EXEMPLAR_COLUMNS = (
    Column("Loại", lambda r: "Tập thể" if r.is_collective else "Cá nhân",
           sort=lambda r: f"{0 if r.is_collective else 1}{collation_key(r.name)}", width=80),
    Column("Tên tập thể, họ tên", lambda r: r.name, width=220),
    Column("Tổ chức", lambda r: r.organization_name, width=200),
    Column("Thành tích", lambda r: " ".join(r.achievement.split()), width=220),
    Column("Hình thức khen thưởng", lambda r: r.commendation, width=180),
    Column("Cấp khen", lambda r: r.issued_by, width=180),
    Column("Số quyết định", lambda r: r.decision_number, width=120),
    Column("Ngày", lambda r: format_date(r.date), sort=lambda r: _day_key(r.date), width=95),
)


def _kinds(counts: InspectionCounts) -> str:
    return ", ".join(f"{kind.label.lower()} {format_number(n)}" for kind, n in counts.by_kind if n)


def _levels(counts: InspectionCounts) -> str:
    return ", ".join(f"{format_number(n)} {TARGET_LEVEL_LABELS[kind]}" for kind, n in counts.targets_by_level)


def inspection_summary(org_name: str, year: int, summary: InspectionSummary) -> str:
    """The counts of the year: by kind, finished, targets by level; then those run by the units below."""
    own, below = summary.own, summary.below
    if not own.total:
        text = f"Năm {year}, {org_name} chưa ghi cuộc kiểm tra, giám sát nào."
    else:
        text = (f"Năm {year}, {org_name} tiến hành {format_number(own.total)} cuộc ({_kinds(own)}); "
                f"{format_number(own.finished)} cuộc đã kết luận")
        text += f"; đối tượng: {_levels(own)}." if own.targets_by_level else "."
    if below.total:
        text += f" Các tổ chức trực thuộc tiến hành {format_number(below.total)} cuộc ({_kinds(below)})."
    return text


def outreach_summary(year: int, items: Sequence[OutreachItem], contributors: Sequence[Contributor]) -> str:
    counts = count_outreach(items)
    parts = [f"{outlet.label} {format_number(pieces)}" for outlet, _, pieces in counts.by_outlet if pieces]
    text = (f"Năm {year}: {format_number(counts.pieces)} tin, bài, hoạt động tuyên truyền ({'; '.join(parts)})."
            if parts else f"Năm {year}: chưa ghi tin, bài tuyên truyền nào.")
    return f"{text} Mạng lưới: {format_number(len(contributors))} phóng viên, cộng tác viên."


def exemplar_summary(year: int, exemplars: Sequence[Exemplar]) -> str:
    counts = count_exemplars(exemplars)
    if not counts.total:
        return f"Năm {year}: chưa ghi gương điển hình nào."
    forms = "; ".join(f"{form or 'chưa ghi hình thức'} {format_number(n)}" for form, n in counts.by_commendation)
    return (f"Năm {year}: {format_number(counts.collectives)} tập thể, {format_number(counts.individuals)} cá nhân "
            f"điển hình ({forms}).")
