"""An exported picture: the 3D view at a chosen resolution (up to 4K), with or without its
labels, with the caption bar under it and, optionally, the body chart beside it.

The 3D part is drawn off-screen by a scene of its own (:func:`viewer.render.screenshot.
render_picture`) set to what the window shows, so the window is left as it is; the caption and
the chart are Qt widgets drawn into the same image. ``--screenshot`` with ``--caption`` or
``--chart`` uses :func:`export_scene` too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from ..render.screenshot import render_picture
from ..scene.camera import CameraPose
from .body_chart import BodyChart
from .caption_bar import caption_image

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
CHART_POINTS = 9.0


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
    """The body chart of ``scene``'s focus, ``size`` pixels, on white."""
    chart = BodyChart(scene.content, scene.state)
    font = QFont(chart.font())
    font.setPointSizeF(CHART_POINTS * scale)
    chart.setFont(font)
    chart.setAutoFillBackground(True)
    chart.setStyleSheet("QWidget#body_chart { background: white; }")
    chart.resize(*size)
    layout = chart.layout()
    assert layout is not None
    layout.activate()
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        chart.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    chart.deleteLater()
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
    bar = caption_image(caption, width, scale) if options.caption else None
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
    if not out.save(str(path), "PNG"):
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
    scale = max(1.0, options.size[1] / 800) * window.text_size.factor
    return export_scene(
        path,
        options,
        window_prepare(window),
        caption,
        window.content,
        window.scene.mesh_dir,
        label_scale=scale,
    )
