"""S1 is the app's subject (issue 10, finding 3): in the default view, as the app starts, S1 has
visible points, and clicking one selects S1 (the back muscles over it start faded)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.app.driving import click, settle
from viewer import MainWindow
from viewer.vocabulary import DEFAULT_VIEW, FADED_AT_START

STEP_PX = 6
#: grid points (every STEP_PX pixels) on S1, at least
LEAST_HITS = 12


def test_s1_is_visible_and_clickable_in_the_default_view(qtbot, content, viewer_mesh_dir):
    w = MainWindow(content, viewer_mesh_dir)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        w.set_view(DEFAULT_VIEW, animate=False)
        settle(qtbot, w)
        assert w.state.faded == frozenset(FADED_AT_START)
        view = w.scene_view
        hits = [
            QPoint(x, y)
            for x in range(0, view.width(), STEP_PX)
            for y in range(0, view.height(), STEP_PX)
            if w.pointer.pick_at(x, y) == "s1_segment"
        ]
        assert len(hits) >= LEAST_HITS
        # the middle one of them, clicked as a user does
        target = sorted(hits, key=lambda p: (p.x(), p.y()))[len(hits) // 2]
        click(qtbot, w, target)
        assert w.state.selected == "s1_segment"
        assert w.errors == []
    finally:
        w.close()
