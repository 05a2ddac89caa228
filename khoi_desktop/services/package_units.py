"""The received packages of a year as units: which count, which are held in another, which
organisation each one is here, and the candidates for a unit's first package."""

from __future__ import annotations

from dataclasses import dataclass

from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.package import PackageData, source_code
from khoi_desktop.domain.package_units import UnitPackage, includes, outer_packages, overlapping
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import packages_repo
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.packages_repo import StoredPackage


def lineage(parents: dict[int, int | None], org_id: int | None) -> tuple[int, ...]:
    """``org_id`` and its ancestors, nearest first (empty for None); ``parents`` maps id → parent id."""
    chain: list[int] = []
    while org_id is not None and org_id in parents and org_id not in chain:
        chain.append(org_id)
        org_id = parents[org_id]
    return tuple(chain)


def unit_package(db: Database, data: PackageData, organization: Organization | None) -> UnitPackage:
    parents = org_repo.parent_map(db)
    return UnitPackage(data.source.uuid, frozenset(data.covers),
                       lineage(parents, organization.id if organization else None))


@dataclass(frozen=True)
class ReceivedIndex:
    """The year's stored packages with their rule inputs; ``held`` says which are left out."""

    stored: tuple[StoredPackage, ...]
    units: tuple[UnitPackage, ...]
    held: dict[str, str]  # left-out sender UUID → the sender UUID of the package holding it

    @classmethod
    def load(cls, db: Database, year: int) -> ReceivedIndex:
        parents = org_repo.parent_map(db)
        stored = tuple(packages_repo.received_in(db, year))
        units = tuple(UnitPackage(p.source_uuid, frozenset(p.covers), lineage(parents, p.organization_id))
                      for p in stored)
        return cls(stored, units, outer_packages(units))

    def counted(self) -> tuple[StoredPackage, ...]:
        return tuple(p for p in self.stored if p.source_uuid not in self.held)

    def name_of(self, source_uuid: str) -> str:
        return next((p.source_name for p in self.stored if p.source_uuid == source_uuid), source_uuid)

    def notes(self, package: UnitPackage, own_uuid: str) -> tuple[str, ...]:
        """How ``package`` overlaps those already received, as the preview shows it."""
        others = [u for u in self.units if u.source_uuid != own_uuid]
        inside = [self.name_of(u.source_uuid) for u in others if includes(package, u)]
        around = [self.name_of(u.source_uuid) for u in others if includes(u, package)]
        partial = [self.name_of(u.source_uuid) for u in overlapping(package, others)]
        notes = []
        if around:
            notes.append(f"số liệu của đơn vị này đã nằm trong gói của {'; '.join(around)}: gói được lưu để theo "
                         "dõi nhưng không cộng thêm vào báo cáo tổng hợp (mỗi người, mỗi buổi chỉ tính một lần).")
        if inside:
            notes.append(f"gói này bao gồm cả {'; '.join(inside)} (đã gửi gói riêng): báo cáo tổng hợp tính theo gói "
                         "này, gói riêng của các đơn vị đó không cộng thêm.")
        if partial:
            notes.append(f"gói này có chung tổ chức trực thuộc với gói của {'; '.join(partial)}: hãy kiểm tra lại "
                         "với các đơn vị, số liệu chung có thể bị tính hai lần.")
        return tuple(notes)


def candidates(db: Database, data: PackageData) -> tuple[Organization, ...]:
    """The organisations a unit's first package may be, likeliest first: same name under the
    organisation its parent is paired with, same name under a parent of the same name, same name."""
    orgs = [o for o in org_repo.all_organizations(db, include_retired=False) if o.parent_id is not None]
    by_id = {o.id: o for o in org_repo.all_organizations(db)}
    parent_source = packages_repo.source(db, data.source.parent_uuid) if data.source.parent_uuid else None
    parent_id = parent_source.organization_id if parent_source else None
    superior = source_code(data.source.superior) if data.source.superior else ""

    def rank(org: Organization) -> tuple[int, str]:
        parent = by_id.get(org.parent_id) if org.parent_id else None
        return (0 if org.parent_id == parent_id and parent_id else
                1 if parent and superior and source_code(parent.name) == superior else 2, org.name)

    same = [o for o in orgs if source_code(o.name) == data.source.code]
    return tuple(sorted(same, key=rank))
