"""The L5-S1 ligaments: smooth bands lying on, or spanning between, the built bones.

* Longitudinal ligaments (ALL, PLL): flat bands lying on the front and the back of the bodies and
  the disc, the PLL narrow behind L5 and fanning over the disc (:mod:`longitudinal_ligaments`).
* Ligamentum flavum and interspinous ligament: thin sheets between the L5 and S1 posterior arches
  (:mod:`ligament_sheets`, which also meshes every band spanning between bones, and
  :mod:`interspinous`).
* Supraspinous ligament: a rounded cord along the tips of the spinous processes, its deep
  fibres blending into the interspinous ligament between them (:mod:`supraspinous`).
* Iliolumbar ligament: a short, thick fibrous fan from the tip of the L5 transverse process
  (its bands fused there, flat on the bone): its upper band, in an anterior and a posterior part fused at the
  tip and diverging, out to a long line on the inner lip of the iliac crest, and its lower
  (lumbosacral) band down to the ala in front of the sacroiliac joint; each band a row of fibre
  bundles side by side over a smooth web (a lens-shaped section, rounded edges), fanning out
  from the tip (its fibres along it), flaring at its end into its bone (spreading, widening and
  thinning: a broad, smooth-edged footprint once the bone is cut away).

Right-side structures are modelled; the left ones are their mirror images.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit, interspinous, ligament_sheets
from . import longitudinal_ligaments as longitudinal
from . import parameters as P
from .bone_fields import (
    Lumbosacral,
    missing,
    nearest_surface_point,
)
from .build import Built
from .frame import RIGHT
from .ligament_sheets import both_sides, sink
from .longitudinal_band import band
from .supraspinous import supraspinous

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
SPINE = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")
MAX_FACES = 3000


from .frame import unit as _unit  # noqa: E402


def _fibre_band(a, b, across_a, across_b, bow, n: int, spacing, half_w: float, half_t: float, land):
    """A flat band of ``n`` fibre bundles side by side from ``a`` to ``b`` (its middle line, bowed
    by ``bow``): each bundle an elliptical sweep ``2 half_w`` wide and ``2 half_t`` thick, their
    centres ``spacing`` (at ``a``, at ``b``) apart across the band, along ``across_a`` turning
    to ``across_b``: close together where the band arises (one thick root), spreading as they run
    out (a fan), overlapping into one band with shallow grooves between the bundles (its fibres
    running along it), over a smooth web the band's full width (a lens-shaped section with
    rounded edges) into which they sink towards the bone (one smooth end). Each bundle's end is
    put where ``land`` (a point near the bone, the point it comes from) puts it (on the bone, sunk
    into it): the whole end meets the bone, the band's end is not left as a free corner. Returns
    the band's SDF."""
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
    # towards the bone the bundles sink into the band's smooth web (below): its end, and so its
    # footprint on the bone, one smooth lens, not a comb of bundle ends
    sunk = 1.0 - P.ILIOLUMBAR_BUNDLE_END_SINKING * implicit.smoothstep((t[:, 0] - 0.6) / 0.4)
    parts = []
    for i in range(n):
        k = i - (n - 1) / 2
        path = middle + k * gap * across
        # the bundle bent onto its own landing point (by the end's offset, faded in along it)
        moved = land(path[-1], path[0]) - path[-1]
        path = path + implicit.smoothstep(t) * moved
        # the outer bundles thinner than the middle ones: a lens-shaped section, rounded edges
        thin = 1.0 - P.ILIOLUMBAR_EDGE_THINNING * (2 * k / max(n - 1, 1)) ** 2
        parts.append(implicit.sweep(path, half_w * spread, half_t * thin * flat * sunk, across))
    # the web: one smooth lens the band's full width (its bundles' outer edges), a little thinner
    # than the middle bundles (their fibres ridge its faces), flaring and thinning at the bone
    web_path = middle + implicit.smoothstep(t) * (land(middle[-1], middle[0]) - middle[-1])
    web_w = (n - 1) / 2 * gap[:, 0] + half_w * spread
    web = implicit.sweep(web_path, web_w, half_t * P.ILIOLUMBAR_WEB_SHARE * flat, across)
    # (filleted together: one band with shallow grooves, its end one flared sheet, not fingers)
    return implicit.smooth_union(P.ILIOLUMBAR_BUNDLE_BLEND, web, *parts)


def _unit_rows(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _lander(depth: float):
    """Where a bundle ending at ``p`` and coming from ``src`` ends: ``depth`` mm on beyond ``p``
    (deep in the bone it inserts on, cut away: every bundle crosses the bone's surface with its
    full section, so that the band's end is one clean footprint, not a row of rounded tips)."""

    def land(p, src):
        return p + depth * _unit(np.asarray(p, float) - src)

    return land


def iliolumbar_right(ctx, ls: Lumbosacral):
    """A short, thick fibrous fan from the tip of the right L5 transverse process and its
    front-lower surface (its bands fused there, flat on the bone) (Pool-Goudzwaard et al. 2001; Bogduk ch. 4;
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
    # (fused where they arise on the tip, filleted together: no knob or cuff round it, which
    # seen alone read as a cup; blind review s27)
    shape = implicit.smooth_union(P.ILIOLUMBAR_BLEND, *bands)
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
