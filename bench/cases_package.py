"""Benchmarks of issue 7: a bloc office receiving 100 units' packages; the consolidated report.

The packages are exported from the bloc demo's base organisations (36 of them, from a
scratch copy: exporting writes audit lines and the demo must stay untouched), then
copied under other unit names up to 100; they are kept in ``bench/out`` for the next run
while the demo database is unchanged. The import runs into a scratch copy of the bloc
demo (the bloc office's database, backup before importing included); the consolidated
report is built (PDF, DOCX and XLSX in memory) over those 100 packages.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.registry import BenchContext, case
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.package import (
    DATA_NAME,
    MANIFEST_NAME,
    PackageData,
    PackageManifest,
    dump_json,
    parse_data,
    source_code,
)
from khoi_desktop.interchange.package_zip import PackedFile, write_package
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.package_export import PackageExportService
from khoi_desktop.services.package_import import PackageImportService, backup_before_import

YEAR = DEMO_TODAY.year - 1
PACKAGES = 100


def _scratch_copy(ctx: BenchContext, name: str) -> Path:
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    target = ctx.out_dir / name
    for leftover in ctx.out_dir.glob(f"{name}*"):
        leftover.unlink()
    shutil.copyfile(ctx.db_path, target)
    ctx.on_exit(lambda: [path.unlink(missing_ok=True) for path in ctx.out_dir.glob(f"{name}*")])
    return target


def _packages(ctx: BenchContext) -> list[Path]:
    """The 100 packages, built once per demo database (its size and time name the folder)."""
    stat = ctx.db_path.stat()
    folder = ctx.out_dir / f"packages-{YEAR}-{stat.st_size}-{stat.st_mtime_ns}"
    if len(list(folder.glob("*.zip"))) == PACKAGES:
        return sorted(folder.glob("*.zip"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    services = Services.open(_scratch_copy(ctx, "package-export.sqlite"))
    try:
        export = PackageExportService(services.context)
        bases = [o for o in services.organizations.all(include_retired=False)
                 if o.kind in (OrgKind.BASE_COMMITTEE, OrgKind.BASE_BRANCH) and o.parent_id is not None]
        made = [export.export(o.id, YEAR, folder / f"goi-{o.id:03d}.zip").path for o in bases]
    finally:
        services.close()
    for n in range(PACKAGES - len(made)):
        _clone(made[n % len(made)], folder / f"goi-ban-sao-{n + 1:03d}.zip", n + 1)
    return sorted(folder.glob("*.zip"))


def _clone(source: Path, target: Path, number: int) -> None:
    """The same package under another unit's name (a new code), with its manifest rewritten."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        files = {entry["name"]: (entry["role"], archive.read(entry["name"])) for entry in manifest["files"]}
    data = parse_data(files[DATA_NAME][1], source.name)
    name = f"{data.source.name} (đơn vị thử {number})"
    data = replace(data, source=replace(data.source, name=name, code=source_code(name), agency_name=""))
    files[DATA_NAME] = (files[DATA_NAME][0], dump_json(data.to_json()))
    write_package(target, [PackedFile(n, role, content) for n, (role, content) in files.items()], _header(data))


def _header(data: PackageData) -> PackageManifest:
    return PackageManifest(data.format, data.created_at, data.year, data.source.code, data.source.name,
                           data.app_version, data.schema_version, ())


def _bloc_office(ctx: BenchContext, name: str) -> tuple[Services, PackageImportService, list[Path]]:
    packages = _packages(ctx)
    services = Services.open(_scratch_copy(ctx, name))
    ctx.on_exit(services.close)
    backups = backup_before_import(services.db, services.path, ctx.out_dir / f"{name}-sao-luu")
    ctx.on_exit(lambda: shutil.rmtree(ctx.out_dir / f"{name}-sao-luu", ignore_errors=True))
    return services, PackageImportService(services.context, backups), packages


@case("import 100 unit packages", targets={"bloc": 20.0}, scales=("bloc",), max_repeat=3)
def import_packages(ctx: BenchContext) -> Callable[[], object]:
    """Check and receive a bloc's year of packages (backup first), as from one 'Nhận' click."""
    services, importer, packages = _bloc_office(ctx, "package-import.sqlite")

    def run() -> object:
        with services.db.atomic():
            services.db.execute("DELETE FROM package_imports")
        return importer.import_files(packages)

    return run


@case("consolidated report over 100 packages", targets={"bloc": 3.0}, scales=("bloc",), max_repeat=3)
def consolidated_report(ctx: BenchContext) -> Callable[[], object]:
    """The bloc's consolidated year-end report: PDF, DOCX and XLSX in memory."""
    services, importer, packages = _bloc_office(ctx, "package-report.sqlite")
    importer.import_files(packages)
    consolidation = ConsolidationService(services.context)
    return lambda: consolidation.build_files(YEAR)
