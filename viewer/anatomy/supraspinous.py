"""The supraspinous ligament: a rounded cord (an oval section, no edges) over the posterior
midline, lying along the tip of the L5 spinous process (its deep face following the tip's
posterior border, not wrapped round it) and on down over the S1 tubercle and the median sacral
crest, thinning and fading out there into the thoracolumbar fascia (it is thin or absent at
L5-S1: A.7; Bogduk ch. 4). Between the tips its deep fibres reach forward, in a smooth
swelling of its front face, into the back of the interspinous ligament (Heylings 1978). Both
ends taper into rounded tips; fine longitudinal ridges show its fibres. Built by
:mod:`ligaments`.
"""

from __future__ import annotations

import numpy as np

from . import implicit
from . import parameters as P
from .bone_fields import Lumbosacral, distance
from .frame import RIGHT
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


def _window(z: np.ndarray, lo: float, hi: float, ramp: float = P.SUPRASPINOUS_TIP_SPREAD):
    """1 over the heights from ``lo`` to ``hi``, falling smoothly to 0 over ``ramp`` mm beyond
    each."""
    return implicit.smoothstep((z - lo + ramp) / ramp) * implicit.smoothstep((hi + ramp - z) / ramp)


def _straight_back_line(z, back, weight, above: float) -> np.ndarray:
    """The posterior midline along which the cord runs: a parabola in ``z`` (no inflection: it
    runs straight or evenly curved, never in S-bends) fitted to the bone's back ``back`` where
    ``weight`` > 0 (nan elsewhere), running on straight (along its tangent) above the height
    ``above`` (on up to L4: extrapolated, the parabola would hook forward)."""
    ok = np.isfinite(back) & (weight > 0)
    coef = np.polyfit(z[ok], back[ok], 2, w=np.sqrt(weight[ok]))
    slope = np.polyval(np.polyder(coef), above)
    return np.where(z > above, np.polyval(coef, above) + slope * (z - above), np.polyval(coef, z))


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


