"""The 2D body chart beside the scene (the "Pain map" dock): where the pain of the story or path
in focus is felt, back and front (anatomapa's outlines).

It follows the scene state: the focus gives the patterns (:func:`viewer.scene.pain_map.pain_map`)
and the voice their names. Its title says which side it shows, L and R mark the patient's sides on
both figures, a legend names each pattern (radicular pain, dermatome or referred pain) and says
how usual and occasional areas and comparison patterns are drawn (:mod:`.chart_drawing`). With no
story or path in focus, or one without a pattern, it shows the bare figures.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..scene.events import Event
from ..scene.pain_map import PainMap, pain_map
from ..scene.state import SceneState, Voice
from ..vocabulary import CHART_VIEWS, ChartView
from .chart_drawing import chart_svg, pattern_colours
from .plain_text import tooltip

log = logging.getLogger(__name__)
#: the smallest a figure is drawn (the legend must not squeeze it out of sight)
FIGURE_MIN_SIZE = QSize(90, 190)
CHART_TITLES: dict[ChartView, str] = {
    "posterior": "Back (seen from behind)",
    "anterior": "Front (facing you)",
}
#: the figures in the order they are shown: the back first (where S1 pain is felt)
FIGURE_ORDER: tuple[ChartView, ...] = tuple(sorted(CHART_VIEWS, key=lambda v: v != "posterior"))
KEY_TEXT = {
    "student": (
        "Strong colour: where this pain is usual. Pale, dashed edge: where it is felt sometimes. "
        "Outline only: shown for comparison."
    ),
    "patient": (
        "Strong colour: where this pain is usually felt. Pale with a dashed edge: where some "
        "people feel it. Outline only: another cause, shown to compare."
    ),
}


def chart_title(pain: PainMap, voice: Voice) -> str:
    """The chart's heading: which side it shows, or that it shows nothing."""
    if pain.empty:
        return "No pain map: choose a story or an S1 nerve path"
    side = pain.side or "both"
    if voice == "patient":
        return f"Where it can hurt: your {side} side"
    return f"Pain map: the patient's {side} side"


def legend_html(pain: PainMap, voice: Voice) -> str:
    """One row per pattern (its colour or outline, and its name), then how the shading reads."""
    colours = pattern_colours(pain)
    rows = []
    for p in pain.patterns:
        c = colours[p.id]
        swatch = (
            f"<td style='border: 3px solid {c}; width: 18px;'>&nbsp;</td>"
            if p.compare
            else f"<td style='background-color: {c}; width: 18px;'>&nbsp;</td>"
        )
        rows.append(f"<tr>{swatch}<td>&nbsp;{html.escape(p.title(voice))}</td></tr>")
    if not rows:
        return ""
    return (
        f"<table cellspacing='3'>{''.join(rows)}</table>"
        f"<p style='color: #4a5560; font-size: 9pt;'>{html.escape(KEY_TEXT[voice])}</p>"
    )


def regions_text(pain: PainMap, voice: Voice) -> str:
    """Where each pattern is felt, in words: usual areas, then the occasional ones."""
    lines = []
    for p in pain.patterns:
        regions = [r for r in pain.regions if r.pattern == p.id]
        usual = list(dict.fromkeys(r.name for r in regions if r.frequency == "usual"))
        some = [
            n[:1].lower() + n[1:]
            for n in dict.fromkeys(r.name for r in regions if r.frequency != "usual")
            if n not in usual
        ]
        usual = usual[:1] + [n[:1].lower() + n[1:] for n in usual[1:]]
        text = ", ".join(usual)
        if some:
            text += ("; sometimes " if voice == "student" else "; for some people ") + ", ".join(
                some
            )
        lines.append(f"<b>{html.escape(p.title(voice))}</b>: {html.escape(text)}")
    return "<br>".join(lines)


class _SvgView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(FIGURE_MIN_SIZE)

    def load(self, svg: str) -> bool:
        ok = self.renderer.load(QByteArray(svg.encode("utf-8")))
        self.update()
        return ok

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(140, 240)

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
    """Back and front body outlines with the pain patterns of the focus shaded (see the module).

    For tests and scripts: ``pain_map`` (what is drawn), ``svgs`` (view -> the SVG drawn),
    ``title`` and ``legend`` (labels), ``views`` (view -> the SVG widget, whose tooltip says
    where each pattern is felt, in words)."""

    def __init__(self, content, state: SceneState, parent=None):
        super().__init__(parent)
        self.setObjectName("body_chart")
        self.content = content
        self.scene_state = state
        self.pain_map = PainMap(None)
        self.svgs: dict[ChartView, str] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel()
        self.title.setObjectName("chart_title")
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.views: dict[ChartView, _SvgView] = {v: _SvgView(self) for v in CHART_VIEWS}
        figures = QHBoxLayout()
        for v in FIGURE_ORDER:  # side by side: the back, then the front
            column = QVBoxLayout()
            label = QLabel(f"<b>{CHART_TITLES[v]}</b>")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
            column.addWidget(self.views[v], 1)
            figures.addLayout(column, 1)
        lay.addLayout(figures, 1)
        self.legend = QLabel()
        self.legend.setObjectName("chart_legend")
        self.legend.setWordWrap(True)
        lay.addWidget(self.legend)
        state.events.focus.connect(self._follow_state)
        state.events.voice.connect(self._follow_state)
        self._follow_state()

    def _follow_state(self, _event: Event | None = None) -> None:
        self.show_map(pain_map(self.content, self.scene_state.focus))

    def show_map(self, pain: PainMap) -> None:
        """Draw ``pain`` (redrawing the figures only when it changed) in the state's voice."""
        if pain != self.pain_map or not self.svgs:
            self.pain_map = pain
            for view in CHART_VIEWS:
                svg = chart_svg(pain, view)
                self.svgs[view] = svg
                if not self.views[view].load(svg):
                    log.warning("body chart: could not draw the %s view", view)
        voice = self.scene_state.voice
        self.title.setText(f"<b>{html.escape(chart_title(pain, voice))}</b>")
        self.legend.setText(legend_html(pain, voice))
        self.legend.setVisible(not pain.empty)
        words = regions_text(pain, voice)
        for figure in self.views.values():
            figure.setToolTip(tooltip(words))
