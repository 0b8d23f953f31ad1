"""The render loop: when frames are drawn, how detailed they are, and the camera's moves.

- Scheduling: :meth:`RenderLoop.request_render` draws once after the current event is handled
  (many state events, one frame; none when something else, such as VTK ending a mouse gesture,
  has drawn meanwhile). pyvistaqt's widget runs with ``auto_update=False``: nothing renders
  unless asked.
- Level of detail: while the user turns the model, or the camera moves, frames draw the coarse
  copies without FXAA; the still frame after it draws the full meshes, smoothed. The coarse
  copies are made a few at a time after the first frame.
- Camera animation: :meth:`RenderLoop.move_camera` eases from the current pose to another.
- The pulse: while only the travelling pulse has moved since the last full frame,
  :meth:`RenderLoop.render_now` draws it alone over that frame
  (:class:`~viewer.render.pulse_layer.PulseLayer`).
- A click: the frame that shows the new selection is drawn without edge smoothing (FXAA), and
  the smoothed one follows when nothing else happens for a moment.
"""

from __future__ import annotations

import functools
import time

from PySide6.QtCore import QObject, QTimer

from ..render.scene_renderer import SceneRenderer
from ..scene.camera import CameraPose, interpolate
from .scene_view import SceneView
from .slots import SlotErrors, reported

CAMERA_MOVE_MS = 150
#: no move lasts longer: under software rendering a move shows only a few frames anyway, and a
#: story switch or an article step must reach its finished (still, smoothed) frame in about
#: 300 ms (issue 10's aim); callers asking for longer moves get this
LONGEST_MOVE_MS = 150
#: a move needs this many frames to look like one: when moving frames take longer than the move
#: allows for that many, the camera goes straight to its target
MIN_MOVE_FRAMES = 6
#: the smoothed frame follows a click's quick one after this long without other frames
POLISH_MS = 250
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
        #: frames drawn (pulse frames too), and full frames (the scene's renderer drew)
        self.frames = 0
        self.full_frames = 0
        self._render_pending = False
        self._coarse_timer = QTimer(self)
        self._coarse_timer.setInterval(0)
        self._coarse_timer.timeout.connect(self._prepare_coarse_step)
        self._camera_timer = QTimer(self)
        self._camera_timer.setInterval(CAMERA_TICK_MS)
        self._camera_timer.timeout.connect(self._camera_step)
        self._camera_move: tuple[CameraPose, CameraPose, float, float] | None = None
        self._dirty = True  # something other than the pulse changed since the last full frame
        self._polish_timer = QTimer(self)
        self._polish_timer.setSingleShot(True)
        self._polish_timer.setInterval(POLISH_MS)
        self._polish_timer.timeout.connect(self._polish)
        ren_win = view.ren_win
        assert ren_win is not None, "the view has its render window from the start"
        ren_win.AddObserver("StartEvent", self._frame_started)
        ren_win.AddObserver("EndEvent", self._count_frame)
        #: how long the last moving (coarse) frame took, in seconds (None: none drawn yet)
        self.moving_frame_s: float | None = None
        self._frame_t0 = 0.0
        # a full frame is one the scene's renderer draws (a pulse frame leaves it out)
        view.renderer.AddObserver("EndEvent", self._count_full_frame)
        # no multisampling (4x MSAA costs llvmpipe three times the frame); FXAA smooths the
        # edges of still frames and is switched off while the user turns the model
        view.renderer.SetUseFXAA(True)
        style = view.iren.interactor.GetInteractorStyle() if view.iren is not None else None
        if style is not None:
            # moving frames from the press on (VTK renders a drag's first step before it
            # announces the step); a plain click still costs one frame, drawn after the release
            style.AddObserver("StartInteractionEvent", self._on_press)
            style.AddObserver("InteractionEvent", self._on_drag)
            style.AddObserver("EndInteractionEvent", self._on_release)
        self._dragged = False

    # -- scheduling ----------------------------------------------------------------------------
    def request_render(self) -> None:
        """Render once the current event is handled."""
        self._dirty = True
        if self._render_pending or self.stopped:
            return
        self._render_pending = True
        QTimer.singleShot(0, functools.partial(self._render_if_none_since, self.full_frames))

    def render_now(self) -> None:
        """Draw a frame now: the pulse alone when nothing else has changed since the last full
        frame, else a full one."""
        if self.stopped:
            return
        pulse = self.renderer.pulse_layer
        if not self._dirty and pulse is not None and pulse.draw_alone():
            return  # the view shows it as it shows any finished frame
        self.view.render()

    @reported
    def _render_if_none_since(self, frames_at_request: int) -> None:
        self._render_pending = False
        if self.full_frames == frames_at_request:
            self.render_now()

    def _frame_started(self, *_args) -> None:
        self._frame_t0 = time.perf_counter()

    def _count_frame(self, *_args) -> None:
        if self.renderer.coarse:
            self.moving_frame_s = time.perf_counter() - self._frame_t0
        self.frames += 1
        if self.frames == 1:
            self._coarse_timer.start()

    def _count_full_frame(self, *_args) -> None:
        self.full_frames += 1
        self._dirty = False

    # -- level of detail -----------------------------------------------------------------------
    def set_smoothing(self, on: bool) -> None:
        """Still frames: full meshes and FXAA; moving frames: coarse meshes, no FXAA."""
        smooth = bool(self.view.renderer.GetUseFXAA())
        if self.stopped or (smooth == on and self.renderer.coarse != on):
            return
        self.view.renderer.SetUseFXAA(on)
        if not on:
            self.renderer.prepare_coarse()  # those not made yet (a drag in the first second)
        self.renderer.set_coarse(not on)
        if on:
            self.request_render()

    def _on_press(self, *_args) -> None:
        self._polish_timer.stop()
        self._dragged = False
        self.set_smoothing(False)

    def _on_drag(self, *_args) -> None:
        self._dragged = True

    def _on_release(self, *_args) -> None:
        if self._dragged:
            self.set_smoothing(True)
        else:
            self.quick_still()

    def quick_still(self) -> None:
        """The full meshes for the next frame, without FXAA (a click's frame comes sooner); the
        smoothed frame follows after ``POLISH_MS``."""
        if self.stopped:
            return
        self.renderer.set_coarse(False)
        self._dirty = True
        self._polish_timer.start()

    @reported
    def _polish(self) -> None:
        self.set_smoothing(True)

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
        """A short smooth move from the current pose to ``target`` (at most
        ``LONGEST_MOVE_MS``; straight there when the frames are too slow to show a move)."""
        duration_ms = min(duration_ms, LONGEST_MOVE_MS)
        frame = self.moving_frame_s
        if frame is not None and duration_ms / 1000.0 < MIN_MOVE_FRAMES * frame:
            self.apply_pose(target)  # too few frames to show a move: go straight there
            return
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
        self._dirty = True
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
        for timer in (self._camera_timer, self._coarse_timer, self._polish_timer):
            timer.stop()
