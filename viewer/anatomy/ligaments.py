"""The L5-S1 ligaments: smooth bands lying on, or spanning between, the built bones.

* Longitudinal ligaments (ALL, PLL): flat bands lying on the front and the back of the bodies and
  the disc, the PLL narrow behind L5 and fanning over the disc (:mod:`longitudinal_ligaments`).
* Ligamentum flavum and interspinous ligament: thin sheets between the L5 and S1 posterior arches
  (:mod:`ligament_sheets`, which also meshes every band spanning between bones, and
  :mod:`interspinous`).
* Supraspinous ligament: a band of longitudinal fibres straight along the posterior midline over
  the tips of the spinous processes, cut at both ends (section caps: it runs on up to L4 and down
  the median sacral crest): broadest and thickest where it caps the L5 tip (moulded over it, its
  deep face the bone's shape), narrower and thinner between the tips, thinnest over the L5-S1
  gap and the crest, where it is thin or absent (Bogduk ch. 4; Gray's): five fibre bundles side
  by side, shallow grooves between them.
* Iliolumbar ligament: a short, thick fibrous fan from a broad rounded origin wrapping the tip
  of the L5 transverse process: its upper band, in an anterior and a posterior part fused at the
  tip and diverging, out to a long line on the inner lip of the iliac crest, and its lower
  (lumbosacral) band down to the ala in front of the sacroiliac joint; each band a row of fibre
  bundles side by side, fanning out from the tip (its fibres along it), ending sunk into its
  bone (a broad, clearly bounded footprint once the bone is cut away).

Right-side structures are modelled; the left ones are their mirror images.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit, interspinous, ligament_sheets, section_caps
from . import longitudinal_ligaments as longitudinal
from . import parameters as P
from .bone_fields import (
    Lumbosacral,
    distance,
    missing,
    nearest_surface_point,
)
from .build import Built
from .frame import RIGHT
from .ligament_sheets import both_sides, sink, spanning
from .longitudinal_band import band

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
SPINE = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")
MAX_FACES = 3000


from .frame import unit as _unit  # noqa: E402


def _midline_posterior_points(ctx, ls: Lumbosacral):
    """The L5 spinous tip and the top of the S1 spinous tubercle (median sacral crest)."""
    tip = np.asarray(ctx.landmarks["l5_spinous_tip"], float)
    s1 = ctx.mesh("s1_segment").vertices
    cand = s1[ls.a(s1) < ls.disc_posterior - 4.0]
    cand = cand[np.abs(cand[:, 0] - tip[0]) <= max(3.0, np.abs(cand[:, 0] - tip[0]).min() + 1.0)]
    # the top of the median sacral crest: the S1 posterior arch nearest the L5 spinous tip
    s1_tip = cand[np.argmin(np.linalg.norm(cand - tip, axis=1))].copy()
    s1_tip[0] = tip[0]  # both in the mid-sagittal plane
    return tip, s1_tip


def _posterior_profile(ctx, x: float, heights: np.ndarray, bones) -> np.ndarray:
    """The rearmost ``y`` of ``bones`` in the mid-sagittal slab at ``x``, at each height (nan
    where no bone lies in the slab at that height)."""
    v = np.vstack([ctx.mesh(b).vertices for b in bones])
    v = v[np.abs(v[:, 0] - x) < 2.0]
    out = np.full(len(heights), np.nan)
    for i, z in enumerate(heights):
        at = v[np.abs(v[:, 2] - z) < 1.0]
        if len(at):
            out[i] = at[:, 1].min()
    return out


def _front_normal(path: np.ndarray) -> np.ndarray:
    """The unit normal of a midline band's front face (its width left-right) along ``path``."""
    normal = np.cross(np.gradient(path, axis=0), RIGHT)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    return normal * np.sign(normal[:, [1]])


