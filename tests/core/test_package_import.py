"""Receiving packages in bloc mode: checks first, new / same / newer / older, nothing else ever touched."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from khoi_desktop.domain.package import PackageRejected
from khoi_desktop.interchange.package_zip import PackageLimits
from khoi_desktop.services.app import Services
from khoi_desktop.services.package_import import PackageImportService, PackageStatus, backup_before_import
from khoi_desktop.services.year_plans import YearPlanService
from khoi_desktop.storage import packages_repo
from tests.core.package_support import (
    BAD_PACKAGES,
    bad_package,
    database_digest,
    db_digest,
    export_units,
    malformed_figures,
    not_a_zip,
    plain_data,
    truncated,
    write_plain,
)
from tests.core.year_end_support import YEAR, Bloc

LATER = datetime(2019, 2, 1, 8, 0, tzinfo=UTC)





def _importer(bloc: Services, tmp_path: Path, limits: PackageLimits | None = None) -> PackageImportService:
    backup = backup_before_import(bloc.db, bloc.path, tmp_path / "sao-luu")
    return PackageImportService(bloc.context, backup, limits=limits or PackageLimits())


def _own_records(bloc: Services) -> str:
    """Every table but the received packages and the audit log."""
    return db_digest(bloc.db, skip=("package_imports", "package_sources", "audit_log"))


def test_a_new_package_is_stored_apart_with_a_backup_first(unit: Bloc, services: Services, bloc: Services,
                                                           tmp_path: Path, out: Path) -> None:
    """New → stored in package_imports, audited, a backup made; the bloc's own records unchanged."""
    packages = export_units(services, unit, out)
    own = _own_records(bloc)
    importer = _importer(bloc, tmp_path)
    preview = importer.preview(packages["base"], as_org=unit.base)
    assert preview.status is PackageStatus.NEW and preview.organization_id == unit.base
    result = importer.commit([preview])
    stored = packages_repo.received(bloc.db, preview.data.source.uuid, YEAR)
    assert stored is not None and stored.source_name == "Đảng bộ Viện Kiểm sát nhân dân tỉnh"
    assert result.backup is not None and result.backup.exists() and "truoc-nhap-goi" in result.backup.name
    assert _own_records(bloc) == own
    assert "Đã nhận 1 gói báo cáo" in result.summary
    audit = list(bloc.db.query("SELECT action, summary FROM audit_log WHERE entity = 'package'"))
    assert audit == [{"action": "import", "summary": "Nhận gói báo cáo năm 2018 của Đảng bộ Viện Kiểm sát nhân dân tỉnh"}]
    paired = packages_repo.source(bloc.db, preview.data.source.uuid)
    assert paired is not None and paired.organization_id == unit.base and paired.public_key == preview.contents.public_key


def test_the_same_file_again_changes_nothing(unit: Bloc, services: Services, bloc: Services, tmp_path: Path,
                                             out: Path) -> None:
    """Importing the same package twice: the second time is 'same' and writes nothing, not even a backup."""
    path = export_units(services, unit, out)["base"]
    importer = _importer(bloc, tmp_path)
    importer.import_files([path], as_org=unit.base)
    before = database_digest(bloc.path)
    result = importer.import_files([path])
    assert result.imported == () and len(result.skipped) == 1 and result.backup is None
    assert database_digest(bloc.path) == before


def test_a_newer_package_shows_its_changes_then_replaces(unit: Bloc, services: Services, bloc: Services,
                                                         tmp_path: Path, out: Path) -> None:
    """The preview lists old → new; nothing changes until commit; then that unit's year is replaced."""
    importer = _importer(bloc, tmp_path)
    importer.import_files([export_units(services, unit, out)["base"]], as_org=unit.base)
    plans = YearPlanService(services.context)
    plans.save(replace(plans.get(unit.base, YEAR).to_input(), focus_content="Nội dung mới"))
    (tmp_path / "moi").mkdir()
    newer = export_units(services, unit, tmp_path / "moi", LATER)
    before = database_digest(bloc.path)
    preview = importer.preview(newer["base"])
    assert preview.status is PackageStatus.NEWER and preview.needs_confirmation
    assert any(c.label == "Nội dung trọng tâm" and c.new == "“Nội dung mới”" for c in preview.changes)
    assert "sẽ thay số liệu năm này" in preview.summary and "→" in preview.summary
    assert database_digest(bloc.path) == before
    importer.commit([preview])
    stored = packages_repo.received(bloc.db, preview.data.source.uuid, YEAR)
    assert stored is not None and "Nội dung mới" in stored.data_json
    assert len(packages_repo.received_in(bloc.db, YEAR)) == 1


