"""Placing a muscle's attachment on bone that is made of two meshes meeting at a seam (the sacrum:
its S1 segment and the rest): the point lands on the outer surface facing the muscle, at its
clearance, and moves with the bone continuously, never jumping onto the seam inside the bone."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from viewer.anatomy import muscle_meshing, routing
from viewer.anatomy.build import BuildContext, Built

CLEARANCE = 2.5
FRONT = np.array([0.0, 1.0, 0.0])


def _two_blocks(shift: float = 0.0) -> routing.Obstacles:
    """Two 20 mm blocks stacked in z and touching at z = 0 (the seam), their front face at
    y = 10 (+ ``shift``)."""
    upper = trimesh.creation.box(bounds=[[-10, -10 + shift, 0], [10, 10 + shift, 20]])
    lower = trimesh.creation.box(bounds=[[-10, -10 + shift, -20], [10, 10 + shift, 0]])
    ctx = BuildContext({"upper": Built(upper), "lower": Built(lower)})
    return routing.Obstacles(ctx, ["upper", "lower"])


@pytest.fixture(scope="module")
def blocks() -> routing.Obstacles:
    return _two_blocks()


def test_the_gradient_would_snap_onto_the_seam_inside_the_bone(blocks):
    """What went wrong before: a point inside near the seam snaps onto the seam, 8 mm behind the
    front face (so the test below means something)."""
    on_seam = blocks.snap(np.array([[0.0, 2.0, -0.3]]))[0]
    assert abs(on_seam[2]) < 0.5 and on_seam[1] < 5.0


def test_a_point_at_the_seam_lands_on_the_front_face_at_its_clearance(blocks):
    landed = muscle_meshing.landing(
        blocks, np.array([0.0, 2.0, -0.3]), FRONT, CLEARANCE, 20.0, -20.0
    )
    assert np.allclose(landed[0], [0.0, 10.0 + CLEARANCE, -0.3], atol=0.15)
    assert blocks(landed)[0] == pytest.approx(CLEARANCE, abs=0.15)


def test_the_landed_point_follows_the_bone_continuously():
    """The bone moved by a millionth of a millimetre moves the landed point by as little."""
    start = np.array([[0.0, 2.0, -0.3], [5.0, 0.0, 4.0]])
    a = muscle_meshing.landing(_two_blocks(), start, FRONT, CLEARANCE, 20.0, -20.0)
    b = muscle_meshing.landing(_two_blocks(1e-6), start, FRONT, CLEARANCE, 20.0, -20.0)
    assert np.abs(b - a).max() < 1e-4


def test_a_point_already_clear_stays_where_it_is(blocks):
    """Off the side of the bone (the ray never comes within its clearance) the point is not
    moved: a finger leaving the bone carries straight on."""
    clear = np.array([[16.0, 5.0, 0.0]])
    landed = muscle_meshing.landing(blocks, clear, FRONT, CLEARANCE, 12.0)
    assert np.array_equal(landed, clear)
