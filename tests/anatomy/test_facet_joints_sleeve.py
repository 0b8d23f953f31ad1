"""The facet capsule's surface as an anatomist reads it: a smooth fibrous sleeve, deepest
behind, where the posterior capsule spans the joint (Bogduk ch. 3; Yamashita 1996; Jaumard 2011).
Blind review s33 (3/3): "a clam shell with thick rolled rims and a flat oval plate inside".

The joint's axes are those of :mod:`tests.anatomy.test_facet_joints`.
"""

from __future__ import annotations

import numpy as np
import pytest
import trimesh
from scipy.ndimage import uniform_filter1d
from scipy.spatial import cKDTree

from tests.anatomy.test_facet_joints import _joint_axes
from tests.anatomy.test_facet_joints_hood import _polar
from viewer.vocabulary import SIDES


def _outline(model, joints, side, across):
    """Round the joint's back and poles (-70 to 70 deg from its back, every 0.5 deg), ``across``
    mm from the joint's middle along its normal: the angles (deg) and the distance (mm) out to
    the structure's outer face within the joint's plane (nan where a ray misses it)."""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    h, up = _joint_axes(j["normal"])
    angle = np.arange(-70.0, 70.01, 0.5)
    a = np.radians(angle)
    dirs = np.outer(np.cos(a), h) + np.outer(np.sin(a), up)
    origins = np.tile(j["in_joint"] + across * j["normal"], (len(dirs), 1))
    loc, ray, _ = capsule.ray.intersects_location(origins, dirs, multiple_hits=True)
    out = np.full(len(dirs), np.nan)
    for i in range(len(dirs)):
        if (ray == i).any():
            out[i] = np.linalg.norm(loc[ray == i] - origins[i], axis=1).max()
    return angle, out


@pytest.mark.parametrize("side", SIDES)
def test_capsule_face_is_smooth_round_its_back(model, joints, side):
    """The posterior capsule is a thin, taut fibrous sheet over the joint (Bogduk ch. 3), smooth
    as atlases draw it: going round the sleeve's back 3 mm either side of the joint line (within
    45 deg of the back), its outline ripples little (the root mean square of what its 15 deg
    running mean leaves: at most 0.035 mm; 0.021-0.024 as built, s44; main's 0.05: the
    pouches' necks and the fibres' relief, "a crumpled sock", blind review s43 2/2).
    (Until s44 this asked for at least 0.025 mm as the relief of the collagen bundles running
    across the joint line (Yamashita 1996; Jaumard 2011, histological sections): at 0.1 mm deep
    they were not seen at review size, and the measure did not see them either, 0.05 with them
    removed; the fibres are a feature of the capsule's structure, not of its surface.)"""
    for across in (-3.0, 3.0):
        angle, r = _outline(model, joints, side, across)
        ok = ~np.isnan(r)
        assert ok.mean() > 0.9, f"the sleeve is missed on {(~ok).sum()} rays {across} mm across"
        r = np.interp(angle, angle[ok], r[ok])
        ripple = r - uniform_filter1d(r, 31, mode="nearest")  # 31 rays: 15 deg
        back = np.abs(angle) <= 45.0
        rms = np.sqrt(np.mean(ripple[back] ** 2))
        assert rms <= 0.035, f"its face ripples {rms:.3f} mm (rms) {across} mm across"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_is_deepest_behind(model, joints, side):
    """The posterior capsule is the deepest part of the sleeve: behind, its wall (the
    structure's outer 4 mm) spans at least 1.5 mm further across the joint, onto the processes,
    than at either pole (about 2.5 as built; s33's even sleeve about 1.0)."""
    across, angle, radius = _polar(model, joints, side)
    span = {}
    for name, s in (("back", 0.0), ("top", 90.0), ("bottom", -90.0)):
        inside = np.abs(angle - s) <= 15.0
        outer = inside & (radius > radius[inside].max() - 4.0)
        span[name] = np.ptp(across[outer])
    assert span["back"] >= max(span["top"], span["bottom"]) + 1.5, span


