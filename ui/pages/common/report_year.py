"""Before a year's report, ratings list or package is made: say why the year cannot be, or offer a draft.

The same reasons the command line gives (``services.report_years``), shown before the clerk picks
where to save: a year without records stops here; a year not yet ended is made only as a draft
whose every page says "DỰ THẢO", after the clerk agrees.
"""

from __future__ import annotations

from ui.prompts import Prompts


def draft_choice(prompts: Prompts, problems: tuple[str, str], what: str) -> bool | None:
    """False: a final document; True: a draft the clerk agreed to; None: stop (already said why)."""
    missing, not_ended = problems
    if missing:
        prompts.warn(f"Không lập được {what}", missing)
        return None
    if not_ended:
        agreed = prompts.confirm(f"Lập {what} dự thảo?", f"{not_ended}\n\nLập bản dự thảo ngay bây giờ?",
                                 "Lập bản dự thảo", "Hủy")
        return True if agreed else None
    return False
