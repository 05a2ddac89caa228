"""A small horizontal bar chart drawn with QPainter: last year beside this year, per item.

QtCharts is not in PySide6-Essentials, and the overview needs only this: for each item a
caption on the left, a grey bar for last year over a red bar for this year, each followed
by its value. A click on an item emits ``activated(index)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.style import ACCENT

PREVIOUS_COLOR = QColor("#b8c2cc")
CURRENT_COLOR = QColor(ACCENT)
TEXT_COLOR = QColor("#1f2933")
MUTED_COLOR = QColor("#6b7785")
ROW_HEIGHT = 26
BAR_HEIGHT = 8
LEGEND_HEIGHT = 22
LABEL_SHARE = 0.42  # at most this part of the width for the captions
VALUE_ROOM = 64  # room after the longest bar for its value


@dataclass(frozen=True)
class Bar:
    """One item: its caption, last year's and this year's value and how each is written."""

    label: str
    previous: float
    current: float
    previous_text: str = ""
    current_text: str = ""
    tooltip: str = ""


class BarChart(QWidget):
    """Pairs of bars (last year grey, this year red) scaled to the largest value or ``maximum``."""

    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._captions = ("", "")
        self._maximum: float | None = None
        self._pressed: int | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)

    def set_bars(self, bars: Sequence[Bar], previous_caption: str, current_caption: str,
                 maximum: float | None = None) -> None:
        """Show ``bars``; the legend names the two years; ``maximum`` fixes the scale (100 for rates)."""
        self._bars = list(bars)
        self._captions = (previous_caption, current_caption)
        self._maximum = maximum
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, LEGEND_HEIGHT + ROW_HEIGHT * len(self._bars) + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    # -- geometry -------------------------------------------------------------------------------
    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(bar.label) for bar in self._bars), default=0)
        return min(widest + 10, int(self.width() * LABEL_SHARE))

    def _scale(self) -> float:
        largest = max((max(bar.previous, bar.current) for bar in self._bars), default=0.0)
        return max(self._maximum or 0.0, largest, 1.0)

    def row_rect(self, index: int) -> QRectF:
        """Where item ``index`` is drawn (its whole row, caption included)."""
        return QRectF(0, LEGEND_HEIGHT + index * ROW_HEIGHT, self.width(), ROW_HEIGHT)

    def bar_at(self, pos: QPoint) -> int | None:
        """The item under ``pos`` (a widget position), or None."""
        if pos.y() < LEGEND_HEIGHT:
            return None
        index = (pos.y() - LEGEND_HEIGHT) // ROW_HEIGHT
        return index if 0 <= index < len(self._bars) else None

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_legend(painter)
        label_width = self._label_width()
        room = max(10.0, self.width() - label_width - VALUE_ROOM)
        scale = self._scale()
        for index, bar in enumerate(self._bars):
            self._paint_row(painter, index, bar, label_width, room / scale)
        painter.end()

    def _paint_legend(self, painter: QPainter) -> None:
        metrics = QFontMetrics(self.font())
        x = 0
        for color, caption in ((PREVIOUS_COLOR, self._captions[0]), (CURRENT_COLOR, self._captions[1])):
            painter.fillRect(QRectF(x, 6, 10, 10), color)
            painter.setPen(MUTED_COLOR)
            painter.drawText(QPoint(x + 14, 6 + metrics.ascent() - 1), caption)
            x += 14 + metrics.horizontalAdvance(caption) + 16

    def _paint_row(self, painter: QPainter, index: int, bar: Bar, label_width: int, unit: float) -> None:
        row = self.row_rect(index)
        metrics = QFontMetrics(self.font())
        painter.setPen(TEXT_COLOR)
        caption = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
        painter.drawText(QRectF(0, row.top(), label_width - 8, row.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), caption)
        top = row.top() + (row.height() - 2 * BAR_HEIGHT - 2) / 2
        for offset, value, text, color in ((0, bar.previous, bar.previous_text, PREVIOUS_COLOR),
                                           (BAR_HEIGHT + 2, bar.current, bar.current_text, CURRENT_COLOR)):
            length = max(value * unit, 1.0 if value else 0.0)
            painter.fillRect(QRectF(label_width, top + offset, length, BAR_HEIGHT), color)
            small = painter.font()
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
            painter.save()
            painter.setFont(small)
            painter.setPen(MUTED_COLOR if color == PREVIOUS_COLOR else TEXT_COLOR)
            painter.drawText(QRectF(label_width + length + 4, top + offset - 3, VALUE_ROOM, BAR_HEIGHT + 6),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
            painter.restore()

    # -- interaction -------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        over = self.bar_at(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.bar_at(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        released = self.bar_at(event.position().toPoint()) if event.button() == Qt.MouseButton.LeftButton else None
        if released is not None and released == self._pressed:
            self.activated.emit(released)
        self._pressed = None
        super().mouseReleaseEvent(event)

    def event(self, event: object) -> bool:
        """Tooltips per item: both years written out, and what a click opens."""
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            index = self.bar_at(event.pos())
            if index is None:
                QToolTip.hideText()
                event.ignore()
                return True
            bar = self._bars[index]
            lines = [bar.label, f"{self._captions[1]}: {bar.current_text}", f"{self._captions[0]}: {bar.previous_text}"]
            if bar.tooltip:
                lines.append(bar.tooltip)
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)  # type: ignore[arg-type]
