"""Where a box lands in a perspective view: an oracle for the camera tests, written apart from
the code under test."""

from __future__ import annotations

import numpy as np

from viewer.scene.camera import VIEW_ANGLE_DEG, CameraPose


def corner_tangents(pose: CameraPose, bounds, aspect: float) -> np.ndarray:
    """For each corner of ``bounds``: how far out it lies in the view, as a share of the half
    width or half height (above 1: outside the picture)."""
    eye = np.asarray(pose.position, float)
    sight = np.subtract(pose.focal_point, eye)
    sight /= np.linalg.norm(sight)
    up = np.asarray(pose.view_up, float)
    up = up - up @ sight * sight
    up /= np.linalg.norm(up)
    right = np.cross(sight, up)
    b = np.asarray(bounds, float).reshape(3, 2)
    corners = np.array([[x, y, z] for x in b[0] for y in b[1] for z in b[2]]) - eye
    depth = corners @ sight
    tan_v = np.tan(np.radians(VIEW_ANGLE_DEG) / 2)
    return np.maximum(
        np.abs(corners @ up) / depth / tan_v, np.abs(corners @ right) / depth / (tan_v * aspect)
    )
