"""Measuring text in our embedded family: balanced header lines and unbreakable tokens of table cells.

Shared by the PDF and DOCX renderers so both wrap a header and size a column the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from khoi_desktop.reports import fonts

MAX_HEADER_LINES = 4
MAX_BALANCED_WORDS = 24


def width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of ``text`` in the regular, bold or italic face."""
    family = fonts.register_fonts()
    font = family.bold if bold else family.italic if italic else family.regular
    return stringWidth(family.printable(text), font, size)


def balanced_lines(text: str, size: float, available: float, *, bold: bool = False) -> list[str]:
    """``text`` in as few lines as fit ``available`` points, breaking where lines come out most even.

    A header name never leaves one short word alone on a line ('… CƠ QUAN / TỈNH'): of all ways
    to break into n lines, the one whose longest line is shortest wins.
    """
    words = text.split()
    if not words or width(text, size, bold=bold) <= available:
        return [text] if words else []
    if len(words) > MAX_BALANCED_WORDS:  # not a name: wrap greedily, the layout reports it as too long
        family = fonts.register_fonts()
        return simpleSplit(text, family.bold if bold else family.regular, size, available)
    for count in range(2, min(len(words), MAX_HEADER_LINES) + 1):
        best = min((_split(words, cuts) for cuts in itertools.combinations(range(1, len(words)), count - 1)),
                   key=lambda lines: max(width(line, size, bold=bold) for line in lines))
        if max(width(line, size, bold=bold) for line in best) <= available:
            return best
    return _split(words, tuple(range(1, min(len(words), MAX_HEADER_LINES))))


def _split(words: list[str], cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(words))
    return [" ".join(words[start:end]) for start, end in itertools.pairwise(bounds)]


def longest_token(texts: Iterable[str], size: float, *, bold: bool = False) -> float:
    """The width of the widest unbreakable token (number, ratio, percentage, document number, word)."""
    return max((width(token, size, bold=bold) for text in texts for token in text.split()), default=0.0)


def longest_line(texts: Iterable[str], size: float, *, bold: bool = False) -> float:
    """The width of the widest text set on one line."""
    return max((width(line, size, bold=bold) for text in texts for line in text.split("\n")), default=0.0)


def column_widths(header: Sequence[str], columns: Sequence[Sequence[str]], size: float, available: float,
                  padding: float, shares: Sequence[float] = ()) -> list[float] | None:
    """Column widths from the content: never narrower than a column's longest unbreakable token.

    Numbers, ratios ('135/135'), percentages ('100%'), document numbers ('388-QĐ/ĐUK') and single
    words never break. Room left over goes to the columns whose text would wrap, in proportion to
    how much more they want (else by ``shares``). None when even the tokens do not fit ``available``.
    """
    mins, wants = [], []
    for title, cells in zip(header, columns, strict=True):
        mins.append(max(longest_token([title], size, bold=True), longest_token(cells, size, bold=True)) + 2 * padding)
        wants.append(max(longest_token([title], size, bold=True), longest_line(cells, size)) + 2 * padding)
    if sum(mins) > available:
        return None
    if sum(wants) <= available:
        weights = list(shares) if len(shares) == len(wants) and sum(shares) > 0 else wants
        extra = available - sum(wants)
        return [want + extra * weight / sum(weights) for want, weight in zip(wants, weights, strict=True)]
    room = available - sum(mins)
    excess = [want - least for want, least in zip(wants, mins, strict=True)]
    return [least + room * more / sum(excess) for least, more in zip(mins, excess, strict=True)]


def fitting_size(header: Sequence[str], columns: Sequence[Sequence[str]], size: float, available: float,
                 padding: float, smallest: float = 9.0) -> tuple[float, list[float]]:
    """The largest type size from ``size`` down to ``smallest`` at which every token fits, and the widths.

    Below ``smallest`` the widths are the tokens' own, which the caller must print across (landscape).
    """
    current = size
    while current >= smallest:
        widths = column_widths(header, columns, current, available, padding)
        if widths is not None:
            return current, widths
        current -= 0.5
    return smallest, [max(longest_token([title], smallest, bold=True), longest_token(cells, smallest)) + 2 * padding
                      for title, cells in zip(header, columns, strict=True)]
