"""Multifidus of one side, laid on the back of L5 and the sacrum.

A fleshy belly filling the gutter beside the L5 spinous process and lying over the dorsal
sacrum and its posterior foramina, from the L5 spinous process and lamina down to the sacrum and
the medial PSIS, bulkiest over L5-S1, tapering over S3-S4 to a thin tongue in the sacral groove.
Its back is a row of segmental bands (the L5 band medial, those of L4 and L3, cut with it above
L5 by a section cap, lateral to it), each a rounded bundle (two fascicles over the sacrum)
overlapping the next like roof tiles, running nearly parallel at the cut and fanning down and
out over the sacrum to the PSIS
(Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9; Macintosh & Bogduk 1986).
"""

from __future__ import annotations

import numpy as np

from . import implicit, section_caps
from . import parameters as P
from .back_geometry import CAP_TOLERANCE, MF_EDGE, ROUNDING, BackSide
from .build import Built
from .dorsal_map import depth, layer, outline, smooth_max
from .frame import ANTERIOR, SUPERIOR, unit

#: its outline: rows of (height, medial x', lateral x'), from its lower end up to the cut
Rows = list[tuple[float, float, float]]


def multifidus_rows(back: BackSide) -> Rows:
    """Its outline: (height, medial x', lateral x') from the lower sacrum to the cut.

    A wedge in posterior view (``MULTIFIDUS_OUTLINE``): narrow at the cut beside the L5 spinous
    process, widening down over the L5 lamina to its widest at the PSIS, then drawing in over
    the lower sacrum (S3) to a narrow tongue in the sacral groove beside the median crest by
    S4 (Bogduk ibid., ch. 9)."""
    med = back.spinous_half + P.MULTIFIDUS_SPINOUS_GAP
    xp, zp = back.psis[0], back.psis[2]
    at_cut, at_tip, at_mid, below_psis, at_s3, at_bottom = P.MULTIFIDUS_OUTLINE
    z_low = 0.5 * (back.z_s2 + back.z_bottom)
    return [
        (back.z_bottom, med, med + at_bottom),
        (z_low, med, med + at_s3),
        (back.z_s2, med, xp - below_psis),
        # (its widest at the PSIS a rounded bend, not a corner pointing out)
        (zp - 5.0, med, xp - P.MULTIFIDUS_PSIS_INSET - 1.5),
        (zp, med, xp - P.MULTIFIDUS_PSIS_INSET),
        (zp + 6.0, med, xp - P.MULTIFIDUS_PSIS_INSET - 1.5),
        (0.5 * (zp + back.tip[2]), med, at_mid),
        (back.tip[2], med, at_tip),
        (back.z_cut + 1.0, med, at_cut),
    ]


def lower_border(back: BackSide, xl: np.ndarray) -> np.ndarray:
    """The height of its lower border at lateral distances ``xl``: the rounded end of its
    tongue over S4, lowest beside the median crest."""
    _, med, lat = multifidus_rows(back)[0]
    u = np.clip((np.asarray(xl, float) - med) / (lat - med), 0.0, 1.5)
    return back.z_bottom + P.MULTIFIDUS_LOWER_BORDER + P.MULTIFIDUS_LOWER_ROUND * u * u


def cap_plane(back: BackSide) -> tuple[np.ndarray, np.ndarray]:
    """The section across it above L5, (point, normal): an oblique cut across the column (its
    normal leaning forward by ``MULTIFIDUS_CAP_TILT``, as the lumbar column leans forward going
    up from L5), through the height of the cut at the front of its bed by the lamina, so that
    it rises behind: a clean slanted section, not a box cut square."""
    h_front = float(back.map(np.array([back.spinous_half + 4.0]), np.array([back.z_cut]))[0])
    return np.array([0.0, -h_front, back.z_cut]), unit(SUPERIOR + P.MULTIFIDUS_CAP_TILT * ANTERIOR)


