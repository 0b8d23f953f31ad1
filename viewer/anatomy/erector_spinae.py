"""Erector spinae of one side, rising from its aponeurosis over the sacrum and the iliac crest.

Its aponeurosis is a thick, broad, flat tendinous sheet over the whole dorsal sacrum, attached
along the median sacral crest and the lower sacrum, spanning the multifidus and the lateral
crest out over the PSIS and along the iliac crest. From its deep surface (down over the lateral
sacrum below S2) and from the crest by the PSIS, the longissimus (medial) and iliocostalis
(lateral) columns rise as thin fleshy wedges tapering down into it (one long column with its
tendinous origin, not a block on a strap) and swell into one thick rounded mass lateral to the
multifidus (the columns two broad smooth lobes on its back, a groove between them),
leaning out as it rises and filling out into one oval toward its section cap above L5
(Gray's Anatomy, 42nd ed.; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine,
ch. 9; Macintosh & Bogduk 1987)."""

from __future__ import annotations

import numpy as np
import trimesh
from scipy import ndimage

from . import implicit, routing, section_caps
from . import parameters as P
from .back_geometry import CAP_TOLERANCE, MF_EDGE, ROUNDING, BackSide, dorsal_depth, upper_envelope
from .build import Built
from .dorsal_map import DorsalMap, depth, outline, smooth_max
from .erector_aponeurosis import (
    aponeurosis_fibres,
    aponeurosis_thinning,
    border_ramp,
    flattened,
    levelled_sheet,
    lower_border,
    smootherstep,
)
from .erector_columns import behind_sheet, resampled, toward_one_oval
from .frame import ANTERIOR, RIGHT, SUPERIOR, unit
from .multifidus import multifidus_top, outline_rows
from .muscle_meshing import unfolded


def fleshy_swell(back: BackSide):
    """How much thicker than the tendinous sheet the erector's lower part is at (x', z), mm: the
    fleshy fibres of longissimus and iliocostalis arising from the deep face of the aponeurosis
    medial to the PSIS (Macintosh & Bogduk 1987) thicken it behind multifidus from the S2
    foramen up (``ERECTOR_SPINAE_FLESHY_SWELL``), so that it runs down from its columns as one
    tapering mass, not a thick column on a thin neck (the side view thinned to 16 mm at S1
    between 48 mm above and 26 mm below: the s33 review's "side-view thinning at S1"). It fades
    out medially toward the median crest and laterally toward the PSIS, over which the skin lies
    thin (the PSIS dimple). Over S3 it is the tendinous sheet alone: the fleshy mass rises off
    it from just below the S2 foramen as a long smooth wedge (``ERECTOR_SPINAE_FLESHY_FROM``;
    the musculotendinous junction, no step facing down), its lower edge rising laterally
    (``ERECTOR_SPINAE_FLESHY_EDGE_SLANT``)."""
    extra, rise, medial, lateral, fade, top = P.ERECTOR_SPINAE_FLESHY_SWELL
    x_lat = back.psis[0] - lateral
    # (up from just below the S2 foramen, where the sheet is its own thickness; down again, as
    # the columns take over, by the L5 spinous tip, over which the skin lies thin)
    z_from = back.z_s2 + P.ERECTOR_SPINAE_FLESHY_FROM
    z_up = (z_from, z_from + rise)
    z_down = (back.psis[2] + top, back.tip[2])

    # (its lower edge on the sheet, the musculotendinous junction, slants: lowest medially
    # over multifidus, where the paraspinal mass is bulkiest, rising laterally; not a level shelf)
    slant = P.ERECTOR_SPINAE_FLESHY_EDGE_SLANT

    def swell(xl, z):
        laterally = np.clip((xl - medial) / (x_lat - medial), 0.0, 1.0)
        z0 = z_up[0] + slant * laterally
        up = implicit.smoothstep((z - z0) / (z_up[1] - z_up[0]))
        up = up * (1.0 - implicit.smoothstep((z - z_down[0]) / (z_down[1] - z_down[0])))
        inside = implicit.smoothstep((xl - medial) / fade)
        inside = inside * (1.0 - implicit.smoothstep((xl - x_lat) / fade))
        return extra * up * inside

    return swell


