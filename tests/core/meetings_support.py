"""Builders shared by the meeting tests: a hand-counted roll, a realistic meeting, a big one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, MembershipKind, OrgKind, PersonStatus
from khoi_desktop.domain.meetings import AgendaItem, Guest, MeetingInput, OutcomeKind, Speech, Vote
from khoi_desktop.domain.models import Membership, OrganizationInput, PersonInput, StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.attendance import AttendanceService
from khoi_desktop.services.meeting_documents import MeetingDocumentService
from khoi_desktop.services.templates import TemplateService

MEETING_DAY = date(2026, 11, 5)
OFFICIAL = MembershipKind.PARTY_OFFICIAL
PROBATIONARY = MembershipKind.PARTY_PROBATIONARY


@dataclass
class Kit:
    """The services under test, built over one open database."""

    services: Services
    attendance: AttendanceService
    documents: MeetingDocumentService
    templates: TemplateService

    @classmethod
    def over(cls, services: Services) -> Kit:
        context = services.context
        return cls(services, AttendanceService(context), MeetingDocumentService(context), TemplateService(context))


def add_org(services: Services, name: str, kind: OrgKind, parent_id: int | None = None, **extra: str) -> int:
    return services.organizations.create(OrganizationInput(name=name, kind=kind, parent_id=parent_id,
                                                           **extra)).ids[0]


def add_member(services: Services, org_id: int, name: str, *memberships: Membership, job_title: str = "") -> int:
    """A person with these memberships; their status history starts at the first one."""
    data = PersonInput(full_name=name, organization_id=org_id, memberships=memberships, job_title=job_title)
    return services.people.create(data).person_id


def official(since: date = date(2015, 3, 1), until: date | None = None) -> Membership:
    return Membership(OFFICIAL, since, until)


def probationary(since: date, until: date | None = None) -> Membership:
    return Membership(PROBATIONARY, since, until)


@dataclass(frozen=True)
class Branch:
    bloc_id: int
    base_id: int
    branch_id: int
    people: dict[str, int]


def hand_counted_branch(services: Services) -> Branch:
    """A chi bộ whose roll on 05/11/2026 is counted by hand in test_attendance.

    Official: An, Bình, Cường, Minh (moves out after the day), Nam (official from 01/11);
    probationary: Dũng, Em; temporary: Giang; exempt: Hà. Left out: Khoa (moved out before),
    Lan (joined after), Phúc (deceased before), Quang (another branch).
    """
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    base = add_org(services, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE, bloc, doc_code="ĐU",
                   place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")
    branch = add_org(services, "Chi bộ Phòng Ngân sách", OrgKind.SUB_BRANCH, base, doc_code="CB",
                     place_name="Ninh Bình", superior_name="Đảng bộ Sở Tài chính")
    other = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, base)
    ids = {
        "An": add_member(services, branch, "Nguyễn Văn An", official(), job_title="Trưởng phòng"),
        "Bình": add_member(services, branch, "Trần Thị Bình", official()),
        "Cường": add_member(services, branch, "Lê Văn Cường", official()),
        "Minh": add_member(services, branch, "Phạm Văn Minh", official()),
        "Nam": add_member(services, branch, "Vũ Văn Nam", probationary(date(2025, 11, 1), date(2026, 10, 31)),
                          official(date(2026, 11, 1))),
        "Dũng": add_member(services, branch, "Hoàng Văn Dũng", probationary(date(2026, 3, 1))),
        "Em": add_member(services, branch, "Đỗ Thị Em", probationary(date(2026, 4, 1))),
        "Giang": add_member(services, branch, "Ngô Thị Giang", official(date(2012, 5, 1))),
        "Hà": add_member(services, branch, "Bùi Thị Hà", official(date(1980, 1, 1))),
        "Khoa": add_member(services, branch, "Đặng Văn Khoa", official()),
        "Lan": add_member(services, branch, "Mai Thị Lan", official(date(2026, 11, 20))),
        "Phúc": add_member(services, branch, "Trịnh Văn Phúc", official()),
        "Quang": add_member(services, other, "Lý Văn Quang", official()),
    }
    change = services.people.change_status
    change(ids["Giang"], StatusChange(PersonStatus.TEMPORARY, date(2026, 6, 1), note="từ Sở Xây dựng"))
    change(ids["Hà"], StatusChange(PersonStatus.EXEMPT, date(2025, 1, 1), note="tuổi cao, sức yếu"))
    change(ids["Khoa"], StatusChange(PersonStatus.TRANSFERRED_OUT, date(2026, 10, 1)))
    change(ids["Minh"], StatusChange(PersonStatus.TRANSFERRED_OUT, date(2026, 11, 20)))
    change(ids["Phúc"], StatusChange(PersonStatus.DECEASED, date(2026, 9, 1)))
    return Branch(bloc, base, branch, ids)


HAND_MARKS: dict[str, tuple[AttendanceStatus, str]] = {
    "An": (AttendanceStatus.PRESENT, ""),
    "Bình": (AttendanceStatus.ABSENT_EXCUSED, "đi công tác"),
    "Cường": (AttendanceStatus.ABSENT_UNEXCUSED, ""),
    "Minh": (AttendanceStatus.LATE, "họp cơ quan"),
    "Nam": (AttendanceStatus.PRESENT, ""),
    "Dũng": (AttendanceStatus.PRESENT, ""),
    "Em": (AttendanceStatus.ABSENT_EXCUSED, "ốm"),
    "Giang": (AttendanceStatus.PRESENT, ""),
}


def new_meeting(kit: Kit, org_id: int, chair_id: int | None = None, secretary_id: int | None = None,
                kind: MeetingKind = MeetingKind.REGULAR, day: date = MEETING_DAY) -> int:
    data = MeetingInput(organization_id=org_id, kind=kind, date=day, start_time="14:00", end_time="16:00",
                        place="Phòng họp tầng 2, Sở Tài chính", chair_person_id=chair_id,
                        secretary_person_id=secretary_id)
    return kit.services.meetings.create(data).meeting_id


def mark_by_hand(kit: Kit, meeting_id: int, branch: Branch) -> None:
    for key, (status, reason) in HAND_MARKS.items():
        kit.attendance.mark(meeting_id, branch.people[key], status, reason)


def fill_meeting(kit: Kit, meeting_id: int, branch: Branch) -> None:
    """Guests, an agenda with speeches and conclusions, a vote, a delivered talk, rating, outcome."""
    meetings = kit.services.meetings
    people = branch.people
    meetings.set_guests(meeting_id, [Guest("Đỗ Văn Hải", "Phó Bí thư Đảng ủy", "Đảng bộ Sở Tài chính")])
    meetings.set_agenda(meeting_id, [
        AgendaItem("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                   content="Đồng chí Bí thư quán triệt chuyên đề năm 2026.",
                   speeches=(Speech("Nhất trí với nội dung chuyên đề <năm 2026> & kế hoạch.", people["Nam"]),),
                   conclusion="Mỗi đảng viên đăng ký một việc làm theo gương Bác."),
        AgendaItem("Đánh giá nhiệm vụ tháng 11",
                   speeches=(Speech("Đề nghị quan tâm phát triển đảng viên.", speaker_name="Đỗ Văn Hải"),
                             Speech("Cần đẩy nhanh giải ngân vốn đầu tư công.", people["Dũng"])),
                   conclusion="Chi bộ thống nhất các nội dung đã thảo luận."),
    ])
    meetings.set_votes(meeting_id, [Vote("Thông qua nghị quyết tháng 11", agree=2, disagree=0, other=1)])
    meetings.assign_talk(meeting_id, people["Giang"], "Kinh nghiệm cải cách hành chính")
    talk_id = meetings.get(meeting_id).talks[0].id
    meetings.set_talk_delivered(talk_id, True, "Chia sẻ mô hình một cửa liên thông.")
    meetings.assign_talk(meeting_id, people["Em"], "Chủ đề chưa trình bày")
    meetings.rate(meeting_id, points=92)
    meetings.set_outcome(meeting_id, OutcomeKind.RESOLUTION,
                         "1. Đánh giá kết quả tháng 11\nChi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ.\n"
                         "2. Nhiệm vụ tháng 12\nTập trung hoàn thành kế hoạch năm.")


def big_branch_meeting(kit: Kit, attendees: int = 200, items: int = 10) -> int:
    """A chi bộ of ``attendees`` members, all marked (a few absent), ``items`` agenda items."""
    services = kit.services
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    branch = add_org(services, "Chi bộ Kho bạc Nhà nước tỉnh", OrgKind.BASE_BRANCH, bloc, doc_code="CB",
                     place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Mai", "Nga"]
    data = [PersonInput(full_name=f"Nguyễn Văn {given[n % 10]} {chr(65 + n // 10 % 26)}", organization_id=branch,
                        memberships=(official() if n % 8 else probationary(date(2026, 1, 1)),),
                        job_title="Chuyên viên")
            for n in range(attendees)]
    ids = list(services.people.create_many(data).ids)
    meeting_id = new_meeting(kit, branch, ids[0], ids[1])
    kit.attendance.mark_all_present(meeting_id)
    for n, person_id in enumerate(ids[2:12]):
        status = AttendanceStatus.ABSENT_EXCUSED if n % 2 else AttendanceStatus.ABSENT_UNEXCUSED
        kit.attendance.mark(meeting_id, person_id, status, "đi công tác" if n % 2 else "")
    agenda = [AgendaItem(f"Nội dung {n}: đánh giá và triển khai nhiệm vụ", content="Báo cáo của chi ủy.",
                         speeches=tuple(Speech("Ý kiến thảo luận về nhiệm vụ của chi bộ trong tháng tới. " * 3,
                                               ids[(n * 3 + s) % attendees]) for s in range(3)),
                         conclusion="Chủ trì kết luận, giao nhiệm vụ cụ thể.") for n in range(1, items + 1)]
    services.meetings.set_agenda(meeting_id, agenda)
    base = kit.attendance.vote_base(meeting_id)
    services.meetings.set_votes(meeting_id, [Vote("Thông qua nghị quyết", agree=base - 1, other=1)])
    services.meetings.rate(meeting_id, points=85)
    return meeting_id