@pytest.mark.parametrize("side", SIDES)
def test_cartilages_are_the_floor_of_the_sleeves_bore(model, joints, side):
    """The cartilages are no loose plate inside the hood: round the joint's back and poles the
    sleeve's inner face curves onto each cartilage's back (the capsule attached round the
    articular margins; Bogduk ch. 3), so the bore's floor rises into its wall. Its surface facing
    both into the bore (towards the joint's axis) and out across the joint (towards the bone), 1
    to 4.5 mm from the joint's middle and within 100 deg of its back, its normal within 73 deg of
    both directions: at least 65 mm² in all and 20 mm² on each bone's side (about 2 mm wide
    round the rim; s34's plates met the wall at a sharp corner, 33-49 and 7-42: "a clam shell
    with a loose oval plate inside", blind review 3/3). (Until s41: 80 mm², on a capsule 30 mm
    tall, 113-120 as built, whose rim there ran 27-28 mm and whose larger pouches' floors gave
    half of it at the poles; the 21 mm capsule's rim runs 22-23 mm, 0.81 of that: 65.)"""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    n = j["normal"]
    h, up = _joint_axes(n)
    rel = capsule.triangles_center - j["in_joint"]
    across = rel @ n
    inplane = rel - np.outer(across, n)
    radial = inplane / np.maximum(np.linalg.norm(inplane, axis=1), 1e-9)[:, None]
    angle = np.degrees(np.arctan2(rel @ up, rel @ h))
    normals = capsule.face_normals
    towards_bone = (normals @ n) * np.sign(across)
    into_bore = -np.einsum("ij,ij->i", normals, radial)
    curving = (
        (towards_bone > 0.3)
        & (into_bore > 0.3)
        & (np.abs(across) > 1.0)
        & (np.abs(across) < 4.5)
        & (np.abs(angle) < 100.0)
    )
    area = capsule.area_faces
    l5_side, s1_side = area[curving & (across < 0)].sum(), area[curving & (across > 0)].sum()
    assert l5_side + s1_side >= 65.0, f"the floor curves up over {l5_side + s1_side:.0f} mm²"
    assert min(l5_side, s1_side) >= 20.0, f"{l5_side:.0f} mm² on L5's side, {s1_side:.0f} on S1's"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_lips_lie_on_the_processes(model, joints, side):
    """The capsule is attached on the bone round the articular margins (Bogduk ch. 3), its lips on
    the processes, not hanging free beside them (blind review s35, 2/5: "a generic bag: attach
    it cleanly round the facet margins"). In each 20 deg sector round the joint from its lower
    pole over its back to its upper pole, on each bone's side, its lip (the structure within 1 mm
    of its furthest reach across the joint there) comes within 2.75 mm of a bone, and within
    0.9 mm on average over the sectors (2.3-2.45 and 0.52-0.58 as built, s44; main's sleeve: up to
    3.5-3.6 mm, 1.1-1.3 on average, its lips on L5's side below the joint hanging free). (A bone,
    not its own: at the poles the recesses reach beyond the processes' tips, the lower one onto
    S1's lamina below L5's inferior process, Bogduk ch. 3.)"""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    h, up = _joint_axes(j["normal"])
    rel = capsule.vertices - j["in_joint"]
    across = rel @ j["normal"]
    angle = np.degrees(np.arctan2(rel @ up, rel @ h))
    trees = [
        cKDTree(trimesh.sample.sample_surface(model.mesh(bone), 200000, seed=1)[0])
        for bone in ("l5_vertebra", "s1_segment")
    ]
    found = []
    for sign in (-1.0, 1.0):  # L5's side, S1's
        reach = sign * across
        for s in np.arange(-90.0, 90.1, 20.0):
            sector = np.abs(angle - s) <= 10.0
            lip = capsule.vertices[sector & (reach > reach[sector].max() - 1.0)]
            found.append(min(tree.query(lip)[0].min() for tree in trees))
    gaps = np.array(found)
    assert gaps.max() <= 2.75, f"a lip {gaps.max():.1f} mm off the bones: {gaps.round(1)}"
    assert gaps.mean() <= 0.9, f"its lips {gaps.mean():.2f} mm off the bones on average"


