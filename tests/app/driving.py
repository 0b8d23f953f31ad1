"""Driving the window as a user does: real mouse clicks at the pixel where a structure is drawn."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from viewer.vocabulary import VIEW_NAMES


def settle(qtbot, window) -> None:
    """Wait for the camera to stop and draw the still frame."""
    qtbot.waitUntil(lambda: not window.camera_moving, timeout=3000)
    QApplication.processEvents()
    window.scene_view.render()


def qt_point(window, xy) -> QPoint:
    """VTK display pixels (origin bottom-left) -> the widget's logical coordinates."""
    dpr = window.scene_view.devicePixelRatioF()
    h_px = window.scene_view.height() * dpr
    return QPoint(int(round(xy[0] / dpr)), int(round((h_px - 1 - xy[1]) / dpr)))


def world_point(window, point) -> QPoint:
    """Where a point of the model (mm) is drawn, in the widget's logical coordinates."""
    ren = window.scene_view.renderer
    ren.SetWorldPoint(*point, 1.0)
    ren.WorldToDisplay()
    x, y, _ = ren.GetDisplayPoint()
    return qt_point(window, (x, y))


def point_on(window, surface_point, sid) -> QPoint:
    """A widget point where ``sid`` is the nearest thing drawn, from the first standard view
    (posterior first) that shows it."""
    for view in sorted(VIEW_NAMES, key=lambda v: v != "posterior"):
        window.set_view(view, animate=False)
        window.scene_view.render()
        xy = surface_point(window.scene_view, window.scene.meshes, sid)
        if xy is not None:
            return qt_point(window, xy)
    raise AssertionError(f"{sid} hidden from every view")


def click(qtbot, window, pos, button=Qt.MouseButton.LeftButton) -> None:
    qtbot.mousePress(window.scene_view, button, pos=pos)
    qtbot.mouseRelease(window.scene_view, button, pos=pos)
