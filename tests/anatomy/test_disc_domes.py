"""The nucleus pulposus is a gel lens with domed faces, and the annulus's inner wall slopes round
it into the endplates (blind review s39: the nucleus "a glossy hard-edged bean, a flat top"; the
annulus "a cylindrical hole through it"). The nucleus touches the endplates centrally; towards its
rim its faces curve away from them, covered by the cartilage endplate and the annulus's inner
lamellae, which insert into it round the nucleus (Bogduk ch. 2; the cartilage endplate thickens
from its centre towards its margins: DeLucca et al., J Orthop Res 2016;34:1410).

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from tests.anatomy.test_disc import ANNULUS, NUCLEUS, _thickness, disc  # noqa: F401 (the fixture)


def test_nucleus_faces_are_domed(disc):  # noqa: F811
    """Across its width and its depth through its centre the nucleus's height (along the L5 axis)
    falls from its centre by at least 2 mm at 0.8 of its half-width and by at least 5 mm at 0.95
    of it: its faces round off towards its rim, not a flat-sided puck. (Before s42: at least
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
        for f, least in ((0.8, 2.0), (0.95, 5.0)):
            h = []
            for s in (-1.0, 1.0):
                p = c.copy()
                p[axis] += s * f * half[axis]
                h.append(_thickness(m, p[0], p[1]))
            drop = centre - float(np.mean(h))
            assert drop >= least, f"axis {axis}: {drop:.2f} mm lower at {f} of its half-extent"


def test_annulus_inner_wall_slopes_into_the_endplates(disc):  # noqa: F811
    """The annulus's inner wall (its faces lying on the nucleus) leans over the nucleus's domes
    next to each endplate: in the top and bottom fifths of the nucleus's height its median tilt
    from the L5 axis is over 40 degrees (a drilled bore's wall is near 0; round the nucleus
    pressed flat on both endplates it was 20-37 degrees)."""
    _, local, _ = disc
    n, a = local[NUCLEUS], local[ANNULUS]
    pts = trimesh.sample.sample_surface(n, 20000, seed=2)[0]
    inner = cKDTree(pts).query(a.triangles_center)[0] < 0.5
    z = a.triangles_center[inner, 2]
    tilt = np.degrees(np.arcsin(np.clip(np.abs(a.face_normals[inner, 2]), 0.0, 1.0)))
    lo, hi = n.vertices[:, 2].min(), n.vertices[:, 2].max()
    rel = (z - lo) / (hi - lo)
    for name, band in (("bottom", rel < 0.2), ("top", rel > 0.8)):
        assert band.sum() > 50, f"{band.sum()} inner-wall faces at the {name}"
        t = float(np.median(tilt[band]))
        assert t > 40.0, f"inner wall tilted {t:.0f} deg from the axis at the {name}"
