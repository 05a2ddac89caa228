"""The wording the documents of a meeting print: summary line, preamble, signer, recipients.

Pure functions over plain records; the meeting-documents service puts them into report data.
"""

from __future__ import annotations

import re

from khoi_desktop.domain.enums import MeetingKind, OrgKind
from khoi_desktop.domain.meetings import Meeting, OutcomeKind
from khoi_desktop.domain.vntext import clean_multiline, fold, format_date

DOCUMENT_TITLES = {"BB": "Biên bản", "NQ": "Nghị quyết", "TB": "Thông báo kết luận"}
SIGN_IN_TITLE = "Danh sách đảng viên dự họp"
# A study meeting's roll holds everyone who studies (issue 11): the sheet and the minutes name them so.
STUDY_SIGN_IN_TITLE = "Danh sách cán bộ, đảng viên dự học tập"
NON_PARTY_LABEL = "Cán bộ, công chức, viên chức, người lao động ngoài Đảng"
_BRANCH_KINDS = (OrgKind.BASE_BRANCH, OrgKind.SUB_BRANCH)
# '1. …', '2) …', 'II- …' start a section of a resolution.
_SECTION = re.compile(r"^(?:\d{1,2}|[IVX]{1,5})\s*[.)\-–]\s*(\S.*)$")


def sign_in_title(study: bool) -> str:
    return STUDY_SIGN_IN_TITLE if study else SIGN_IN_TITLE


def is_branch(kind: OrgKind) -> bool:
    return kind in _BRANCH_KINDS


def signing_body(kind: OrgKind) -> str:
    """'Chi bộ' for a chi bộ, else 'Đảng ủy' (printed 'T/M CHI BỘ', 'T/M ĐẢNG ỦY')."""
    return "Chi bộ" if is_branch(kind) else "Đảng ủy"


def default_code(kind: OrgKind) -> str:
    """The issuer code in 'Số 05-BB/CB' when the organisation has none: CB or ĐU."""
    return "CB" if is_branch(kind) else "ĐU"


def _phrase(kind: MeetingKind, org_kind: OrgKind) -> str:
    body = "chi bộ" if is_branch(org_kind) else "đảng bộ"
    return {
        MeetingKind.REGULAR: f"sinh hoạt {body} thường kỳ",
        MeetingKind.THEMATIC: f"sinh hoạt {body} chuyên đề",
        MeetingKind.STUDY: "hội nghị học tập, quán triệt",
        MeetingKind.SEMINAR: "tọa đàm",
        MeetingKind.DISCUSSION: "thảo luận",
        MeetingKind.COMMITTEE: "họp chi ủy" if is_branch(org_kind) else "họp đảng ủy",
        MeetingKind.REVIEW: "hội nghị kiểm điểm",
    }[kind]


def summary(meeting: Meeting, org_kind: OrgKind) -> str:
    """'sinh hoạt chi bộ thường kỳ tháng 11 năm 2026'; other kinds add their topic (the title)."""
    text = f"{_phrase(meeting.kind, org_kind)} tháng {meeting.date.month} năm {meeting.date.year}"
    if meeting.title and meeting.kind not in (MeetingKind.REGULAR, MeetingKind.COMMITTEE):
        text += f" với chủ đề “{meeting.title}”"
    return text


def closing_note(org_kind: OrgKind) -> str:
    body = "chi bộ" if is_branch(org_kind) else "hội nghị"
    return f"Biên bản đã được đọc lại trước {body} và được các đồng chí dự họp nhất trí thông qua."


def split_outcome(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The lines before the first numbered heading, and (heading, body) per section.

    A line '1. Đánh giá …' (or '2) …', 'II- …') opens a section; its number is dropped
    because the document numbers sections itself.
    """
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in clean_multiline(text).split("\n"):
        match = _SECTION.match(line)
        if match:
            sections.append((match.group(1), []))
        elif sections:
            sections[-1][1].append(line)
        elif line:
            intro.append(line)
    return "\n".join(intro), [(heading, "\n".join(body).strip("\n")) for heading, body in sections]


def signer_title(position: str) -> str:
    """'Phó Bí thư' when the chair is one, else 'Bí thư' (printed under 'T/M CHI BỘ')."""
    return "Phó Bí thư" if "pho bi thu" in fold(position) else "Bí thư"


def default_preamble(meeting: Meeting, issuer_name: str, body: str, text_summary: str, position: str) -> str:
    """'Căn cứ …' for a resolution; who met and who chaired for a conclusion notice."""
    day = format_date(meeting.date)
    if meeting.outcome_kind is OutcomeKind.CONCLUSION:
        chair = ", ".join(part for part in (meeting.chair_name, position) if part)
        return (f"Ngày {day}, {issuer_name} tổ chức {text_summary}, do đồng chí {chair} chủ trì.\n"
                f"Sau khi thảo luận, {body} thống nhất kết luận như sau:")
    return (f"Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\nCăn cứ kết quả {text_summary}, ngày {day};\n"
            f"{body} quyết nghị:")


def recipients(report_to: str, kind: OrgKind) -> tuple[str, ...]:
    """The superior committee (for report), then who carries it out; the archive line is added by the report.

    ``report_to`` is already worded ('Ban Thường vụ Đảng ủy Khối … (để báo cáo)', '' for none).
    """
    doers = "Đảng viên trong chi bộ (để thực hiện)" if is_branch(kind) else "Các tổ chức đảng trực thuộc (để thực hiện)"
    return (report_to, doers) if report_to else (doers,)
