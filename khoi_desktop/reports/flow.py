"""How a story breaks across pages: headings keep only the first lines of what follows.

reportlab's ``keepWithNext`` glues a heading to the *whole* next flowable and moves both to
the next page when they do not fit, which leaves most of a page blank above a long paragraph
or a long table. Here a heading (or lead-in) asks only for room for itself plus the first
:data:`FIRST_LINES` lines (or a table's title, header and two rows); the paragraph that
follows may then split across the page as usual.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

FIRST_LINES = 2
ROWS_AFTER_HEADER = 2
_TALL = 100_000


def keep_first_lines(story: Sequence[Flowable], width: float, height: float) -> list[Flowable]:
    """``story`` with each run of keep-with-next flowables and each table preceded by a conditional break.

    A need taller than half the frame is not asked for: it could never be met on a fresh page either.
    """
    flowables = list(story)
    result: list[Flowable] = []
    index = 0
    while index < len(flowables):
        start = index
        while index < len(flowables) and flowables[index].getKeepWithNext():
            index += 1
        kept = flowables[start:index]
        following = flowables[index] if index < len(flowables) else None
        need = sum(_height(flowable, width) for flowable in kept)
        if following is not None and (kept or isinstance(following, Table)):
            need += opening_height(following, width)
        if 0 < need <= height / 2:
            result.append(CondPageBreak(need))
        for flowable in kept:
            flowable.__dict__["keepWithNext"] = 0  # the break above does the keeping
        result.extend(kept)
        if following is not None:
            result.append(following)
        index += 1
    return result


def opening_height(flowable: Flowable, width: float) -> float:
    """The height of the part that must not be left alone: two lines, or a table's head and two rows."""
    full = _height(flowable, width)
    if isinstance(flowable, Paragraph):
        return min(full, flowable.getSpaceBefore() + FIRST_LINES * flowable.style.leading)
    if isinstance(flowable, Table):
        heights = getattr(flowable, "_rowHeights", None) or []
        rows = _header_rows(flowable) + ROWS_AFTER_HEADER
        return min(full, sum(heights[:rows]) + flowable.getSpaceBefore()) if heights else full
    return full


def _header_rows(table: Table) -> int:
    repeat = getattr(table, "repeatRows", 0)
    if isinstance(repeat, tuple | list):
        return max(repeat, default=-1) + 1
    return int(repeat or 0)


def _height(flowable: Flowable, width: float) -> float:
    _, height = flowable.wrap(width, _TALL)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
