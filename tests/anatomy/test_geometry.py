"""The geometry helpers: what they do to a mesh one can check by hand."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy.geometry import welded


def test_welding_removes_a_needle_and_keeps_the_surface_closed():
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    # split one edge at a point a hair's breadth from its end: two needle triangles appear
    a, b = sphere.edges_unique[0]
    needle = sphere.vertices[a] + 1e-3 * (sphere.vertices[b] - sphere.vertices[a])
    split = trimesh.Trimesh(np.vstack([sphere.vertices, needle]), sphere.faces, process=False)
    new = len(sphere.vertices)
    faces = []
    for f in sphere.faces:
        if a in f and b in f:
            i = list(f).index(a)
            f = np.roll(f, -i)  # a first
            if f[1] == b:
                faces += [[a, new, f[2]], [new, b, f[2]]]
            else:
                faces += [[a, f[1], new], [new, f[1], b]]
        else:
            faces.append(list(f))
    split = trimesh.Trimesh(split.vertices, np.array(faces), process=False)
    assert split.is_watertight and len(split.faces) == len(sphere.faces) + 2
    out = welded(split, 0.05)
    assert len(out.faces) == len(sphere.faces)
    assert out.is_watertight and out.is_winding_consistent
    assert np.isclose(out.volume, sphere.volume)


def test_welding_leaves_a_clean_mesh_as_it_is():
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    out = welded(sphere, 0.05)
    assert len(out.vertices) == len(sphere.vertices) and len(out.faces) == len(sphere.faces)
