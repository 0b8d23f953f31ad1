"""The L5-S1 facet (zygapophysial) joints: the articular cartilages and the fibrous capsule.

The joint space is found on the bones: where L5's inferior facet faces S1's superior one across
``parameters.FACET_JOINT_SPACE``. Each facet carries a plate of articular cartilage about 1 mm
thick (``FACET_CARTILAGE_*``) over the articular patch, the two plates separated by the joint
cavity: two plates on the joint's middle surface, taken from the bones (:func:`joint_surface`:
midway between the two facets, so the plates bend as the facets do, the S1 facet concave, facing
back and in, round L5's: a C/J in axial section where it is cupped). Round it (Bogduk,
*Clinical and Radiological Anatomy of the Lumbar Spine*, ch. 3) the capsule is a fibrous
sleeve, a bag-like cuff attached ``FACET_CAPSULE_ATTACHMENT`` beyond the articular margins of
both processes: thickest behind (``FACET_CAPSULE_THICKNESS_POSTERIOR``), thinner over the
poles, where it is loose (the superior and inferior subcapsular recesses, ``FACET_RECESS_*``),
and thinnest in front (``FACET_CAPSULE_THICKNESS_ANTERIOR``), where the ligamentum flavum
reaches in and forms the joint's anterior capsule. It reaches ``FACET_CUFF_HALF_LENGTH`` onto
each process (the bone ends lie within it), narrowing towards its lips, and joins the
cartilages along the joint's back: one body. Seen alone, a hood over the joint's back and
poles, open in front, the two plates the floor of its bore (its inner face curving onto their
backs; their front edges a little proud of its mouth).

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
from .facet_collar import reach, rounded_max, taut_envelope
from .facet_surface import (
    PATCH_REACH,
    articular_margins,
    bone_distance_near,
    joint_frame,
    joint_geometry,
    joint_surface,
    on_lattice,
    s1_distance_near,
)

#: (mm) how much further down than up the meshed box round each joint reaches (the inferior
#: recess the larger)
_RECESS_ROOM = 2.0
#: (mm) the lattice's spacing on which the bones' distances are taken round each joint
_BONE_LATTICE = 1.0


def _backwards(R) -> float:
    """+1 or -1: the sign that turns the joint's horizontal axis (``R``'s third column, L5 frame)
    towards the back, i.e. towards the joint's posterolateral margin."""
    return -1.0 if R[1, 2] > 0 else 1.0


