"""The bloc office's tracking board: for a year, every unit expected to report, whether its
package arrived, when it was made and by whom, its headline figures and warnings; the
units still missing as a list to paste into a reminder email. Read from the stored packages
and pairings, so it is the same after a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.package import parse_data
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.consolidation import ConsolidationService, expected_units
from khoi_desktop.services.package_figures import figures_from_json
from khoi_desktop.services.package_units import ReceivedIndex
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage.packages_repo import StoredPackage

RECEIVED, MISSING, HELD, EXTRA = "Đã nhận", "Chưa nhận", "Đã gồm trong gói khác", "Gói của đơn vị trực thuộc"


@dataclass(frozen=True)
class BoardRow:
    """One line of the board: an expected unit (received or not) or a package from a unit below one."""

    organization_id: int | None
    name: str
    state: str
    package_id: int | None = None
    created_at: datetime | None = None
    maker: str = ""
    meetings: str = ""
    study: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def received(self) -> bool:
        return self.package_id is not None

    @property
    def made_on(self) -> str:
        return self.created_at.strftime("%d/%m/%Y %H:%M") if self.created_at else ""


@dataclass(frozen=True)
class Board:
    year: int
    rows: tuple[BoardRow, ...]
    expected: int
    arrived: int

    @property
    def missing(self) -> tuple[BoardRow, ...]:
        return tuple(r for r in self.rows if r.state == MISSING)

    @property
    def headline(self) -> str:
        return (f"Năm {self.year}: đã nhận {format_number(self.arrived)}/{format_number(self.expected)} đơn vị"
                + (f", còn thiếu {format_number(len(self.missing))}." if self.missing else ", đã đủ."))

    def reminder(self) -> str:
        """The missing units, one a line, ready to paste into a reminder email."""
        lines = [f"Các đơn vị chưa gửi gói báo cáo năm {self.year}:"]
        lines += [f"{i}. {row.name}" for i, row in enumerate(self.missing, 1)]
        return "\n".join(lines) if self.missing else f"Đã nhận đủ gói báo cáo năm {self.year} của các đơn vị."


class PackageBoardService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def board(self, year: int, bloc_id: int | None = None) -> Board:
        bloc = ConsolidationService(self._ctx).top(bloc_id)
        expected = expected_units(self._db, bloc, year)
        index = ReceivedIndex.load(self._db, year)
        by_org = {p.organization_id: p for p in index.stored}
        rows = [self._expected_row(org, by_org.get(org.id), index) for org in expected]
        shown = {org.id for org in expected}
        names = {o.id: o.name for o in org_repo.all_organizations(self._db)}
        rows += [self._package_row(p, names.get(p.organization_id or 0, p.source_name), index)
                 for p in index.stored if p.organization_id not in shown]
        arrived = sum(1 for org in expected if org.id in by_org)
        return Board(year, tuple(rows), len(expected), arrived)

    def _expected_row(self, org: Organization, stored: StoredPackage | None, index: ReceivedIndex) -> BoardRow:
        if stored is None:
            return BoardRow(org.id, org.name, MISSING)
        return self._package_row(stored, org.name, index)

    def _package_row(self, stored: StoredPackage, name: str, index: ReceivedIndex) -> BoardRow:
        data = parse_data(stored.data_json.encode("utf-8"), stored.source_name, stored=True)
        figures = figures_from_json(data.figures, 0, data.source.name, stored.source_name)
        study = figures.participation.overall
        holder = index.held.get(stored.source_uuid)
        warnings = [f"đã gồm trong gói của {index.name_of(holder)}, không cộng thêm"] if holder else []
        if data.consolidated_from:
            warnings.append(f"gói tổng hợp từ {format_number(data.consolidated_from)} đơn vị")
        if stored.source_name != name:
            warnings.append(f"gói ghi tên “{stored.source_name}”")
        state = HELD if holder else RECEIVED if stored.organization_id else EXTRA
        return BoardRow(stored.organization_id, name, state, stored.id, data.created_at, data.maker,
                        f"{format_number(figures.meetings_total)} buổi",
                        study.persons_text if study.persons_expected else "chưa có", tuple(warnings))
