"""Patient mode, switched with its toolbar button: large text, the patient's words, only the
stories, the S1 path and the pain explorer, one side everywhere, the red flags one click away, a
1280 x 720 screen; leaving puts the layout back exactly; remembered on start; ``--patient``."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser

from viewer import MainWindow
from viewer.__main__ import parser
from viewer.app import settings
from viewer.app.patient_mode import MODE_SETTING, PATIENT_DOCKS
from viewer.app.patient_text import PATIENT_TEXT_SCALE
from viewer.app.story_list import ROW_ROLE
from viewer.scene.pain_zones import ZoneKey


def toolbar_button(window, name):
    """The visible toolbar button of an action (the main toolbar's, or patient mode's own)."""
    action = window.actions_by_name[name]
    bars = [window.toolbar, window.patient_mode.toolbar]
    for bar in (b for b in bars if b is not None and b.isVisible()):
        button = bar.widgetForAction(action)
        if button is not None and button.isVisible():
            return button
    raise AssertionError(f"{name} is on no visible toolbar")


def layout_of(window):
    """What leaving patient mode must put back: each dock's visibility, area, floating and
    place, the voice, the font and the labels' text scale."""
    docks = {
        name: (
            d.isVisible(),
            window.dockWidgetArea(d),
            d.isFloating(),
            # the place of a dock on screen (a dock behind another's tab has none)
            d.geometry() if not d.visibleRegion().isEmpty() else None,
            sorted(t.objectName() for t in window.tabifiedDockWidgets(d)),
        )
        for name, d in window.docks.items()
    }
    font = window.font()
    return docks, window.state.voice, font.pointSizeF(), window.scene.labels.text_scale


@pytest.fixture
def patient(window, qapp):
    yield window.patient_mode
    window.patient_mode.set_on(False)
    window.resize(1280, 800)
    window.side_chooser.choose("left")
    window.state.pain_painting.clear()
    qapp.processEvents()


def test_switching_on_and_off_with_the_toolbar_puts_the_layout_back(window, patient, qapp):
    for _ in range(3):
        qapp.processEvents()
    before = layout_of(window)
    QTest.mouseClick(toolbar_button(window, "patient_mode"), Qt.MouseButton.LeftButton)
    qapp.processEvents()
    assert patient.on and window.actions_by_name["patient_mode"].isChecked()
    shown = {n for n, d in window.docks.items() if d.isVisible()}
    assert shown == set(PATIENT_DOCKS)
    assert window.state.voice == "patient"
    assert window.font().pointSizeF() == pytest.approx(before[2] * PATIENT_TEXT_SCALE, rel=0.02)
    assert window.scene.labels.text_scale == pytest.approx(PATIENT_TEXT_SCALE)
    QTest.mouseClick(toolbar_button(window, "patient_mode"), Qt.MouseButton.LeftButton)
    for _ in range(3):
        qapp.processEvents()
    assert not patient.on
    after = layout_of(window)
    for name in before[0]:
        assert after[0][name] == before[0][name], name
    assert after == before
    assert window.toolbar.isVisible() and not patient.toolbar.isVisible()


def test_the_stories_speak_plainly_and_the_side_is_chosen_once(window, patient, qapp):
    patient.set_on(True)
    window.side_chooser.choose("right")
    qapp.processEvents()
    rows = [window.story_list.item(i) for i in range(window.story_list.count())]
    paths = {r.data(ROW_ROLE)[1]: r.isHidden() for r in rows if r.data(ROW_ROLE)[0] == "path"}
    assert paths == {"s1_left": True, "s1_right": False}
    story = next(r for r in rows if r.data(ROW_ROLE)[0] == "story")
    assert story.text() == window.content.story(story.data(ROW_ROLE)[1]).patient_title
    # the explorer lists the chosen side only, and "Show me" tells the story on it
    explorer = window.pain.explorer
    window.state.pain_painting.brush(ZoneKey("buttock", "left"), "ache")
    window.state.pain_painting.brush(ZoneKey("buttock", "right"), "ache")
    assert {r.side for r in explorer.rows} == {"right"}
    QTest.mouseClick(explorer.show_buttons[0], Qt.MouseButton.LeftButton)
    assert window.state.focus.side == "right"
    assert explorer.heading.text().find("Where do you feel it?") >= 0


def test_the_red_flags_are_one_click_away(window, patient, qapp):
    patient.set_on(True)
    QTest.mouseClick(toolbar_button(window, "red_flags"), Qt.MouseButton.LeftButton)
    qapp.processEvents()
    dialog = patient.red_flags_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QTextBrowser, "red_flags_text").toPlainText()
    flags = window.content.red_flags
    assert flags.title.patient in text
    assert all(sign.patient in text for sign in flags.emergency.signs)
    assert window.content.disclaimer in text
    dialog.close()


def test_it_fits_a_1280_by_720_screen(window, patient, qapp):
    window.resize(1280, 720)
    patient.set_on(True)
    for _ in range(3):
        qapp.processEvents()
    frame = QRect(0, 0, window.width(), window.height())
    assert window.height() <= 720
    for name in PATIENT_DOCKS:
        dock = window.docks[name]
        assert frame.contains(dock.geometry()), name
        assert dock.width() >= 250, name
    assert window.scene_view.width() >= 400, "the 3D view keeps room"
    explorer = window.pain.explorer
    assert explorer.chart.height() >= 280
    for button in explorer.type_buttons.values():
        assert button.width() >= button.sizeHint().width() - 1, button.text()


def test_patient_mode_is_remembered_on_start(window, patient, qapp, content, viewer_mesh_dir):
    patient.set_on(True)
    normal_voice = patient.normal.voice
    patient.save_settings()
    assert str(settings.settings().value(MODE_SETTING)) == "true"
    assert settings.settings().value("voice") == normal_voice
    again = MainWindow(content, viewer_mesh_dir)
    try:
        assert again.patient_mode.on
        assert again.state.voice == "patient"
        assert not again.docks["structures"].isVisible()
        again.patient_mode.set_on(False)
        assert again.state.voice == normal_voice
    finally:
        again.patient_mode.save_settings()
        again.shutdown()
        again.deleteLater()
    assert str(settings.settings().value(MODE_SETTING)) == "false"


def test_the_command_line_asks_for_patient_mode():
    assert parser().parse_args(["--patient"]).patient
    assert not parser().parse_args([]).patient
