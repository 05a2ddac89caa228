"""Reports: plain data in, files out. Never touches the database or the GUI.

Party-layout PDFs (HD 36) for the meeting documents: the minutes (biên bản), the
sign-in sheet (danh sách đảng viên dự họp), and the resolution or conclusion notice.
"""

from __future__ import annotations

# First (import order): loads reportlab before any report module does, see quick_reportlab.
from khoi_desktop.reports import quick_reportlab  # noqa: F401  # isort: skip
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.meeting_docs import (
    AgendaItem,
    MemberGroup,
    MinutesData,
    NameWithReason,
    Participant,
    PartyIssuer,
    ResolutionData,
    ResolutionKind,
    ResolutionSection,
    SignInRow,
    SignInSheetData,
    Speech,
    Talk,
    VoteResult,
)
from khoi_desktop.reports.minutes_pdf import build_minutes_bytes, write_minutes
from khoi_desktop.reports.resolution_pdf import build_resolution_bytes, write_resolution
from khoi_desktop.reports.sign_in_sheet_pdf import build_sign_in_sheet_bytes, write_sign_in_sheet

__all__ = [
    "AgendaItem",
    "LayoutSpec",
    "MemberGroup",
    "MinutesData",
    "NameWithReason",
    "Participant",
    "PartyIssuer",
    "ResolutionData",
    "ResolutionKind",
    "ResolutionSection",
    "SignInRow",
    "SignInSheetData",
    "Speech",
    "Talk",
    "VoteResult",
    "build_minutes_bytes",
    "build_resolution_bytes",
    "build_sign_in_sheet_bytes",
    "write_minutes",
    "write_resolution",
    "write_sign_in_sheet",
]
