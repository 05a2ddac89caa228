"""m0005 on a database made before issue 12: organisations get UUIDs, received packages are kept."""

from __future__ import annotations

import json
from pathlib import Path

from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.migrations import m0001_initial, m0005_package_identity
from tests.core.package_support import plain_data
from tests.core.year_end_support import YEAR, small_bloc


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


def test_a_package_received_before_uuids_still_counts(services: Services) -> None:
    """A format-1 data.json kept from before the upgrade is read from the store and consolidated."""
    small_bloc(services)
    legacy = plain_data(year=YEAR).to_json()
    legacy["format"] = 1
    for key in ("uuid", "parent_uuid"):
        legacy["source"].pop(key)
    legacy.pop("covers")
    with services.db.atomic():
        services.db.execute(
            "INSERT INTO package_imports (source_uuid, source_code, source_name, year, created_at, imported_at,"
            " file_sha256, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [f"code:{legacy['source']['code']}", legacy["source"]["code"], legacy["source"]["name"], YEAR,
             legacy["created_at"], legacy["created_at"], "0" * 64, json.dumps(legacy, ensure_ascii=False)])
    result = ConsolidationService(services.context).consolidate(YEAR)
    assert [u.full_name for u in result.units] == ["Đảng bộ Viện Kiểm sát nhân dân tỉnh"]
