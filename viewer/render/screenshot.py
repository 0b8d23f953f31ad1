"""``python -m viewer --screenshot``: render the model off-screen (EGL/OSMesa, no X) to a PNG."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..content import Annotations
from ..scene.camera import STANDARD_VIEWS


def render_screenshot(
    out: Path,
    size: tuple[int, int] = (1600, 1000),
    view: str = "oblique",
    select: str | None = None,
    xray: bool = False,
    annotations: Annotations | None = None,
    mesh_dir: Path | None = None,
    labels: bool = True,
    story: str | None = None,
    highlight_path: str | None = None,
) -> Path:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # no X server: go straight to EGL rather than trying X first and warning
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    import pyvista as pv

    from .assembly import ModelScene
    from .teaching import Teaching

    if view not in STANDARD_VIEWS:
        raise ValueError(f"unknown view {view!r}; one of: {', '.join(STANDARD_VIEWS)}")
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        # labels sized for the image as a projector shows it: proportional to its height
        scene = ModelScene(plotter, annotations, mesh_dir, label_scale=max(1.0, size[1] / 800))
        if select is not None and select not in scene.state.structures:
            raise ValueError(f"no structure {select!r} in the scene")
        scene.state.set_xray(xray)
        scene.renderer.set_camera_pose(scene.renderer.view_pose(view))
        scene.labels.set_enabled(labels)
        teaching = Teaching(scene)
        if story is not None:
            teaching.show_story(story, animate=False)
        if highlight_path is not None:
            teaching.show_path(highlight_path)
        if select is not None:
            scene.state.select(select)
        plotter.render()
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        plotter.screenshot(str(out))
        return out
    finally:
        plotter.close()
