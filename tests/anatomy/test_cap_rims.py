"""A nerve's cut end is refined to a round rim (cap_rims), even where some of its edges cannot be
split without a fold or a sliver."""

import numpy as np
import trimesh

from viewer.anatomy import cap_rims, geometry, section_caps


def _rim_lengths(mesh):
    flags = section_caps.cut_flags(mesh)
    on = section_caps.cap_faces(mesh.faces, flags, mesh.face_normals)
    out = []
    for c in [c for c in np.unique(flags) if c > 0]:
        edges = cap_rims._rim_edges(mesh.faces, on & (flags[mesh.faces[:, 0]] == c))
        out += [len(loop) for loop in cap_rims._loops(edges)]
    return out


def _capped_rod(sections=8):
    rod = trimesh.creation.cylinder(radius=2.0, height=20.0, sections=sections)
    section_caps.tag_plane(rod, np.array([0.0, 0.0, 10.0]), np.array([0.0, 0.0, 1.0]), 0.05)
    return rod


def test_an_octagonal_cut_end_is_refined_to_a_round_rim():
    rod = _capped_rod()
    assert _rim_lengths(rod) == [8]
    out = cap_rims.rounder(rod)
    assert out.is_watertight
    assert min(_rim_lengths(out)) >= cap_rims.MIN_RIM_EDGES


def test_an_edge_whose_split_would_leave_a_sliver_is_left_and_the_rest_split():
    rod = _capped_rod()
    # one side triangle on the rim made long: its far corner (on the other end) pulled 50 mm
    # further off, so halving its rim edge would leave triangles of quality under MIN_QUALITY
    v = rod.vertices.copy()
    top = np.isclose(v[:, 2], 10.0)
    on_rim = [
        f
        for f in rod.faces
        if top[f].sum() == 2 and np.linalg.norm(v[f][top[f]][:, :2], axis=1).min() > 1.0
    ]
    apex = [k for k in on_rim[0] if not top[k]][0]
    v[apex, 2] -= 50.0
    bent = trimesh.Trimesh(v, rod.faces, process=False)
    bent.vertex_attributes[section_caps.ATTRIBUTE] = section_caps.cut_flags(rod)
    out = cap_rims.rounder(bent)
    assert out.is_watertight
    # that edge kept, the other seven split (and on): a rounder rim, no sliver made
    assert min(_rim_lengths(out)) >= 15
    assert geometry.triangle_quality(out).min() >= min(
        cap_rims.MIN_QUALITY, geometry.triangle_quality(bent).min()
    )


def _ring_deviation(mesh):
    """Per vertex: degrees between its normal and the mean of its neighbours' normals (as
    tests/anatomy/test_surface_quality.py measures a spike)."""
    e = mesh.edges_unique
    i, j = np.concatenate([e[:, 0], e[:, 1]]), np.concatenate([e[:, 1], e[:, 0]])
    vn = mesh.vertex_normals
    mean = np.zeros_like(vn)
    np.add.at(mean, i, vn[j])
    mean /= np.linalg.norm(mean, axis=1, keepdims=True)
    return np.degrees(np.arccos(np.clip((vn * mean).sum(axis=1), -1.0, 1.0)))


def test_a_cut_end_fanned_from_one_rim_vertex_is_fanned_from_its_centre():
    """A small cut end the decimation left as a fan from one rim vertex: refined, that vertex
    would be joined across the cap to the whole rim, its normal turned over 60 deg from its
    ring's (a spike); the cap is made a fan from its centre instead: each rim vertex on two of
    its triangles, no vertex turned."""
    rod = trimesh.creation.cylinder(radius=2.0, height=20.0, sections=8)
    v, faces = rod.vertices, rod.faces
    top = np.flatnonzero(np.isclose(v[:, 2], 10.0) & (np.linalg.norm(v[:, :2], axis=1) > 1.0))
    hub = np.isclose(v[:, 2], 10.0) & (np.linalg.norm(v[:, :2], axis=1) < 1e-6)
    centre = int(np.flatnonzero(hub)[0])
    ring = top[np.argsort(np.arctan2(v[top, 1], v[top, 0]))]
    fan = np.array([[ring[0], ring[k], ring[k + 1]] for k in range(1, len(ring) - 1)])
    keep = faces[~(faces == centre).any(axis=1)]
    used = np.setdiff1d(np.arange(len(v)), [centre])
    remap = np.full(len(v), -1)
    remap[used] = np.arange(len(used))
    one = trimesh.Trimesh(v[used], remap[np.vstack([keep, fan])], process=False)
    one.fix_normals()
    assert one.is_watertight
    section_caps.tag_plane(one, np.array([0.0, 0.0, 10.0]), np.array([0.0, 0.0, 1.0]), 0.05)
    out = cap_rims.rounder(one)
    assert out.is_watertight and out.euler_number == 2
    assert min(_rim_lengths(out)) >= cap_rims.MIN_RIM_EDGES
    flags = section_caps.cut_flags(out)
    cap = section_caps.cap_faces(out.faces, flags, out.face_normals)
    rim = np.unique(cap_rims._rim_edges(out.faces, cap).ravel())
    per_vertex = np.bincount(out.faces[cap].ravel(), minlength=len(out.vertices))[rim]
    assert per_vertex.max() <= 2, f"a rim vertex on {per_vertex.max()} cap triangles"
    near = out.vertices[:, 2] > 5.0  # (the rod's other, uncut end aside)
    assert _ring_deviation(out)[near].max() < 50.0
