"""Upward again: the bloc's consolidated year as a package of its own, which the level above
(a provincial committee's copy of the app) imports and consolidates the same way.

The package is a unit's package in every respect — the bloc's UUID, signed with the bloc's
key, the consolidated report's PDF, DOCX and XLSX, the summed figures — and it covers the
bloc's own tree and every organisation the counted units' packages cover, so the level above
can tell when it also received one of those units directly and count it once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.package import (
    DATA_NAME,
    ROLE_DATA,
    ROLE_REPORT_DOCX,
    ROLE_REPORT_PDF,
    ROLE_STATISTICS,
    dump_json,
    report_file_name,
    statistics_file_name,
)
from khoi_desktop.interchange.package_zip import PackedFile, write_package
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.consolidation import Consolidation, ConsolidationService
from khoi_desktop.services.package_export import (
    ExportedPackage,
    PackageExportService,
    header_of,
    package_target,
)
from khoi_desktop.services.package_units import ReceivedIndex


class UpwardPackageService:
    def __init__(self, context: ServiceContext, export: PackageExportService | None = None) -> None:
        self._ctx = context
        self._db = context.db
        self._export = export or PackageExportService(context)
        self._consolidation = ConsolidationService(context)

    def export(self, year: int, target: Path, *, bloc_id: int | None = None,
               issued_on: date | None = None) -> ExportedPackage:
        """Write the bloc's consolidated ``year`` to ``target`` (a .zip) for the level above."""
        target = package_target(Path(target))
        self._export.check_year(year)
        result = self._consolidation.consolidate(year, bloc_id)
        report = self._consolidation.build_files(year, bloc_id, issued_on=issued_on, result=result)
        bloc = result.bloc
        files = [PackedFile(report_file_name(year, bloc.name, "pdf"), ROLE_REPORT_PDF, report.pdf),
                 PackedFile(report_file_name(year, bloc.name, "docx"), ROLE_REPORT_DOCX, report.docx),
                 PackedFile(statistics_file_name(year, bloc.name), ROLE_STATISTICS, report.xlsx)]
        with self._db.atomic():
            package = self._export.package_data(result.data, created_at=self._export.now(), files=files)
            package = replace(package, covers=self._covers(package.covers, result),
                              consolidated_from=len(result.units))
            files.insert(0, PackedFile(DATA_NAME, ROLE_DATA, dump_json(package.to_json())))
            write_package(target, files, header_of(package), self._export.signing_key(bloc.id))
            self._ctx.audit("export", "package", bloc.id, f"Xuất gói tổng hợp năm {year} gửi cấp trên: {target.name}",
                            {"year": year, "path": str(target), "units": len(result.units),
                             "missing": [o.name for o in result.missing]})
        title = f"Gói tổng hợp năm {year} của {bloc.name} ({len(result.units)} đơn vị)"
        return ExportedPackage(target, title, tuple(f.name for f in files), target.stat().st_size,
                               Changes(ids=(bloc.id,)))

    def _covers(self, own: tuple[str, ...], result: Consolidation) -> tuple[str, ...]:
        """The bloc's own tree first, then what the counted packages cover (each UUID once)."""
        index = ReceivedIndex.load(self._db, result.year)
        received = (uuid for p in index.counted() for uuid in p.covers)
        return tuple(dict.fromkeys((*own, *received)))
