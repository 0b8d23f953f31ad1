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


# ---------------------------------------------------------------- the capsule's form
@pytest.fixture(scope="module")
def capsule_surface(model, joints):
    """Per side: points on the capsule with their normals, their distances to L5 and to S1, and
    their height along the joint (craniocaudal within the joint plane, from the articular
    patch's middle), with the articular patch's own height range."""
    l5, s1 = model.mesh("l5_vertebra"), model.mesh("s1_segment")
    trees = [cKDTree(trimesh.sample.sample_surface(b, 200000, seed=1)[0]) for b in (l5, s1)]
    s1_near = trees[1].query(l5.triangles_center)[0]
    out = {}
    for side in SIDES:
        capsule = model.mesh(f"facet_joint_{side}")
        n = joints[1][side]["normal"]
        up = np.array([0.0, 0.0, 1.0]) - n[2] * n
        up /= np.linalg.norm(up)
        near_capsule = np.linalg.norm(l5.triangles_center - capsule.centroid, axis=1) < 20.0
        patch = l5.triangles_center[(s1_near < 2.5) & near_capsule]
        middle = patch.mean(axis=0)
        pts, faces = trimesh.sample.sample_surface(capsule, 6000, seed=0)
        out[side] = {
            "capsule": capsule,
            "points": pts,
            "normals": capsule.face_normals[faces],
            "to_l5": trees[0].query(pts)[0],
            "to_s1": trees[1].query(pts)[0],
            "height": (pts - middle) @ up,
            "patch_height": (patch - middle) @ up,
        }
    return out


def _outer(s):
    """The capsule's outer face: its points off both bones (its inner face lies on them)."""
    return np.minimum(s["to_l5"], s["to_s1"]) > 0.6


@pytest.mark.parametrize("side", SIDES)
def test_capsule_is_a_thin_fibrous_sleeve(capsule_surface, side):
    """Measured inwards from its outer face, the capsule's wall is 1-2 mm thick (Bogduk ch. 3)
    along the joint, between the levels of its upper and lower articular margins (beyond them
    the recesses bulge, and where it closes over the joint space it is thicker)."""
    s = capsule_surface[side]
    along = (s["height"] > s["patch_height"].min()) & (s["height"] < s["patch_height"].max())
    outer = _outer(s) & along
    start = s["points"][outer] - 1e-3 * s["normals"][outer]
    hits, ray, _ = s["capsule"].ray.intersects_location(
        start, -s["normals"][outer], multiple_hits=False
    )
    wall = np.linalg.norm(hits - start[ray], axis=1)
    assert len(wall) > 0.9 * outer.sum(), "rays from the outer face find no inner face"
    q25, q50, q75 = np.percentile(wall, [25, 50, 75])
    assert 1.0 <= q25 and q75 <= 2.0, f"wall {q25:.2f}-{q75:.2f} mm (median {q50:.2f})"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_recesses_bulge_beyond_the_joint_margins_above_and_below(capsule_surface, side):
    """The superior and inferior recesses: the capsule reaches well beyond the articular
    margins at the joint's upper and lower poles, and stands off the bone there (baggy)."""
    s = capsule_surface[side]
    top, bottom = s["patch_height"].max(), s["patch_height"].min()
    above, below = s["height"] > top + 1.0, s["height"] < bottom - 1.0
    assert s["height"].max() >= top + 3.0, f"reaches {s['height'].max() - top:.1f} mm above"
    assert s["height"].min() <= bottom - 3.0, f"reaches {bottom - s['height'].min():.1f} mm below"
    off_bone = np.minimum(s["to_l5"], s["to_s1"])
    hugging = np.median(off_bone[_outer(s) & ~above & ~below])
    for name, pole in (("superior", above), ("inferior", below)):
        assert np.percentile(off_bone[pole], 90) >= hugging + 0.5, f"no {name} recess bulges"


@pytest.mark.parametrize("side", SIDES)
def test_joint_line_shows_as_a_groove_in_the_capsule(capsule_surface, side):
    """Where the sleeve passes over the joint line (as far from L5 as from S1) its outer face is
    concave across the line, a groove; elsewhere the sleeve is convex."""
    s = capsule_surface[side]
    outer = _outer(s)
    odds = np.abs(s["to_l5"] - s["to_s1"])
    line, sleeve = outer & (odds < 0.4), outer & (odds > 1.5) & (odds < 4.0)
    assert line.sum() >= 50, "the sleeve does not pass over the joint line"
    curvature = trimesh.curvature.discrete_mean_curvature_measure(s["capsule"], s["points"], 0.8)
    assert np.median(curvature[line]) < 0.0 < np.median(curvature[sleeve])


@pytest.mark.parametrize("side", SIDES)
def test_capsule_lies_in_the_joint_plane(model, joints, side):
    """The capsule is flattest across the joint: its thinnest principal axis is within 20° of
    the facet's normal (the joint plane at the published angle, as the facet test above)."""
    v = model.mesh(f"facet_joint_{side}").vertices
    _, axes = np.linalg.eigh(np.cov(v.T))
    tilt = np.degrees(np.arccos(abs(axes[:, 0] @ joints[1][side]["normal"])))
    assert tilt < 20.0, f"capsule tilted {tilt:.1f}° off the joint plane"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_has_no_holes(model, side):
    """One closed surface without holes or tunnels (Euler number 2): the sleeve closes over the
    joint space, so its only openings are the two hollows where the processes enter it."""
    assert model.mesh(f"facet_joint_{side}").euler_number == 2
