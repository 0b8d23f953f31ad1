"""Clean state (issue 10, finding 6): ending a story clears what it set; Esc clears the hover
name and leaves full screen or presentation first; Space on a tree row toggles the row; the first
start shows the Stories tab and a welcome that names stories, the S1 path and the article."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.app.driving import point_on, settle
from viewer import MainWindow
from viewer.app.settings import settings


def _press(qtbot, widget, key) -> None:
    widget.window().activateWindow()
    qtbot.keyClick(widget, key)
    QApplication.processEvents()


def test_ending_a_story_puts_back_the_camera_the_chart_and_the_status(qtbot, window, content):
    window.set_view("left", animate=False)
    before = window.renderer.camera_pose()
    assert not window.docks["chart"].isVisible()
    window.show_story(next(iter(content.stories)))
    settle(qtbot, window)
    assert window.docks["chart"].isVisible()
    assert window.statusBar().currentMessage()
    assert not np.allclose(window.renderer.camera_pose().position, before.position, atol=1.0)
    window.activateWindow()
    qtbot.keyClick(window.scene_view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.state.focus is None
    assert np.allclose(window.renderer.camera_pose().position, before.position, atol=1e-3)
    assert not window.docks["chart"].isVisible()
    assert window.statusBar().currentMessage() == ""


def test_a_second_story_still_returns_to_the_users_camera(qtbot, window, content):
    window.set_view("right", animate=False)
    before = window.renderer.camera_pose()
    first, second = list(content.stories)[:2]
    window.show_story(first)
    settle(qtbot, window)
    window.show_story(second)
    settle(qtbot, window)
    window.clear_story()
    settle(qtbot, window)
    assert np.allclose(window.renderer.camera_pose().position, before.position, atol=1e-3)


def test_esc_clears_the_hover_name(qtbot, window, surface_point, content):
    pos = point_on(window, surface_point, "l5_vertebra")
    window.pointer.hover_at(pos.x(), pos.y())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=2000)
    assert window.statusBar().currentMessage() == content.structure("l5_vertebra").name
    _press(qtbot, window.scene_view, Qt.Key.Key_Escape)
    assert window.statusBar().currentMessage() == ""
    window.pointer.hover_at(pos.x(), pos.y())  # hovering it again names it again
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=2000)


def test_esc_leaves_full_screen_before_it_clears_the_selection(qtbot, window):
    window.select("l5_vertebra")
    window.actions_by_name["full_screen"].trigger()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    _press(qtbot, window.scene_view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert window.state.selected == "l5_vertebra"  # the first Esc only left full screen
    _press(qtbot, window.scene_view, Qt.Key.Key_Escape)
    assert window.state.selected is None


def test_esc_leaves_presentation_before_it_clears_the_selection(qtbot, window):
    window.select("l5_vertebra")
    window.presentation.enter()
    _press(qtbot, window.scene_view, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert window.state.selected == "l5_vertebra"


def test_space_on_a_tree_row_toggles_the_row_not_the_pulse(qtbot, window):
    tree = window.structure_tree
    item = tree.leaves["piriformis_left"]
    tree.setCurrentIndex(item.index())
    tree.setFocus()
    assert window.state.is_shown("piriformis_left")
    _press(qtbot, tree, Qt.Key.Key_Space)
    assert not window.state.is_shown("piriformis_left")
    assert item.checkState() == Qt.CheckState.Unchecked
    assert not window.teaching.pulse_paused
    _press(qtbot, tree, Qt.Key.Key_Space)
    assert window.state.is_shown("piriformis_left")
    # elsewhere Space still pauses the pulse
    _press(qtbot, window.scene_view, Qt.Key.Key_Space)
    assert window.teaching.pulse_paused


def test_the_first_start_shows_the_stories_tab_and_a_welcome_naming_them(
    qtbot, content, viewer_mesh_dir
):
    s = settings()
    s.remove("windowState")  # a first start: no saved layout
    s.sync()
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: not w.docks["stories"].visibleRegion().isEmpty(), timeout=2000)
        assert w.docks["article"].visibleRegion().isEmpty()  # the tab behind
        welcome = w.info_panel.toPlainText()
        for words in ("Stories", "S1 nerve path", "article"):
            assert words in welcome
    finally:
        w.close()
