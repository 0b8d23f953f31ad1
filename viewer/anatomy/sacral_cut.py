"""Where the sacrum is divided into ``s1_segment`` and ``sacrum_lower``: along the S1/S2 fusion.

Across the bodies and the foramina the division is the plane of
:func:`viewer.anatomy.sacral_carving.carving` (square to the S1 axis, just below the S1 pelvic
foramina). Lateral to the foramina it turns up through S1's lateral mass: the S1 and S2 costal
elements fuse along a line that rises laterally, and the auricular surface spans S1 to S3, S1
holding its upper, short limb (Gray's Anatomy 42nd ed., "Sacrum"). One plane through the whole
bone would leave S1 the entire lateral mass, down to the lower end of the auricular surface (tall
blocks at the ends of the alae), and the lower sacrum only a thin wedge of it under the plane
(leaf-like flaps). So on each side the division turns up ``S1_S2_CUT_LATERAL_TURN`` from the
midline, rising at ``S1_S2_CUT_LATERAL_RISE`` degrees: three planes meeting in two folds, each
face of the section flat (evenly triangulated and drawn in the cut colour by :mod:`pelvis`).
"""

from __future__ import annotations

import manifold3d
import numpy as np

from . import frame
from . import parameters as P
from .frame import unit
from .sacral_carving import SacralCarving

#: [constructed] mm: the half-size of the box the division's upper side is taken within (far
#: larger than the sacrum)
_REACH = 200.0


def cut_planes(cut: SacralCarving) -> list[tuple[np.ndarray, np.ndarray]]:
    """The division's planes as (point, normal) pairs, normals pointing up into ``s1_segment``:
    the middle plane (``cut.cut_point``, ``cut.cut_normal``), then the right and the left one,
    each meeting the middle one in the fold ``S1_S2_CUT_LATERAL_TURN`` from the midline."""
    n = unit(np.asarray(cut.cut_normal, float))
    right = np.asarray(frame.RIGHT, float)
    right = unit(right - (right @ n) * n)
    k = float(np.tan(np.radians(P.S1_S2_CUT_LATERAL_RISE)))
    planes = [(np.asarray(cut.cut_point, float), n)]
    if P.S1_S2_CUT_LATERAL_RISE == 0.0:  # one plane through the whole bone
        return planes
    for side in (1.0, -1.0):
        point = cut.cut_point + side * P.S1_S2_CUT_LATERAL_TURN * right
        planes.append((point, unit(n - side * k * right)))
    return planes


def height_above_cut(cut: SacralCarving, points: np.ndarray) -> np.ndarray:
    """How far ``points`` lie above the division (mm; negative below it): the least of their
    heights above its three planes."""
    p = np.asarray(points, float)
    return np.min([(p - c) @ n for c, n in cut_planes(cut)], axis=0)


def on_section(cut: SacralCarving, points: np.ndarray, tolerance: float = 1e-3) -> np.ndarray:
    """Which ``points`` lie on one of the division's planes (within ``tolerance`` mm)."""
    p = np.asarray(points, float)
    return np.any([np.abs((p - c) @ n) < tolerance for c, n in cut_planes(cut)], axis=0)


def split(
    carved: manifold3d.Manifold, cut: SacralCarving
) -> tuple[manifold3d.Manifold, manifold3d.Manifold]:
    """The ``carved`` sacrum above the division (``s1_segment``) and below it (``sacrum_lower``):
    one cutter, the region above all three planes, so that the two parts share their section.
    Raises ``ValueError`` if an S1 tunnel would be cut by it."""
    s1_paths = np.vstack([t.path[:-1] for name, t in cut.tunnels.items() if name.startswith("s1")])
    radius = max(t.half_height for t in cut.tunnels.values())
    if height_above_cut(cut, s1_paths).min() < radius:
        raise ValueError("the S1/S2 division would cut an S1 foramen's tunnel")
    above = manifold3d.Manifold.cube([2 * _REACH] * 3, True).translate(
        np.asarray(cut.cut_point, float).tolist()
    )
    for point, normal in cut_planes(cut):
        above = above.trim_by_plane(normal.tolist(), float(point @ normal))
    return carved ^ above, carved - above
