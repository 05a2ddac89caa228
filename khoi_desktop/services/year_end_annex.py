"""The statistical annex of the year-end report: tables and bar charts, this year beside last year."""

from __future__ import annotations

from khoi_desktop.domain.enums import MeetingKind, RatingLevel
from khoi_desktop.domain.oversight import Exemplar, Inspection
from khoi_desktop.domain.study import Participation
from khoi_desktop.domain.vntext import format_date
from khoi_desktop.reports.report_model import (
    BarChart,
    Block,
    Column,
    PageBreak,
    Percent,
    Series,
    Table,
    Title,
)
from khoi_desktop.services.overview import Ratings, YearFigures
from khoi_desktop.services.year_end_content import YearEndData, level_short

_MEETING_SHORT = {
    MeetingKind.REGULAR: "Thường kỳ", MeetingKind.THEMATIC: "Chuyên đề", MeetingKind.STUDY: "Học tập, quán triệt",
    MeetingKind.SEMINAR: "Tọa đàm", MeetingKind.DISCUSSION: "Thảo luận", MeetingKind.COMMITTEE: "Họp cấp ủy",
    MeetingKind.REVIEW: "Kiểm điểm",
}
_NUMBER = Column("TT", 0.75, centred=True)


def annex_blocks(data: YearEndData, attached_to: str) -> tuple[Block, ...]:
    """A new page, the annex title, then every table and chart that has something to show."""
    now, before = data.figures, data.previous
    parts: list[Table | BarChart | None] = [
        _meetings_table(now, before), _meetings_chart(now, before), _study_table(now.participation),
        _units_table(now.participation) if data.has_children else None, _registrations_table(now, before),
        _ratings_table(now.ratings, before.ratings, now.year), _ratings_chart(now.ratings, before.ratings, now.year),
        _inspections_table(data.inspections), _outreach_table(now, before), _exemplars_table(data.exemplars),
    ]
    shown = [part for part in parts if part is not None]
    numbered: list[Block] = []
    tables = charts = 0
    for part in shown:
        if isinstance(part, Table):
            tables += 1
            numbered.append(Table(f"Biểu {tables}. {part.title}", part.columns, part.rows, part.total_row, part.note))
        else:
            charts += 1
            numbered.append(BarChart(f"Biểu đồ {charts}. {part.title}", part.categories, part.series, part.unit))
    title = Title(f"Phụ lục số liệu thống kê năm {data.year}", attached_to)
    return (PageBreak(), title, *numbered) if numbered else ()


def _years(now: YearFigures, before: YearFigures) -> tuple[Column, Column]:
    return Column(f"Năm {before.year}", 1.2, centred=True), Column(f"Năm {now.year}", 1.2, centred=True)


def _meetings_table(now: YearFigures, before: YearFigures) -> Table | None:
    kinds = [k for k in MeetingKind if now.meetings_of(k) or before.meetings_of(k)]
    if not kinds:
        return None
    rows = [(str(i), k.label, before.meetings_of(k), now.meetings_of(k)) for i, k in enumerate(kinds, 1)]
    rows.append(("", "Tổng số", before.meetings_total, now.meetings_total))
    return Table("Sinh hoạt, hội nghị", (_NUMBER, Column("Loại buổi sinh hoạt, hội nghị", 4), *_years(now, before)),
                 tuple(rows), total_row=True, note="Đơn vị tính: buổi")


def _meetings_chart(now: YearFigures, before: YearFigures) -> BarChart | None:
    kinds = [k for k in MeetingKind if now.meetings_of(k) or before.meetings_of(k)]
    if not kinds:
        return None
    return BarChart("Sinh hoạt, hội nghị", tuple(_MEETING_SHORT[k] for k in kinds), (
        Series(f"Năm {before.year}", tuple(float(before.meetings_of(k)) for k in kinds)),
        Series(f"Năm {now.year}", tuple(float(now.meetings_of(k)) for k in kinds))), unit="buổi")


def _study_table(study: Participation) -> Table | None:
    if not study.overall.persons_expected:
        return None
    rows = [(k.label, k.tally.persons_expected, k.tally.persons_took_part,
             Percent(k.tally.persons_took_part, k.tally.persons_expected), k.tally.attendances_expected,
             k.tally.attendances_present, Percent(k.tally.attendances_present, k.tally.attendances_expected))
            for k in study.by_kind]
    t = study.overall
    rows.append(("Tổng số", t.persons_expected, t.persons_took_part, Percent(t.persons_took_part, t.persons_expected),
                 t.attendances_expected, t.attendances_present, Percent(t.attendances_present, t.attendances_expected)))
    columns = (Column("Đối tượng", 2.6), Column("Phải tham gia (người)", 1.2, True), Column("Đã tham gia (người)", 1.2, True),
               Column("Tỷ lệ", 1.25, True), Column("Phải dự (lượt)", 1.2, True), Column("Có mặt (lượt)", 1.2, True),
               Column("Tỷ lệ", 1.25, True))
    return Table("Tham gia học tập, quán triệt", columns, tuple(rows), total_row=True)


