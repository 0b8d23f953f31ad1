"""The supraspinous ligament: a strong fibrous cord over the posterior midline, attached to the
tip of every spinous process it passes (Gray's: "a strong fibrous cord ... thicker and broader in
the lumbar region"; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 4): here
the L5 spinous tip, the S1 spinous tubercle and the median sacral crest below it. It follows the
dorsal contour of the midline like a cord laid over the row of tips (:func:`_laid_over`),
bending over each and spanning straight, a little sagging, between them. Between the tips and
above the L5 tip it is a rounded cord, oval in section (:mod:`supraspinous_band`), its deep
fibres reaching forward into the interspinous ligament (Heylings 1978); towards the L5 tip and
the S1 tubercle, its two attachments, it widens straight along it (:func:`_attachments`: a tent,
not a bell) and spreads thinly over the tip, no thicker there, its margins draped down the tip's
sides and its deep face cut to the tip, so that its back runs on smooth over the tip (blind
review s43, 2/2: hoods over the tips read as "a tube with round bulges"; s44, 2/2: a flat band
"needs a rounded cord with real depth"); down the crest it thins into an even band. Above the L5
tip it runs on towards L4 (not modelled) and ends in a clean section; below, it thins and widens
over the median sacral crest into the thoracolumbar fascia (A.7; Bogduk ch. 4), then tapers to a
thin, blunt point lying on the crest. Built by :mod:`ligaments`.
"""

from __future__ import annotations

import numpy as np
from scipy.ndimage import gaussian_filter1d, grey_closing, maximum_filter1d

from . import implicit, muscle_meshing, section_caps
from . import parameters as P
from .bone_fields import Lumbosacral, distance, frame_matrix, mesh_in_frame
from .frame import RIGHT
from .geometry import first_hit
from .supraspinous_band import band_field

#: the midline bones whose dorsal contour it lies along, and the only bones it comes near (the
#: hip bones lie 20 mm and more from it: their distance never counts, only costs)
MIDLINE = ("l5_vertebra", "s1_segment", "sacrum_lower")
#: how far apart its samples lie along the midline, mm
STEP = 0.25


def _rear_profile(ctx, names, x: float, z: np.ndarray) -> np.ndarray:
    """The rearmost ``y`` of the bones ``names`` at each height ``z`` in the plane ``x`` (where a
    ray from behind first meets them; nan where it meets none)."""
    origins = np.column_stack([np.full(len(z), x), np.full(len(z), -200.0), z])
    ahead = np.tile([0.0, 1.0, 0.0], (len(z), 1))
    hits = [first_hit(ctx.mesh(b), origins, ahead, 300.0) for b in names if b in ctx.built]
    return -200.0 + np.fmin.reduce(np.vstack(hits), axis=0)


def _closing(f: np.ndarray, radius: float) -> np.ndarray:
    """The morphological closing of the height profile ``f`` (sampled every ``STEP``) by a disc
    of ``radius`` mm rolled over it from above: the line a strap laid over it takes, touching its
    tops and bridging the hollows between them (continuous in ``f``: no choice that flips)."""
    n = int(radius / STEP)
    s = np.arange(-n, n + 1) * STEP
    cap = np.sqrt(np.maximum(radius**2 - s**2, 0.0)) - radius
    return grey_closing(f, footprint=np.ones(len(cap), bool), structure=cap, mode="nearest")


def _stiff_line(held: np.ndarray, radius: float, smoothing: float, easing: float) -> np.ndarray:
    """The line a strap takes over the profile ``held`` (as ``y``, sampled every ``STEP``): closed
    by a disc of ``radius`` mm (:func:`_closing`), smoothed along it over ``smoothing`` mm
    (sigma) never in front of the tops it lies on, and its bends over them eased over ``easing``
    mm (sigma): smoothed, and pushed back off any bone it then runs into, the push itself spread
    smoothly along it (a strap's bend, not a crease)."""
    line = -_closing(-held, radius)
    sigma = smoothing / STEP
    for _ in range(8):
        line = np.minimum(gaussian_filter1d(line, sigma, mode="nearest"), held)
    ease = easing / STEP
    for _ in range(4):
        line = gaussian_filter1d(line, ease, mode="nearest")
        push = maximum_filter1d(np.maximum(line - held, 0.0), 2 * int(ease) + 1, mode="nearest")
        line = line - gaussian_filter1d(push, 0.5 * ease, mode="nearest")
    return line


