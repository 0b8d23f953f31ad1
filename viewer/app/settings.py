"""What the app remembers between runs (QSettings): the window's geometry and dock layout, the
camera, whether labels are shown, the voice of the texts, the text size and the folder pictures
are exported to."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from ..scene.camera_checks import pose_from_text, pose_problem
from ..vocabulary import DEFAULT_VIEW

if TYPE_CHECKING:
    from .main_window import MainWindow

ORGANISATION = "l5s1-viewer"
APPLICATION = "l5s1-viewer"

log = logging.getLogger(__name__)


def settings() -> QSettings:
    """The app's settings, in the default format and place (which tests point elsewhere)."""
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def saved_text_size() -> float:
    """The text size saved last time (1.0: the standard size; a damaged value is ignored)."""
    raw = settings().value("text_size", 1.0)
    try:
        factor = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        log.warning("saved text size ignored: %r", raw)
        return 1.0
    return factor if 0.1 <= factor <= 10.0 else 1.0


def restore_window(window: MainWindow) -> tuple[bool, bool]:
    """Put back the layout, camera, labels and voice: (whether a layout was put back, False on a
    first start; whether a camera was: when not, the default view is fitted again once the
    window is shown and its view has its size)."""
    s = settings()
    geometry = s.value("geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    layout = s.value("windowState")
    restored = isinstance(layout, QByteArray) and window.restoreState(layout)
    raw = s.value("camera")
    pose, why = pose_from_text(raw)
    if raw and why:
        log.warning("saved camera ignored: %s", why)
    renderer = window.renderer
    renderer.set_camera_pose(pose or renderer.view_pose(DEFAULT_VIEW))
    window.state.set_labels(str(s.value("labels", "true")).lower() == "true")
    window.info_panel.use_patient_words(str(s.value("voice", "student")) == "patient")
    return restored, pose is not None


def save_window(window: MainWindow) -> None:
    s = settings()
    s.setValue("geometry", window.saveGeometry())
    s.setValue("windowState", window.saveState())
    pose = window.renderer.camera_pose()
    if pose_problem(pose) is None:  # a broken camera is never saved
        s.setValue("camera", json.dumps(pose.as_lists()))
    else:
        s.remove("camera")
    s.setValue("labels", "true" if window.state.labels else "false")
    s.setValue("voice", window.info_panel.voice)
    s.setValue("text_size", window.text_size.factor)
    s.sync()
    if s.status() != QSettings.Status.NoError:
        # said, not lost silently: the next start opens with the default layout
        print(
            f"l5s1-viewer: could not save the settings to {s.fileName()} "
            f"({s.status().name}); the next start uses the default layout",
            file=sys.stderr,
        )


def export_folder() -> str:
    """The folder the last picture was exported to ("" when none was)."""
    return str(settings().value("export_folder", "") or "")


def remember_export_folder(folder: str) -> None:
    s = settings()
    s.setValue("export_folder", folder)
    s.sync()
