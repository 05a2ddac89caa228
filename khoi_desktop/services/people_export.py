"""Exporting people to a styled .xlsx: the rows the GUI shows, or an organisation with its children.

The sheet itself is drawn by :mod:`khoi_desktop.interchange.people_export`; here the
list rows get their party dates and organisation names, and the file is written to a
temporary name first so a failed or cancelled export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.domain.models import Organization, PeopleFilter, PersonRow
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.interchange import people_export as sheet
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.file_writes import replacing, sheet_errors
from khoi_desktop.services.organizations import OrganizationService
from khoi_desktop.services.people import PeopleService
from khoi_desktop.storage import people_repo

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelled(UserFacingError):
    """The user pressed Hủy before the file was written."""


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    count: int

    def text(self) -> str:
        return f"Đã xuất {format_number(self.count)} người ra tệp “{self.path}”."


class PeopleExportService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._people = PeopleService(context)
        self._organizations = OrganizationService(context)

    def export_rows(self, path: Path, rows: Sequence[PersonRow], *, organization_name: str = "",
                    progress: Progress | None = None, cancelled: Cancelled | None = None) -> ExportSummary:
        """Write these rows, in this order (the GUI's current filtered list)."""
        report = progress or (lambda _done, _total: None)
        report(0, 3)
        dates = people_repo.party_dates(self._db)
        organizations = {org.id: org for org in self._organizations.all()}
        report(1, 3)
        people = [export_row(row, dates.get(row.id, (None, None)), organizations) for row in rows]
        if cancelled is not None and cancelled():
            raise ExportCancelled("Đã hủy xuất danh sách; không có tệp nào được ghi.")
        name = organization_name or _common_root_name(organizations)
        _write_atomically(path, lambda target: sheet.export_people(
            target, people, organization_name=name, exported_on=self._ctx.today()))
        report(3, 3)
        return ExportSummary(path, len(people))

    def export_organization(self, path: Path, organization_id: int | None = None,
                            progress: Progress | None = None) -> ExportSummary:
        """Everyone followed in an organisation and the organisations under it (None: everyone)."""
        scope = None if organization_id is None else tuple(self._organizations.with_descendants(organization_id))
        rows = self._people.list(PeopleFilter(organization_ids=scope))
        name = self._organizations.get(organization_id).name if organization_id is not None else ""
        return self.export_rows(path, rows, organization_name=name, progress=progress)


def export_row(row: PersonRow, party_dates: tuple, organizations: dict[int, Organization]) -> sheet.PersonRow:
    """One list row as the sheet shows it: unit, place of party activity, dates."""
    org = organizations.get(row.organization_id) if row.organization_id is not None else None
    unit = (org.agency_name or org.name) if org is not None else row.organization_name
    admission, official = party_dates
    return sheet.PersonRow(
        full_name=row.full_name, birth_date=row.birth_date,
        birth_year=row.birth_year if row.birth_date is None else None,
        gender=row.gender.label if row.gender else "", position=row.job_title, organization_name=unit,
        memberships=_party_place(row), party_card_number=row.party_card_number,
        admission_date=admission, official_date=official, status=row.status.label,
        membership_kind=_kind_text(row), note=row.note,
    )


def _kind_text(row: PersonRow) -> str:
    """The 'Tư cách' an import reads back: Chính thức / Dự bị, else the first other membership."""
    if MembershipKind.PARTY_OFFICIAL in row.memberships:
        return "Chính thức"
    if MembershipKind.PARTY_PROBATIONARY in row.memberships:
        return "Dự bị"
    return row.memberships[0].label if row.memberships else ""


def _party_place(row: PersonRow) -> str:
    """'Chi bộ Kho bạc (chính thức)' for party members; empty for everyone else."""
    party = [kind for kind in row.memberships if kind.is_party]
    if not party or not row.organization_name:
        return ""
    kind = "chính thức" if MembershipKind.PARTY_OFFICIAL in party else "dự bị"
    return f"{row.organization_name} ({kind})"


def _common_root_name(organizations: dict[int, Organization]) -> str:
    roots = [org for org in organizations.values() if org.parent_id is None and org.retired_on is None]
    return roots[0].name if len(roots) == 1 else ""


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside the target, then rename over it: no half-written file on failure."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserFacingError(f"Tên tệp “{path.name}” phải có đuôi .xlsx.")
    if not path.parent.is_dir():
        raise UserFacingError(f"Thư mục “{path.parent}” không tồn tại; hãy chọn nơi lưu khác.")
    with sheet_errors(path), replacing(path) as temporary:
        write(temporary)
