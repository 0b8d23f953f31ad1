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

from .parameters import OPENSIM_INTER_ASIS

RIGHT = np.array([1.0, 0.0, 0.0])
ANTERIOR = np.array([0.0, 1.0, 0.0])
SUPERIOR = np.array([0.0, 0.0, 1.0])

#: Mirror across the mid-sagittal plane (x -> -x): how a left structure is made from its right twin.
MIRROR_X = np.diag([-1.0, 1.0, 1.0, 1.0])


def mirror_points(points: np.ndarray) -> np.ndarray:
    """Reflect points across the mid-sagittal plane x = 0."""
    out = np.array(points, dtype=float, copy=True)
    out[..., 0] *= -1.0
    return out


def mirror_mesh(mesh):
    """A trimesh reflected across x = 0, faces flipped so it stays outward-facing."""
    import trimesh

    return trimesh.Trimesh(mirror_points(mesh.vertices), np.asarray(mesh.faces)[:, ::-1],
                           process=False)


def opensim_pelvis_axes(landmarks) -> tuple[np.ndarray, np.ndarray, float]:
    """The OpenSim (gait2392 / Rajagopal) pelvis frame of *our* placed pelvis: origin (mm), axes
    (3x3, columns X anterior, Y superior, Z right, in model coordinates) and the scale from
    OpenSim's pelvis to ours.

    Built from the pelvis landmarks the way the frame is defined (ISB): origin midway between the
    ASIS, Z along the inter-ASIS line to the right, X anterior in the plane of the two ASIS and the
    PSIS midpoint, Y = Z x X superior. The scale is our inter-ASIS distance over gait2392's."""
    asis_l = np.asarray(landmarks["asis_left"], float)
    asis_r = np.asarray(landmarks["asis_right"], float)
    psis_mid = (np.asarray(landmarks["psis_left"], float)
                + np.asarray(landmarks["psis_right"], float)) / 2
    origin = (asis_l + asis_r) / 2
    z = asis_r - asis_l
    width = float(np.linalg.norm(z))
    z /= width
    x = origin - psis_mid
    x -= (x @ z) * z
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return origin, np.column_stack([x, y, z]), width / OPENSIM_INTER_ASIS


def opensim_pelvis_to_model(points_mm, landmarks) -> np.ndarray:
    """Map OpenSim pelvis-frame coordinates (in mm; the files store metres, so multiply by 1000)
    into the model frame, onto our pelvis.

    ``landmarks`` are the pelvis landmarks (``ctx.landmarks`` or ``pelvis.landmarks()``: needs
    asis_left/right and psis_left/right). OpenSim gives right-side points (+Z right); negate Z for
    the left side before mapping. Points are scaled uniformly by the inter-ASIS ratio."""
    origin, axes, scale = opensim_pelvis_axes(landmarks)
    p = np.asarray(points_mm, float)
    return origin + scale * (p @ axes.T)
