"""Iliacus: the fan-shaped muscle filling the iliac fossa, joining psoas as iliopsoas.

It arises from the upper two-thirds of the iliac fossa, the inner lip of the iliac crest and the
ala of the sacrum beside the sacroiliac joint; its fibres converge down and forward over the
pelvic brim, lateral to psoas, and end with the psoas tendon on the lesser trochanter (Gray's
Anatomy, 42nd ed.; reference B.2, Rajagopal 2016 iliacus path).

Built as a fan of fascicles (flat sweeps lying on the fossa, :mod:`routing`), from origins spread
along the inner lip of the crest from the ASIS back to the ala, converging at the brim on the
Rajagopal via-point, then a common belly to the psoas insertion. Fascicles are thinnest at the
crest and thickest where they gather; the shape is trimmed off the bones and kept clear of psoas.
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import bone_fields, implicit, routing
from . import parameters as P
from .build import BuildContext, Built
from .frame import RIGHT, SUPERIOR, side_sign
from .muscle_meshing import BONES, MUSCLE_FACES, mesh, opensim_points, trimmed


def _lm(ctx: BuildContext, name: str, side: str) -> np.ndarray:
    return np.asarray(ctx.landmarks[f"{name}_{side}"], float)


def origins(ctx: BuildContext, side: str, bones: routing.Obstacles) -> np.ndarray:
    """Origin points on the iliac fossa just inside the crest, from behind the ASIS back round
    the crest to the ala beside the sacroiliac joint (front to back)."""
    asis, crest = _lm(ctx, "asis", side), _lm(ctx, "iliac_crest_top", side)
    ala = _lm(ctx, "sacral_ala", side)
    back = 0.55 * _lm(ctx, "psis", side) + 0.45 * ala
    arc = routing.spline([asis, crest, back], 1.0)
    t = np.linspace(P.ILIACUS_ORIGIN_SPAN[0], P.ILIACUS_ORIGIN_SPAN[1], P.ILIACUS_FASCICLES)
    at = arc[np.clip((t * (len(arc) - 1)).astype(int), 0, len(arc) - 1)]
    medial = -RIGHT * side_sign(side)
    # from the inner lip of the crest a little into the fossa (medially and down)
    inside = at + medial * P.ILIACUS_ORIGIN_INSET - SUPERIOR * P.ILIACUS_ORIGIN_INSET
    on_bone = bones.snap(inside)
    return bones.lift(on_bone, P.ILIACUS_FAN_THICKNESS + P.MUSCLE_BONE_MARGIN)


def iliacus(ctx: BuildContext, side: str, bones: routing.Obstacles, psoas) -> Built:
    """The fan from the fossa to the brim, and the belly from the brim to the lesser
    trochanter (with the psoas tendon)."""
    (brim,) = opensim_points(ctx.landmarks, [P.ILIACUS_RAJAGOPAL_PELVIS[1]], side=side)
    p3, p4 = opensim_points(ctx.landmarks, femur=P.ILIACUS_RAJAGOPAL_FEMUR, side=side)
    hw, hd = P.ILIACUS_BELLY
    brim = bones.lift(brim, hd + P.MUSCLE_BONE_MARGIN)[0]
    lateral = RIGHT * side_sign(side)
    if psoas is not None:  # over the brim it lies lateral to psoas (our psoas is the bulkier)
        for _ in range(60):
            if psoas(brim[None])[0] >= hw:
                break
            brim = bones.lift(brim + lateral, hd + P.MUSCLE_BONE_MARGIN)[0]
    insertion = bones.snap(0.6 * _lm(ctx, "lesser_trochanter", side) + 0.4 * p4)[0]
    below = bones.lift(p3, P.PSOAS_TENDON_RADIUS * 1.6 + P.MUSCLE_BONE_MARGIN)[0]
    belly = routing.resample(routing.spline([brim, below, insertion], 1.0), 1.0)
    s = routing.arc_length(belly) / routing.arc_length(belly)[-1]
    t = P.PSOAS_TENDON_RADIUS
    a = np.interp(s, [0.0, 0.45, 1.0], [hw, 0.6 * hw, t])
    d = np.interp(s, [0.0, 0.45, 1.0], [hd, 0.8 * hd, t])
    parts = [implicit.sweep(belly, a, d, width_dirs=RIGHT)]
    paths = [belly]
    starts = origins(ctx, side, bones)
    spacing = float(np.median(np.linalg.norm(np.diff(starts, axis=0), axis=1)))
    for start in starts:
        # lying in the fossa: its middle on the bone (the fossa is hollow; a chord would not be)
        lift = P.ILIACUS_FAN_THICKNESS + P.MUSCLE_BONE_MARGIN
        mid = bones.lift(bones.snap(0.5 * (start + brim)), lift)[0]
        low = bones.lift(bones.snap(0.25 * start + 0.75 * brim), lift)[0]
        fascicle = routing.resample(routing.spline([start, mid, low, brim], 1.0), 1.0)
        k = routing.arc_length(fascicle) / routing.arc_length(fascicle)[-1]
        # flat on the fossa: wide across the fan, thin off the bone, gathering at the brim
        width = np.interp(k, [0.0, 0.6, 1.0], [0.7 * spacing, 0.6 * spacing, 0.5 * hw])
        depth = np.interp(k, [0.0, 0.5, 1.0], [0.5, 1.0, 1.3]) * P.ILIACUS_FAN_THICKNESS
        normal = bones.normal(fascicle)  # off the bone: the fascicle's thickness
        tangent = np.gradient(fascicle, axis=0)
        across = np.cross(normal, tangent)
        parts.append(implicit.sweep(fascicle, width, depth, width_dirs=across))
        paths.append(fascicle)
    avoid = (psoas,) if psoas is not None else ()
    f = trimmed(implicit.smooth_union(6.0, *parts), bones, avoid=avoid)
    reach = max(hw, 0.7 * spacing) + 4.0
    return Built(mesh(f, paths, reach, MUSCLE_FACES))  # its tendon blends into psoas


def build(ctx: BuildContext) -> dict[str, Built]:
    if bone_fields.missing(ctx, [*BONES, *(f"psoas_major_{s}" for s in SIDES)]):
        return {}
    bones = routing.Obstacles(ctx, BONES)
    out = {}
    for side in SIDES:
        psoas = bone_fields.distance(ctx, [f"psoas_major_{side}"])
        out[f"iliacus_{side}"] = iliacus(ctx, side, bones, psoas)
    return out
