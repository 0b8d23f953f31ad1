"""The iliolumbar ligament (right modelled, left its mirror image): a short, thick fibrous fan
from the tip of the L5 transverse process (Bogduk ch. 4; Pool-Goudzwaard et al. 2001; Hammer et
al. 2010).

* Its origin: one moulded sheath over the tip of the process and its underside (the bands' shared
  root, cut by the bone: no cut-off stub).
* Its upper band, in an anterior and a posterior part diverging from the tip, out to the inner
  lip of the iliac crest and to the crest over the iliac tuberosity.
* Its lower (lumbosacral) band from the underside of the process and the side of the L5 body, down
  onto the ala in front of the sacroiliac joint, fanning downwards.

Each band is thick and rounded (a cord of oval section) where it arises and fans out, widening and
thinning, into a broad attachment moulded on its bone; a row of fibre bundles side by side over a
smooth web (a lens-shaped section, rounded edges) shows its fibres along it.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit
from . import parameters as P
from .bone_fields import Lumbosacral, cut_where_near, distance, nearest_surface_point
from .frame import RIGHT
from .frame import unit as _unit
from .ligament_sheets import both_sides, sink

#: each sweep's value is the union of the ellipsoids of this many samples nearest to a point (its
#: samples lie 0.25 mm apart along bundles some 5 mm thick: the nearest few decide; the meshes
#: agree with implicit.sweep's default of 12 within rounding, at less cost)
SWEEP_NEIGHBOURS = 8


def _unit_rows(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _profile(t: np.ndarray, root: float, end: float) -> np.ndarray:
    """A smooth share along a band (``t`` 0 at its root, 1 at its bone): ``root`` at the root, 1
    halfway, ``end`` at the bone (the quadratic through the three)."""
    return root * (1 - t) * (1 - 2 * t) + 4.0 * t * (1 - t) + end * t * (2 * t - 1)


def fibre_band(a, b, across_a, across_b, bow, n: int, spacing, half_w: float, half_t: float, land):
    """A band of ``n`` fibre bundles side by side from ``a`` to ``b`` (its middle line, bowed by
    ``bow``): each bundle an elliptical sweep ``2 half_w`` wide and ``2 half_t`` thick halfway,
    their centres ``spacing`` (at ``a``, at ``b``) apart across the band, along ``across_a``
    turning to ``across_b``. At its root the bundles lie close together and thicker (one cord of
    oval section, ILIOLUMBAR_ROOT_THICKENING); out along it they spread (a fan) and thin
    (ILIOLUMBAR_END_THINNING), widening further into the bone (ILIOLUMBAR_FLARE_FAN), over a
    smooth web the band's full width (a lens-shaped section with rounded edges) into which they
    sink towards the bone (one smooth end). Each bundle's end is put where ``land`` (a point near
    the bone, the point it comes from) puts it (sunk into the bone, cut away): the band's end is
    one broad footprint moulded on the bone. Returns the band's SDF."""
    t = np.linspace(0.0, 1.0, 120)[:, None]
    s = implicit.smoothstep(t)
    across = _unit_rows((1 - s) * _unit(np.asarray(across_a, float)) + s * _unit(across_b))
    flare = implicit.smoothstep((t[:, 0] - P.ILIOLUMBAR_FLARE_FROM) / (1 - P.ILIOLUMBAR_FLARE_FROM))
    gap = (spacing[0] + (spacing[1] - spacing[0]) * t) * (1.0 + P.ILIOLUMBAR_FLARE_FAN * flare)[
        :, None
    ]
    spread = 1.0 + P.ILIOLUMBAR_BUNDLE_END_SPREAD * flare
    # thick and rounded at the root, thinning out along it into its bone (a fan, not a plank)
    flat = _profile(t[:, 0], P.ILIOLUMBAR_ROOT_THICKENING, P.ILIOLUMBAR_END_THINNING)
    middle = (1 - t) * a + t * b + 4.0 * t * (1 - t) * np.asarray(bow, float)
    sunk = 1.0 - P.ILIOLUMBAR_BUNDLE_END_SINKING * implicit.smoothstep((t[:, 0] - 0.6) / 0.4)
    parts = []
    for i in range(n):
        k = i - (n - 1) / 2
        path = middle + k * gap * across
        moved = land(path[-1], path[0]) - path[-1]
        path = path + implicit.smoothstep(t) * moved
        thin = 1.0 - P.ILIOLUMBAR_EDGE_THINNING * (2 * k / max(n - 1, 1)) ** 2
        parts.append(
            implicit.sweep(
                path, half_w * spread, half_t * thin * flat * sunk, across, k=SWEEP_NEIGHBOURS
            )
        )
    web_path = middle + implicit.smoothstep(t) * (land(middle[-1], middle[0]) - middle[-1])
    web_w = (n - 1) / 2 * gap[:, 0] + half_w * spread
    web = implicit.sweep(
        web_path, web_w, half_t * P.ILIOLUMBAR_WEB_SHARE * flat, across, k=SWEEP_NEIGHBOURS
    )
    return implicit.smooth_union(P.ILIOLUMBAR_BUNDLE_BLEND, web, *parts)


