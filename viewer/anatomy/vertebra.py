"""The L5 vertebra, placed on S1 across the L5-S1 disc, and its landmarks.

Its shape, a parametric implicit model, is :mod:`viewer.anatomy.vertebra_shape`. The bone is
built in the *L5 frame* (origin at the centre of the inferior endplate, +z along the body axis,
+y anterior, +x right) and moved into the model frame by :func:`l5_pose`: its inferior endplate
lies on the upper face of the L5-S1 disc, whose anterior and posterior heights
(``parameters.DISC_*``) tilt it back from the S1 endplate by the disc's wedge angle.

Landmarks published in ``ctx.landmarks`` (model frame, mm; normals are unit vectors):

* ``l5_inferior_endplate_center``, ``l5_inferior_endplate_normal`` (pointing down, towards S1),
  ``l5_superior_endplate_center``, ``l5_body_axis`` (unit, pointing up the body);
* ``l5_body_anterior_mid``, ``l5_body_posterior_mid``: the body's front and back surface at
  mid-height in the mid-sagittal plane;
* ``l5_spinous_tip``, ``l5_spinous_base`` (where the laminae meet, on the canal's roof);
* ``l5_lamina_left``/``_right``: the middle of each lamina's inner (canal-facing) surface;
* ``l5_transverse_tip_left``/``_right``; ``l5_pedicle_left``/``_right`` (pedicle centres);
* ``l5_inferior_facet_left``/``_right`` (centre of the facet surface) and
  ``l5_inferior_facet_normal_left``/``_right`` (facing anterolaterally, out of the bone);
* ``l5_superior_facet_left``/``_right`` (centre of the facet for L4);
* ``l5_canal_center`` (centre of the vertebral canal at pedicle height);
* ``l5_s1_foramen_left``/``_right``: centre of the L5-S1 intervertebral foramen (L5 pedicle above,
  S1 below, disc in front, facet joint behind), where the L5 root exits (a first estimate here;
  ``disc.py`` moves it to the roomiest point once the disc exists);
* ``lateral_recess_left``/``_right`` (published by ``disc.py``): the S1 root's path medial to the
  S1 pedicle, at disc level;
* ``l5_frame``: the 4x4 matrix taking L5-frame points into the model frame.

The disc's landmarks (``l5_s1_disc_center``, ``l5_s1_disc_posterolateral_left``/``_right``) are
published by ``disc.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..vocabulary import SIDES
from . import implicit as imp
from . import parameters as P
from .build import BuildContext, Built
from .frame import side_sign
from .geometry import part
from .vertebra_shape import (
    facet_geometry,
    facet_normal,
    l5_local_sdf,
    mesh_local,
    pedicle_axis,
    top_height,
)

BONE_ID = "l5_vertebra"


#: The part of the L5 frame (right side; mirrored for the left) where S1's superior articular
#: processes meet L5's inferior ones.
FACET_REGION = ((6.0, -46.0, -28.0), (38.0, -12.0, 10.0))


def s1_facet_distance(ctx: BuildContext, T: np.ndarray) -> imp.SDF | None:
    """Signed distance (L5 frame) to the S1 segment inside ``FACET_REGION`` on both sides, clamped
    to ±4 mm (+4, "far outside", everywhere else); None without S1. S1 is cropped 4 mm beyond
    the region so the crop's cut edges never come nearer than the distances that matter."""
    if "s1_segment" not in ctx.built:
        return None
    m = ctx.mesh("s1_segment").copy()
    m.apply_transform(np.linalg.inv(T))
    c = m.triangles_center
    lo, hi = np.asarray(FACET_REGION[0]), np.asarray(FACET_REGION[1])
    q = np.column_stack([np.abs(c[:, 0]), c[:, 1], c[:, 2]])
    keep = np.nonzero(np.all((q > lo - 4.0) & (q < hi + 4.0), axis=1))[0]
    if len(keep) == 0:
        return None
    reach = 4.0
    near = imp.mesh_distance(part(m, keep), spacing=0.5)

    def f(p):
        qp = np.column_stack([np.abs(p[:, 0]), p[:, 1], p[:, 2]])
        inside = np.all((qp > lo) & (qp < hi), axis=1)
        out = np.full(len(p), reach)
        if inside.any():
            d = np.minimum(near(p[inside]), reach)
            # L5 never lies deep inside S1: a point "deep inside" a cropped surface is behind it
            out[inside] = np.where(d < -reach, reach, d)
        return out

    return f


