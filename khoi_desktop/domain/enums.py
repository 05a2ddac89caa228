"""Code values of the domain with their Vietnamese labels.

Values are stored in the database; labels are what the clerk sees. A completeness test
pins that every value has a label.
"""

from __future__ import annotations

import functools
from enum import StrEnum

from khoi_desktop.domain.vntext import fold


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Vietnamese ``label``."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def from_label(cls, text: str) -> LabelledEnum | None:
        """The member whose label or code matches ``text`` ignoring case and diacritics."""
        return _members_by_label(cls).get(fold(text))


@functools.cache  # labels are fixed: folded once per enum, not once per member per lookup (imports)
def _members_by_label(enum: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    """Folded label and code → the first member with that label or code, as a search in order finds it."""
    found: dict[str, LabelledEnum] = {}
    for member in enum:
        found.setdefault(fold(member.label), member)
        found.setdefault(member.value, member)
    return found


class OrgKind(LabelledEnum):
    BLOC = "bloc"
    BASE_COMMITTEE = "base_committee"
    BASE_BRANCH = "base_branch"
    SUB_BRANCH = "sub_branch"


class Gender(LabelledEnum):
    MALE = "male"
    FEMALE = "female"


class MembershipKind(LabelledEnum):
    PARTY_OFFICIAL = "party_official"
    PARTY_PROBATIONARY = "party_probationary"
    CIVIL_SERVANT = "civil_servant"
    PUBLIC_EMPLOYEE = "public_employee"
    WORKER = "worker"
    YOUTH_UNION = "youth_union"
    ASSOCIATION = "association"
    STUDENT = "student"

    @property
    def is_party(self) -> bool:
        return self in (MembershipKind.PARTY_OFFICIAL, MembershipKind.PARTY_PROBATIONARY)


class PersonStatus(LabelledEnum):
    ACTIVE = "active"
    TRANSFERRED_IN = "transferred_in"
    TRANSFERRED_OUT = "transferred_out"
    EXEMPT = "exempt"
    TEMPORARY = "temporary"
    SUSPENDED = "suspended"
    DECEASED = "deceased"

    @property
    def is_expected_at_meetings(self) -> bool:
        """Whether the person is on the branch's roll (exempt members are shown apart)."""
        return self in (PersonStatus.ACTIVE, PersonStatus.TRANSFERRED_IN, PersonStatus.TEMPORARY)


class MeetingKind(LabelledEnum):
    REGULAR = "regular"
    THEMATIC = "thematic"
    STUDY = "study"
    SEMINAR = "seminar"
    DISCUSSION = "discussion"
    COMMITTEE = "committee"
    REVIEW = "review"


class AttendanceStatus(LabelledEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT_EXCUSED = "absent_excused"
    ABSENT_UNEXCUSED = "absent_unexcused"

    @property
    def is_present(self) -> bool:
        return self in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class CommitmentResult(LabelledEnum):
    EXCEEDED = "exceeded"
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"


class RatingLevel(LabelledEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


class InspectionKind(LabelledEnum):
    INSPECTION = "inspection"
    SUPERVISION = "supervision"
    THEMATIC_SUPERVISION = "thematic_supervision"
    COMPLAINT = "complaint"
    DISCIPLINE = "discipline"


class InspectionStep(LabelledEnum):
    PLAN = "plan"
    NOTICE = "notice"
    SELF_REPORT = "self_report"
    FINDINGS = "findings"
    CONCLUSION = "conclusion"


class OutreachOutlet(LabelledEnum):
    NEWSPAPER = "newspaper"
    RADIO_TV = "radio_tv"
    WEBSITE = "website"
    CONFERENCE = "conference"
    OTHER = "other"


_LABELS: dict[str, dict[str, str]] = {
    "OrgKind": {
        "bloc": "Đảng bộ cấp trên cơ sở (Khối)",
        "base_committee": "Đảng bộ cơ sở",
        "base_branch": "Chi bộ cơ sở",
        "sub_branch": "Chi bộ trực thuộc",
    },
    "Gender": {"male": "Nam", "female": "Nữ"},
    "MembershipKind": {
        "party_official": "Đảng viên chính thức",
        "party_probationary": "Đảng viên dự bị",
        "civil_servant": "Công chức",
        "public_employee": "Viên chức",
        "worker": "Người lao động",
        "youth_union": "Đoàn viên",
        "association": "Hội viên",
        "student": "Học sinh, sinh viên",
    },
    "PersonStatus": {
        "active": "Đang sinh hoạt",
        "transferred_in": "Chuyển đến",
        "transferred_out": "Chuyển đi",
        "exempt": "Miễn sinh hoạt",
        "temporary": "Sinh hoạt tạm thời",
        "suspended": "Đình chỉ sinh hoạt",
        "deceased": "Từ trần",
    },
    "MeetingKind": {
        "regular": "Sinh hoạt thường kỳ",
        "thematic": "Sinh hoạt chuyên đề",
        "study": "Hội nghị học tập, quán triệt",
        "seminar": "Tọa đàm",
        "discussion": "Thảo luận",
        "committee": "Họp chi ủy",
        "review": "Hội nghị kiểm điểm",
    },
    "AttendanceStatus": {
        "present": "Có mặt",
        "late": "Đến muộn",
        "absent_excused": "Vắng có lý do",
        "absent_unexcused": "Vắng không lý do",
    },
    "CommitmentResult": {
        "exceeded": "Vượt",
        "done": "Hoàn thành",
        "partly": "Hoàn thành một phần",
        "not_done": "Chưa hoàn thành",
    },
    "RatingLevel": {
        "excellent": "Hoàn thành xuất sắc nhiệm vụ",
        "good": "Hoàn thành tốt nhiệm vụ",
        "completed": "Hoàn thành nhiệm vụ",
        "not_completed": "Không hoàn thành nhiệm vụ",
    },
    "InspectionKind": {
        "inspection": "Kiểm tra",
        "supervision": "Giám sát thường xuyên",
        "thematic_supervision": "Giám sát chuyên đề",
        "complaint": "Giải quyết tố cáo",
        "discipline": "Thi hành kỷ luật",
    },
    "InspectionStep": {
        "plan": "Kế hoạch",
        "notice": "Thông báo",
        "self_report": "Báo cáo tự kiểm tra",
        "findings": "Dự thảo kết quả",
        "conclusion": "Kết luận",
    },
    "OutreachOutlet": {
        "newspaper": "Báo tỉnh",
        "radio_tv": "Đài Phát thanh và Truyền hình",
        "website": "Trang thông tin của đơn vị",
        "conference": "Hội nghị, tọa đàm",
        "other": "Hình thức khác",
    },
}

ALL_ENUMS: tuple[type[LabelledEnum], ...] = (
    OrgKind,
    Gender,
    MembershipKind,
    PersonStatus,
    MeetingKind,
    AttendanceStatus,
    CommitmentResult,
    RatingLevel,
    InspectionKind,
    InspectionStep,
    OutreachOutlet,
)
