"""The facet capsule's recesses and its attachment, as an anatomist reads them (Bogduk, Clinical
and Radiological Anatomy of the Lumbar Spine, ch. 3): at the joint's upper and lower poles the
loose capsule bulges into subcapsular recesses, pouches of fat reaching a few millimetres beyond
the joint, the inferior one the larger; round the back of the joint it is attached a few
millimetres beyond the articular margins, its edge a clean line on the bone. Blind review s37
(2/3): "nothing shows it attaching to the margins; no recesses"; "a bag".

The joint's axes are those of :mod:`tests.anatomy.test_facet_joints`.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.spatial import ConvexHull

from tests.anatomy.test_facet_joints import _joint_axes
from viewer.vocabulary import SIDES


def _recess_reach(model, joints, side):
    """How far (mm) the capsule reaches above and below the articular patch (the part of L5
    lying within 2.5 mm of S1 near the capsule), along the joint's vertical axis."""
    capsule = model.mesh(f"facet_joint_{side}")
    l5 = model.mesh("l5_vertebra")
    near = np.linalg.norm(l5.triangles_center - capsule.centroid, axis=1) < 20.0
    centres = l5.triangles_center[near]
    # (the exact distance to S1's surface: a random sample of S1 moved the patch's top by up to
    # 0.65 mm whenever S1 was triangulated anew anywhere, stop 43)
    _, gap, _ = trimesh.proximity.closest_point(model.mesh("s1_segment"), centres)
    patch = centres[gap < 2.5]
    _, up = _joint_axes(joints[1][side]["normal"])
    middle = patch.mean(axis=0)
    height = (capsule.vertices - middle) @ up
    patch_height = (patch - middle) @ up
    return height.max() - patch_height.max(), patch_height.min() - height.min()


@pytest.mark.parametrize("side", SIDES)
def test_inferior_recess_is_the_larger(model, joints, side):
    """The superior and inferior recesses reach a few mm beyond the articular margins, the
    inferior one the further (Bogduk ch. 3: the capsule attaches a few mm beyond the articular
    margins, with small subcapsular recesses at the poles): the capsule reaches at least 2 mm
    above the articular patch, at least 3 mm below it and further below than above (2.35 / 3.33
    above, 3.69 / 3.53 below as built, s43, the capsule 15-21 mm tall; the patch found by the
    exact distance to S1, where a random sample of S1 had put its top up to 0.65 mm off: 2.5
    mm above, asked in s42 from that sample's 2.5-3.3, is more than "a few mm" needs). (Until
    s41 this asked for 5 mm above and 1.5 mm more below, the earlier review's pouches on a 30
    mm capsule: blind review s41, 2/2, asked for a sleeve 15-20 mm tall.)"""
    above, below = _recess_reach(model, joints, side)
    assert above >= 2.0, f"the superior recess reaches {above:.1f} mm above the joint"
    assert below >= 3.0, f"the inferior recess reaches {below:.1f} mm below the joint"
    assert below >= above + 0.1, f"it reaches {above:.1f} mm above the joint, {below:.1f} below"


def _rim_heights(capsule, j):
    """Round the joint's back (each 20 deg sector within 50 deg of it), on each bone's side: how
    much thicker (mm) the wall is 0.5-1.5 mm in from its lip (its furthest reach across the joint
    in that sector) than 2.5-4 mm in (each the median of rays in from its outer face)."""
    n = j["normal"]
    h, up = _joint_axes(n)
    pts, faces = trimesh.sample.sample_surface(capsule, 4000, seed=0)
    normals = capsule.face_normals[faces]
    rel = pts - j["in_joint"]
    across = rel @ n
    angle = np.degrees(np.arctan2(rel @ up, rel @ h))
    inplane = rel - np.outer(across, n)
    outward = np.einsum("ij,ij->i", normals, inplane) > 0.3 * np.linalg.norm(inplane, axis=1)
    origins = pts - normals * 0.01
    out = []
    for sign in (-1.0, 1.0):  # L5's side, S1's
        reach = sign * across
        for s in np.arange(-40.0, 40.1, 20.0):
            sector = np.abs(angle - s) <= 10.0
            lip = reach[sector].max()
            zones = [
                np.flatnonzero(sector & outward & (reach > lip - far) & (reach < lip - near))
                for near, far in ((0.5, 1.5), (2.5, 4.0))
            ]
            rays = np.concatenate(zones)
            loc, ray, _ = capsule.ray.intersects_location(
                origins[rays], -normals[rays], multiple_hits=False
            )
            thick = np.linalg.norm(loc - origins[rays][ray], axis=1)
            lip_zone = ray < len(zones[0])
            out.append(np.median(thick[lip_zone]) - np.median(thick[~lip_zone]))
    return np.array(out)


