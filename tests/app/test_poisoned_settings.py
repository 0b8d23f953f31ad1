"""Saved settings can never break the next start: a broken camera is ignored and never saved."""

from __future__ import annotations

import numpy as np
import pytest

from viewer import MainWindow
from viewer.app.settings import settings
from viewer.vocabulary import DEFAULT_VIEW

POISON = [
    "[[NaN, 0, 0], [0, 0, 0], [0, 0, 1]]",
    "[[1e308, 1e308, 0], [0, 0, 0], [0, 0, 1]]",
    "[" * 100_000 + "]" * 100_000,
]


@pytest.mark.parametrize("raw", POISON)
def test_a_poisoned_saved_camera_opens_the_default_view(qtbot, content, viewer_mesh_dir, raw):
    s = settings()
    s.setValue("camera", raw)
    s.sync()
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.show()
    try:
        pose = w.renderer.camera_pose()
        assert np.all(np.isfinite(pose.as_lists()))
        assert np.allclose(pose.focal_point, w.renderer.view_pose("oblique").focal_point, atol=1.0)
        assert w.errors == []
    finally:
        w.close()
    saved = str(settings().value("camera"))
    assert "NaN" not in saved and "e+308" not in saved and len(saved) < 2000


def test_a_camera_gone_bad_is_never_saved(qtbot, content, viewer_mesh_dir):
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.show()
    cam = w.scene_view.renderer.GetActiveCamera()
    cam.SetPosition(float("nan"), 0.0, 0.0)
    w.close()
    saved = settings().value("camera")
    assert saved is None or "NaN" not in str(saved)


def test_settings_that_cannot_be_saved_are_reported_not_lost_silently(
    qtbot, content, viewer_mesh_dir, tmp_path, capfd, _temporary_qt_settings
):
    from PySide6.QtCore import QSettings

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the settings folder should be")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(blocker))
    try:
        w = MainWindow(content, viewer_mesh_dir)
        qtbot.addWidget(w)
        w.show()
        w.close()
        err = capfd.readouterr().err
        assert "could not save the settings" in err
    finally:
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_temporary_qt_settings)
        )


def test_a_first_start_fits_the_default_view_to_the_shown_window(qtbot, content, viewer_mesh_dir):
    """With no saved camera the default view is fitted again once the window is shown: fitted
    while the window was still unshown (its view without its size), the model stood small in
    the middle of a wide view."""
    s = settings()
    s.remove("camera")
    s.sync()
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        shown = w.renderer.camera_pose()
        fitted = w.renderer.view_pose(DEFAULT_VIEW)
        assert np.allclose(shown.position, fitted.position, atol=1.0)
        assert w.errors == []
    finally:
        w.close()
