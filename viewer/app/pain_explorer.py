"""The "Where does it hurt?" explorer: paint the pain on the body chart (or the 3D skin), see which
structures of this model can send pain there, and open each one's story in one click.

- tools: the brush or the eraser; the pain type (ache, sharp, pins and needles, numbness; the
  eraser can take every type at once); "Clear"; and "Paint on the 3D skin", which lets a stroke
  on the 3D view paint the skin (:mod:`.pain_skin_brush`);
- the chart (:class:`.pain_chart.PainChart`), back and front;
- the ranked list (:func:`viewer.scene.pain_explorer.ranked_sources`): each row the source's name
  in the state's voice, its side, how well it matches, the painted places it explains and a
  "Show me" button that emits ``story_requested(story_id, side)``;
- always, the plain line that this is teaching, not diagnosis.

The painting is the scene state's (``state.pain_painting``); nothing here is stored.
"""

from __future__ import annotations

import html

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..scene.pain_explorer import NOT_DIAGNOSIS, SideSource, ranked_sources, source_title
from ..scene.pain_painting import PAIN_TYPE_NAMES, PAIN_TYPES, PainPainting
from ..scene.pain_zones import ZoneKey, ZoneMap
from ..scene.state import SceneState
from .pain_chart import PainChart
from .pain_chart_drawing import PAIN_STYLES

#: the eraser's extra choice: every pain type at once
ALL_TYPES = "all"
#: the chart never shrinks below this (the list scrolls instead)
CHART_MIN_HEIGHT = 300
#: at most this many sources are listed (there are six)
MAX_ROWS = 8
HEADINGS = {"student": "Where does it hurt?", "patient": "Where do you feel it?"}
EMPTY_TEXT = {
    "student": "Paint where the pain is felt: the list shows what in this model can cause it.",
    "patient": "Colour in where you feel it. The list shows what in this model can cause pain "
    "there.",
}


def match_words(score: float) -> str:
    """How well a source matches, in words."""
    if score >= 0.5:
        return "strong match"
    if score >= 0.25:
        return "partial match"
    return "weak match"


