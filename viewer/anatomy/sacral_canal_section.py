"""The sacral canal's cutter: a tube whose section is a flattened rounded triangle.

Gray's Anatomy 42nd ed., "Sacrum": the sacral canal is triangular in section, its base the backs
of the fused bodies, its apex behind under the median crest, and flattened (wider than deep)
below S1. An elliptical cutter left the S1/S2 section of ``sacrum_lower`` with a round hole for
the canal (blind review s43: "a punched hole"); this one leaves the flattened triangle.

Each ring is the rounded triangle: a triangle (its base ``SACRAL_CANAL_BASE_WIDTH`` times the
canal's width, in front, ``SACRAL_CANAL_BASE_FORWARD`` of its half-depth in front of the
centreline; its apex the half-depth behind) shrunk by a rounding radius
(``SACRAL_CANAL_CORNER_ROUNDING`` of the half-depth) and grown back round circles of that radius
(its corners rounded, its sides straight). Consecutive rings are hulled as
:func:`viewer.anatomy.sacral_carving.tube` does.
"""

from __future__ import annotations

import manifold3d
import numpy as np

from . import frame
from . import parameters as P
from .frame import unit

#: points on each rounded corner's arc
CORNER_POINTS = 8


def rounded_triangle(
    centre: np.ndarray, tangent: np.ndarray, half_width: float, half_depth: float
) -> np.ndarray:
    """Points round the canal's section at ``centre`` in the plane normal to ``tangent`` (down
    the canal): a flattened rounded triangle ``half_width`` across, its base in front (towards
    the pelvic surface: right x tangent, as the elliptical rings' depth axis)."""
    t = unit(tangent)
    side = unit(np.asarray(frame.RIGHT, float) - (frame.RIGHT @ t) * t)
    fwd = np.cross(side, t)
    base_y = P.SACRAL_CANAL_BASE_FORWARD * half_depth
    base_x = P.SACRAL_CANAL_BASE_WIDTH * half_width
    radius = P.SACRAL_CANAL_CORNER_ROUNDING * half_depth
    corners = np.array([[-base_x, base_y], [base_x, base_y], [0.0, -half_depth]])
    # each corner moved in towards the triangle's incentre by the radius over its half-angle's sine
    sides = np.linalg.norm(np.roll(corners, -1, axis=0) - np.roll(corners, 1, axis=0), axis=1)
    incentre = (sides[:, None] * corners).sum(0) / sides.sum()
    points = []
    for i, corner in enumerate(corners):
        a, b = corners[i - 1] - corner, corners[(i + 1) % 3] - corner
        half_angle = 0.5 * np.arccos(np.clip(unit(a) @ unit(b), -1.0, 1.0))
        inset = corner + unit(incentre - corner) * radius / np.sin(half_angle)
        # the arc spans the directions between the two sides' outward normals
        # (each side's outward normal: away from the incentre)
        n0, n1 = (unit(np.array([d[1], -d[0]])) for d in (a, b))
        n0, n1 = (n if n @ (corner - incentre) > 0 else -n for n in (n0, n1))
        th0, th1 = np.arctan2(n0[1], n0[0]), np.arctan2(n1[1], n1[0])
        span = (th1 - th0 + np.pi) % (2 * np.pi) - np.pi
        th = th0 + span * np.linspace(0.0, 1.0, CORNER_POINTS)
        points.append(inset + radius * np.c_[np.cos(th), np.sin(th)])
    xy = np.vstack(points)
    return np.asarray(centre, float) + xy[:, :1] * side + xy[:, 1:] * fwd


def canal_tube(
    points: np.ndarray,
    half_widths: np.ndarray,
    half_depths: np.ndarray,
    triangular: np.ndarray,
) -> manifold3d.Manifold:
    """The canal's cutter along ``points``: flattened rounded triangles where ``triangular``
    (below the top opening), elliptical rings above (the top opening, which the S1 laminae
    shape: :mod:`viewer.anatomy.sacral_tubercle`); consecutive rings hulled."""
    from .sacral_carving import _ring

    pts = np.asarray(points, float)
    tangents = np.gradient(pts, axis=0)
    right = np.asarray(frame.RIGHT, float)
    rings = [
        rounded_triangle(p, t, w, d) if tri else _ring(p, t, right, w, d)
        for p, t, w, d, tri in zip(pts, tangents, half_widths, half_depths, triangular, strict=True)
    ]
    hulls = [
        manifold3d.Manifold.hull_points(np.vstack([r0, r1]).astype(np.float64))
        for r0, r1 in zip(rings[:-1], rings[1:], strict=True)
    ]
    return manifold3d.Manifold.batch_boolean(hulls, manifold3d.OpType.Add)
