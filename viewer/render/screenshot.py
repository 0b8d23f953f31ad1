"""``python -m viewer --screenshot``: render the model off-screen (EGL/OSMesa, no X) to a PNG."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..content import Annotations
from ..scene.focus import path_on_side
from ..scene.scene_file import ReadScene
from ..scene.state import Voice
from ..vocabulary import DEFAULT_VIEW, VIEW_NAMES, Side


def render_screenshot(
    out: Path,
    size: tuple[int, int] = (1600, 1000),
    view: str = DEFAULT_VIEW,
    select: str | None = None,
    xray: bool = False,
    annotations: Annotations | None = None,
    mesh_dir: Path | None = None,
    labels: bool = True,
    story: str | None = None,
    highlight_path: str | None = None,
    side: Side | None = None,
    voice: Voice = "student",
    document: ReadScene | None = None,
) -> Path:
    """Render one picture of the model to ``out`` (PNG) and return its path.

    ``story`` and ``highlight_path`` light a condition story or an S1 path and take the camera
    it asks for instead of ``view``; ``side`` tells the story (or the path) on that side
    (default: the story's own side, the path's); ``select`` selects a structure by id;
    ``voice`` is the words the scene speaks in (its labels). A scene file's ``document`` is
    shown over all that (what the scene does not know is added to its ``left_out``).
    """
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # no X server: go straight to EGL rather than trying X first and warning
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    import pyvista as pv

    from .assembly import ModelScene
    from .scene_apply import apply_document, known_in

    if view not in VIEW_NAMES:
        raise ValueError(f"unknown view {view!r}; one of: {', '.join(VIEW_NAMES)}")
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        # labels sized for the image as a projector shows it: proportional to its height
        scene = ModelScene(plotter, annotations, mesh_dir, label_scale=max(1.0, size[1] / 800))
        if select is not None and select not in scene.state.structures:
            raise ValueError(f"no structure {select!r} in the scene")
        if story is not None and story not in scene.content.stories:
            raise ValueError(f"no story {story!r}; one of: {', '.join(scene.content.stories)}")
        if highlight_path is not None and highlight_path not in scene.content.paths:
            raise ValueError(
                f"no nerve path {highlight_path!r}; one of: {', '.join(scene.content.paths)}"
            )
        scene.state.set_xray(xray)
        scene.state.set_labels(labels)
        scene.state.set_voice(voice)
        pose = scene.renderer.view_pose(view)
        if story is not None:
            pose = scene.focus_story(story, side)
        if highlight_path is not None:
            path = (
                highlight_path
                if side is None
                else path_on_side(scene.content, highlight_path, side)
            )
            pose = scene.focus_path(path)
        scene.renderer.set_camera_pose(pose)
        if select is not None:
            scene.state.select(select)
        if document is not None:
            known = known_in(scene, document)
            document.left_out[:] = known.left_out
            apply_document(scene, known.document)
        plotter.render()
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        plotter.screenshot(str(out))
        return out
    finally:
        plotter.close()