def capsule_sdf(l5: imp.SDF, s1: imp.SDF, centre, R, bone, margins_at) -> imp.SDF:
    """One joint (L5 frame): its two cartilage plates and its capsular collar (``l5``: L5's shape
    as placed; ``s1``: the distance to the built S1 round the joint; ``bone``: the nearer built
    bone's smooth distance there; ``margins_at``: the articular margins below and above, mm
    along the joint's craniocaudal axis from ``centre``, from
    :func:`~viewer.anatomy.facet_surface.articular_margins`).

    In the joint's coordinates, bent so that the joint's middle surface (:func:`joint_surface`,
    concave towards L5) is straight, each facet carries its cartilage (``FACET_CARTILAGE_*``): a
    curved plate on the joint line's curve, thickest over the joint's middle, the two separated
    by the joint cavity. Round the joint's back and poles (behind ``FACET_COLLAR_OPEN`` in front of
    its middle) the capsule runs taut from one process to the other over the joint line
    (:func:`~viewer.anatomy.facet_collar.taut_envelope`), ``FACET_CAPSULE_THICKNESS_POSTERIOR``
    thick behind and ``FACET_CAPSULE_THICKNESS`` at the poles, its outer face grooved over the
    joint line (``FACET_JOINT_LINE_*``), ``reach`` across onto each process, cut away where it
    would pass through bone; the plates' rims lie within its wall. In front the plates' rims are
    free within the articular patch, the ligamentum flavum forming the joint's anterior capsule
    (Bogduk ch. 3)."""
    mid, sd, surface = joint_surface(l5, s1, centre, R)
    # (the articular margins below and above the joint's middle, mm: the recesses' poles)
    margins = (mid[1] - margins_at[0], margins_at[1] - mid[1])
    patch = (2.0 * sd[1], 2.0 * sd[2])
    size = np.sqrt(patch[0] * patch[1])
    back = _backwards(R)
    plate_half = P.FACET_CARTILAGE_THICKNESS / 2.0
    # each plate's middle surface: this far from the joint line (across the cavity's half-width)
    plate_mid = P.FACET_CARTILAGE_CAVITY / 2.0 + plate_half

    def to_model(x, up, behind):
        q1, q2 = mid[1] + up, mid[2] + back * behind
        q = np.column_stack([x + surface(q1, q2), q1, q2])
        return centre + q @ R.T

    def cap(angle):
        """How far out (mm) the bones are looked at round the joint: the articular patch's
        ellipse, ``FACET_COLLAR_RING_OUTER`` beyond it."""
        a = np.radians(angle)
        rim = 1.0 / np.hypot(np.sin(a) / patch[0], np.cos(a) / patch[1])
        return rim + P.FACET_COLLAR_RING_OUTER

    face = taut_envelope(bone, to_model, cap, margins)
    t_back, t_pole = P.FACET_CAPSULE_THICKNESS_POSTERIOR, P.FACET_CAPSULE_THICKNESS

    def f(p):
        q = (p - centre) @ R
        # straighten the curved joint: across is measured from the joint line's curve
        x = q[:, 0] - surface(q[:, 1], q[:, 2])
        up, behind = q[:, 1] - mid[1], back * (q[:, 2] - mid[2])
        rho = np.hypot(up, behind)
        angle = np.degrees(np.arctan2(up, behind))
        c = behind / np.maximum(rho, 1e-9)
        thick = t_pole + (t_back - t_pole) * np.clip(c, 0.0, 1.0)
        out = rho - face(angle, x, up) + P.FACET_COLLAR_INSET
        groove = P.FACET_JOINT_LINE_DEPTH * np.exp(-((x / P.FACET_JOINT_LINE_WIDTH) ** 2))
        layer = np.maximum(out - thick + groove, -out)
        ends = np.abs(x) - reach(c)
        front = -behind - P.FACET_COLLAR_OPEN
        capsule = rounded_max(np.maximum(layer, ends), front, P.FACET_COLLAR_EDGE_ROUNDING)
        capsule = np.maximum(capsule, -bone(p) - P.FACET_COLLAR_BONE_OVERLAP)
        # (each plate thickest over the joint's middle, thinning to its rim: a lens)
        k = np.hypot(up / patch[0], behind / patch[1])
        half = plate_half * (1.0 + P.FACET_CARTILAGE_DOME * (1.0 - 2.0 * np.minimum(k, 1.0) ** 2))
        a = np.abs(np.abs(x) - plate_mid + plate_half - half) - half
        # (their rims within the collar's wall behind and over the poles, within the articular
        # patch in front)
        plate_rim = np.maximum(
            out - thick / 2.0,
            (k - 1.0) * size
            - P.FACET_COLLAR_RING_OUTER * np.clip(behind + P.FACET_COLLAR_OPEN + 1.0, 0.0, 1.0),
        )
        plates = rounded_max(a, plate_rim, P.FACET_CARTILAGE_RIM_ROUNDING)
        return imp.smooth_min(capsule, plates, P.FACET_CARTILAGE_BLEND)

    return f


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = joint_frame(normal)
        # (room for the recesses above and below)
        reach = np.array([PATCH_REACH, PATCH_REACH, PATCH_REACH + 3.0]) + 2.0
        # (the box reaching further down, round the larger inferior recess)
        low = centre - reach - np.array([0.0, 0.0, _RECESS_ROOM])
        s1 = s1_distance_near(ctx, T, centre)
        # (the bones' blurred distances, smooth: from a lattice over the box)
        lattice = (low - 2.0, centre + reach + 2.0, _BONE_LATTICE)
        bone = on_lattice(
            imp.union(bone_distance_near(ctx, "l5_vertebra", T, centre), s1), *lattice
        )
        margins = articular_margins(ctx, side, centre, R)
        shape = capsule_sdf(l5, s1, centre, R, bone, margins)
        m = meshing.mesh_sdf_banded(
            shape,
            (low, centre + reach),
            voxel=P.FACET_VOXEL,
            target_faces=P.FACET_MAX_TRIANGLES,
            smooth_iterations=P.FACET_SMOOTHING,
            coarse_factor=3,
            blur=P.FACET_BLUR,
        )
        m.apply_transform(T)
        out[f"facet_joint_{side}"] = Built(m)
        ctx.landmarks[f"facet_joint_center_{side}"] = T[:3, :3] @ centre + T[:3, 3]
        ctx.landmarks[f"facet_joint_normal_{side}"] = T[:3, :3] @ normal
    return out