class PainExplorer(QWidget):
    """See the module. For tests and scripts: ``chart``, ``tool_buttons`` (brush, eraser),
    ``type_buttons`` (pain type -> button), ``skin_toggle``, ``clear_button``, ``rows`` (the
    listed :class:`SideSource` entries), ``show_buttons`` (one per row), ``disclaimer``."""

    story_requested = Signal(str, str)
    skin_painting_toggled = Signal(bool)

    def __init__(self, content, state: SceneState, zone_map: ZoneMap, parent=None):
        super().__init__(parent)
        self.setObjectName("pain_explorer")
        self.content = content
        self.scene_state = state
        self.painting: PainPainting = state.pain_painting
        self.zone_map = zone_map
        self.rows: list[SideSource] = []
        #: list only this side's sources (patient mode's side; None: both)
        self.only_side: str | None = None
        self.show_buttons: list[QPushButton] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel()
        self.heading.setObjectName("pain_explorer_heading")
        lay.addWidget(self.heading)
        lay.addLayout(self._tools())
        self.chart = PainChart(zone_map, self.painting, self)
        self.chart.zone_touched.connect(self.apply_tool)
        self.chart.setMinimumHeight(CHART_MIN_HEIGHT)
        lay.addWidget(self.chart, 3)
        self.list_box = QFrame(self)
        self.list_box.setObjectName("pain_sources")
        self.list_layout = QGridLayout(self.list_box)
        self.list_layout.setContentsMargins(0, 4, 0, 4)
        lay.addWidget(self.list_box)
        self.disclaimer = QLabel(NOT_DIAGNOSIS)
        self.disclaimer.setObjectName("pain_not_diagnosis")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setStyleSheet("color: #5a2a00; font-style: italic;")
        lay.addWidget(self.disclaimer)
        self.painting.events.painting.connect(self._on_painting)
        state.events.voice.connect(self._on_voice)
        self._on_voice()

    # -- tools ---------------------------------------------------------------------------------
    def _tools(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QHBoxLayout()
        self.tool_group = QButtonGroup(self)
        self.tool_buttons: dict[str, QToolButton] = {}
        for name, text in (("brush", "Brush"), ("eraser", "Eraser")):
            b = QToolButton(self)
            b.setObjectName(f"pain_tool_{name}")
            b.setText(text)
            b.setCheckable(True)
            self.tool_group.addButton(b)
            self.tool_buttons[name] = b
            row.addWidget(b)
        self.tool_buttons["brush"].setChecked(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("pain_clear")
        self.clear_button.setText("Clear")
        self.clear_button.clicked.connect(self.painting.clear)
        row.addWidget(self.clear_button)
        self.skin_toggle = QToolButton(self)
        self.skin_toggle.setObjectName("pain_on_skin")
        self.skin_toggle.setText("Paint on the 3D skin")
        self.skin_toggle.setCheckable(True)
        self.skin_toggle.toggled.connect(self.skin_painting_toggled)
        row.addWidget(self.skin_toggle)
        row.addStretch(1)
        box.addLayout(row)
        types = QGridLayout()
        self.type_group = QButtonGroup(self)
        self.type_buttons: dict[str, QToolButton] = {}
        for kind in (*PAIN_TYPES, ALL_TYPES):
            b = QToolButton(self)
            b.setObjectName(f"pain_type_{kind}")
            b.setCheckable(True)
            if kind == ALL_TYPES:
                b.setText("All types (eraser)")
            else:
                b.setText(PAIN_TYPE_NAMES[kind])
                b.setStyleSheet(
                    f"QToolButton {{ border-left: 8px solid {PAIN_STYLES[kind].colour}; "
                    "padding: 2px 6px; } QToolButton:checked { background: #dde6ee; }"
                )
            self.type_group.addButton(b)
            self.type_buttons[kind] = b
            n = len(self.type_buttons) - 1
            types.addWidget(b, n // 3, n % 3)
        self.type_buttons["ache"].setChecked(True)
        box.addLayout(types)
        return box

    @property
    def tool(self) -> str:
        return "eraser" if self.tool_buttons["eraser"].isChecked() else "brush"

    @property
    def pain_type(self) -> str:
        return next((k for k, b in self.type_buttons.items() if b.isChecked()), "ache")

    def choose(self, tool: str | None = None, pain_type: str | None = None) -> None:
        """Pick a tool (``"brush"`` or ``"eraser"``) and/or a pain type, as the buttons do."""
        if tool is not None:
            self.tool_buttons[tool].setChecked(True)
        if pain_type is not None:
            self.type_buttons[pain_type].setChecked(True)

    def apply_tool(self, key: ZoneKey) -> None:
        """Paint or erase ``key`` with the current tool and pain type."""
        kind = self.pain_type
        if self.tool == "eraser":
            self.painting.erase(key, None if kind == ALL_TYPES else kind)
        elif kind != ALL_TYPES:
            self.painting.brush(key, kind)

    # -- the list ------------------------------------------------------------------------------
    def _on_painting(self, _event=None) -> None:
        if shiboken6.isValid(self):
            self.refresh()

    def _on_voice(self, _event=None) -> None:
        if not shiboken6.isValid(self):
            return
        voice = self.scene_state.voice
        self.heading.setText(f"<h2 style='margin: 0;'>{HEADINGS[voice]}</h2>")
        self.chart.set_voice(voice)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the ranked list from the painting."""
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the next frame, deleted when Qt gets round to it
                widget.deleteLater()
        ranked = ranked_sources(self.content, self.painting)
        self.rows = [r for r in ranked if self.only_side in (None, r.side)][:MAX_ROWS]
        self.show_buttons = []
        voice = self.scene_state.voice
        if not self.rows:
            empty = QLabel(EMPTY_TEXT[voice])
            empty.setObjectName("pain_sources_empty")
            empty.setWordWrap(True)
            self.list_layout.addWidget(empty, 0, 0, 1, 2)
            return
        intro = QLabel("<b>What in this model can cause pain there, best match first:</b>")
        intro.setWordWrap(True)
        self.list_layout.addWidget(intro, 0, 0, 1, 2)
        for n, row in enumerate(self.rows, start=1):
            places = ", ".join(self.zone_map.name(z, voice).lower() for z in row.ranked.matched[:4])
            text = (
                f"<b>{n}. {html.escape(source_title(self.content, row.id, voice))}</b>, "
                f"{row.side} side<br><span style='color: #4a5560;'>"
                f"{match_words(row.score)} ({row.score:.0%}): {html.escape(places)}</span>"
            )
            label = QLabel(text)
            label.setWordWrap(True)
            label.setObjectName(f"pain_source_{row.id}_{row.side}")
            button = QPushButton("Show me")
            button.setObjectName(f"show_me_{row.id}_{row.side}")
            button.setEnabled(row.story is not None)
            story, side = row.story, row.side
            button.clicked.connect(lambda _=False, s=story, d=side: self._show(s, d))
            self.show_buttons.append(button)
            self.list_layout.addWidget(label, n, 0)
            self.list_layout.addWidget(button, n, 1, Qt.AlignmentFlag.AlignTop)

    def set_only_side(self, side: str | None) -> None:
        """List only ``side``'s sources (None: both sides')."""
        if side != self.only_side:
            self.only_side = side
            self.refresh()

    def _show(self, story: str | None, side: str) -> None:
        if story is not None:
            self.story_requested.emit(story, side)
