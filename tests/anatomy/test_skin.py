"""The skin envelope: closed, smooth, within budget, around every bone and muscle at a depth a
body has, from the lower thorax to mid-thigh."""

from __future__ import annotations

import numpy as np

from tests.anatomy.tissue_geometry import BONES, signed_distance
from viewer.anatomy import parameters as P
from viewer.anatomy.structures import ids


def test_skin_within_triangle_budget(model):
    assert len(model.mesh("skin").faces) <= 20_000


def test_skin_encloses_every_bone_at_depth(model):
    skin = model.mesh("skin")
    for b in BONES:
        v = model.mesh(b).vertices[::7]
        depth = -signed_distance(skin, v)
        assert (depth > 0).all(), f"{b} pokes out of the skin"
        depth = depth.min()
        assert depth >= P.SKIN_MIN_DEPTH - 2.0, f"{b} lies {depth:.1f} mm under the skin"


def test_skin_encloses_the_muscles(model):
    skin = model.mesh("skin")
    top = skin.bounds[1][2]
    for m in ids("muscles"):
        v = model.mesh(m).vertices[::5]
        v = v[v[:, 2] < top - 5]  # muscles running on above the lower thorax are cut by the clip
        assert (signed_distance(skin, v) < 0).mean() > 0.99, f"{m} pokes out of the skin"


def test_skin_spans_lower_thorax_to_mid_thigh(model):
    skin = model.mesh("skin")
    l5 = model.mesh("l5_vertebra")
    femur = model.mesh("femur_right")
    assert skin.bounds[1][2] > l5.bounds[1][2] + 50, "should reach above the lumbar spine"
    head_top = femur.bounds[1][2]
    assert skin.bounds[0][2] < head_top - 150, "should reach down the thigh"


def test_skin_is_smooth(model):
    skin = model.mesh("skin")
    # neighbouring faces turn by little: the surface shows no voxel steps
    angles = skin.face_adjacency_angles
    assert np.percentile(np.degrees(angles), 99) < 30