def lander(depth: float):
    """Where a bundle ending at ``p`` and coming from ``src`` ends: ``depth`` mm on beyond ``p``
    (deep in the bone it inserts on, cut away: every bundle crosses the bone's surface with its
    full section, so that the band's end is one clean footprint, not a row of rounded tips)."""

    def land(p, src):
        return p + depth * _unit(np.asarray(p, float) - src)

    return land


def tip_sheath(ctx, tp: np.ndarray) -> implicit.SDF:
    """The bands' shared origin: a sheet ILIOLUMBAR_SHEATH_THICKNESS thick moulded on the tip of
    the transverse process ``tp`` and its underside (Bogduk ch. 4: the ligament arises from the
    tip and the anterior-inferior surface of the process), within an ellipsoid centred below and
    in front of the tip (it leaves the top and the back of the process bare: no cuff round it,
    which seen alone reads as a cup; blind review s27). The bone is cut from it when meshed."""
    centre = tp + np.asarray(P.ILIOLUMBAR_SHEATH_OFFSET, float)
    region = implicit.ellipsoid(centre, P.ILIOLUMBAR_SHEATH_RADII)
    l5 = distance(ctx, ["l5_vertebra"])
    thick = P.ILIOLUMBAR_SHEATH_THICKNESS
    return cut_where_near(region, lambda p: l5(p) - thick, rounding=1.5)


def fillet_on_bone(shape: implicit.SDF, bone: implicit.SDF) -> implicit.SDF:
    """``shape`` with the wedge between it and the ``bone`` filled where it lies within
    ILIOLUMBAR_FILLET_GAP mm of the bone and within ILIOLUMBAR_FILLET_REACH mm of the shape: a
    band meeting its bone at a grazing angle ends there in an edge at least that gap thick,
    moulded on the bone (not a knife-thin wedge sliding out along it, which read as a wispy end
    and folded into creases; blind review s29). The bone itself is cut away when meshed."""
    gap, reach = P.ILIOLUMBAR_FILLET_GAP, P.ILIOLUMBAR_FILLET_REACH

    def f(p):
        v = shape(p)
        m = v < reach + 1.0
        if m.any():
            layer = -implicit.smooth_min(-(bone(p[m]) - gap), -(v[m] - reach), 0.5)
            v[m] = implicit.smooth_min(v[m], layer, 0.5)
        return v

    return f


def iliolumbar_right(ctx, ls: Lumbosacral):
    """The right ligament's shape (module docstring), the start and a point between the
    insertions."""
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
    root = tp - out * P.ILIOLUMBAR_ROOT_SINK
    front_root = nearest_surface_point(l5, tp + ant * 4.0) - out * P.ILIOLUMBAR_ROOT_SINK
    back_root = nearest_surface_point(l5, tp - ant * 3.0) - out * P.ILIOLUMBAR_ROOT_SINK
    low_root = nearest_surface_point(l5, tp + np.asarray(P.ILIOLUMBAR_ORIGIN_OFFSET, float))
    low_root = low_root + up * 1.0
    lip = _unit(crest_front - crest_back)
    front_end = sink(crest_front, front_root, d)
    back_end = sink(crest_back, back_root, d)
    lower_end = sink(ala, low_root, P.ILIOLUMBAR_LOWER_END_SINK)
    on_hip = lander(P.ILIOLUMBAR_BUNDLE_RUN_ON)
    on_ala = lander(P.ILIOLUMBAR_LOWER_RUN_ON)

    n, hw, ht = P.ILIOLUMBAR_BUNDLES, P.ILIOLUMBAR_BUNDLE_HALF_WIDTH, P.ILIOLUMBAR_THICKNESS / 2
    upper = P.ILIOLUMBAR_BUNDLE_SPACING
    lower = P.ILIOLUMBAR_LOWER_BUNDLE_SPACING
    lower_across = _unit(out + P.ILIOLUMBAR_LOWER_END_TURN * ant)
    bands = [
        fibre_band(front_root, front_end, ant, lip, up * 1.0, n, upper, hw, ht, on_hip),
        fibre_band(back_root, back_end, ant, lip, up * 1.0, n, upper, hw, ht, on_hip),
        fibre_band(
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
    shape = implicit.smooth_union(P.ILIOLUMBAR_BLEND, tip_sheath(ctx, tp), *bands)
    shape = fillet_on_bone(shape, distance(ctx, ["hip_bone_right"]))
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
