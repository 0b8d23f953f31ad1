"""The window the app tests drive: one per test module, put back to its start after each test."""

from __future__ import annotations

import pytest

from viewer import MainWindow


def reset_window(window, qapp) -> None:
    """Back to the start: no story, nothing selected, everything shown, labels on, the student's
    words, the posterior view, the standard text size, out of presentation and patient mode; and no slot has
    reported an error meanwhile."""
    window.presentation.leave()
    window.presentation.set_stepper(None)
    window.patient_mode.set_on(False)  # restored from an earlier module's settings, perhaps
    window.text_size.reset()
    window.clear_story()
    window.teaching.set_pulse_paused(False)
    window.state.set_xray(False)
    window.state.set_labels(True)
    window.info_panel.use_patient_words(False)
    window.state.select(None)
    window.state.show_all()
    window.undo_stack.clear()
    window.set_view("posterior", animate=False)
    qapp.processEvents()
    errors = list(window.errors)
    window.errors.clear()
    assert errors == []


@pytest.fixture(scope="module")
def shared_window(qapp, content, viewer_mesh_dir):
    """A shown window on the bundled content, active (window shortcuts need it)."""
    w = MainWindow(content, viewer_mesh_dir)
    w.resize(1280, 800)
    w.show()
    w.activateWindow()
    w.set_view("posterior", animate=False)
    # what an earlier module's window saved (the soak's random actions included) is not a start
    reset_window(w, qapp)
    for _ in range(5):
        qapp.processEvents()
    w.scene_view.render()
    yield w
    w.close()


@pytest.fixture
def window(shared_window, qapp):
    """The module's window, reset after the test."""
    yield shared_window
    reset_window(shared_window, qapp)
