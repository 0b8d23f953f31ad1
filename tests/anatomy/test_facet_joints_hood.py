"""The L5-S1 facet joints' shape against their bones: the cartilages lie on the real articular
surfaces (midway between L5's inferior and S1's superior facets, bending with them in axial
section), and the capsule is a sleeve over the joint's back and poles, several millimetres onto
each process, with nothing poking out of it but in front (blind review s27, 2/2: "two flat oval
discs with a separate sausage-shaped rod along one margin"; "the capsule is a tube along one edge
only"; the plates stood 2.4 mm out of the hood).

The joint's axes are those of :mod:`tests.anatomy.test_facet_joints` (the normal of L5's facet
where it lies within 2.5 mm of S1; horizontal and vertical within the joint's plane).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.test_facet_joints import _crossings, _joint_axes, _layers
from viewer.vocabulary import SIDES

#: along the joint's horizontal and vertical axes (mm from its middle): where the lines across
#: the joint are drawn
_GRID = np.arange(-4.0, 4.01, 2.0)


def _bone_middle(model, origin, n):
    """Across the joint through ``origin`` (along ``n``): the middle of the space between L5's and
    S1's facets (mm along ``n``; each bone's crossing nearest the joint), or None."""
    hits = []
    for bone in ("l5_vertebra", "s1_segment"):
        t = _crossings(model.mesh(bone), origin, n)
        t = t[np.abs(t) < 3.0]
        if not len(t):
            return None
        hits.append(t[np.argmin(np.abs(t))])
    return 0.5 * (hits[0] + hits[1])


def _middles(model, joints, side, points):
    """Per point in the joint's plane ((horizontal, vertical) mm from its middle): the joint
    cavity's middle (between the two cartilages) and the bones' gap's middle, along the normal;
    the points where either is missing left out."""
    j = joints[1][side]
    capsule = model.mesh(f"facet_joint_{side}")
    h, up = _joint_axes(j["normal"])
    out = []
    for a, b in points:
        origin = j["in_joint"] + a * h + b * up
        layers = _layers(capsule, origin, j["normal"])
        bone = _bone_middle(model, origin, j["normal"])
        if layers is not None and bone is not None:
            out.append((a, b, layers[3], bone))
    return np.array(out)


@pytest.mark.parametrize("side", SIDES)
def test_cartilages_lie_on_the_articular_surfaces(model, joints, side):
    """The joint cavity runs midway between L5's inferior facet and S1's superior one over the
    whole articular area (an 8 x 8 mm grid round the joint's middle: within 0.2 mm (median), 0.5
    mm at most), the two plates of cartilage on the facets (s27's plates lay on a fixed 1/9 mm
    curve, their ends up to 1 mm off the bones)."""
    m = _middles(model, joints, side, [(a, b) for a in _GRID for b in _GRID])
    assert len(m) >= 15, f"plates and facets crossed on only {len(m)} of 25 lines"
    off = np.abs(m[:, 2] - m[:, 3])
    assert np.median(off) <= 0.2 and off.max() <= 0.5, (
        f"cavity off the facets' middle by {np.median(off):.2f} (median), {off.max():.2f} mm"
    )


@pytest.mark.parametrize("side", SIDES)
def test_cartilages_bend_with_the_facets_in_axial_section(model, joints, side):
    """Along the joint horizontally (its axial section, at the middle and 3 mm above and below),
    the cavity bends as the facets do: its sagitta over 10 mm (the mean of the three) within
    0.25 mm of the facets' and concave towards L5 (the S1 facet cupped round L5's: Bogduk ch. 3;
    s27's plates bent 1.3 mm on a fixed curve, the facets 0.3-1.2)."""
    sags = []
    for b in (-3.0, 0.0, 3.0):
        m = _middles(model, joints, side, [(-5.0, b), (0.0, b), (5.0, b)])
        if len(m) == 3:
            sags.append(m[1, 2:] - 0.5 * (m[0, 2:] + m[2, 2:]))
    assert len(sags) >= 2, "the joint's axial sections did not cross both plates and facets"
    plates, facets = np.mean(sags, axis=0)
    assert abs(plates - facets) <= 0.25, f"plates bend {plates:.2f} mm, the facets {facets:.2f}"
    assert plates >= 0.1, f"the plates bend {plates:.2f} mm (concave towards L5)"


def _polar(model, joints, side):
    """The structure's vertices in the joint's coordinates: across (along the normal, from the
    joint's middle), the angle round the joint in its plane from its back (deg; + upwards) and
    the distance out from its middle in the plane."""
    j = joints[1][side]
    h, up = _joint_axes(j["normal"])
    rel = model.mesh(f"facet_joint_{side}").vertices - j["in_joint"]
    across = rel @ j["normal"]
    angle = np.degrees(np.arctan2(rel @ up, rel @ h))
    return across, angle, np.hypot(rel @ h, rel @ up)


@pytest.mark.parametrize("side", SIDES)
def test_nothing_pokes_out_of_the_hood(model, joints, side):
    """Round the joint's back and poles the hood is outermost: in each 20 deg sector from the
    joint's lower pole over its back to its upper pole, the structure's outermost 1.5 mm is the
    hood's wall spread across the joint (at least 4 mm), not the rim of the cartilages (the two
    plates and the cavity between them: 2.7 mm across; s27: the plates stood 2.4 mm out of the
    hood, their rims outermost at the lower pole, 2.4-2.5 mm across). (Its outermost 1.0 mm, asked
    to span 3 mm, failed on a stouter L5 with the plates well inside: where the sleeve's face is
    tilted to the joint's normal, 1 mm of it covers one half of the wall; 2.9 - 5.9 mm on
    builds with the same design, the outermost 1.5 mm 6.6 - 7.4.)"""
    across, angle, radius = _polar(model, joints, side)
    for s in np.arange(-90.0, 90.1, 20.0):
        inside = np.abs(angle - s) <= 10.0
        outer = inside & (radius > radius[inside].max() - 1.5)
        span = np.ptp(across[outer])
        assert span >= 4.0, f"only {span:.1f} mm across outermost {s:.0f} deg round from the back"


@pytest.mark.parametrize("side", SIDES)
def test_hood_is_a_sleeve_over_the_back_and_poles(model, joints, side):
    """The capsule is a sleeve over the joint's back, top and bottom, not a rod along one margin
    (blind review s27, 2/2): behind and at each pole its wall (the structure's outer 4 mm there)
    spans at least 9 mm across the joint, reaching onto both processes (Bogduk ch. 3: attached a
    few mm beyond the articular margins; s27's spanned 2-8 mm)."""
    across, angle, radius = _polar(model, joints, side)
    for name, s in (("back", 0.0), ("top", 90.0), ("bottom", -90.0)):
        inside = np.abs(angle - s) <= 15.0
        outer = inside & (radius > radius[inside].max() - 4.0)
        span = np.ptp(across[outer])
        assert span >= 9.0, f"the hood spans {span:.1f} mm across the joint at its {name}"
