"""Choosing a structure hidden behind others (in the tree) brings it into view: the camera goes
to a side that sees it, what still hides it is faded, and one undo puts everything back."""

from __future__ import annotations

import numpy as np

from tests.app.driving import settle
from viewer.vocabulary import DEFAULT_VIEW


def test_choosing_a_hidden_structure_fades_what_hides_it_undoably(qtbot, window):
    window.set_view(DEFAULT_VIEW, animate=False)
    window.state.set_faded([])  # the back muscles start faded: what is faded now is framing's
    settle(qtbot, window)
    before = window.renderer.camera_pose()
    window.structure_tree.structure_activated.emit("l5_s1_disc_nucleus")
    settle(qtbot, window)
    state = window.state
    assert state.selected == "l5_s1_disc_nucleus"
    faded = state.faded
    assert faded and "l5_s1_disc_nucleus" not in faded
    assert all(not state.appearance(s).pickable for s in faded)  # looked through, not clicked
    after = window.renderer.camera_pose()
    assert np.linalg.norm(np.subtract(after.focal_point, before.focal_point)) > 10.0
    assert window.undo_stack.undoText() in ("Select", "Show and select")
    window.undo_stack.undo()
    assert state.faded == frozenset() and state.selected is None
    window.undo_stack.redo()
    assert state.faded == faded and state.selected == "l5_s1_disc_nucleus"
