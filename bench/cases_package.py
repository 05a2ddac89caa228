"""Benchmarks of issues 7 and 12: a bloc office receiving 100 units' packages; the consolidated report.

The packages are exported from the bloc demo's base organisations (36 of them, from a
scratch copy: exporting writes audit lines and the demo must stay untouched), then
copied under other unit names up to 100, each clone with a UUID and a key of its own;
they are kept in ``bench/out`` for the next run while the demo database is unchanged. The
import runs into a scratch copy of the bloc demo (the bloc office's database, backup
before importing included) where the clones' units exist under the bloc (untimed setup),
so every package is known by its UUID; the consolidated report is built (PDF, DOCX and
XLSX in memory) over those 100 packages.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.registry import BenchContext, case
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.domain.package import (
    DATA_NAME,
    MANIFEST_NAME,
    PACKAGE_FORMAT,
    dump_json,
    parse_data,
    source_code,
)
from khoi_desktop.interchange.package_zip import PackedFile, write_package
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.package_export import PackageExportService, header_of
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
    folder = ctx.out_dir / f"packages-v{PACKAGE_FORMAT}-{YEAR}-{stat.st_size}-{stat.st_mtime_ns}"
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


def clone_uuid(number: int) -> str:
    """The UUID of test unit ``number`` (the same every run)."""
    return str(uuid.UUID(int=number, version=4))


def clone_name(number: int) -> str:
    return f"Chi bộ đơn vị thử {number}"


def _clone(source: Path, target: Path, number: int) -> None:
    """The same package as another unit's (its own name, UUID and key), signed anew."""
    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
        files = {entry["name"]: (entry["role"], archive.read(entry["name"])) for entry in manifest["files"]}
    data = parse_data(files[DATA_NAME][1], source.name)
    name, unit = clone_name(number), clone_uuid(number)
    data = replace(data, source=replace(data.source, name=name, code=source_code(name), agency_name="", uuid=unit),
                   covers=(unit,))
    files[DATA_NAME] = (files[DATA_NAME][0], dump_json(data.to_json()))
    key = hashlib.sha256(f"khoa-don-vi-thu-{number}".encode()).digest()
    write_package(target, [PackedFile(n, role, content) for n, (role, content) in files.items()], header_of(data),
                  key)


def _add_clone_units(services: Services, count: int) -> None:
    """The test units under the bloc, each with its clone's UUID (untimed setup of the bloc's database)."""
    root = next(o for o in services.organizations.all() if o.parent_id is None)
    for number in range(1, count + 1):
        org_id = services.organizations.create(OrganizationInput(clone_name(number), OrgKind.BASE_BRANCH,
                                                                 parent_id=root.id)).ids[0]
        with services.db.atomic():
            services.db.execute("UPDATE organizations SET uuid = ? WHERE id = ?", [clone_uuid(number), org_id])


def _bloc_office(ctx: BenchContext, name: str) -> tuple[Services, PackageImportService, list[Path]]:
    packages = _packages(ctx)
    services = Services.open(_scratch_copy(ctx, name))
    _add_clone_units(services, sum(1 for p in packages if p.name.startswith("goi-ban-sao-")))
    ctx.on_exit(services.close)
    backups = backup_before_import(services.db, services.path, ctx.out_dir / f"{name}-sao-luu")
    ctx.on_exit(lambda: shutil.rmtree(ctx.out_dir / f"{name}-sao-luu", ignore_errors=True))
    return services, PackageImportService(services.context, backups), packages


@case("import 100 unit packages", targets={"bloc": 5.0}, scales=("bloc",), max_repeat=3)
def import_packages(ctx: BenchContext) -> Callable[[], object]:
    """Check and receive a bloc's year of packages (backup first), as from one 'Nhận' click."""
    services, importer, packages = _bloc_office(ctx, "package-import.sqlite")

    def run() -> object:
        with services.db.atomic():
            services.db.execute("DELETE FROM package_imports")
            services.db.execute("DELETE FROM package_sources")
        return importer.import_files(packages)

    return run


@case("consolidated report over 100 packages", targets={"bloc": 1.5}, scales=("bloc",), max_repeat=3)
def consolidated_report(ctx: BenchContext) -> Callable[[], object]:
    """The bloc's consolidated year-end report: PDF, DOCX and XLSX in memory."""
    services, importer, packages = _bloc_office(ctx, "package-report.sqlite")
    importer.import_files(packages)
    consolidation = ConsolidationService(services.context)
    return lambda: consolidation.build_files(YEAR)
