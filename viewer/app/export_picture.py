"""An exported picture: the 3D view at a chosen resolution (up to 4K), with or without its
labels, with the caption bar under it and, optionally, the body chart beside it.

The 3D part is drawn off-screen by a scene of its own (:func:`viewer.render.screenshot.
render_picture`) set to what the window shows, so the window is left as it is; the caption and
the chart are Qt widgets drawn into the same image. ``--screenshot`` with ``--caption`` or
``--chart`` uses :func:`export_scene` too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ..render.screenshot import render_picture, screenshot_prepare
from ..scene.camera import CameraPose
from ..scene.focus import path_focus, path_on_side, story_focus
from ..scene.scene_file import ReadScene
from ..scene.state import Voice
from ..vocabulary import DEFAULT_VIEW, Side
from .body_chart import BodyChart
from .caption_bar import MAX_HEIGHT_SHARE, caption_image
from .presentation_steps import caption_for

if TYPE_CHECKING:
    from ..render.assembly import ModelScene
    from .main_window import MainWindow

#: the sizes offered, by name (the largest: 4K UHD)
PRESETS: dict[str, tuple[int, int]] = {
    "HD 1280 × 720": (1280, 720),
    "Full HD 1920 × 1080": (1920, 1080),
    "QHD 2560 × 1440": (2560, 1440),
    "4K UHD 3840 × 2160": (3840, 2160),
}
#: a custom size's limits (pixels, each side)
MIN_SIDE, MAX_SIDE = 64, 4096
#: the body chart's column, as a share of the picture's width
CHART_SHARE = 0.26
#: the picture height the caption and chart are drawn for at their standard size
REFERENCE_HEIGHT = 600


@dataclass(frozen=True)
class ExportOptions:
    """What a picture holds: its ``size`` (width, height), the ``labels``, the ``caption`` bar,
    the body ``chart``."""

    size: tuple[int, int] = (1920, 1080)
    labels: bool = True
    caption: bool = True
    chart: bool = False

    def problem(self) -> str | None:
        """Why the options cannot be used (None when they can)."""
        w, h = self.size
        if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
            return f"each side must be {MIN_SIDE} to {MAX_SIDE} pixels, not {w} × {h}"
        return None


def _qimage(pixels: np.ndarray) -> QImage:
    h, w = pixels.shape[:2]
    data = np.ascontiguousarray(pixels[:, :, :3], dtype=np.uint8)
    return QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def chart_image(scene: ModelScene, size: tuple[int, int], scale: float) -> QImage:
    """The body chart of ``scene``'s focus, ``size`` pixels, on white: the widget laid out at
    ``1/scale`` of the size and drawn ``scale`` times larger (crisp, as on a high-DPI screen)."""
    chart = BodyChart(scene.content, scene.state)
    chart.setAutoFillBackground(True)
    chart.setStyleSheet("QWidget#body_chart { background: white; }")
    # no narrower than the chart can be laid out: drawn at a smaller scale then
    width = max(1, round(size[0] / scale), chart.minimumSizeHint().width())
    scale = size[0] / width
    chart.resize(width, max(1, round(size[1] / scale)))
    layout = chart.layout()
    assert layout is not None
    layout.activate()
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        chart.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    chart.deleteLater()
    image.setDevicePixelRatio(1.0)
    return image


def export_scene(
    path: Path,
    options: ExportOptions,
    prepare: Callable[[ModelScene], CameraPose],
    caption: tuple[str, str, str],
    annotations=None,
    mesh_dir: Path | None = None,
    label_scale: float | None = None,
) -> Path:
    """Draw the picture ``options`` ask for into ``path`` (PNG): ``prepare(scene)`` sets the
    scene's state and returns its camera; ``caption`` is (title, text, counter)."""
    if (problem := options.problem()) is not None:
        raise ValueError(problem)
    width, height = options.size
    scale = height / REFERENCE_HEIGHT
    most = int(MAX_HEIGHT_SHARE * height)
    bar = caption_image(caption, width, scale, most) if options.caption else None
    bar_h = bar.height() if bar is not None else 0
    chart_w = int(width * CHART_SHARE) if options.chart else 0
    view_size = (width - chart_w, height - bar_h)
    charts: list[QImage] = []

    def prepared(scene: ModelScene) -> CameraPose:
        pose = prepare(scene)
        scene.state.set_labels(options.labels)
        if chart_w:
            charts.append(chart_image(scene, (chart_w, view_size[1]), scale))
        return pose

    if label_scale is None:  # labels sized as the caption is
        label_scale = max(1.0, view_size[1] / REFERENCE_HEIGHT)
    pixels = render_picture(view_size, prepared, annotations, mesh_dir, label_scale)
    out = QImage(width, height, QImage.Format.Format_RGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    try:
        painter.drawImage(0, 0, _qimage(pixels))
        if charts:
            painter.drawImage(view_size[0], 0, charts[0])
        if bar is not None:
            painter.drawImage(0, view_size[1], bar)
    finally:
        painter.end()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not out.save(str(path)):  # PNG, by the name's ending
        raise OSError(f"could not write {path}")
    return path


def window_prepare(window: MainWindow) -> Callable[[ModelScene], CameraPose]:
    """What sets a new scene to what ``window`` shows now: visibility, selection, fading, the
    story or path in focus, X-ray, voice, and the camera."""
    state = window.state
    snap, focus = state.snapshot(), state.focus
    xray, voice, pose = state.xray, state.voice, window.renderer.camera_pose()

    def prepare(scene: ModelScene) -> CameraPose:
        s = scene.state
        s.set_focus(focus)
        s.restore(snap)
        s.set_xray(xray)
        s.set_voice(voice)
        return pose

    return prepare


def export_window_picture(window: MainWindow, path: Path, options: ExportOptions) -> Path:
    """Export what ``window`` shows (its caption: presentation mode's, or what is in focus)."""
    presentation = window.presentation
    caption = (
        presentation.caption if presentation.active else presentation.teaching_steps.caption_parts()
    )
    scale = max(1.0, options.size[1] / REFERENCE_HEIGHT) * window.text_size.factor
    return export_scene(
        path,
        options,
        window_prepare(window),
        caption,
        window.content,
        window.scene.mesh_dir,
        label_scale=scale,
    )


def ensure_qt_application() -> None:
    """A Qt application to draw the caption and the chart with: offscreen without a display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QApplication(sys.argv[:1])


def export_screenshot(
    out: Path,
    options: ExportOptions,
    content,
    mesh_dir: Path | None = None,
    view: str = DEFAULT_VIEW,
    select: str | None = None,
    xray: bool = False,
    story: str | None = None,
    highlight_path: str | None = None,
    side: Side | None = None,
    voice: Voice = "student",
    document: ReadScene | None = None,
) -> Path:
    """``--screenshot`` with ``--caption`` or ``--chart``: the picture :func:`~viewer.render.
    screenshot.render_screenshot` draws, with the caption of the story, path or structure shown
    under it and the body chart beside it; a scene file's ``document`` is shown over all that."""
    if story is not None and story not in content.stories:
        raise ValueError(f"no story {story!r}; one of: {', '.join(content.stories)}")
    if highlight_path is not None and highlight_path not in content.paths:
        raise ValueError(f"no nerve path {highlight_path!r}; one of: {', '.join(content.paths)}")
    if select is not None and select not in content.structures:
        raise ValueError(f"no structure {select!r}; one of: {', '.join(content.structures)}")
    ensure_qt_application()
    focus = None
    if story is not None:
        focus = story_focus(content, story, content.structures, side)
    if highlight_path is not None:
        path = highlight_path if side is None else path_on_side(content, highlight_path, side)
        focus = path_focus(content, path, content.structures)
    parts = caption_for(content, focus, voice, selected=select)
    prepare = screenshot_prepare(
        view, select, xray, options.labels, story, highlight_path, side, voice, document=document
    )
    return export_scene(out, options, prepare, parts, content, mesh_dir)
