"""The supraspinous ligament's shape: a strong rounded cord capping the tips of the spinous
processes, several mm deep in sagittal section, its deep fibres blending into the interspinous
ligament between the tips (Gray's; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine,
ch. 4). A flat strap ~2 mm thick read as the posterior longitudinal ligament (blind review s26)."""

from __future__ import annotations

import numpy as np

from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P


def _tip(model) -> np.ndarray:
    """The rearmost point of L5 (the tip of its spinous process)."""
    v = model.mesh("l5_vertebra").vertices
    return v[np.argmin(v[:, 1])]


def _midline(v: np.ndarray, x: float, z: float, half: float = 0.75) -> np.ndarray:
    """The points of ``v`` in the mid-sagittal column at height ``z``."""
    return v[(np.abs(v[:, 0] - x) < half) & (np.abs(v[:, 2] - z) < half)]


def _border(model) -> np.ndarray:
    """The posterior border of the L5 spinous process round its tip: its vertices within 1.5 mm
    of the tip's depth, near the midline."""
    tip = _tip(model)
    v = model.mesh("l5_vertebra").vertices
    return v[(v[:, 1] < tip[1] + 1.5) & (np.abs(v[:, 0] - tip[0]) < 2.0)]


def test_supraspinous_ligament_is_a_cord_several_mm_deep_over_the_l5_tip(model):
    """In sagittal section over the L5 spinous tip it is a cord 3-5.5 mm deep (from the tip's
    back to its own back; SUPRASPINOUS_TIP_DEPTH modelled), not a strap 1-2 mm thick."""
    tip = _tip(model)
    ssl = model.mesh("supraspinous_ligament").vertices
    col = _midline(ssl, tip[0], tip[2])
    assert len(col), "nothing over the L5 tip"
    depth = float(tip[1] - col[:, 1].min())
    assert 3.0 <= depth <= 5.5, (
        f"{depth:.1f} mm deep behind the L5 tip ({P.SUPRASPINOUS_TIP_DEPTH})"
    )


def test_supraspinous_ligament_has_a_rounded_section_over_the_tip(model):
    """Over the tip its section is rounded: about as deep as wide (width / depth 1.0-2.0), its
    back face arched (its sides thinner than its middle), not a flat strap."""
    tip = _tip(model)
    v = model.mesh("supraspinous_ligament").vertices
    sl = v[np.abs(v[:, 2] - tip[2]) < 0.5]
    behind = sl[sl[:, 1] < tip[1]]  # the cord behind the tip (not its cap round the tip's sides)
    width = float(np.ptp(behind[:, 0]))
    depth = float(tip[1] - behind[:, 1].min())
    assert 1.0 <= width / depth <= 2.0, f"{width:.1f} wide, {depth:.1f} deep"
    # the arch: 1.5 mm off its middle, to each side, its back lies well in front of the middle's
    for side in (-1.0, 1.0):
        edge = behind[np.abs(behind[:, 0] - (tip[0] + side * 0.4 * width)) < 0.4]
        assert edge[:, 1].min() > behind[:, 1].min() + 0.5, "flat-backed: a strap, not a cord"


def test_supraspinous_ligament_caps_the_l5_tip(model):
    """It lies on the tip's posterior surface: every point of the posterior border round the tip
    is within 1 mm of the ligament (its deep face moulded over the tip), and it covers the tip's
    sides a little (moulded over it, not a strap resting on it)."""
    ssl = model.mesh("supraspinous_ligament")
    border = _border(model)
    gap = surface_distance(border, [ssl])
    assert gap.max() <= 1.0, f"the tip's back lies {gap.max():.1f} mm from the ligament"
    tip = _tip(model)
    sl = ssl.vertices[np.abs(ssl.vertices[:, 2] - tip[2]) < 0.5]
    assert sl[:, 1].max() >= tip[1] + 1.0, "it does not come round the tip's sides"


def test_supraspinous_ligament_continues_into_the_interspinous_region(model):
    """Between the L5 tip and the S1 tubercle its deep fibres reach forward into the
    interspinous space (in front of the line joining the bones' backs) and blend with the
    interspinous ligament there (touching it over at least 5 mm of height)."""
    tip = _tip(model)
    ssl = model.mesh("supraspinous_ligament")
    isl = model.mesh("interspinous_ligament")
    low = float(_border(model)[:, 2].min())
    top = isl.vertices[:, 2].max()
    zs = np.arange(isl.vertices[:, 2].min() + 2.0, min(low, top) - 1.0, 1.0)
    assert len(zs) >= 4, "no gap between the tips"
    reach = np.array([np.ptp(_midline(ssl.vertices, tip[0], z)[:, 1]) for z in zs])
    # deeper than the cord alone between the tips (its gap thickness): the deep fibres
    assert np.median(reach) >= P.SUPRASPINOUS_GAP_SIZE[1] + 1.5, f"depth {reach.round(1)} mm"
    touch = isl.vertices[surface_distance(isl.vertices, [ssl]) <= 0.5]
    assert len(touch) and np.ptp(touch[:, 2]) >= 5.0, "does not blend with the interspinous lig."