def deep_floor(
    back: BackSide, multifidus: trimesh.Trimesh, x_reach: float, z_span
) -> tuple[DorsalMap, DorsalMap]:
    """What the erector's deep (anterior) face lies on, as depth over (x', z): the bone
    (``MUSCLE_BONE_MARGIN`` off it) and multifidus's dorsal surface (half the aponeurosis's gap
    off it), bridged by a smooth upper envelope (``ERECTOR_SPINAE_DEEP_BRIDGING``): its deep face
    lies smoothly on multifidus and the transverse processes, spanning the grooves between
    multifidus's fascicles and the hollows between the processes (the intertransverse
    ligaments), not moulding each of them (a "crumpled deep surface", s41 blind review). Also
    multifidus's own dorsal surface (that gap off it), unbridged."""
    step = 1.0
    xs = np.arange(-8.0, x_reach + step, step)
    zs = np.arange(z_span[0], z_span[1] + step, step)
    gx, gz = np.meshgrid(xs, zs, indexing="ij")
    bone = back.map(gx.ravel(), gz.ravel()).reshape(gx.shape) + P.MUSCLE_BONE_MARGIN
    ball, lift, reach, sigma, _ = P.ERECTOR_SPINAE_DEEP_BRIDGING
    over_mf = dorsal_depth(multifidus, back.sign, xs, zs, ball)
    # (multifidus runs on up the spine past its section, a little below the erector's: above
    # the section the floor keeps to multifidus's dorsal surface just under it, so that the
    # erector does not fill in forward over the cut muscle)
    held = zs >= back.z_cut - P.MULTIFIDUS_CAP_ROUNDING - 2.0
    over_mf[:, held] = over_mf[:, np.flatnonzero(held)[:1]]
    over_mf = over_mf + 0.5 * P.ERECTOR_SPINAE_APONEUROSIS_GAP
    smooth = upper_envelope(np.maximum(bone, over_mf), step, lift, reach, sigma)
    smooth = held_over_crest(back, xs, zs, smooth, step)
    return DorsalMap(back.sign, xs, zs, smooth), DorsalMap(back.sign, xs, zs, over_mf)


def held_over_crest(
    back: BackSide, xs: np.ndarray, zs: np.ndarray, floor: np.ndarray, step: float
) -> np.ndarray:
    """``floor`` (depth over the grid ``xs`` by ``zs``) with the erector's deep face resting on
    the back of the posterior iliac crest: lateral of the transverse process it never comes
    forward again round the crest's lateral face (a running maximum laterally,
    ``ERECTOR_SPINAE_CREST_HOLD``), from above the PSIS up; not a lateral wing wrapped round the
    crest, which read from the front as a V-shaped pocket (s45 blind review)."""
    from_x, from_z, fade, sigma = P.ERECTOR_SPINAE_CREST_HOLD
    lateral = xs >= back.psis[0] + from_x
    held = floor.copy()
    held[lateral] = np.maximum.accumulate(floor[lateral], axis=0)
    held = smooth_max(ndimage.gaussian_filter(held, sigma / step, mode="nearest"), floor, 1.0)
    w = implicit.smoothstep(np.clip((zs - back.psis[2] - from_z) / fade, 0.0, 1.0))[None, :]
    return floor + w * (held - floor)


