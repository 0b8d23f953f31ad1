"""Plausibility of the whole built model as committed: closed meshes, one piece, left/right
mirror, no bone entering bone or disc, triangle budget. (A rebuild's shape and soundness:
test_rebuild.py.)"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.soundness import problems
from viewer.anatomy.geometry import to_manifold
from viewer.anatomy.structures import BY_ID, STRUCTURES, mirror_id

ALL_IDS = [s.id for s in STRUCTURES]
#: (left, right) twins
PAIRS = [(s.id, twin) for s in STRUCTURES if s.side == "left" and (twin := mirror_id(s.id))]

#: The budget software rendering can afford (issue 8 item 11: at most 450k triangles in all,
#: the frame-time benchmark within 10 % of its stop-19 value; issue 2 item 8 had 400k).
TRIANGLE_BUDGET = 450_000


@pytest.mark.parametrize("sid", ALL_IDS)
def test_mesh_is_closed_manifold_outward_and_in_one_piece_where_it_should_be(model, sid):
    assert problems(model.mesh(sid), BY_ID[sid]) == []


#: mm: how far, on average, a reflected right structure's surface lies from its left twin's (the
#: largest today: the herniations, 0.65 mm; stop 39: measured from sampled points to the other
#: surface, not to the other's sampled points, whose spacing alone read 1.4-1.7 mm on the large
#: thin patches and psoas however alike the two sides were)
MIRROR_GAP = 1.0


@pytest.mark.parametrize("left,right", PAIRS)
def test_left_and_right_mirror_each_other(model, left, right):
    a = model.mesh(left)
    b = model.mesh(right)
    mirrored = trimesh.Trimesh(b.vertices * np.array([-1.0, 1.0, 1.0]), b.faces[:, ::-1])
    # Both sides of the model are placed in one frame, so no alignment: a reflected right
    # structure must lie on its left twin.
    pa = trimesh.sample.sample_surface(a, 4000, seed=0)[0]
    pb = trimesh.sample.sample_surface(mirrored, 4000, seed=0)[0]
    d = np.concatenate(
        [
            trimesh.proximity.closest_point(mirrored, pa)[1],
            trimesh.proximity.closest_point(a, pb)[1],
        ]
    )
    assert a.centroid[0] > 0 > b.centroid[0] or a.centroid[0] < 0 < b.centroid[0]
    assert a.centroid[0] < b.centroid[0], f"{left} should lie on the patient's left (-x)"
    assert d.mean() < MIRROR_GAP, (
        f"{left}/{right} differ by {d.mean():.2f} mm on average after reflection"
    )


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


def _overlap_depth(a: trimesh.Trimesh, b: trimesh.Trimesh) -> float:
    """How deep (mm) the two solids interpenetrate: 0 when they only touch or stay apart.

    Every vertex of their intersection lies on one surface and inside the other; its distance to
    the other surface is how far that surface has gone in."""
    common = (to_manifold(a) ^ to_manifold(b)).to_mesh()
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
