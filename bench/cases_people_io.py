"""Benchmarks of issue 3, people in and out of Excel: import-members and export-members.

Targets: importing 10,000 rows under 3 s; exporting 10,000 people under 1 s (issue 15; issue 3 had 5 s and 3 s).

The import file is made once and kept in ``bench/out`` while the bloc demo is unchanged:
the bloc's people written by the app's own export (title block, header, dates, total line),
made into new people — the given names shuffled, birth dates a day later, new card numbers
with a leading zero — so that hardly any row repeats someone already in a demo database
(at bloc scale two meet a namesake born the same day and are skipped, as the command does).
It is imported the way ``import-members FILE --org ORG`` does (read, columns, preview, all
or nothing) into a fresh copy of the scale's demo — 60 people at unit scale, 10,000 at
bloc — one copy per timed run, made before the timing starts.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bench.cases_gui import DATABASE_NAME, copy_to_temp, scratch_copy
from bench.registry import BenchContext, case
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import PeopleFilter
from khoi_desktop.interchange import people_export as sheet
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.people_export import PeopleExportService, export_row
from khoi_desktop.services.people_import import ImportBlocked, ImportSummary, PeopleImportService, RowChoice
from khoi_desktop.storage import people_repo

ROWS = 10_000
IMPORT_REPEAT = 3  # a fresh database copy per run, made before the timing starts
SHUFFLE_STEP = 7919  # a prime: row i takes the given name of row i·7919 mod n


def import_file(ctx: BenchContext) -> Path:
    """The 10,000-row .xlsx, built once per bloc demo (its stamp's hash names the file)."""
    from bench.run import ensure_demo  # noqa: PLC0415 - run.py imports this module

    bloc = ensure_demo("bloc", ctx.seed, fresh=False)  # reused as is while its generator is unchanged
    digest = hashlib.sha256(bloc.with_suffix(".json").read_bytes()).hexdigest()[:12]
    target = ctx.out_dir / f"people-import-{ROWS}-{ctx.seed}-{digest}.xlsx"
    if target.exists():
        return target
    for stale in ctx.out_dir.glob(f"people-import-{ROWS}-*.xlsx"):
        stale.unlink()
    folder = copy_to_temp(bloc)
    try:
        _write_new_people(Services.open(folder / DATABASE_NAME), target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return target


def _write_new_people(services: Services, target: Path) -> None:
    try:
        rows = services.people.list(PeopleFilter())[:ROWS]
        dates = people_repo.party_dates(services.db)
        organizations = {org.id: org for org in services.organizations.all()}
        exported = [export_row(row, dates.get(row.id, (None, None)), organizations) for row in rows]
    finally:
        services.close()
    if len(exported) < ROWS:
        raise RuntimeError(f"the bloc demo has {len(exported)} people, not {ROWS}")
    people = [_new_person(n, person, exported) for n, person in enumerate(exported)]
    sheet.export_people(target, people, organization_name="Đảng bộ Khối các cơ quan tỉnh",
                        exported_on=DEMO_TODAY)


def _new_person(n: int, person: sheet.PersonRow, everyone: list[sheet.PersonRow]) -> sheet.PersonRow:
    """Someone who could be on a unit's list but is in no demo database."""
    given = everyone[n * SHUFFLE_STEP % len(everyone)].full_name.split()[-1]
    name = " ".join([*person.full_name.split()[:-1], given])
    birth = person.birth_date + timedelta(days=1) if person.birth_date else None
    card = f"0{900_000_000_00 + n:011d}" if person.party_card_number else ""
    return replace(person, full_name=name, birth_date=birth, party_card_number=card)


def _fresh_copies(ctx: BenchContext) -> list[Services]:
    """One opened copy of the scale's demo per timed run; each run takes the next."""
    copies = [Services.open(scratch_copy(ctx) / DATABASE_NAME) for _ in range(IMPORT_REPEAT)]
    for services in copies:
        ctx.on_exit(services.close)
    return copies


def _receiving_branch(services: Services) -> int:
    """The ``--org`` of the command: the first chi bộ still followed."""
    branches = (OrgKind.BASE_BRANCH, OrgKind.SUB_BRANCH)
    return next(org.id for org in services.organizations.all(include_retired=False) if org.kind in branches)


def import_like_the_command(services: Services, path: Path) -> ImportSummary:
    """``import-members FILE --org ORG``: read, columns, preview, everything or nothing."""
    importer = PeopleImportService(services.context, services.people)
    grid, mapping = importer.read(path)
    preview = importer.preview(grid, mapping, _receiving_branch(services))
    choices = {row.row_number: RowChoice.SKIP for row in preview.rows if row.match is not None}
    chosen = preview.choices_with(choices)
    if preview.blocked_rows(chosen):
        raise ImportBlocked(f"{len(preview.blocked_rows(chosen))} rows of the bench file have errors")
    return importer.run(preview, choices=choices)


@case(f"import {ROWS:,} rows (import-members)", targets={"unit": 3.0, "bloc": 3.0}, max_repeat=IMPORT_REPEAT)
def import_rows(ctx: BenchContext) -> Callable[[], object]:
    """A unit's 10,000-person list from Excel into a fresh copy of the demo, all or nothing."""
    path = import_file(ctx)
    copies = _fresh_copies(ctx)

    def run() -> ImportSummary:
        summary = import_like_the_command(copies.pop(0), path)
        # A few rows may meet a namesake born the same day and be skipped, as the command does;
        # any other shortfall means the file no longer tests what the name says.
        if summary.created + summary.skipped != ROWS or summary.created < ROWS * 0.99:
            raise RuntimeError(summary.text())
        return summary

    return run


@case("export all people (export-members)", targets={"unit": 1.0, "bloc": 1.0})
def export_everyone(ctx: BenchContext) -> Callable[[], object]:
    """``export-members --out FILE``: everyone followed, styled for A4 (10,000 people at bloc)."""
    folder = scratch_copy(ctx)
    services = Services.open(folder / DATABASE_NAME)
    ctx.on_exit(services.close)
    exporter = PeopleExportService(services.context)
    target = folder / "danh-sach.xlsx"
    return lambda: exporter.export_organization(target, None)

