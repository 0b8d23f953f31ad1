"""The viewer's interactive timings, in one window at 1280x800 (``probe.py interaction viewer``).

Each measure comes with its baseline from the same process:

- click to the frame that shows the highlight (real mouse events through Qt and VTK), beside one
  still frame of the same view drawn as every frame was before (full meshes, FXAA);
- story switch and article step to the finished (still, smoothed) frame, and to the first frame
  that shows them, beside one still frame;
- the travelling pulse's frames per second and the cost of one pulse frame, beside the same ticks
  drawing full frames;
- a still frame (full meshes, FXAA) and a moving frame (coarse copies) with the 3D view at
  1280x800.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

#: clicks, stories and steps timed (the median is reported)
CLICKS = 7


def wait_until(app, done, timeout: float = 10.0) -> None:
    t0 = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("nothing happened")
        time.sleep(0.001)


class FrameClock:
    """When each frame ended, and whether the scene's renderer drew it (a full frame)."""

    def __init__(self, window) -> None:
        self.ends: list[tuple[float, bool]] = []
        self._full = False
        view = window.scene_view
        view.renderer.AddObserver("EndEvent", self._scene_drawn)
        view.ren_win.AddObserver("EndEvent", self._frame_end)

    def _scene_drawn(self, *_: Any) -> None:
        self._full = True

    def _frame_end(self, *_: Any) -> None:
        self.ends.append((time.perf_counter(), self._full))
        self._full = False

    def mark(self) -> int:
        return len(self.ends)


def still_frame(window, n: int = 5) -> float:
    """Seconds for one still frame (full meshes, FXAA) as drawn now."""
    view = window.scene_view
    window.loop.set_smoothing(True)
    view.render()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        view.render()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def moving_frame(window, n: int = 20) -> float:
    view = window.scene_view
    style = view.iren.interactor.GetInteractorStyle()
    style.InvokeEvent("StartInteractionEvent")
    cam = view.renderer.GetActiveCamera()
    view.render()
    t = time.perf_counter()
    for _ in range(n):
        cam.Azimuth(3.0)
        view.render()
    frame = (time.perf_counter() - t) / n
    style.InvokeEvent("EndInteractionEvent")
    return frame


def click_targets(window, count: int) -> list[tuple[float, float]]:
    """Logical widget points on the model, spread over it."""
    view = window.scene_view
    dpr = view.devicePixelRatioF()
    depth = view.get_image_depth(fill_value=np.inf)
    ys, xs = np.nonzero(np.isfinite(depth))
    rng = np.random.default_rng(0)
    pick = rng.choice(len(xs), size=min(count * 4, len(xs)), replace=False)
    return [(xs[i] / dpr, ys[i] / dpr) for i in pick]


def click_to_frame(app, window, clock: FrameClock, targets) -> list[float]:
    """Seconds from the press to the end of the frame showing the new selection."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    view = window.scene_view
    out: list[float] = []
    for x, y in targets:
        if len(out) >= CLICKS:
            break
        window.state.select(None)
        window.loop._polish_timer.stop()
        app.processEvents()
        view.render()
        sid = window.pointer.pick_at(x, y)
        if sid is None:
            continue
        mark = clock.mark()
        t = time.perf_counter()
        pos = QPoint(int(x), int(y))
        QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        wait_until(app, lambda m=mark: window.state.selected is not None and clock.mark() > m)
        out.append(clock.ends[mark][0] - t)
        wait_until(app, lambda: bool(view.renderer.GetUseFXAA()))  # the smoothed one follows
    return out


def to_finished_frame(app, window, clock: FrameClock, act) -> tuple[float, float]:
    """(first frame, finished still frame) seconds after ``act()``."""
    app.processEvents()
    mark = clock.mark()
    t = time.perf_counter()
    act()
    wait_until(app, lambda: clock.mark() > mark)
    first = clock.ends[mark][0] - t
    wait_until(
        app,
        lambda: (
            not window.camera_moving
            and bool(window.scene_view.renderer.GetUseFXAA())
            and not window.loop._render_pending
        ),
    )
    app.processEvents()
    done = max(e for e, full in clock.ends[mark:] if full)
    return first, done - t


def pulse_rate(app, window, clock: FrameClock, seconds: float, full: bool) -> tuple[float, float]:
    """(frames per second, seconds per pulse tick's frame) while the pulse travels; ``full``
    draws every tick as a full frame (as before pulse frames)."""
    teaching = window.teaching
    loop = window.loop
    costs: list[float] = []
    original = loop.render_now

    def timed() -> None:
        if full:
            loop._dirty = True
        t = time.perf_counter()
        original()
        costs.append(time.perf_counter() - t)

    loop.render_now = timed
    try:
        mark = clock.mark()
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            app.processEvents()
            time.sleep(0.001)
        frames = clock.mark() - mark
    finally:
        loop.render_now = original
    del teaching
    return frames / seconds, statistics.median(costs) if costs else float("nan")


def measure(app, window) -> dict[str, float]:
    """Every timing of this module's docstring, in seconds (frame rates per second)."""
    from PySide6.QtTest import QTest

    view = window.scene_view
    clock = FrameClock(window)
    QTest.qWait(1500)  # a user looks for a moment first (the coarse copies are made meanwhile)
    window.renderer.prepare_coarse()
    out: dict[str, float] = {}
    # the window as it opens (1280x800): clicks, stories, article, pulse
    window.set_view("posterior", animate=False)
    app.processEvents()
    view.render()
    out["view_w"], out["view_h"] = float(view.width()), float(view.height())
    out["still_in_window_s"] = still_frame(window)
    clicks = click_to_frame(app, window, clock, click_targets(window, CLICKS))
    out["click_to_frame_s"] = statistics.median(clicks)
    out["click_to_frame_max_s"] = max(clicks)
    stories = list(window.content.stories)
    firsts, dones = [], []
    for sid in stories + stories[:1]:
        first, done = to_finished_frame(app, window, clock, lambda s=sid: window.show_story(s))
        firsts.append(first)
        dones.append(done)
    out["story_first_s"] = statistics.median(firsts)
    out["story_done_s"] = statistics.median(dones)
    window.clear_story()
    firsts, dones = [], []
    window.teaching.step_section(1)
    wait_until(app, lambda: not window.camera_moving)
    for _ in range(5):
        first, done = to_finished_frame(app, window, clock, lambda: window.teaching.step_section(1))
        firsts.append(first)
        dones.append(done)
    out["article_first_s"] = statistics.median(firsts)
    out["article_done_s"] = statistics.median(dones)
    window.clear_story()
    window.show_path("s1_left")
    wait_until(app, lambda: not window.camera_moving)
    QTest.qWait(300)
    out["pulse_fps"], out["pulse_frame_s"] = pulse_rate(app, window, clock, 3.0, full=False)
    out["pulse_fps_full"], out["pulse_full_frame_s"] = pulse_rate(
        app, window, clock, 3.0, full=True
    )
    out["still_after_path_s"] = still_frame(window)
    window.clear_story()
    # the 3D view itself at 1280x800: still and moving frames
    view.setFixedSize(1280, 800)
    window.set_view("posterior", animate=False)
    app.processEvents()
    out["still_1280_s"] = still_frame(window)
    out["moving_1280_s"] = moving_frame(window)
    view.setMinimumSize(0, 0)
    view.setMaximumSize(16777215, 16777215)
    return out
