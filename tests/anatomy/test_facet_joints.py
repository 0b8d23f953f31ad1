"""The L5-S1 facet joints: L5's inferior facets articulate with S1's superior ones across a joint
space of about 1-2 mm, facing anterolaterally at about 45° to the sagittal plane (A.5), and each
capsule wraps its joint.

The articulating surface is found on the built meshes: the part of L5 lying within 2.5 mm of S1,
behind the disc, on each side. The facet angle is read as on an axial image of the standing
patient: the facet's normal laid into the horizontal plane, against the left-right axis.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.spatial import cKDTree

from tests.anatomy.test_vertebra import l5_frame
from viewer.anatomy import parameters as P
from viewer.anatomy.frame import side_sign
from viewer.vocabulary import SIDES


@pytest.fixture(scope="module")
def joints(model):
    fr = l5_frame(model)
    l5 = model.mesh("l5_vertebra")
    s1 = model.mesh("s1_segment")
    s1_pts = trimesh.sample.sample_surface(s1, 150000, seed=0)[0]
    tree = cKDTree(s1_pts)
    local = fr.to_local(l5.triangles_center)
    d = tree.query(l5.triangles_center)[0]
    out = {}
    for side in SIDES:
        sx = side_sign(side)
        patch = (d < 2.5) & (local[:, 0] * sx > 8.0) & (local[:, 1] < -20.0)
        normal = (l5.face_normals[patch] * l5.area_faces[patch, None]).sum(axis=0)
        normal /= np.linalg.norm(normal)
        centre = l5.triangles_center[patch].mean(axis=0)
        k = np.flatnonzero(patch)[
            np.argmin(np.linalg.norm(l5.triangles_center[patch] - centre, axis=1))
        ]
        out[side] = {
            "area": l5.area_faces[patch].sum(),
            "gap": d[patch],
            "normal": normal,
            "in_joint": l5.triangles_center[k] + 0.5 * d[k] * l5.face_normals[k],
        }
    return fr, out


@pytest.mark.parametrize("side", SIDES)
def test_l5_inferior_facet_meets_s1(joints, side):
    """A facet-sized patch of L5 (the inferior facet) faces S1 across 1-2 mm."""
    j = joints[1][side]
    assert j["area"] > 50.0, f"only {j['area']:.0f} mm² of L5 lies within 2.5 mm of S1"
    assert 1.0 <= np.median(j["gap"]) <= 2.0, f"joint space {np.median(j['gap']):.2f} mm"
    assert j["gap"].min() >= 0.8


@pytest.mark.parametrize("side", SIDES)
def test_l5_inferior_facet_faces_anterolaterally_at_the_published_angle(joints, side):
    n = joints[1][side]["normal"]
    assert n[1] > 0 and n[0] * side_sign(side) > 0, f"facet faces {n.round(2)}"
    angle = np.degrees(np.arctan2(abs(n[1]), abs(n[0])))  # facet plane to the sagittal plane
    assert P.L5_S1_FACET_ANGLE.accepts(angle), f"{side} facet at {angle:.1f}° to the sagittal plane"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_wraps_its_joint(model, joints, side):
    """The capsule encloses the joint space in front of the L5 facet and clings to both bones."""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    assert capsule.contains([j["in_joint"]])[0]
    pts = trimesh.sample.sample_surface(capsule, 5000, seed=0)[0]
    for bone in ("l5_vertebra", "s1_segment"):
        d = cKDTree(trimesh.sample.sample_surface(model.mesh(bone), 200000, seed=1)[0]).query(pts)[
            0
        ]
        assert d.min() < 0.5, f"capsule does not reach {bone}"
    assert capsule.extents.max() < 25.0


@pytest.mark.parametrize("side", SIDES)
def test_capsule_within_triangle_budget(model, side):
    # the budget is what keeps decimation from closing the thin wall on itself, and no more
    faces = len(model.mesh(f"facet_joint_{side}").faces)
    assert 0.9 * P.FACET_MAX_TRIANGLES <= faces <= P.FACET_MAX_TRIANGLES
