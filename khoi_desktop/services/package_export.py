"""Export the package a unit emails to its superior: report PDF + DOCX, statistics XLSX,
chosen minutes, ``data.json`` and ``manifest.json`` in one zip with ASCII names.

Everything is gathered and built in memory inside one transaction (the minutes take their
register numbers there, so a failure gives the numbers back), the zip is written beside
the target and renamed into place, and the export is written to the audit log.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import MeetingRow
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import Inspection, OutreachItem
from khoi_desktop.domain.package import (
    DATA_NAME,
    PACKAGE_FORMAT,
    ROLE_DATA,
    ROLE_MINUTES,
    ROLE_REPORT_DOCX,
    ROLE_REPORT_PDF,
    ROLE_STATISTICS,
    PackageData,
    PackageManifest,
    PlanTexts,
    SourceOrg,
    dump_json,
    exemplar_to_json,
    minutes_file_name,
    package_file_name,
    report_file_name,
    source_code,
    statistics_file_name,
)
from khoi_desktop.domain.vntext import format_date
from khoi_desktop.interchange.package_signing import new_private_key, public_key_text
from khoi_desktop.interchange.package_zip import PackedFile, write_package
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.file_writes import checked_target
from khoi_desktop.services.inspections import InspectionService
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.meetings import MeetingService
from khoi_desktop.services.outreach import OutreachService
from khoi_desktop.services.package_figures import figures_to_json
from khoi_desktop.services.study import organization
from khoi_desktop.services.year_end import ReportFiles, YearEndService
from khoi_desktop.services.year_end_content import YearEndData
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import packages_repo
from khoi_desktop.storage.migrations import schema_version

APP_PACKAGE = "khoi-desktop"
FALLBACK_VERSION = "0.1.0"
Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]


def app_version() -> str:
    try:
        return metadata.version(APP_PACKAGE)
    except metadata.PackageNotFoundError:
        return FALLBACK_VERSION


@dataclass(frozen=True)
class ExportedPackage:
    path: Path
    title: str
    entries: tuple[str, ...]
    size: int
    changes: Changes


class PackageExportService:
    def __init__(self, context: ServiceContext, clock: Clock = datetime.now) -> None:
        self._ctx = context
        self._db = context.db
        self._clock = clock
        self._year_end = YearEndService(context)
        self._documents = MeetingDocumentService(context)
        self._meetings = MeetingService(context)

    def suggested_name(self, org_id: int, year: int) -> str:
        return package_file_name(year, self._org(org_id).name)

    def meetings(self, org_id: int, year: int) -> list[MeetingRow]:
        """The meetings whose minutes may go into the package: the organisation's and those below it."""
        scope = tuple(org_repo.descendant_ids(self._db, self._org(org_id).id))
        return self._meetings.list(scope, year)

    def export(self, org_id: int, year: int, target: Path, *, minutes: Sequence[int] = (),
               progress: Progress | None = None, draft: bool = False) -> ExportedPackage:
        """Write the package of ``org_id`` for ``year`` to ``target`` (a .zip).

        A year not yet begun, a year without records, or one not yet ended (unless ``draft``: its report
        says DỰ THẢO), is refused.
        """
        self.check_year(year)
        self._year_end.check_year(org_id, year, draft=draft)
        target = package_target(Path(target))
        step = _Steps(progress, 3 + len(minutes))
        with self._db.atomic():
            data = self._year_end.data(org_id, year)
            step()
            report = self._report_files(data, draft)
            step()
            org = data.organization
            files = [PackedFile(report_file_name(year, org.name, "pdf"), ROLE_REPORT_PDF, report.pdf),
                     PackedFile(report_file_name(year, org.name, "docx"), ROLE_REPORT_DOCX, report.docx),
                     PackedFile(statistics_file_name(year, org.name), ROLE_STATISTICS, report.xlsx)]
            chosen = self._chosen_meetings(org, year, minutes)
            for meeting in chosen:
                files.append(PackedFile(_minutes_name(meeting), ROLE_MINUTES, self._minutes_pdf(meeting)))
                step()
            package = self.package_data(data, created_at=self.now(), files=files, minutes=chosen)
            files.insert(0, PackedFile(DATA_NAME, ROLE_DATA, dump_json(package.to_json())))
            write_package(target, files, header_of(package), self.signing_key(org.id))
            step()
            self._ctx.audit("export", "package", org.id, f"Xuất gói báo cáo năm {year} gửi cấp trên: {target.name}",
                            {"year": year, "path": str(target), "minutes": list(minutes)})
        title = f"Gói báo cáo năm {year} của {org.name}"
        return ExportedPackage(target, title, tuple(f.name for f in files), target.stat().st_size,
                               Changes(meetings=bool(chosen), ids=(org.id,)))

    def package_data(self, data: YearEndData, *, created_at: datetime, files: Sequence[PackedFile],
                     minutes: Sequence[MeetingRow] = ()) -> PackageData:
        """data.json of the year: the sender, the plan, the figures (and last year's), the records."""
        org, year = data.organization, data.year
        below = InspectionService(self._ctx).conducted_by(org.id, year, below=True)
        return PackageData(
            format=PACKAGE_FORMAT, schema_version=schema_version(), app_version=app_version(),
            created_at=created_at, year=year, source=self._source(org),
            plan=PlanTexts(data.theme, data.term_theme, data.focus),
            figures=figures_to_json(data.figures), previous=figures_to_json(data.previous),
            inspections=tuple([_inspection(i, "own") for i in data.inspections] + [_inspection(i, "below") for i in below]),
            outreach=tuple(_outreach(item) for item in OutreachService(self._ctx).items(org.id, year)),
            exemplars=tuple(exemplar_to_json(e) for e in data.exemplars),
            minutes=tuple({"meeting_id": m.id, "date": m.date.isoformat(), "kind": m.kind.value, "title": m.title,
                           "organization": m.organization_name, "file": _minutes_name(m)} for m in minutes),
            files={f.role if f.role != ROLE_MINUTES else f"{ROLE_MINUTES}:{f.name}": f.name for f in files},
            covers=tuple(org_repo.descendant_uuids(self._db, org.id)), maker=self._ctx.operator,
        )

    def signing_key(self, org_id: int) -> bytes:
        """The organisation's private key, made and kept in the database at its first export."""
        key = packages_repo.signing_key(self._db, org_id)
        if key is None:
            key = new_private_key()
            with self._db.atomic():
                packages_repo.store_signing_key(self._db, org_id, key, public_key_text(key),
                                                self.now().isoformat(timespec="seconds"))
        return key

    def check_year(self, year: int) -> None:
        """A year not yet begun cannot be reported."""
        if year > self._ctx.today().year:
            raise ValidationError("year", f"Năm {year} chưa tới (hôm nay là {format_date(self._ctx.today())}): "
                                  "không xuất gói báo cáo cho năm này được.")

    # -- helpers ------------------------------------------------------------------------------
    def _report_files(self, data: YearEndData, draft: bool = False) -> ReportFiles:
        """The year-end report's three files (issue 6) over the data already gathered, dated today, unnumbered."""
        return self._year_end.files_of(self._year_end.document(data, issued_on=self._ctx.today()),
                                       draft=draft)

    def _minutes_pdf(self, meeting: MeetingRow) -> bytes:
        """The minutes as the clerk prints them (numbered from the register if not yet).

        A meeting whose minutes cannot be printed yet is named in the refusal, with what to do.
        """
        with tempfile.TemporaryDirectory(prefix="khoi-goi-") as folder:
            try:
                printed = self._documents.write_minutes(meeting.id, Path(folder) / "bien-ban.pdf")
            except ValidationError as error:
                raise ValidationError("minutes", _unprintable(meeting, error.message)) from error
            return printed.path.read_bytes()

    def _chosen_meetings(self, org: Organization, year: int, ids: Sequence[int]) -> list[MeetingRow]:
        available = {m.id: m for m in self.meetings(org.id, year)}
        chosen = []
        for meeting_id in dict.fromkeys(ids):
            if meeting_id not in available:
                meeting = self._meetings.get(meeting_id)  # NotFoundError for a wrong id
                raise ValidationError("minutes", f"Buổi sinh hoạt ngày {format_date(meeting.date)} không thuộc "
                                      f"{org.name} trong năm {year}, nên không đưa biên bản vào gói được.")
            chosen.append(available[meeting_id])
        return chosen

    def _source(self, org: Organization) -> SourceOrg:
        superior = self._documents.issuer(org).superior
        parent = org_repo.get_organization(self._db, org.parent_id) if org.parent_id else None
        return SourceOrg(code=source_code(org.name), name=org.name, kind=org.kind, id=org.id, doc_code=org.doc_code,
                         superior=superior, agency_name=org.agency_name, uuid=org.uuid,
                         parent_uuid=parent.uuid if parent else "", founded_on=org.founded_on)

    def _org(self, org_id: int) -> Organization:
        return organization(self._db, org_id)

    def now(self) -> datetime:
        moment = self._clock()
        return moment if moment.tzinfo else moment.astimezone()


