"""The L5-S1 ligaments: smooth bands lying on, or spanning between, the built bones.

* Longitudinal ligaments (ALL, PLL): flat bands lying on the front and the back of the bodies and
  the disc, the PLL narrow behind L5 and fanning over the disc (:mod:`longitudinal_ligaments`).
* Spanning ligaments (ligamentum flavum, supraspinous): a rounded band from one bone to the
  other, its ends sunk ``LIGAMENT_ANCHOR_DEPTH`` into bone, with the bones cut away, so the band
  meets each bone on its surface and enters none.
* Interspinous ligament: a sagittal band across the narrowest gap between the L5 spinous process
  and the top of the S1 median crest.
* Iliolumbar ligament: two twisted flat bands from the tip of the L5 transverse process, the
  upper one to the iliac crest, the lower one to the ala in front of the sacroiliac joint.

Right-side structures are modelled; the left ones are their mirror images.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit
from . import longitudinal_ligaments as longitudinal
from . import parameters as P
from .bone_fields import (
    Lumbosacral,
    cut_where_near,
    distance,
    frame_matrix,
    mesh_in_frame,
    missing,
    nearest_surface_point,
)
from .build import Built
from .frame import RIGHT, side_sign
from .geometry import joined

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
SPINE = ("l5_vertebra", "l5_s1_disc_annulus", "s1_segment")
MAX_FACES = 3000


from .frame import unit as _unit  # noqa: E402


# ---------------------------------------------------------------- spanning bands
def band(a, b, width: float, thickness: float, width_dir) -> implicit.SDF:
    """A flat band from ``a`` to ``b`` with rounded edges and ends (a rounded box)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    u = _unit(b - a)
    w = np.asarray(width_dir, float)
    w = _unit(w - (w @ u) * u)
    n = np.cross(u, w)
    r = min(width, thickness) / 2 * 0.95
    half = (np.linalg.norm(b - a) / 2 + r, width / 2, thickness / 2)
    return implicit.box((a + b) / 2, half, rotation=np.column_stack([u, w, n]), rounding=r)


def _spanning(
    ctx,
    shape: implicit.SDF,
    a,
    b,
    margin: float,
    voxel: float,
    pad: float = 4.0,
    rounding: float = P.LIGAMENT_BONE_CUT_ROUNDING,
):
    """Mesh a band with the bones cut away (on a grid aligned with the band), the cut's edge
    rounded by ``rounding`` mm (a sharp cut leaves folds along it); kept just off the bone."""
    bones = distance(ctx, BONES)
    f = cut_where_near(shape, lambda p: 0.15 - bones(p), rounding=rounding)
    a, b = np.asarray(a, float), np.asarray(b, float)
    u = _unit(b - a)
    w = _unit(np.cross(u, RIGHT) if abs(u @ RIGHT) < 0.9 else np.cross(u, [0, 0, 1.0]))
    M = frame_matrix(a, np.column_stack([u, w, np.cross(u, w)]))
    L = np.linalg.norm(b - a)
    bounds = ((-pad, -margin, -margin), (L + pad, margin, margin))
    return mesh_in_frame(f, M, bounds, voxel=voxel, target_faces=MAX_FACES)


def _sink(point, toward, depth: float) -> np.ndarray:
    """``point`` moved ``depth`` mm away from ``toward`` (into the bone it sits on)."""
    point = np.asarray(point, float)
    return point - depth * _unit(np.asarray(toward, float) - point)


