"""A small bloc whose 2026 study participation is counted by hand in test_study.

Bloc → Đảng bộ Sở Tài chính (A: Chi bộ Phòng Ngân sách, B: Chi bộ Văn phòng Sở) and
C: Chi bộ Kho bạc (a chi bộ cơ sở). In 2026:

* An, Bình: official in A all year. Cường: probationary in A from 01/03 (joins mid-year).
  Dũng: official in A, moves out 01/07 (leaves mid-year). Lan: in A, moves to B 01/06.
* Em: official in B. Giang: in B, exempt (miễn sinh hoạt) since 2025.
* Hà, Khoa: official in C.

Study meetings (present P, late L, absent A):
M1 base conference 10/02: An P, Bình P, Dũng A, Lan P, Em A, Giang A (exempt: not counted);
M2 A thematic 15/04: An P, Bình A, Cường L, Dũng A, Lan P; M3 A thematic 15/09: An P,
Bình A, Cường P; M4 B thematic 20/09: Em A, Lan P, Giang P (exempt, came); M5 C seminar
05/05: Hà P, Khoa A. Not counted: A's regular meeting 05/05/2026 (everyone present) and
A's thematic meeting of 2025 (everyone present).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, OrgKind, PersonStatus
from khoi_desktop.domain.models import StatusChange
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.generator import generate_demo
from khoi_desktop.services.demo.model import DEMO_TODAY
from tests.core.meetings_support import Kit, add_member, add_org, new_meeting, official, probationary

P, L = AttendanceStatus.PRESENT, AttendanceStatus.LATE
A, U = AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.ABSENT_UNEXCUSED


@dataclass(frozen=True)
class StudyBloc:
    bloc: int
    base: int
    a: int
    b: int
    c: int
    people: dict[str, int]


def study_bloc(services: Services) -> StudyBloc:
    """The organisations and people of the module docstring (no meetings yet)."""
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    base = add_org(services, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE, bloc, doc_code="ĐU",
                   place_name="Ninh Bình", superior_name="Đảng bộ Khối các cơ quan tỉnh")
    a = add_org(services, "Chi bộ Phòng Ngân sách", OrgKind.SUB_BRANCH, base, doc_code="CB", place_name="Ninh Bình",
                superior_name="Đảng bộ Sở Tài chính")
    b = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, base, doc_code="CB", place_name="Ninh Bình")
    c = add_org(services, "Chi bộ Kho bạc", OrgKind.BASE_BRANCH, bloc, doc_code="CB", place_name="Ninh Bình")
    people = {
        "An": add_member(services, a, "Nguyễn Văn An", official(), job_title="Trưởng phòng"),
        "Bình": add_member(services, a, "Trần Thị Bình", official(), job_title="Chuyên viên"),
        "Cường": add_member(services, a, "Lê Văn Cường", probationary(date(2026, 3, 1))),
        "Dũng": add_member(services, a, "Hoàng Văn Dũng", official()),
        "Lan": add_member(services, a, "Mai Thị Lan", official()),
        "Em": add_member(services, b, "Đỗ Thị Em", official()),
        "Giang": add_member(services, b, "Ngô Thị Giang", official(date(1980, 1, 1))),
        "Hà": add_member(services, c, "Bùi Thị Hà", official()),
        "Khoa": add_member(services, c, "Đặng Văn Khoa", official()),
    }
    change = services.people.change_status
    change(people["Dũng"], StatusChange(PersonStatus.TRANSFERRED_OUT, date(2026, 7, 1)))
    change(people["Lan"], StatusChange(PersonStatus.ACTIVE, date(2026, 6, 1), organization_id=b))
    change(people["Giang"], StatusChange(PersonStatus.EXEMPT, date(2025, 1, 1), note="tuổi cao"))
    return StudyBloc(bloc, base, a, b, c, people)


def _meeting(kit: Kit, world: StudyBloc, org_id: int, kind: MeetingKind, day: date,
             marks: dict[str, AttendanceStatus]) -> int:
    meeting_id = new_meeting(kit, org_id, kind=kind, day=day)
    for name, status in marks.items():
        kit.attendance.mark(meeting_id, world.people[name], status, "" if status in (P, L) else "bận")
    return meeting_id


def hold_study_year(kit: Kit, world: StudyBloc) -> None:
    """The meetings of the module docstring, marked."""
    thematic = MeetingKind.THEMATIC
    _meeting(kit, world, world.base, MeetingKind.STUDY, date(2026, 2, 10),
             {"An": P, "Bình": P, "Dũng": A, "Lan": P, "Em": U, "Giang": A})
    _meeting(kit, world, world.a, thematic, date(2026, 4, 15), {"An": P, "Bình": A, "Cường": L, "Dũng": A, "Lan": P})
    _meeting(kit, world, world.a, thematic, date(2026, 9, 15), {"An": P, "Bình": A, "Cường": P})
    _meeting(kit, world, world.b, thematic, date(2026, 9, 20), {"Em": A, "Lan": P, "Giang": P})
    _meeting(kit, world, world.c, MeetingKind.SEMINAR, date(2026, 5, 5), {"Hà": P, "Khoa": A})
    regular = new_meeting(kit, world.a, kind=MeetingKind.REGULAR, day=date(2026, 5, 5))
    kit.attendance.mark_all_present(regular)
    last_year = new_meeting(kit, world.a, kind=thematic, day=date(2025, 9, 15))
    kit.attendance.mark_all_present(last_year)


@contextmanager
def opened_unit_demo(folder: Path) -> Iterator[Services]:
    """The unit demo (seed 2018) generated in ``folder``, open, with the demo's 'today'."""
    path = folder / "demo.sqlite"
    generate_demo(path, "unit", 2018)
    opened = Services.open(path)
    opened.context.today = lambda: DEMO_TODAY
    try:
        yield opened
    finally:
        opened.close()
