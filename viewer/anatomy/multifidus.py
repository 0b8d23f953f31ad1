"""Multifidus of one side, laid on the back of L5 and the sacrum.

A bed filling the gutter beside the L5 spinous process and lying over the dorsal sacrum and its
posterior foramina, from the L5 spinous process and lamina down to the lower sacrum and the
medial PSIS, bulkiest over L5-S1; on it, fascicles in segmental bands, one per spinous
process: the L5 band fanning from the L5 spinous process and lamina to the lower sacrum, the L4
and L3 bands (cut with the bed above L5 by a section cap) lateral to it, down and out to the
sacrum and the PSIS, each fascicle standing out of the bed as a ridge, sinking into it at its
insertion (Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9; Macintosh &
Bogduk 1986).
"""

from __future__ import annotations

import numpy as np

from . import implicit, routing, section_caps
from . import parameters as P
from .back_geometry import CAP_TOLERANCE, MF_EDGE, ROUNDING, BackSide
from .build import Built
from .dorsal_map import depth, layer, on_top, outline, smooth_max
from .frame import RIGHT, SUPERIOR

#: its outline: rows of (height, medial x', lateral x'), from its lower end up to the cut
Rows = list[tuple[float, float, float]]


def multifidus_rows(back: BackSide) -> Rows:
    """Its outline: (height, medial x', lateral x') from the lower sacrum to the cut."""
    med = back.spinous_half + 0.5
    xp, zp = back.psis[0], back.psis[2]
    return [
        (back.z_bottom, med, med + P.MULTIFIDUS_LOWER_WIDTH),
        (back.z_s2, med, xp - P.MULTIFIDUS_PSIS_INSET - 3.0),
        (zp, med, xp - P.MULTIFIDUS_PSIS_INSET),
        (0.5 * (zp + back.tip[2]), med, P.MULTIFIDUS_LATERAL_AT_L5),
        (back.tip[2], med, P.MULTIFIDUS_LATERAL_AT_L5 - 3.0),
        (back.z_cut + 1.0, med, P.MULTIFIDUS_LATERAL_AT_CUT),
    ]


def multifidus_top(back: BackSide, tent: bool = False):
    """Depth of its dorsal surface at (x', z): the plane through the L5 spinous tip and the
    PSIS (each ``MULTIFIDUS_PROUD`` behind them), bulging at mid-length, and over its lateral
    part (``MULTIFIDUS_LATERAL_ROUNDING``) rounding down onto the bone in a quarter ellipse
    (a convex lateral face, its section a rounded triangle: flat against the spinous
    process, round toward the erector spinae), not standing on the bone as a wall.

    With ``tent`` the surface a sheet draped over it follows: falling only half-way, and
    more gently, toward its lateral border (never below the muscle: ``1 - s²/2`` lies above
    the quarter ellipse ``sqrt(1 - s²)``), so the sheet bridges its rounded edge."""
    (_, ht, zt), (_, hp, zp) = back.tip, back.psis
    slope = (hp - ht) / (zt - zp)
    rows = multifidus_rows(back)
    rz, rm, rl = (np.asarray(c) for c in zip(*rows, strict=True))
    base = back.smooth_floor
    rounding = P.MULTIFIDUS_LATERAL_ROUNDING
    sacral_least, sacral_from, sacral_ramp = P.MULTIFIDUS_SACRAL_THICKNESS
    z_from = back.z_s2 - sacral_from

    z_mid, half_span = 0.5 * (rz[0] + rz[-1]), 0.5 * (rz[-1] - rz[0])

    def top(xl, z):
        med, lat = np.interp(z, rz, rm), np.interp(z, rz, rl)
        u = np.clip((xl - med) / (lat - med), 0.0, 1.0)
        w = np.clip((z - z_mid) / half_span, -1.0, 1.0)
        plane = ht + P.MULTIFIDUS_PROUD + slope * (zt - z)
        crest = plane - P.MULTIFIDUS_LATERAL_FALL * u**2 + P.MULTIFIDUS_BULGE * (1.0 - w**2)
        # thinner up toward the cut: its bulk grows toward the lumbosacral level
        crest = crest - P.MULTIFIDUS_TOP_FALL * np.clip((z - zt) / (rz[-1] - zt), 0.0, 1.0)
        floor = base(xl, z) + P.MUSCLE_BONE_MARGIN
        # below S2, where the plane (set by L5's spinous tip) nears the bone, the bed keeps a
        # least thickness down to its lower end instead of thinning out above it
        # (keeping most of it at its lower end: a rounded fleshy border there, not a film on
        # the bone that breaks into fingers over the sacral crests)
        t = np.clip((z_from - z) / sacral_ramp, 0.0, 1.0)
        b = np.clip((z - rz[0]) / sacral_ramp, 0.0, 1.0)
        low = P.MULTIFIDUS_LOWER_END + (1.0 - P.MULTIFIDUS_LOWER_END) * b * b * (3.0 - 2.0 * b)
        least = sacral_least * t * t * (3.0 - 2.0 * t) * low * (1.0 - u) ** 2  # thinning laterally
        crest = smooth_max(crest, floor + least, 2.0)
        width = np.minimum(rounding, 0.7 * (lat - med))
        s = np.clip((xl - (lat - width)) / width, 0.0, 1.0)
        fall = 1.0 - 0.5 * s * s if tent else np.sqrt(1.0 - s * s)
        return floor + (crest - floor) * fall

    return top