class _Steps:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def header_of(package: PackageData) -> PackageManifest:
    """The manifest's header for ``package`` (the files are filled in when the zip is written)."""
    return PackageManifest(PACKAGE_FORMAT, package.created_at, package.year, package.source.code, package.source.name,
                           package.app_version, package.schema_version, (), package.source.uuid)


def _unprintable(meeting: MeetingRow, reason: str) -> str:
    """'Chưa in được biên bản buổi … ngày … của …: <reason>. Hãy …' for the export's error box."""
    reason = reason[:1].lower() + reason[1:]
    return (f"Chưa in được biên bản buổi {meeting.kind.label.lower()} ngày {format_date(meeting.date)} "
            f"của {meeting.organization_name}: {reason} Hãy mở buổi này ở trang Sinh hoạt, hội nghị để bổ sung, "
            "hoặc bỏ dấu buổi này ở ô Kèm biên bản, rồi xuất lại gói báo cáo.")


def _minutes_name(meeting: MeetingRow) -> str:
    return minutes_file_name(meeting.date, meeting.kind.label, meeting.id)


def _inspection(inspection: Inspection, conducted_by: str) -> dict[str, Any]:
    return {"conducted_by": conducted_by, "body": inspection.body, "kind": inspection.kind.value,
            "subject": inspection.subject, "targets": [t.name for t in inspection.targets],
            "step": inspection.step.value, "conclusion": inspection.conclusion,
            "start_date": inspection.start_date.isoformat() if inspection.start_date else None,
            "end_date": inspection.end_date.isoformat() if inspection.end_date else None}


def _outreach(item: OutreachItem) -> dict[str, Any]:
    return {"outlet": item.outlet.value, "title": item.title, "kind": item.kind, "count": item.count,
            "authors": item.authors, "organization_name": item.organization_name,
            "date": item.date.isoformat() if item.date else None}


def package_target(target: Path) -> Path:
    if target.suffix.lower() != ".zip":
        raise ValidationError("target", f"Tệp gói “{target.name}” phải có đuôi .zip.")
    return checked_target(target, "tệp .zip")
