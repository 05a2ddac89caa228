"""Small bar charts drawn with QPainter: last year's bar (grey) over this year's (red).

QtCharts is not in PySide6-Essentials, and the overview needs only this. A chart is a
column of :class:`BarPair` widgets, one per row of a table, all drawn to one scale, with a
:class:`BarLegend` heading the column; rows line up with the figures they draw because
they are cells of the same grid. The widgets take no clicks: the row under them does.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.style import ACCENT

PREVIOUS_COLOR = QColor("#b8c2cc")
CURRENT_COLOR = QColor(ACCENT)
MUTED_COLOR = QColor("#52606d")
BAR_HEIGHT = 7
BAR_GAP = 3
SWATCH = 10


@dataclass(frozen=True)
class Bar:
    """One item: last year's and this year's value, and how each is written."""

    previous: float
    current: float
    previous_text: str = ""
    current_text: str = ""


class BarPair(QWidget):
    """Two bars of one item, scaled so that ``scale`` fills the width."""

    def __init__(self, bar: Bar, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.scale = max(scale, 1e-9)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(f"{bar.previous_text} → {bar.current_text}")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(160, 2 * BAR_HEIGHT + BAR_GAP + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(60, self.sizeHint().height())

    def lengths(self, width: float | None = None) -> tuple[float, float]:
        """How long the two bars are drawn in ``width`` pixels (a value above zero shows at least 2)."""
        room = float(self.width() if width is None else width)
        return tuple(  # type: ignore[return-value]
            max(value / self.scale * room, 2.0) if value > 0 else 0.0 for value in (self.bar.previous, self.bar.current))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        top = (self.height() - 2 * BAR_HEIGHT - BAR_GAP) / 2
        previous, current = self.lengths(self.width() - 2)
        painter.fillRect(QRectF(0, top, previous, BAR_HEIGHT), PREVIOUS_COLOR)
        painter.fillRect(QRectF(0, top + BAR_HEIGHT + BAR_GAP, current, BAR_HEIGHT), CURRENT_COLOR)
        painter.end()


class BarLegend(QWidget):
    """"■ Năm 2017  ■ Năm 2018": what the grey and the red bars stand for."""

    def __init__(self, previous_caption: str, current_caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.captions = (previous_caption, current_caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = QFontMetrics(self.font())
        width = sum(SWATCH + 4 + metrics.horizontalAdvance(text) + 12 for text in self.captions)
        return QSize(width, metrics.height() + 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        x = 0
        for color, caption in zip((PREVIOUS_COLOR, CURRENT_COLOR), self.captions, strict=True):
            painter.fillRect(QRectF(x, (self.height() - SWATCH) / 2, SWATCH, SWATCH), color)
            painter.setPen(MUTED_COLOR)
            painter.drawText(QRectF(x + SWATCH + 4, 0, metrics.horizontalAdvance(caption) + 2, self.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), caption)
            x += SWATCH + 4 + metrics.horizontalAdvance(caption) + 12
        painter.end()
