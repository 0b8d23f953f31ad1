"""The geometry helpers: what they do to a mesh one can check by hand."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from viewer.anatomy.geometry import (
    border_loops,
    border_vertices,
    closed_without_slivers,
    first_hit,
    triangle_quality,
    triangles_quality,
    welded,
    without_slivers,
)


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


def _capped_sphere() -> trimesh.Trimesh:
    """An icosphere with one flat cap triangle (a corner 0.02 mm short of its opposite edge)."""
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    a, b, c = sphere.faces[0]
    v = np.array(sphere.vertices)
    mid = 0.5 * (v[a] + v[b])
    v[c] = mid + 0.02 * (v[c] - mid) / np.linalg.norm(v[c] - mid)
    return trimesh.Trimesh(v, sphere.faces, process=False)


def test_a_closed_mesh_loses_its_sliver_and_stays_closed():
    capped = _capped_sphere()
    out = closed_without_slivers(capped, 0.05)
    assert _quality(out).min() >= 0.05 and len(out.faces) < len(capped.faces)
    assert out.is_watertight and out.euler_number == capped.euler_number


def test_a_collapse_that_would_open_the_mesh_is_refused():
    """With a face missing far from the sliver (a hole), the collapsed mesh is not closed: the
    mesh comes back as it was, its sliver kept."""
    capped = _capped_sphere()
    far = int(
        np.argmax(np.linalg.norm(capped.triangles_center - capped.triangles_center[0], axis=1))
    )
    holed = trimesh.Trimesh(capped.vertices, np.delete(capped.faces, far, axis=0), process=False)
    assert _quality(holed).min() < 0.05
    out = closed_without_slivers(holed, 0.05)
    assert out is holed


def test_without_slivers_leaves_a_clean_mesh_as_it_is():
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=10.0)
    out = without_slivers(sphere, 0.05)
    assert len(out.faces) == len(sphere.faces)


def test_keep_border_collapses_slivers_inside_and_leaves_the_border_where_it_is():
    n = 8  # a flat open sheet of n x n squares, two triangles each
    i, j = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    points = np.column_stack([i.ravel(), j.ravel(), np.zeros(i.size)]).astype(float)
    k = (i[:-1, :-1] * (n + 1) + j[:-1, :-1]).ravel()
    quads = np.column_stack([k, k + n + 1, k + n + 2, k + 1])
    sheet = trimesh.Trimesh(points, np.vstack([quads[:, :3], quads[:, [0, 2, 3]]]), process=False)
    v = np.array(sheet.vertices)
    rim = border_vertices(sheet)
    inner = np.flatnonzero(~rim)
    # a flat cap inside: one inner vertex pulled all but onto a neighbour of it
    edge = next(e for e in sheet.edges_unique if not rim[e].any())
    v[edge[0]] = v[edge[1]] + 0.001 * (v[edge[0]] - v[edge[1]])
    # and one on the rim: a rim vertex pulled all but onto its rim neighbour
    on_rim = next(e for e in sheet.edges_unique if rim[e].all())
    v[on_rim[0]] = v[on_rim[1]] + 0.001 * (v[on_rim[0]] - v[on_rim[1]])
    capped = trimesh.Trimesh(v, sheet.faces, process=False)
    assert len(inner) and triangle_quality(capped).min() < 0.05
    out = without_slivers(capped, 0.05, keep_border=True)
    assert len(out.faces) < len(capped.faces)
    # every rim vertex is still there, unmoved
    gap = np.linalg.norm(out.vertices[:, None] - v[rim][None], axis=2).min(axis=0)
    assert gap.max() < 1e-9


def test_first_hit_is_the_nearest_crossing_ahead_within_reach():
    # a 10 mm box centred on the origin: its faces at -5 and +5 along each axis
    box = trimesh.creation.box(extents=(10.0, 10.0, 10.0))
    origins = np.array(
        [
            [-20.0, 0.0, 0.0],  # outside, facing it: meets the -x face 15 mm on
            [0.0, 0.0, 0.0],  # inside: meets the +x face 5 mm on
            [-20.0, 0.0, 0.0],  # facing away: nothing
            [-40.0, 0.0, 0.0],  # facing it, but the box lies beyond the reach
            [-20.0, 8.0, 0.0],  # passing beside it
        ]
    )
    x = np.array([1.0, 0.0, 0.0])
    dirs = np.array([x, x, -x, x, x])
    hits = first_hit(box, origins, dirs, reach=30.0)
    assert np.allclose(hits[:2], [15.0, 5.0])
    assert np.isnan(hits[2:]).all()


def test_border_loops_follow_each_open_end_the_way_its_faces_run():
    """An open tube (a strip of quads round between two rings) has two border loops, each of
    its ring's vertices once, each edge running the way it runs in its face."""
    n = 16
    angle = 2.0 * np.pi * np.arange(n) / n
    ring = np.column_stack([np.cos(angle), np.sin(angle), np.zeros(n)])
    vertices = np.vstack([ring, ring + [0.0, 0.0, 1.0]])
    low, high = np.arange(n), n + np.arange(n)
    faces = np.vstack(
        [
            np.column_stack([low, np.roll(low, -1), high]),
            np.column_stack([np.roll(low, -1), np.roll(high, -1), high]),
        ]
    )
    assert trimesh.Trimesh(vertices, faces).is_winding_consistent
    loops = border_loops(faces)
    assert sorted(sorted(loop.tolist()) for loop in loops) == [low.tolist(), high.tolist()]
    directed = {(int(f[i]), int(f[(i + 1) % 3])) for f in faces for i in range(3)}
    for loop in loops:
        assert all(
            (int(a), int(b)) in directed for a, b in zip(loop, np.roll(loop, -1), strict=True)
        )


def test_border_loops_refuse_two_loops_touching_at_a_vertex():
    """Two triangles sharing only a corner: their borders meet there, which is no simple loop."""
    faces = np.array([[0, 1, 2], [0, 3, 4]])
    with pytest.raises(ValueError):
        border_loops(faces)


def test_triangle_quality_is_one_for_an_equilateral_triangle_and_near_zero_for_a_cap():
    """The same measure on loose triangles (corners) as on a mesh's faces."""
    tri = np.array(
        [
            [(0.0, 0.0, 0.0), (2.0, 0.0, 0.0), (1.0, np.sqrt(3.0), 0.0)],
            [(0.0, 0.0, 0.0), (4.0, 0.0, 0.0), (2.0, 0.05, 0.0)],
        ]
    )
    q = triangles_quality(tri)
    assert np.isclose(q[0], 1.0) and q[1] < 0.03
    mesh = trimesh.Trimesh(tri.reshape(-1, 3), np.arange(6).reshape(2, 3), process=False)
    assert np.array_equal(triangle_quality(mesh), q)
