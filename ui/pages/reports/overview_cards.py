"""One card of the overview: a group of figures, this year beside last year, with their bars.

Each figure is a row of the card: caption, this year, last year, and a pair of bars (last
year grey over this year red, all rows of the card to one scale). The row is a flat button
lying under its labels and bars, so a click (or Enter when it has the focus) anywhere on the
row opens the list behind the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from khoi_desktop.domain.vntext import format_number, format_percent
from ui.style import ACCENT, ACCENT_SOFT
from ui.widgets.bar_chart import Bar, BarLegend, BarPair

if TYPE_CHECKING:  # the figures come from the worker; their module loads there
    from khoi_desktop.services.overview import Figure, FigureGroup, ListFilter

# Rates are drawn as percentages (their bases differ); totals and the network get no bars,
# their scale would flatten the others.
PERCENT_GROUPS = frozenset({"participation", "registrations"})
NOT_CHARTED = frozenset({"meetings.total", "inspections.total", "outreach.contributors"})
# Kinds of meeting unused in both years are left out (seven kinds, most branches use four).
QUIET_GROUPS = frozenset({"meetings"})
CHART_WIDTH = 190  # the bars' column, their padding included
VALUE_WIDTHS = (215, 195)  # this year, last year: the same columns in every card
CARD_STYLE = f"""
QFrame#overviewCard {{ background: #ffffff; border: 1px solid #dfe3e8; border-radius: 8px; }}
QLabel#cardTitle {{ font-size: 12pt; font-weight: 600; color: #1f2933; }}
QLabel#yearHead {{ color: #52606d; font-weight: 600; }}
QLabel#figureValue {{ font-weight: 600; color: {ACCENT}; }}
QLabel#figurePrevious {{ color: #52606d; }}
QLabel#figureMain {{ font-weight: 600; }}
QPushButton#figureRow {{ border: none; border-radius: 4px; background: transparent; padding: 0; }}
QPushButton#figureRow:hover, QPushButton#figureRow:focus {{ background: {ACCENT_SOFT}; }}
"""

OpenList = Callable[["ListFilter"], None]


def shown_figures(group: FigureGroup) -> list[Figure]:
    """The rows of a card: every figure, except kinds unused in both years where that is noise."""
    if group.key not in QUIET_GROUPS:
        return list(group.figures)
    return [f for f in group.figures if f.value or f.previous or f.key.endswith(".total")]


def figure_bar(group: FigureGroup, figure: Figure) -> Bar | None:
    """The bars of a figure (percentages for rates), or None for a figure drawn without."""
    if figure.key in NOT_CHARTED:
        return None
    if group.key in PERCENT_GROUPS:
        return Bar(figure.previous_percent or 0.0, figure.percent or 0.0,
                   _percent_text(figure.previous, figure.previous_of), _percent_text(figure.value, figure.of))
    return Bar(figure.previous, figure.value, format_number(figure.previous), format_number(figure.value))


def chart_scale(group: FigureGroup, bars: list[Bar]) -> float:
    """100 for rates; else the largest value of the card."""
    if group.key in PERCENT_GROUPS:
        return 100.0
    return max((max(bar.previous, bar.current) for bar in bars), default=0.0) or 1.0


def _percent_text(value: int, of: int | None) -> str:
    return format_percent(value, of) if of else "—"


class FigureRow(QPushButton):
    """A flat button the size of one figure's row; its labels and bars lie on top of it."""

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.setObjectName("figureRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"{figure.list_filter.description}.\nBấm để mở danh sách.")
        self.setMinimumHeight(30)
        main = figure.key.endswith((".total", ".persons"))
        self.label = _on_top(QLabel(figure.label), "figureMain" if main else "figureLabel")
        self.value = _on_top(QLabel(figure.text), "figureValue")
        self.previous = _on_top(QLabel(figure.previous_text), "figurePrevious")
        for label in (self.value, self.previous):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bars: BarPair | None = None


def _on_top(label: QLabel, name: str) -> QLabel:
    label.setObjectName(name)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.setContentsMargins(8, 3, 8, 3)
    return label


class FigureCard(QFrame):
    """The card of one group: a title, then per figure its caption, both years and its bars."""

    def __init__(self, group: FigureGroup, year: int, open_list: OpenList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self._open = open_list
        self.setObjectName("overviewCard")
        self.rows: dict[str, FigureRow] = {}
        title = QLabel(group.title)
        title.setObjectName("cardTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        for column, width in enumerate((*VALUE_WIDTHS, CHART_WIDTH), start=1):
            grid.setColumnMinimumWidth(column, width)
        for column, text in ((1, f"Năm {year}"), (2, f"Năm {year - 1}")):
            head = QLabel(text)
            head.setObjectName("yearHead")
            head.setAlignment(Qt.AlignmentFlag.AlignRight)
            head.setContentsMargins(8, 0, 8, 0)
            grid.addWidget(head, 0, column)
        figures = shown_figures(group)
        bars = {f.key: bar for f in figures if (bar := figure_bar(group, f)) is not None}
        scale = chart_scale(group, list(bars.values()))
        if bars:
            legend = BarLegend(str(year - 1), str(year))
            grid.addWidget(_padded(legend), 0, 3)
        for number, figure in enumerate(figures, start=1):
            self._add_row(grid, number, figure, bars.get(figure.key), scale)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(grid)

    def _add_row(self, grid: QGridLayout, number: int, figure: Figure, bar: Bar | None, scale: float) -> None:
        row = FigureRow(figure)
        row.clicked.connect(lambda _=False, f=figure: self._open(f.list_filter))
        grid.addWidget(row, number, 0, 1, 4)  # under the labels and bars, which let clicks through
        grid.addWidget(row.label, number, 0)
        grid.addWidget(row.value, number, 1)
        grid.addWidget(row.previous, number, 2)
        if bar is not None:
            row.bars = BarPair(bar, scale)
            grid.addWidget(_padded(row.bars), number, 3)
        self.rows[figure.key] = row

    def charted_keys(self) -> list[str]:
        return [key for key, row in self.rows.items() if row.bars is not None]


def _padded(widget: QWidget) -> QWidget:
    """The bars with room on the left (away from last year's figure) and on the right."""
    holder = QWidget()
    holder.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    holder.setFixedWidth(CHART_WIDTH)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(16, 0, 8, 0)
    layout.addWidget(widget)
    return holder
