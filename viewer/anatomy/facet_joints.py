"""The L5-S1 facet (zygapophysial) joints: a fibrous capsule round each pair of articular facets.

The joint space is found on the bones: where L5's inferior facet faces S1's superior one across
``parameters.FACET_JOINT_SPACE``. Round it the capsule (Bogduk, *Clinical and Radiological
Anatomy of the Lumbar Spine*, ch. 3) is a taut sleeve ``FACET_CAPSULE_THICKNESS`` thick,
attached ``FACET_CAPSULE_ATTACHMENT`` beyond the articular margins, loose at its upper and lower
poles (the superior and inferior recesses and their fat pads, ``FACET_RECESS_*``). It is built
closed, as an atlas shows a joint: two rounded plates, one over each facet's end
(``FACET_CAPSULE_*``), pressed together along the joint line, which runs round the rim as a
groove and a step (``FACET_JOINT_LINE_*``). On each plate's outer face, where a process enters,
a channel inside the sleeve's free lip sets off the process's end as a rounded cap
(``FACET_OPENING_*``): the capsule reads as a sleeve round two bone ends. The plates follow
the joint's C-shaped curve in axial section (``FACET_JOINT_CURVATURE``; S1's facet concave round
L5's). Where the processes enter it, its faces lie inside the bone, so with the bones only the
sleeve round the joint's margins shows; in front and medially the ligamentum flavum reaches into
it, forming its anterior wall.

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
from .geometry import part

#: how far (mm) S1's signed distance is answered exactly round a joint; beyond it, "far"
_S1_REACH = 10.0
#: how far (mm) round each point S1's distance is averaged (a smoothing of the bone's surface)
_S1_BLUR = 0.9
#: half-size (mm) of the grid on which the joint space is looked for, in the joint's plane
_PATCH_REACH = 12.0


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


def s1_distance_near(ctx: BuildContext, T: np.ndarray, centre) -> imp.SDF:
    """Signed distance (L5 frame) to S1 within ``_S1_REACH`` of the joint at ``centre``, from the
    S1 mesh cropped round it (clamped to +``_S1_REACH`` further off)."""
    m = ctx.mesh("s1_segment").copy()
    m.apply_transform(np.linalg.inv(T))
    crop = np.sqrt(2.0) * _PATCH_REACH + 2.0 * _S1_REACH
    keep = np.flatnonzero(np.linalg.norm(m.triangles_center - centre, axis=1) < crop)
    near = imp.mesh_distance(part(m, keep), spacing=0.3)
    steps = _S1_BLUR * np.vstack([np.eye(3), -np.eye(3)])

    def f(p):
        # averaged over a small star of neighbours: the mesh's creases and its sampling
        d = sum(near(p + step) for step in steps) / len(steps)
        d = np.minimum(d, _S1_REACH)
        return np.where(d < -_S1_REACH, _S1_REACH, d)  # "deep inside" a crop is behind it

    return f


def articular_patch(l5: imp.SDF, s1: imp.SDF, centre, R) -> tuple[np.ndarray, np.ndarray]:
    """The joint space between the two facets, in joint coordinates (across, craniocaudal,
    horizontal: the columns of ``R``, from ``centre``): the mean and the standard deviation of
    the points on a 0.5 mm grid that lie in the gap, about as far from either bone (an
    elliptic patch has half-axes of twice its standard deviations)."""
    g = np.arange(-_PATCH_REACH, _PATCH_REACH + 0.01, 0.5)
    x = np.arange(-4.0, 4.01, 0.25)
    q = np.stack(np.meshgrid(x, g, g, indexing="ij"), -1).reshape(-1, 3)
    a, b = l5(centre + q @ R.T), s1(centre + q @ R.T)
    gap = (a > 0) & (b > 0) & (a + b < P.FACET_JOINT_SPACE + 0.7) & (np.abs(a - b) < 0.3)
    return q[gap].mean(axis=0), q[gap].std(axis=0)


def _plate(q, middle, radii, half: float) -> np.ndarray:
    """Signed distance (about) to one plate in joint coordinates ``q``: an elliptic slab with
    its middle at ``middle`` (across, up, horizontal), half-axes ``radii`` (up, horizontal) in
    the joint's plane and ``half`` deep across it (more in the middle, the dome), its rim
    rounded."""
    r = P.FACET_CAPSULE_RIM_ROUNDING
    k = np.hypot((q[:, 1] - middle[1]) / radii[0], (q[:, 2] - middle[2]) / radii[1])
    radial = (k - 1.0) * np.sqrt(radii[0] * radii[1]) + r
    depth = half + P.FACET_CAPSULE_DOME * np.clip(1.0 - k * k, 0.0, 1.0)
    across = np.abs(q[:, 0] - middle[0]) - depth + r
    outside = np.hypot(np.maximum(radial, 0.0), np.maximum(across, 0.0))
    return outside + np.minimum(np.maximum(radial, across), 0.0) - r


def _opening(q, middle, radii) -> np.ndarray:
    """Signed distance (about) to the channel round one plate's outer face, ``q`` in joint
    coordinates: a tube of elliptic section (``FACET_OPENING_HALF_WIDTH`` in the face,
    ``FACET_OPENING_DEPTH`` into it) along the ellipse ``FACET_OPENING_INSET`` inside the plate's
    rim, its axis on the face (the dome), so that the face shows a rounded cap (the process's
    end) inside a lip (the sleeve's free edge)."""
    s = np.sqrt(radii[0] * radii[1])
    k = np.hypot((q[:, 1] - middle[1]) / radii[0], (q[:, 2] - middle[2]) / radii[1])
    k_ring = 1.0 - P.FACET_OPENING_INSET / s
    outward = np.sign(middle[0])
    face = middle[0] + outward * (
        P.FACET_CAPSULE_DEPTH + P.FACET_CAPSULE_DOME * (1.0 - k_ring * k_ring)
    )
    across = (q[:, 0] - face) * outward
    width, depth = P.FACET_OPENING_HALF_WIDTH, P.FACET_OPENING_DEPTH
    return (np.hypot((k - k_ring) * s / width, across / depth) - 1.0) * min(width, depth)


def capsule_sdf(l5: imp.SDF, s1: imp.SDF, centre, R) -> imp.SDF:
    """The closed capsule of one joint (L5 frame) round the joint space found on the bones.

    In the joint's coordinates, bent so that the joint line's curve (``FACET_JOINT_CURVATURE``,
    concave towards L5) is straight: an L5 plate and an S1 plate, ``FACET_JOINT_LINE_SPLIT``
    either side of the joint line and ``FACET_JOINT_LINE_STEP`` up and down, each reaching the
    sleeve's thickness and its attachment beyond the articular patch; blended with a small
    fillet, with a groove along the joint line, a recess pad at each pole, and a channel round
    each process's end inside the sleeve's lip.
    """
    mid, sd = articular_patch(l5, s1, centre, R)
    grow = P.FACET_CAPSULE_ATTACHMENT + P.FACET_CAPSULE_THICKNESS
    radii = (2.0 * sd[1] + grow, 2.0 * sd[2] + grow)
    e, step = P.FACET_JOINT_LINE_SPLIT, P.FACET_JOINT_LINE_STEP
    l5_mid = np.array([-e, mid[1] + step, mid[2]])
    s1_mid = np.array([e, mid[1] - step, mid[2]])
    pads = [
        imp.ellipsoid(
            [0.0, mid[1] + s * (radii[0] - P.FACET_RECESS_INSET), mid[2]], P.FACET_RECESS_RADII
        )
        for s in (1.0, -1.0)
    ]

    def f(p):
        q = (p - centre) @ R
        # straighten the curved joint: across is measured from the joint line's curve
        q[:, 0] -= mid[0] - 0.5 * P.FACET_JOINT_CURVATURE * (q[:, 2] - mid[2]) ** 2
        d = imp._smin(
            _plate(q, l5_mid, radii, P.FACET_CAPSULE_DEPTH),
            _plate(q, s1_mid, radii, P.FACET_CAPSULE_DEPTH),
            P.FACET_JOINT_LINE_FILLET,
        )
        for pad in pads:
            d = imp._smin(d, pad(q), P.FACET_RECESS_BLEND)
        # the openings: round each process's end (a dome) a channel inside the sleeve's lip
        for middle in (l5_mid, s1_mid):
            d = -imp._smin(-d, _opening(q, middle, radii), P.FACET_OPENING_BLEND)
        # the groove runs on round the poles, over the recesses
        return d + P.FACET_JOINT_LINE_DEPTH * np.exp(-((q[:, 0] / P.FACET_JOINT_LINE_WIDTH) ** 2))

    return f


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = _frame(normal)
        shape = capsule_sdf(l5, s1_distance_near(ctx, T, centre), centre, R)
        reach = _PATCH_REACH + 2.0
        m = meshing.mesh_sdf_banded(
            shape,
            (centre - reach, centre + reach),
            voxel=0.4,
            target_faces=P.FACET_MAX_TRIANGLES,
            smooth_iterations=10,
            coarse_factor=3,
        )
        m.apply_transform(T)
        out[f"facet_joint_{side}"] = Built(m)
        ctx.landmarks[f"facet_joint_center_{side}"] = T[:3, :3] @ centre + T[:3, 3]
        ctx.landmarks[f"facet_joint_normal_{side}"] = T[:3, :3] @ normal
    return out
