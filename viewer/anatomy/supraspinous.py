"""The supraspinous ligament: a strong rounded cord over the posterior midline, capping the tips
of the spinous processes, cut at both ends (section caps: it runs on up to L4 and down the median
sacral crest): fullest where it caps the L5 tip (moulded over it, its deep face the bone's shape),
narrower between the tips, where its deep fibres reach forward and blend into the interspinous
ligament, thinning over the S1 tubercle and the crest, where it fades into the thoracolumbar
fascia (Gray's; Bogduk ch. 4): five fibre bundles side by side, the outer ones thinner (a rounded
section), shallow grooves between them. Built by :mod:`ligaments`.
"""

from __future__ import annotations

import numpy as np

from . import implicit, section_caps
from . import parameters as P
from .bone_fields import Lumbosacral, distance
from .frame import RIGHT
from .frame import unit as _unit
from .ligament_sheets import spanning

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")


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
    """A rounded cord over the posterior border of the L5 spinous process, running on up towards
    L4 and down onto the median sacral crest (cut at both ends: section caps, for it runs on),
    along the posterior midline. Fullest where it caps the L5 tip (``SUPRASPINOUS_WIDTH`` wide,
    ``SUPRASPINOUS_TIP_DEPTH`` deep, moulded over the tip: its deep face the bone's shape),
    narrower between the tips (``SUPRASPINOUS_GAP_SIZE``, of about the published area), where its
    deep fibres reach forward into the interspinous space, thin again over the S1 tubercle and
    the crest (it is thin or absent at L5-S1: Bogduk ch. 4)."""
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
