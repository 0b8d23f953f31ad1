"""The L5-S1 ligaments: smooth bands lying on, or spanning between, the built bones.

* Longitudinal ligaments (ALL, PLL): flat bands lying on the front and the back of the bodies and
  the disc, the PLL narrow behind L5 and fanning over the disc (:mod:`longitudinal_ligaments`).
* Ligamentum flavum and interspinous ligament: thin sheets between the L5 and S1 posterior arches
  (:mod:`ligament_sheets`, which also meshes every band spanning between bones, and
  :mod:`interspinous`).
* Supraspinous ligament: a cord of longitudinal fibres over the tips of the spinous processes,
  cut above (a section cap: it runs on to L4): flat and fullest over the L5 tip, narrower and
  thinner between the tips, wider but thin again over the S1 spinous tubercle, then tapering
  to a rounded end over the top of the median sacral crest, fading into the thoracolumbar fascia
  (Bogduk ch. 4; Gray's): five fibre bundles side by side, shallow grooves between them.
* Iliolumbar ligament: from a cap round the tip and the front-lower part of the L5 transverse
  process, two separate thick bands of rounded (oval) section: a dominant, twisted upper band out
  and slightly back to the inner lip of the iliac crest, and a lower (lumbosacral) band down to
  the ala in front of the sacroiliac joint, each fanning onto its bone and ending sunk into it
  (a broad, clearly bounded footprint once the bone is cut away).

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


def _lying_on(path, half_w, half_t, bones, on, step: float, rounds: int = 5) -> np.ndarray:
    """``path`` (a midline band's centre, its width left-right) moved along its front normal so
    that where ``on`` its front face lies ``SUPRASPINOUS_BONE_GAP`` off the bone, and nowhere
    nearer: the band lies on the bone without the bone cutting into its thin sheet."""
    from scipy.ndimage import gaussian_filter1d, minimum_filter1d

    across = np.linspace(-1.0, 1.0, 9)
    gap = P.SUPRASPINOUS_BONE_GAP
    for k in range(rounds):
        normal = _front_normal(path)
        front = (
            path[:, None, :]
            + across[None, :, None] * half_w[:, None, None] * RIGHT
            + (np.sqrt(1 - across**2)[None, :, None] * half_t[:, None, None]) * normal[:, None, :]
        )
        clear = bones(front.reshape(-1, 3)).reshape(len(path), -1).min(axis=1) - gap
        if k < rounds - 1:  # onto the bone where it lies on it, smoothly over its bumps
            shift = gaussian_filter1d(np.where(on, clear, np.minimum(clear, 0.0)), 3.0 / step)
        else:  # then only off it where the bone still comes nearer, smoothly
            shift = minimum_filter1d(np.minimum(clear, 0.0), int(4.0 / step))
            shift = gaussian_filter1d(shift, 1.0 / step)
        path = path + normal * shift[:, None]
    return path


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


def _smoothstep(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3 - 2 * x)


def _window(z: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """1 over the heights from ``lo`` to ``hi``, falling smoothly to 0 over
    ``SUPRASPINOUS_TIP_SPREAD`` mm beyond each (a tip's fullness along the cord)."""
    ramp = P.SUPRASPINOUS_TIP_SPREAD
    return _smoothstep((z - lo + ramp) / ramp) * _smoothstep((hi + ramp - z) / ramp)


def supraspinous(ctx, ls: Lumbosacral):
    """A cord over the posterior border of the L5 spinous process, running on up towards L4 (cut
    there: a section cap), that below the L5 tip bridges to the S1 spinous tubercle and thins out
    over the top of the median sacral crest, fading into the thoracolumbar fascia. Fuller over
    the L5 tip (``SUPRASPINOUS_WIDTH``, of the published area), narrower between the tips
    (``SUPRASPINOUS_GAP_SIZE``), wider but thin again over the S1 tubercle, and tapered to a
    rounded end on the crest."""
    from scipy.ndimage import gaussian_filter1d

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
    # traced 10 mm further down the crest than it runs, so that smoothing keeps its slope there
    keep = z >= crest_top - P.SUPRASPINOUS_CREST_RUN - 10.0
    z, l5_back, crest_back = z[keep], l5_back[keep], crest_back[keep]
    border, crest = border[keep], crest[keep] & (z <= crest_top)
    # how far below the lower corner of the spinous border each height lies (0 over L5, 1 at
    # the top of the crest and below)
    fade = _smoothstep((lower_corner - z) / (lower_corner - crest_top))
    # its size: an elliptical cord of the published area over the L5 tip, narrower and thinner
    # between the tips (above, towards L4, and over the L5-S1 gap), wider but thin over the S1
    # tubercle and on down the crest
    w0 = P.SUPRASPINOUS_WIDTH
    t0 = P.SUPRASPINOUS_AREA.value / (np.pi / 4 * w0)
    (gw, gt), (sw, st) = P.SUPRASPINOUS_GAP_SIZE, P.SUPRASPINOUS_TUBERCLE_SIZE
    on_l5 = _window(z, lower_corner + 1.0, tip[2] + 1.0)  # the posterior border of its process
    on_s1 = _window(z, -np.inf, crest_top) * (1.0 - on_l5)
    width = gw + (w0 - gw) * on_l5 + (sw - gw) * on_s1
    thick = gt + (t0 - gt) * on_l5 + (st - gt) * on_s1
    # and over its last few mm it tapers into the fascia, to a rounded end
    end = crest_top - P.SUPRASPINOUS_CREST_RUN
    taper = 1.0 - (1.0 - P.SUPRASPINOUS_FADE_SHARE) * _smoothstep(
        (end + P.SUPRASPINOUS_FADE - z) / P.SUPRASPINOUS_FADE
    )
    # (never thinner than SUPRASPINOUS_MIN_THICKNESS: a thinner end would fold in the meshing)
    half_w = width * taper / 2
    half_t = np.maximum(thick * taper, P.SUPRASPINOUS_MIN_THICKNESS) / 2
    # the bone it lies on: the spinous tip above, the S1 tubercle and crest below, a straight
    # run between (from the tip itself: it bridges the gap, not dipping round L5's lower corner)
    over_tip = border & (z >= tip[2] - 1.0) & (z <= tip[2] + P.SUPRASPINOUS_ON_TIP)
    back = np.where(over_tip, l5_back, np.where(crest, crest_back, np.nan))
    # on up over the L4-L5 gap at the tip's depth
    back[z > tip[2]] = l5_back[border].min()
    known = np.isfinite(back)
    back = np.interp(-z, -z[known], back[known])
    y = gaussian_filter1d(back - half_t, 2.0 / step)
    path = np.column_stack([np.full(len(z), x), y, z])
    on = (over_tip & (z <= tip[2])) | crest  # lying on the spinous tip and on the crest
    path = _lying_on(path, half_w, half_t, distance(ctx, BONES), on, step)
    run = z >= end
    path, half_w, half_t, fade = path[run], half_w[run], half_t[run], fade[run]
    shape = implicit.intersection(
        _bundles(path, half_w, half_t, fade),
        implicit.halfspace((0.0, 0.0, cap), (0.0, 0.0, 1.0)),
    )
    a, b = path[0], path[-1]
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
    # it runs on up to L4: a section
    section_caps.tag_plane(mesh, (0.0, 0.0, cap), (0.0, 0.0, 1.0), 0.3)
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


def _footprint(bone: trimesh.Trimesh, at, along, length: float, width: float, thickness: float):
    """A flat oval pad ``length`` x ``width`` mm and ``thickness`` thick lying on ``bone``'s
    surface at ``at`` (its middle plane on the surface, half of it sunk, cut away later by the
    bone): a ligament's footprint, where its fibres spread onto the bone. Its long axis runs along
    ``along`` laid onto the surface."""
    at = np.asarray(at, float)
    near = np.linalg.norm(bone.vertices - at, axis=1) < max(length, width) / 3
    normal = _unit(bone.vertex_normals[near].sum(axis=0))
    u = np.asarray(along, float)
    u = _unit(u - (u @ normal) * normal)
    t = np.linspace(-1.0, 1.0, 80)
    path = at + np.outer(t * (length / 2 - thickness / 2), u)
    half_w = np.maximum(width / 2 * np.sqrt(np.clip(1.0 - t * t, 0.0, 1.0)), thickness / 2)
    return implicit.sweep(path, half_w, np.full(len(t), thickness / 2), np.cross(normal, u))


def iliolumbar_right(ctx, ls: Lumbosacral):
    """From the tip and the front-lower part of the right L5 transverse process (a cap round the
    tip): the dominant upper band, ``ILIOLUMBAR_WIDTH`` wide, running out, slightly back and down
    to the inner lip of the iliac crest in front of the sacroiliac joint, twisting to lie along
    the crest and fanning onto it; and, separate from it once off the tip, the lower
    (lumbosacral) band down and out over the ala to the front of the top of the sacroiliac joint,
    fanning onto the ala. Each ends sunk into its bone (cut away: a broad flat attachment).
    Returns the shape, the start and a point between the two insertions."""
    tp = np.asarray(ctx.landmarks["l5_transverse_tip_right"], float)
    out, up = RIGHT, np.array([0.0, 0.0, 1.0])
    ant = np.array([0.0, 1.0, 0.0])
    l5 = ctx.mesh("l5_vertebra")
    crest_lip = nearest_surface_point(
        ctx.mesh("hip_bone_right"), tp + np.asarray(P.ILIOLUMBAR_CREST_OFFSET, float)
    )
    ala = nearest_surface_point(
        ctx.mesh("s1_segment"), tp + np.asarray(P.ILIOLUMBAR_ALA_OFFSET, float)
    )
    d = P.ILIOLUMBAR_END_SINK
    # the upper band arises along the front-lower part of the process, from a little medial
    # to the tip; the lower band from the lower front of the tip
    origin = nearest_surface_point(l5, tp + np.asarray(P.ILIOLUMBAR_ORIGIN_OFFSET, float))
    start = sink(origin, origin + ant - up, 1.0)
    tip_front = sink(tp, tp + out, 1.0) + ant * 1.0
    upper_end = sink(crest_lip, tip_front, d)
    lower_end = sink(ala, tip_front, P.ILIOLUMBAR_LOWER_END_SINK)
    # at each insertion the band's width lies in the bone's surface, across the band: its whole
    # widened end meets the bone (a broad, clearly bounded footprint, not a corner or a blade)
    # (on the crest: along its inner lip, running forward and out, turned up onto the lip's steep
    # inner face)
    crest_dir = _unit(ant + 0.8 * out + P.ILIOLUMBAR_UPPER_END_TILT * up)
    ala_dir = _unit(out + P.ILIOLUMBAR_LOWER_END_TURN * ant)  # along the ala's front-top rim
    upper = _twisted_band(
        start,
        upper_end,
        P.ILIOLUMBAR_WIDTH,
        P.ILIOLUMBAR_THICKNESS,
        up,  # its flat face forward on the front of the process
        crest_dir,  # lying along the crest's inner lip
        ant * P.ILIOLUMBAR_UPPER_BOW - up * 1.0,  # bowed forward round the front of the tip
        flare=P.ILIOLUMBAR_UPPER_FLARE,
    )
    lower = _twisted_band(
        tip_front - up * 2.0,
        lower_end,
        P.ILIOLUMBAR_LOWER_WIDTH,
        P.ILIOLUMBAR_LOWER_THICKNESS,
        _unit(ant + 0.5 * out),  # edge-on from the front as it leaves the tip
        ala_dir,  # lying on the ala at its end
        ant * 1.0 + out * 1.0,
        flare=P.ILIOLUMBAR_LOWER_FLARE,
    )
    # the cap round the front of the transverse process's tip and lower border, where both
    # bands arise (a broad attachment, not a knob)
    fl, fw, ft = P.ILIOLUMBAR_PROCESS_FOOTPRINT
    on_process = _footprint(l5, nearest_surface_point(l5, 0.5 * (origin + tp)), out, fl, fw, ft)
    shape = implicit.smooth_union(P.ILIOLUMBAR_BLEND, upper, lower, on_process)
    return shape, start, 0.5 * (upper_end + lower_end)


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
