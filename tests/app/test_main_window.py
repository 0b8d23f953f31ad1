"""The window as a user drives it: real mouse clicks on the 3D view, the tree, the search field,
the toolbar actions, undo, stories; and closing and reopening it."""

import gc
import weakref

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkFiltersGeneral import vtkOBBTree

from tests.app.driving import click, point_on, settle, world_point
from viewer import MainWindow
from viewer.app.settings import settings
from viewer.render.meshes import load_centerline

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.mark.parametrize(
    "sid, xray", [("piriformis_left", False), ("l5_vertebra", False), ("s1_nerve_root_left", True)]
)
def test_clicking_a_structure_selects_it_and_shows_its_text(
    qtbot, window, surface_point, content, sid, xray
):
    window.actions_by_name["xray"].setChecked(xray)
    pos = point_on(window, surface_point, sid)
    click(qtbot, window, pos)
    assert window.state.selected == sid
    text = window.info_panel.toPlainText()
    entry = content.structure(sid)
    assert entry.name in text and entry.student[:60] in text
    assert content.disclaimer[:40] in text
    current = window.structure_tree.currentIndex()
    assert current.isValid() and window.structure_tree.leaves[sid].index() == current
    # clicking the background clears it
    click(qtbot, window, QPoint(3, 3))
    assert window.state.selected is None


def test_a_drag_turns_the_model_and_selects_nothing(qtbot, window, surface_point):
    pos = point_on(window, surface_point, "piriformis_left")
    before = window.renderer.camera_pose()
    view = window.scene_view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=pos)
    for step in range(1, 4):
        p = QPointF(pos.x() + 27 * step, pos.y() + 8 * step)
        ev = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            p,
            view.mapToGlobal(p),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view, ev)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(pos.x() + 80, pos.y() + 24))
    after = window.renderer.camera_pose()
    assert not np.allclose(before.position, after.position)
    assert window.state.selected is None


def test_hovering_names_the_structure_in_the_status_bar(qtbot, window, surface_point, content):
    pos = point_on(window, surface_point, "piriformis_left")
    window.pointer.hovered = None
    window.statusBar().clearMessage()
    qtbot.mouseMove(window.scene_view, pos)
    ev = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(pos),
        window.scene_view.mapToGlobal(QPointF(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.scene_view, ev)
    name = content.structure("piriformis_left").name
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == name, timeout=2000)


def test_right_click_menu_hides_the_structure(qtbot, window, surface_point):
    pos = point_on(window, surface_point, "piriformis_left")
    menu = window.pointer.context_menu_at(pos.x(), pos.y(), window.scene_view.mapToGlobal(pos))
    labels = [a.text() for a in menu.actions()]
    assert {"Hide", "Isolate", "Fade", "Show info"} <= set(labels)
    next(a for a in menu.actions() if a.text() == "Hide").trigger()
    menu.close()
    assert "piriformis_left" not in window.state.visible


def test_tree_selects_and_brings_into_view(qtbot, window, content):
    item = window.structure_tree.leaves["s1_nerve_root_left"]
    window.structure_tree.setCurrentIndex(item.index())
    assert window.state.selected == "s1_nerve_root_left"
    assert content.structure("s1_nerve_root_left").name in window.info_panel.toPlainText()
    settle(qtbot, window)
    focal = np.array(window.renderer.camera_pose().focal_point)
    centre = np.array(window.scene.meshes["s1_nerve_root_left"].center)
    assert np.linalg.norm(focal - centre) < 1.0


def test_tree_checkbox_hides_and_undo_brings_back(qtbot, window):
    item = window.structure_tree.leaves["piriformis_right"]
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "piriformis_right" not in window.state.visible
    assert not window.renderer.actors["piriformis_right"].GetVisibility()
    window.actions_by_name["undo"].trigger()
    assert "piriformis_right" in window.state.visible
    assert item.checkState() == Qt.CheckState.Checked


def test_search_selects_by_name_or_other_name(qtbot, window, content):
    entry = content.structure("piriformis_left")
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, entry.name)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.state.selected == "piriformis_left"
    window.search_field.clear()
    other = content.structure("l5_s1_disc_annulus").other_names
    assert other, "the disc's annulus has other names to search by"
    assert window.search(other[0]) == "l5_s1_disc_annulus"


