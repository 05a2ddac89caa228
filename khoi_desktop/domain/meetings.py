"""Plain records of meetings (buổi sinh hoạt, hội nghị)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.enums import MeetingKind


@dataclass(frozen=True)
class MeetingRow:
    """One line of a meeting list, with its attendance counts."""

    id: int
    organization_id: int
    organization_name: str
    kind: MeetingKind
    date: date
    title: str
    start_time: str
    end_time: str
    place: str
    present: int
    expected: int