def fascicles(back: BackSide) -> list[np.ndarray]:
    """The fascicles' courses on the (x', z) plane, origin first, grouped in segmental bands
    (``MULTIFIDUS_BANDS``): the L5 band from the spinous process and lamina of L5, and the L4 and
    L3 bands coming down through the cut, each band lateral to the one below, its fascicles
    diverging down and out from a nearly vertical one to the lower sacrum beside the median
    crest to the one out to the PSIS (Macintosh & Bogduk 1986: the fascicles of each lumbar
    level form one band from its spinous process; those from higher levels lie lateral)."""
    m = back.spinous_half + 1.5
    zt, zc, zb, z2 = back.tip[2], back.z_cut, back.z_bottom, back.z_s2
    xp, zp = back.psis[0], back.psis[2]
    ends = [
        (m + 1.0, zb + 14.0),  # L5: lower sacrum beside the median crest
        (m + 11.0, zb + 18.0),  # L5: S3-S4
        (m + 20.0, z2 - 16.0),  # L5: S3
        (m + 30.0, z2 - 6.0),  # L4: S2-S3, lateral
        (xp - 6.0, z2 + 4.0),  # L4: S1-S2, lateral
        (xp - 3.0, zp - 2.0),  # L3: medial PSIS
        (xp - 7.0, zp + 11.0),  # L3: above the PSIS, toward the crest
    ]
    starts = []
    for band, (x0, dz, count, spread) in enumerate(P.MULTIFIDUS_BANDS):
        # the L5 band from the spinous tip up its process; the others through the cut
        z0 = zt - 2.0 if band == 0 else zc + 2.0
        starts += [(m + x0 + spread * k, z0 + dz * k) for k in range(count)]
    return [np.array([a, b]) for a, b in zip(starts, ends, strict=True)]


def build_multifidus(back: BackSide) -> tuple[Built, implicit.SDF]:
    """Multifidus of ``back``'s side, and its field (which the erector spinae keeps clear of)."""
    top = multifidus_top(back)
    rows = multifidus_rows(back)
    margin = P.MUSCLE_BONE_MARGIN
    # its dorsal surface rounds over into its borders: a fleshy mass, not a cut slab
    bed = layer(back.map, top, rows, P.MULTIFIDUS_EDGE_ROUNDING, margin)
    hw, hd = P.MULTIFIDUS_FASCICLE
    below = hd - P.MULTIFIDUS_FASCICLE_PROUD
    parts = []
    for k, course in enumerate(fascicles(back)):
        lift = P.MULTIFIDUS_MEDIAL_FASCICLE_LIFT if k == 0 else 0.0
        xz = routing.resample(np.column_stack([course[:, 0], np.zeros(2), course[:, 1]]), 1.0)
        path = on_top(back.map, top, xz[:, [0, 2]], below)
        s = routing.arc_length(path) / routing.arc_length(path)[-1]
        # the L5 band's fascicles sink into the bed toward their insertions on the lower sacrum
        # (no free finger-like ends there)
        end = P.MULTIFIDUS_FASCICLE_END if k < P.MULTIFIDUS_BANDS[0][2] else 0.7
        taper = np.interp(s, [0.0, 0.15, 0.85, 1.0], [0.8, 1.0, 1.0, end])
        parts.append(implicit.sweep(path, hw * taper, (hd + lift) * taper, width_dirs=RIGHT))
    shape = implicit.smooth_union(1.0, bed, *parts)
    cut = back.z_cut

    def f(p: np.ndarray) -> np.ndarray:
        xl, z, h = back.map.lateral(p), p[:, 2], depth(p)
        v = shape(p)
        v = np.maximum(v, outline(xl, z, rows, ROUNDING) - MF_EDGE)
        v = np.maximum(v, back.map(xl, z) + margin - h)
        # its lower border a clean rounded edge over S3-S4, above where the bed thins out over the
        # sacral crests (not a ragged fringe)
        v = smooth_max(v, back.z_bottom + P.MULTIFIDUS_LOWER_BORDER - z, P.MULTIFIDUS_CAP_ROUNDING)
        # a section across it, its rim rounded like a cut through a fleshy belly
        return smooth_max(v, z - cut, P.MULTIFIDUS_CAP_ROUNDING)

    f_trim = back.trimmed(f)
    zs = [r[0] for r in rows]
    lo_x = min(r[1] for r in rows) - 3.0
    hi_x = max(r[2] for r in rows) + 3.0
    xs = np.linspace(lo_x, hi_x, 20)
    grid_z = np.linspace(zs[0], zs[-1], 40)
    gx, gz = np.meshgrid(xs, grid_z)
    floor = back.map(gx.ravel(), gz.ravel())
    tops = top(gx.ravel(), gz.ravel())
    box = back.box((lo_x, hi_x), (floor.min() - 2.0, tops.max() + 6.0), (zs[0] - 4.0, cut + 2.0))
    built = back.mesh(f_trim, box, P.MULTIFIDUS_FACES)
    section_caps.tag_plane(built, (0.0, 0.0, cut), SUPERIOR, CAP_TOLERANCE)
    return Built(built), f