def _bundles(path, half_w, half_t, spread) -> implicit.SDF:
    """The band along ``path`` as ``SUPRASPINOUS_BUNDLES`` parallel fibre bundles side by side
    (the union of their sweeps), overlapping into one rounded cord with shallow grooves between
    them, the lateral ones a little thinner (a rounded section); each a share of the half-width
    going from the first to the second of ``SUPRASPINOUS_BUNDLE_SHARE`` as ``spread`` goes from 0
    to 1. All of them end together, in the cord's tapered, rounded end."""
    n = P.SUPRASPINOUS_BUNDLES
    near, far = P.SUPRASPINOUS_BUNDLE_SHARE
    bw = half_w * (near + (far - near) * spread)
    parts = []
    for s in np.linspace(-1.0, 1.0, n):
        along = path + np.outer(s * (half_w - bw), RIGHT)
        thin = 1.0 - P.SUPRASPINOUS_SIDE_THINNING * s * s
        parts.append(implicit.sweep(along, bw, half_t * thin, RIGHT))
    return implicit.union(*parts)


def _deep_fibres(path, half_t, depth) -> implicit.SDF:
    """The cord's deep fibres: a thin sagittal keel (``SUPRASPINOUS_KEEL_WIDTH`` wide) along its
    front face, reaching ``depth`` mm in front of it (between the tips it blends into the back of
    the interspinous ligament; over the tips the bone, cut away, leaves none)."""
    normal = _front_normal(path)
    back, front = 0.3 * half_t, half_t + depth
    centre = path + normal * ((front - back) / 2)[:, None]
    return implicit.sweep(centre, P.SUPRASPINOUS_KEEL_WIDTH / 2, (front + back) / 2, RIGHT)


