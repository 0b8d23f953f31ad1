"""``python -m viewer --screenshot``: render the model off-screen (EGL/OSMesa, no X) to a PNG."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..content import Annotations
from ..scene.camera import CameraPose
from ..scene.focus import path_on_side
from ..scene.scene_file import ReadScene
from ..scene.state import Voice
from ..vocabulary import DEFAULT_VIEW, VIEW_NAMES, Side

if TYPE_CHECKING:
    from .assembly import ModelScene


#: what a picture's scene is prepared with before it is drawn: it returns the camera pose to use
Prepare = Callable[["ModelScene"], CameraPose]


def _prefer_egl_without_display() -> None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # no X server: go straight to EGL rather than trying X first and warning
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


def render_picture(
    size: tuple[int, int],
    prepare: Prepare,
    annotations: Annotations | None = None,
    mesh_dir: Path | None = None,
    label_scale: float | None = None,
) -> np.ndarray:
    """Draw one picture of ``size`` (width, height) off-screen: a new scene is built,
    ``prepare(scene)`` sets its state and returns its camera pose; the RGB pixels (height, width,
    3). Labels are sized for the picture as a projector shows it (``label_scale``, default
    proportional to its height)."""
    _prefer_egl_without_display()
    import pyvista as pv

    from .assembly import ModelScene

    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    scene = None
    try:
        scale = label_scale if label_scale is not None else max(1.0, size[1] / 800)
        scene = ModelScene(plotter, annotations, mesh_dir, label_scale=scale)
        scene.renderer.set_camera_pose(prepare(scene))
        plotter.render()
        return np.asarray(plotter.screenshot(None, return_img=True))[:, :, :3]
    finally:
        if scene is not None:
            scene.close()
        plotter.close()


def screenshot_prepare(
    view: str = DEFAULT_VIEW,
    select: str | None = None,
    xray: bool = False,
    labels: bool = True,
    story: str | None = None,
    highlight_path: str | None = None,
    side: Side | None = None,
    voice: Voice = "student",
    on_scene: Callable[[ModelScene], object] | None = None,
    document: ReadScene | None = None,
) -> Prepare:
    """What sets a new scene as ``--screenshot`` asks (see :func:`render_screenshot`); a scene
    file's ``document`` is shown over all that (what the scene does not know is added to its
    ``left_out``)."""
    if view not in VIEW_NAMES:
        raise ValueError(f"unknown view {view!r}; one of: {', '.join(VIEW_NAMES)}")

    def prepare(scene: ModelScene) -> CameraPose:
        if select is not None and select not in scene.state.structures:
            raise ValueError(f"no structure {select!r} in the scene")
        if story is not None and story not in scene.content.stories:
            raise ValueError(f"no story {story!r}; one of: {', '.join(scene.content.stories)}")
        if highlight_path is not None and highlight_path not in scene.content.paths:
            raise ValueError(
                f"no nerve path {highlight_path!r}; one of: {', '.join(scene.content.paths)}"
            )
        scene.state.open_as_the_app_starts()
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
        if select is not None:
            scene.state.show([select])  # one switched off at the start, too
            scene.state.select(select)
        if document is not None:  # a scene file (or a tour's step) over all that
            from .scene_apply import apply_document, known_in

            known = known_in(scene, document)
            document.left_out[:] = known.left_out
            scene.renderer.set_camera_pose(pose)
            apply_document(scene, known.document)
            pose = scene.renderer.camera_pose()
        if on_scene is not None:
            on_scene(scene)
        return pose

    return prepare


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
    on_scene: Callable[[ModelScene], object] | None = None,
    document: ReadScene | None = None,
) -> Path:
    """Render one picture of the model to ``out`` (PNG) and return its path.

    ``story`` and ``highlight_path`` light a condition story or an S1 path and take the camera
    it asks for instead of ``view``; ``side`` tells the story (or the path) on that side
    (default: the story's own side, the path's); ``select`` selects a structure by id;
    ``voice`` is the words the scene speaks in (its labels); ``on_scene(scene)`` is called
    when the scene is ready, before it is drawn (to read its state). A scene file's
    ``document`` is shown over all that.
    """
    prepare = screenshot_prepare(
        view, select, xray, labels, story, highlight_path, side, voice, on_scene, document
    )
    pixels = render_picture(size, prepare, annotations, mesh_dir)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_png(out, pixels)
    return out


def write_png(path: Path, pixels: np.ndarray) -> None:
    """Write RGB ``pixels`` (height, width, 3; the top row first) to ``path`` as PNG."""
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from vtkmodules.vtkCommonDataModel import vtkImageData
    from vtkmodules.vtkIOImage import vtkPNGWriter

    h, w = pixels.shape[:2]
    image = vtkImageData()
    image.SetDimensions(w, h, 1)
    flat = np.ascontiguousarray(pixels[::-1]).reshape(-1, pixels.shape[2])
    image.GetPointData().SetScalars(numpy_to_vtk(flat, deep=True))
    writer = vtkPNGWriter()
    writer.SetFileName(str(path))
    writer.SetInputData(image)
    writer.Write()
