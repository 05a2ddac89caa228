"""Issue 12: the backup before an import goes to the database's own backup folder, rotates like the
automatic backups, and the import backups never take more than a share of the free disk."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from khoi_desktop.domain.errors import StorageError
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import backups_folder
from khoi_desktop.services.package_checks import backup_before_import, bound_import_backups
from khoi_desktop.services.package_import import PackageImportService
from khoi_desktop.storage import backups_repo
from tests.core.package_support import database_digest, plain_data, write_plain
from tests.core.progress_support import Recorder
from tests.core.year_end_support import YEAR, Bloc


def test_the_backup_goes_to_the_databases_own_folder(services: Services, unit: Bloc, tmp_path: Path) -> None:
    """No folder given: the same folder as the database's automatic backups."""
    path = write_plain(tmp_path / "goi.zip", plain_data(year=YEAR))
    result = PackageImportService(services.context, backup_before_import(services.db, services.path)).import_files(
        [path], as_org=unit.base)
    assert result.backup is not None and result.backup.parent == backups_folder(services.path)


def test_import_backups_beyond_the_share_of_free_disk_go_oldest_first(tmp_path: Path) -> None:
    """Three import backups where the share allows about one: the newest is kept, the others deleted."""
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    free = shutil.disk_usage(folder).free
    size = max(int(free * 0.004), 1024)
    names = [backups_repo.free_name(folder, datetime(2026, 11, d, 9), "truoc-nhap-goi")[0]
             for d in (1, 2, 3)]
    for name in names:
        with open(name, "wb") as stream:
            stream.truncate(size)  # sparse: takes no real space
    deleted = bound_import_backups(folder, share=size * 1.5 / (free + 3 * size))
    assert sorted(deleted) == sorted(names[:2]) and names[2].exists()


def test_an_import_is_refused_when_even_one_backup_would_not_fit(services: Services, unit: Bloc,
                                                                 tmp_path: Path) -> None:
    """A share too small for one copy: a Vietnamese refusal before anything is written."""
    path = write_plain(tmp_path / "goi.zip", plain_data(year=YEAR))
    before = database_digest(services.path)
    step = backup_before_import(services.db, services.path, tmp_path / "sao-luu", share=1e-12)
    with pytest.raises(StorageError, match="Không đủ chỗ trống để sao lưu"):
        PackageImportService(services.context, step).import_files([path], as_org=unit.base)
    assert database_digest(services.path) == before


def test_receiving_reports_the_backup_then_each_package(services: Services, unit: Bloc, tmp_path: Path) -> None:
    """The bar rises through the backup's pages and the package stored, and ends at its total."""
    path = write_plain(tmp_path / "goi.zip", plain_data(year=YEAR))
    importer = PackageImportService(services.context, backup_before_import(services.db, services.path))
    recorder = Recorder()
    result = importer.commit([importer.preview(path, as_org=unit.base)], progress=recorder)
    recorder.assert_rises_to_the_total(at_least=3)
    assert recorder.calls[-2][0] == recorder.calls[-1][1] // 2  # backup done; storing the package is the rest
    assert len(result.imported) == 1
