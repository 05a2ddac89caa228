"""People lists from spreadsheets: parse rows into plain records, with their problems.

Column matching lives in :mod:`.people_columns` and is re-exported here, so the GUI
needs one module: ``detect_mapping(grid)`` → (user corrects) → ``parse_rows(grid, mapping)``.

Nothing here touches the database: :func:`parse_rows` returns :class:`ImportRecord` values,
each carrying its own :class:`RowProblem` list; the service layer decides what to store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from operator import attrgetter

from khoi_desktop.domain.vntext import DateParseError, fold, format_date, parse_date, proper_name
from khoi_desktop.interchange.people_columns import (
    FEMALE,
    FIELD_LABELS,
    MALE,
    ColumnMapping,
    detect_mapping,
    match_header,
)
from khoi_desktop.interchange.sheet_layout import data_rows
from khoi_desktop.interchange.sheet_reader import Cell, CellValue, SheetGrid, cell_text

__all__ = [
    "FEMALE",
    "FIELD_LABELS",
    "MALE",
    "ColumnMapping",
    "ImportRecord",
    "ProblemKind",
    "RowProblem",
    "Severity",
    "all_problems",
    "detect_mapping",
    "mark_duplicates",
    "match_header",
    "parse_rows",
    "read_date",
    "valid_records",
]


class Severity(StrEnum):
    ERROR = "Lỗi"  # the row is left out of a "valid rows only" import
    WARNING = "Cảnh báo"  # imported, but the user should look


class ProblemKind(StrEnum):
    MISSING = "missing"
    INVALID = "invalid"
    DATE_ORDER = "date_order"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class RowProblem:
    """One problem in one row; ``message`` is the full Vietnamese sentence."""

    row: int
    column_label: str
    detail: str  # e.g. '“31/02/1980” — tháng 2/1980 không có ngày 31.'
    severity: Severity = Severity.ERROR
    kind: ProblemKind = ProblemKind.INVALID
    other_row: int | None = None  # the row a duplicate repeats

    @property
    def message(self) -> str:
        where = f"Dòng {self.row}, cột {self.column_label}" if self.column_label else f"Dòng {self.row}"
        return f"{where}: {self.detail}"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImportRecord:
    """One person read from one row; texts are NFC and trimmed, absent values '' or None."""

    row_number: int  # Excel's 1-based row number
    full_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None  # also set when birth_date is; alone when the file gives a year only
    gender: str | None = None  # MALE or FEMALE
    position: str = ""
    party_card_number: str = ""
    party_record_number: str = ""
    admission_date: date | None = None
    official_date: date | None = None
    membership_kind: str = ""  # as written: "Chính thức", "Dự bị", …
    org_since: date | None = None  # sinh hoạt tại tổ chức từ ngày ('Ngày chuyển đến', 'Ngày về chi bộ')
    hometown: str = ""
    ethnicity: str = ""
    phone: str = ""
    email: str = ""
    political_theory: str = ""
    education: str = ""
    note: str = ""
    problems: tuple[RowProblem, ...] = ()
    repeats_row: int | None = None  # an exact repeat of that row: imported once, from that row

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)


TEXT_FIELDS = (
    "full_name",
    "position",
    "party_card_number",
    "party_record_number",
    "membership_kind",
    "hometown",
    "ethnicity",
    "phone",
    "email",
    "political_theory",
    "education",
    "note",
)


def parse_rows(grid: SheetGrid, mapping: ColumnMapping) -> list[ImportRecord]:
    """Every data row below the header as a record, with its problems and duplicates marked."""
    if mapping.missing_required:
        raise ValueError("Chưa chọn cột “Họ và tên”: không thể nhập danh sách.")
    records = []
    used = {col for name, col in mapping.columns.items() if name != "sequence"}
    for row_number, cells in data_rows(grid, mapping.first_data_row - 1):
        if _is_heading_row(cells, mapping, used):
            continue
        records.append(_RowParser(mapping, row_number, cells).record())
    return mark_duplicates(records, mapping)


_HEADING = re.compile(r"^([IVXLC]+|[A-Z])\s*[.)/-]\s*\S")  # "I. Tổ 2", "B - Chi bộ 3"


def _is_heading_row(cells: Sequence[Cell], mapping: ColumnMapping, used: set[int]) -> bool:
    """Rows to pass over silently: nothing in any mapped field (``used``: the mapped columns but
    the sequence number), or a lone 'I. Chi bộ 1' heading."""
    filled: list[tuple[int, CellValue]] = []
    mapped = False
    for col, cell in enumerate(cells):
        if not cell.is_empty:
            filled.append((col, cell.value))
            mapped = mapped or col in used
            if mapped and len(filled) > 1:
                return False  # a data row: decided without looking at the rest of it
    if not mapped:
        return True
    col, value = filled[0]  # the row's one filled cell, in a mapped column
    return isinstance(value, str) and (col != mapping.column_of("full_name") or bool(_HEADING.match(value.strip())))


_MARKS = {"x", "v", "+", "1", "co", "\u2713", "\u2714", "\u00d7", "*"}
_GENDER_WORDS = {
    "nam": MALE,
    "m": MALE,
    "male": MALE,
    "trai": MALE,
    "nu": FEMALE,
    "f": FEMALE,
    "female": FEMALE,
}


class _RowParser:
    """Parses one row; collects problems as it goes."""

    def __init__(self, mapping: ColumnMapping, row_number: int, cells: Sequence[Cell]) -> None:
        self.mapping, self.row, self.cells = mapping, row_number, cells
        self.problems: list[RowProblem] = []

    def value(self, name: str) -> CellValue:
        column = self.mapping.columns.get(name)
        return self.cells[column].value if column is not None and column < len(self.cells) else None

    def problem(
        self,
        name: str,
        detail: str,
        severity: Severity = Severity.ERROR,
        kind: ProblemKind = ProblemKind.INVALID,
    ) -> None:
        self.problems.append(RowProblem(self.row, self.mapping.label_of(name), detail, severity, kind))

    def record(self) -> ImportRecord:
        values: dict[str, object] = {name: cell_text(self.value(name)) for name in TEXT_FIELDS}
        written = str(values["full_name"])
        values["full_name"] = proper_name(written)  # capitals in lists; invisible characters removed
        if written and not values["full_name"]:
            self.problem("full_name", "họ và tên chỉ có ký tự không nhìn thấy.")
        elif not values["full_name"]:
            self.problem("full_name", "thiếu họ và tên.", kind=ProblemKind.MISSING)
        birth, birth_year = self.date_field("birth_date", allow_year=True)
        gender, mark_birth, mark_year = self.gender()
        if birth is None and birth_year is None:
            birth, birth_year = mark_birth, mark_year
        admission, _ = self.date_field("admission_date")
        official, _ = self.date_field("official_date")
        since, _ = self.date_field("org_since")
        self.check_order(birth, admission, official)
        return ImportRecord(
            row_number=self.row,
            org_since=since,
            birth_date=birth,
            birth_year=birth_year,
            gender=gender,
            admission_date=admission,
            official_date=official,
            problems=tuple(self.problems),
            **values,
        )

    def date_field(self, name: str, *, allow_year: bool = False) -> tuple[date | None, int | None]:
        try:
            return read_date(self.value(name), allow_year=allow_year)
        except DateParseError as error:
            self.problem(name, str(error))
            return None, None

    def gender(self) -> tuple[str | None, date | None, int | None]:
        """(gender, birth date, birth year) from a 'Giới tính' column or the classic 'Nam' / 'Nữ' pair."""
        written = cell_text(self.value("gender"))
        if not written:
            return self.gender_from_marks()
        gender = _GENDER_WORDS.get(fold(written))
        if gender is None:
            detail = f"“{written}” — không rõ giới tính (cần “Nam” hoặc “Nữ”)."
            self.problem("gender", detail, Severity.WARNING)
        return gender, None, None

    def gender_from_marks(self) -> tuple[str | None, date | None, int | None]:
        """A mark ('x') in the Nam or Nữ column, or the birth date/year written in it."""
        male, female = cell_text(self.value("male_mark")), cell_text(self.value("female_mark"))
        if male and female:
            self.problem("female_mark", "đánh dấu cả cột Nam và cột Nữ.", Severity.WARNING)
            return None, None, None
        for name, gender, text in (("male_mark", MALE, male), ("female_mark", FEMALE, female)):
            if text:
                is_mark = fold(text) in _MARKS
                birth, year = (None, None) if is_mark else self.date_field(name, allow_year=True)
                return gender, birth, year
        return None, None, None

    def check_order(self, birth: date | None, admission: date | None, official: date | None) -> None:
        order = ProblemKind.DATE_ORDER
        if birth and admission and admission <= birth:
            self.problem(
                "admission_date",
                f"ngày vào Đảng {format_date(admission)} không sau ngày sinh {format_date(birth)}.",
                kind=order,
            )
        elif birth and admission and admission < add_years(birth, 18):
            self.problem(
                "admission_date",
                f"vào Đảng ngày {format_date(admission)} khi chưa đủ 18 tuổi.",
                Severity.WARNING,
                order,
            )
        if admission and official and official < admission:
            self.problem(
                "official_date",
                f"ngày chính thức {format_date(official)} trước ngày vào Đảng {format_date(admission)}.",
                kind=order,
            )
        elif admission and official and official < add_years(admission, 1):
            self.problem(
                "official_date",
                f"ngày chính thức {format_date(official)} chưa đủ 12 tháng dự bị "
                f"kể từ ngày vào Đảng {format_date(admission)}.",
                Severity.WARNING,
                order,
            )


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29/02 becomes 28/02 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


_YEAR = re.compile(r"^(?:năm\s*)?(\d{4})$", re.IGNORECASE)


def read_date(value: CellValue, *, allow_year: bool = False) -> tuple[date | None, int | None]:
    """A date cell or a typed date → (date, year); a bare year → (None, year) when allowed.

    Raises DateParseError whose message reads '“31/02/1980” — tháng 2/1980 không có ngày 31.'.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value, value.year
    raw = cell_text(value)
    year = _YEAR.match(raw)
    if year and not isinstance(value, bool):
        return _year_only(raw, int(year.group(1)), allow_year)
    if not isinstance(value, str):
        raise DateParseError(f"“{raw}” — không phải ngày (cần dạng ngày/tháng/năm, ví dụ 05/02/1980).")
    try:
        day = parse_date(raw)
    except DateParseError as error:
        detail = str(error).removeprefix(f"“{raw}”").lstrip(": ")
        raise DateParseError(f"“{raw}” — {detail}") from None
    return day, day.year


