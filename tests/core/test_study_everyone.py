"""Everyone who studies: a study conference's roll has the staff outside the Party too, an ordinary
chi bộ meeting keeps Party members only, and participation is given for everyone and by category."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from khoi_desktop.cli.study_cmd import STUDY_COMMANDS
from khoi_desktop.domain.attendance import RollGroup
from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind, MembershipKind, OrgKind
from khoi_desktop.domain.models import Membership, PersonInput
from khoi_desktop.domain.study import participation_sentences, study_categories
from khoi_desktop.services.app import Services
from khoi_desktop.services.study import StudyService
from tests.core.meetings_support import Kit, add_org, new_meeting

CONFERENCE_DAY = date(2025, 5, 10)
SINCE = date(2020, 1, 1)
CLI = click.Group("main.py", commands={command.name: command for command in STUDY_COMMANDS})


def _person(services: Services, branch: int, name: str, kind: MembershipKind) -> int:
    membership = Membership(kind, date(2015, 3, 1))
    data = PersonInput(full_name=name, organization_id=branch, memberships=(membership,), org_since=SINCE)
    return services.people.create(data).person_id


@pytest.fixture
def office(services: Services) -> tuple[int, dict[str, list[int]]]:
    """25 Party members, 10 công chức and 5 đoàn viên outside the Party in one chi bộ."""
    bloc = add_org(services, "Đảng bộ Khối các cơ quan tỉnh", OrgKind.BLOC)
    branch = add_org(services, "Chi bộ Văn phòng Sở", OrgKind.BASE_BRANCH, bloc)
    groups = {"party": [], "civil": [], "youth": []}
    for n in range(25):
        groups["party"].append(_person(services, branch, f"Nguyễn Văn Đảng {chr(65 + n)}", MembershipKind.PARTY_OFFICIAL))
    for n in range(10):
        groups["civil"].append(_person(services, branch, f"Trần Thị Công {chr(65 + n)}", MembershipKind.CIVIL_SERVANT))
    for n in range(5):
        groups["youth"].append(_person(services, branch, f"Lê Văn Đoàn {chr(65 + n)}", MembershipKind.YOUTH_UNION))
    return branch, groups


def _conference(kit: Kit, branch: int, groups: dict[str, list[int]]) -> int:
    """Everyone present but 2 members, 2 công chức and 1 đoàn viên."""
    meeting = new_meeting(kit, branch, kind=MeetingKind.STUDY, day=CONFERENCE_DAY)
    kit.attendance.mark_all_present(meeting)
    for person in (*groups["party"][:2], *groups["civil"][:2], groups["youth"][0]):
        kit.attendance.mark(meeting, person, AttendanceStatus.ABSENT_EXCUSED, "đi công tác")
    return meeting


def test_a_study_conference_expects_everyone_a_chi_bo_meeting_members_only(services: Services, office) -> None:
    """40 on the conference's roll (15 as 'quần chúng'), 25 on the monthly meeting's."""
    branch, _ = office
    kit = Kit.over(services)
    study = kit.attendance.roll(new_meeting(kit, branch, kind=MeetingKind.STUDY, day=CONFERENCE_DAY))
    regular = kit.attendance.roll(new_meeting(kit, branch, day=CONFERENCE_DAY))
    assert len(study.entries) == 40 and len(regular.entries) == 25
    outside = [e for e in study.entries if e.group is RollGroup.NON_PARTY]
    assert len(outside) == 15
    assert {e.membership_kind for e in outside} == {MembershipKind.CIVIL_SERVANT, MembershipKind.YOUTH_UNION}


def test_participation_counts_persons_and_attendances_of_everyone_by_category(services: Services, office) -> None:
    """35/40 people; đảng viên 23/25, công chức 8/10, đoàn viên 4/5; no 'viên chức' line at all."""
    branch, groups = office
    _conference(Kit.over(services), branch, groups)
    figures = StudyService(services.context).participation(branch, 2025)
    tally = figures.overall
    assert (tally.persons_took_part, tally.persons_expected) == (35, 40)
    assert (tally.attendances_present, tally.attendances_expected) == (35, 40)
    categories = {word: (t.persons_took_part, t.persons_expected) for word, t in study_categories(figures)}
    assert categories == {"đảng viên": (23, 25), "công chức": (8, 10), "đoàn viên": (4, 5)}
    sentences = participation_sentences(figures)
    assert sentences[0] == ("Tỷ lệ cán bộ, đảng viên, công chức, đoàn viên tham gia học tập là 87,5% (35/40 người); "
                            "tính theo lượt: 35/40 lượt, đạt 87,5%.")
    assert "viên chức" not in " ".join(sentences) and "0/0" not in " ".join(sentences)


def test_the_participation_command_prints_the_sources_sentence(services: Services, office, db_path: Path) -> None:
    """`participation` on the real file: the sentence and a line per category that has people."""
    branch, groups = office
    _conference(Kit.over(services), branch, groups)
    result = CliRunner().invoke(CLI, ["participation", "--org", str(branch), "--year", "2025", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "tham gia học tập là 87,5% (35/40 người)" in result.stdout
    assert "  Công chức: 8/10 người, đạt 80%" in result.stdout
    assert "Viên chức" not in result.stdout


def test_nobody_expected_gives_no_sentence(services: Services, office) -> None:
    """A year without study meetings: no '0/0, đạt 0%' anywhere."""
    branch, _ = office
    assert participation_sentences(StudyService(services.context).participation(branch, 2024)) == []


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_study_minutes_give_members_and_others_apart_and_the_sheet_names_both(services: Services, office,
                                                                           tmp_path: Path) -> None:
    """The conference's minutes: 4. the Party members as before (23 of 25 present), 5. the 15 outside the
    Party (12 present, the three absent named), then both apart in one line; the sign-in sheet is titled
    for cán bộ and đảng viên at a study session and lists all 40."""
    branch, groups = office
    kit = Kit.over(services)
    chair, secretary = groups["party"][2], groups["party"][3]
    meeting = new_meeting(kit, branch, chair, secretary, kind=MeetingKind.STUDY, day=CONFERENCE_DAY)
    kit.attendance.mark_all_present(meeting)
    for person in (*groups["party"][:2], *groups["civil"][:2], groups["youth"][0]):
        kit.attendance.mark(meeting, person, AttendanceStatus.ABSENT_EXCUSED, "đi công tác")
    minutes = _pdf_text(kit.documents.write_minutes(meeting, tmp_path / "bb.pdf").path)
    for fragment in ("4. Đảng viên: tổng số 25 đồng chí, có mặt 23 đồng chí, vắng mặt 2 đồng chí.",
                     "5. Cán bộ, công chức, viên chức, người lao động ngoài Đảng: - Tổng số: 15 người; có mặt "
                     "12 người; vắng mặt có lý do 3 người: Trần Thị Công A (đi công tác); Lê Văn Đoàn A (đi "
                     "công tác); Trần Thị Công B (đi công tác).",
                     "Tổng hợp dự học tập: đảng viên: có mặt 23/25; cán bộ, công chức, viên chức, người lao động "
                     "ngoài Đảng: có mặt 12/15."):
        assert fragment in minutes, fragment
    sheet = _pdf_text(kit.documents.write_sign_in_sheet(meeting, tmp_path / "ds.pdf").path)
    assert "DANH SÁCH CÁN BỘ, ĐẢNG VIÊN DỰ HỌC TẬP" in sheet and "Lê Văn Đoàn E" in sheet


def test_an_ordinary_meeting_prints_as_before(services: Services, office, tmp_path: Path) -> None:
    """A monthly chi bộ meeting: Party members only, no item 5, the sheet keeps its title."""
    branch, groups = office
    kit = Kit.over(services)
    meeting = new_meeting(kit, branch, groups["party"][0], groups["party"][1], day=CONFERENCE_DAY)
    kit.attendance.mark_all_present(meeting)
    minutes = _pdf_text(kit.documents.write_minutes(meeting, tmp_path / "bb.pdf").path)
    assert "4. Đảng viên: tổng số 25 đồng chí" in minutes
    assert "ngoài Đảng" not in minutes and "Tổng hợp dự học tập" not in minutes
    sheet = _pdf_text(kit.documents.write_sign_in_sheet(meeting, tmp_path / "ds.pdf").path)
    assert "DANH SÁCH ĐẢNG VIÊN DỰ HỌP" in sheet and "Trần Thị Công" not in sheet


def test_a_numbered_study_meeting_kept_with_members_only_prints_as_before(services: Services, office,
                                                                          tmp_path: Path) -> None:
    """A study meeting numbered before people outside the Party could be marked keeps a roll of members
    only: its reprint has no item 5 and no summary line, as it was printed then."""
    branch, groups = office
    kit = Kit.over(services)
    meeting = new_meeting(kit, branch, groups["party"][0], groups["party"][1], kind=MeetingKind.STUDY,
                          day=CONFERENCE_DAY)
    kit.attendance.mark_all_present(meeting)
    first = kit.documents.write_minutes(meeting, tmp_path / "bb.pdf")
    others = [*groups["civil"], *groups["youth"]]  # as an older version left it: members marked only
    services.db.execute(f"DELETE FROM attendance WHERE meeting_id = ? AND person_id IN ({','.join('?' * len(others))})",
                        [meeting, *others])
    again = kit.documents.write_minutes(meeting, tmp_path / "bb-lai.pdf")
    text = _pdf_text(again.path)
    assert again.number == first.number and "4. Đảng viên: tổng số 25 đồng chí, có mặt 25 đồng chí" in text
    assert "ngoài Đảng" not in text and "Tổng hợp dự học tập" not in text
    assert "ngoài Đảng" in _pdf_text(first.path)


@pytest.mark.parametrize("relabelled", ["first", "second"])
def test_a_person_recorded_in_two_kinds_on_the_same_last_day_counts_once_in_the_party_kind(
        services: Services, office, relabelled: str) -> None:
    """Two study meetings on one day, a member recorded as công chức at one of them (whichever was
    written first): the report's count and the overview's (SQL) both put him under 'đảng viên
    chính thức', the first kind in MembershipKind's order, so 25 members and 10 công chức either way."""
    branch, groups = office
    kit = Kit.over(services)
    meetings = [new_meeting(kit, branch, kind=MeetingKind.STUDY, day=CONFERENCE_DAY) for _ in range(2)]
    for meeting in meetings:
        kit.attendance.mark_all_present(meeting)
    relabelled_meeting = meetings[0] if relabelled == "first" else meetings[1]
    with services.db.atomic():  # as an older roll may hold it: the member's row under another kind
        services.db.execute("UPDATE attendance SET membership_kind = ? WHERE meeting_id = ? AND person_id = ?",
                            [MembershipKind.CIVIL_SERVANT.value, relabelled_meeting, groups["party"][0]])
    study = StudyService(services.context)
    for figures in (study.participation(branch, 2025), study.totals(branch, 2025)):
        persons = {k.kind: k.tally.persons_expected for k in figures.by_kind}
        assert persons == {"party_official": 25, "civil_servant": 10, "youth_union": 5}


def test_two_kinds_this_version_does_not_know_tie_alike_in_both_counts(services: Services, office) -> None:
    """Rows from a newer version with two unknown kinds on one last day: both counts take the same one
    (the greater text), never one each."""
    branch, groups = office
    kit = Kit.over(services)
    meetings = [new_meeting(kit, branch, kind=MeetingKind.STUDY, day=CONFERENCE_DAY) for _ in range(2)]
    for meeting, kind in zip(meetings, ("ban_moi_b", "ban_moi_a"), strict=True):
        kit.attendance.mark_all_present(meeting)
        with services.db.atomic():
            services.db.execute("UPDATE attendance SET membership_kind = ? WHERE meeting_id = ? AND person_id = ?",
                                [kind, meeting, groups["party"][0]])
    study = StudyService(services.context)
    for figures in (study.participation(branch, 2025), study.totals(branch, 2025)):
        persons = {k.kind: k.tally.persons_expected for k in figures.by_kind}
        assert persons["ban_moi_b"] == 1 and persons.get("ban_moi_a", 0) == 0 and persons["party_official"] == 24
