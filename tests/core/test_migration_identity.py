"""m0005 on a database made before issue 12: organisations get UUIDs, received packages are kept."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from khoi_desktop.storage.migrations import m0001_initial, m0005_package_identity


def test_existing_organisations_get_distinct_uuids_and_old_packages_stay(tmp_path: Path) -> None:
    """Two organisations with the same name get two UUIDs; a package row matched by name survives, keyed 'code:…'."""
    db = Database(str(tmp_path / "cu.sqlite"))
    m0001_initial(db)
    for name in ("Chi bộ Văn phòng Sở", "Chi bộ Văn phòng Sở"):
        db.execute("INSERT INTO organizations (name, kind, name_search, created_at, updated_at)"
                   " VALUES (?, 'sub_branch', '', '', '')", [name])
    db.execute("INSERT INTO package_imports (source_code, source_name, year, created_at, imported_at, file_sha256,"
               " data_json) VALUES ('chi-bo-van-phong-so', 'Chi bộ Văn phòng Sở', 2025, 'x', 'y', 'z', '{}')")
    m0005_package_identity(db)
    uuids = [row[0] for row in db.execute("SELECT uuid FROM organizations").fetchall()]
    assert len(set(uuids)) == 2 and all(len(u) == 36 for u in uuids)
    kept = db.execute("SELECT source_uuid, source_name, year FROM package_imports").fetchall()
    assert kept == [("code:chi-bo-van-phong-so", "Chi bộ Văn phòng Sở", 2025)]
    db.close()
