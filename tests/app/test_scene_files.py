"""Scene files in the window, driven as a user does: keys and clicks make a scene, it is saved,
the window closed, and a new window opens it the same; a file dropped on the window opens; a
changed scene asks before closing; a file from a newer version opens in part with a message;
``l5s1-viewer FILE --screenshot`` renders a scene."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.app.driving import click, point_on, settle
from tests.app.test_cli import run
from viewer import MainWindow
from viewer.scene.pins import Pin
from viewer.scene.scene_file import SCENE_VERSION, read_scene, scene_to_text

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def scene_window(window):
    """The module's window, with no scene file in use after the test."""
    yield window
    files = window.scene_files
    files.path = files.baseline = None
    window.scene.pins.replace_all(())
    if files.left_out_box is not None:
        files.left_out_box.close()


def _new_window(content, mesh_dir) -> MainWindow:
    w = MainWindow(content, mesh_dir)
    w.resize(1280, 800)
    w.show()
    w.activateWindow()
    QApplication.processEvents()
    return w


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window, key, modifier)
    QApplication.processEvents()


def test_save_close_reopen_gives_the_same_scene(
    qtbot, content, viewer_mesh_dir, surface_point, tmp_path
):
    first = _new_window(content, viewer_mesh_dir)
    try:
        # from the student's words with labels on, whatever an earlier window left in the settings
        first.set_voice("student")
        first.state.set_labels(True)
        # a pin: N, then a click on L5, then its note
        pin_at = point_on(first, surface_point, "l5_vertebra")
        settle(qtbot, first)
        _key(qtbot, first, Qt.Key.Key_N)
        click(qtbot, first, pin_at)
        qtbot.keyClicks(first.pin_tools.panel.text_field, "Feel the spine here")
        qtbot.keyClick(first.pin_tools.panel.text_field, Qt.Key.Key_Return)
        assert [p.text for p in first.scene.pins] == ["Feel the spine here"]
        pos = point_on(first, surface_point, "piriformis_left")
        click(qtbot, first, pos)  # select it
        assert first.state.selected == "piriformis_left"
        _key(qtbot, first, Qt.Key.Key_F)  # fade it
        _key(qtbot, first, Qt.Key.Key_X)  # X-ray
        _key(qtbot, first, Qt.Key.Key_V)  # the patient's words
        first.hide_structures(["femur_right"])
        # turn the model with a drag
        start = QPointF(pos)
        first.scene_view.setFocus()
        qtbot.mousePress(first.scene_view, Qt.MouseButton.LeftButton, pos=pos)
        for k in range(1, 6):
            qtbot.mouseMove(first.scene_view, (start + QPointF(12 * k, 5 * k)).toPoint())
        qtbot.mouseRelease(
            first.scene_view, Qt.MouseButton.LeftButton, pos=(start + QPointF(60, 25)).toPoint()
        )
        settle(qtbot, first)
        path = first.save_scene(tmp_path / "class")
        assert path.name == "class.l5s1scene" and first.scene_files.is_changed() is False
        _key(qtbot, first, Qt.Key.Key_L)  # labels off: a change
        assert first.scene_files.is_changed()
        _key(
            qtbot,
            first,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier,
        )
        assert not first.scene_files.is_changed()
        saved = first.scene_files.capture()
        assert saved.xray and saved.voice == "patient" and not saved.labels
        assert "piriformis_left" in saved.faded and "femur_right" not in saved.visible
    finally:
        first.close()
    assert not first.isVisible()  # nothing changed since the save: no question
    second = _new_window(content, viewer_mesh_dir)
    try:
        assert second.open_scene(path) == []
        again = second.scene_files.capture()
        a, b = np.array(saved.camera.as_lists()), np.array(again.camera.as_lists())
        assert np.abs(a - b).max() <= 1e-6
        assert again.visible == saved.visible and again.faded == saved.faded
        assert again.pins == saved.pins and again.selected == saved.selected
        assert again.same_as(saved)
        assert path.name in second.windowTitle()
        recent = second.menuBar().findChild(
            type(second.menuBar().actions()[0].menu()), "menu_recent_scenes"
        )
        assert recent is not None and recent.actions() and path.name in recent.actions()[0].text()
        assert second.errors == []
    finally:
        second.scene_files.ask_to_save = lambda: QMessageBox.StandardButton.Discard
        second.close()


