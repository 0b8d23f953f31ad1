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
* Iliolumbar ligament: from a solid footprint on the tip and the front-lower border of the L5
  transverse process, three flat strong bands: the upper band in an anterior part out to the
  inner lip of the iliac crest in front of the sacroiliac joint and a posterior part back to the
  crest over the iliac tuberosity, and a lower (lumbosacral) band down to the ala in front of the
  joint, each twisting and fanning onto its bone and ending sunk into it (a broad, clearly
  bounded footprint once the bone is cut away).

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
        parts.append(implicit.sweep(along, bw, half_t * (1.0 - 0.15 * s * s), RIGHT))
    return implicit.union(*parts)


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


def _tip_cap(bones, tip) -> implicit.SDF:
    """The cord's cap over the spinous tip: the bone grown by ``SUPRASPINOUS_CAP_THICKNESS``
    within an ellipsoid round the back of the tip's posterior border (centred at ``tip``, of
    ``SUPRASPINOUS_CAP_SIZE``): once the bone is cut away, a cap moulded over the tip, its deep
    face the bone's shape. (Narrower than the tip, so that its edge crosses the bone's back
    square, not along its sides, where a thin rim would fold.)"""
    height, forward, half_w = P.SUPRASPINOUS_CAP_SIZE
    t = P.SUPRASPINOUS_CAP_THICKNESS
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
    w0 = P.SUPRASPINOUS_WIDTH
    t0 = P.SUPRASPINOUS_AREA.value / (np.pi / 4 * w0)
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
    cord = implicit.smooth_union(
        P.SUPRASPINOUS_CAP_BLEND,
        _bundles(path, half_w, half_t, fade),
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


def _twisted_band(
    a, b, width: float, thickness: float, start_dir, end_dir, bulge, flare: float = 0.3
) -> implicit.SDF:
    """A flat band from ``a`` to ``b`` along a gentle curve (bowed by ``bulge``), its width
    turning from ``start_dir`` to ``end_dir`` (a twisted band), rounded at the ends. Even in
    width over most of its length, it fans out by ``flare`` (a share of ``width``) over its last
    part and thins there (``ILIOLUMBAR_END_THINNING``): its fibres spread onto the bone it
    inserts on, a broad attachment, not a knob or a blade."""
    t = np.linspace(0.0, 1.0, 160)[:, None]
    path = (1 - t) * a + t * b + 4.0 * t * (1 - t) * np.asarray(bulge, float)
    w0, w1 = _unit(np.asarray(start_dir, float)), _unit(np.asarray(end_dir, float))
    s = t * t * (3 - 2 * t)
    dirs = (1 - s) * w0 + s * w1
    fan = np.clip((t[:, 0] - P.ILIOLUMBAR_FAN_FROM) / (1.0 - P.ILIOLUMBAR_FAN_FROM), 0.0, 1.0)
    fan = fan * fan * (3 - 2 * fan)
    half_w = width / 2 * (1.0 + flare * fan)
    half_t = thickness / 2 * (1.0 - (1.0 - P.ILIOLUMBAR_END_THINNING) * fan)
    return implicit.sweep(path, half_w, half_t, dirs)


def _footprint(bone: trimesh.Trimesh, at, along, size) -> tuple[implicit.SDF, np.ndarray]:
    """A solid oval pad (``size``: length, width, thickness, mm) lying on ``bone``'s surface at
    ``at``, its long axis along ``along`` laid onto the surface, its deep face sunk
    ``ILIOLUMBAR_FOOTPRINT_SINK`` into the bone (cut away later: a shallow imprint of the bone on
    a solid attachment, not a hood round it). Returns it and its middle (from which the bands
    arise, inside it)."""
    length, width, thickness = size
    at = np.asarray(at, float)
    near = np.linalg.norm(bone.vertices - at, axis=1) < max(length, width) / 3
    normal = _unit(bone.vertex_normals[near].sum(axis=0))
    u = np.asarray(along, float)
    u = _unit(u - (u @ normal) * normal)
    middle = at + normal * (thickness / 2 - P.ILIOLUMBAR_FOOTPRINT_SINK)
    t = np.linspace(-1.0, 1.0, 80)
    path = middle + np.outer(t * (length / 2 - thickness / 2), u)
    half_w = np.maximum(width / 2 * np.sqrt(np.clip(1.0 - t * t, 0.0, 1.0)), thickness / 2)
    pad = implicit.sweep(path, half_w, np.full(len(t), thickness / 2), np.cross(normal, u))
    return pad, middle


def iliolumbar_right(ctx, ls: Lumbosacral):
    """From a solid footprint on the tip and the front-lower border of the right L5 transverse
    process, three flat bands (Pool-Goudzwaard et al. 2001; Bogduk ch. 4): the upper band split
    into an anterior part, out and slightly back to the inner lip of the iliac crest in front of
    the sacroiliac joint, and a posterior part, back and out to the crest over the iliac
    tuberosity, each twisting to lie along the crest and fanning onto it; and the lower
    (lumbosacral) band down and out over the ala to the front of the top of the sacroiliac joint,
    fanning onto the ala. Each ends sunk into its bone (cut away: a broad flat attachment).
    Returns the shape, the start and a point between the insertions."""
    tp = np.asarray(ctx.landmarks["l5_transverse_tip_right"], float)
    out, up = RIGHT, np.array([0.0, 0.0, 1.0])
    ant = np.array([0.0, 1.0, 0.0])
    l5, hip = ctx.mesh("l5_vertebra"), ctx.mesh("hip_bone_right")
    crest_front = nearest_surface_point(hip, tp + np.asarray(P.ILIOLUMBAR_CREST_OFFSET, float))
    crest_back = nearest_surface_point(
        hip, tp + np.asarray(P.ILIOLUMBAR_POSTERIOR_CREST_OFFSET, float)
    )
    ala = nearest_surface_point(
        ctx.mesh("s1_segment"), tp + np.asarray(P.ILIOLUMBAR_ALA_OFFSET, float)
    )
    d = P.ILIOLUMBAR_END_SINK
    # the solid footprint on the front-lower part of the process near its tip, from which all
    # three bands arise (their starts inside it: no hollow where the bone is cut away)
    origin = nearest_surface_point(l5, tp + np.asarray(P.ILIOLUMBAR_ORIGIN_OFFSET, float))
    on_process, start = _footprint(l5, origin, out, P.ILIOLUMBAR_PROCESS_FOOTPRINT)
    # the posterior part arises from the back of the tip, the lower band from its lower front
    back_start = sink(nearest_surface_point(l5, tp - 3.0 * ant), tp - 2.0 * out, -1.0)
    low_start = sink(tp, tp + out, 1.0) + ant * 1.0 - up * 2.0
    front_end = sink(crest_front, start, d)
    back_end = sink(crest_back, back_start, d)
    lower_end = sink(ala, low_start, P.ILIOLUMBAR_LOWER_END_SINK)
    # at each insertion the band's width lies in the bone's surface, across the band: its whole
    # widened end meets the bone (a broad, clearly bounded footprint, not a corner or a blade)
    # (on the crest: along its inner lip, turned up onto the lip's steep inner face)
    tilt = P.ILIOLUMBAR_UPPER_END_TILT * up
    front = _twisted_band(
        start,
        front_end,
        P.ILIOLUMBAR_WIDTH,
        P.ILIOLUMBAR_THICKNESS,
        up,  # its flat face forward on the front of the process
        _unit(ant + 0.8 * out + tilt),  # lying along the crest's inner lip
        ant * P.ILIOLUMBAR_UPPER_BOW - up * 1.0,  # bowed forward round the front of the tip
        flare=P.ILIOLUMBAR_UPPER_FLARE,
    )
    back = _twisted_band(
        back_start,
        back_end,
        P.ILIOLUMBAR_POSTERIOR_WIDTH,
        P.ILIOLUMBAR_THICKNESS,
        up,  # on edge behind the tip, its flat face back
        _unit(ant - 0.3 * out + tilt),  # along the crest over the tuberosity
        -ant * 1.0,
        flare=P.ILIOLUMBAR_UPPER_FLARE,
    )
    lower = _twisted_band(
        low_start,
        lower_end,
        P.ILIOLUMBAR_LOWER_WIDTH,
        P.ILIOLUMBAR_LOWER_THICKNESS,
        _unit(ant + 0.5 * out),  # edge-on from the front as it leaves the tip
        _unit(out + P.ILIOLUMBAR_LOWER_END_TURN * ant),  # along the ala's front-top rim
        ant * 1.0 + out * 1.0,
        flare=P.ILIOLUMBAR_LOWER_FLARE,
    )
    shape = implicit.smooth_union(P.ILIOLUMBAR_BLEND, front, back, lower, on_process)
    return shape, start, (front_end + back_end + lower_end) / 3


def iliolumbar_ligaments(ctx, ls: Lumbosacral) -> dict[str, trimesh.Trimesh]:
    """Both sides: the right modelled, the left its mirror image."""
    shape, a, b = iliolumbar_right(ctx, ls)
    margin = P.ILIOLUMBAR_WIDTH + 25.0
    return both_sides(ctx, "iliolumbar_ligament", shape, a, b, margin=margin, voxel=0.45, pad=20.0)


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
