"""The L5-S1 facet (zygapophysial) joints: a fibrous capsule round each pair of articular facets.

Each capsule is a thin fibrous sleeve (``parameters.FACET_CAPSULE_THICKNESS``) laid on the two
articular processes round the joint's margins: it hugs the bones, spans the joint line between
them and is attached ``FACET_CAPSULE_ATTACHMENT`` beyond the margins on each process (Bogduk,
*Clinical and Radiological Anatomy of the Lumbar Spine*, ch. 3). At the joint's upper and lower
poles the attachment lies further off and the sleeve bulges outwards, baggy: the superior and
inferior subcapsular recesses (``FACET_RECESS_*``; the fat pads they hold are one solid with the
sleeve, so the recesses never part from the bone and open a hole). Where the sleeve passes over
the joint line it dips into a smooth groove (``FACET_JOINT_LINE_*``). The sleeve is closed over
the joint space between the facets (the two cartilage layers and the cavity, one solid with
it), so the capsule is one closed piece: a cuff whose openings are where the processes enter it,
with rounded lips at its attachments. Shown translucent, the facets stay visible through it;
in front and medially it reaches the ligamentum flavum, which forms its anterior wall there.

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
    crop = max(P.FACET_CAPSULE_RADII) + 2.0 * _S1_REACH
    keep = np.flatnonzero(np.linalg.norm(m.triangles_center - centre, axis=1) < crop)
    near = imp.mesh_distance(part(m, keep), spacing=0.3)
    steps = _S1_BLUR * np.vstack([np.eye(3), -np.eye(3)])

    def f(p):
        # averaged over a small star of neighbours: the mesh's creases (the facet's rim) and
        # its sampling show through a layer 0.1 mm off the bone otherwise
        d = sum(near(p + step) for step in steps) / len(steps)
        d = np.minimum(d, _S1_REACH)
        return np.where(d < -_S1_REACH, _S1_REACH, d)  # "deep inside" a crop is behind it

    return f


def _smoothstep(x, lo: float, hi: float):
    """0 below ``lo``, 1 above ``hi``, a smooth (C1) ramp between."""
    t = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _pole_weight(p, centre, up) -> tuple[np.ndarray, np.ndarray]:
    """How far into the superior and the inferior recess a point lies: 0 at the joint's middle
    rising smoothly to 1 towards its upper (first) and lower (second) poles."""
    s = (p - centre) @ up
    lo, hi = P.FACET_RECESS_START, P.FACET_RECESS_START + P.FACET_RECESS_RISE
    return _smoothstep(s, lo, hi), _smoothstep(-s, lo, hi)


def capsule_sdf(l5: imp.SDF, s1: imp.SDF, centre, R) -> imp.SDF:
    """The capsule of one joint (L5 frame): a sleeve on both bones round the joint's margins,
    closed over the joint space between them.

    ``near`` (the nearer bone's distance, filleted where the two bones meet) is the height above
    the bones; ``far`` (the farther bone's) is how far a point on one bone lies from the other,
    i.e. from the joint's margin. The sleeve is the layer ``near`` in (clearance, clearance +
    thickness) where ``far`` is under the attachment distance, with a rounded lip where it ends;
    at the poles the layer's outer face bulges out (the recesses) and the attachment moves out.
    Along the joint line (``near`` from both bones alike, outside the joint space) the outer
    face dips into a groove.
    """
    up = R[:, 1]
    t = P.FACET_CAPSULE_THICKNESS
    limit = imp.ellipsoid(centre, P.FACET_CAPSULE_RADII, rotation=R)

    def f(p):
        a, b = l5(p), s1(p)
        near = imp._smin(a, b, P.FACET_JOINT_LINE_FILLET)  # filleted where they meet
        far = np.maximum(a, b)
        sup, inf = _pole_weight(p, centre, up)
        pole = np.maximum(sup, inf)
        reach = P.FACET_CAPSULE_ATTACHMENT + P.FACET_RECESS_EXTRA_REACH * pole
        # how far beyond the attachment (positive) or short of it (negative)
        beyond = np.maximum(far - reach, limit(p))
        # outside the joint space (0 in it, 1 a millimetre beyond its mouth)
        outside = np.clip((a + b - P.FACET_JOINT_SPACE - 0.3) / 1.0, 0.0, 1.0)
        # the recess: the sleeve's outer face lifted off the bone, most at the joint line, none
        # at the attachment
        lift = P.FACET_RECESS_BULGE * pole * outside * np.clip(1.0 - far / reach, 0.0, 1.0)
        # the groove along the joint line
        line = np.exp(-(((a - b) / P.FACET_JOINT_LINE_WIDTH) ** 2))
        groove = P.FACET_JOINT_LINE_DEPTH * outside * line
        h = near - P.FACET_CAPSULE_CLEARANCE + groove
        half = (t + lift) / 2  # the recess thickens the layer outwards: it never leaves the bone
        # a layer t thick ending in a round lip where it is attached
        return np.where(
            beyond > 0, np.hypot(beyond, np.abs(h - half)) - half, np.abs(h - half) - half
        )

    return f


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = _frame(normal)
        shape = capsule_sdf(l5, s1_distance_near(ctx, T, centre), centre, R)
        reach = max(P.FACET_CAPSULE_RADII) + 1.0
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
