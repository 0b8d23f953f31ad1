"""Playing a guided tour in presentation mode (``window.tour_player``).

The player plugs itself into :class:`~viewer.app.presentation.Presentation` as its stepper:
PageDown / Right go to the next step, PageUp / Left back, Home / End to the first and last. Each
step's scene is put in the window with the camera gliding to it, and its caption (title, text,
"3 / 9") shows in the caption bar under the 3D view, in the voice the presenter has chosen (V).
The presenter's voice and text size stay as they are: they belong to the room, not the step.
Leaving presentation mode (Esc) ends the tour.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget

from ..scene.tour import Tour, TourStep

if TYPE_CHECKING:
    from .main_window import MainWindow


class TourPlayer(QObject):
    """Shows a tour's steps one by one (a presentation stepper: next, previous, first, last)."""

    #: the step shown (its index), after each move
    step_shown = Signal(int)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.tour: Tour | None = None
        self.index = -1
        window.presentation.active_changed.connect(window.slot_errors.guard(self._on_mode))
        window.state.events.voice.connect(lambda _e: self.write_caption())

    @property
    def playing(self) -> bool:
        return self.tour is not None

    @property
    def step(self) -> TourStep | None:
        if self.tour is None or not 0 <= self.index < len(self.tour.steps):
            return None
        return self.tour.steps[self.index]

    def play(self, tour: Tour, start: int = 0) -> None:
        """Enter presentation mode and show step ``start`` (from 0) of ``tour``."""
        if not tour.steps:
            raise ValueError("the tour has no steps")
        self.tour = tour
        p = self.window.presentation
        p.set_stepper(self)
        p.enter()
        self.go(start, glide=False)

    def stop(self) -> None:
        """End the tour and leave presentation mode."""
        if self.tour is None:
            return
        self.tour, self.index = None, -1
        p = self.window.presentation
        p.set_stepper(None)
        p.leave()

    def _on_mode(self, active: bool) -> None:
        if not active and self.tour is not None:
            self.tour, self.index = None, -1
            self.window.presentation.set_stepper(None)

    def go(self, index: int, glide: bool = True) -> None:
        """Show step ``index`` (clamped to the tour), the camera gliding there."""
        if self.tour is None:
            return
        index = max(0, min(index, len(self.tour.steps) - 1))
        self.index = index
        step = self.tour.steps[index]
        w = self.window
        scene = replace(step.scene, voice=w.state.voice, text_scale=w.text_size.factor)
        w.scene_files.apply(w.scene_files.known_scene(scene), glide=glide)
        if w.presentation.active:  # the 3D view alone: a story's step must not bring docks back
            for dock in w.findChildren(QDockWidget):
                if dock is not w.presentation.caption_dock:
                    dock.hide()
        self.write_caption()
        self.step_shown.emit(index)

    def write_caption(self) -> None:
        step = self.step
        if step is None or self.tour is None:
            return
        w = self.window
        voice = w.state.voice
        w.presentation.set_caption(
            step.caption_title(voice),
            step.caption_text(voice),
            f"{self.index + 1} / {len(self.tour.steps)}",
        )
        # the caption's band as tall as its text needs at the view's width, never clipped
        bar, dock = w.presentation.caption_bar, w.presentation.caption_dock
        layout = bar.layout()
        if dock.isVisible() and layout is not None:
            height = layout.totalHeightForWidth(max(200, w.width()))
            w.resizeDocks([dock], [max(height, bar.sizeHint().height())], Qt.Orientation.Vertical)

    # -- the presentation stepper ------------------------------------------------------------
    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def first(self) -> None:
        self.go(0)

    def last(self) -> None:
        if self.tour is not None:
            self.go(len(self.tour.steps) - 1)
