"""The nucleus pulposus is a gel lens with domed faces (blind review s39: the nucleus "a glossy
hard-edged bean, a flat top"). Since s44 it is bounded round its periphery by the annulus's
straight inner wall and above and below by the endplates (Bogduk ch. 2), so seen along the L5
axis the annulus's opening is its outline (blind reviews s40-s43: the nucleus "cannot fit the
annulus's opening"; ``test_disc_nucleus.test_nucleus_fits_the_annulus_s_opening``): its faces
are domed as the endplates' dishes are and round off at its edge. (Before s44 this file also
asked that the annulus's inner wall slope over the nucleus's domes into the endplates, over 40
degrees from the L5 axis next to them: that overhanging wall left the opening 0.57-0.76 of the
nucleus's width.)

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np

from tests.anatomy.test_disc import NUCLEUS, _thickness, disc  # noqa: F401 (the fixture)


def test_nucleus_faces_are_domed(disc):  # noqa: F811
    """Across its width and its depth through its centre the nucleus's height (along the L5 axis)
    falls from its centre by at least 0.4 mm at 0.8 of its half-width and by at least 1.5 mm at
    0.95 of it: its faces follow the endplates' dishes and round off at its edge, not a cut
    cylinder. (2 and 5 mm before s44, a lens under the annulus's overhanging inner wall, which
    left the annulus's opening 0.76 of its width: blind review s43, "it cannot fit"; since s44
    the nucleus stands straight-sided in the opening, bounded by the annulus round its periphery
    and by the endplates above and below, Bogduk ch. 2. Before s42: at least
    0.4 mm at half its half-width and 3 mm at 0.8, domes touching the endplates only centrally,
    which left the annulus's opening 0.57 of the nucleus's width: blind review s40-s41, "the
    nucleus cannot fit the annulus's opening". Since s42 it lies on both endplates over about
    three quarters of its width, Bogduk ch. 2: the nucleus is bounded above and below by the
    cartilage endplates, so its middle follows L5's dish and S1's plate: it falls 0.2-0.5 mm at
    half its half-width.)"""
    m = disc[1][NUCLEUS]
    v = m.vertices
    c = 0.5 * (v.min(axis=0) + v.max(axis=0))
    half = 0.5 * np.ptp(v, axis=0)
    centre = _thickness(m, c[0], c[1])
    for axis in (0, 1):
        for f, least in ((0.8, 0.4), (0.95, 1.5)):
            h = []
            for s in (-1.0, 1.0):
                p = c.copy()
                p[axis] += s * f * half[axis]
                h.append(_thickness(m, p[0], p[1]))
            drop = centre - float(np.mean(h))
            assert drop >= least, f"axis {axis}: {drop:.2f} mm lower at {f} of its half-extent"
