"""The L5-S1 facet (zygapophyseal) joints: a capsule around each pair of articular facets.

Each capsule is a thin fibrous sleeve (``parameters.FACET_CAPSULE_THICKNESS``) on a rounded
envelope centred on the joint line between L5's inferior articular facet and S1's superior one
(an ellipsoid lying in the facet plane, ``FACET_CAPSULE_RADII``, pouched up and down into the
superior and inferior recesses), kept ``FACET_CAPSULE_CLEARANCE`` off both bones: a collar round
the joint margins that meets the articular processes all round. Inside it lies the joint space
between the facets, the two cartilage layers, with a groove midway between them round its rim:
the joint line. Shown translucent, the facets stay visible through it.

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


def capsule_sdf(l5: imp.SDF, s1: imp.SDF | None, centre, R) -> imp.SDF:
    """The capsule of one joint (L5 frame): a thin fibrous sleeve and the cartilage-lined joint
    space it encloses.

    * The sleeve: a shell ``FACET_CAPSULE_THICKNESS`` thick on an ellipsoid round the joint
      (``FACET_CAPSULE_RADII``), pouched up and down into the superior and inferior recesses
      (``FACET_RECESS_RADII``), kept outside the bones: a collar over the joint margins that
      meets the bone all round.
    * The joint: the space between the two facets inside the sleeve (the two cartilage layers),
      with a groove midway between them round its rim, the joint line.
    """
    radii = np.asarray(P.FACET_CAPSULE_RADII, float)
    up = R[:, 1]
    envelope = imp.smooth_union(
        2.0,
        imp.ellipsoid(centre, radii, rotation=R),
        *(
            imp.ellipsoid(centre + sign * P.FACET_RECESS_OFFSET * up, P.FACET_RECESS_RADII, R)
            for sign in (1.0, -1.0)
        ),
    )
    sleeve = imp.shell(envelope, P.FACET_CAPSULE_THICKNESS)
    bones = l5 if s1 is None else imp.union(l5, s1)
    clear = imp.offset(bones, P.FACET_CAPSULE_CLEARANCE)
    if s1 is None:
        return imp.subtract(sleeve, clear)

    def joint(p):
        a, b = l5(p), s1(p)
        space = a + b - P.FACET_JOINT_SPACE - 0.6  # between the facets
        rim = envelope(p)
        line = np.maximum.reduce(
            [np.abs(a - b) / 2 - P.FACET_JOINT_LINE_WIDTH / 2, -rim - P.FACET_JOINT_LINE_DEPTH]
        )
        return np.maximum(np.maximum(space, rim), -line)

    return imp.subtract(imp.union(sleeve, joint), clear)


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    s1 = vertebra.s1_facet_distance(ctx, T)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = _frame(normal)
        shape = capsule_sdf(l5, s1, centre, R)
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
