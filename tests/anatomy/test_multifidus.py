"""Multifidus in posterior view (issue 8, s26 blind review: "a rectangular beam"): a wedge of
fascicles converging up on the L5 spinous process and fanning down and out over the sacrum to
the PSIS (Macintosh & Bogduk, Spine 1986;11:92; Bogduk, Clinical and Radiological Anatomy of the
Lumbar Spine, ch. 9). Measured on the built meshes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from tests.anatomy.test_back_muscles import dorsal_profile, ridges, sign, spinous_process
from viewer.vocabulary import SIDES


def width_at(v: np.ndarray, side: str, z: float, band: float = 1.0) -> float:
    """Its width in posterior view at height ``z`` (lateral span of the vertices within
    ``band`` of it), mm."""
    xl = sign(side) * v[np.abs(v[:, 2] - z) < band, 0]
    return float(np.ptp(xl)) if len(xl) else 0.0


def spinous_tip(model) -> float:
    """Height of the L5 spinous tip (its hindmost point), mm."""
    spinous = spinous_process(model)
    return float(spinous[np.argmin(spinous[:, 1]), 2])


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_widens_from_the_l5_spinous_process_down_to_the_psis(model, lm, side):
    """A wedge, not a beam: narrow where it converges on the L5 spinous process and lamina, at
    least a third as wide again by the PSIS (the beam of s26 was 26 mm wide at the spinous tip and
    31 mm at the PSIS), growing all the way down."""
    v = model.mesh(f"multifidus_{side}").vertices
    tip = spinous_tip(model)
    psis = lm[f"psis_{side}"][2]
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    zs = np.linspace(l5_top, psis, 6)
    widths = np.array([width_at(v, side, z) for z in zs])
    assert np.all(np.diff(widths) > 0.0), f"not widening down: {np.round(widths, 1)}"
    at_tip, at_psis = width_at(v, side, tip), width_at(v, side, psis)
    assert at_psis >= 1.35 * at_tip, f"{at_tip:.0f} mm at the spinous tip, {at_psis:.0f} at PSIS"
    assert width_at(v, side, l5_top) <= 24.0, "broad at its cut: not converging on L5"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_reaches_the_medial_side_of_the_psis(model, lm, side):
    """Its lateral fascicles insert beside the PSIS: it comes within a few mm of the spine
    (the beam of s26 stopped 10 mm short of it), and stays medial to it."""
    v = model.mesh(f"multifidus_{side}").vertices
    psis = lm[f"psis_{side}"]
    gap = cKDTree(v).query(psis)[0]
    assert gap <= 7.0, f"{gap:.1f} mm from the PSIS"
    assert (sign(side) * v[:, 0]).max() < sign(side) * psis[0], "it passes over the PSIS"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_shows_several_fascicles_from_l5_down(model, lm, side):
    """Separate bundles on its back from the level of the L5 spinous tip down, several across
    it by the PSIS (its fascicles converge above and diverge below)."""
    mf = model.mesh(f"multifidus_{side}")
    step = 0.5
    xs = np.arange(4.0, sign(side) * lm[f"psis_{side}"][0], step)
    tip, psis = spinous_tip(model), lm[f"psis_{side}"][2]
    counts = [ridges(dorsal_profile(mf, side, z, xs), step) for z in (tip - 10.0, psis)]
    assert counts[0] >= 2, f"{counts[0]} bundles below the spinous tip"
    assert counts[1] >= 4, f"{counts[1]} bundles at the PSIS level"
