"""The L5-S1 facet (zygapophyseal) joints: a capsule around each pair of articular facets.

Each capsule is a closed, rounded sleeve centred on the joint line between L5's inferior
articular facet and S1's superior one: an ellipsoid lying in the facet plane
(``parameters.FACET_CAPSULE_RADII``: across the joint, craniocaudally, horizontally), with both
bones taken out of it (``FACET_CAPSULE_CLEARANCE`` from them). What remains fills the joint space
and wraps the rims of both facets, as the fibrous capsule does; shown translucent, the facets stay
visible through it.

It needs the placed L5 (``vertebra``) and the S1 segment (``pelvis``). Landmarks published (model
frame): ``facet_joint_center_left``/``_right`` (middle of the joint space) and
``facet_joint_normal_left``/``_right`` (unit normal of the joint plane, pointing from the L5
facet towards S1's, i.e. anterolaterally).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import implicit as imp
from . import meshing, vertebra
from . import parameters as P
from .build import BuildContext, Built


def _frame(normal):
    """Columns: across the joint (the normal), craniocaudal within it, horizontal within it."""
    n = np.asarray(normal, float) / np.linalg.norm(normal)
    up = np.array([0.0, 0.0, 1.0]) - n[2] * n
    up /= np.linalg.norm(up)
    return np.column_stack([n, up, np.cross(n, up)])


def joint_geometry(ctx: BuildContext, side: str):
    """Centre and normal of the joint in the L5 frame: the L5 facet moved half the joint space
    along its outward normal (towards S1's facet)."""
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    inv = np.linalg.inv(T)
    c = inv[:3, :3] @ ctx.landmarks[f"l5_inferior_facet_{side}"] + inv[:3, 3]
    n = inv[:3, :3] @ ctx.landmarks[f"l5_inferior_facet_normal_{side}"]
    n /= np.linalg.norm(n)
    return c + 0.5 * P.FACET_JOINT_SPACE * n, n


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    s1 = vertebra.s1_facet_distance(ctx, T)
    bones = l5 if s1 is None else imp.union(l5, s1)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = _frame(normal)
        capsule = imp.ellipsoid(centre, P.FACET_CAPSULE_RADII, rotation=R)
        shape = imp.subtract(capsule, imp.offset(bones, P.FACET_CAPSULE_CLEARANCE))
        reach = max(P.FACET_CAPSULE_RADII) + 1.0
        m = meshing.mesh_sdf_banded(
            shape,
            (centre - reach, centre + reach),
            voxel=0.4,
            target_faces=P.FACET_MAX_TRIANGLES,
            smooth_iterations=4,
            coarse_factor=3,
        )
        m.apply_transform(T)
        out[f"facet_joint_{side}"] = Built(m)
        ctx.landmarks[f"facet_joint_center_{side}"] = T[:3, :3] @ centre + T[:3, 3]
        ctx.landmarks[f"facet_joint_normal_{side}"] = T[:3, :3] @ normal
    return out
