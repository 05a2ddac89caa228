"""The composition of services over one open database, and whole-database jobs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from khoi_desktop.services.assessments import AssessmentService
from khoi_desktop.services.attendance import AttendanceService
from khoi_desktop.services.backups import restore_backup
from khoi_desktop.services.base import ServiceContext
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
from khoi_desktop.services.package_import import PackageImportService, backup_before_import
from khoi_desktop.services.people import PeopleService
from khoi_desktop.services.study import StudyService
from khoi_desktop.services.study_documents import StudyDocumentService
from khoi_desktop.services.templates import TemplateService
from khoi_desktop.services.year_end import YearEndService
from khoi_desktop.services.year_plans import YearPlanService
from khoi_desktop.storage import maintenance_repo
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.migrations import schema_version


@dataclass(frozen=True)
class DatabaseSummary:
    path: Path
    organization_name: str
    schema: str
    counts: dict[str, int]


class Services:
    """Everything the GUI and the command line may ask of one database."""

    def __init__(self, db: Database, path: Path, context: ServiceContext | None = None) -> None:
        self.db = db
        self.path = path
        self.context = context or ServiceContext(db)
        self.organizations = OrganizationService(self.context)
        self.people = PeopleService(self.context)
        self.meetings = MeetingService(self.context)
        self.attendance = AttendanceService(self.context)
        self.templates = TemplateService(self.context)
        self.meeting_documents = MeetingDocumentService(self.context)
        self.year_plans = YearPlanService(self.context)
        self.study = StudyService(self.context)
        self.commitments = CommitmentService(self.context)
        self.assessments = AssessmentService(self.context)
        self.study_documents = StudyDocumentService(self.context)
        self.inspections = InspectionService(self.context)
        self.outreach = OutreachService(self.context)
        self.exemplars = ExemplarService(self.context)
        self.overview = OverviewService(self.context)
        self.year_end = YearEndService(self.context)
        self.package_export = PackageExportService(self.context)
        self.package_import = PackageImportService(self.context, backup_before_import(db, path))
        self.consolidation = ConsolidationService(self.context)

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True) -> Services:
        path = Path(path)
        return cls(open_database(path, migrate=migrate), path)

    def close(self) -> None:
        self.db.close()

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

    def backup(self, target: Path) -> Path:
        return maintenance_repo.backup_to(self.db, target)


def restore_database(source: Path, target: Path) -> Path | None:
    """Check ``source``, keep the current file in the backup folder, then put ``source`` in place.

    The database must be closed. Returns where the previous data was kept.
    """
    return restore_backup(source, target)


def validate_backup(source: Path) -> dict[str, int]:
    return maintenance_repo.validate_backup(source)


def app_schema_version() -> str:
    return schema_version()
