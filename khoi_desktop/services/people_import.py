"""Importing a people list from a spreadsheet: the database side.

The file is read and parsed by :mod:`khoi_desktop.interchange.people_import`; here each
row is turned into a :class:`PersonInput`, checked against the same rules as the edit
form, and matched with the people already in the database (same card number, or same
name and date of birth). :meth:`PeopleImportService.run` then stores it all in one
transaction: every row or nothing (the default), or only the valid rows with an error
report .xlsx listing the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from khoi_desktop.domain.errors import UserFacingError, ValidationError
from khoi_desktop.domain.models import Changes, PersonInput
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.interchange.people_export import write_error_report
from khoi_desktop.interchange.people_import import (
    ColumnMapping,
    ImportRecord,
    ProblemKind,
    RowProblem,
    Severity,
    detect_mapping,
    parse_rows,
)
from khoi_desktop.interchange.sheet_reader import SheetGrid, SheetReadError, read_sheet
from khoi_desktop.services.base import ServiceContext, batch_work
from khoi_desktop.services.file_writes import sheet_errors
from khoi_desktop.services.people import PeopleService
from khoi_desktop.services.people_import_rows import ExistingIndex, ExistingMatch, merge_person, to_person
from khoi_desktop.storage import people_repo

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
CHUNK = 250


class ImportFileError(UserFacingError):
    """The file cannot be read as a people list; nothing was changed."""


class ImportBlocked(UserFacingError):
    """All-or-nothing import refused because some rows have errors; nothing was changed."""


class ImportCancelled(UserFacingError):
    """The user pressed Hủy; the transaction was rolled back."""


class RowChoice(StrEnum):
    IMPORT = "import"
    SKIP = "skip"
    UPDATE = "update"

    @property
    def label(self) -> str:
        return {"import": "Nhập mới", "skip": "Bỏ qua", "update": "Cập nhật"}[self.value]


@dataclass(frozen=True)
class PreviewRow:
    record: ImportRecord  # with every problem: the file's, the rules', and the database duplicate
    person: PersonInput | None  # cleaned; None when the row cannot become a person
    match: ExistingMatch | None = None

    @property
    def row_number(self) -> int:
        return self.record.row_number

    @property
    def choices(self) -> tuple[RowChoice, ...]:
        """What the user may pick for this row: a known person is skipped or updated; an exact repeat skipped."""
        if self.record.repeats_row is not None:
            return (RowChoice.SKIP,)
        if self.match is not None:
            return (RowChoice.SKIP, RowChoice.UPDATE)
        return (RowChoice.IMPORT, RowChoice.SKIP)

    @property
    def default_choice(self) -> RowChoice:
        return self.choices[0]


@dataclass(frozen=True)
class ImportPreview:
    """Everything the wizard shows before anything is written."""

    file_name: str
    organization_id: int
    mapping: ColumnMapping
    rows: tuple[PreviewRow, ...]
    legacy_note: str = ""

    @property
    def dated_rows(self) -> bool:
        """Whether the file says since when each person belongs ('Ngày chuyển đến', 'Ngày về chi bộ')."""
        return self.mapping.column_of("org_since") is not None

    def choices_with(self, overrides: Mapping[int, RowChoice] | None = None) -> dict[int, RowChoice]:
        """Row number → choice: the defaults, with the user's picks over them."""
        chosen = {row.row_number: row.default_choice for row in self.rows}
        for number, choice in (overrides or {}).items():
            row = self.row(number)
            if row is not None and choice in row.choices:
                chosen[number] = choice
        return chosen

    def row(self, row_number: int) -> PreviewRow | None:
        return next((row for row in self.rows if row.row_number == row_number), None)

    def blocked_rows(self, choices: Mapping[int, RowChoice]) -> list[PreviewRow]:
        """Rows that would be imported but cannot be: errors, or nothing usable."""
        skipped = skipped_rows(choices)
        return [row for row in self.rows if row.row_number not in skipped
                and (row.person is None or any(p.severity is Severity.ERROR for p in live_problems(row, skipped)))]

    def all_problems(self, choices: Mapping[int, RowChoice] | None = None) -> list[RowProblem]:
        skipped = skipped_rows(self.choices_with(choices))
        return [p for row in self.rows for p in live_problems(row, skipped)]