def ligamentum_flavum_right(ctx, ls: Lumbosacral):
    """From the inferior edge of the L5 lamina to the superior edge of the S1 lamina (sacral roof),
    lining the back of the canal."""
    lam = np.asarray(ctx.landmarks["l5_lamina_right"], float)
    l5 = ctx.mesh("l5_vertebra").vertices
    s1 = ctx.mesh("s1_segment").vertices
    behind_canal = ls.disc_posterior - 8.0
    x = lam[0] + 3.0
    near = (np.abs(l5[:, 0] - x) < 3.0) & (np.abs(ls.a(l5) - ls.a(lam)) < 8.0)
    top_edge = l5[near][np.argmin(ls.s(l5[near]))]
    below = (
        (np.abs(s1[:, 0] - x) < 4.0) & (ls.a(s1) < behind_canal) & (ls.s(s1) < ls.s(top_edge) - 1.0)
    )
    low_edge = s1[below][np.argmin(np.linalg.norm(s1[below] - top_edge, axis=1))]
    d = P.LIGAMENT_ANCHOR_DEPTH + 1.0
    a = _sink(top_edge, low_edge, d)
    b = _sink(low_edge, top_edge, d)
    t = P.LIGAMENTUM_FLAVUM_THICKNESS.value
    # The sheet's back face passes through both laminar edges; it lies in front of them.
    u = _unit(b - a)
    n = _unit(np.cross(u, RIGHT))
    if n @ ls.ant < 0:
        n = -n
    inward = n * (t / 2)
    # Seen from above, the sheet runs from the midline out and forward round the canal into the
    # front of the facet capsule (it forms the capsule's anterior wall there): a curved sweep,
    # lens-shaped in section (thickest halfway between the laminae, thin at its attachments).
    mid = (a + b) / 2 + inward
    medial = mid + RIGHT * (P.LIGAMENTUM_FLAVUM_MEDIAL_X - mid[0])
    facet = np.asarray(ctx.landmarks["facet_joint_center_right"], float)
    lateral = facet - RIGHT * P.LIGAMENTUM_FLAVUM_CAPSULE_OVERLAP
    lateral = lateral + ls.up * (ls.s(mid) - ls.s(lateral)) * 0.5
    bend = np.array([lateral[0], medial[1], medial[2]]) * 0.5 + 0.25 * (medial + lateral)
    k = np.linspace(0.0, 1.0, 90)[:, None]
    path = (1 - k) ** 2 * medial + 2 * k * (1 - k) * bend + k**2 * lateral
    path = np.vstack([medial - RIGHT * np.linspace(3.0, 0.1, 10)[:, None], path])
    half_h = np.linalg.norm(b - a) / 2 + 1.0
    shape = implicit.sweep(path, half_h, t / 2, u)
    shape = implicit.intersection(shape, implicit.halfspace(RIGHT * 1.0, -RIGHT))  # own side only
    return shape, a + inward, b + inward, half_h + 25.0


def ligamenta_flava(ctx, ls: Lumbosacral) -> dict[str, trimesh.Trimesh]:
    """Both sides: the right modelled, the left its mirror image, each cut by its own bones."""
    shape, a, b, margin = ligamentum_flavum_right(ctx, ls)
    flip = np.array([-1.0, 1.0, 1.0])
    return {
        "ligamentum_flavum_right": _spanning(ctx, shape, a, b, margin=margin, voxel=0.35),
        "ligamentum_flavum_left": _spanning(
            ctx, lambda p: shape(p * flip), a * flip, b * flip, margin=margin, voxel=0.35
        ),
    }


def _midline_posterior_points(ctx, ls: Lumbosacral):
    """The L5 spinous tip and the tip of the S1 spinous tubercle (median sacral crest)."""
    tip = np.asarray(ctx.landmarks["l5_spinous_tip"], float)
    s1 = ctx.mesh("s1_segment").vertices
    cand = s1[ls.a(s1) < ls.disc_posterior - 4.0]
    cand = cand[np.abs(cand[:, 0] - tip[0]) <= max(3.0, np.abs(cand[:, 0] - tip[0]).min() + 1.0)]
    # the top of the median sacral crest: the S1 posterior arch nearest the L5 spinous tip
    s1_tip = cand[np.argmin(np.linalg.norm(cand - tip, axis=1))].copy()
    s1_tip[0] = tip[0]  # both in the mid-sagittal plane
    return tip, s1_tip


def interspinous(ctx, ls: Lumbosacral):
    """A sagittal band across the narrowest gap between the L5 spinous process and the top of
    the S1 median crest (S1 has no midline lamina: its spinous tubercle is the crest's top),
    ``INTERSPINOUS_WIDTH`` deep and ``INTERSPINOUS_THICKNESS`` thick, its ends sunk into the two
    bones and the bones cut away."""
    _, s1_tip = _midline_posterior_points(ctx, ls)
    # the narrowest gap: from L5's point nearest the crest's top down to that top
    a = nearest_surface_point(ctx.mesh("l5_vertebra"), s1_tip)
    a[0] = s1_tip[0]
    b = s1_tip
    # sunk into L5; at the crest only to its top (S1's share of the crest is its top alone)
    d = P.LIGAMENT_ANCHOR_DEPTH + 1.0
    shape = band(
        _sink(a, b, d), _sink(b, a, 0.5), P.INTERSPINOUS_WIDTH, P.INTERSPINOUS_THICKNESS, ls.ant
    )
    return _spanning(ctx, shape, a, b, margin=P.INTERSPINOUS_WIDTH / 2 + 4.0, voxel=0.35)