def test_isolate_hide_show_all_xray_and_undo_redo(qtbot, window):
    window.select("l5_vertebra")
    window.actions_by_name["isolate"].trigger()
    assert window.state.visible == {"l5_vertebra"}
    assert not window.renderer.actors["femur_left"].GetVisibility()
    window.actions_by_name["hide"].trigger()
    assert window.state.visible == frozenset()
    window.actions_by_name["undo"].trigger()
    assert window.state.visible == {"l5_vertebra"} and window.state.selected == "l5_vertebra"
    window.actions_by_name["undo"].trigger()
    assert "piriformis_left" in window.state.visible
    window.actions_by_name["redo"].trigger()
    assert window.state.visible == {"l5_vertebra"}
    window.actions_by_name["show_all"].trigger()
    assert {"l5_vertebra", "piriformis_left"} <= window.state.visible
    window.actions_by_name["xray"].trigger()
    assert window.renderer.actors["l5_vertebra"].GetProperty().GetOpacity() < 0.5
    window.actions_by_name["xray"].trigger()
    assert window.renderer.actors["l5_vertebra"].GetProperty().GetOpacity() == 1.0


def test_every_action_has_a_shortcut_named_in_its_tooltip(window):
    assert len(window.actions_by_name) >= 30
    for name, act in window.actions_by_name.items():
        keys = act.shortcut().toString()
        assert keys, name
        assert keys.split("+")[-1] in act.toolTip(), name


def test_closing_and_reopening_restores_the_view_and_frees_the_window(
    qtbot, qapp, content, viewer_mesh_dir, _temporary_qt_settings
):
    assert settings().fileName().startswith(str(_temporary_qt_settings))  # never ~/.config
    first = MainWindow(content, viewer_mesh_dir)
    first.show()
    first.set_view("left", animate=False)
    pose = first.renderer.camera_pose()
    first.close()
    first.close()  # twice is harmless
    ref = weakref.ref(first)
    first.deleteLater()
    del first
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qapp.processEvents()
    gc.collect()
    assert ref() is None
    second = MainWindow(content, viewer_mesh_dir)
    second.show()
    try:
        restored = second.renderer.camera_pose()
        assert np.allclose(restored.position, pose.position, atol=1e-3)
        assert second.errors == []
    finally:
        second.close()


def test_choosing_each_story_lights_the_scene_and_tells_it(qtbot, window, content):
    lst = window.story_list
    stories = [(r, key) for r, (kind, key) in enumerate(lst.rows()) if kind == "story"]
    assert len(stories) == len(content.stories)
    lst.setFocus()
    for row, sid in stories:
        story = content.story(sid)
        lst.setCurrentRow(row)  # as the arrow keys do
        assert window.state.focus is not None and window.state.focus.key == sid
        for lit in story.highlight:
            assert window.state.appearance(lit).lit
            assert window.renderer.actors[lit].GetProperty().GetOpacity() == 1.0
        for cond in window.state.focus.shown:  # its shapes and its patterns' skin patches
            assert window.renderer.actors[cond].GetVisibility()
        text = window.info_panel.toPlainText()
        assert story.title in text and story.caption.student[:50] in text
        window.actions_by_name["voice"].trigger()  # the patient's words
        assert story.caption.patient[:50] in window.info_panel.toPlainText()
        window.actions_by_name["voice"].trigger()
    assert not window.body_chart.pain_map.empty
    window.actions_by_name["clear_story"].trigger()  # Ctrl+0: the chart and the patches clear
    assert window.state.focus is None
    assert window.body_chart.pain_map.empty
    assert not any(
        window.renderer.actors[i].GetVisibility()
        for i in window.renderer.actors
        if window.state.structures[i].group == "conditions"
    )


def test_s1_path_action_lights_the_route_pulses_and_shows_the_body_chart(qtbot, window, content):
    window.actions_by_name["path_left"].trigger()
    assert window.state.focus.kind == "path" and window.state.focus.key == "s1_left"
    glow = window.scene.glows.glow("s1_left")
    assert glow is not None and glow.visible
    assert window.docks["chart"].isVisible() and window.body_chart.pain_map.side == "left"
    assert not window.body_chart.pain_map.empty
    assert all(v.renderer.isValid() for v in window.body_chart.views.values())
    assert "S1" in window.info_panel.toPlainText()
    first = glow.pulse.GetPosition()
    qtbot.waitUntil(lambda: glow.pulse.GetPosition() != first, timeout=2000)
    window.actions_by_name["pause_pulse"].trigger()  # pause: the pulse stays put
    held = glow.pulse.GetPosition()
    qtbot.wait(200)
    assert glow.pulse.GetPosition() == held
    window.actions_by_name["pause_pulse"].trigger()
    window.actions_by_name["path_right"].trigger()
    right = window.scene.glows.glow("s1_right")
    assert not glow.visible and right is not None and right.visible
    window.actions_by_name["clear_story"].trigger()
    assert not right.visible


