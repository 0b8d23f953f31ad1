"""Every widget shows what the scene state says, whoever changed it: a script, a key, a setting.
(Before, ``w.state.set_xray(True)`` left the X-ray button unchecked and the next press of X did
nothing.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from viewer.app.article_panel import KEY
from viewer.scene.article import article_focus, topic_structures
from viewer.scene.focus import path_focus, story_focus

pytestmark = pytest.mark.usefixtures("qapp")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed with the 3D view focused, as a user turning the model does."""
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.scene_view.setFocus()
    qtbot.keyClick(window.scene_view, key, modifier)


def test_the_xray_button_follows_the_state_and_the_x_key_toggles_it(qtbot, window):
    button = window.actions_by_name["xray"]
    window.state.set_xray(True)  # the README's scripting API
    assert button.isChecked()
    press(qtbot, window, Qt.Key.Key_X)
    assert not window.state.xray and not button.isChecked()
    assert window.renderer.actors["l5_vertebra"].GetProperty().GetOpacity() == 1.0
    press(qtbot, window, Qt.Key.Key_X)
    assert window.state.xray and button.isChecked()
    assert window.renderer.actors["l5_vertebra"].GetProperty().GetOpacity() < 0.5
    window.state.set_xray(False)
    assert not button.isChecked()


def test_the_labels_button_follows_the_state_and_the_l_key_toggles_it(qtbot, window):
    button = window.actions_by_name["labels"]
    assert button.isChecked() and window.state.labels
    window.scene_view.render()
    before = list(window.scene.labels.shown)
    assert before
    window.state.set_labels(False)
    assert not button.isChecked()
    window.scene_view.render()
    assert window.scene.labels.shown == []
    press(qtbot, window, Qt.Key.Key_L)
    assert window.state.labels and button.isChecked()
    window.scene_view.render()
    # (from behind, with the back muscles and the midline ligaments over it, L5 has no point in
    # sight: the labels back are those there were, the hip bone's among them)
    assert window.scene.labels.shown == before and "hip_bone_left" in before


def test_the_voice_and_pause_buttons_follow_what_they_switch(qtbot, window, content):
    voice = window.actions_by_name["voice"]
    window.state.set_voice("patient")  # a script sets the state: the button follows
    assert voice.isChecked() and window.info_panel.voice == "patient"
    press(qtbot, window, Qt.Key.Key_V)  # the key sets the state
    assert window.state.voice == "student" and not voice.isChecked()
    window.set_voice("patient")
    assert voice.isChecked()
    window.state.set_voice("student")
    pause = window.actions_by_name["pause_pulse"]
    window.teaching.set_pulse_paused(True)
    assert pause.isChecked()
    window.teaching.set_pulse_paused(False)
    assert not pause.isChecked()


def test_the_full_screen_button_follows_the_window(qtbot, window):
    button = window.actions_by_name["full_screen"]
    window.showFullScreen()
    try:
        qtbot.waitUntil(button.isChecked, timeout=3000)
    finally:
        window.showNormal()
        window.resize(1280, 800)
    qtbot.waitUntil(lambda: not button.isChecked(), timeout=3000)


def test_a_story_put_in_focus_by_a_script_shows_everywhere(qtbot, window, content):
    """The story list, the info panel, the body chart and the glowing route all follow the
    state's focus, not the way it was set."""
    story = content.story("s1_radiculopathy")
    assert story.nerve_path is not None
    window.state.set_focus(story_focus(content, story.id, window.state.ids))
    row = window.story_list.currentItem()
    assert row is not None and row.text() == story.title
    assert story.title in window.info_panel.toPlainText()
    drawn = {p.id for p in window.body_chart.pain_map.patterns}
    assert drawn == set(story.pain_patterns)
    glow = window.scene.glows.glow(story.nerve_path)
    assert glow is not None and glow.visible
    assert window.teaching.pulsing
    # a structure selected meanwhile is shown; cleared, the story comes back
    window.select("piriformis_left")
    assert content.structure("piriformis_left").name in window.info_panel.toPlainText()
    window.select(None)
    assert story.title in window.info_panel.toPlainText()
    window.state.set_focus(None)
    assert window.story_list.currentItem() is None
    assert not glow.visible and not window.teaching.pulsing
    assert story.title not in window.info_panel.toPlainText()
    assert window.body_chart.pain_map.empty


def test_a_path_or_a_topic_put_in_focus_shows_in_its_widgets(qtbot, window, content):
    window.state.set_focus(path_focus(content, "s1_right", window.state.ids))
    row = window.story_list.currentItem()
    assert row is not None and "right" in row.text()
    assert window.body_chart.pain_map.side == "right"
    assert {p.id for p in window.body_chart.pain_map.patterns} == set(
        content.path("s1_right").pain_patterns
    )
    assert window.side_chooser.side == "right"
    ids = topic_structures(content, "discectomy")
    window.state.set_focus(article_focus("topic", "discectomy", ids, window.state.ids))
    assert window.story_list.currentItem() is None
    assert window.article_panel.currentIndex().data(KEY) == "discectomy"
    assert content.topic("discectomy").title in window.info_panel.toPlainText()


def test_the_tree_ticks_what_a_focus_shows(window, content):
    leaf = window.structure_tree.leaves["disc_herniation_left"]
    assert leaf.checkState() == Qt.CheckState.Unchecked
    window.state.set_focus(story_focus(content, "s1_nerve_impingement", window.state.ids))
    assert "disc_herniation_left" in window.state.focus.shown
    assert leaf.checkState() == Qt.CheckState.Checked
