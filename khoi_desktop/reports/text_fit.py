"""Measuring text in our embedded family: balanced header lines and unbreakable tokens of table cells.

Shared by the PDF and DOCX renderers so both wrap a header and size a column the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from reportlab.pdfbase.pdfmetrics import stringWidth

from khoi_desktop.reports import fonts

MAX_HEADER_LINES = 4


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