def skipped_rows(choices: Mapping[int, RowChoice]) -> frozenset[int]:
    """The row numbers the user chose to skip."""
    return frozenset(number for number, choice in choices.items() if choice is RowChoice.SKIP)


def live_problems(row: PreviewRow, skipped: frozenset[int]) -> tuple[RowProblem, ...]:
    """The row's problems, less duplicates of skipped rows (compute ``skipped`` once per pass)."""
    return tuple(p for p in row.record.problems if not (p.kind is ProblemKind.DUPLICATE and p.other_row in skipped))


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    created: int = 0
    updated: int = 0
    skipped: int = 0
    invalid: int = 0
    report_path: Path | None = None
    changes: Changes = field(default_factory=Changes)

    def text(self) -> str:
        """'Đã nhập 25 người mới, cập nhật 2 người; bỏ qua 1 dòng trùng; 3 dòng có lỗi không nhập.'"""
        parts = [f"Đã nhập {format_number(self.created)} người mới từ “{self.file_name}”"]
        if self.updated:
            parts.append(f"cập nhật {format_number(self.updated)} người đã có")
        if self.skipped:
            parts.append(f"bỏ qua {format_number(self.skipped)} dòng trùng")
        text = ", ".join(parts) + "."
        if self.invalid:
            text += f" {format_number(self.invalid)} dòng có lỗi không được nhập"
            text += f"; xem báo cáo lỗi “{self.report_path}”." if self.report_path else "."
        return text