def _laid_over(ctx, x: float, z: np.ndarray, z_tip: float) -> tuple[np.ndarray, np.ndarray]:
    """(the line it lies along, the bone's back) at each height ``z`` (descending), both as ``y``,
    the L5 spinous tip at the height ``z_tip``: the dorsal contour of the midline bones with a
    strap's stiffness (:func:`_stiff_line`), on the L5 spinous tip, the S1 tubercle and the
    crest's tubercles, bridging the gaps between the lumbar tips (``SUPRASPINOUS_STIFFNESS`` and
    the rest: the first of each), following the sacral crest more closely (the second of each:
    its deep fibres filling the shallow dips between the tubercles, it lies on the crest);
    above the L5 tip on up towards L4's tip, straight (``SUPRASPINOUS_RISE``)."""
    back = _rear_profile(ctx, MIDLINE, x, z)
    back = np.where(np.isfinite(back), back, 0.0)  # (no bone: far in front)
    y_tip = float(np.interp(z_tip, z[::-1], back[::-1]))
    # on up towards L4 (the line of the tips above)
    up = y_tip + P.SUPRASPINOUS_RISE * (z - z_tip)
    held = np.where(z > z_tip, np.minimum(back, up), back)
    lumbar, sacral = (
        _stiff_line(held, r, s, e)
        for r, s, e in zip(
            P.SUPRASPINOUS_STIFFNESS,
            P.SUPRASPINOUS_LINE_SMOOTHING,
            P.SUPRASPINOUS_BEND_EASING,
            strict=True,
        )
    )
    sacral_from, sacral_over = P.SUPRASPINOUS_SACRAL_FROM
    on_sacrum = implicit.smoothstep((z_tip - sacral_from - z) / sacral_over)
    lumbar = np.minimum(lumbar + _sag(lumbar, back), back)
    return lumbar + (sacral - lumbar) * on_sacrum, back


def _sag(line: np.ndarray, back: np.ndarray) -> np.ndarray:
    """How far forward of the straight line between two tips it sags (``y``, at each sample of
    ``line``): ``SUPRASPINOUS_SAG`` over a gap between two tips (where the bone lies far in front
    of the line: the interspinous space), none on a tip, the change spread smoothly along it
    (``SUPRASPINOUS_SAG_SPREAD``), so that its course undulates, rising over each tip and
    dipping between (a smooth function of the bone's depth: no threshold that flips)."""
    start, over = P.SUPRASPINOUS_SAG_GAP
    between = implicit.smoothstep((np.maximum(back - line, 0.0) - start) / over)
    spread = P.SUPRASPINOUS_SAG_SPREAD / STEP
    return P.SUPRASPINOUS_SAG * gaussian_filter1d(between, spread, mode="nearest")


def _front_normal(path: np.ndarray) -> np.ndarray:
    """The unit normal of a midline band's deep face (its width left-right) along ``path``."""
    normal = np.cross(np.gradient(path, axis=0), RIGHT)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    return normal * np.sign(normal[:, [1]])


def _attachments(z: np.ndarray, z_tip: float) -> tuple[np.ndarray, np.ndarray]:
    """How far it has spread over the L5 spinous tip (at ``z_tip``) and over the S1 tubercle
    (the middle of its height, where the sacrum builder puts it) at each height ``z``
    (descending, every ``STEP``): 1 at the tip, falling off straight (a tent) to none
    ``SUPRASPINOUS_FLARE_RAMP`` mm above and below it, its peak and feet rounded over
    ``SUPRASPINOUS_FLARE_ROUNDING`` mm (sigma); over the S1 tubercle one-sided, 1 from the
    tubercle on down the crest (it widens towards the tubercle and stays that wide down the
    crest). A tent, not a bell: its outline runs straight from the middle of a gap to the tip,
    no swelling over the tip (blind review s43, 2/2: "a tube with round bulges")."""
    ramp_l5, ramp_s1 = P.SUPRASPINOUS_FLARE_RAMP
    z_tubercle = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    l5 = np.clip(1.0 - np.abs(z - z_tip) / ramp_l5, 0.0, 1.0)
    s1 = np.clip(1.0 - (z - z_tubercle) / ramp_s1, 0.0, 1.0)
    sigma = P.SUPRASPINOUS_FLARE_ROUNDING / STEP
    return (
        gaussian_filter1d(l5, sigma, mode="nearest"),
        gaussian_filter1d(s1, sigma, mode="nearest"),
    )


