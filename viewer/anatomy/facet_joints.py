"""The L5-S1 facet (zygapophysial) joints: a fibrous capsule round each pair of articular facets.

The joint space is found on the bones: where L5's inferior facet faces S1's superior one across
``parameters.FACET_JOINT_SPACE``. Round it the capsule (Bogduk, *Clinical and Radiological
Anatomy of the Lumbar Spine*, ch. 3) is a thin fibrous sleeve ``FACET_CAPSULE_THICKNESS`` thick,
attached ``FACET_CAPSULE_ATTACHMENT`` beyond the articular margins, loose at its upper and lower
poles (the superior and inferior recesses, ``FACET_RECESS_*``). It is built as a cuff: a short
sleeve round the joint's margins, open at both ends where the processes enter it (the bone ends
lie within it), reaching ``FACET_CUFF_HALF_LENGTH`` onto each process and narrowing towards its
lips, with the joint line folded in round its middle (``FACET_JOINT_LINE_*``) and a step there
at the poles. Its openings face along the joint's normal, so its axis shows the joint plane's
orientation. The sleeve follows the joint's C-shaped curve in axial section
(``FACET_JOINT_CURVATURE``; S1's facet concave round L5's). Its lips lie on the processes, so
with the bones only the sleeve round the joint's margins shows; in front and medially the
ligamentum flavum reaches into it, forming its anterior wall.

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


def _pouch(q, middle, radii) -> np.ndarray:
    """How far (0-1) each point ``q`` (joint coordinates) lies towards a pole of the joint: 1 right
    above or below the joint's middle, falling off round the rim (the recesses' spread)."""
    k = np.hypot((q[:, 1] - middle[1]) / radii[0], (q[:, 2] - middle[2]) / radii[1])
    cos_pole = np.abs(q[:, 1] - middle[1]) / radii[0] / np.maximum(k, 1e-9)
    return cos_pole**P.FACET_RECESS_SPREAD


def capsule_sdf(l5: imp.SDF, s1: imp.SDF, centre, R) -> imp.SDF:
    """The capsule of one joint (L5 frame): a thin sleeve round the joint space found on the
    bones, open at both ends where the processes enter it.

    In the joint's coordinates, bent so that the joint line's curve (``FACET_JOINT_CURVATURE``,
    concave towards L5) is straight: a wall ``FACET_CAPSULE_THICKNESS`` thick whose outer face
    lies ``FACET_CAPSULE_ATTACHMENT`` plus its thickness beyond the articular margins at the joint
    line, narrowing by ``FACET_CUFF_TAPER`` towards its two free lips, ``FACET_CUFF_HALF_LENGTH``
    either side of the joint line (on the processes); its L5 half ``FACET_JOINT_LINE_STEP``
    higher and its S1 half as much lower; ballooning out at the poles (the recesses,
    ``FACET_RECESS_*``) and folded in along the joint line (``FACET_JOINT_LINE_*``).
    """
    mid, sd = articular_patch(l5, s1, centre, R)
    grow = P.FACET_CAPSULE_ATTACHMENT + P.FACET_CAPSULE_THICKNESS
    radii = (2.0 * sd[1] + grow, 2.0 * sd[2] + grow)
    size = np.sqrt(radii[0] * radii[1])
    half_t = P.FACET_CAPSULE_THICKNESS / 2
    length, lip = P.FACET_CUFF_HALF_LENGTH, P.FACET_CUFF_LIP_ROUNDING

    def f(p):
        q = (p - centre) @ R
        # straighten the curved joint: across is measured from the joint line's curve
        q[:, 0] -= mid[0] - 0.5 * P.FACET_JOINT_CURVATURE * (q[:, 2] - mid[2]) ** 2
        x = q[:, 0]
        # L5's half (across < 0) a little higher, S1's a little lower: a step at the poles
        q[:, 1] += P.FACET_JOINT_LINE_STEP * np.tanh(x / 0.8)
        k = np.hypot((q[:, 1] - mid[1]) / radii[0], (q[:, 2] - mid[2]) / radii[1])
        radial = (k - 1.0) * size  # about the distance out from the sleeve's outer face
        # the wall's middle: narrowing towards the lips, out at the poles, in at the joint line
        wall_mid = (
            -half_t
            - P.FACET_CUFF_TAPER * (x / length) ** 2
            + P.FACET_RECESS_BULGE
            * _pouch(q, mid, radii)
            * np.exp(-((x / P.FACET_RECESS_REACH) ** 4))
            - P.FACET_JOINT_LINE_DEPTH * np.exp(-((x / P.FACET_JOINT_LINE_WIDTH) ** 2))
        )
        wall = np.abs(radial - wall_mid) - half_t + lip
        ends = np.abs(x) - length + lip
        # (the lips rounded)
        outside = np.hypot(np.maximum(wall, 0.0), np.maximum(ends, 0.0))
        return outside + np.minimum(np.maximum(wall, ends), 0.0) - lip

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
