"""SQL for the units' packages a bloc office received (one row per sending unit's UUID and year),
the pairings of sending units with this database's organisations (with their pinned keys), and
the organisations' own signing keys."""

from __future__ import annotations

import json
from dataclasses import dataclass

from khoi_desktop.storage.connection import Database

_COLUMNS = ("id", "source_uuid", "source_code", "source_name", "year", "created_at", "imported_at", "app_version",
            "schema_version", "file_sha256", "data_json", "organization_id", "covers_json", "maker")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM package_imports"


@dataclass(frozen=True)
class StoredPackage:
    """A received package as stored (``data_json`` is the package's data.json, verbatim)."""

    source_uuid: str
    source_code: str
    source_name: str
    year: int
    created_at: str
    imported_at: str
    app_version: str
    schema_version: str
    file_sha256: str
    data_json: str
    organization_id: int | None = None
    covers_json: str = "[]"
    maker: str = ""
    id: int | None = None

    @property
    def covers(self) -> tuple[str, ...]:
        return tuple(json.loads(self.covers_json))


@dataclass(frozen=True)
class PackageSource:
    """A sending unit known to this database: its UUID, the organisation it is here, its pinned key."""

    source_uuid: str
    organization_id: int
    public_key: str
    source_name: str
    paired_at: str


def _stored(row: tuple) -> StoredPackage:
    return StoredPackage(**dict(zip(_COLUMNS, row, strict=True)))


def received(db: Database, source_uuid: str, year: int) -> StoredPackage | None:
    row = db.execute(f"{_SELECT} WHERE source_uuid = ? AND year = ?", [source_uuid, year]).fetchone()
    return _stored(row) if row else None


def received_in(db: Database, year: int) -> list[StoredPackage]:
    """Every package of ``year``, by source name."""
    rows = db.execute(f"{_SELECT} WHERE year = ? ORDER BY source_name COLLATE VI, source_uuid", [year]).fetchall()
    return [_stored(row) for row in rows]


def store(db: Database, package: StoredPackage) -> int:
    """Insert the package, or replace the same unit's year in place (its id is kept)."""
    names = _COLUMNS[1:]
    values = [getattr(package, name) for name in names]
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name not in ("source_uuid", "year"))
    db.execute(f"INSERT INTO package_imports ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
               f" ON CONFLICT (source_uuid, year) DO UPDATE SET {updates}", values)
    row = db.execute("SELECT id FROM package_imports WHERE source_uuid = ? AND year = ?",
                     [package.source_uuid, package.year]).fetchone()
    return int(row[0])


def others_of(db: Database, organization_id: int, year: int, source_uuid: str) -> list[tuple[int, str]]:
    """(id, sender UUID) of the year's packages paired with ``organization_id`` from another sender."""
    return [(row[0], row[1]) for row in db.execute(
        "SELECT id, source_uuid FROM package_imports WHERE organization_id = ? AND year = ? AND source_uuid <> ?",
        [organization_id, year, source_uuid]).fetchall()]


def delete(db: Database, package_id: int) -> None:
    db.execute("DELETE FROM package_imports WHERE id = ?", [package_id])


# -- sending units ------------------------------------------------------------------------------

_SOURCE = "SELECT source_uuid, organization_id, public_key, source_name, paired_at FROM package_sources"


def source(db: Database, source_uuid: str) -> PackageSource | None:
    row = db.execute(f"{_SOURCE} WHERE source_uuid = ?", [source_uuid]).fetchone()
    return PackageSource(*row) if row else None


def source_of(db: Database, organization_id: int) -> PackageSource | None:
    row = db.execute(f"{_SOURCE} WHERE organization_id = ?", [organization_id]).fetchone()
    return PackageSource(*row) if row else None


def sources(db: Database) -> list[PackageSource]:
    return [PackageSource(*row) for row in db.execute(_SOURCE).fetchall()]


def pair(db: Database, paired: PackageSource) -> None:
    """Pair a sending unit with an organisation (any earlier pairing of either side is replaced)."""
    db.execute("DELETE FROM package_sources WHERE source_uuid = ? OR organization_id = ?",
               [paired.source_uuid, paired.organization_id])
    db.execute("INSERT INTO package_sources (source_uuid, organization_id, public_key, source_name, paired_at)"
               " VALUES (?, ?, ?, ?, ?)", [paired.source_uuid, paired.organization_id, paired.public_key,
                                           paired.source_name, paired.paired_at])


# -- own signing keys ---------------------------------------------------------------------------

def signing_key(db: Database, organization_id: int) -> bytes | None:
    row = db.execute("SELECT private_key FROM signing_keys WHERE organization_id = ?", [organization_id]).fetchone()
    return bytes(row[0]) if row else None


def store_signing_key(db: Database, organization_id: int, private_key: bytes, public_key: str, created_at: str) -> None:
    db.execute("INSERT INTO signing_keys (organization_id, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
               [organization_id, private_key, public_key, created_at])