@pytest.mark.parametrize("side", SIDES)
def test_capsule_lips_end_without_a_rolled_rim(model, joints, side):
    """Round the joint's back the capsule's attachment to the processes is a clean line where a
    taut, thin sleeve meets the bone (its fibres inserting on the bone a few mm beyond the
    articular margins; Bogduk ch. 3), not a bead rolled along its lips: the wall 0.5-1.5 mm in
    from its lip stands no more than 0.2 mm thicker than 2.5-4 mm in (the median over the
    sectors; -0.24 to -0.25 as built, s45: the lips thinning onto the bone). (Until s44 this
    asked for a raised rim, at least 0.4 mm and until s43 0.6 (0.45-0.51 as built, s43-s44; s37's
    lips thinning into the bone, "nothing shows it attaching to the margins", blind review):
    beside the joint line's seam those ridges, 1.4 mm high, read as folds, "a crumpled, baggy sock
    with random folds", blind review 2/2 five times. A fibrous capsule is a sheet of collagen
    inserting into the periosteum, Bogduk ch. 3: nothing thickens it at its insertion; that the
    lips lie on the processes is
    :func:`tests.anatomy.test_facet_joints_sleeve.test_capsule_lips_lie_on_the_processes`'s.)"""
    rim = _rim_heights(model.mesh(f"facet_joint_{side}"), joints[1][side])
    assert np.median(rim) <= 0.2, f"its lips stand {np.median(rim):.2f} mm proud: {rim.round(2)}"


def _neck_depths(capsule, j):
    """The capsule's outline seen square to the joint's plane (its farthest point in each 3 deg
    sector round the joint's middle, from 120 deg below its back over the back to 120 deg above):
    how far (mm) the outline lies inside its convex hull at its deepest, 30-100 deg round from
    the back towards the upper and towards the lower pole (where a pouch joins the cuff)."""
    h, up = _joint_axes(j["normal"])
    rel = capsule.vertices - j["in_joint"]
    flat = np.column_stack([rel @ h, rel @ up])
    angle = np.degrees(np.arctan2(flat[:, 1], flat[:, 0]))
    radius = np.hypot(flat[:, 0], flat[:, 1])
    farthest = []
    for s in np.arange(-120.0, 120.1, 3.0):
        sector = np.flatnonzero(np.abs(angle - s) <= 1.5)
        if len(sector):
            farthest.append(flat[sector[np.argmax(radius[sector])]])
    outline = np.array(farthest)
    facets = ConvexHull(outline).equations
    inside = np.min(-(outline @ facets[:, :2].T + facets[:, 2]), axis=1)
    at = np.degrees(np.arctan2(outline[:, 1], outline[:, 0]))
    return inside[(at > 30.0) & (at < 100.0)].max(), inside[(at < -30.0) & (at > -100.0)].max()


@pytest.mark.parametrize("side", SIDES)
def test_recesses_swell_from_the_sleeve_without_a_knob(model, joints, side):
    """The superior and inferior recesses are small pouches of the loose capsule at its poles
    (Bogduk ch. 3: the capsule is loose there and bulges into subcapsular recesses filled with
    fat): soft swellings of the one sleeve, not knobs or bulbs on a neck. Seen square to the
    joint, the outline's waist between the cuff and each pouch lies no more than 0.5 mm inside
    its convex hull (0.05-0.37 as built, s44; main's 0.87-0.91 below: the lower pouch creased
    off the cuff, "a two-lobed bulb at one pole" on "a crumpled sock", blind review s43 2/2; the
    s43 first pass's 0.68-0.80 above: "a two-lobed knob", blind review s42 2/2). That the
    recesses reach beyond the joint, the inferior the further, is
    :func:`test_inferior_recess_is_the_larger`'s and
    :func:`tests.anatomy.test_facet_joints.test_capsule_recesses_bulge_beyond_the_joint_margins_above_and_below`'s.
    (Until s44 a waist was asked for too, 0.6 mm below and 0.3 above, from s38's evenly
    ballooning wall read as "no recesses", blind review: the pouches then stood out on necks
    and read as bulbs; the recesses are now placed from each joint's own margins and reach
    2.65-3.08 mm above, 3.26-3.46 below it.)"""
    above, below = _neck_depths(model.mesh(f"facet_joint_{side}"), joints[1][side])
    assert above <= 0.5 and below <= 0.5, (
        f"the outline lies {above:.2f} mm inside its hull by the upper pouch, {below:.2f} by the"
        " lower: a pouch on a neck"
    )
