"""Plausibility of the whole built model: closed meshes, one piece, left/right mirror, no bone
entering bone or disc, triangle budget, and a deterministic build."""

from __future__ import annotations

import manifold3d
import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from viewer import locations
from viewer.anatomy.structures import STRUCTURES, mirror_id

ALL_IDS = [s.id for s in STRUCTURES]
PAIRS = sorted({tuple(sorted((s.id, mirror_id(s.id)))) for s in STRUCTURES if s.side})

#: The budget software rendering can afford (DEVELOPERS.md; issue 2 item 8).
TRIANGLE_BUDGET = 400_000


@pytest.mark.parametrize("sid", ALL_IDS)
def test_mesh_is_closed_manifold_and_outward(model, sid):
    mesh = model.mesh(sid)
    assert len(mesh.faces) > 0
    assert mesh.is_watertight, f"{sid} has open edges"
    assert mesh.is_winding_consistent, f"{sid} has inconsistent winding"
    assert mesh.volume > 0, f"{sid} is inside out"


@pytest.mark.parametrize("sid", [s.id for s in STRUCTURES if s.one_piece])
def test_one_piece_structures_are_one_connected_surface(model, sid):
    assert model.mesh(sid).body_count == 1


@pytest.mark.parametrize(
    "left,right", [(a, b) if a.endswith("_left") else (b, a) for a, b in PAIRS]
)
def test_left_and_right_mirror_each_other(model, left, right):
    a = model.mesh(left)
    b = model.mesh(right)
    mirrored = b.vertices * np.array([-1.0, 1.0, 1.0])
    # Both sides of the model are placed in one frame, so no alignment: a reflected right
    # structure must lie on its left twin.
    pa = trimesh.sample.sample_surface(a, 4000, seed=0)[0]
    pb = trimesh.sample.sample_surface(trimesh.Trimesh(mirrored, b.faces[:, ::-1]), 4000, seed=0)[0]
    d = np.concatenate([cKDTree(pb).query(pa)[0], cKDTree(pa).query(pb)[0]])
    assert a.centroid[0] > 0 > b.centroid[0] or a.centroid[0] < 0 < b.centroid[0]
    assert a.centroid[0] < b.centroid[0], f"{left} should lie on the patient's left (-x)"
    assert d.mean() < 1.5, f"{left}/{right} differ by {d.mean():.2f} mm on average after reflection"


HARD = [
    "l5_vertebra",
    "s1_segment",
    "sacrum_lower",
    "hip_bone_left",
    "hip_bone_right",
    "femur_left",
    "femur_right",
    "l5_s1_disc_annulus",
]


def _solid(mesh: trimesh.Trimesh) -> manifold3d.Manifold:
    return manifold3d.Manifold(
        manifold3d.Mesh(
            vert_properties=np.asarray(mesh.vertices, np.float32),
            tri_verts=np.asarray(mesh.faces, np.uint32),
        )
    )


def _overlap_depth(a: trimesh.Trimesh, b: trimesh.Trimesh) -> float:
    """How deep (mm) the two solids interpenetrate: 0 when they only touch or stay apart.

    Every vertex of their intersection lies on one surface and inside the other; its distance to
    the other surface is how far that surface has gone in."""
    common = (_solid(a) ^ _solid(b)).to_mesh()
    v = np.asarray(common.vert_properties)[:, :3]
    if len(v) == 0:
        return 0.0
    da = trimesh.proximity.closest_point(a, v)[1]
    db = trimesh.proximity.closest_point(b, v)[1]
    return float(np.maximum(da, db).max())


@pytest.mark.parametrize("a,b", [(a, b) for i, a in enumerate(HARD) for b in HARD[i + 1 :]])
def test_no_bone_enters_another_bone_or_the_disc(model, a, b):
    ma, mb = model.mesh(a), model.mesh(b)
    depth = _overlap_depth(ma, mb)
    assert depth <= 0.5, f"{a} and {b} overlap by {depth:.2f} mm"


def test_whole_model_within_triangle_budget(model):
    total = sum(len(model.mesh(sid).faces) for sid in ALL_IDS)
    assert total <= TRIANGLE_BUDGET, f"{total} triangles"


@pytest.mark.slow
def test_build_reproduces_the_meshes_byte_for_byte(tmp_path):
    from viewer.anatomy.build import build_all, write

    write(build_all(), tmp_path)
    differing = []
    for spec in STRUCTURES:
        suffixes = [".ply"] + ([".centerline.npy"] if spec.centerline else [])
        for suffix in suffixes:
            built = (tmp_path / f"{spec.id}{suffix}").read_bytes()
            shipped = locations.mesh_file(spec.id, suffix).read_bytes()
            if built != shipped:
                differing.append(spec.id + suffix)
    assert not differing, f"rebuild differs from meshes/: {differing}"
