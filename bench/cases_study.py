"""Benchmarks of issue 5: the year's study participation for the whole bloc; a 500-person ratings list as PDF.

Targets: the participation figures of one year for the whole bloc (10,000 people,
1,000,000 attendance rows) under 500 ms; the ratings list of a 500-person organisation
written as PDF under 1 s (gathering the list from the database included).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bench.demo import open_demo
from bench.registry import BenchContext, case
from khoi_desktop.domain.enums import MembershipKind, OrgKind, RatingLevel
from khoi_desktop.domain.models import Membership, OrganizationInput, PersonInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.model import DEMO_TODAY
from khoi_desktop.services.study import StudyService
from khoi_desktop.services.study_documents import StudyDocumentService
from khoi_desktop.storage import assessments_repo
from khoi_desktop.storage.assessments_repo import AssessmentValues

YEAR = 2025
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Mai", "Nga"]
_LEVELS = [RatingLevel.GOOD] * 7 + [RatingLevel.EXCELLENT, RatingLevel.COMPLETED, RatingLevel.GOOD]


@case("participation, whole bloc, one year", targets={"unit": 0.050, "bloc": 0.500})
def participation_whole_bloc(ctx: BenchContext) -> Callable[[], object]:
    """Overall, by organisation and by kind, for the last complete year of the demo, from the root down."""
    services, root = open_demo(ctx)
    study = StudyService(services.context)
    return lambda: study.participation(root, DEMO_TODAY.year - 1)


def _ratings_database(ctx: BenchContext, people: int) -> tuple[Services, int]:
    """A scratch database: one chi bộ of ``people`` members, each assessed for YEAR (a few not rated)."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    for leftover in ctx.out_dir.glob("study-ratings.sqlite*"):
        leftover.unlink()
    services = Services.open(ctx.out_dir / "study-ratings.sqlite")
    ctx.on_exit(lambda: [path.unlink(missing_ok=True) for path in ctx.out_dir.glob("study-ratings*")])
    ctx.on_exit(services.close)
    organizations = services.organizations
    bloc = organizations.create(OrganizationInput(name="Đảng bộ Khối các cơ quan tỉnh", kind=OrgKind.BLOC)).ids[0]
    branch = organizations.create(OrganizationInput(
        name="Chi bộ Cục Thuế tỉnh", kind=OrgKind.BASE_BRANCH, parent_id=bloc, doc_code="CB",
        place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")).ids[0]
    since = [date(2015, 3, 1)] * 49 + [date(YEAR, 9, 1)]  # one in fifty admitted too recently to be rated
    data = [PersonInput(full_name=f"Nguyễn Văn {_GIVEN[n % 10]} {chr(65 + n // 10 % 26)}",
                        organization_id=branch, job_title="Chuyên viên",
                        memberships=(Membership(MembershipKind.PARTY_OFFICIAL, since[n % 50]),))
            for n in range(people)]
    ids = services.people.create_many(data).ids
    with services.db.atomic():
        for n, person_id in enumerate(ids):
            level = _LEVELS[n % len(_LEVELS)] if since[n % 50].year < YEAR else None
            points = 70.0 + n % 20 if level else None
            values = AssessmentValues(YEAR, branch, person_id, points, level, level, level, "",
                                      date(YEAR, 12, 26), "")
            assessments_repo.save(services.db, values, None, None)
    return services, branch


@case("ratings list of a 500-person organisation as PDF", targets={"unit": 1.0}, scales=("unit",),
      needs_database=False)
def ratings_pdf_500(ctx: BenchContext) -> Callable[[], object]:
    """Gather the list (roll on 31/12, flags, totals, quota), lay it out and write the PDF."""
    services, branch = _ratings_database(ctx, 500)
    documents = StudyDocumentService(services.context)
    target = ctx.out_dir / "study-ratings.pdf"
    documents.write_ratings(branch, YEAR, target)  # loads the fonts once, as a running app has
    return lambda: documents.write_ratings(branch, YEAR, target)
