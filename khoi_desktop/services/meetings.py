"""Use cases for meetings (the full editor comes with the meetings issue)."""

from __future__ import annotations

from khoi_desktop.domain.meetings import MeetingRow
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage import meetings_repo as repo


class MeetingService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def list(self, organization_ids: tuple[int, ...] | None = None, year: int | None = None) -> list[MeetingRow]:
        return repo.list_meetings(self._db, organization_ids, year)