def _year_only(raw: str, year: int, allow_year: bool) -> tuple[None, int]:
    if not 1900 <= year <= 2100:
        raise DateParseError(f"“{raw}” — năm {year} không hợp lý.")
    if not allow_year:
        raise DateParseError(f"“{raw}” — chỉ có năm, cần đủ ngày/tháng/năm.")
    return None, year


_CONTENT_FIELDS = (*TEXT_FIELDS, "birth_date", "birth_year", "gender", "admission_date", "official_date",
                   "org_since")
# Everything a row says (not where it is nor what is wrong with it): equal for exact repeats.
_content: Callable[[ImportRecord], tuple[object, ...]] = attrgetter(*_CONTENT_FIELDS)


def mark_repeats(records: Sequence[ImportRecord], mapping: ColumnMapping) -> list[ImportRecord]:
    """An exact repeat of an earlier row (every field equal) is imported once: a warning naming both rows."""
    first_of: dict[tuple[object, ...], ImportRecord] = {}
    result = []
    for record in records:
        key = _content(record)
        first = first_of.setdefault(key, record) if record.full_name else record
        if first is record:
            result.append(record)
            continue
        problem = RowProblem(record.row_number, mapping.label_of("full_name"),
                             f"dòng {record.row_number} lặp lại y hệt dòng {first.row_number}; "
                             f"chỉ nhập một lần (theo dòng {first.row_number}).",
                             Severity.WARNING, ProblemKind.DUPLICATE, first.row_number)
        result.append(replace(record, repeats_row=first.row_number, problems=record.problems + (problem,)))
    return result