def placed_local_sdf(ctx: BuildContext, T: np.ndarray, s: P.L5Shape = P.L5_SHAPE) -> imp.SDF:
    """L5's shape in the L5 frame as placed: its inferior articular facets trimmed to lie
    ``FACET_JOINT_SPACE`` from S1's superior ones, so the two facets are congruent across an even
    joint space and no bone enters the other."""
    s1 = s1_facet_distance(ctx, T)
    if s1 is None:
        return l5_local_sdf(s)
    n = facet_normal(s.iap_facet_angle, True)
    reaching = replace(s, iap_center=tuple(np.asarray(s.iap_center) + P.FACET_IAP_SHIFT * n))
    return imp.smooth_subtract(0.8, l5_local_sdf(reaching), imp.offset(s1, P.FACET_JOINT_SPACE))


# ---------------------------------------------------------------- placement
def s1_endplate(landmarks: dict):
    """Centre and upward unit normal of the S1 superior endplate (from the pelvis builder; the
    frame's definition -- origin, sacral slope -- where it published none)."""
    c = np.asarray(landmarks.get("s1_endplate_center", np.zeros(3)), float)
    n = landmarks.get("s1_endplate_normal")
    if n is None:
        ss = np.radians(P.SACRAL_SLOPE.value)
        n = np.array([0.0, np.sin(ss), np.cos(ss)])
    n = np.asarray(n, float)
    return c, n / np.linalg.norm(n)


def l5_pose(ctx: BuildContext) -> np.ndarray:
    """4x4 matrix from the L5 frame into the model frame: the L5 inferior endplate lies on the
    disc's upper face, ``DISC_RIM_HEIGHT_ANTERIOR`` above the front of S1 and
    ``DISC_RIM_HEIGHT_POSTERIOR`` above its back, with its centre straight above the S1
    endplate's centre (no slip)."""
    c, n = s1_endplate(ctx.landmarks)
    right = np.array([1.0, 0.0, 0.0])
    ap = np.cross(n, right)  # anterior, in the S1 endplate plane
    ap /= np.linalg.norm(ap)
    half = P.DISC_AP_DEPTH / 2.0
    front = c + ap * half + n * P.DISC_RIM_HEIGHT_ANTERIOR
    back = c - ap * half + n * P.DISC_RIM_HEIGHT_POSTERIOR
    y = (front - back) / np.linalg.norm(front - back)
    z = np.cross(right, y)
    T = np.eye(4)
    T[:3, 0], T[:3, 1], T[:3, 2] = right, y, z
    T[:3, 3] = 0.5 * (front + back) + ap * P.DISC_L5_AP_OFFSET
    return T


def _apply(T, pts):
    pts = np.asarray(pts, float)
    return pts @ T[:3, :3].T + T[:3, 3]


# ---------------------------------------------------------------- landmarks
def _surface_point(mesh, origin, direction):
    """First hit of a ray on the mesh (the origin itself when it misses)."""
    loc, _, _ = mesh.ray.intersects_location([origin], [direction])
    if len(loc) == 0:
        return np.asarray(origin, float)
    d = (loc - origin) @ np.asarray(direction, float)
    loc, d = loc[d >= 0], d[d >= 0]
    return loc[np.argmin(d)] if len(loc) else np.asarray(origin, float)


def _spinous_base(mesh_local, canal):
    """Where the laminae meet in the midline, on the canal's roof: the highest level at which a
    ray straight back from the canal meets bone within 30 mm."""
    for z in np.arange(canal[2], canal[2] - 25.0, -0.5):
        o = np.array([0.0, canal[1], z])
        p = _surface_point(mesh_local, o, (0.0, -1.0, 0.0))
        if 0.0 < o[1] - p[1] < 30.0:
            return p
    return canal


def _rearmost(v: np.ndarray, spread: float = 0.5) -> np.ndarray:
    """The spinous tip: the middle of the rearmost stretch of the surface (the vertices weighted
    by how near they come to the rearmost, within about ``spread`` mm), at the rearmost depth. The
    process's posterior border is flat seen from behind (an oblong), so its single rearmost
    vertex is a near-tie over the border's height that another machine would break elsewhere."""
    w = np.exp(-(v[:, 1] - v[:, 1].min()) / spread)
    tip = (v * w[:, None]).sum(axis=0) / w.sum()
    tip[1] = v[:, 1].min()
    return tip


