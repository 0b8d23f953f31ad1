"""Soak: random user actions and long runs of the S1 pulse leave the app consistent.

Each action is one a user can take (an action of the action table, a story, a path, a selection,
hide, isolate, fade, undo, redo). The properties, checked as it goes: no exception reached a
slot, the state, the tree and the actors agree, ``None``'s reference count holds (the PySide6
6.12.0 leak aborted the app after about 850 actions), and resident memory stays flat after a
warm-up. The default run is short; ``make fuzz`` (``-m nightly``) runs 2,000 actions and 30
minutes of simulated pulse ticks.
"""

from __future__ import annotations

import random
import resource
import sys

import pytest
from PySide6.QtCore import Qt

from viewer import MainWindow

#: actions that open dialogs, quit or change the screen mode are not random actions
SKIPPED = {"quit", "screenshot", "full_screen", "presentation", "search", "article"}
PULSE_TICK_S = 0.05


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _consistent(w: MainWindow) -> None:
    st = w.state
    assert w.errors == [], w.errors[:3]
    for sid, actor in w.renderer.actors.items():
        look = st.appearance(sid)
        assert bool(actor.GetVisibility()) == look.visible, sid
        assert bool(actor.GetPickable()) == look.pickable, sid
    for sid, item in w.structure_tree.leaves.items():
        want = Qt.CheckState.Checked if st.is_shown(sid) else Qt.CheckState.Unchecked
        assert item.checkState() == want, sid
    if st.selected is not None:
        assert st.is_shown(st.selected)


def _random_actions(w: MainWindow, qapp, n: int, seed: int) -> None:
    rng = random.Random(seed)
    names = sorted(set(w.actions_by_name) - SKIPPED)
    ids = sorted(w.state.ids)
    stories, paths = sorted(w.content.stories), sorted(w.content.paths)
    for i in range(n):
        kind = rng.random()
        if kind < 0.45:
            w.actions_by_name[rng.choice(names)].trigger()
        elif kind < 0.6:
            w.select(rng.choice(ids), frame=rng.random() < 0.3)
        elif kind < 0.7:
            w.show_story(rng.choice(stories))
        elif kind < 0.75:
            w.show_path(rng.choice(paths))
        elif kind < 0.8:
            w.hide_structures(rng.sample(ids, 2))
        elif kind < 0.85:
            w.isolate_structures(rng.sample(ids, 3))
        elif kind < 0.9:
            w.fade_structures(rng.sample(ids, 2))
        else:
            (w.undo_stack.undo if rng.random() < 0.5 else w.undo_stack.redo)()
        qapp.processEvents()
        if i % 50 == 0:
            _consistent(w)
    _consistent(w)


def _pulse(w: MainWindow, qtbot, qapp, seconds: float) -> None:
    """``seconds`` of the S1 path's travelling pulse, tick by tick (as its timer would)."""
    w.show_path("s1_left")
    qtbot.waitUntil(lambda: not w.camera_moving, timeout=5000)
    w.teaching.set_pulse_paused(True)  # the ticks below stand in for the timer
    for _ in range(int(seconds / PULSE_TICK_S)):
        w.teaching.pulse_step()
    w.teaching.set_pulse_paused(False)
    qapp.processEvents()


def _soak(qtbot, qapp, content, mesh_dir, actions: int, pulse_seconds: float) -> None:
    w = MainWindow(content, mesh_dir)
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.show()
    try:
        # warm-up: caches, coarse copies, first frames, the allocator's arenas
        _random_actions(w, qapp, 400, seed=0)
        _pulse(w, qtbot, qapp, 10.0)
        rss0, none0 = _rss_mb(), sys.getrefcount(None)
        _random_actions(w, qapp, actions, seed=1)
        _pulse(w, qtbot, qapp, pulse_seconds)
        _consistent(w)
        assert abs(sys.getrefcount(None) - none0) < 2_000
        assert _rss_mb() < 1.10 * rss0, (rss0, _rss_mb())
    finally:
        w.close()


def test_soak_short(qtbot, qapp, content, viewer_mesh_dir):
    _soak(qtbot, qapp, content, viewer_mesh_dir, actions=200, pulse_seconds=20)


@pytest.mark.nightly
def test_soak_two_thousand_actions_and_half_an_hour_of_pulse(qtbot, qapp, content, viewer_mesh_dir):
    _soak(qtbot, qapp, content, viewer_mesh_dir, actions=2_000, pulse_seconds=30 * 60)