class PeopleImportService:
    """Read → preview → run; every step a plain call the GUI runs off its thread."""

    def __init__(self, context: ServiceContext, people: PeopleService | None = None) -> None:
        self._ctx = context
        self._db = context.db
        self._people = people or PeopleService(context)

    # -- reading --------------------------------------------------------------------
    def read(self, path: str | os.PathLike[str]) -> tuple[SheetGrid, ColumnMapping]:
        """Open the sheet and guess the columns; a bad file raises ImportFileError."""
        try:
            with batch_work():
                grid = read_sheet(path)
                return grid, detect_mapping(grid)
        except SheetReadError as error:
            raise ImportFileError(str(error)) from None

    def preview(self, grid: SheetGrid, mapping: ColumnMapping, organization_id: int,
                progress: Progress | None = None) -> ImportPreview:
        """Parse every row, check it, and find the people it may repeat (nothing is written)."""
        with batch_work():
            return self._preview(grid, mapping, organization_id, progress)

    def _preview(self, grid: SheetGrid, mapping: ColumnMapping, organization_id: int,
                 progress: Progress | None) -> ImportPreview:
        try:
            records = parse_rows(grid, mapping)
        except ValueError as error:
            raise ValidationError("full_name", str(error)) from None
        index = ExistingIndex(people_repo.duplicate_candidates(self._db))
        today = self._ctx.today()
        rows = []
        for done, record in enumerate(records, start=1):
            rows.append(self._preview_row(record, mapping, organization_id, index, today))
            if progress is not None and done % CHUNK == 0:
                progress(done, len(records))
        return ImportPreview(grid.file_name, organization_id, mapping, tuple(rows), legacy_note(grid))

    def _preview_row(self, record: ImportRecord, mapping: ColumnMapping, organization_id: int,
                     index: ExistingIndex, today: date) -> PreviewRow:
        person, problems = to_person(record, mapping, organization_id, today)
        match = index.match(person) if person is not None else None
        if match is not None:
            problems.append(RowProblem(record.row_number, mapping.label_of("full_name"),
                                       f"đã có trong cơ sở dữ liệu ({match.reason}): {match.full_name}"
                                       f"{', ' + match.organization_name if match.organization_name else ''}.",
                                       Severity.WARNING, ProblemKind.DUPLICATE))
        if problems:  # most rows have none: no copy of the record for them
            record = replace(record, problems=record.problems + tuple(problems))
        return PreviewRow(record, person, match)

    # -- writing --------------------------------------------------------------------
    def run(self, preview: ImportPreview, *, choices: Mapping[int, RowChoice] | None = None,
            valid_only: bool = False, error_report: Path | None = None,
            progress: Progress | None = None, cancelled: Cancelled | None = None,
            since: date | None = None) -> ImportSummary:
        """Store the preview's rows in one transaction; raise ImportBlocked if errors remain.

        ``since``: from when the new people belong to the organisation when their row does not
        say (default today), so no meeting held before then gains them.
        """
        since = since or self._ctx.today()
        if since > self._ctx.today():
            raise ValidationError("since", f"Ngày sinh hoạt tại tổ chức {format_date(since)} ở tương lai.")
        chosen = preview.choices_with(choices)
        blocked = preview.blocked_rows(chosen)
        if blocked and not valid_only:
            raise ImportBlocked(_blocked_message(blocked))
        left_out = {row.row_number for row in blocked}
        todo = [row for row in preview.rows if row.row_number not in left_out
                and chosen[row.row_number] is not RowChoice.SKIP]
        report = None
        if blocked and error_report is not None:
            skipped = skipped_rows(chosen)
            problems = [p for row in blocked for p in live_problems(row, skipped)]
            with sheet_errors(error_report):
                write_error_report(error_report, problems, source_name=preview.file_name)
            report = error_report
        try:
            with batch_work():
                created, updated = self._store(preview, todo, chosen, since, progress, cancelled)
        except BaseException:
            if report is not None:
                report.unlink(missing_ok=True)
            raise
        skipped = sum(1 for row in preview.rows if chosen[row.row_number] is RowChoice.SKIP)
        return ImportSummary(preview.file_name, len(created), len(updated), skipped, len(blocked), report,
                             Changes(people=True, ids=tuple(created + updated)))

    def _store(self, preview: ImportPreview, todo: list[PreviewRow], chosen: Mapping[int, RowChoice], since: date,
               progress: Progress | None, cancelled: Cancelled | None) -> tuple[list[int], list[int]]:
        created: list[int] = []
        updated: list[int] = []
        with self._db.atomic():
            for start in range(0, len(todo), CHUNK):
                if cancelled is not None and cancelled():
                    raise ImportCancelled("Đã hủy nhập; không có thay đổi nào được lưu.")
                new: list[PersonInput] = []  # the chunk's new people, inserted together
                for row in todo[start:start + CHUNK]:
                    assert row.person is not None
                    if chosen[row.row_number] is RowChoice.UPDATE and row.match is not None:
                        updated.append(self._update(row.row_number, row.match.person_id, row.person))
                    else:
                        new.append(row.person)  # belonging from ``since`` unless the row says when
                created += self._people._insert_many(new, since)  # noqa: SLF001 - made for imports
                if progress is not None:
                    progress(min(start + CHUNK, len(todo)), len(todo))
            self._ctx.audit("import", "person", None,
                            f"Nhập danh sách từ “{preview.file_name}”: {len(created)} người mới, "
                            f"{len(updated)} người cập nhật",
                            {"file": preview.file_name, "organization_id": preview.organization_id,
                             "created": len(created), "updated": len(updated), "since": since.isoformat()})
        return created, updated

    def _update(self, row_number: int, person_id: int, incoming: PersonInput) -> int:
        """Merge the row into the stored person; a merge the rules refuse names the row and the person."""
        current = self._people.get(person_id).to_input()
        try:
            self._people.update(person_id, merge_person(current, incoming))
        except ValidationError as error:
            raise ValidationError(error.field, f"Dòng {row_number}: không cập nhật được “{current.full_name}” "
                                  f"theo tệp — {error.message} Không có dòng nào được nhập.") from None
        return person_id


def _blocked_message(blocked: list[PreviewRow]) -> str:
    first = next((p.message for row in blocked for p in row.record.problems if p.severity is Severity.ERROR), "")
    return (f"Tệp còn {format_number(len(blocked))} dòng có lỗi nên chưa nhập dòng nào (nhập tất cả hoặc "
            f"không nhập gì). Lỗi đầu tiên — {first} Hãy sửa tệp, bỏ qua các dòng đó, hoặc chọn "
            "“chỉ nhập các dòng hợp lệ”.")


def legacy_note(grid: SheetGrid) -> str:
    """'Đã chuyển chữ từ bảng mã cũ (TCVN3) sang Unicode.' or ''."""
    names = sorted({encoding.value.split(" ")[0] for encoding in grid.legacy_encodings})
    return f"Đã chuyển chữ từ bảng mã cũ ({', '.join(names)}) sang Unicode." if names else ""
