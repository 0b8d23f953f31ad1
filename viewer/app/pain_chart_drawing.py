"""Drawing a painted pain map on the body chart with QPainter: the figure (anatomapa's outline with
L and R, :func:`viewer.app.chart_drawing.chart_svg`), every zone's faint outline (so a patient
sees where a stroke lands), and each painted zone filled in its pain types' colours and patterns.

Each pain type has a colour and a pattern (:data:`PAIN_STYLES`), so a printed black-and-white
handout still tells ache (solid) from sharp (diagonal lines), pins and needles (dots) and
numbness (cross-hatched). Used by the explorer's chart and by the handout.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtSvg import QSvgRenderer

from ..scene.pain_map import PainMap
from ..scene.pain_painting import PAIN_TYPES, PainPainting
from ..scene.pain_zones import ZoneKey, ZoneMap, ZonePatch
from ..vocabulary import ChartView
from .chart_drawing import chart_svg


@dataclass(frozen=True)
class PainStyle:
    colour: str
    pattern: Qt.BrushStyle


PAIN_STYLES: dict[str, PainStyle] = {
    "ache": PainStyle("#d1343f", Qt.BrushStyle.SolidPattern),
    "sharp": PainStyle("#e07b00", Qt.BrushStyle.BDiagPattern),
    "pins_and_needles": PainStyle("#6a3fb5", Qt.BrushStyle.Dense5Pattern),
    "numbness": PainStyle("#1f6fb2", Qt.BrushStyle.DiagCrossPattern),
}
#: the faint outline of an unpainted zone, and the edge of a painted one
ZONE_EDGE = QColor(60, 70, 80, 70)
PAINTED_EDGE = QColor(30, 30, 40, 220)
HOVER_EDGE = QColor(0, 0, 0, 255)


def figure_renderer(chart_view: ChartView) -> QSvgRenderer:
    """The bare figure with L and R marks (no pattern shaded)."""
    return QSvgRenderer(QByteArray(chart_svg(PainMap(None), chart_view).encode("utf-8")))


def figure_rect(renderer: QSvgRenderer, size: QSize) -> QRectF:
    """Where the figure is drawn in a ``size`` area: as large as fits, centred."""
    fitted = renderer.defaultSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    x = (size.width() - fitted.width()) / 2
    y = (size.height() - fitted.height()) / 2
    return QRectF(x, y, fitted.width(), fitted.height())


def _path(patch: ZonePatch) -> QPainterPath:
    path = QPainterPath()
    for poly in patch.polygons:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in poly]))
        path.closeSubpath()
    return path


def draw_chart(
    painter: QPainter,
    rect: QRectF,
    renderer: QSvgRenderer,
    zone_map: ZoneMap,
    painting: PainPainting,
    chart_view: ChartView,
    hovered: ZoneKey | None = None,
) -> None:
    """Draw the figure into ``rect`` with the painting on it (figure coordinates are the SVG's
    viewBox, scaled to ``rect``)."""
    renderer.render(painter, rect)
    box = renderer.viewBoxF()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(rect.topLeft())
    painter.scale(rect.width() / box.width(), rect.height() / box.height())
    painter.translate(-box.topLeft())
    marks = painting.marks()
    for patch in zone_map.patches_on(chart_view):
        path = _path(patch)
        types = marks.get(patch.key, {})
        for kind in PAIN_TYPES:
            if kind not in types:
                continue
            style = PAIN_STYLES[kind]
            colour = QColor(style.colour)
            solid = style.pattern == Qt.BrushStyle.SolidPattern
            colour.setAlphaF(0.25 + 0.5 * types[kind] if solid else 0.95)
            brush = QBrush(colour, style.pattern)
            painter.fillPath(path, brush)
        edge = HOVER_EDGE if patch.key == hovered else PAINTED_EDGE if types else ZONE_EDGE
        pen = QPen(edge, 2.2 if types or patch.key == hovered else 1.0)
        pen.setCosmetic(True)
        if patch.key == hovered:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.strokePath(path, pen)
    painter.restore()


def chart_image(
    zone_map: ZoneMap, painting: PainPainting, chart_view: ChartView, height: int
) -> QImage:
    """The painted chart for ``chart_view`` as an image ``height`` pixels tall (white ground)."""
    renderer = figure_renderer(chart_view)
    size = renderer.defaultSize().scaled(QSize(10_000, height), Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    draw_chart(
        painter, QRectF(0, 0, size.width(), size.height()), renderer, zone_map, painting, chart_view
    )
    painter.end()
    return image
