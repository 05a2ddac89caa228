"""How a page reads its records again: one load for several requests, stale answers ignored.

A page keeps a :class:`Reloads` and calls :meth:`Reloads.request` whenever something it shows
may have changed (several requests in a row load once, on the next turn of the event loop).
Its load starts with :meth:`Reloads.begin`, which numbers the answer; an answer whose number is
no longer :meth:`Reloads.is_current` is dropped, because the clerk chose something else meanwhile.
Pages with an organisation + year bar build their worker job with :func:`org_year_job`.
Given the page, a load also shows the page's loading state (:class:`LoadingCover`) until the
current answer is taken (``is_current``) or the load failed (:meth:`Reloads.failed`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from khoi_desktop.domain.models import Organization
from khoi_desktop.services.app import Services
from ui.pages.common.loading import LoadingCover
from ui.pages.common.org_year_bar import OrgYearBar, choose_org

T = TypeVar("T")
OrgYearLoaded = tuple[list[Organization], int | None, T | None]


class Reloads:
    """Coalesces reload requests into one call of ``reload`` and numbers the loads."""

    def __init__(self, reload: Callable[[], None], page: QWidget | None = None) -> None:
        self._reload = reload
        self._pending = False
        self.serial = 0
        self.cover = LoadingCover(page) if page is not None else None

    def request(self) -> None:
        """Call ``reload`` soon; further requests before it runs add nothing."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._reload)

    def begin(self) -> int:
        """A load starts now (it serves any pending request): the number its answer carries."""
        self._pending = False
        self.serial += 1
        if self.cover is not None:
            self.cover.start()
        return self.serial

    def is_current(self, serial: int) -> bool:
        """True for the answer of the latest load, False for one overtaken by a newer load."""
        current = serial == self.serial
        if current and self.cover is not None:
            self.cover.stop()
        return current

    def failed(self, handler: Callable[[BaseException], None]) -> Callable[[BaseException], None]:
        """``handler`` for a failed load, ending the loading state first."""
        def fail(exc: BaseException) -> None:
            if self.cover is not None:
                self.cover.stop()
            handler(exc)
        return fail


def org_year_job(services: Services, bar: OrgYearBar,
                 fetch: Callable[[int, int], T]) -> Callable[[], OrgYearLoaded[T]]:
    """The worker job of a page with ``bar``: the organisations, the one to show, and ``fetch(org, year)``.

    The choice is read from the bar now, on the GUI thread; the organisation shown is the one
    asked for, else the one shown, else the top of the tree (:func:`choose_org`); with no
    organisation at all there is nothing to fetch (None).
    """
    preferred, year = bar.preferred(), bar.year_value()

    def job() -> OrgYearLoaded[T]:
        organizations = services.organizations.all(include_retired=False)
        org_id = choose_org(organizations, *preferred)
        return organizations, org_id, fetch(org_id, year) if org_id is not None else None

    return job
