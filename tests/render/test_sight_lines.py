"""Whether a pixel surely shows a structure (the labels' sight test): another surface lying on it,
in front or just behind, makes the pixel a toss-up of the depth test, and the answer is no.
"""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from viewer.render.meshes import load_meshes
from viewer.render.visibility import COINCIDENT_MM, SightLines

EYE = np.array([0.0, -100.0, 0.0])
ON_OWN = np.array([0.0, -10.0, 0.0])  # a vertex of the own sphere, on the line of sight


def sight_with(other_radius: float) -> SightLines:
    """A sphere of 10 mm (``own``) and another about the same centre (``other``), triangulated
    differently (as two structures meshed apart are)."""
    return SightLines(
        {
            "own": pv.Sphere(radius=10.0, theta_resolution=60, phi_resolution=60),
            "other": pv.Sphere(radius=other_radius, theta_resolution=24, phi_resolution=24),
        }
    )


@pytest.mark.parametrize(
    ("other_radius", "shown"),
    [
        (10.3, False),  # a shell enclosing it: in front
        (10.0 - 0.5 * COINCIDENT_MM, False),  # lying on it, just behind: a toss-up
        (10.0 - 3.0 * COINCIDENT_MM, True),  # clearly behind it
        (3.0, True),  # deep inside
    ],
)
def test_a_surface_lying_on_another_is_not_surely_shown(other_radius, shown):
    sight = sight_with(other_radius)
    assert sight.shows(EYE, ON_OWN, "own", ["own", "other"]) is shown
    # what is left out of the surfaces that hide does not count
    assert sight.shows(EYE, ON_OWN, "own", ["own"])


def test_every_vertex_facing_the_eye_is_shown_whatever_triangles_meet_there():
    """The labels' leader ends are surface vertices: a ray through exactly a vertex (or an edge)
    meets the surface there. Without a hit tolerance a few such rays slip between the triangles
    around the vertex, and a label jumps when a surface is triangulated anew (issue 8)."""
    ball = pv.Icosphere(radius=20.0, nsub=4)
    sight = SightLines({"ball": ball})
    points = np.asarray(ball.points, dtype=float)
    normals = points / np.linalg.norm(points, axis=1, keepdims=True)
    tried = 0
    for at in ([0, -500, 30], [400, 0, 0], [0, 0, 450], [-300, 300, -100]):
        eye = np.asarray(at, dtype=float)
        to_eye = eye - points
        to_eye /= np.linalg.norm(to_eye, axis=1, keepdims=True)
        facing = points[np.einsum("ij,ij->i", to_eye, normals) > 0.3]
        missed = [p for p in facing if not sight.shows(eye, p, "ball", ["ball"])]
        assert not missed, (eye, len(missed))
        tried += len(facing)
    assert tried > 3000


def test_nothing_is_shown_where_the_ray_misses_it():
    sight = sight_with(3.0)
    assert not sight.shows(EYE, ON_OWN + np.array([30.0, 0.0, 0.0]), "own", ["own", "other"])


def test_the_tight_piriformis_lies_on_the_muscle_where_they_share_a_surface():
    """The tight piriformis (a condition shape) is the muscle grown thicker with the same tendon
    and the same cuts against the bones: where the two surfaces meet, the muscle is not surely
    shown (seen straight on, from outside), nor the shape: neither may carry a label's leader
    there. Where the shape lies well in front, the muscle is hidden."""
    meshes = load_meshes(["piriformis_left", "piriformis_spasm_left"], None)
    muscle = meshes["piriformis_left"]
    both = ["piriformis_left", "piriformis_spasm_left"]
    sight = SightLines(meshes)
    gap = np.asarray(
        muscle.compute_implicit_distance(meshes["piriformis_spasm_left"])["implicit_distance"]
    )
    normals = np.asarray(muscle.point_normals, dtype=float)
    points = np.asarray(muscle.points, dtype=float)
    shared = np.flatnonzero(np.abs(gap) < 0.05)
    inside = np.flatnonzero(gap < -2.0 * COINCIDENT_MM)
    # the muscle shares a good part of its surface with the shape, and lies inside it elsewhere
    assert len(shared) > 0.05 * len(points), len(shared)
    assert len(inside) > 0.2 * len(points), len(inside)
    rng = np.random.default_rng(8)
    # (a vertex on the rim of the shared patch may see the shape's edge: 36 of 40 must hold)
    unsure = 0
    for k in rng.choice(shared, 40, replace=False):
        eye = points[k] + 200.0 * normals[k]
        assert sight.shows(eye, points[k], "piriformis_left", ["piriformis_left"]), k
        unsure += not sight.shows(eye, points[k], "piriformis_left", both) and not sight.shows(
            eye, points[k], "piriformis_spasm_left", both
        )
    assert unsure >= 36, unsure
    for k in rng.choice(inside, 40, replace=False):
        eye = points[k] + 200.0 * normals[k]
        assert not sight.shows(eye, points[k], "piriformis_left", both), k
