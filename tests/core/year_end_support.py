"""A small bloc whose 2018 year is counted by hand in the oversight, overview and year-end tests.

Bloc (Đảng bộ Khối các cơ quan tỉnh) → Đảng bộ Viện Kiểm sát nhân dân tỉnh (base committee)
→ Chi bộ Văn phòng Viện (sub-branch: An, Bình, Cường); and Chi bộ Kho bạc Nhà nước tỉnh
(base branch: Dũng, Em). In 2018:

* meetings: Văn phòng thematic 15/04 (An P, Bình P, Cường A), Kho bạc study 10/05 (Dũng P,
  Em U), Kho bạc regular 05/03 (everyone present; not a study meeting) → 3 meetings;
  participation 3/5 người, 3/5 lượt. In 2017: one regular meeting of Kho bạc.
* inspections by the bloc: UBKT inspection of the base (concluded), BTV thematic
  supervision of the base and Kho bạc (at 'notice'), BTV supervision of Kho bạc (concluded);
  the base inspects Văn phòng once → own 3 (2 concluded; targets 2 base committees, 2 base
  branches), below 1. In 2017: one BTV supervision.
* outreach: 2 newspaper items, 1 radio, 1 website entry of 12 posts, 1 conference → 16; 2 contributors.
* exemplars: Kho bạc (collective, Giấy khen), An (Bằng khen), Dũng (Giấy khen).
* registrations: An, Bình, Dũng registered; Kho bạc and Văn phòng collectively.
* ratings: An excellent, Bình good, Cường good, Dũng completed, Em not rated (reason given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.assessments import AssessmentInput
from khoi_desktop.domain.commitments import CommitmentInput, CommitmentItem
from khoi_desktop.domain.enums import (
    AttendanceStatus,
    InspectionKind,
    InspectionStep,
    MeetingKind,
    OrgKind,
    RatingLevel,
)
from khoi_desktop.domain.enums import OutreachOutlet as Outlet
from khoi_desktop.domain.oversight import (
    ContributorInput,
    ExemplarInput,
    InspectionInput,
    OutreachInput,
    StepRecord,
)
from khoi_desktop.domain.study import PlanDocument, YearPlanInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.assessments import AssessmentService
from khoi_desktop.services.commitments import CommitmentService
from khoi_desktop.services.exemplars import ExemplarService
from khoi_desktop.services.inspections import InspectionService
from khoi_desktop.services.outreach import OutreachService
from khoi_desktop.services.year_plans import YearPlanService
from tests.core.meetings_support import Kit, add_member, add_org, new_meeting, official

YEAR = 2018
THEME = "Nêu gương về đạo đức và trách nhiệm thực thi công vụ; nói đi đôi với làm"
BASE_FOCUS = "Đổi mới công tác quản lý, chỉ đạo, điều hành"
TREASURY_FOCUS = "Phát huy vai trò của cấp ủy chi bộ trong sinh hoạt thường kỳ và sinh hoạt chuyên đề"
P, U, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT_UNEXCUSED, AttendanceStatus.ABSENT_EXCUSED
UBKT, BTV = "Ủy ban Kiểm tra Đảng ủy Khối", "Ban Thường vụ Đảng ủy Khối"


@dataclass(frozen=True)
class Bloc:
    bloc: int
    base: int
    office: int
    treasury: int
    people: dict[str, int]


def small_bloc(services: Services) -> Bloc:
    """The organisations and people of the module docstring (no records of the year yet)."""
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC, doc_code="ĐUK", place_name="Ninh Bình",
                   superior_name="Đảng bộ tỉnh Ninh Bình")
    base = add_org(services, "Đảng bộ Viện Kiểm sát nhân dân tỉnh", OrgKind.BASE_COMMITTEE, bloc,
                   agency_name="Viện Kiểm sát nhân dân tỉnh", doc_code="ĐU", place_name="Ninh Bình")
    office = add_org(services, "Chi bộ Văn phòng Viện", OrgKind.SUB_BRANCH, base, doc_code="CB")
    treasury = add_org(services, "Chi bộ Kho bạc Nhà nước tỉnh", OrgKind.BASE_BRANCH, bloc,
                       agency_name="Kho bạc Nhà nước tỉnh", doc_code="CB", place_name="Ninh Bình",
                       superior_name="Đảng bộ Khối các cơ quan tỉnh")
    people = {name: add_member(services, org, full, official())
              for name, org, full in (("An", office, "Nguyễn Văn An"), ("Bình", office, "Trần Thị Bình"),
                                      ("Cường", office, "Lê Văn Cường"), ("Dũng", treasury, "Hoàng Văn Dũng"),
                                      ("Em", treasury, "Đỗ Thị Em"))}
    return Bloc(bloc, base, office, treasury, people)


def _meeting(services: Services, org: int, kind: MeetingKind, day: date, marks: dict[int, AttendanceStatus]) -> int:
    kit = Kit.over(services)
    meeting_id = new_meeting(kit, org, kind=kind, day=day)
    for person_id, status in marks.items():
        kit.attendance.mark(meeting_id, person_id, status, "bận" if status is A else "")
    return meeting_id


def add_meetings(services: Services, world: Bloc) -> None:
    who = world.people
    _meeting(services, world.office, MeetingKind.THEMATIC, date(YEAR, 4, 15), {who["An"]: P, who["Bình"]: P, who["Cường"]: A})
    _meeting(services, world.treasury, MeetingKind.STUDY, date(YEAR, 5, 10), {who["Dũng"]: P, who["Em"]: U})
    _meeting(services, world.treasury, MeetingKind.REGULAR, date(YEAR, 3, 5), {who["Dũng"]: P, who["Em"]: P})
    _meeting(services, world.treasury, MeetingKind.REGULAR, date(YEAR - 1, 3, 6), {who["Dũng"]: P, who["Em"]: P})


def _steps(*days: date) -> tuple[StepRecord, ...]:
    return tuple(StepRecord(step, day, f"{i + 1:02d}-KH/ĐUK") for i, (step, day) in enumerate(zip(InspectionStep, days, strict=False)))


def add_inspections(services: Services, world: Bloc) -> list[int]:
    inspections = InspectionService(services.context)
    full = _steps(date(YEAR, 2, 1), date(YEAR, 2, 20), date(YEAR, 3, 10), date(YEAR, 3, 30), date(YEAR, 4, 10))
    rows = [
        InspectionInput(YEAR, world.bloc, InspectionKind.INSPECTION, "Việc thực hiện chủ đề năm 2018", (world.base,),
                        UBKT, date(YEAR, 2, 20), date(YEAR, 4, 10), full, "Thực hiện tốt; cần khắc phục hồ sơ."),
        InspectionInput(YEAR, world.bloc, InspectionKind.THEMATIC_SUPERVISION, "Việc học tập và làm theo Bác",
                        (world.base, world.treasury), BTV, date(YEAR, 6, 1), None,
                        _steps(date(YEAR, 5, 20), date(YEAR, 6, 1))),
        InspectionInput(YEAR, world.bloc, InspectionKind.SUPERVISION, "Sinh hoạt chi bộ", (world.treasury,), BTV,
                        date(YEAR, 8, 1), date(YEAR, 9, 15), _steps(*(date(YEAR, 8, d) for d in (1, 5, 10, 20, 25)))),
        InspectionInput(YEAR, world.base, InspectionKind.INSPECTION, "Thu nộp đảng phí", (world.office,),
                        "Ủy ban Kiểm tra Đảng ủy"),
        InspectionInput(YEAR - 1, world.bloc, InspectionKind.SUPERVISION, "Sinh hoạt chi bộ năm 2017",
                        (world.treasury,), BTV),
    ]
    return [inspections.create(row).inspection_id for row in rows]


def add_outreach(services: Services, world: Bloc) -> None:
    outreach = OutreachService(services.context)
    for org, outlet, title, count in (
        (world.base, Outlet.NEWSPAPER, "Viện Kiểm sát nêu gương thực thi công vụ", 1),
        (world.treasury, Outlet.NEWSPAPER, "Kho bạc học và làm theo Bác", 1),
        (world.treasury, Outlet.RADIO_TV, "Phóng sự: Kho bạc cải cách hành chính", 1),
        (world.office, Outlet.WEBSITE, "Tin hoạt động trên trang của Viện", 12),
        (world.bloc, Outlet.CONFERENCE, "Hội nghị báo cáo viên", 1),
    ):
        outreach.create(OutreachInput(org, YEAR, outlet, title, date=date(YEAR, 6, 1), count=count))
    outreach.add_contributor(ContributorInput(world.base, "Nguyễn Văn An", "Cộng tác viên Báo tỉnh", Outlet.NEWSPAPER,
                                              world.people["An"]))
    outreach.add_contributor(ContributorInput(world.treasury, "Hoàng Văn Dũng", "Cộng tác viên Đài", Outlet.RADIO_TV))


def add_exemplars(services: Services, world: Bloc) -> None:
    exemplars = ExemplarService(services.context)
    exemplars.create(ExemplarInput(world.treasury, YEAR, "Chi bộ Kho bạc Nhà nước tỉnh", is_collective=True,
                                   commendation="Giấy khen", issued_by=BTV, decision_number="250-QĐ/ĐUK"))
    exemplars.create(ExemplarInput(world.base, YEAR, "Nguyễn Văn An", person_id=world.people["An"],
                                   achievement="Gương mẫu", commendation="Bằng khen", issued_by="Ủy ban nhân dân tỉnh",
                                   decision_number="900/QĐ-UBND", date=date(YEAR, 5, 19)))
    exemplars.create(ExemplarInput(world.treasury, YEAR, "Hoàng Văn Dũng", person_id=world.people["Dũng"],
                                   commendation="Giấy khen"))


def add_plans(services: Services, world: Bloc) -> None:
    plans = YearPlanService(services.context)
    plans.save(YearPlanInput(world.bloc, YEAR, theme=THEME, documents=(
        PlanDocument("KH", "Kế hoạch thực hiện Chỉ thị 05-CT/TW năm 2018", "60-KH/ĐUK", date(YEAR, 2, 17),
                     "Ban Thường vụ Đảng ủy Khối"),)))
    plans.save(YearPlanInput(world.base, YEAR, focus_content=BASE_FOCUS))
    plans.save(YearPlanInput(world.treasury, YEAR, focus_content=TREASURY_FOCUS))


def add_registrations_and_ratings(services: Services, world: Bloc) -> None:
    registrations = CommitmentService(services.context)
    category = registrations.categories_for(YEAR)[0]
    item = (CommitmentItem(category, "Gương mẫu chấp hành", "Không vi phạm", "Cả năm"),)
    for name in ("An", "Bình", "Dũng"):
        registrations.save(CommitmentInput(YEAR, person_id=world.people[name], signed_on=date(YEAR, 3, 1), items=item))
    for org in (world.office, world.treasury):
        registrations.save(CommitmentInput(YEAR, organization_id=org, signed_on=date(YEAR, 3, 1), items=item))
    assessments = AssessmentService(services.context)
    for name, level in (("An", RatingLevel.EXCELLENT), ("Bình", RatingLevel.GOOD), ("Cường", RatingLevel.GOOD),
                        ("Dũng", RatingLevel.COMPLETED)):
        assessments.save(AssessmentInput(YEAR, person_id=world.people[name], decided_level=level))
    assessments.save(AssessmentInput(YEAR, person_id=world.people["Em"], not_rated_reason="Nghỉ ốm dài ngày"))


def full_year(services: Services) -> Bloc:
    """Everything of the module docstring."""
    world = small_bloc(services)
    add_meetings(services, world)
    add_inspections(services, world)
    add_outreach(services, world)
    add_exemplars(services, world)
    add_plans(services, world)
    add_registrations_and_ratings(services, world)
    return world