def _sizes(z: np.ndarray, gap: np.ndarray, z_tip: float, z_end: float):
    """Its half-width, its thickness behind the line, how far its deep face reaches in front
    of the line in its middle (onto each tip, the bone cut away: a moulded cap; over a gap,
    its deep fibres), how far forward of its middle its margins lie (its arch) and by what
    share it thins towards them at each height ``z``, given how far in front of the line the
    bone lies (``gap``). Between the tips and above the L5 tip (on up towards L4) a rounded
    cord, oval in section; over the L5 tip and the S1 tubercle spread thinly over the tip
    (:func:`_attachments`): wider, no thicker, its margins draped down the tip's sides, so that
    its back runs on smooth over the tip; down the crest a thinner even band; below it thins
    and widens into the fascia, then tapers to a thin blunt point
    (``SUPRASPINOUS_END_ROUNDING``)."""
    w_cord, w_l5, w_sacral, w_end = P.SUPRASPINOUS_HALF_WIDTH
    t_cord, t_tip, t_sacrum, t_end = P.SUPRASPINOUS_THICKNESS
    i_l5, i_sacrum = P.SUPRASPINOUS_IMPRINT
    r_above, r_gap, r_sacrum = P.SUPRASPINOUS_GAP_REACH
    above = implicit.smoothstep((z - z_tip) / P.SUPRASPINOUS_TIP_SPREAD)
    fade = implicit.smoothstep((z - z_end) / P.SUPRASPINOUS_FADE)  # 0 at its lower end
    l5, s1 = _attachments(z, z_tip)
    # thickness behind the line: the cord's, a little less over the L5 tip (spread over it),
    # thin on the sacrum, thinner again as it fans out
    sacral_from, sacral_over = P.SUPRASPINOUS_SACRAL_FROM
    sacral = implicit.smoothstep((z_tip - sacral_from - z) / sacral_over)
    t = t_cord + (t_tip - t_cord) * l5 + (t_sacrum - t_cord) * sacral
    t = t_end + (t - t_end) * fade
    # its deep face: pressed a little onto each tip it lies on (the bone at the line), a little
    # forward of the line over the gaps (its deep fibres); at its lower end lifted off the crest
    # (SUPRASPINOUS_END_LIFT: no bone cut out of its thin end)
    on_bone = 1.0 - implicit.smoothstep(gap / P.SUPRASPINOUS_CONTACT)
    imprint = i_l5 + (i_sacrum - i_l5) * sacral
    reach = r_gap + (r_above - r_gap) * above + (r_sacrum - r_gap) * sacral
    deep = (reach + (imprint - reach) * on_bone) * fade - P.SUPRASPINOUS_END_LIFT * (1.0 - fade)
    # half-width: the cord's, widening straight towards each tip (a tent), an even band down
    # the crest from the S1 tubercle, widening as it fans out; over its last
    # SUPRASPINOUS_END_ROUNDING mm tapering to a blunt point seen from behind (its half-width
    # falling off as the mean of a parabola and its square root: neither a square end nor a
    # spike)
    w_band = w_cord + (w_sacral - w_cord) * s1
    w_band = w_band + (w_l5 - w_band) * l5
    d_end = np.clip((z - z_end) / P.SUPRASPINOUS_END_ROUNDING, 0.0, 1.0)
    arc = 1.0 - (1.0 - d_end) ** 2
    arc = 0.5 * (arc + np.sqrt(np.clip(arc, 0.0, 1.0)))
    half_w = (w_band + (w_end - w_band) * (1.0 - fade)) * np.maximum(arc, 0.15)
    # arched across: little along the cord, its margins draped down the sides of the L5 tip,
    # over the sides of the crest down the sacrum and as it fans out
    a_cord, a_l5, a_crest, a_end = P.SUPRASPINOUS_ARCH
    arch = a_cord + (a_crest - a_cord) * s1
    arch = arch + (a_l5 - arch) * l5
    arch = a_end + (arch - a_end) * fade
    # thinning towards its margins: an oval along the cord, thinner margins where it is spread
    # over a tip and down the crest (thin margins draped over the bone)
    th_cord, th_spread = P.SUPRASPINOUS_MARGIN_THINNING
    cord = (1.0 - l5) * (1.0 - s1) * fade
    thinning = th_spread + (th_cord - th_spread) * cord
    return half_w, t, deep, arch, thinning


