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

import pytest

from tests.anatomy.test_back_muscles import sign
from tests.anatomy.test_back_shape import section_span
from viewer.vocabulary import SIDES


@pytest.mark.parametrize("side", SIDES)
def test_multifidus_spreads_over_the_dorsal_sacrum_toward_the_psis(model, lm, side):
    """Below the PSIS its sacral fascicles spread over the dorsal sacrum out to the PSIS and the
    posterior sacroiliac ligaments before its end narrows to a tongue over S4: half-way from
    the S2 to the S3 foramen its lateral border lies within 11 mm (x') of the PSIS, and at
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
    assert short <= 11.0, f"its lateral border {short:.1f} mm short of the PSIS below it"
    width = section_span(mf, s3, 0)
    assert width >= 25.0, f"{width:.1f} mm wide at S3: narrowing, not spreading"
