"""SQL for the units' packages a bloc office received: one row per source unit and year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

_COLUMNS = ("id", "source_code", "source_name", "year", "created_at", "imported_at", "app_version",
            "schema_version", "file_sha256", "data_json")


@dataclass(frozen=True)
class StoredPackage:
    """A received package as stored (``data_json`` is the package's data.json, verbatim)."""

    source_code: str
    source_name: str
    year: int
    created_at: str
    imported_at: str
    app_version: str
    schema_version: str
    file_sha256: str
    data_json: str
    id: int | None = None


def _stored(row: tuple) -> StoredPackage:
    return StoredPackage(**dict(zip(_COLUMNS, row, strict=True)))


def received(db: Database, source_code: str, year: int) -> StoredPackage | None:
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM package_imports WHERE source_code = ? AND year = ?",
                     [source_code, year]).fetchone()
    return _stored(row) if row else None


def received_in(db: Database, year: int) -> list[StoredPackage]:
    """Every package of ``year``, by source name."""
    rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM package_imports WHERE year = ?"
                      " ORDER BY source_name COLLATE VI, source_code", [year]).fetchall()
    return [_stored(row) for row in rows]


def store(db: Database, package: StoredPackage) -> int:
    """Insert the package, or replace the same unit's year in place (its id is kept)."""
    values = [package.source_code, package.source_name, package.year, package.created_at, package.imported_at,
              package.app_version, package.schema_version, package.file_sha256, package.data_json]
    db.execute(
        "INSERT INTO package_imports (source_code, source_name, year, created_at, imported_at, app_version,"
        " schema_version, file_sha256, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (source_code, year) DO UPDATE SET source_name = excluded.source_name,"
        " created_at = excluded.created_at, imported_at = excluded.imported_at,"
        " app_version = excluded.app_version, schema_version = excluded.schema_version,"
        " file_sha256 = excluded.file_sha256, data_json = excluded.data_json",
        values,
    )
    row = db.execute("SELECT id FROM package_imports WHERE source_code = ? AND year = ?",
                     [package.source_code, package.year]).fetchone()
    return int(row[0])
