"""S1 is the app's subject (issue 10, finding 3): in the default view, as the app starts, S1 and
L5 above it have visible points, and clicking one selects it (the back muscles over them start
faded, the erector spinae switched off)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.app.driving import click, settle
from viewer import MainWindow
from viewer.vocabulary import DEFAULT_VIEW, FADED_AT_START, HIDDEN_AT_START

STEP_PX = 6
#: grid points (every STEP_PX pixels) on S1, at least
LEAST_HITS = 12


@pytest.mark.parametrize("subject", ["s1_segment", "l5_vertebra"])
def test_subject_is_visible_and_clickable_in_the_default_view(
    qtbot, content, viewer_mesh_dir, subject
):
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        w.set_view(DEFAULT_VIEW, animate=False)
        settle(qtbot, w)
        assert w.state.faded == frozenset(FADED_AT_START)
        assert not any(w.state.is_shown(i) for i in HIDDEN_AT_START)
        view = w.scene_view
        hits = [
            QPoint(x, y)
            for x in range(0, view.width(), STEP_PX)
            for y in range(0, view.height(), STEP_PX)
            if w.pointer.pick_at(x, y) == subject
        ]
        assert len(hits) >= LEAST_HITS
        # the middle one of them, clicked as a user does
        target = sorted(hits, key=lambda p: (p.x(), p.y()))[len(hits) // 2]
        click(qtbot, w, target)
        assert w.state.selected == subject
        assert w.errors == []
    finally:
        w.close()
