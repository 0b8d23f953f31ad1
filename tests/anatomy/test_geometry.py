"""The geometry helpers: what they do to a mesh one can check by hand."""

from __future__ import annotations

import numpy as np
import trimesh

from viewer.anatomy.geometry import welded, without_slivers


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


def _quality(mesh: trimesh.Trimesh) -> np.ndarray:
    tri = mesh.triangles
    edges = np.linalg.norm(tri - np.roll(tri, -1, axis=1), axis=2)
    return 4.0 * np.sqrt(3.0) * mesh.area_faces / (edges**2).sum(axis=1)


def test_a_flat_cap_triangle_is_collapsed_and_the_surface_stays_closed():
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    # pull one corner of a triangle to 0.02 mm short of its opposite edge: a flat "cap"
    a, b, c = sphere.faces[0]
    v = np.array(sphere.vertices)
    mid = 0.5 * (v[a] + v[b])
    v[c] = mid + 0.02 * (v[c] - mid) / np.linalg.norm(v[c] - mid)
    capped = trimesh.Trimesh(v, sphere.faces, process=False)
    assert _quality(capped).min() < 0.05
    out = without_slivers(capped, 0.05)
    assert _quality(out).min() >= 0.05
    assert out.is_watertight and out.is_winding_consistent
    assert len(out.faces) < len(capped.faces)
    assert abs(out.volume - capped.volume) < 0.01 * capped.volume


def test_without_slivers_leaves_a_clean_mesh_as_it_is():
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    out = without_slivers(sphere, 0.05)
    assert len(out.faces) == len(sphere.faces)
