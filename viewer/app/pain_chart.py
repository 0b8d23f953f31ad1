"""The explorer's body chart that a patient or physiotherapist paints on: the back and the
front side by side, each zone lit in its pain types' colours (:mod:`.pain_chart_drawing`).

A press or a drag with the left button paints the zones under the pointer with the current tool
(the brush adds the chosen pain type, the eraser removes it, or every type when "all types" is
chosen); hovering outlines the zone and names it. What is painted lives in the scene state's
:class:`~viewer.scene.pain_painting.PainPainting`, which this widget follows.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..scene.pain_painting import PainPainting
from ..scene.pain_zones import ZoneKey, ZoneMap
from ..vocabulary import ChartView
from .body_chart import CHART_TITLES, FIGURE_ORDER
from .pain_chart_drawing import draw_chart, figure_rect, figure_renderer


class PaintedFigure(QWidget):
    """One figure (back or front) taking strokes; ``zone_touched(ZoneKey)`` on each new zone a
    stroke reaches."""

    zone_touched = Signal(object)

    def __init__(
        self, chart_view: ChartView, zone_map: ZoneMap, painting: PainPainting, parent=None
    ):
        super().__init__(parent)
        self.chart_view = chart_view
        self.setObjectName(f"pain_figure_{chart_view}")
        self.zone_map = zone_map
        self.painting = painting
        self.renderer = figure_renderer(chart_view)
        self.hovered: ZoneKey | None = None
        self._stroke: set[ZoneKey] = set()
        self.voice = "student"
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(110, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(170, 300)

    def figure_point(self, pos: QPointF) -> tuple[float, float]:
        """Widget coordinates -> the figure's own (its SVG viewBox)."""
        rect = figure_rect(self.renderer, self.size())
        box = self.renderer.viewBoxF()
        return (
            box.x() + (pos.x() - rect.x()) * box.width() / rect.width(),
            box.y() + (pos.y() - rect.y()) * box.height() / rect.height(),
        )

    def widget_point(self, x: float, y: float) -> QPointF:
        """The figure's point (x, y) in widget coordinates (for tests and scripts)."""
        rect = figure_rect(self.renderer, self.size())
        box = self.renderer.viewBoxF()
        return QPointF(
            rect.x() + (x - box.x()) * rect.width() / box.width(),
            rect.y() + (y - box.y()) * rect.height() / box.height(),
        )

    def zone_at(self, pos: QPointF) -> ZoneKey | None:
        return self.zone_map.zone_at(self.chart_view, *self.figure_point(pos))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        rect = figure_rect(self.renderer, self.size())
        draw_chart(
            p, rect, self.renderer, self.zone_map, self.painting, self.chart_view, self.hovered
        )
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._stroke = set()
            self._touch(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._touch(event.position())
        self._hover(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        self._stroke = set()

    def leaveEvent(self, _event) -> None:  # noqa: N802 - Qt API
        self.hovered = None
        self.update()

    def _touch(self, pos: QPointF) -> None:
        key = self.zone_at(pos)
        if key is not None and key not in self._stroke:
            self._stroke.add(key)
            self.zone_touched.emit(key)

    def _hover(self, pos: QPointF) -> None:
        key = self.zone_at(pos)
        if key != self.hovered:
            self.hovered = key
            name = self.zone_map.name(key.zone, self.voice) if key else ""
            self.setToolTip(f"{name} ({key.side})" if key else "")
            self.update()


class PainChart(QWidget):
    """The back and the front figures; ``zone_touched(ZoneKey)`` from either."""

    zone_touched = Signal(object)

    def __init__(self, zone_map: ZoneMap, painting: PainPainting, parent=None):
        super().__init__(parent)
        self.setObjectName("pain_chart")
        self.figures: dict[ChartView, PaintedFigure] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for view in FIGURE_ORDER:
            column = QVBoxLayout()
            label = QLabel(f"<b>{CHART_TITLES[view]}</b>")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figure = PaintedFigure(view, zone_map, painting, self)
            figure.zone_touched.connect(self.zone_touched)
            self.figures[view] = figure
            column.addWidget(label)
            column.addWidget(figure, 1)
            row.addLayout(column, 1)
        painting.events.painting.connect(lambda _e: self.refresh())

    def refresh(self) -> None:
        for f in self.figures.values():
            f.update()

    def set_voice(self, voice: str) -> None:
        for f in self.figures.values():
            f.voice = voice
