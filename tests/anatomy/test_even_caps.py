"""Even triangles on a plane section cap (:mod:`viewer.anatomy.even_caps`)."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy import even_caps
from viewer.anatomy.geometry import solid, to_manifold


def test_a_cut_sphere_gets_an_even_closed_cap():
    """A sphere cut by a plane: the boolean's cap is a fan of long thin triangles from the rim;
    after :func:`even_cap` the mesh is still closed, its volume the same, and every cap
    triangle short (edges under twice the spacing) and near equilateral."""
    ball = trimesh.creation.icosphere(subdivisions=4, radius=20.0)
    point, normal = np.array([0.0, 0.0, 3.0]), np.array([0.0, 0.3, 1.0]) / np.hypot(0.3, 1.0)
    # (the part below the plane: split_by_plane gives the side the normal points to first)
    cut = solid(to_manifold(ball).split_by_plane(normal.tolist(), float(point @ normal))[1])
    out = even_caps.even_cap(cut, point, normal, 2.0)
    assert out.is_watertight and out.is_winding_consistent
    assert abs(out.volume - cut.volume) < 1e-3 * cut.volume
    on = np.abs((out.vertices - point) @ normal) < 1e-3
    cap = on[out.faces].all(axis=1) & (out.face_normals @ normal > 0.99)
    assert cap.sum() > 100
    tri = out.vertices[out.faces[cap]]
    edges = np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2).max(axis=1)
    assert edges.max() < 4.0
    aspect = edges**2 / (2.0 * out.area_faces[cap]) * np.sqrt(3.0) / 2.0
    assert np.percentile(aspect, 99) < 8.0