@pytest.mark.parametrize("side", SIDES)
def test_capsule_is_a_sleeve_15_to_21_mm_tall(model, joints, side):
    """The capsule is a sleeve fitted to the articular processes, attached a few mm beyond the
    articular margins with small recesses at its poles (Bogduk ch. 3; the L5-S1 facets about
    15-18 mm tall): along the joint's vertical it is 15-21 mm tall (20.8-20.9 as built, s42;
    s41's, 30 mm: "a shapeless hollow lump ... 17 x 29 mm", blind review 2/2, both reviewers
    asking for a bean 15-20 mm tall)."""
    _, up = _joint_axes(joints[1][side]["normal"])
    height = np.ptp(model.mesh(f"facet_joint_{side}").vertices @ up)
    assert 15.0 <= height <= 21.0, f"the capsule is {height:.1f} mm tall"


def _joint_line_depths(model, joints, side):
    """Round the joint's back and poles (every 15 deg from its lower pole over its back to its
    upper pole): how deep (mm) a groove runs round the structure's outer face near the joint
    line, on rays out from the joint's middle in its plane every 0.25 mm across: the deepest, over
    the groove's middle within 1.75 mm of the joint's middle (the cleft follows the facets' curve,
    off the plane through the middle towards the joint's margins), of how much further out the
    face lies 1.5-2.5 mm either side (the mean of the two sides' farthest) than within 0.75 mm
    of that middle (its nearest)."""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    h, up = _joint_axes(j["normal"])
    xs = np.arange(-4.25, 4.26, 0.25)
    depths = []
    for angle in np.radians(np.arange(-90.0, 90.1, 15.0)):
        out = np.cos(angle) * h + np.sin(angle) * up
        origins = j["in_joint"] + np.outer(xs, j["normal"])
        loc, ray, _ = capsule.ray.intersects_location(
            origins, np.tile(out, (len(xs), 1)), multiple_hits=True
        )
        r = np.full(len(xs), np.nan)
        for i in range(len(xs)):
            if (ray == i).any():
                r[i] = np.linalg.norm(loc[ray == i] - origins[i], axis=1).max()
        found = []
        for middle in np.arange(-1.75, 1.76, 0.25):
            off = xs - middle
            parts = [r[(off * sign >= 1.5) & (off * sign <= 2.5)] for sign in (-1, 1)]
            parts.append(r[np.abs(off) <= 0.75])
            if all((~np.isnan(p)).any() for p in parts):
                flanks = np.nanmax(parts[0]) + np.nanmax(parts[1])
                found.append(0.5 * flanks - np.nanmin(parts[2]))
        depths.append(max(found, default=0.0))
    return np.array(depths)


@pytest.mark.parametrize("side", SIDES)
def test_joint_line_shows_as_a_groove_round_the_capsule(model, joints, side):
    """The articular cleft shows through the thin capsule as a seam running round its outer face
    (Bogduk ch. 3: a short cuff round a visible joint line): round the joint's back and poles
    the outer face over the joint line lies at least 0.4 mm inside its face 1.5-2.5 mm either
    side (the median over the directions), and 0.3 mm in every direction (0.48-0.49 and
    0.43-0.44 as built, s43; s42's, 0.29-0.31 and 0.18-0.19: "a crumpled thick-walled bag, no
    joint line seen", blind review 2/2)."""
    depth = _joint_line_depths(model, joints, side)
    assert np.median(depth) >= 0.4, f"the joint line lies {np.median(depth):.2f} mm deep (median)"
    assert depth.min() >= 0.3, f"the joint line lies {depth.round(2)} mm deep round the capsule"