def _end_fades(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The share of its full (thickness, width) the cord keeps at each height ``z``
    (descending): 1 in its course; over ``SUPRASPINOUS_END_FADE`` mm at each end (upper, lower)
    its thickness fades to ``SUPRASPINOUS_END_SHARE`` (from its deep face, in an even convex
    curve: its back runs on, an oblique section fading thin, not a domed, notched or square end)
    and its width to ``SUPRASPINOUS_END_WIDTH_SHARE`` (upper, lower)."""
    up, down = P.SUPRASPINOUS_END_FADE
    s = P.SUPRASPINOUS_END_SHARE
    wu, wd = P.SUPRASPINOUS_END_WIDTH_SHARE

    def convex(d: np.ndarray) -> np.ndarray:  # 0 at the end, rising steeply, level at 1
        return 1.0 - (1.0 - np.clip(d, 0.0, 1.0)) ** 2

    du, dd = (z[0] - z) / up, (z - z[-1]) / down
    thick = s + (1.0 - s) * convex(du) * convex(dd)
    wide = (wu + (1.0 - wu) * implicit.smoothstep(du)) * (wd + (1.0 - wd) * implicit.smoothstep(dd))
    return thick, wide


def _fibre_ridges(cord: implicit.SDF, x: float) -> implicit.SDF:
    """``cord`` with fine longitudinal ridges over its surface (``SUPRASPINOUS_FIBRE_RIDGES``:
    depth, spacing left-right, mm): its fibres, running along it."""
    depth, spacing = P.SUPRASPINOUS_FIBRE_RIDGES

    def f(p: np.ndarray) -> np.ndarray:
        return cord(p) + 0.5 * depth * np.cos(2 * np.pi * (p[:, 0] - x) / spacing)

    return f


def _bed_of_the_interspinous(cord, path, half_t, between, along: float) -> implicit.SDF:
    """``cord`` with a shallow groove along the middle of its deep face between the tips
    (``between``: 1 within the gap), where the back edge of the interspinous ligament lies in it
    (``SUPRASPINOUS_BED``: depth, half-width, blend, mm): slightly concave, not a keel."""
    depth, half_w, blend = P.SUPRASPINOUS_BED
    m = between > 0.01
    if not m.any():
        return cord
    r = half_w  # a round groove, this radius, its centre ``depth`` short of the front face
    normal = _front_normal(path)
    centre = path + normal * (half_t + r - depth * between)[:, None]
    groove = implicit.sweep(centre[m], r, r, RIGHT, along=along)
    return implicit.smooth_subtract(blend, cord, groove)


def supraspinous(ctx, ls: Lumbosacral):
    """A cord along the posterior midline, from ``SUPRASPINOUS_CAP_ABOVE_TIP`` above the L5
    spinous tip (on its way up to L4) over the tip's posterior border and down over the S1
    tubercle onto the median sacral crest, fading out there (thin or absent at L5-S1: Bogduk
    ch. 4; A.7). An oval section, its deep face moulded over each tip it joins: over the L5 tip
    ``SUPRASPINOUS_WIDTH`` wide, ``SUPRASPINOUS_TIP_DEPTH`` deep behind the tip and reaching
    ``SUPRASPINOUS_IMPRINT`` forward round it (the bone cut away: a groove on its deep face that
    fits the back of the tip and its upper and lower borders); between the tips a thick cord
    (``SUPRASPINOUS_GAP_SIZE``) whose deep face reaches ``SUPRASPINOUS_GAP_REACH`` forward into
    the interspinous space, onto the back edge of the interspinous ligament; thin over the S1
    tubercle and the crest (``SUPRASPINOUS_TUBERCLE_SIZE``). Both ends fade thin."""
    tip, _ = _midline_posterior_points(ctx, ls)
    x = float(tip[0])
    step = 0.25
    top = tip[2] + P.SUPRASPINOUS_CAP_ABOVE_TIP
    z = np.arange(top, tip[2] - 80.0, -step)
    l5_back = _posterior_profile(ctx, x, z, ("l5_vertebra",))
    crest_back = _posterior_profile(ctx, x, z, ("sacrum_lower", "s1_segment"))
    # the spinous border: the rearmost part of L5 (within 6 mm of the tip's depth)
    border = np.isfinite(l5_back) & (l5_back < tip[1] + 6.0)
    lower_corner = z[border].min()
    # the back of the S1 tubercle and the crest below it (within 0.5 mm of the tip's depth)
    crest = np.isfinite(crest_back) & (crest_back < tip[1] + 0.5)
    crest_top = z[crest & (z < lower_corner)].max()
    # it fades out on down the crest
    end = crest_top - P.SUPRASPINOUS_CREST_RUN
    keep = z >= end
    z, l5_back, crest_back = z[keep], l5_back[keep], crest_back[keep]
    border, crest = border[keep], crest[keep] & (z <= crest_top)
    w0, t0 = P.SUPRASPINOUS_WIDTH, P.SUPRASPINOUS_TIP_DEPTH
    (sw, st) = P.SUPRASPINOUS_TUBERCLE_SIZE
    # between the tips: fuller on up towards L4 than over the L5-S1 gap
    up = implicit.smoothstep((z - tip[2]) / P.SUPRASPINOUS_TIP_SPREAD)[:, None]
    gw, gt = (
        np.asarray(P.SUPRASPINOUS_GAP_SIZE) * (1 - up) + np.asarray(P.SUPRASPINOUS_ABOVE_SIZE) * up
    ).T
    on_l5 = _window(z, lower_corner + 1.0, tip[2] + 1.0)  # the tip's fullness
    on_s1 = _window(z, -np.inf, crest_top) * (1.0 - on_l5)
    thick, wide = _end_fades(z)
    half_w = wide * (gw + (w0 - gw) * on_l5 + (sw - gw) * on_s1) / 2
    half_t = np.maximum(gt + (t0 - gt) * on_l5 + (st - gt) * on_s1, P.SUPRASPINOUS_MIN_THICKNESS)
    half_t = np.maximum(thick * half_t, P.SUPRASPINOUS_MIN_THICKNESS) / 2
    # the line of the bone it lies on: the spinous tip, the S1 tubercle and the crest, and on up
    # towards L4 at the tip's depth, one even curve
    over_tip = border & (z >= lower_corner) & (z <= tip[2] + P.SUPRASPINOUS_ON_TIP)
    back = np.where(over_tip, l5_back, np.where(crest, crest_back, np.nan))
    line = _straight_back_line(
        z,
        back,
        np.where(over_tip, 2.0, np.where(crest, 1.0, 0.0)),
        tip[2] + P.SUPRASPINOUS_ON_TIP,
    )
    gap = P.SUPRASPINOUS_BONE_GAP
    # its back face: behind the line by its thickness (faded ends thin from the front: the back
    # runs on)
    full_t = np.maximum(gt + (t0 - gt) * on_l5 + (st - gt) * on_s1, P.SUPRASPINOUS_MIN_THICKNESS)
    path = np.column_stack([np.full(len(z), x), line - gap - full_t + half_t, z])
    bones = distance(ctx, BONES)
    # where the bone still reaches behind the line, the cord is moved back (smoothly)
    path = _off_the_bone(path, half_w, half_t, bones, step)
    # its deep face moulded over each tip (reaching forward round it; the bone, cut away, leaves
    # its imprint) and, between the tips, reaching forward onto the interspinous ligament
    k = P.SUPRASPINOUS_KEEL_SPREAD
    between = _window(z, crest_top + k, lower_corner - k, k)
    i5, i1 = P.SUPRASPINOUS_IMPRINT
    # (over the tip's posterior border, from its lower corner up)
    on_border = _window(z, lower_corner + 1.0, tip[2] + P.SUPRASPINOUS_IMPRINT_ABOVE_TIP)
    reach = thick * (i5 * on_border + i1 * on_s1 + P.SUPRASPINOUS_GAP_REACH * between)
    path = path + _front_normal(path) * (reach / 2)[:, None]
    half_t = half_t + reach / 2
    # (short discs along it: where its section changes, the fuller ones do not bulge past it)
    along = P.SUPRASPINOUS_DISC_LENGTH
    cord = implicit.sweep(path, half_w, half_t, RIGHT, along=along)
    cord = _fibre_ridges(_bed_of_the_interspinous(cord, path, half_t, between, along), x)
    return spanning(
        ctx,
        cord,
        path[0],
        path[-1],
        margin=w0 / 2 + 4,
        voxel=0.3,
        rounding=P.SUPRASPINOUS_CUT_ROUNDING,
        max_faces=P.SUPRASPINOUS_FACES,
    )