def _units_table(study: Participation) -> Table | None:
    units = [o for o in study.by_organization if o.depth == 1 and o.tally.persons_expected]
    if not units:
        return None
    rows = tuple((str(i), o.name, o.tally.persons_expected, o.tally.persons_took_part,
                  Percent(o.tally.persons_took_part, o.tally.persons_expected)) for i, o in enumerate(units, 1))
    columns = (_NUMBER, Column("Tổ chức đảng", 4.5), Column("Phải tham gia", 1.3, True),
               Column("Đã tham gia", 1.3, True), Column("Tỷ lệ", 1, True))
    return Table("Tham gia học tập theo tổ chức đảng trực thuộc", columns, rows, note="Đơn vị tính: người")


def _registrations_table(now: YearFigures, before: YearFigures) -> Table | None:
    reg, old = now.registrations, before.registrations
    if not (reg.registered or reg.collectives_registered):
        return None
    rows = (("Cá nhân đăng ký (người)", reg.expected, reg.registered, Percent(reg.registered, reg.expected),
             Percent(old.registered, old.expected)),
            ("Chi bộ đăng ký tập thể", reg.collectives_expected, reg.collectives_registered,
             Percent(reg.collectives_registered, reg.collectives_expected),
             Percent(old.collectives_registered, old.collectives_expected)))
    columns = (Column("Nội dung", 3), Column("Tổng số", 1.1, True), Column("Đã đăng ký", 1.1, True),
               Column(f"Tỷ lệ năm {now.year}", 1.2, True), Column(f"Tỷ lệ năm {before.year}", 1.2, True))
    return Table("Đăng ký học tập và làm theo", columns, rows)


def _ratings_table(now: Ratings, before: Ratings, year: int) -> Table | None:
    if not (now.rated or now.not_rated):
        return None
    rows = [(str(i), level.label, before.of_level(level), now.of_level(level), Percent(now.of_level(level), now.rated))
            for i, level in enumerate(RatingLevel, 1)]
    rows.append(("", "Không xếp loại", before.not_rated, now.not_rated, None))
    columns = (_NUMBER, Column("Mức xếp loại", 3.6), Column(f"Năm {year - 1}", 1.1, True),
               Column(f"Năm {year}", 1.1, True), Column(f"Tỷ lệ năm {year}", 1.2, True))
    return Table("Xếp loại đảng viên", columns, tuple(rows), note="Đơn vị tính: người")


def _ratings_chart(now: Ratings, before: Ratings, year: int) -> BarChart | None:
    if not (now.rated or before.rated):
        return None
    levels = tuple(RatingLevel)
    return BarChart("Xếp loại đảng viên", tuple(level_short(level) for level in levels), (
        Series(f"Năm {year - 1}", tuple(float(before.of_level(level)) for level in levels)),
        Series(f"Năm {year}", tuple(float(now.of_level(level)) for level in levels))), unit="người")


def _inspections_table(inspections: tuple[Inspection, ...]) -> Table | None:
    if not inspections:
        return None
    rows = tuple((str(i), x.body, ", ".join(t.name for t in x.targets), x.kind.label, x.subject, _progress(x))
                 for i, x in enumerate(inspections, 1))
    columns = (_NUMBER, Column("Chủ thể", 1.8), Column("Đối tượng", 2), Column("Hình thức", 1.3),
               Column("Nội dung", 2.4), Column("Tiến độ", 1.7))
    return Table("Các cuộc kiểm tra, giám sát", columns, rows)


def _progress(inspection: Inspection) -> str:
    last = inspection.steps[-1] if inspection.steps else None
    day = f" ({format_date(last.done_on)})" if last and last.done_on else ""
    return f"{inspection.step.label}{day}"


def _outreach_table(now: YearFigures, before: YearFigures) -> Table | None:
    if not (now.outreach.pieces or now.contributors):
        return None
    rows = [(str(i), outlet.label, entries, pieces, before.outreach.pieces_of(outlet))
            for i, (outlet, entries, pieces) in enumerate(now.outreach.by_outlet, 1)]
    rows.append(("", "Tổng số", now.outreach.entries, now.outreach.pieces, before.outreach.pieces))
    columns = (_NUMBER, Column("Hình thức, kênh tuyên truyền", 3.4), Column("Số mục ghi", 1.1, True),
               Column(f"Tin, bài, buổi năm {now.year}", 1.4, True), Column(f"Năm {before.year}", 1.1, True))
    note = f"Mạng lưới phóng viên, cộng tác viên: {now.contributors} người." if now.contributors else ""
    return Table("Tuyên truyền", columns, tuple(rows), total_row=True, note=note)


def _exemplars_table(exemplars: tuple[Exemplar, ...]) -> Table | None:
    if not exemplars:
        return None
    rows = tuple((str(i), e.name, "Tập thể" if e.is_collective else "Cá nhân", e.organization_name, e.commendation,
                  " ".join(part for part in (e.decision_number, f"ngày {format_date(e.date)}" if e.date else "") if part))
                 for i, e in enumerate(exemplars, 1))
    columns = (_NUMBER, Column("Tên tập thể, cá nhân", 2.6), Column("Loại", 1), Column("Đơn vị", 2.4),
               Column("Hình thức", 1.2), Column("Quyết định", 1.8))
    return Table("Gương điển hình, khen thưởng", columns, rows)


