"""The render loop: when frames are drawn, how detailed they are, and the camera's moves.

- Scheduling: :meth:`RenderLoop.request_render` draws once after the current event is handled
  (many state events, one frame; none when something else, such as VTK ending a mouse gesture,
  has drawn meanwhile). pyvistaqt's widget runs with ``auto_update=False``: nothing renders
  unless asked.
- Level of detail: while the user turns the model, or the camera moves, frames draw the coarse
  copies without FXAA; the still frame after it draws the full meshes, smoothed. The coarse
  copies are made a few at a time after the first frame.
- Camera animation: :meth:`RenderLoop.move_camera` eases from the current pose to another.
"""

from __future__ import annotations

import functools
import time

from PySide6.QtCore import QObject, QTimer

from ..render.scene_renderer import SceneRenderer
from ..scene.camera import CameraPose, interpolate
from .scene_view import SceneView
from .slots import SlotErrors, reported

CAMERA_MOVE_MS = 300
CAMERA_TICK_MS = 16
#: coarse copies made per idle step after the first frame
COARSE_PER_STEP = 3


class RenderLoop(QObject):
    """Draws ``view``'s frames for ``renderer``; ``stop()`` ends it (idempotent)."""

    def __init__(self, view: SceneView, renderer: SceneRenderer, slot_errors: SlotErrors):
        super().__init__(view)
        self.view = view
        self.renderer = renderer
        self.slot_errors = slot_errors
        self.stopped = False
        self.frames = 0
        self._render_pending = False
        self._coarse_timer = QTimer(self)
        self._coarse_timer.setInterval(0)
        self._coarse_timer.timeout.connect(self._prepare_coarse_step)
        self._camera_timer = QTimer(self)
        self._camera_timer.setInterval(CAMERA_TICK_MS)
        self._camera_timer.timeout.connect(self._camera_step)
        self._camera_move: tuple[CameraPose, CameraPose, float, float] | None = None
        ren_win = view.ren_win
        assert ren_win is not None, "the view has its render window from the start"
        ren_win.AddObserver("EndEvent", self._count_frame)
        # no multisampling (4x MSAA costs llvmpipe three times the frame); FXAA smooths the
        # edges of still frames and is switched off while the user turns the model
        view.renderer.SetUseFXAA(True)
        style = view.iren.interactor.GetInteractorStyle() if view.iren is not None else None
        if style is not None:
            # moving frames from the press on (VTK renders a drag's first step before it
            # announces the step); a plain click still costs one frame, drawn after the release
            style.AddObserver("StartInteractionEvent", lambda *_: self.set_smoothing(False))
            style.AddObserver("EndInteractionEvent", lambda *_: self.set_smoothing(True))

    # -- scheduling ----------------------------------------------------------------------------
    def request_render(self) -> None:
        """Render once the current event is handled."""
        if self._render_pending or self.stopped:
            return
        self._render_pending = True
        QTimer.singleShot(0, functools.partial(self._render_if_none_since, self.frames))

    def render_now(self) -> None:
        if not self.stopped:
            self.view.render()

    @reported
    def _render_if_none_since(self, frames_at_request: int) -> None:
        self._render_pending = False
        if self.frames == frames_at_request:
            self.render_now()

    def _count_frame(self, *_args) -> None:
        self.frames += 1
        if self.frames == 1:
            self._coarse_timer.start()

    # -- level of detail -----------------------------------------------------------------------
    def set_smoothing(self, on: bool) -> None:
        """Still frames: full meshes and FXAA; moving frames: coarse meshes, no FXAA."""
        if self.stopped or bool(self.view.renderer.GetUseFXAA()) == on:
            return
        self.view.renderer.SetUseFXAA(on)
        if not on:
            self.renderer.prepare_coarse()  # those not made yet (a drag in the first second)
        self.renderer.set_coarse(not on)
        if on:
            self.request_render()

    @reported
    def _prepare_coarse_step(self) -> None:
        """Make the coarse copies a few meshes at a time after the first frame, so that
        neither the start nor the user waits for them."""
        if self.stopped or self.renderer.prepare_coarse(limit=COARSE_PER_STEP):
            self._coarse_timer.stop()

    # -- the camera ----------------------------------------------------------------------------
    def apply_pose(self, pose: CameraPose) -> None:
        """Jump to ``pose`` (no animation)."""
        self._camera_timer.stop()
        self._camera_move = None
        self.set_smoothing(True)
        self.renderer.set_camera_pose(pose)
        self.request_render()

    def move_camera(self, target: CameraPose, duration_ms: int = CAMERA_MOVE_MS) -> None:
        """A short smooth move from the current pose to ``target``."""
        start = self.renderer.camera_pose()
        self._camera_move = (start, target, time.perf_counter(), duration_ms / 1000.0)
        self.set_smoothing(False)
        if not self._camera_timer.isActive():
            self._camera_timer.start()

    @property
    def camera_moving(self) -> bool:
        return self._camera_move is not None

    @reported
    def _camera_step(self) -> None:
        if self._camera_move is None or self.stopped:
            self._camera_timer.stop()
            return
        start, target, t0, duration = self._camera_move
        t = (time.perf_counter() - t0) / duration
        self.renderer.set_camera_pose(interpolate(start, target, t))
        if t >= 1.0:
            self._camera_move = None
            self._camera_timer.stop()
            self.set_smoothing(True)  # the last frame, still: full meshes, smoothed
        self.render_now()

    def stop(self) -> None:
        """No more frames, timers stopped."""
        self.stopped = True
        self._render_pending = False
        self._camera_move = None
        for timer in (self._camera_timer, self._coarse_timer):
            timer.stop()
