"""Guided tours with real keys: record a three-step tour (Shift+T), play it with PageDown in
presentation mode and check the camera and the caption at each step; the article's tour reaches
every mechanism; a tour saved and opened again is the same; ``--tour FILE --step N
--screenshot`` renders one step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.app.driving import settle
from tests.app.test_cli import run
from viewer.scene.tour import read_tour, save_tour

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def tour_window(window):
    yield window
    window.tours.player.stop()
    window.tours.set_tour(type(window.tours.tour)("My class"))
    window.tours.dock.hide()
    window.scene.pins.replace_all(())


def _key(qtbot, w, key, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w, key, mod)
    QApplication.processEvents()


def _camera(w) -> np.ndarray:
    return np.array(w.renderer.camera_pose().as_lists())


def _record(qtbot, w, view_key, title, student) -> np.ndarray:
    """Go to a view by its key, add it as a step (Shift+T) and type its caption."""
    _key(qtbot, w, view_key)
    settle(qtbot, w)
    _key(qtbot, w, Qt.Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
    panel = w.tours.panel
    assert panel.step_title.hasFocus() or QApplication.focusWidget() is panel.step_title
    panel.step_title.selectAll()
    qtbot.keyClicks(panel.step_title, title)
    qtbot.keyClick(panel.step_title, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.student, student)
    return _camera(w)


def test_record_a_three_step_tour_and_play_it_with_page_down(qtbot, tour_window):
    w = tour_window
    cams = [
        _record(qtbot, w, Qt.Key.Key_1, "From behind", "The back of the joint."),
        _record(qtbot, w, Qt.Key.Key_3, "From the side", "The disc between L5 and S1."),
    ]
    _key(qtbot, w, Qt.Key.Key_X)  # X-ray for the third
    cams.append(_record(qtbot, w, Qt.Key.Key_5, "Through the bones", "The roots inside."))
    tour = w.tours.tour
    assert [s.title for s in tour.steps] == ["From behind", "From the side", "Through the bones"]
    assert tour.steps[2].scene.xray and not tour.steps[0].scene.xray
    assert not np.allclose(cams[0], cams[1], atol=1.0)
    # play from the first step
    w.tours.panel.steps.setCurrentRow(0)
    _key(qtbot, w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert w.presentation.active and w.tours.player.playing
    for n in range(3):
        if n:
            _key(qtbot, w, Qt.Key.Key_PageDown)
        settle(qtbot, w)
        assert np.abs(_camera(w) - cams[n]).max() < 1e-6, n
        title, text, counter = w.presentation.caption
        assert title == tour.steps[n].title and text == tour.steps[n].student
        assert counter == f"{n + 1} / 3"
        assert w.state.xray == (n == 2)
    _key(qtbot, w, Qt.Key.Key_PageDown)  # past the end: stays on the last
    assert w.presentation.caption[2] == "3 / 3"
    _key(qtbot, w, Qt.Key.Key_Home)
    settle(qtbot, w)
    assert w.presentation.caption[2] == "1 / 3" and np.abs(_camera(w) - cams[0]).max() < 1e-6
    _key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.presentation.caption[2] == "1 / 3"
    # the patient's words (V) change the caption's voice
    _key(qtbot, w, Qt.Key.Key_End)
    assert w.presentation.caption[0] == "Through the bones"
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.presentation.active and not w.tours.player.playing
    assert w.errors == []


def test_the_article_tour_reaches_every_mechanism(qtbot, tour_window, content):
    w = tour_window
    _key(
        qtbot,
        w,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    tour = w.tours.tour
    w.tours.panel.steps.setCurrentRow(0)
    _key(qtbot, w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    seen_stories, seen_sections, counters = [], [], []
    for n in range(len(tour.steps)):
        if n:
            _key(qtbot, w, Qt.Key.Key_PageDown)
        settle(qtbot, w)
        focus = w.state.focus
        counters.append(w.presentation.caption[2])
        title = w.presentation.caption[0]
        if focus is not None and focus.kind == "story":
            seen_stories.append(focus.key)
            assert title == content.story(focus.key).title
        elif focus is not None:
            seen_sections.append(focus.key)
    assert seen_stories == list(content.stories)  # all five mechanisms, in the article's order
    assert seen_sections[0] == "anatomy" and seen_sections[-2:] == ["diagnosis", "treatment"]
    assert counters[-1] == f"{len(tour.steps)} / {len(tour.steps)}"
    # in the patient's words
    _key(qtbot, w, Qt.Key.Key_V)
    story = content.story(seen_stories[-1])
    _key(qtbot, w, Qt.Key.Key_PageUp)
    _key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.presentation.caption[0] == story.patient_title
    _key(qtbot, w, Qt.Key.Key_Escape)
    assert w.errors == []


def test_a_saved_tour_opens_the_same_and_steps_can_be_reordered(qtbot, tour_window, tmp_path):
    w = tour_window
    w.tours.use_article_tour()
    first, second = w.tours.tour.steps[:2]
    w.tours.panel.steps.setFocus()
    w.tours.panel.steps.setCurrentRow(0)
    qtbot.keyClick(w.tours.panel.steps, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert w.tours.tour.steps[:2] == (second, first) and w.tours.chosen == 1
    qtbot.keyClick(w.tours.panel.steps, Qt.Key.Key_Delete)
    assert w.tours.tour.steps[0] == second and first not in w.tours.tour.steps
    path = w.tours.save(tmp_path / "class")
    assert path.suffix == ".l5s1tour"
    tour, left = read_tour(path)
    assert left == [] and tour == w.tours.tour


def test_one_step_of_a_tour_renders_from_the_command_line(tmp_path, viewer_mesh_dir, content):
    from viewer.scene.tour import article_tour

    tour = article_tour(content)
    path = save_tour(tour, tmp_path / "a.l5s1tour")
    story_step = next(
        n for n, s in enumerate(tour.steps, 1) if s.scene.focus and s.scene.focus.kind == "story"
    )
    png = tmp_path / "step.png"
    out = run(
        [
            "--tour",
            str(path),
            "--step",
            str(story_step),
            "--screenshot",
            str(png),
            "--size",
            "480x320",
        ],
        viewer_mesh_dir,
    )
    assert out.returncode == 0, out.stderr
    bad = run(["--tour", str(path), "--step", "99", "--screenshot", str(png)], viewer_mesh_dir)
    assert bad.returncode != 0 and "steps 1 to" in bad.stderr and "Traceback" not in bad.stderr
    import pyvista as pv

    rgb = np.asarray(pv.read(png).point_data.active_scalars)[:, :3].astype(int)
    glow = (np.abs(rgb - [255, 225, 77]).sum(axis=1) < 90).sum()  # the lit story's glow tint
    assert glow > 200
