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