def supraspinous(ctx, ls: Lumbosacral):
    tip, s1_tip = _midline_posterior_points(ctx, ls)
    """Over the L5 spinous tip down to the S1 tubercle: a cord over L5 that thins and spreads out
    as it goes down (at L5-S1 it fades into the thoracolumbar fascia), a thin sheet at S1."""
    t = P.SUPRASPINOUS_AREA.value / P.SUPRASPINOUS_WIDTH
    a = _sink(tip, s1_tip, 1.0) - ls.ant * (t / 2 - 0.8)
    b = _sink(s1_tip, tip, 1.0) - ls.ant * (P.SUPRASPINOUS_END_THICKNESS / 2 - 0.6)
    k = np.linspace(0.0, 1.0, 120)
    path = a + k[:, None] * (b - a) - ls.ant[None, :] * (1.5 * np.sin(np.pi * k))[:, None]
    fade = k**1.5
    half_w = (P.SUPRASPINOUS_WIDTH + (P.SUPRASPINOUS_END_WIDTH - P.SUPRASPINOUS_WIDTH) * fade) / 2
    half_t = (t + (P.SUPRASPINOUS_END_THICKNESS - t) * fade) / 2
    shape = implicit.sweep(path, half_w, half_t, RIGHT)
    return _spanning(
        ctx,
        shape,
        a,
        b,
        margin=P.SUPRASPINOUS_END_WIDTH / 2 + 4,
        voxel=0.3,
        rounding=P.SUPRASPINOUS_CUT_ROUNDING,
    )


def _twisted_band(a, b, width: float, thickness: float, start_dir, end_dir, bulge) -> implicit.SDF:
    """A flat band from ``a`` to ``b`` along a gentle curve (bowed by ``bulge``), its width
    turning from ``start_dir`` to ``end_dir`` (a twisted band), rounded at the ends."""
    t = np.linspace(0.0, 1.0, 90)[:, None]
    path = (1 - t) * a + t * b + 4.0 * t * (1 - t) * np.asarray(bulge, float)
    w0, w1 = _unit(np.asarray(start_dir, float)), _unit(np.asarray(end_dir, float))
    dirs = (1 - t) * w0 + t * w1
    # narrower at the transverse process, fanning at the bone it inserts on
    half_w = width / 2 * (0.8 + 0.35 * t[:, 0])
    return implicit.sweep(path, half_w, np.full(len(path), thickness / 2), dirs)


def iliolumbar(ctx, ls: Lumbosacral, side: str):
    """From the tip of the L5 transverse process: the upper band to the inner lip of the iliac
    crest in front of the PSIS, the lower band down to the ala and the front of the sacroiliac
    joint. Both are twisted flat bands, ``ILIOLUMBAR_WIDTH`` wide, joined at the tip."""
    tp = np.asarray(ctx.landmarks[f"l5_transverse_tip_{side}"], float)
    psis = np.asarray(ctx.landmarks[f"psis_{side}"], float)
    crest = np.asarray(ctx.landmarks[f"iliac_crest_top_{side}"], float)
    ala = np.asarray(ctx.landmarks[f"sacral_ala_{side}"], float)
    auricular = np.asarray(ctx.landmarks[f"auricular_surface_{side}"], float)
    q = psis + 0.5 * (crest - psis)  # the posterior iliac crest, in front of the PSIS
    ilium = nearest_surface_point(ctx.mesh(f"hip_bone_{side}"), q)
    # the lower band's insertion: the ala just in front of the top of the sacroiliac joint
    front_of_joint = nearest_surface_point(
        joined([ctx.mesh("s1_segment")]), 0.5 * (ala + auricular) + ls.ant * 6.0
    )
    d = P.LIGAMENT_ANCHOR_DEPTH + 1.5
    start = _sink(tp, ilium, d)
    up = np.array([0.0, 0.0, 1.0])
    out = RIGHT * side_sign(side)
    bands = []
    for end, start_dir, end_dir, bow in (
        (_sink(ilium, tp, d), up, ls.ant, up * 3.0),  # upper band: vertical, then horizontal
        (_sink(front_of_joint, tp, d), ls.ant, up + out, -out * 2.0),  # lower band
    ):
        bands.append(
            _twisted_band(
                start, end, P.ILIOLUMBAR_WIDTH, P.ILIOLUMBAR_THICKNESS, start_dir, end_dir, bow
            )
        )
    shape = implicit.smooth_union(2.0, *bands)
    a, b = start, 0.5 * (_sink(ilium, tp, d) + front_of_joint)
    return _spanning(ctx, shape, a, b, margin=P.ILIOLUMBAR_WIDTH + 25.0, voxel=0.45, pad=20.0)


def build(ctx) -> dict[str, Built]:
    if missing(ctx, BONES + SPINE):
        return {}
    ls = Lumbosacral.from_context(ctx)
    out = {
        "anterior_longitudinal_ligament": longitudinal.band(
            ctx, ls, longitudinal.anterior_plan(ctx, ls)
        ),
        "posterior_longitudinal_ligament": longitudinal.band(
            ctx, ls, longitudinal.posterior_plan(ls)
        ),
        "interspinous_ligament": interspinous(ctx, ls),
        "supraspinous_ligament": supraspinous(ctx, ls),
    }
    out.update(ligamenta_flava(ctx, ls))
    out.update(
        {
            "iliolumbar_ligament_right": iliolumbar(ctx, ls, "right"),
            "iliolumbar_ligament_left": iliolumbar(ctx, ls, "left"),
        }
    )
    return {k: Built(m) for k, m in out.items()}