def build_erector_spinae(back: BackSide, multifidus: trimesh.Trimesh) -> Built:
    """Erector spinae of ``back``'s side, lying on ``multifidus`` (its mesh) and the bone."""
    mf_top, mf_tent = multifidus_top(back), multifidus_top(back, tent=True)
    margin = P.MUSCLE_BONE_MARGIN
    half = 0.5 * P.ERECTOR_SPINAE_APONEUROSIS_THICKNESS
    lift = P.ERECTOR_SPINAE_APONEUROSIS_GAP + half
    xt, ht, zt = back.tip
    xp, hp, zp = back.psis
    z_cut = back.l5_top + P.ERECTOR_SPINAE_ABOVE_L5
    tilt = unit(SUPERIOR + P.ERECTOR_SPINAE_TOP_TILT * ANTERIOR)

    mf_rows = outline_rows(back)
    sheet_medial = back.spinous_half + P.ERECTOR_SPINAE_SHEET_SPINOUS_GAP

    def draped(xl, z):
        # over multifidus; beyond its outline draped down onto the bone
        over = mf_tent(xl, z) + lift
        bone = back.map(xl, z) + margin + half
        # (multifidus ends within MF_EDGE of its outline: the drape begins beyond it)
        beyond = outline(xl, z, mf_rows, ROUNDING) - MF_EDGE
        out = np.clip(beyond / P.ERECTOR_SPINAE_APONEUROSIS_DRAPE, 0.0, 1.0)
        cover = 1.0 - out * out * (3.0 - 2.0 * out)
        return smooth_max(bone + (over - bone) * cover, bone, 3.0)

    # (the aponeurosis's lowest point, beside the median crest: its first row below)
    z_low = back.z_bottom + P.ERECTOR_SPINAE_APONEUROSIS_LOWER[0][0]
    border = lower_border(z_low)
    ramp = border_ramp(border)
    levelled = levelled_sheet(back, draped, ramp)

    # the aponeurosis: a broad sheet over the whole dorsal sacrum from the median crest out over
    # the lateral crest and the PSIS, ending on the lower sacrum in a broad border across it (not
    # a strip pointing down), and up along the medial lip of the posterior iliac crest, from
    # which iliocostalis arises; above S1 its medial border draws off laterally into the columns
    rows = [
        *((back.z_bottom + dz, m, w) for dz, m, w in P.ERECTOR_SPINAE_APONEUROSIS_LOWER),
        (back.z_s2 - 14.0, 1.0, xp - 2.0),
        (back.z_s2, 1.0, xp + 4.0),
        (zp, 1.0, xp + 12.0),
        # above the PSIS its medial border runs on up beside the spinous processes over
        # multifidus to the cut (the sheet covers multifidus and is attached to the L4-L5
        # spinous processes: no waist where the columns leave it), its lateral border along
        # the iliac crest and on up under the columns
        *((zp + dz, sheet_medial, xp + dx) for dz, _, dx in P.ERECTOR_SPINAE_CREST_ATTACHMENT),
        # (by the cut it draws off into longissimus's medial edge: no free corner of the sheet
        # standing over multifidus's section)
        (z_cut - 24.0, sheet_medial, xp + P.ERECTOR_SPINAE_CREST_ATTACHMENT[-1][2]),
        # (and its lateral part, which lies in front of the columns above the iliac crest, ends
        # before the cut: no thin sheet standing in front of the belly's section)
        (z_cut - 4.0, sheet_medial + 14.0, sheet_medial + 16.0),
    ]
    free_from, free_over, _ = P.ERECTOR_SPINAE_LOWER_BORDER_FREE
    sheet_centre = flattened(levelled, rows, ramp)

    thin = aponeurosis_thinning(back, z_low)
    fibres = aponeurosis_fibres()
    swell = fleshy_swell(back)

    def sheet(p):
        xl, z, h = back.map.lateral(p), p[:, 2], depth(p)
        # its deep face lies on multifidus and the bone; its dorsal face stands the sheet's
        # thickness (thinning toward its lower border) behind it, ribbed by its fibres
        c = sheet_centre(xl, z)
        # seated on the bone along its lower border, where it is attached (the bone trim
        # keeps it clear of the bone itself), over the border's one ramp
        z_border = border(xl)
        off_border = ramp(xl, z)
        # (only where it lies on the broad lower sacrum: laterally, where its border rises off
        # the narrowing bone, a seated border with no bone to trim it hung a lip forward)
        on_bone = 1.0 - smootherstep((xl - free_from) / free_over)
        deep = c - half - P.ERECTOR_SPINAE_APONEUROSIS_SEAT * (1.0 - off_border) * on_bone
        share = thin(z)
        # (its ribs fading out toward its thin lower border)
        ribbed = (share - P.ERECTOR_SPINAE_APONEUROSIS_EDGE) / (
            1 - P.ERECTOR_SPINAE_APONEUROSIS_EDGE
        )
        # (and out toward its whole U-shaped lower border, which they would fray where it rises
        # obliquely across them laterally)
        ribbed = ribbed * off_border
        back_face = deep + 2.0 * half * share + fibres(xl, z) * ribbed + swell(xl, z)
        # its thickness measured across it, not along the ray: the height difference over
        # the slope of its centre surface
        e = 0.5
        gx = (sheet_centre(xl + e, z) - sheet_centre(xl - e, z)) / (2 * e)
        gz = (sheet_centre(xl, z + e) - sheet_centre(xl, z - e)) / (2 * e)
        mid, hh = 0.5 * (deep + back_face), 0.5 * (back_face - deep)
        across = (np.abs(h - mid) - hh) / np.sqrt(1.0 + gx**2 + gz**2)
        edge = smooth_max(outline(xl, z, rows, ROUNDING), z_border - z, ROUNDING)
        return smooth_max(across, edge, 2.0)

    # the columns: paths of (x', z) with the depth of their centre and their half-sizes
    # the fleshy columns reach down over the aponeurosis: longissimus to the lateral sacrum below
    # S2, iliocostalis to the iliac crest by the PSIS (one long column tapering into its
    # tendinous origin, not a block standing on a strap)
    base_l = (
        xp + P.ERECTOR_SPINAE_LONGISSIMUS_BASE[0],
        back.z_s2 + P.ERECTOR_SPINAE_LONGISSIMUS_BASE[1],
    )
    base_i = (
        xp + P.ERECTOR_SPINAE_ILIOCOSTALIS_BASE[0],
        zp + P.ERECTOR_SPINAE_ILIOCOSTALIS_BASE[1],
    )
    lw, ld = P.LONGISSIMUS_BELLY
    iw, idp = P.ILIOCOSTALIS_BELLY

    def at_sheet(xz: tuple[float, float]) -> float:
        return float(sheet_centre(np.array([xz[0]]), np.array([xz[1]]))[0])

    # each column rises from the front of the aponeurosis as a thin fleshy wedge and swells
    # steadily into a thick belly (deepest toward the cut, its deep face on the transverse
    # processes and the iliac crest), leaning out as it rises, iliocostalis more than
    # longissimus (it runs up and laterally toward the ribs): not a vertical prism
    z_mid = 0.5 * (zt + z_cut)
    lean = P.ERECTOR_SPINAE_COLUMN_LEAN
    up_l = (xp - 10.0, zp + P.ERECTOR_SPINAE_LONGISSIMUS_FLESHY_FROM)
    up_i = (xp + 9.0, zp + 14.0)
    columns = [
        # x', z, centre depth, half-width, half-depth
        [
            (*base_l, at_sheet(base_l), 0.35 * lw, max(half, 0.2 * ld)),
            (*up_l, at_sheet(up_l) - 0.4 * ld, 0.55 * lw, 0.6 * ld),
            (xp - 12.0 + 0.3 * lean, zt, ht - 4.0, 0.95 * lw, 0.92 * ld),
            (xp - 11.0 + 0.6 * lean, z_mid, ht - 5.0, 1.05 * lw, 1.05 * ld),
            (xp - 10.0 + lean, z_cut + 20.0, ht - 6.0, lw, 0.95 * ld),
        ],
        [
            (*base_i, at_sheet(base_i), 0.45 * iw, max(half, 0.2 * idp)),
            (*up_i, at_sheet(up_i) - 0.4 * idp, 0.55 * iw, 0.6 * idp),
            (xp + 10.0 + 0.6 * lean, zt, ht - 6.0, 0.9 * iw, 0.88 * idp),
            (xp + 11.0 + 1.2 * lean, z_mid, ht - 7.0, 1.05 * iw, 1.05 * idp),
            (xp + 12.0 + 2.0 * lean, z_cut + 20.0, ht - 8.0, iw, 0.95 * idp),
        ],
    ]
    parts = [sheet]
    paths, widths, depths = [], [], []
    for col in columns:
        c = np.asarray(col, float)
        via = np.column_stack([back.sign * c[:, 0], -c[:, 2], c[:, 1]])
        path = routing.spline(via, 1.0)
        w = routing.along(path, via, c[:, 3])
        d = routing.along(path, via, c[:, 4])
        # kept behind multifidus: its deep half may lie against it, not sink into it
        xl, z = back.map.lateral(path), path[:, 2]
        h = np.maximum(depth(path), mf_top(xl, z) + 0.5 * d)
        path[:, 1] = -routing.smooth(h[:, None].repeat(3, axis=1), 8)[:, 0]
        # the column's belly: one smooth oval section (no bundles unioned side by side, whose
        # seams read as the creases of a sack), its back rounded over a crest
        ew, ed = P.ERECTOR_SPINAE_BELLY_ENVELOPE
        parts.append(
            implicit.sweep(path, w * ew, d * ed, width_dirs=RIGHT, band=P.ERECTOR_SPINAE_FIELD_BAND)
        )
        paths.append(path)
        widths.append(w)
        depths.append(d)
    # one fleshy mass under both columns, filling the cleft between them in front: a rounded
    # section with the columns as two broad lobes behind, not two prisms side by side
    (pl, pi), (wl, wi), (dl, di) = paths, widths, depths
    n_mid = min(len(pl), len(pi))
    mid = 0.5 * (resampled(pl, n_mid) + resampled(pi, n_mid))
    gap = np.linalg.norm(resampled(pi, n_mid) - resampled(pl, n_mid), axis=1)
    ew, ed, forward = P.ERECTOR_SPINAE_MASS_ENVELOPE
    # (growing from the columns' tendinous bases: full from the spinous tip's level up)
    grow = np.interp(mid[:, 2], [zp + 6.0, zt], [0.35, 1.0])
    mass_w = grow * (0.5 * gap + ew * 0.5 * (resampled(wl, n_mid) + resampled(wi, n_mid)))
    mean_d = 0.5 * (resampled(dl, n_mid) + resampled(di, n_mid))
    mass_d = grow * ed * mean_d
    # (set forward: it fills the cleft between the columns in front, the groove behind stays)
    mid = mid + np.outer(grow * forward * mean_d, ANTERIOR)
    parts.append(
        implicit.sweep(mid, mass_w, mass_d, width_dirs=RIGHT, band=P.ERECTOR_SPINAE_FIELD_BAND)
    )
    # the columns run down into the aponeurosis as one shape: the sheet thickens smoothly into
    # their tendinous bases (not a plate with a belly stood on it)
    # (smooth fusiform bellies: no striae, whose ripples read as "a lumpy block", s44 review)
    ew, ed = P.ERECTOR_SPINAE_BELLY_ENVELOPE
    columns_sdf = toward_one_oval(
        back,
        implicit.smooth_union(P.ERECTOR_SPINAE_COLUMN_BLEND, *parts[1:]),
        [(pl, wl * ew, dl * ed), (pi, wi * ew, di * ed)],
        z_cut,
    )
    body = implicit.smooth_union(
        P.ERECTOR_SPINAE_APONEUROSIS_BLEND,
        *parts[:1],
        behind_sheet(back, columns_sdf, sheet_centre, half),
    )

    x_reach = xp + 18.0 + ROUNDING + max(lw, iw) + 2.0 * lean + 10.0
    floor, over_mf = deep_floor(back, multifidus, x_reach, (back.z_bottom - 25.0, z_cut + 15.0))

    on_sacrum = P.ERECTOR_SPINAE_DEEP_BRIDGING[-1]

    def f(p: np.ndarray) -> np.ndarray:
        xl, z, h = back.map.lateral(p), p[:, 2], depth(p)
        v = body(p)
        # its deep face on the smooth floor over multifidus and the bone; along its lower border,
        # where it is attached, down onto the bridged dorsal surface itself (the trim against
        # the bone keeps it MUSCLE_BONE_MARGIN clear of the bone)
        off_border = ramp(xl, z)
        on_map = (
            P.ERECTOR_SPINAE_ATTACHED_MARGIN
            + (margin - P.ERECTOR_SPINAE_ATTACHED_MARGIN) * off_border
        )
        # (near its lower border, where it lies on the sacrum and is attached, on the bone and
        # multifidus's lower end themselves: the bridging would lift it off its attachment)
        low = np.maximum(back.map(xl, z) + on_map, over_mf(xl, z))
        smooth = floor(xl, z)
        # (a rounded intersection: no crease where the columns' front meets the floor; sharp
        # again toward its lower border, where the sheet is seated on the bone itself)
        attach = P.ERECTOR_SPINAE_APONEUROSIS_ATTACHMENT
        on_bed = 1.0 - smootherstep((z - border(xl) - attach) / (on_sacrum * attach))
        floor_here = smooth + (low - smooth) * on_bed - h
        rounded = smooth_max(v, floor_here, P.ERECTOR_SPINAE_FLOOR_ROUNDING)
        sharp = np.maximum(v, floor_here)
        v = sharp + (rounded - sharp) * (1.0 - on_bed)
        return smooth_max(
            v, (p - np.array([0.0, 0.0, z_cut])) @ tilt, P.ERECTOR_SPINAE_CAP_ROUNDING
        )

    f_trim = back.trimmed(f)
    allp = np.vstack(paths)
    hs = depth(allp)
    box = back.box(
        (0.0, xp + 18.0 + ROUNDING + max(lw, iw)),
        (float(hs.min()) - max(ld, idp) - 3.0, float(hs.max()) + max(ld, idp) + 30.0),
        (back.z_bottom - 20.0, z_cut + 18.0),
    )
    # the odd fold decimation leaves where its medial edge meets the median crest: relaxed
    built = unfolded(back.mesh(f_trim, box, P.ERECTOR_SPINAE_FACES))
    section_caps.tag_plane(built, (0.0, 0.0, z_cut), tilt, CAP_TOLERANCE)
    return Built(built)
