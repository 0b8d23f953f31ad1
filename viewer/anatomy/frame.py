"""The model's one coordinate frame, stated once.

Every mesh, centreline, landmark and camera position in this project is in this frame:

* unit: millimetre;
* axes: RAS — +x towards the patient's right, +y anterior, +z superior;
* posture: standing, the sacrum set at the published mean sacral slope
  (``parameters.SACRAL_SLOPE``);
* origin: the centre of the superior endplate of S1.

Anything read from another frame (the reference meshes, OpenSim coordinates) is mapped into this one
in exactly one function of this module.
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from .parameters import OPENSIM_HIP_CENTER_RIGHT, OPENSIM_INTER_ASIS

RIGHT = np.array([1.0, 0.0, 0.0])
ANTERIOR = np.array([0.0, 1.0, 0.0])
SUPERIOR = np.array([0.0, 0.0, 1.0])

#: Mirror across the mid-sagittal plane (x -> -x): how a left structure is made from its right twin.
MIRROR_X = np.diag([-1.0, 1.0, 1.0, 1.0])


def unit(v) -> np.ndarray:
    """The vector ``v`` scaled to length 1."""
    v = np.asarray(v, float)
    return v / np.linalg.norm(v)


def side_sign(side: str) -> float:
    """+1 for the patient's right (+x), -1 for the left."""
    if side not in SIDES:
        raise ValueError(f"not a side: {side!r}")
    return 1.0 if side == "right" else -1.0


def mirror_points(points: np.ndarray) -> np.ndarray:
    """Reflect points across the mid-sagittal plane x = 0."""
    out = np.array(points, dtype=float, copy=True)
    out[..., 0] *= -1.0
    return out


def mirror_mesh(mesh):
    """A trimesh reflected across x = 0, faces flipped so it stays outward-facing."""
    import trimesh

    return trimesh.Trimesh(
        mirror_points(mesh.vertices), np.asarray(mesh.faces)[:, ::-1], process=False
    )


def opensim_pelvis_axes(landmarks) -> tuple[np.ndarray, np.ndarray, float]:
    """The OpenSim (gait2392 / Rajagopal) pelvis frame on *our* placed pelvis: origin (mm), axes
    (3x3, columns X anterior, Y superior, Z right, in model coordinates) and the scale from
    OpenSim's pelvis to ours.

    Origin midway between the ASIS, Z along the inter-ASIS line to the right, scale our
    inter-ASIS distance over gait2392's. X and Y turn about Z: starting from the ISB pelvis axes
    (X in the plane of the ASIS and the PSIS midpoint), they are tilted until gait2392's right hip
    centre lies in the direction of our right acetabulum centre. (gait2392's pelvis sits about 17
    degrees from the ISB axes of our pelvis; without the tilt its hip centre, sacrum and ischium
    land 30-80 mm off our bones.)"""
    asis_l = np.asarray(landmarks["asis_left"], float)
    asis_r = np.asarray(landmarks["asis_right"], float)
    psis_mid = (
        np.asarray(landmarks["psis_left"], float) + np.asarray(landmarks["psis_right"], float)
    ) / 2
    origin = (asis_l + asis_r) / 2
    z = asis_r - asis_l
    width = float(np.linalg.norm(z))
    z /= width
    x = origin - psis_mid
    x -= (x @ z) * z
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    hip = np.asarray(landmarks["acetabulum_center_right"], float) - origin
    tilt = np.arctan2(hip @ y, hip @ x) - np.arctan2(
        OPENSIM_HIP_CENTER_RIGHT[1], OPENSIM_HIP_CENTER_RIGHT[0]
    )
    x, y = np.cos(tilt) * x + np.sin(tilt) * y, -np.sin(tilt) * x + np.cos(tilt) * y
    return origin, np.column_stack([x, y, z]), width / OPENSIM_INTER_ASIS


def opensim_pelvis_to_model(points_mm, landmarks) -> np.ndarray:
    """Map OpenSim pelvis-frame coordinates (in mm; the files store metres, so multiply by 1000)
    into the model frame, onto our pelvis (see :func:`opensim_pelvis_axes`).

    ``landmarks`` are the pelvis landmarks (``ctx.landmarks`` or ``pelvis.landmarks()``: asis_*,
    psis_* and acetabulum_center_right). OpenSim gives right-side points (+Z right); negate Z for
    the left side before mapping. Points are scaled uniformly by the inter-ASIS ratio. Mapped
    points land near, not on, our bones (a different pelvis): snap attachments onto the surface."""
    origin, axes, scale = opensim_pelvis_axes(landmarks)
    p = np.asarray(points_mm, float)
    return origin + scale * (p @ axes.T)
