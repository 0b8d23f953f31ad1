"""The annulus fibrosus shows its concentric lamellae on its outer wall (Bogduk ch. 2: 10-20
lamellae, their edges seen on the outer surface as rings parallel to the endplates; blind review
s37: "a smooth doughnut"): shallow grooves running round it, seen in front and at the sides.

Measured on the built meshes, along the L5 body axis (``test_vertebra.l5_frame``).
"""

from __future__ import annotations

import numpy as np
from scipy.signal import find_peaks

from tests.anatomy.test_disc import ANNULUS, NUCLEUS, disc  # noqa: F401 (the fixture)

#: degrees from straight ahead (positive: to the right) where the wall is tall enough to show them
_AZIMUTHS = (0.0, 45.0, -45.0, 90.0, -90.0)
_STEP = 0.15  # mm between the horizontal rays up the wall


def wall_profiles(annulus, centre, azimuths, step: float = _STEP) -> list[tuple]:
    """For each azimuth, the heights ``z`` and the outer wall's reach from ``centre`` along
    horizontal rays at those heights (the outermost crossing), over the part of the wall within
    3 mm of its furthest reach (its outer face, not the faces above and below)."""
    z = np.arange(annulus.bounds[0][2], annulus.bounds[1][2], step)
    dirs = [np.array([np.sin(a), np.cos(a), 0.0]) for a in np.radians(azimuths)]
    origins = np.vstack(
        [
            np.column_stack([np.full(len(z), centre[0]), np.full(len(z), centre[1]), z]) + 60.0 * d
            for d in dirs
        ]
    )
    rays = np.vstack([np.tile(-d, (len(z), 1)) for d in dirs])
    loc, ray, _ = annulus.ray.intersects_location(origins, rays)
    reach = np.full(len(origins), np.nan)
    np.fmax.at(reach, ray, 60.0 - np.einsum("ij,ij->i", loc - origins[ray], rays[ray]))
    out = []
    for k in range(len(dirs)):
        r = reach[k * len(z) : (k + 1) * len(z)]
        face = r > np.nanmax(r) - 3.0
        out.append((z[face], r[face]))
    return out


def grooves(z, reach) -> np.ndarray:
    """Depths (prominences, mm) of the grooves in a wall profile: the dips of its reach below a
    quartic fitted over the middle 76 % of its height (the wall's own bulge taken off)."""
    lo, hi = z.min(), z.max()
    mid = (z > lo + 0.12 * (hi - lo)) & (z < hi - 0.12 * (hi - lo))
    z, reach = z[mid], reach[mid]
    resid = reach - np.polyval(np.polyfit(z, reach, 4), z)
    _, props = find_peaks(-resid, prominence=0.05)
    return props["prominences"]


def test_annulus_outer_wall_shows_concentric_grooves(disc):  # noqa: F811
    """In front, at the front corners and at the sides the annulus's outer wall, up its middle,
    shows at least three grooves 0.15 mm deep or more running round it (its lamellae), none over
    0.5 mm (no ridges a finger would catch, no fins). (The back wall, 5-7 mm tall, is too low for
    grooves the mesh holds.)"""
    _, local, _ = disc
    centre = local[NUCLEUS].vertices.mean(axis=0)
    for azimuth, (z, reach) in zip(
        _AZIMUTHS, wall_profiles(local[ANNULUS], centre, _AZIMUTHS), strict=True
    ):
        depth = grooves(z, reach)
        assert np.sum(depth >= 0.15) >= 3 and depth.max() <= 0.5, (azimuth, np.round(depth, 2))