def mark_duplicates(records: Sequence[ImportRecord], mapping: ColumnMapping) -> list[ImportRecord]:
    """Add a 'duplicate' problem to both rows of every repeated card number or name + birth date.

    Exact repeats are marked by :func:`mark_repeats` and take no part here.
    """
    records = mark_repeats(records, mapping)
    extra: dict[int, list[RowProblem]] = {}
    card_label, name_label = mapping.label_of("party_card_number"), mapping.label_of("full_name")

    def report(first: ImportRecord, later: ImportRecord, label: str, what: str, severity: Severity) -> None:
        for this, other in ((later, first), (first, later)):
            detail = f"trùng {what} với dòng {other.row_number}."
            problem = RowProblem(
                this.row_number, label, detail, severity, ProblemKind.DUPLICATE, other.row_number
            )
            extra.setdefault(this.row_number, []).append(problem)

    seen_cards: dict[str, ImportRecord] = {}
    seen_people: dict[tuple[str, object], ImportRecord] = {}
    for record in records:
        if record.repeats_row is not None:
            continue
        card = record.party_card_number.replace(" ", "")
        person = (fold(record.full_name), record.birth_date or record.birth_year)
        if card and card in seen_cards:
            report(
                seen_cards[card], record, card_label, f"số thẻ “{record.party_card_number}”", Severity.ERROR
            )
        elif record.full_name and person[1] and person in seen_people:
            report(seen_people[person], record, name_label, "họ tên và ngày sinh", Severity.WARNING)
        if card:
            seen_cards.setdefault(card, record)
        seen_people.setdefault(person, record)
    # Most rows repeat nothing: they are kept as they are, not copied.
    return [replace(r, problems=r.problems + tuple(extra[r.row_number])) if r.row_number in extra else r
            for r in records]


def valid_records(records: Iterable[ImportRecord]) -> list[ImportRecord]:
    """The records a "valid rows only" import keeps (warnings allowed)."""
    return [record for record in records if not record.has_errors]


def all_problems(records: Iterable[ImportRecord]) -> list[RowProblem]:
    """Every problem in row order, for the error report."""
    return [problem for record in records for problem in record.problems]
