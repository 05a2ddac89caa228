"""The composition of services over one open database, and whole-database jobs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from khoi_desktop.file_lock import WriterLock
from khoi_desktop.progress import Cancelled, Progress
from khoi_desktop.services.backups import restore_backup
from khoi_desktop.services.session import DatabaseSession
from khoi_desktop.storage import maintenance_repo
from khoi_desktop.storage.migrations import schema_version

if TYPE_CHECKING:  # built on first use (below); imported here for the annotations only
    from khoi_desktop.services.assessments import AssessmentService
    from khoi_desktop.services.attendance import AttendanceService
    from khoi_desktop.services.commitments import CommitmentService
    from khoi_desktop.services.consolidation import ConsolidationService
    from khoi_desktop.services.exemplars import ExemplarService
    from khoi_desktop.services.inspections import InspectionService
    from khoi_desktop.services.meeting_documents import MeetingDocumentService
    from khoi_desktop.services.meetings import MeetingService
    from khoi_desktop.services.organizations import OrganizationService
    from khoi_desktop.services.outreach import OutreachService
    from khoi_desktop.services.overview import OverviewService
    from khoi_desktop.services.package_export import PackageExportService
    from khoi_desktop.services.package_import import PackageImportService
    from khoi_desktop.services.people import PeopleService
    from khoi_desktop.services.study import StudyService
    from khoi_desktop.services.study_documents import StudyDocumentService
    from khoi_desktop.services.templates import TemplateService
    from khoi_desktop.services.year_end import YearEndService
    from khoi_desktop.services.year_plans import YearPlanService


@dataclass(frozen=True)
class DatabaseSummary:
    path: Path
    organization_name: str
    schema: str
    counts: dict[str, int]


class Services(DatabaseSession):
    """Everything the GUI and the command line may ask of one database.

    Every service is built on first use, its module imported then: the window's start loads
    only what its first page asks (Tổng quan), and the services that write documents and
    packages (PDF, Word, Excel, .zip) bring in reportlab, python-docx and openpyxl, about 870
    modules that most sessions never need.
    """

    @cached_property
    def organizations(self) -> OrganizationService:
        from khoi_desktop.services.organizations import OrganizationService

        return OrganizationService(self.context)

    @cached_property
    def people(self) -> PeopleService:
        from khoi_desktop.services.people import PeopleService

        return PeopleService(self.context)

    @cached_property
    def meetings(self) -> MeetingService:
        from khoi_desktop.services.meetings import MeetingService

        return MeetingService(self.context)

    @cached_property
    def attendance(self) -> AttendanceService:
        from khoi_desktop.services.attendance import AttendanceService

        return AttendanceService(self.context)

    @cached_property
    def templates(self) -> TemplateService:
        from khoi_desktop.services.templates import TemplateService

        return TemplateService(self.context)

    @cached_property
    def year_plans(self) -> YearPlanService:
        from khoi_desktop.services.year_plans import YearPlanService

        return YearPlanService(self.context)

    @cached_property
    def study(self) -> StudyService:
        from khoi_desktop.services.study import StudyService

        return StudyService(self.context)

    @cached_property
    def commitments(self) -> CommitmentService:
        from khoi_desktop.services.commitments import CommitmentService

        return CommitmentService(self.context)

    @cached_property
    def assessments(self) -> AssessmentService:
        from khoi_desktop.services.assessments import AssessmentService

        return AssessmentService(self.context)

    @cached_property
    def inspections(self) -> InspectionService:
        from khoi_desktop.services.inspections import InspectionService

        return InspectionService(self.context)

    @cached_property
    def outreach(self) -> OutreachService:
        from khoi_desktop.services.outreach import OutreachService

        return OutreachService(self.context)

    @cached_property
    def exemplars(self) -> ExemplarService:
        from khoi_desktop.services.exemplars import ExemplarService

        return ExemplarService(self.context)

    @cached_property
    def overview(self) -> OverviewService:
        from khoi_desktop.services.overview import OverviewService

        return OverviewService(self.context)

    # Imported inside each property: the document writers' libraries load on first use only.
    @cached_property
    def meeting_documents(self) -> MeetingDocumentService:
        from khoi_desktop.services.meeting_documents import MeetingDocumentService

        return MeetingDocumentService(self.context)

    @cached_property
    def study_documents(self) -> StudyDocumentService:
        from khoi_desktop.services.study_documents import StudyDocumentService

        return StudyDocumentService(self.context)

    @cached_property
    def year_end(self) -> YearEndService:
        from khoi_desktop.services.year_end import YearEndService

        return YearEndService(self.context)

    @cached_property
    def package_export(self) -> PackageExportService:
        from khoi_desktop.services.package_export import PackageExportService

        return PackageExportService(self.context)

    @cached_property
    def package_import(self) -> PackageImportService:
        from khoi_desktop.services.package_import import PackageImportService, backup_before_import

        return PackageImportService(self.context, backup_before_import(self.db, self.path))

    @cached_property
    def consolidation(self) -> ConsolidationService:
        from khoi_desktop.services.consolidation import ConsolidationService

        return ConsolidationService(self.context)

    def summary(self) -> DatabaseSummary:
        roots = self.organizations.roots()
        names = [o.name for o in roots if o.retired_on is None] or [o.name for o in roots]
        applied = maintenance_repo.schema_names(self.db)
        return DatabaseSummary(
            path=self.path,
            organization_name=names[0] if names else "",
            schema=applied[-1] if applied else "",
            counts=maintenance_repo.table_counts(self.db),
        )

    def quick_check(self) -> list[str]:
        return maintenance_repo.quick_check(self.db)

    def quick_check_aside(self) -> list[str]:
        """The same check on a read-only connection of its own: safe on another thread."""
        return maintenance_repo.quick_check_file(self.path)

    def backup(self, target: Path, progress: Progress | None = None) -> Path:
        return maintenance_repo.backup_to(self.db, target, progress)


def restore_database(source: Path, target: Path, *, lock: bool = False,
                     progress: Progress | None = None) -> Path | None:
    """Check ``source``, keep the current file in the backup folder, then put ``source`` in place.

    The database must be closed. ``lock`` takes its writer lock meanwhile (the command line;
    the window holds it already). Returns where the previous data was kept.
    """
    if not lock:
        return restore_backup(source, target, progress=progress)
    with WriterLock(target):
        return restore_backup(source, target, progress=progress)


def validate_backup(source: Path, progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> dict[str, int]:
    return maintenance_repo.validate_backup(source, progress, cancelled)


def record_counts(database: Path) -> dict[str, int]:
    """How many people, meetings… ``database`` holds (read only, no full check: just restored)."""
    session = DatabaseSession.open(database, read_only=True)
    try:
        return maintenance_repo.table_counts(session.db)
    finally:
        session.close()


def app_schema_version() -> str:
    return schema_version()