def outline_rows(back: BackSide) -> Rows:
    """Its outline run on up past the cut (the slanted section rises behind): the rows of
    :func:`multifidus_rows` and one above the highest point of the cap."""
    rows = multifidus_rows(back)
    z, med, lat = rows[-1]
    h_back = back.tip[1] + P.MULTIFIDUS_PROUD + P.MULTIFIDUS_BULGE
    rise = P.MULTIFIDUS_CAP_TILT * (h_back + cap_plane(back)[0][1])
    return [*rows, (z + max(rise, 0.0) + 4.0, med, lat)]


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
    keep, reach, dx, dz = P.MULTIFIDUS_PSIS_ATTACHMENT
    xa, za = back.psis[0] + dx, zp + dz

    def psis_attachment(xl, z):
        # 1 at its attachment to the medial face of the PSIS, fading over ``reach``
        return np.exp(-((xl - xa) ** 2 + (z - za) ** 2) / (reach * reach))

    wedge, wedge_low = P.MULTIFIDUS_WEDGE
    thick_s2, thick_end = P.MULTIFIDUS_TONGUE_THICKNESS

    def taper(z):
        # the most thickness it keeps at height z: unbounded (``thick_s2``) from S2 up, falling
        # to ``thick_end`` at its lower end
        t = implicit.smoothstep((z - back.z_bottom) / (back.z_s2 - back.z_bottom))
        return thick_end + (thick_s2 - thick_end) * t

    def top(xl, z):
        med, lat = np.interp(z, rz, rm), np.interp(z, rz, rl)
        u = np.clip((xl - med) / (lat - med), 0.0, 1.0)
        w = np.clip((z - z_mid) / half_span, -1.0, 1.0)
        plane = ht + P.MULTIFIDUS_PROUD + slope * (zt - z)
        crest = plane - P.MULTIFIDUS_LATERAL_FALL * u**2 + P.MULTIFIDUS_BULGE * (1.0 - w**2)
        # thinner up toward the cut: its bulk grows toward the lumbosacral level
        crest = crest - P.MULTIFIDUS_TOP_FALL * np.clip((z - zt) / (rz[-1] - zt), 0.0, 1.0)
        # a wedge in the groove beside the spinous process: full thickness against it, its
        # dorsal surface sloping down laterally onto the lamina and the facet (not a block)
        # (over the sacrum, below the PSIS, it fills the gutter with a flatter back)
        k = np.clip((z - zp) / (zt - zp), 0.0, 1.0)
        k = wedge_low + (wedge - wedge_low) * implicit.smoothstep(k)
        crest = crest - k * u * u * (crest - base(xl, z) - P.MUSCLE_BONE_MARGIN)
        floor = base(xl, z) + P.MUSCLE_BONE_MARGIN
        # below S2, where the plane (set by L5's spinous tip) nears the bone, the bed keeps a
        # least thickness down to its lower end instead of thinning out above it
        # (keeping most of it at its lower end: a rounded fleshy border there, not a film on
        # the bone that breaks into fingers over the sacral crests)
        t = np.clip((z_from - z) / sacral_ramp, 0.0, 1.0)
        b = np.clip((z - rz[0]) / sacral_ramp, 0.0, 1.0)
        low = P.MULTIFIDUS_LOWER_END + (1.0 - P.MULTIFIDUS_LOWER_END) * b * b * (3.0 - 2.0 * b)
        least = (
            sacral_least * t * t * (3.0 - 2.0 * t) * low * (1.0 - 0.5 * u * u)
        )  # thinner laterally
        crest = smooth_max(crest, floor + least, 2.0)
        # over S3-S4 it thins to a tongue in the sacral groove (not a blunt squared-off end)
        crest = floor - smooth_max(floor - crest, -taper(z), 2.0)
        width = np.minimum(rounding, P.MULTIFIDUS_LATERAL_ROUNDING_SHARE * (lat - med))
        # by the PSIS its fascicles keep their thickness out to the medial face of the spine,
        # where they attach (the bone there is the wall it abuts), instead of rounding down
        # onto the bone some 10 mm medial to it
        width = np.maximum(width * (1.0 - keep * psis_attachment(xl, z)), 1.0)
        s = np.clip((xl - (lat - width)) / width, 0.0, 1.0)
        # (its border a rounded fleshy edge along its outline, at least
        # ``MULTIFIDUS_BORDER_THICKNESS`` thick, not a feather edge taking the bone's every bump)
        # (over the bed itself: over the bone's crests too, not only the smoothed bone)
        deep = np.maximum(floor, back.bed(xl, z) + P.MUSCLE_BONE_MARGIN)
        border = deep + P.MULTIFIDUS_BORDER_THICKNESS
        if tent:
            return smooth_max(floor + (crest - floor) * (1.0 - 0.5 * s * s), border, 1.5)
        # its rounded lateral face shows its fascicles too: grooves running along it, between
        # bundles (a round radius made ``1 - d(theta)`` smaller along the quarter ellipse)
        theta = np.arccos(s)
        count, side_depth, start, period = P.MULTIFIDUS_SIDE_GROOVES
        start, period = np.radians(start), np.radians(period)
        size = np.maximum(0.5 * (width + np.maximum(crest - floor, 1.0)), 1.0)
        d = (side_depth / size) * (0.5 - 0.5 * np.cos(2.0 * np.pi * (theta - start) / period))
        d = np.where((theta > start) & (theta < start + count * period), d, 0.0)
        fall = np.sqrt(np.maximum((1.0 - d) ** 2 - s * s, 0.0))
        return smooth_max(floor + (crest - floor) * fall, border, 1.5)

    return top