def test_a_click_draws_one_frame_and_a_drag_one_quick_frame_a_step(qtbot, window, surface_point):
    """Each frame is counted with whether it drew the coarse (moving) copies."""
    frames = []
    view = window.scene_view
    tag = view.ren_win.AddObserver("EndEvent", lambda *_: frames.append(window.renderer.coarse))
    try:
        pos = point_on(window, surface_point, "piriformis_left")
        QApplication.processEvents()
        frames.clear()
        click(qtbot, window, pos)
        for _ in range(3):
            QApplication.processEvents()
        assert window.state.selected == "piriformis_left"
        # the frame showing the selection (full detail, unsmoothed: it comes sooner), then the
        # smoothed one a moment later
        qtbot.waitUntil(lambda: bool(view.renderer.GetUseFXAA()), timeout=3000)
        QApplication.processEvents()
        assert frames == [False, False]
        frames.clear()
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=pos)
        for step in range(1, 4):
            p = QPointF(pos.x() + 27 * step, pos.y() + 8 * step)
            QApplication.sendEvent(
                view,
                QMouseEvent(
                    QMouseEvent.Type.MouseMove,
                    p,
                    view.mapToGlobal(p),
                    Qt.MouseButton.NoButton,
                    Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier,
                ),
            )
            QApplication.processEvents()
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(pos.x() + 80, pos.y() + 24))
        for _ in range(3):
            QApplication.processEvents()
        # one coarse frame per step, then the still frame: full meshes, edges smoothed
        assert frames == [True, True, True, False]
        assert view.renderer.GetUseFXAA()
    finally:
        view.ren_win.RemoveObserver(tag)


def first_hit(mesh):
    """``hit(a, b)``: the distance from ``a`` to where the segment a-b first meets ``mesh``."""
    tree = vtkOBBTree()
    tree.SetDataSet(mesh)
    tree.BuildLocator()

    def hit(a, b) -> float | None:
        points = vtkPoints()
        tree.IntersectWithLine(a, b, points, None)
        if points.GetNumberOfPoints() == 0:
            return None
        pts = np.array([points.GetPoint(i) for i in range(points.GetNumberOfPoints())])
        return float(np.linalg.norm(pts - a, axis=1).min())

    return hit


def test_a_click_on_the_lit_sciatic_nerve_under_the_pain_patch_selects_the_nerve(qtbot, window):
    """With the S1 path shown, the pain patch over the buttock is only a tint over the lit
    route: the state says so (see-through, not pickable), the renderer draws what it says, and a
    click where the nerve shows through the patch selects the nerve."""
    window.show_path("s1_left")
    settle(qtbot, window)
    patch_id, nerve_id = "s1_pain_area_left", "sciatic_nerve_left"
    look = window.state.appearance(patch_id)
    actor = window.renderer.actors[patch_id]
    assert look.visible and not look.pickable
    assert actor.GetProperty().GetOpacity() == pytest.approx(look.opacity)
    assert actor.GetVisibility() and not actor.GetPickable()
    line = load_centerline(nerve_id, window.scene.mesh_dir)
    assert line is not None
    eye = np.asarray(window.renderer.camera_pose().position)
    patch, nerve = (
        first_hit(window.scene.meshes[patch_id]),
        first_hit(window.scene.meshes[nerve_id]),
    )
    # points of the nerve seen through the patch: the ray from the eye meets the patch first
    under = []
    for p in line:
        far = eye + (p - eye) * 1.5
        d_patch, d_nerve = patch(eye, far), nerve(eye, far)
        if d_patch is not None and d_nerve is not None and d_patch < d_nerve:
            under.append(p)
    assert len(under) >= 5, "the nerve runs under the patch in the path's view"
    clicked = 0
    for p in under[:: max(1, len(under) // 4)]:
        window.state.select(None)
        click(qtbot, window, world_point(window, p))
        assert window.state.selected == nerve_id
        clicked += 1
    assert clicked >= 4


def test_hide_hides_the_window_and_the_structures_have_their_own_names(
    qtbot, qapp, content, viewer_mesh_dir
):
    """``MainWindow`` keeps Qt's own ``hide()`` and ``actions()``."""
    w = MainWindow(content, viewer_mesh_dir)
    w.show()
    try:
        w.hide()
        assert not w.isVisible()
        w.show()
        assert w.isVisible()
        assert set(w.actions_by_name.values()) <= set(w.actions())
        w.hide_structures(["piriformis_left"])
        assert "piriformis_left" not in w.state.visible
        w.isolate_structures(["l5_vertebra"])
        assert w.state.visible == {"l5_vertebra"}
        w.state.set_faded([])  # the back muscles start faded
        w.fade_structures(["l5_vertebra"])
        assert w.state.faded == {"l5_vertebra"}
        assert w.errors == []
    finally:
        w.close()
