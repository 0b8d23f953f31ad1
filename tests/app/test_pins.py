"""Pins and notes, driven with real keys and clicks: N and a click place a pin on the surface
clicked, its note is typed in the Pins dock, it is edited, moved and deleted with undo, it hides
with its structure, follows its shape and the camera, and it is saved in the scene."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.app.driving import click, point_on, settle

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def pin_window(window):
    yield window
    window.pin_tools.clicks.disarm()
    window.pin_tools.dock.hide()
    window.scene.pins.replace_all(())
    window.scene_files.path = window.scene_files.baseline = None


def _key(qtbot, w, key, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w, key, mod)
    QApplication.processEvents()


def _marker_centre(w, pid) -> np.ndarray:
    return np.asarray(w.scene.pin_layer.markers[pid].GetPosition())


def _place(qtbot, w, surface_point, sid, text):
    pos = point_on(w, surface_point, sid)
    settle(qtbot, w)
    _key(qtbot, w, Qt.Key.Key_N)
    assert w.pin_tools.clicks.armed
    click(qtbot, w, pos)
    (pin,) = [p for p in w.scene.pins if p.structure == sid]
    picked = np.asarray(w.scene.renderer.picker.picked_point())
    field = w.pin_tools.panel.text_field
    assert field.hasFocus() or QApplication.focusWidget() is field
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return w.scene.pins.get(pin.id), picked, pos


def test_n_and_a_click_place_a_pin_on_the_surface_with_its_note(qtbot, pin_window, surface_point):
    w = pin_window
    pin, picked, _pos = _place(qtbot, w, surface_point, "l5_vertebra", "Spinous process")
    assert pin.text == "Spinous process" and w.state.selected is None  # the click placed, no more
    w.scene_view.render()
    # the marker sits on the surface point clicked (within a triangle's projection)
    assert np.linalg.norm(_marker_centre(w, pin.id) - picked) < 0.5
    assert w.scene.pin_layer.markers[pin.id].GetVisibility()
    # the note is drawn beside the marker, and follows the camera
    note = w.scene.pin_layer.note_position(pin.id)
    mx, my = w.renderer.world_to_display(_marker_centre(w, pin.id))
    assert note is not None and 20 < abs(note[0] - mx) < 60 and 20 < abs(note[1] - my) < 60
    assert "Spinous process" in w.pin_tools.panel.rows()[0]
    w.set_view("left", animate=False)
    w.scene_view.render()
    moved = w.scene.pin_layer.note_position(pin.id)
    mx2, my2 = w.renderer.world_to_display(_marker_centre(w, pin.id))
    assert moved != note and abs(moved[0] - mx2) < 60 and abs(moved[1] - my2) < 60


def test_editing_moving_deleting_and_undoing_a_pin(qtbot, pin_window, surface_point):
    w = pin_window
    pin, _picked, _ = _place(qtbot, w, surface_point, "l5_vertebra", "first note")
    field = w.pin_tools.panel.text_field
    field.selectAll()
    qtbot.keyClicks(field, "second note")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.scene.pins.get(pin.id).text == "second note"
    w.activateWindow()
    w.scene_view.setFocus()
    _key(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.scene.pins.get(pin.id).text == "first note"
    _key(
        qtbot,
        w,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert w.scene.pins.get(pin.id).text == "second note"
    # M and a click move it to another structure
    target = point_on(w, surface_point, "piriformis_left")
    settle(qtbot, w)
    w.scene_view.setFocus()
    _key(qtbot, w, Qt.Key.Key_M)
    click(qtbot, w, target)
    moved = w.scene.pins.get(pin.id)
    assert moved.structure == "piriformis_left" and moved.text == "second note"
    _key(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.scene.pins.get(pin.id).structure == "l5_vertebra"
    # Delete deletes the chosen pin; undo brings it back
    _key(qtbot, w, Qt.Key.Key_Delete)
    assert pin.id not in w.scene.pins and w.pin_tools.panel.rows() == []
    _key(qtbot, w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.scene.pins.get(pin.id).text == "second note"
    # and undoing all of it takes the pin away
    while w.undo_stack.canUndo():
        w.undo_stack.undo()
    assert len(w.scene.pins) == 0 and w.errors == []


def test_the_right_click_menu_adds_a_pin(qtbot, pin_window, surface_point):
    w = pin_window
    pos = point_on(w, surface_point, "piriformis_left")
    settle(qtbot, w)
    menu = w.pointer.context_menu_at(pos.x(), pos.y(), w.scene_view.mapToGlobal(pos))
    next(a for a in menu.actions() if a.text() == "Add pin here").trigger()
    menu.close()
    (pin,) = w.scene.pins
    assert pin.structure == "piriformis_left"
    w.scene_view.render()
    assert np.linalg.norm(_marker_centre(w, pin.id) - w.scene.renderer.picker.picked_point()) < 0.5


def test_a_pin_hides_with_its_structure_and_follows_its_shape(qtbot, pin_window, surface_point):
    w = pin_window
    pin, _picked, _ = _place(qtbot, w, surface_point, "piriformis_left", "tight here")
    layer = w.scene.pin_layer
    w.scene_view.render()
    before = _marker_centre(w, pin.id)
    w.hide_structures(["piriformis_left"])
    w.scene_view.render()
    assert not layer.markers[pin.id].GetVisibility() and layer.note_position(pin.id) is None
    w.undo_stack.undo()
    w.scene_view.render()
    assert layer.markers[pin.id].GetVisibility()
    # the structure's shape changes (as a condition shape's does): the pin goes with its surface
    mesh = w.scene.meshes["piriformis_left"]
    original = np.asarray(mesh.points).copy()
    try:
        swollen = original + (original - original.mean(axis=0)) * 0.2 + [0.0, 0.0, 5.0]
        mesh.points = swollen
        w.scene_view.render()
        after = _marker_centre(w, pin.id)
        expect = before + (before - original.mean(axis=0)) * 0.2 + [0.0, 0.0, 5.0]
        assert np.linalg.norm(after - expect) < 1e-6
    finally:
        mesh.points = original
        w.scene_view.render()


def test_pins_are_saved_in_the_scene(qtbot, pin_window, surface_point, tmp_path):
    w = pin_window
    pin, _picked, _ = _place(qtbot, w, surface_point, "l5_vertebra", "saved note")
    path = w.save_scene(tmp_path / "pins.l5s1scene")
    w.scene.pins.replace_all(())
    assert len(w.scene.pins) == 0
    w.open_scene(path)
    assert w.scene.pins.pins == [pin]


def test_two_pins_side_by_side_keep_their_notes_apart(qtbot, pin_window):
    from viewer.render.pin_layer import FONT_PX, NOTE_LINE_SHARE

    w = pin_window
    w.set_view("posterior", animate=False)
    mesh = w.scene.meshes["l5_vertebra"]
    eye = np.array(w.renderer.camera_pose().position)
    pts = np.asarray(mesh.points)
    near = pts[np.argsort(np.linalg.norm(pts - eye, axis=1))[:40]]
    a = w.pin_tools.place("l5_vertebra", near[0], "first")
    b = w.pin_tools.place("l5_vertebra", near[-1], "second")
    w.scene_view.render()
    layer = w.scene.pin_layer
    line = FONT_PX * NOTE_LINE_SHARE * layer.scale
    ma, mb = (w.renderer.world_to_display(_marker_centre(w, pid)) for pid in (a, b))
    assert abs(ma[1] - mb[1]) < line  # the markers alone would put the notes on each other
    note_a, note_b = layer.note_position(a), layer.note_position(b)
    assert note_a is not None and note_b is not None
    assert abs(note_a[1] - note_b[1]) >= line - 1
