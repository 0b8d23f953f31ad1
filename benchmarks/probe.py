"""One measurement in a fresh process; ``benchmarks/run.py`` starts it and reads its JSON line.

    probe.py first-frame viewer-window|viewer-screenshot|plain-window|plain-screenshot T0 [MESHES]
    probe.py interaction viewer|plain|empty [MESHES]

``T0`` is the parent's ``time.time()`` just before it started this process, so start-up costs
(interpreter, imports, loading, first frame) all count.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (1280, 800)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def emit(**values) -> None:
    print("RESULT " + json.dumps(values), flush=True)


def mesh_files(mesh_dir: Path | None) -> list[Path]:
    """The same files the viewer loads."""
    from viewer.anatomy.structures import STRUCTURES
    from viewer.render.meshes import surface_file

    return [p for p in (surface_file(s.id, mesh_dir) for s in STRUCTURES) if p.exists()]


def isolate_settings() -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        tempfile.mkdtemp(prefix="l5s1-bench-"),
    )


# ------------------------------------------------------------------------------- first frame
def _mark_screenshot_phases() -> dict[str, float]:
    """Wrap the steps of ``--screenshot`` to note when each starts and ends (wall clock),
    importing nothing the command would not import by then."""
    import viewer.content
    import viewer.render.screenshot as shot

    marks: dict[str, float] = {}

    def timed(owner, name: str, key: str) -> None:
        original = getattr(owner, name)

        def wrapper(*a, **k):
            marks.setdefault(key + "_start", time.time())
            try:
                return original(*a, **k)
            finally:
                marks[key + "_end"] = time.time()

        setattr(owner, name, wrapper)

    timed(viewer.content, "load_annotations_for_app", "content")
    timed(shot, "write_png", "png")
    make_prepare = shot.screenshot_prepare

    def screenshot_prepare(*a, **k):
        prepare = make_prepare(*a, **k)

        def timed_prepare(scene):
            marks["prepare_start"] = time.time()
            try:
                return prepare(scene)
            finally:
                marks["prepare_end"] = time.time()

        return timed_prepare

    shot.screenshot_prepare = screenshot_prepare
    return marks


def _phases(marks: dict[str, float], t0: float) -> dict[str, float]:
    """Seconds of each step of ``--screenshot``."""
    m = marks
    return {
        # the interpreter, the command's imports, the check of the derived bones
        "start_s": m["content_start"] - t0,
        # annotations.json read, checked and indexed
        "content_s": m["content_end"] - m["content_start"],
        # PyVista and the renderer imported, the off-screen window, meshes loaded, actors made
        "scene_s": m["prepare_start"] - m["content_end"],
        # the state and camera the command asks for
        "prepare_s": m["prepare_end"] - m["prepare_start"],
        # the first frame drawn and read back
        "frame_s": m["png_start"] - m["prepare_end"],
        "png_s": m["png_end"] - m["png_start"],
    }


def first_frame(mode: str, t0: float, mesh_dir: Path | None) -> None:
    if mode == "viewer-screenshot":
        marks = _mark_screenshot_phases()
        from viewer.__main__ import main

        out = Path(tempfile.mkdtemp()) / "shot.png"
        args = ["--screenshot", str(out), "--size", f"{SIZE[0]}x{SIZE[1]}"]
        if mesh_dir:
            args += ["--meshes", str(mesh_dir)]
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            rc = main(args)
        end = time.time()
        emit(seconds=end - t0, rss_mb=rss_mb(), rc=rc, **_phases(marks, t0))
    elif mode == "plain-screenshot":
        import pyvista as pv

        imported = time.time()
        pl = pv.Plotter(off_screen=True, window_size=list(SIZE))
        for p in mesh_files(mesh_dir):
            pl.add_mesh(pv.read(p), smooth_shading=True)
        made = time.time()
        pl.screenshot(str(Path(tempfile.mkdtemp()) / "plain.png"))
        end = time.time()
        emit(
            seconds=end - t0,
            rss_mb=rss_mb(),
            start_s=imported - t0,
            scene_s=made - imported,
            frame_and_png_s=end - made,
        )
    elif mode == "viewer-window":
        isolate_settings()
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])
        from viewer.app.main_window import MainWindow

        w = MainWindow(mesh_dir=mesh_dir)
        done = {}

        def on_frame(*_):
            if "t" not in done:
                done["t"] = time.time()
                QTimer.singleShot(0, app.quit)  # the first frame may come before exec()

        ren_win = w.scene_view.ren_win
        assert ren_win is not None
        ren_win.AddObserver("EndEvent", on_frame)
        w.show()
        w.request_render()
        app.exec()
        emit(seconds=done["t"] - t0, rss_mb=rss_mb())
        w.close()
    elif mode == "plain-window":
        import pyvista as pv

        pl = pv.Plotter(window_size=list(SIZE))
        for p in mesh_files(mesh_dir):
            pl.add_mesh(pv.read(p), smooth_shading=True)
        pl.show(interactive_update=True, auto_close=False)
        emit(seconds=time.time() - t0, rss_mb=rss_mb())
        pl.close()
    else:
        raise SystemExit(f"unknown mode {mode}")


# ------------------------------------------------------------------------------- interaction
def frame_times(render, camera, n: int = 40) -> float:
    """Mean seconds per frame while turning the camera 3 degrees a frame."""
    render()
    t = time.perf_counter()
    for _ in range(n):
        camera.Azimuth(3.0)
        render()
    return (time.perf_counter() - t) / n


def still_times(render, n: int = 5) -> float:
    """Median seconds of a still frame (nothing changed but the frame is drawn again)."""
    import statistics

    render()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        render()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def interaction(kind: str, mesh_dir: Path | None) -> None:
    if kind == "plain":
        import pyvista as pv

        pl = pv.Plotter(window_size=list(SIZE))
        for p in mesh_files(mesh_dir):
            pl.add_mesh(pv.read(p), smooth_shading=True)
        pl.show(interactive_update=True, auto_close=False)
        frame = frame_times(pl.render, pl.renderer.GetActiveCamera())
        emit(frame_s=frame, still_s=still_times(pl.render), rss_mb=rss_mb())
        pl.close()
        return
    isolate_settings()
    import numpy as np
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    if kind == "empty":
        from pyvistaqt import QtInteractor

        view = QtInteractor(auto_update=False, multi_samples=0)  # as the viewer's
        view.renderer.set_background("#c9d3dd", top="#f4f6f8")
        view.resize(*SIZE)
        view.show()
        app.processEvents()
        emit(frame_s=frame_times(view.render, view.renderer.GetActiveCamera()))
        view.close()
        return

    from benchmarks.timings import measure
    from viewer.app.main_window import MainWindow

    w = MainWindow(mesh_dir=mesh_dir)
    w.resize(*SIZE)
    w.show()
    rss = rss_mb()
    timed = measure(app, w)
    view = w.scene_view
    w.set_view("posterior", animate=False)
    app.processEvents()
    view.render()
    # click targets: visible surface points of a few structures, spread over the view
    dpr = view.devicePixelRatioF()
    targets = []
    depth = view.get_image_depth(fill_value=np.inf)
    ys, xs = np.nonzero(np.isfinite(depth))
    rng = np.random.default_rng(0)
    for i in rng.choice(len(xs), size=min(200, len(xs)), replace=False):
        targets.append((xs[i] / dpr, ys[i] / dpr))  # logical px from the top-left
    # pick alone
    picks = []
    for x, y in targets:
        t = time.perf_counter()
        w.pointer.pick_at(x, y)
        picks.append(time.perf_counter() - t)
    # click -> panel: a press and a release handed to the window's mouse handling (not to
    # VTK, whose own release would render a frame each time), until the panel has changed
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    changed: dict[str, float] = {}
    w.info_panel.textChanged.connect(lambda: changed.setdefault("t", time.perf_counter()))

    def mouse(kind, x, y):
        p = QPointF(x, y)
        return QMouseEvent(
            kind,
            p,
            view.mapToGlobal(p),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton
            if kind == QEvent.Type.MouseButtonPress
            else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )

    clicks, hits = [], 0
    for x, y in targets:
        w.state.select(None)
        changed.clear()
        w.pointer.eventFilter(view, mouse(QEvent.Type.MouseButtonPress, x, y))
        t = time.perf_counter()
        w.pointer.eventFilter(view, mouse(QEvent.Type.MouseButtonRelease, x, y))
        if w.state.selected is not None and "t" in changed:
            clicks.append(changed["t"] - t)
            hits += 1
    q = lambda v, p: float(np.percentile(np.asarray(v) * 1000, p))  # noqa: E731
    emit(
        frame_s=timed["moving_1280_s"],
        rss_mb=rss,
        pick_p50=q(picks, 50),
        pick_p95=q(picks, 95),
        click_p50=q(clicks, 50),
        click_p95=q(clicks, 95),
        clicks_on_structures=hits,
        errors=len(w.errors),
        **timed,
    )
    w.close()


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "first-frame":
        mode, t0 = sys.argv[2], float(sys.argv[3])
        first_frame(mode, t0, Path(sys.argv[4]) if len(sys.argv) > 4 else None)
    elif what == "interaction":
        interaction(sys.argv[2], Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    else:
        raise SystemExit(__doc__)
    os._exit(0)  # skip slow interpreter tear-down of VTK/Qt; results are out
