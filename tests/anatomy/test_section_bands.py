"""Even rows of triangles along a plane section's rim (:mod:`viewer.anatomy.section_bands`)."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import section_bands
from viewer.anatomy.geometry import solid, to_manifold


def _cut_ring():
    """A ball with a hole through it (a canal), cut by a tilted plane: the part above."""
    ball = trimesh.creation.icosphere(subdivisions=4, radius=20.0)
    hole = trimesh.creation.cylinder(radius=5.0, height=100.0)
    point = np.array([0.0, 0.0, 3.0])
    normal = np.array([0.0, 0.3, 1.0]) / np.hypot(0.3, 1.0)
    body = to_manifold(ball) - to_manifold(hole)
    above = solid(body.split_by_plane(normal.tolist(), float(point @ normal))[0])
    return above, point, normal


def test_the_banded_section_stays_a_closed_solid_of_the_same_volume():
    part, point, normal = _cut_ring()
    out = section_bands.banded_section(part, point, normal, 2.0)
    assert out is not None
    assert out.is_watertight and out.is_winding_consistent
    assert out.volume > 0
    assert abs(out.volume - part.volume) < 2e-3 * part.volume
    # the bone above the rows is the part's own
    far = (out.vertices - point) @ normal > section_bands.BAND_TOP + 0.5
    assert np.abs(trimesh.proximity.signed_distance(part, out.vertices[far][::10])).max() < 1e-6


def test_every_rim_vertex_has_three_wall_and_three_or_four_cap_triangles():
    """The rows either side of the rim: every vertex on it (outer edge and hole alike) lies on
    three triangles of the wall and three of the cap (four where the cap's row round a hole
    spreads out and an edge of it is split), so that its shading normal is about the same mix
    all along (a fan of a different number at each vertex shades as a saw-tooth)."""
    part, point, normal = _cut_ring()
    out = section_bands.banded_section(part, point, normal, 2.0)
    assert out is not None
    on = np.abs((out.vertices - point) @ normal) < 1e-6
    cap = on[out.faces].all(axis=1)
    rim = on & np.isin(np.arange(len(out.vertices)), out.faces[~cap])
    assert rim.sum() > 50
    walls = np.bincount(out.faces[~cap].ravel(), minlength=len(out.vertices))[rim]
    caps = np.bincount(out.faces[cap].ravel(), minlength=len(out.vertices))[rim]
    assert (walls == 3).all(), np.unique(walls)
    assert np.isin(caps, (3, 4)).all(), np.unique(caps)
    assert (caps == 3).mean() > 0.75