def _drop(window, path) -> QDropEvent:
    """Drag ``path`` over ``window`` (any widget) and drop it in the middle."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        at.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop


def test_dropping_a_scene_file_on_the_window_opens_it(qtbot, scene_window, tmp_path):
    w = scene_window
    w.set_view("left", animate=False)
    w.state.set_xray(True)
    w.select("s1_segment")
    w.scene.pins.put(Pin("pin7", "s1_segment", 3, (1.0, 0.0, 0.0), "S1"))
    path = w.save_scene(tmp_path / "dropped.l5s1scene")
    saved = w.scene_files.capture()
    w.scene_files.path = w.scene_files.baseline = None
    w.scene.pins.replace_all(())
    w.state.set_xray(False)
    w.select(None)
    w.set_view("anterior", animate=False)
    assert not w.scene_files.capture().same_as(saved)
    drop = _drop(w, path)
    assert drop.isAccepted()
    settle(qtbot, w)
    assert w.scene_files.capture().same_as(saved)
    assert w.scene_files.path == path
    actors = w.scene_view.renderer.GetActors().GetNumberOfItems()
    # dropped on the 3D view itself (which would otherwise read any file as a mesh)
    w.scene_files.path = w.scene_files.baseline = None
    w.scene.pins.replace_all(())
    w.set_view("anterior", animate=False)
    assert _drop(w.scene_view, path).isAccepted()
    settle(qtbot, w)
    assert w.scene_files.capture().same_as(saved)
    assert w.scene_view.renderer.GetActors().GetNumberOfItems() == actors
    # something that is no scene is not taken
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(w, enter)
    assert not enter.isAccepted()
    QApplication.sendEvent(w.scene_view, enter)
    assert not enter.isAccepted()


def test_a_changed_scene_asks_before_closing(qtbot, content, viewer_mesh_dir, tmp_path):
    w = _new_window(content, viewer_mesh_dir)
    answers = []

    def answer(button):
        def press(tries: int = 100) -> None:
            box = QApplication.activeModalWidget()
            if box is None and tries:  # not up yet (a loaded machine): look again shortly
                QTimer.singleShot(50, lambda: press(tries - 1))
                return
            assert isinstance(box, QMessageBox) and box.objectName() == "scene_changed"
            answers.append(box.text())
            qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

        QTimer.singleShot(50, press)

    try:
        path = w.save_scene(tmp_path / "c.l5s1scene")
        _key(qtbot, w, Qt.Key.Key_X)
        answer(QMessageBox.StandardButton.Cancel)
        w.close()
        assert w.isVisible() and answers and "c.l5s1scene" in answers[0]
        answer(QMessageBox.StandardButton.Save)
        w.close()
        assert not w.isVisible()
        assert read_scene(path).document.xray is True  # saved on the way out
    finally:
        w.scene_files.ask_to_save = lambda: QMessageBox.StandardButton.Discard
        w.close()


def test_a_newer_scene_opens_in_part_and_lists_what_was_left(scene_window, tmp_path):
    w = scene_window
    w.set_view("posterior", animate=False)
    data = json.loads(scene_to_text(w.scene_files.capture()))
    data["schema_version"] = SCENE_VERSION + 3
    data["visible"] = [*data["visible"], "l4_vertebra"]
    data["xray"] = True
    data["sparkles"] = 12
    path = tmp_path / "newer.l5s1scene"
    path.write_text(json.dumps(data))
    left = w.open_scene(path)
    assert w.state.xray is True  # what it knows is used
    box = w.scene_files.left_out_box
    assert box is not None and box.isVisible()
    details = box.detailedText()
    assert "newer version" in details and "l4_vertebra" in details and "sparkles" in details
    assert len(left) == 3


def test_screenshot_of_a_scene_from_the_command_line(tmp_path, viewer_mesh_dir):
    import pyvista as pv

    data = {
        "schema_version": 1,
        "xray": True,
        "focus": {"kind": "story", "key": "piriformis_syndrome", "side": "right"},
        "pins": [
            {
                "id": "a",
                "structure": "piriformis_right",
                "face": 10,
                "barycentric": [0.3, 0.3, 0.4],
                "text": "tight here",
            },
            {"id": "b", "structure": "unicorn", "face": 0, "barycentric": [1, 0, 0], "text": "?"},
        ],
    }
    scene = tmp_path / "s.l5s1scene"
    scene.write_text(json.dumps(data))
    png = tmp_path / "s.png"
    out = run([str(scene), "--screenshot", str(png), "--size", "480x320"], viewer_mesh_dir)
    assert out.returncode == 0, out.stderr
    assert "unicorn" in out.stderr and "Traceback" not in out.stderr
    rgb = np.asarray(pv.read(png).point_data.active_scalars)[:, :3].astype(int)
    # the pin's note: a pale yellow box framed in the pins' magenta
    magenta = (np.abs(rgb - [217, 26, 115]).sum(axis=1) < 60).sum()
    assert magenta > 30


def test_the_pain_map_passes_through_the_hook_untouched(scene_window, tmp_path):
    """The pain painting (issue 12) travels in a scene's ``pain_map`` object: saved from the
    hook's first function, handed to its second on open, exactly as written."""
    w = scene_window
    wired = w.scene_files.pain_map_hook
    painting = {"strokes": [{"region": "buttock_left", "intensity": 0.7}], "version": 1}
    received: list[dict | None] = []
    try:
        w.scene_files.pain_map_hook = (lambda: painting, received.append)
        path = w.save_scene(tmp_path / "painted.l5s1scene")
        assert path is not None and read_scene(path).document.pain_map == painting
        w.open_scene(path)
        assert received == [painting]
        # without a hook, a file's painting is kept and saved again as it was
        w.scene_files.pain_map_hook = None
        w.open_scene(path)
        again = w.save_scene(tmp_path / "again.l5s1scene")
        assert again is not None and read_scene(again).document.pain_map == painting
    finally:
        w.scene_files.pain_map_hook = wired


def test_a_scene_carries_the_pain_painting_and_a_broken_one_is_left_out(scene_window, tmp_path):
    from viewer.scene.pain_zones import ZoneKey

    w = scene_window
    painting = w.state.pain_painting
    zone = next(iter(w.content.doc.pain_zones))
    painting.brush(ZoneKey(zone, "left"), "pins_and_needles")
    try:
        path = w.save_scene(tmp_path / "patient.l5s1scene")
        assert path is not None
        saved = json.loads(path.read_text())["pain_map"]
        assert saved["marks"] == [
            {"zone": zone, "side": "left", "type": "pins_and_needles", "amount": 1.0}
        ]
        painting.clear()
        assert w.open_scene(path) == []
        assert painting.types_at(ZoneKey(zone, "left")) == {"pins_and_needles": 1.0}

        saved = json.loads(path.read_text())
        saved["pain_map"]["marks"][0]["zone"] = "no_such_zone"
        path.write_text(json.dumps(saved))
        left = w.open_scene(path)
        assert painting.empty
        assert len(left) == 1 and "no_such_zone" in left[0]
    finally:
        painting.clear()
