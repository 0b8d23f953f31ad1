"""The teaching controller: condition stories, the S1 nerve paths and the article.

Each puts a focus in the scene state (which the model, the info panel, the story list, the
article panel and the body chart follow), moves the camera to what it shows and says so in the
status bar. A story or path is told on either side of the body (``set_side`` tells the one in
focus on the other). It also runs the pulse along a lit nerve route.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from ..render.assembly import ModelScene
from ..scene.article import article_focus, section_structures, topic_structures
from ..scene.camera import CameraPose, frame
from ..scene.events import Event
from ..scene.focus import path_on_side
from ..vocabulary import Side
from .article_panel import ArticlePanel
from .render_loop import LONGEST_MOVE_MS, RenderLoop
from .slots import SlotErrors, reported

PULSE_PERIOD_S = 2.4  # one trip of the pulse along the S1 path
PULSE_TICK_MS = 50
#: how long the camera takes to reach a story, a path or an article entry: the render loop's
#: longest move. A story switch or an article step must reach its finished frame in about 300 ms
#: (issue 10), so a longer glide would be cut to this anyway; where frames are fast (a GPU: ~9
#: frames in 150 ms) the glide is smooth, and where they are too slow to show one in
#: ``MIN_MOVE_FRAMES`` frames (2 cores, software OpenGL) the camera goes straight there rather
#: than stutter through two or three frames
FOCUS_MOVE_MS = LONGEST_MOVE_MS


class TeachingController(QObject):
    """Shows stories, paths and article entries on ``scene``; ``pulse_paused_changed`` tells the
    pause button."""

    pulse_paused_changed = Signal(bool)

    def __init__(
        self,
        scene: ModelScene,
        loop: RenderLoop,
        article_panel: ArticlePanel,
        docks: dict[str, QDockWidget],
        status: Callable[[str], None],
        slot_errors: SlotErrors,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.scene = scene
        self.content = scene.content
        self.state = scene.state
        self.loop = loop
        self.article_panel = article_panel
        self.docks = docks
        self.status = status
        self.slot_errors = slot_errors
        self.pulse_paused = False
        #: whether a story or path in focus opens the body chart (not while presenting: the view
        #: is alone with its caption there)
        self.chart_follows_focus = True
        #: what the user had before the first story, path or article entry: the camera and
        #: whether the body chart showed (put back when it ends)
        self._before: tuple[CameraPose, bool] | None = None
        self._pulse_t0 = time.perf_counter()
        self._pulse_timer = QTimer(self)
        self._pulse_timer.setInterval(PULSE_TICK_MS)
        self._pulse_timer.timeout.connect(self.pulse_step)
        self.state.events.focus.connect(self._on_focus)

    # -- stories and the S1 path ---------------------------------------------------------------
    def show_story(self, story_id: str, side: Side | None = None) -> None:
        """Light a condition story told on ``side`` (default: its own), show its condition shapes
        and skin patches, and go to its camera."""
        self._remember()
        self.state.select(None)
        self.loop.move_camera(self.scene.focus_story(story_id, side), FOCUS_MOVE_MS)
        story = self.content.story(story_id)
        title = story.patient_title if self.state.voice == "patient" else story.title
        told = self.state.focus.side if self.state.focus is not None else story.side
        self.status(f"{title}, {told} side")

    def show_path(self, path_id: str, side: Side | None = None) -> None:
        """Light an S1 nerve route (the one on ``side``, if given) with its pulse, the skin and
        its pain patterns' skin patches, from behind."""
        if side is not None:
            path_id = path_on_side(self.content, path_id, side)
        self._remember()
        self.state.select(None)
        self._pulse_t0 = time.perf_counter()
        self.loop.move_camera(self.scene.focus_path(path_id), FOCUS_MOVE_MS)
        side = self.content.path(path_id).side
        self.status(f"S1 nerve path, {side} side (Space pauses the pulse)")

    def set_side(self, side: Side) -> None:
        """Tell the story or path in focus on ``side`` (nothing else changes)."""
        focus = self.state.focus
        if focus is None or focus.side == side:
            return
        if focus.kind == "story":
            self.show_story(focus.key, side)
        elif focus.kind == "path":
            self.show_path(focus.key, side)

    def _remember(self) -> None:
        """Keep what the user had, when nothing is in focus yet."""
        if self.state.focus is None:
            self._before = (self.scene.renderer.camera_pose(), self.docks["chart"].isVisible())

    def clear(self) -> None:
        """End the story, path or article entry in focus, and clear what it set: the camera goes
        back to where the user had it, the body chart as it was, the status bar empty."""
        had = self.state.focus is not None
        self.state.set_focus(None)
        before, self._before = self._before, None
        if before is not None:
            pose, chart = before
            self.docks["chart"].setVisible(chart)
            if not self.loop.stopped:
                self.loop.move_camera(pose, FOCUS_MOVE_MS)
        if had:
            self.status("")

    # -- the article: its sections and topics, read in the info panel, lit in the model ---------
    def focus_article(self) -> None:
        dock = self.docks["article"]
        dock.show()
        dock.raise_()
        self.article_panel.setFocus()

    def show_section(self, section_id: str) -> None:
        ids = section_structures(self.content, section_id)
        self._show_article("section", section_id, ids, self.content.section(section_id).title)

    def show_topic(self, topic_id: str) -> None:
        ids = topic_structures(self.content, topic_id)
        self._show_article("topic", topic_id, ids, self.content.topic(topic_id).title)

    def step_section(self, step: int) -> None:
        """The next (or previous) section in the article's order: the seed of the guided tour."""
        self.docks["article"].show()
        self.article_panel.step(step)

    def _show_article(
        self, kind: Literal["section", "topic"], key: str, ids: Sequence[str], title: str
    ) -> None:
        """Light the structures a section or topic names (dimming the rest) and frame them;
        nothing is lit when it names none."""
        self._remember()
        self.state.select(None)
        focus = article_focus(kind, key, ids, self.state.ids)
        self.state.set_focus(focus)
        if focus.lit:
            renderer = self.scene.renderer
            pose = frame(renderer.camera_pose(), renderer.bounds(sorted(focus.lit)))
            self.loop.move_camera(pose, FOCUS_MOVE_MS)
        self.status(f"{title} (Alt+Right: next section of the article)")

    # -- the pulse along a lit route -------------------------------------------------------------
    def _on_focus(self, event: Event) -> None:
        focus = event.value
        if focus is not None and focus.kind in ("story", "path") and self.chart_follows_focus:
            self.docks["chart"].show()  # where its pain is felt
        self._update_pulse_timer()

    def _update_pulse_timer(self) -> None:
        if self.scene.glows.pulsing and not self.pulse_paused:
            self._pulse_timer.start()
        else:
            self._pulse_timer.stop()

    @property
    def pulsing(self) -> bool:
        """Whether the pulse is travelling now."""
        return self._pulse_timer.isActive()

    def set_pulse_paused(self, paused: bool) -> None:
        if bool(paused) != self.pulse_paused:
            self.pulse_paused = bool(paused)
            self._update_pulse_timer()
            self.pulse_paused_changed.emit(self.pulse_paused)

    @reported
    def pulse_step(self) -> None:
        """One tick of the pulse: it moves on along the route, and the frame is drawn."""
        if self.loop.stopped:
            return
        phase = ((time.perf_counter() - self._pulse_t0) / PULSE_PERIOD_S) % 1.0
        self.scene.glows.set_pulse(phase)
        if not self.loop.camera_moving:
            self.loop.render_now()

    def stop(self) -> None:
        self._pulse_timer.stop()
