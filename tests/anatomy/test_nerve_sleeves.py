"""The dural sleeves, the sac's end and the dorsal rami as an atlas draws them (Bogduk N, Clinical
and Radiological Anatomy of the Lumbar Spine, ch. 8; Gray's Anatomy 42nd ed.; blind review s38:
"the sleeves short symmetrical horns; a claw-like end", "the dorsal ramus a bent wire"): each
root's sleeve a funnel narrowing all the way onto its root and ending in a section where the dura
goes on as the root's sheath; the dorsal ramus a small flattened nerve."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.nerve_geometry import arc_length, extents, section, tangent
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps
from viewer.vocabulary import SIDES


def _sleeve_end(model, root: str) -> tuple[np.ndarray, float]:
    """The cut end of ``root``'s dural sleeve (a section cap of the sac's mesh lying across the
    root's centreline, away from the sac's own): its centre and its arc length along the root."""
    sac = model.mesh("dural_sac")
    cl = model.centerline(root)
    flags = section_caps.cut_flags(sac)
    for k in range(1, int(flags.max()) + 1):
        c = sac.vertices[flags == k].mean(0)
        d = np.linalg.norm(cl - c, axis=1)
        if d.min() < 1.0:
            return c, float(arc_length(cl)[int(np.argmin(d))])
    raise AssertionError(f"{root}'s sleeve ends in no section across it")


@pytest.mark.parametrize("side", SIDES)
def test_roots_dural_sleeves_narrow_all_the_way_onto_their_roots(model, side):
    """Each sleeve is cut where the dura ends on the root (a section: it goes on as the root's
    sheath, no horn's tip), and over the 12 mm before that it narrows all the way: its section
    round the root's centreline shrinks (mean radius) every 4 mm, by at least 0.05 mm, and by at
    least 0.25 mm in all (a tube round the root narrowing only near its end: "short horns")."""
    sac = model.mesh("dural_sac")
    for root in (f"l5_nerve_root_{side}", f"s1_nerve_root_{side}"):
        cl = model.centerline(root)
        s = arc_length(cl)
        _, end = _sleeve_end(model, root)
        radii = []
        for back in (13.0, 9.0, 5.0, 1.0):
            i = int(np.argmin(np.abs(s - (end - back))))
            loop = section(sac, cl[i], tangent(cl, i))
            radii.append(float(np.linalg.norm(loop - cl[i], axis=1).mean()))
        steps = -np.diff(radii)
        message = f"{root}: sleeve radii {np.round(radii, 2)} mm towards its end"
        assert steps.min() >= 0.05 and steps.sum() >= 0.25, message


@pytest.mark.parametrize("side", SIDES)
def test_s1_dorsal_ramus_is_a_flattened_nerve(model, lm, side):
    """Just out of its posterior foramen the S1 dorsal ramus is a small flattened nerve, at least
    1.3 times as wide as it is thick (a round wire: 1.0), and about a third of the ventral
    ramus's thickness (at most 3.5 mm across)."""
    mesh = model.mesh(f"s1_nerve_root_{side}")
    opening = lm[f"s1_posterior_foramen_{side}"]
    axis = lm[f"s1_posterior_foramen_axis_{side}"]
    axis = axis / np.linalg.norm(axis)
    point = opening + 2.0 * axis
    loop = section(mesh, point, axis)
    assert np.linalg.norm(loop.mean(0) - point) < 3.0, "no dorsal ramus out of the foramen"
    width, thickness = extents(loop)
    assert width / thickness >= 1.3, f"{width:.1f} x {thickness:.1f} mm: a round wire"
    assert width <= 3.5, f"{width:.1f} mm wide: not a small branch"


def test_sac_tapers_to_its_end_below_its_s2_sleeves(model):
    """The sac ends at S2 in a cul-de-sac tapering onto the filum, its S2 sleeves leaving above
    that taper (Gray's Anatomy 42nd ed.; Netter pl. 161; blind review s39: "an abrupt
    three-pronged end", the sac no wider than its S2 sleeves where they left it): across its
    centreline from 4 to 22 mm above its end (below the S1 sleeves' ends), the sac's own section
    is at least twice the area of any other loop of its mesh (an S2 sleeve) within 14 mm; and it
    ends below its S2 sleeves' cut ends, its tip the lowest of the three."""
    sac, cl = model.mesh("dural_sac"), model.centerline("dural_sac")
    s = arc_length(cl)
    for above in np.arange(4.0, 23.0, 2.0):
        i = int(np.argmin(np.abs(s - (s[-1] - above))))
        sec = sac.section(plane_origin=cl[i], plane_normal=tangent(cl, i))
        loops = [np.asarray(d) for d in sec.discrete]
        loops = [lp for lp in loops if np.linalg.norm(lp.mean(0) - cl[i]) < 14.0]
        own = min(loops, key=lambda lp: np.linalg.norm(lp.mean(0) - cl[i]))
        others = [_area(lp) for lp in loops if lp is not own]
        if others:
            ratio = _area(own) / max(others)
            assert ratio >= 2.0, f"{above:.0f} mm above its end: sac : sleeve {ratio:.1f} : 1"
    ends = [sac.vertices[section_caps.cut_flags(sac) == k].mean(0) for k in _cut_ends(sac)]
    low = [c for c in ends if c[2] < cl[-1][2] + 12.0 and abs(c[0]) > 3.0]
    assert len(low) == 2, f"{len(low)} S2 sleeves' cut ends near the sac's end"
    for c in low:
        assert c[2] > cl[-1][2] + 1.5, (
            f"an S2 sleeve ends at z {c[2]:.1f}, the sac at {cl[-1][2]:.1f}"
        )


def _cut_ends(mesh) -> list[int]:
    """The ids of the section caps of ``mesh``."""
    return [k for k in range(1, int(section_caps.cut_flags(mesh).max()) + 1)]


def _area(loop: np.ndarray) -> float:
    """The area a (near-planar) section loop encloses, mm^2."""
    c = loop - loop.mean(0)
    xy = c @ np.linalg.svd(c, full_matrices=False)[2][:2].T
    return 0.5 * abs(
        np.dot(xy[:, 0], np.roll(xy[:, 1], 1)) - np.dot(xy[:, 1], np.roll(xy[:, 0], 1))
    )


def _coronal_slant(chord: np.ndarray) -> float:
    """Degrees from the midline (the vertical) of a chord running down and out, seen from in
    front (its left-right and up-down parts)."""
    return float(np.degrees(np.arctan2(abs(chord[0]), -chord[2])))


def _root_sleeve_slant(model, root: str) -> float:
    """The coronal slant of ``root``'s dural sleeve: the chord of its last ``SLEEVE_SLANT_SPAN``
    mm, from the root's centreline there to the sleeve's cut end."""
    cl = model.centerline(root)
    s = arc_length(cl)
    end, at = _sleeve_end(model, root)
    start = np.array([np.interp(at - SLEEVE_SLANT_SPAN, s, cl[:, k]) for k in range(3)])
    return _coronal_slant(end - start)


#: over how long a stretch before its cut end a sleeve's slant is measured, mm
SLEEVE_SLANT_SPAN = 24.0


@pytest.mark.parametrize("side", SIDES)
def test_sleeves_slant_down_and_out_more_steeply_the_lower_the_root(model, side):
    """Each root's sleeve leaves the sac slanting down and out, the lower the root the steeper
    (Gray's Anatomy 42nd ed.; Bogduk ch. 8; Netter pl. 161; blind review s40: "identical stub
    sleeves"): seen from in front, L5's sleeve 45-65 deg from the midline, S1's 15-40 deg and at
    least 15 deg steeper than L5's, and the S2 sleeves' (from the sac's centreline where they
    leave it to their cut ends) steeper still, under 25 deg: nearly along the sac (31 deg, as
    slanting as S1's, until stop 40)."""
    l5 = _root_sleeve_slant(model, f"l5_nerve_root_{side}")
    s1 = _root_sleeve_slant(model, f"s1_nerve_root_{side}")
    assert 45.0 <= l5 <= 65.0, f"L5's sleeve {l5:.0f} deg from the midline"
    assert 15.0 <= s1 <= 40.0 and s1 <= l5 - 15.0, f"S1's {s1:.0f} deg, L5's {l5:.0f}"
    sac, cl = model.mesh("dural_sac"), model.centerline("dural_sac")
    s = arc_length(cl)
    leaves = np.array(
        [np.interp(s[-1] - P.DURAL_S2_SLEEVE_ABOVE_END, s, cl[:, k]) for k in range(3)]
    )
    sign = 1.0 if side == "right" else -1.0
    ends = [sac.vertices[section_caps.cut_flags(sac) == k].mean(0) for k in _cut_ends(sac)]
    low = [c for c in ends if c[2] < cl[-1][2] + 12.0 and c[0] * sign > 3.0]
    assert len(low) == 1, f"{len(low)} S2 sleeve ends on the {side}"
    s2 = _coronal_slant(low[0] - leaves)
    assert s2 < 25.0 and s2 < s1, f"S2's sleeve {s2:.0f} deg, S1's {s1:.0f}"
