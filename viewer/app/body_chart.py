"""The 2D body chart beside the scene: where S1 pain is felt, front and back (anatomapa).

It follows the scene state's focus: a focus whose nerve route is lit fills in that route's areas.
"""

from __future__ import annotations

import logging
import re

import numpy as np
from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..render import colours
from ..scene.events import Event
from ..scene.state import SceneState
from ..vocabulary import CHART_VIEWS

log = logging.getLogger(__name__)
CHART_TITLES = {"anterior": "Front", "posterior": "Back"}


def chart_svgs(content, path_id: str) -> dict[str, str]:
    """SVG of the anterior and posterior body charts with the path's S1 regions filled in the
    pain-area colour (one value for all: anatomapa paints it with its scale's first colour, which
    is swapped for ours, and its value legend, meaningless here, is left out)."""
    import anatomapa
    from anatomapa.color.registry import get_colormap

    path = content.path(path_id)
    r, g, b = get_colormap("thermal").color_at(0.0)[:3]
    first = f"#{int(r):02x}{int(g):02x}{int(b):02x}"
    pain = next(
        (content.structures[i].colour for i in path.pain_areas if i in content.structures),
        colours.FALLBACK["conditions"],
    )
    out: dict[str, str] = {}
    for view in CHART_VIEWS:
        values = {r.chart_region: 1.0 for r in path.body_regions if r.chart_view == view}
        fig = anatomapa.heatmap(
            values, view=view, lang="en", background="transparent", on_unknown="skip"
        )
        # Qt's SVG renderer draws no SVG filters: use the filter-free variant when there is one
        raster = getattr(fig, "_svg_for_raster", None)
        svg = raster() if callable(raster) else fig.to_svg()
        svg = _recolour(svg, first, pain)
        legend = svg.find('<rect id="legend-bar"')
        if legend >= 0:
            svg = svg[:legend] + "</svg>"
            m = re.search(r'<rect id="legend-bar" x="([0-9.]+)"', fig.to_svg())
            if m:
                svg = _narrowed(svg, float(m.group(1)) - 8)
        out[view] = svg
    return out


def _narrowed(svg: str, width: float) -> str:
    """``svg`` with its view box cut to ``width`` (the legend's column left out)."""

    def box(v: re.Match) -> str:
        return f'viewBox="0 0 {width:.1f} {v.group(2)}"'

    return re.sub(r'viewBox="0(?:\.0)? 0(?:\.0)? ([0-9.]+) ([0-9.]+)"', box, svg, count=1)


def _rgb(h: str) -> tuple[int, int, int]:
    r, g, b = (int(h[i : i + 2], 16) for i in (1, 3, 5))
    return (r, g, b)


def _recolour(svg: str, old: str, new: str, body: str = "#9aa0a6") -> str:
    """Swap ``old`` for ``new`` in ``svg``, blends of ``old`` into the grey body included."""
    o, n, b = (np.array(_rgb(c), float) for c in (old, new, body))
    axis = b - o

    def swap(m: re.Match) -> str:
        c = np.array(_rgb(m.group(0)), float)
        t = float(np.clip(np.dot(c - o, axis) / np.dot(axis, axis), 0.0, 1.0))
        if np.linalg.norm(o + t * axis - c) > 6 or t > 0.98:
            return m.group(0)  # not one of the blends
        r, g, b_ = (int(round(v)) for v in n + t * (b - n))
        return f"#{r:02x}{g:02x}{b_:02x}"

    return re.sub(r"#[0-9a-fA-F]{6}\b", swap, svg)


class _SvgView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def load(self, svg: str) -> bool:
        ok = self.renderer.load(QByteArray(svg.encode("utf-8")))
        self.update()
        return ok

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(160, 320)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        if not self.renderer.isValid():
            return
        p = QPainter(self)
        size = self.renderer.defaultSize().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        self.renderer.render(p, QRectF(x, y, size.width(), size.height()))
        p.end()


class BodyChart(QWidget):
    """Front and back body outlines with the S1 areas of one side filled in."""

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("body_chart")
        self.content = content
        self.path_id: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.views: dict[str, _SvgView] = {v: _SvgView(self) for v in CHART_VIEWS}
        for v in CHART_VIEWS:
            title = QLabel(f"<b>{CHART_TITLES[v]}</b>")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lay.addWidget(title)
            lay.addWidget(self.views[v], 1)
        state.events.focus.connect(self._on_focus)

    def _on_focus(self, event: Event) -> None:
        focus = event.value
        if focus is not None and focus.route is not None:
            self.show_path(focus.route)

    def show_path(self, path_id: str) -> None:
        if path_id == self.path_id:
            return
        path = self.content.path(path_id)
        for view, svg in chart_svgs(self.content, path_id).items():
            if not self.views[view].load(svg):
                log.warning("body chart: could not draw the %s view", view)
        names = ", ".join(dict.fromkeys(r.name for r in path.body_regions))
        self.caption.setText(f"Where S1 ({path.side}) pain can be felt: {names}")
        self.path_id = path_id