def fascicle_tiles(back: BackSide):
    """How far its dorsal surface lies below the crests of its fascicle bundles at (x', z), mm.

    Its fascicles run in segmental bundles (Macintosh & Bogduk 1986), each converging up and in
    on a spinous process and fanning down and out to the mammillary process of S1, the dorsal
    sacrum and the PSIS, the bundles of higher levels lying lateral to and over the deeper ones
    like roof tiles (Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9). A
    bundle's line lies at a fixed share of a width ``w(z)`` measured from its medial border,
    ``w`` growing from the cut down to S2 as a power of the distance (``MULTIFIDUS_BANDS``), so
    the bundles run nearly parallel at the cut and fan out over the sacrum.

    Across each bundle (``MULTIFIDUS_TILE``) its back rises out from under its medial
    neighbour's edge in a rounded dome to its crest, then rounds over its own lateral edge and
    drops by a step onto the next bundle: a stepped, tiled surface, each bundle's lateral edge
    standing proud of the bundle beside it, not parallel grooves cut into one surface. A height
    field, continuous everywhere (the drop at each edge ends where the next dome starts)."""
    bands, w_cut, w_s2, power = P.MULTIFIDUS_BANDS
    step, step_share, radius, radius_share = P.MULTIFIDUS_TILE
    split_from, split_over = P.MULTIFIDUS_FASCICLE_SPLIT
    med = back.spinous_half + P.MULTIFIDUS_SPINOUS_GAP
    z_top, span = back.z_cut, back.z_cut - back.z_s2
    drift = fascicle_drift(back)

    def tile(v, width, out):
        # below the crests of bundles ``width`` mm wide, one between each integer ``v``
        # (``out``: mm out from its medial border)
        d = (v - np.floor(v)) * width  # mm out from the bundle's medial edge
        drop = np.minimum(step, step_share * width)
        edge = np.minimum(radius, radius_share * width)
        # the dome rising out from under the medial neighbour (level at its foot, so the
        # meshing's closing keeps the step, and at its crest) ...
        t = np.clip(d / (width - edge), 0.0, 1.0)
        rise = 1.0 - t * t * (3.0 - 2.0 * t)
        # ... and its lateral edge, rounded over in a quarter ellipse down to the step's foot
        s = np.clip((d - (width - edge)) / edge, 0.0, 1.0)
        fall = 1.0 - np.sqrt(np.clip(1.0 - s * s, 0.0, 1.0))
        # (the innermost bundle rises from the spinous process's side, no step there; and
        # where the bundles drift medially, above the sacrum, their relief fades in over half a
        # bundle's width from its medial border, where they arise)
        fade = implicit.smoothstep(np.clip(2.0 * out / width, 0.0, 1.0))
        return drop * np.where((v < 1.0) & (d < width - edge), 0.0, rise + fall) * fade

    def tiles(xl, z):
        z = np.asarray(z, float)
        down = np.maximum((z_top - z) / span, 0.0)
        w = w_cut + (w_s2 - w_cut) * down**power
        out = np.maximum(np.asarray(xl, float) - med, 0.0)
        # (the bundles' lines drift laterally going down: oblique, each level's bundle arising
        # along the medial border and running down and out over the one below)
        v = bands * out / w + drift(z)
        band = tile(v, w / bands, out)
        # (each band's two fascicles tiled too where the band is broad enough, over the sacrum)
        split = implicit.smoothstep((w / bands - split_from) / split_over)
        return band + split * (tile(2.0 * v, 0.5 * w / bands, out) - band)

    return tiles


