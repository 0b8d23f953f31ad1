"""Surface quality of every built mesh: no spikes, pits, fins, sliver triangles or tiny islands.

What a student sees as a defect on a shaded surface, measured on the triangles:

* **spike / pit**: a vertex whose normal turns away from its neighbours' normals
  (:data:`MAX_NORMAL_DEVIATION`), or that stands far out of (or sinks far into) the ring of its
  neighbours relative to the ring's size (:data:`MAX_UMBRELLA_HEIGHT`);
* **fin / seam / crease**: two neighbouring triangles folded against each other more sharply than
  :data:`MAX_DIHEDRAL` (a smooth organic surface and a deliberate flat section cap never come
  near it);
* **sliver**: a triangle whose quality (1 for an equilateral triangle, 0 for a degenerate one) is
  under :data:`MIN_TRIANGLE_QUALITY`;
* **island**: a connected piece under :data:`MIN_ISLAND_FACES` triangles.

The first tests show that the check catches each kind of defect planted into a clean copy of a
mesh; the last runs it on every structure. Known failures of structures this file's author does
not own are marked ``xfail(strict=True)`` in :data:`KNOWN_FAILURES` with the reason: when one is
fixed, its xfail turns into a failure and must be removed.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests import known_defects
from viewer.anatomy.structures import STRUCTURES

#: degrees a vertex normal may turn from the mean normal of its neighbours
MAX_NORMAL_DEVIATION = 60.0
#: how far a vertex may stand out of the plane of its neighbours, in units of the ring's mean
#: radius (a smooth surface's curvature gives well under 1)
MAX_UMBRELLA_HEIGHT = 2.0
#: degrees between the normals of two neighbouring triangles (a flat cap's rim is 90)
MAX_DIHEDRAL = 120.0
#: least triangle quality 4*sqrt(3)*area / (sum of squared edges)
MIN_TRIANGLE_QUALITY = 0.01
#: least triangles in one connected piece
MIN_ISLAND_FACES = 20

#: id -> why it fails today (another helper's structure; remove the entry once fixed). Found by
#: this test on 2026-12-03 (issue 8 part 10).
_SOURCE_BONE = "derived from the reference bone: its own spikes, folds and sliver triangles"
KNOWN_FAILURES: dict[str, str] = {
    "s1_segment": _SOURCE_BONE,
    "sacrum_lower": _SOURCE_BONE,
    "femur_left": _SOURCE_BONE,
    "femur_right": _SOURCE_BONE,
}


# ---------------------------------------------------------------- the measures
def triangle_quality(mesh: trimesh.Trimesh) -> np.ndarray:
    """Per face: 4*sqrt(3)*area / (sum of squared edge lengths); 1 equilateral, 0 degenerate."""
    tri = mesh.triangles
    edges = np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2)
    return 4.0 * np.sqrt(3.0) * mesh.area_faces / np.maximum((edges**2).sum(axis=1), 1e-12)


def _ring_arrays(mesh: trimesh.Trimesh) -> tuple[np.ndarray, np.ndarray]:
    """The one-ring as (vertex, neighbour) index pairs, each edge both ways."""
    e = mesh.edges_unique
    return np.concatenate([e[:, 0], e[:, 1]]), np.concatenate([e[:, 1], e[:, 0]])


def normal_deviation(mesh: trimesh.Trimesh) -> np.ndarray:
    """Per vertex: degrees between its normal and the mean normal of its neighbours."""
    i, j = _ring_arrays(mesh)
    vn = mesh.vertex_normals
    mean = np.zeros_like(vn)
    np.add.at(mean, i, vn[j])
    mean /= np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
    return np.degrees(np.arccos(np.clip((vn * mean).sum(axis=1), -1.0, 1.0)))


def umbrella_height(mesh: trimesh.Trimesh) -> np.ndarray:
    """Per vertex: its distance from its neighbours' centroid along their mean normal, over the
    mean distance of the neighbours from that centroid (a spike or pit stands out far)."""
    i, j = _ring_arrays(mesh)
    v, vn = mesh.vertices, mesh.vertex_normals
    count = np.bincount(i, minlength=len(v)).astype(float)[:, None]
    centroid = np.zeros_like(v)
    np.add.at(centroid, i, v[j])
    centroid /= np.maximum(count, 1.0)
    normal = np.zeros_like(v)
    np.add.at(normal, i, vn[j])
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
    radius = np.zeros(len(v))
    np.add.at(radius, i, np.linalg.norm(v[j] - centroid[i], axis=1))
    radius /= np.maximum(count[:, 0], 1.0)
    height = np.abs(((v - centroid) * normal).sum(axis=1))
    return height / np.maximum(radius, 1e-9)


def defects(mesh: trimesh.Trimesh) -> list[str]:
    """What is wrong with the surface, one line per kind of defect (empty when clean)."""
    out = []
    dev = normal_deviation(mesh)
    if (bad := dev > MAX_NORMAL_DEVIATION).any():
        out.append(f"spike/pit: {bad.sum()} vertices turn {dev.max():.0f} deg from their ring")
    umb = umbrella_height(mesh)
    if (bad := umb > MAX_UMBRELLA_HEIGHT).any():
        out.append(f"spike/pit: {bad.sum()} vertices stand {umb.max():.1f} x out of their ring")
    dihedral = np.degrees(mesh.face_adjacency_angles)
    if (bad := dihedral > MAX_DIHEDRAL).any():
        out.append(f"fin/crease: {bad.sum()} edges folded up to {dihedral.max():.0f} deg")
    q = triangle_quality(mesh)
    if (bad := q < MIN_TRIANGLE_QUALITY).any():
        out.append(f"slivers: {bad.sum()} triangles, quality down to {q.min():.4f}")
    pieces = trimesh.graph.connected_components(
        mesh.face_adjacency, nodes=np.arange(len(mesh.faces))
    )
    small = [len(p) for p in pieces if len(p) < MIN_ISLAND_FACES]
    if small:
        out.append(f"islands: {len(small)} pieces of {sorted(small)} triangles")
    return out


# ---------------------------------------------------------------- the check catches defects
@pytest.fixture(scope="module")
def clean(model) -> trimesh.Trimesh:
    """A copy of a mesh that passes (an S1 root: smooth, closed, one piece)."""
    mesh = model.mesh("s1_nerve_root_left").copy()
    assert defects(mesh) == [], "the clean sample is not clean"
    return mesh


def _vertex_in_the_middle(mesh: trimesh.Trimesh) -> int:
    return int(np.argmin(np.linalg.norm(mesh.vertices - mesh.centroid, axis=1)))


def _ring_size(mesh: trimesh.Trimesh, i: int) -> float:
    """The mean length of vertex ``i``'s edges: a defect is planted in proportion to its own ring
    (the mesh's mean edge planted a pit too shallow to be one where the ring is coarse)."""
    ring = mesh.vertices[mesh.vertex_neighbors[i]]
    return float(np.linalg.norm(ring - mesh.vertices[i], axis=1).mean())


def test_it_catches_a_planted_spike(clean):
    mesh = clean.copy()
    i = _vertex_in_the_middle(mesh)
    mesh.vertices[i] += mesh.vertex_normals[i] * 4.0 * _ring_size(mesh, i)
    found = defects(trimesh.Trimesh(mesh.vertices, mesh.faces, process=False))
    assert any(d.startswith("spike") for d in found), found


def test_it_catches_a_planted_pit(clean):
    mesh = clean.copy()
    i = _vertex_in_the_middle(mesh)
    mesh.vertices[i] -= mesh.vertex_normals[i] * 3.0 * _ring_size(mesh, i)
    found = defects(trimesh.Trimesh(mesh.vertices, mesh.faces, process=False))
    assert any(d.startswith("spike/pit") for d in found), found


def test_it_catches_a_planted_fin(clean):
    """A vertex dragged sideways across its ring folds triangles over each other."""
    mesh = clean.copy()
    i = _vertex_in_the_middle(mesh)
    j = mesh.vertex_neighbors[i][0]
    mesh.vertices[i] = mesh.vertices[i] + 2.5 * (mesh.vertices[j] - mesh.vertices[i])
    found = defects(trimesh.Trimesh(mesh.vertices, mesh.faces, process=False))
    assert any(d.startswith("fin") for d in found), found


def test_it_catches_a_planted_sliver(clean):
    mesh = clean.copy()
    a, b, _ = mesh.faces[0]
    mesh.vertices[b] = mesh.vertices[a] + 1e-4 * (mesh.vertices[b] - mesh.vertices[a])
    found = defects(trimesh.Trimesh(mesh.vertices, mesh.faces, process=False))
    assert any(d.startswith("slivers") for d in found), found


def test_it_catches_a_tiny_island(clean):
    island = trimesh.creation.box()  # 12 triangles
    island.apply_translation(clean.bounds[1] + 5.0)
    both = trimesh.Trimesh(
        np.vstack([clean.vertices, island.vertices]),
        np.vstack([clean.faces, island.faces + len(clean.vertices)]),
        process=False,
    )
    found = defects(both)
    assert any(d.startswith("islands") for d in found), found


# ---------------------------------------------------------------- every built mesh
@pytest.mark.parametrize("sid", known_defects.cases([s.id for s in STRUCTURES], KNOWN_FAILURES))
def test_surface_has_no_spikes_pits_fins_slivers_or_islands(model, sid):
    assert defects(model.mesh(sid)) == []


#: soft structures that are not a sphere's topology, with why: Euler number (V - E + F)
RING_SHAPED = {"l5_s1_disc_annulus": 0}  # a ring round the nucleus: one tunnel


@pytest.mark.parametrize("sid", [s.id for s in STRUCTURES if s.group != "bones"])
def test_soft_structure_has_no_tunnels(model, sid):
    """No hole runs through a soft structure (a tunnel through a capsule's wall or between a
    plate and its hood reads as a tear): each is a closed surface of a sphere's topology (Euler
    number 2; each tunnel lowers it by 2), the annulus a ring. The bones have their foramina."""
    mesh = model.mesh(sid)
    assert mesh.body_count == 1 and mesh.euler_number == RING_SHAPED.get(sid, 2), (
        f"{sid}: Euler number {mesh.euler_number} ({(2 - mesh.euler_number) // 2} tunnels)"
    )