def local_landmarks(s: P.L5Shape, mesh_local) -> dict[str, np.ndarray]:
    """Right-side and midline landmarks in the L5 frame (left ones are their mirror images)."""
    yc = s.body_front_y - s.body_depth / 2.0
    back_y = s.body_front_y - s.body_depth
    h_mid = 0.5 * float(top_height(s, yc))
    v = mesh_local.vertices
    front, back = pedicle_axis(s)
    ped = 0.5 * (front + back)
    lam_mid = np.mean(np.asarray(s.lamina_corners, float), axis=0)
    canal = np.array([0.0, 0.5 * (back_y + lam_mid[1]), s.pedicle_z])
    facets = facet_geometry(s)
    tip_r = v[np.argmax(v[:, 0])]
    sp_tip = _rearmost(v)
    lm = {
        "l5_inferior_endplate_center": np.array([0.0, yc, 0.0]),
        "l5_superior_endplate_center": np.array([0.0, yc, float(top_height(s, yc))]),
        "l5_body_anterior_mid": _surface_point(mesh_local, (0.0, yc, h_mid), (0.0, 1.0, 0.0)),
        "l5_body_posterior_mid": _surface_point(mesh_local, (0.0, yc, h_mid), (0.0, -1.0, 0.0)),
        "l5_spinous_tip": sp_tip,
        "l5_spinous_base": _spinous_base(mesh_local, canal),
        "l5_canal_center": canal,
        "l5_lamina_right": _surface_point(mesh_local, canal, lam_mid - canal),
        "l5_transverse_tip_right": tip_r,
        "l5_pedicle_right": ped,
        "l5_inferior_facet_right": facets["inferior"][0],
        "l5_superior_facet_right": facets["superior"][0],
    }
    return lm


def publish_landmarks(
    ctx: BuildContext, T: np.ndarray, local: dict[str, np.ndarray], s: P.L5Shape
) -> None:
    L = ctx.landmarks
    for name, p in local.items():
        if name.endswith("_right"):
            base = name[: -len("_right")]
            L[name] = _apply(T, p)
            q = np.array(p, float)
            q[0] = -q[0]
            L[base + "_left"] = _apply(T, q)
        else:
            L[name] = _apply(T, p)
    R = T[:3, :3]
    L["l5_inferior_endplate_normal"] = -R[:, 2]
    L["l5_body_axis"] = R[:, 2].copy()
    n_inf = facet_geometry(s)["inferior"][1]
    L["l5_inferior_facet_normal_right"] = R @ n_inf
    L["l5_inferior_facet_normal_left"] = R @ (n_inf * [-1.0, 1.0, 1.0])
    L["l5_frame"] = T.copy()
    # The L5-S1 foramen: below the L5 pedicle, behind the disc and the lower back corner of the
    # body, in front of the facet joint; at the pedicle's lateral position.
    back_y = s.body_front_y - s.body_depth
    iap_front = facet_geometry(s)["inferior"][0][1]
    front, back = pedicle_axis(s)
    fx = 0.5 * (front[0] + back[0])
    fy = 0.5 * (back_y + iap_front)
    fz = s.pedicle_z - P.L5_PEDICLE_HEIGHT.value / 2.0 - P.FORAMEN_BELOW_PEDICLE
    for side in SIDES:
        sx = side_sign(side)
        L[f"l5_s1_foramen_{side}"] = _apply(T, (sx * fx, fy, fz))


def _articular_surface(mesh_local, s1: imp.SDF, side: float, s: P.L5Shape):
    """Centre and outward normal of the L5 inferior facet that faces S1: the patch of the surface
    within the joint space (plus a little) of S1, on one side (L5 frame)."""
    v = mesh_local.vertices
    n = mesh_local.vertex_normals
    near = (v[:, 0] * side > 5.0) & (v[:, 1] < -15.0) & (v[:, 2] < 8.0)
    idx = np.nonzero(near)[0]
    d = s1(v[idx])
    idx = idx[d < P.FACET_JOINT_SPACE + 0.8]
    if len(idx) < 10:
        return None
    c = v[idx].mean(axis=0)
    nm = n[idx].mean(axis=0)
    return c, nm / np.linalg.norm(nm)


def build(ctx: BuildContext) -> dict[str, Built]:
    s = P.L5_SHAPE
    T = l5_pose(ctx)
    local = mesh_local(s, placed_local_sdf(ctx, T, s))
    mesh = local.copy()
    mesh.apply_transform(T)
    publish_landmarks(ctx, T, local_landmarks(s, local), s)
    s1 = s1_facet_distance(ctx, T)
    if s1 is not None:  # the facet as it articulates, where S1 is there to articulate with
        for side in SIDES:
            sx = side_sign(side)
            found = _articular_surface(local, s1, sx, s)
            if found is not None:
                c, nm = found
                ctx.landmarks[f"l5_inferior_facet_{side}"] = _apply(T, c)
                ctx.landmarks[f"l5_inferior_facet_normal_{side}"] = T[:3, :3] @ nm
    return {BONE_ID: Built(mesh)}