def _window(z: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """1 over the heights from ``lo`` to ``hi``, falling smoothly to 0 over
    ``SUPRASPINOUS_TIP_SPREAD`` mm beyond each (a tip's fullness along the cord)."""
    ramp = P.SUPRASPINOUS_TIP_SPREAD
    return implicit.smoothstep((z - lo + ramp) / ramp) * implicit.smoothstep((hi + ramp - z) / ramp)


def _straight_back_line(z, back, weight) -> np.ndarray:
    """The posterior midline along which the cord runs: a parabola in ``z`` (no inflection: it
    runs straight or evenly curved, never in S-bends) fitted to the bone's back ``back`` where
    ``weight`` > 0 (nan elsewhere)."""
    ok = np.isfinite(back) & (weight > 0)
    coef = np.polyfit(z[ok], back[ok], 2, w=np.sqrt(weight[ok]))
    return np.polyval(coef, z)


def _off_the_bone(path, half_w, half_t, bones, step: float) -> np.ndarray:
    """``path`` moved back (along its front normal) where the bone would still reach into its
    front face (within ``SUPRASPINOUS_BONE_GAP``), by a smooth, broad bulge
    (``SUPRASPINOUS_BULGE_SPREAD`` mm): it rides over the bone without a kink."""
    from scipy.ndimage import gaussian_filter1d

    across = np.linspace(-1.0, 1.0, 9)
    sigma = P.SUPRASPINOUS_BULGE_SPREAD / step
    for _ in range(2):
        normal = _front_normal(path)
        front = (
            path[:, None, :]
            + across[None, :, None] * half_w[:, None, None] * RIGHT
            + (np.sqrt(1 - across**2)[None, :, None] * half_t[:, None, None]) * normal[:, None, :]
        )
        clear = bones(front.reshape(-1, 3)).reshape(len(path), -1).min(axis=1)
        need = np.maximum(P.SUPRASPINOUS_BONE_GAP - clear, 0.0)
        push = need.copy()
        for _ in range(6):  # smoothed, and never less than needed
            push = np.maximum(gaussian_filter1d(push, sigma, mode="nearest"), need)
        path = path - normal * push[:, None]
    return path


def _tip_cap(bones, tip, size=P.SUPRASPINOUS_CAP_SIZE, t=P.SUPRASPINOUS_CAP_THICKNESS):
    """The cord's cap over a spinous tip: the bone grown by ``t`` within an ellipsoid round the
    back of the tip's posterior border (centred at ``tip``, of ``size``: height, forward reach,
    half-width): once the bone is cut away, a cap moulded over the tip, its deep face the bone's
    shape, coming a little round the tip's sides."""
    height, forward, half_w = size
    centre = np.asarray(tip, float) + np.array([0.0, (forward - t) / 2, 0.0])
    region = implicit.ellipsoid(centre, (half_w, (forward + t) / 2 + t, height / 2))

    def grown(p: np.ndarray) -> np.ndarray:
        return bones(p) - t

    return implicit.smooth_intersection(0.6, grown, region)


def supraspinous(ctx, ls: Lumbosacral):
    """A cord-to-band over the posterior border of the L5 spinous process, running on up towards
    L4 and down onto the median sacral crest (cut at both ends: section caps, for it runs on),
    straight along the posterior midline. Broadest and thickest where it caps the L5 tip
    (``SUPRASPINOUS_WIDTH``, of the published area, moulded over the tip: its deep face the
    bone's shape), narrower and thinner between the tips (``SUPRASPINOUS_GAP_SIZE``), thin again
    over the S1 tubercle and the crest (it is thin or absent at L5-S1: Bogduk ch. 4)."""
    tip, _ = _midline_posterior_points(ctx, ls)
    x = float(tip[0])
    step = 0.25
    cap = tip[2] + P.SUPRASPINOUS_CAP_ABOVE_TIP
    z = np.arange(cap + 2.0, tip[2] - 80.0, -step)
    l5_back = _posterior_profile(ctx, x, z, ("l5_vertebra",))
    crest_back = _posterior_profile(ctx, x, z, ("sacrum_lower", "s1_segment"))
    # the spinous border: the rearmost part of L5 (within 6 mm of the tip's depth)
    border = np.isfinite(l5_back) & (l5_back < tip[1] + 6.0)
    lower_corner = z[border].min()
    # the back of the S1 tubercle and the crest below it (within 0.5 mm of the tip's depth: not the
    # tubercle's top, in front, over which it would dip into the interspinous space)
    crest = np.isfinite(crest_back) & (crest_back < tip[1] + 0.5)
    crest_top = z[crest & (z < lower_corner)].max()
    # it is cut where it runs on down the crest
    end = crest_top - P.SUPRASPINOUS_CREST_RUN
    keep = z >= end - 3.0
    z, l5_back, crest_back = z[keep], l5_back[keep], crest_back[keep]
    border, crest = border[keep], crest[keep] & (z <= crest_top)
    # how far below the lower corner of the spinous border each height lies (0 over L5, 1 at
    # the top of the crest and below)
    fade = implicit.smoothstep((lower_corner - z) / (lower_corner - crest_top))
    # its size: a flat band of the published area over the L5 tip, narrower and thinner
    # between the tips (above, towards L4, and over the L5-S1 gap), thin over the S1 tubercle
    # and on down the crest
    w0, t0 = P.SUPRASPINOUS_WIDTH, P.SUPRASPINOUS_TIP_DEPTH
    (sw, st) = P.SUPRASPINOUS_TUBERCLE_SIZE
    # between the tips: fuller on up towards L4 than over the L5-S1 gap
    up = implicit.smoothstep((z - tip[2]) / P.SUPRASPINOUS_TIP_SPREAD)[:, None]
    gw, gt = (
        np.asarray(P.SUPRASPINOUS_GAP_SIZE) * (1 - up) + np.asarray(P.SUPRASPINOUS_ABOVE_SIZE) * up
    ).T
    on_l5 = _window(z, lower_corner + 1.0, tip[2] + 1.0)  # the posterior border of its process
    on_s1 = _window(z, -np.inf, crest_top) * (1.0 - on_l5)
    half_w = (gw + (w0 - gw) * on_l5 + (sw - gw) * on_s1) / 2
    half_t = np.maximum(gt + (t0 - gt) * on_l5 + (st - gt) * on_s1, P.SUPRASPINOUS_MIN_THICKNESS)
    half_t = half_t / 2
    # the line of the bone it lies on: the spinous tip, the S1 tubercle and the crest, and on up
    # towards L4 at the tip's depth, one even curve (its front face on it, its back face
    # bulging where it is thicker)
    over_tip = border & (z >= lower_corner) & (z <= tip[2] + P.SUPRASPINOUS_ON_TIP)
    back = np.where(over_tip, l5_back, np.where(crest, crest_back, np.nan))
    line = _straight_back_line(z, back, np.where(over_tip, 2.0, np.where(crest, 1.0, 0.0)))
    gap = P.SUPRASPINOUS_BONE_GAP
    path = np.column_stack([np.full(len(z), x), line - gap - half_t, z])
    bones = distance(ctx, BONES)
    # where the bone still reaches behind the line, the cord is moved back (smoothly)
    path = _off_the_bone(path, half_w, half_t, bones, step)
    border_middle = np.array([x, tip[1], (lower_corner + tip[2] + P.SUPRASPINOUS_ON_TIP) / 2])
    # the cut below, square across the cord where it runs on down the crest
    i = int(np.argmin(np.abs(z - end)))
    down = _unit(path[min(i + 1, len(z) - 1)] - path[max(i - 1, 0)])
    cut_below = path[i]
    # its deep fibres, between the tips (not on down the crest, where they would only graze it)
    keel = _deep_fibres(path, half_t, P.SUPRASPINOUS_KEEL_DEPTH * (1.0 - on_s1))
    cord = implicit.smooth_union(
        P.SUPRASPINOUS_CAP_BLEND,
        implicit.smooth_union(
            P.SUPRASPINOUS_KEEL_BLEND, _bundles(path, half_w, half_t, fade), keel
        ),
        _tip_cap(bones, border_middle),
    )

    shape = implicit.intersection(
        cord,
        implicit.halfspace((0.0, 0.0, cap), (0.0, 0.0, 1.0)),
        implicit.halfspace(cut_below, down),
    )
    a, b = path[0], cut_below
    mesh = spanning(
        ctx,
        shape,
        a,
        b,
        margin=w0 / 2 + 4,
        voxel=0.3,
        rounding=P.SUPRASPINOUS_CUT_ROUNDING,
        max_faces=P.SUPRASPINOUS_FACES,
    )
    # it runs on up to L4 and on down the median sacral crest: sections
    section_caps.tag_plane(mesh, (0.0, 0.0, cap), (0.0, 0.0, 1.0), 0.3)
    section_caps.tag_plane(mesh, cut_below, down, 0.3)
    return mesh


def _fibre_band(a, b, across_a, across_b, bow, n: int, spacing, half_w: float, half_t: float, land):
    """A flat band of ``n`` fibre bundles side by side from ``a`` to ``b`` (its middle line, bowed
    by ``bow``): each bundle an elliptical sweep ``2 half_w`` wide and ``2 half_t`` thick, their
    centres ``spacing`` (at ``a``, at ``b``) apart across the band, along ``across_a`` turning
    to ``across_b``: close together where the band arises (one thick root), spreading as they run
    out (a fan), overlapping into one band with shallow grooves between the bundles (its fibres
    running along it). Each bundle's end is put where ``land`` (a point near the bone, the point
    it comes from) puts it (on the bone, sunk into it): the whole end meets the bone, the band's
    end is not left as a free corner. Returns the band's SDF."""
    t = np.linspace(0.0, 1.0, 120)[:, None]
    s = implicit.smoothstep(t)
    across = _unit_rows((1 - s) * _unit(np.asarray(across_a, float)) + s * _unit(across_b))
    # the bundles fan out evenly from the root (a fan), and widen where they meet the bone, so
    # that their ends merge into one broad attachment (not a row of fingers)
    # and, near the bone, they flare: spread apart, wider and thinner (the fibres fanning out into
    # the periosteum), so that the band blends into its bone, not a square-cut plank
    flare = implicit.smoothstep((t[:, 0] - P.ILIOLUMBAR_FLARE_FROM) / (1 - P.ILIOLUMBAR_FLARE_FROM))
    gap = (spacing[0] + (spacing[1] - spacing[0]) * t) * (1.0 + P.ILIOLUMBAR_FLARE_FAN * flare)[
        :, None
    ]
    spread = 1.0 + P.ILIOLUMBAR_BUNDLE_END_SPREAD * implicit.smoothstep((t[:, 0] - 0.6) / 0.4)
    flat = 1.0 - P.ILIOLUMBAR_FLARE_THINNING * flare
    middle = (1 - t) * a + t * b + 4.0 * t * (1 - t) * np.asarray(bow, float)
    # the outer bundles a little thinner than the middle ones: a rounded section
    parts = []
    for i in range(n):
        k = i - (n - 1) / 2
        path = middle + k * gap * across
        # the bundle bent onto its own landing point (by the end's offset, faded in along it)
        moved = land(path[-1], path[0]) - path[-1]
        path = path + implicit.smoothstep(t) * moved
        thin = 1.0 - 0.12 * (2 * k / max(n - 1, 1)) ** 2
        parts.append(implicit.sweep(path, half_w * spread, half_t * thin * flat, across))
    # (filleted together: one band with shallow grooves, its end one flared sheet, not fingers)
    return implicit.smooth_union(P.ILIOLUMBAR_BUNDLE_BLEND, *parts)


def _unit_rows(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _lander(depth: float):
    """Where a bundle ending at ``p`` and coming from ``src`` ends: ``depth`` mm on beyond ``p``
    (deep in the bone it inserts on, cut away: every bundle crosses the bone's surface with its
    full section, so that the band's end is one clean footprint, not a row of rounded tips)."""

    def land(p, src):
        return p + depth * _unit(np.asarray(p, float) - src)

    return land


def _tip_cuff(bones, tip, inward) -> implicit.SDF:
    """The ligament's broad rounded origin wrapping the tip of the transverse process: the bone
    grown by ``ILIOLUMBAR_CUFF_THICKNESS`` within an ellipsoid (``ILIOLUMBAR_CUFF_SIZE``) round
    the tip (cut away later: a cap moulded over the tip, its deep face the bone's shape)."""
    rx, ry, rz = P.ILIOLUMBAR_CUFF_SIZE
    t = P.ILIOLUMBAR_CUFF_THICKNESS
    centre = np.asarray(tip, float) + inward * (rx - t - 1.0)
    region = implicit.ellipsoid(centre, (rx, ry, rz))

    def grown(p: np.ndarray) -> np.ndarray:
        return bones(p) - t

    return implicit.smooth_intersection(1.0, grown, region)


def iliolumbar_right(ctx, ls: Lumbosacral):
    """A short, thick fibrous fan from a broad rounded origin wrapping the tip of the right L5
    transverse process and its front-lower surface (Pool-Goudzwaard et al. 2001; Bogduk ch. 4;
    Gray's): its upper band runs out, a little back and up, to a long line on the inner lip of
    the iliac crest, its fibre bundles fanning out from the tip so that, seen from above, it is a
    triangle on the crest (split into an anterior part, in front, and a posterior part, over the
    iliac tuberosity, fused at the tip and diverging); its lower (lumbosacral) band runs down and
    out, a broad sheet fanning onto the ala in front of the sacroiliac joint. Bundles side by side
    show its fibres along it. Each band ends sunk into its bone (cut away: a broad attachment).
    Returns the shape, the start and a point between the insertions."""
    tp = np.asarray(ctx.landmarks["l5_transverse_tip_right"], float)
    out, up = RIGHT, np.array([0.0, 0.0, 1.0])
    ant = np.array([0.0, 1.0, 0.0])
    hip, l5 = ctx.mesh("hip_bone_right"), ctx.mesh("l5_vertebra")
    crest_front = nearest_surface_point(hip, tp + np.asarray(P.ILIOLUMBAR_CREST_OFFSET, float))
    crest_back = nearest_surface_point(
        hip, tp + np.asarray(P.ILIOLUMBAR_POSTERIOR_CREST_OFFSET, float)
    )
    ala = nearest_surface_point(
        ctx.mesh("s1_segment"), tp + np.asarray(P.ILIOLUMBAR_ALA_OFFSET, float)
    )
    d = P.ILIOLUMBAR_END_SINK
    # the roots: inside the tip of the process, the upper band's parts in front of and behind
    # its middle, the lower band below and in front (their ends sunk in the bone: cut away)
    root = tp - out * P.ILIOLUMBAR_ROOT_SINK
    front_root = nearest_surface_point(l5, tp + ant * 4.0) - out * P.ILIOLUMBAR_ROOT_SINK
    back_root = nearest_surface_point(l5, tp - ant * 3.0) - out * P.ILIOLUMBAR_ROOT_SINK
    low_root = nearest_surface_point(l5, tp + np.asarray(P.ILIOLUMBAR_ORIGIN_OFFSET, float))
    low_root = low_root + up * 1.0
    # along the crest's inner lip (from its back insertion to its front one), lying on it
    lip = _unit(crest_front - crest_back)
    front_end = sink(crest_front, front_root, d)
    back_end = sink(crest_back, back_root, d)
    lower_end = sink(ala, low_root, P.ILIOLUMBAR_LOWER_END_SINK)
    on_hip = _lander(P.ILIOLUMBAR_BUNDLE_RUN_ON)
    on_ala = _lander(P.ILIOLUMBAR_LOWER_RUN_ON)

    n, hw, ht = P.ILIOLUMBAR_BUNDLES, P.ILIOLUMBAR_BUNDLE_HALF_WIDTH, P.ILIOLUMBAR_THICKNESS / 2
    upper = P.ILIOLUMBAR_BUNDLE_SPACING
    lower = P.ILIOLUMBAR_LOWER_BUNDLE_SPACING
    lower_across = _unit(out + P.ILIOLUMBAR_LOWER_END_TURN * ant)
    bands = [
        _fibre_band(front_root, front_end, ant, lip, up * 1.0, n, upper, hw, ht, on_hip),
        _fibre_band(back_root, back_end, ant, lip, up * 1.0, n, upper, hw, ht, on_hip),
        _fibre_band(
            low_root,
            lower_end,
            lower_across,
            lower_across,
            ant * 1.5,
            n,
            lower,
            hw,
            P.ILIOLUMBAR_LOWER_THICKNESS / 2,
            on_ala,
        ),
    ]
    cuff = _tip_cuff(distance(ctx, ("l5_vertebra",)), tp, -out)
    shape = implicit.smooth_union(P.ILIOLUMBAR_BLEND, implicit.union(*bands), cuff)
    return shape, root, (front_end + back_end + lower_end) / 3


def iliolumbar_ligaments(ctx, ls: Lumbosacral) -> dict[str, trimesh.Trimesh]:
    """Both sides: the right modelled, the left its mirror image."""
    shape, a, b = iliolumbar_right(ctx, ls)
    margin = P.ILIOLUMBAR_WIDTH + 25.0
    return both_sides(
        ctx,
        "iliolumbar_ligament",
        shape,
        a,
        b,
        margin=margin,
        voxel=0.4,
        pad=20.0,
        max_faces=P.ILIOLUMBAR_FACES,
    )


def build(ctx) -> dict[str, Built]:
    if missing(ctx, BONES + SPINE):
        return {}
    ls = Lumbosacral.from_context(ctx)
    out = {
        "anterior_longitudinal_ligament": band(ctx, ls, longitudinal.anterior_plan(ctx, ls)),
        "posterior_longitudinal_ligament": band(ctx, ls, longitudinal.posterior_plan(ls)),
        "supraspinous_ligament": supraspinous(ctx, ls),
    }
    out.update(ligament_sheets.ligamenta_flava(ctx))
    # the interspinous ligament meets the flava in front and the supraspinous ligament behind
    out["interspinous_ligament"] = interspinous.interspinous(
        ctx,
        float(ctx.landmarks["l5_spinous_tip"][0]),
        [out["ligamentum_flavum_right"], out["ligamentum_flavum_left"]],
        out["supraspinous_ligament"],
    )
    out.update(iliolumbar_ligaments(ctx, ls))
    return {k: Built(m) for k, m in out.items()}
