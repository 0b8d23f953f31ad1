"""The back muscles' form at sight (issue 8, stop 33 blind review, 3/3 each): erector spinae
"from the side and oblique views the lower part narrows and twists into a rope"; multifidus "a
prism with flat faces, fascicles only surface grooves, the lower end narrows instead of
spreading over the dorsal sacrum to the PSIS". The erector spinae's fleshy columns, thick through
L5, run down without a neck into the aponeurosis on the sacrum (Gray's Anatomy 42nd ed.; Bogduk,
Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9; Macintosh & Bogduk, Spine
1987;12:658); multifidus, the bulkiest muscle at L5-S1, is a fan of rounded fascicles spreading
down and out over the dorsal sacrum to the PSIS (Macintosh & Bogduk, Spine 1986;11:92). Measured
on the built meshes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import find_peaks

from tests.anatomy.test_back_muscles import dorsal_profile, sign
from tests.anatomy.test_back_shape import section_span
from viewer.vocabulary import SIDES


def side_view_widths(mesh, z_lo: float, z_hi: float, step: float = 3.0) -> np.ndarray:
    """Its front-to-back extent (its outline seen from the side) at heights ``z_lo`` to ``z_hi``."""
    return np.array([section_span(mesh, z, 1) for z in np.arange(z_lo, z_hi, step)])


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_spreads_over_the_dorsal_sacrum_toward_the_psis(model, lm, side):
    """Below the PSIS its sacral fascicles spread over the dorsal sacrum out to the PSIS and the
    posterior sacroiliac ligaments before its end narrows to a tongue over S4: half-way from
    the S2 to the S3 foramen its lateral border lies within 10 mm (x') of the PSIS, and at
    the S3 level it is at least 25 mm wide (main's stop-33 wedge drew in below the PSIS: 13 mm
    short of it half-way to S3, 22 mm wide at S3, read as "the lower end narrows instead of
    spreading over the dorsal sacrum to the PSIS")."""
    mf = model.mesh(f"multifidus_{side}")
    s1, s2 = lm[f"s1_posterior_foramen_{side}"][2], lm[f"s2_posterior_foramen_{side}"][2]
    s3 = s2 + (s2 - s1)
    psis = sign(side) * lm[f"psis_{side}"][0]
    sec = mf.section(plane_origin=[0.0, 0.0, 0.5 * (s2 + s3)], plane_normal=[0.0, 0.0, 1.0])
    assert sec is not None, "no multifidus between S2 and S3"
    short = psis - (sign(side) * sec.vertices[:, 0]).max()
    assert short <= 10.0, f"its lateral border {short:.1f} mm short of the PSIS below it"
    width = section_span(mf, s3, 0)
    assert width >= 25.0, f"{width:.1f} mm wide at S3: narrowing, not spreading"


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_fascicles_stand_out_as_rounded_bundles(model, lm, side):
    """Its fascicles are rounded bundles, not grooves cut in a flat face: across its back, from
    the S2 foramen up to 25 mm above the PSIS (every 4 mm, x' 3 to 45 mm), the bundles stand out
    of the clefts beside them by a median of at least 2.5 mm (main's stop-33 prism: 1.4 mm, its
    1 mm-wide clefts filled in by the meshing, "fascicles only surface grooves")."""
    mf = model.mesh(f"multifidus_{side}")
    step = 0.5
    xs = np.arange(3.0, 45.0, step)
    z2, zp = lm[f"s2_posterior_foramen_{side}"][2], lm[f"psis_{side}"][2]
    heights = np.arange(z2, zp + 25.0, 4.0)
    prominences: list[float] = []
    for z in heights:
        h = dorsal_profile(mf, side, z, xs)
        _, found = find_peaks(h[np.isfinite(h)], prominence=0.3, distance=int(4.0 / step))
        prominences.extend(found["prominences"])
    assert len(prominences) >= 2 * len(heights), f"{len(prominences)} bundles in all"
    median = float(np.median(prominences))
    assert median >= 2.5, f"its bundles stand {median:.1f} mm out of their clefts: grooves"
