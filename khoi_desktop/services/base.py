"""What every service shares: the database, who is working, and what day it is."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import write_audit, write_audits


def _default_operator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows setups; the log still works
        return ""


@dataclass
class ServiceContext:
    """Shared by all services of one open database (no global state anywhere)."""

    db: Database
    operator: str = field(default_factory=_default_operator)
    today: Callable[[], date] = date.today
    read_only: bool = False  # a reading command's session: prints leave no audit line

    def audit(self, action: str, entity: str, entity_id: int | None, summary: str,
              details: dict[str, Any] | None = None) -> None:
        """Write one audit-log line; call inside the service's transaction.

        A read-only session (a command printing beside an open window, a write-protected
        file) changes nothing, and its prints cannot be logged in the file: no line then.
        """
        if self.read_only:
            return
        write_audit(self.db, operator=self.operator, action=action, entity=entity, entity_id=entity_id,
                    summary=summary, details=details)

    def audit_many(self, action: str, entity: str,
                   entries: Sequence[tuple[int | None, str, dict[str, Any]]]) -> None:
        """One audit-log line per (entity id, summary, details), written together (an import's rows)."""
        write_audits(self.db, operator=self.operator, action=action, entity=entity, entries=entries)