def fascicle_drift(back: BackSide):
    """By how many bundles its fascicle bundles' lines lie medial of the sacral fan's at height
    ``z``: none over the sacrum, up to the S1 posterior foramen, growing to
    ``MULTIFIDUS_FASCICLE_SLANT`` (a whole number, so that by the cut the bundles lie where the
    fan alone puts them) at the cut, as ``t²(2 - t)`` of the share ``t`` of the way up (setting
    off smoothly above the sacrum). Each segmental bundle leaves the spinous processes and runs
    down and laterally (Macintosh & Bogduk, Spine 1986;11:92), so seen from behind its bundles
    are oblique over L5, new ones arising along its medial border, not lines running straight
    down from the cut; over the sacrum the fan of :func:`fascicle_tiles` alone lays them out
    (its medial fascicles running straight down beside the median crest)."""
    z_s1 = float(back.lm("s1_posterior_foramen")[2])

    def f(z):
        t = np.clip((np.asarray(z, float) - z_s1) / (back.z_cut - z_s1), 0.0, 1.0)
        return P.MULTIFIDUS_FASCICLE_SLANT * t * t * (2.0 - t)

    return f


def build_multifidus(back: BackSide) -> Built:
    """Multifidus of ``back``'s side (the erector spinae lies on its mesh)."""
    top = multifidus_top(back)
    rows = outline_rows(back)
    margin = P.MUSCLE_BONE_MARGIN
    grooves = fascicle_tiles(back)
    base = back.smooth_floor
    rz, rl = np.array([r[0] for r in rows]), np.array([r[2] for r in rows])

    def grooved(xl, z):
        # the grooves between its fascicles, fading where the belly thins onto the bone
        t = top(xl, z)
        share = np.clip((t - base(xl, z)) / P.MULTIFIDUS_GROOVE_FADE, 0.0, 1.0)
        # (and right at its lateral border: a clean rounded border, not notched)
        lat = np.interp(z, rz, rl)
        share = share * np.clip((lat - xl) / P.MULTIFIDUS_GROOVE_FADE, 0.0, 1.0)
        return t - grooves(xl, z) * share * share * (3.0 - 2.0 * share)

    # its dorsal surface rounds over into its borders: a fleshy mass, not a cut slab
    shape = layer(back.bed, grooved, rows, P.MULTIFIDUS_EDGE_ROUNDING, margin)
    cut, normal = cap_plane(back)

    def f(p: np.ndarray) -> np.ndarray:
        xl, z, h = back.map.lateral(p), p[:, 2], depth(p)
        v = shape(p)
        v = np.maximum(v, outline(xl, z, rows, ROUNDING) - MF_EDGE)
        v = np.maximum(v, back.bed(xl, z) + margin - h)
        # its lower border a clean rounded U over S3-S4, lowest beside the median crest, above
        # where the bed thins out over the sacral crests (not a ragged fringe)
        v = smooth_max(v, lower_border(back, xl) - z, P.MULTIFIDUS_LOWER_ROUNDING)
        # a section across it, its rim rounded like a cut through a fleshy belly
        return smooth_max(v, (p - cut) @ normal, P.MULTIFIDUS_CAP_ROUNDING)

    f_trim = back.trimmed(f)
    zs = [r[0] for r in rows]
    lo_x = min(r[1] for r in rows) - 3.0
    hi_x = max(r[2] for r in rows) + 3.0
    xs = np.linspace(lo_x, hi_x, 20)
    grid_z = np.linspace(zs[0], zs[-1], 40)
    gx, gz = np.meshgrid(xs, grid_z)
    floor = back.map(gx.ravel(), gz.ravel())
    tops = top(gx.ravel(), gz.ravel())
    box = back.box((lo_x, hi_x), (floor.min() - 2.0, tops.max() + 6.0), (zs[0] - 4.0, zs[-1] + 2.0))
    built = back.mesh(f_trim, box, P.MULTIFIDUS_FACES)
    section_caps.tag_plane(built, cut, normal, CAP_TOLERANCE)
    return Built(built)