def supraspinous(ctx, ls: Lumbosacral):
    """A band along the posterior midline from ``SUPRASPINOUS_CAP_ABOVE_TIP`` above the L5
    spinous tip (a section: it runs on up to L4) over the tip, the S1 spinous tubercle and the
    median sacral crest's tubercles, fanning out down the crest to ``SUPRASPINOUS_END`` below
    the S1 endplate: ``SUPRASPINOUS_HALF_WIDTH`` wide, ``SUPRASPINOUS_THICKNESS`` thick behind
    the line of the tips, arched across (``SUPRASPINOUS_ARCH``), its deep face pressed a little
    onto each tip (``SUPRASPINOUS_IMPRINT``: the bone cut away, a shallow mould) and reaching a
    little forward over each gap (``SUPRASPINOUS_GAP_REACH``)."""
    del ls
    x = float(ctx.landmarks["l5_spinous_tip"][0])
    z_top = float(ctx.mesh("l5_vertebra").vertices[:, 2].max())
    z = np.arange(z_top, P.SUPRASPINOUS_END - 1.0, -STEP)
    # the height of the rearmost point of the L5 spinous process (its tip): a soft minimum, the
    # middle of its flat top (no sample's choice that flips)
    l5 = _rear_profile(ctx, ("l5_vertebra",), x, z)
    ok = np.isfinite(l5)
    weight = np.exp(-(l5[ok] - l5[ok].min()) / 0.3)
    z_tip = float((z[ok] * weight).sum() / weight.sum())
    line, back = _laid_over(ctx, x, z, z_tip)
    z_cut = z_tip + P.SUPRASPINOUS_CAP_ABOVE_TIP
    keep = (z <= z_cut + 3.0) & (z >= P.SUPRASPINOUS_END)
    z, line, back = z[keep], line[keep], back[keep]
    path = np.column_stack([np.full(len(z), P.SUPRASPINOUS_MIDLINE_X), line, z])
    # (the line smoothed along it once more: its normal turns evenly)
    path[:, 1] = np.minimum(gaussian_filter1d(path[:, 1], 1.0 / STEP, mode="nearest"), back)
    normal = _front_normal(path)
    gap = np.maximum((back - path[:, 1]) * normal[:, 1], 0.0)
    half_w, t, deep, arch, thinning = _sizes(z, gap, z_tip, P.SUPRASPINOUS_END)
    # (its deep face smoothed along it: it reaches forward over a gap and recedes over a tip
    # gently, no step at the rim of a tip)
    deep = gaussian_filter1d(deep, P.SUPRASPINOUS_DEEP_SPREAD / STEP, mode="nearest")
    ridged = implicit.smoothstep((z - P.SUPRASPINOUS_END) / 4.0)
    field = band_field(
        path, normal, half_w, t, deep, arch, ridged, thinning, P.SUPRASPINOUS_MIDLINE_X
    )
    # its upper end: a section square to it, P.SUPRASPINOUS_CAP_ABOVE_TIP above the tip
    i_cut = int(np.argmin(np.abs(z - z_cut)))
    top = path[i_cut]
    axis = path[max(i_cut - 4, 0)] - path[min(i_cut + 4, len(z) - 1)]
    axis /= np.linalg.norm(axis)

    def cut_top(p: np.ndarray) -> np.ndarray:
        v = field(p)
        return -implicit.smooth_min(-v, -((p - top) @ axis), P.SUPRASPINOUS_CUT_ROUNDING)

    # the bones cut out of its deep face, the rim of each tip's mould broadly rounded over the
    # lumbar tips and narrowly over the sacrum (where it is a thin sheet on the crest)
    bones = distance(ctx, MIDLINE)
    r_tip, r_sacrum = P.SUPRASPINOUS_BONE_ROUNDING
    sacral_from, sacral_over = P.SUPRASPINOUS_SACRAL_FROM
    sacral = implicit.smoothstep((z_tip - sacral_from - z[::-1]) / sacral_over)
    rounding = r_tip + (r_sacrum - r_tip) * sacral

    def shape(p: np.ndarray) -> np.ndarray:
        v = cut_top(p)
        m = v < 1.0 + r_tip
        if m.any():
            k = np.interp(p[m, 2], z[::-1], rounding)
            v[m] = -implicit.smooth_min(-v[m], bones(p[m]) - 0.15, k)
        return v

    # meshed on a grid along the chord from its top to its lower end
    a, b = top, path[-1]
    u = (b - a) / np.linalg.norm(b - a)
    w = np.cross(u, RIGHT)
    w /= np.linalg.norm(w)
    M = frame_matrix(a, np.column_stack([u, w, np.cross(u, w)]))
    local = (path - a) @ np.column_stack([u, w, np.cross(u, w)])
    pad = float(half_w.max() + t.max() + deep.max() + arch.max()) + 2.0
    lo = local.min(axis=0) - pad
    hi = local.max(axis=0) + pad
    lo[0], hi[0] = -2.0, hi[0] + 2.0
    mesh = mesh_in_frame(shape, M, (lo, hi), voxel=0.3, target_faces=P.SUPRASPINOUS_FACES)
    # (a vertex the grid leaves turned sharply out at a corner of its thin fibrous lower edge
    # relaxed in place, with its ring: 15 vertices moved under 0.2 mm; elsewhere untouched)
    mesh = muscle_meshing.unfolded(mesh, rounds=P.SUPRASPINOUS_UNFOLD_ROUNDS)
    section_caps.tag_plane(mesh, top, axis, P.SUPRASPINOUS_CAP_TOLERANCE)
    return mesh