def test_an_older_package_is_refused_unless_forced(unit: Bloc, services: Services, bloc: Services, tmp_path: Path,
                                                   out: Path) -> None:
    """Older than the one received: refused, database byte-identical; with force it replaces."""
    importer = _importer(bloc, tmp_path)
    (tmp_path / "moi").mkdir()
    importer.import_files([export_units(services, unit, tmp_path / "moi", LATER)["base"]], as_org=unit.base)
    older = export_units(services, unit, out)["base"]
    before = database_digest(bloc.path)
    with pytest.raises(PackageRejected, match="cũ hơn gói đã nhận"):
        importer.import_files([older])
    assert database_digest(bloc.path) == before
    result = importer.import_files([older], force=True)
    assert result.imported[0].status is PackageStatus.OLDER
    stored = packages_repo.received(bloc.db, result.imported[0].data.source.uuid, YEAR)
    assert stored is not None and stored.created_at.startswith("2019-01-10")


def _plain_package(folder: Path) -> Path:
    return write_plain(folder / "goi.zip")


BAD: list[tuple[str, Callable[[Path], Path], PackageLimits | None]] = [
    *((name, lambda folder, b=builder: bad_package(folder, b), None) for name, builder, _ in BAD_PACKAGES),
    ("truncated", truncated, None),
    ("not-a-zip", not_a_zip, None),
    ("oversized", _plain_package, PackageLimits(max_zip_bytes=500)),
    ("too-many-entries", _plain_package, PackageLimits(max_entries=2)),
    ("malformed-figures", lambda folder: bad_package(folder, malformed_figures), None),
]


@pytest.mark.parametrize(("make", "limits"), [(m, lim) for _, m, lim in BAD], ids=[n for n, _, _ in BAD])
def test_every_rejection_leaves_the_database_byte_identical(bloc: Services, tmp_path: Path, out: Path,
                                                            make: Callable[[Path], Path],
                                                            limits: PackageLimits | None) -> None:
    """Each bad package: rejected in Vietnamese, no row changed, no backup made."""
    before = database_digest(bloc.path)
    importer = _importer(bloc, tmp_path, limits)
    with pytest.raises(PackageRejected, match="bị từ chối"):
        importer.import_files([make(out)])
    assert database_digest(bloc.path) == before
    assert not (tmp_path / "sao-luu").exists()


def test_one_bad_file_in_a_batch_stops_the_whole_batch(unit: Bloc, services: Services, bloc: Services,
                                                       tmp_path: Path, out: Path) -> None:
    """Good packages are not imported when another file of the same batch fails its checks."""
    packages = export_units(services, unit, out)
    before = database_digest(bloc.path)
    with pytest.raises(PackageRejected, match="khong-phai.zip"):
        _importer(bloc, tmp_path).import_files([packages["base"], not_a_zip(out), packages["treasury"]])
    assert database_digest(bloc.path) == before


def test_an_unknown_unit_waits_for_the_clerk_to_pair_it(unit: Bloc, bloc: Services, tmp_path: Path,
                                                         out: Path) -> None:
    """A first package of an unknown UUID: nothing stored until the clerk says which unit it is; the pairing is kept."""
    path = write_plain(out / "goi.zip", plain_data("Chi bộ Kho bạc Nhà nước tỉnh", year=2018))
    importer = _importer(bloc, tmp_path)
    preview = importer.preview(path)
    assert preview.organization_id is None and [o.id for o in preview.candidates] == [unit.treasury]
    assert "--as" in preview.summary and "Chi bộ Kho bạc Nhà nước tỉnh (mã số" in preview.summary
    before = database_digest(bloc.path)
    with pytest.raises(PackageRejected, match="hãy chọn đơn vị tương ứng"):
        importer.commit([preview])
    assert database_digest(bloc.path) == before
    importer.import_files([path], as_org=unit.treasury)
    again = write_plain(out / "goi-2.zip", plain_data("Chi bộ Kho bạc Nhà nước tỉnh", year=2018, created=LATER))
    assert importer.preview(again).organization_id == unit.treasury  # known by its UUID from now on
