"""The people list as a printable .xlsx, and the error report of an import."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.interchange.people_import import RowProblem
from khoi_desktop.interchange.xlsx_writer import Column, ColumnKind, write_table

PEOPLE_TITLE = "DANH SÁCH CÁN BỘ, ĐẢNG VIÊN"
ERROR_REPORT_TITLE = "DANH SÁCH CÁC DÒNG CÓ LỖI KHI NHẬP"


@dataclass(frozen=True)
class PersonRow:
    """One person as the export shows them (the service fills it from the database)."""

    full_name: str
    birth_date: date | None = None
    birth_year: int | None = None  # shown when only the year is known
    gender: str = ""
    position: str = ""
    organization_name: str = ""
    memberships: str = ""  # e.g. "Chi bộ 1 (chính thức); Chi bộ Kho bạc (kiêm nhiệm)"
    party_card_number: str = ""
    admission_date: date | None = None
    official_date: date | None = None
    status: str = ""
    membership_kind: str = ""  # 'Chính thức', 'Dự bị', 'Công chức' …: read back as the import's 'Tư cách'
    note: str = ""


PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column("STT", ColumnKind.SEQUENCE, 6),
    Column("Họ và tên", width=28),
    Column("Ngày sinh", ColumnKind.DATE, 13),
    Column("Giới tính", width=10),
    Column("Chức vụ", wrap=True),
    Column("Đơn vị", wrap=True),
    Column("Nơi sinh hoạt đảng", wrap=True),
    Column("Số thẻ đảng viên", width=17),
    Column("Ngày vào Đảng", ColumnKind.DATE, 14),
    Column("Ngày chính thức", ColumnKind.DATE, 14),
    Column("Trạng thái", width=14),
    Column("Tư cách", width=12),
    Column("Ghi chú", wrap=True),
)


def person_values(sequence: int, person: PersonRow) -> tuple[object, ...]:
    """One table row, in the order of :data:`PEOPLE_COLUMNS`."""
    birth = person.birth_date or person.birth_year
    return (
        sequence,
        person.full_name,
        birth,
        person.gender,
        person.position,
        person.organization_name,
        person.memberships,
        person.party_card_number,
        person.admission_date,
        person.official_date,
        person.status,
        person.membership_kind,
        person.note,
    )


def export_people(
    path: str | os.PathLike[str], people: Sequence[PersonRow], *, organization_name: str, exported_on: date
) -> int:
    """Write the people list; returns the number of people written."""
    title_lines = [PEOPLE_TITLE, organization_name, f"(Xuất ngày {format_date(exported_on)})"]
    rows = (person_values(index, person) for index, person in enumerate(people, start=1))
    return write_table(
        path,
        title_lines=[line for line in title_lines if line],
        columns=PEOPLE_COLUMNS,
        rows=rows,
        sheet_title="Danh sách",
        closing_lines=[f"Tổng số: {format_number(len(people))} người."],
        created=datetime.combine(exported_on, time(0)),
    )


ERROR_COLUMNS: tuple[Column, ...] = (
    Column("Dòng", ColumnKind.NUMBER, 8),
    Column("Cột", width=24, wrap=True),
    Column("Mức độ", width=11),
    Column("Lỗi", width=70, wrap=True),
)


def write_error_report(
    path: str | os.PathLike[str], problems: Iterable[RowProblem], *, source_name: str = ""
) -> int:
    """List every problem (Dòng, Cột, Mức độ, Lỗi) so the clerk can fix the file; returns the count."""
    title_lines = [ERROR_REPORT_TITLE] + ([f"(Tệp: {source_name})"] if source_name else [])
    rows = (
        (problem.row, problem.column_label, str(problem.severity), problem.detail)
        for problem in sorted(problems, key=lambda problem: problem.row)
    )
    return write_table(
        path, title_lines=title_lines, columns=ERROR_COLUMNS, rows=rows, sheet_title="Lỗi", landscape=False
    )
