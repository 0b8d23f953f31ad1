"""Choosing the side to frame a structure from (pure logic, no rendering)."""

from __future__ import annotations

import numpy as np

from viewer.scene.framing import choose_direction, seen_share

FRONT, BACK, ABOVE = np.array([0.0, 1.0, 0.0]), np.array([0.0, -1.0, 0.0]), np.array([0, 0, 1.0])


def test_a_side_that_sees_the_structure_edge_on_sees_less_of_it():
    assert seen_share(1.0, 0.5) == 1.0
    assert seen_share(1.0, 0.05) < 0.5


def test_among_sides_needing_fades_the_one_showing_more_of_the_structure_wins():
    """Both the front (the current side) and the side above need one structure faded; above,
    the thin band is seen edge-on (3 of its 100 points face it), from the front 40 do."""
    in_front = {
        tuple(FRONT): [frozenset({"disc"})] * 40,
        tuple(ABOVE): [frozenset({"l5"})] * 3,
        tuple(BACK): [frozenset({"sac", "lamina", "muscle"})] * 40,
    }
    direction, _, faded = choose_direction(
        [ABOVE, FRONT, BACK], lambda d: 0.0, lambda d: in_front[tuple(d)], points=100
    )
    assert np.allclose(direction, FRONT) and faded == {"disc"}


def test_fewer_fades_still_win_when_both_sides_show_as_much():
    in_front = {
        tuple(FRONT): [frozenset({"disc"})] * 40,
        tuple(BACK): [frozenset({"sac", "lamina", "muscle"})] * 40,
    }
    direction, _, faded = choose_direction(
        [BACK, FRONT], lambda d: 0.0, lambda d: in_front[tuple(d)], points=100
    )
    assert np.allclose(direction, FRONT) and faded == {"disc"}
