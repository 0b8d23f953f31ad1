"""Flat-faced rounded primitives (superquadrics) for :mod:`viewer.anatomy.implicit`.

An ellipsoid or an elliptic cone reads as a balloon or a sausage: every section is an ellipse. Bone
processes have broad, nearly flat faces meeting in rounded edges; a superquadric with exponent
``power`` > 2 has them (2 is the ellipsoid; 3-4 a rounded box). Distances are first-order
(the level-set function over its gradient's length): exact on the surface, good for blending.
Everything is deterministic.
"""

from __future__ import annotations

import numpy as np

from .implicit import SDF, cone_coordinates


def _power_norm(parts: list[np.ndarray], power: float) -> np.ndarray:
    return np.sum([np.abs(u) ** power for u in parts], axis=0) ** (1.0 / power)


def superellipsoid(center, radii, power: float, rotation=None) -> SDF:
    """The solid ``sum |q_i / r_i| ** power <= 1`` (q in the axes given as the columns of
    ``rotation``): an ellipsoid at power 2, a rounded box as the power grows."""
    c = np.asarray(center, float)
    r = np.asarray(radii, float)
    R = np.eye(3) if rotation is None else np.asarray(rotation, float)
    n = float(power)

    def f(p):
        u = ((p - c) @ R) / r
        k = _power_norm([u[:, 0], u[:, 1], u[:, 2]], n)
        safe = np.maximum(k, 1e-9)
        # gradient of k with respect to q: k ** (1 - n) |u_i| ** (n - 1) sign(u_i) / r_i
        g = safe[:, None] ** (1.0 - n) * np.abs(u) ** (n - 1.0) * np.sign(u) / r
        gl = np.linalg.norm(g, axis=1)
        return np.where(gl > 1e-12, (k - 1.0) / np.maximum(gl, 1e-12), -r.min())

    return f


def superellipsoid_rounded_across(center, radii, power: float, power_across: float = 2.0) -> SDF:
    """The solid ``(|u_x| ** e + |u_y| ** e) ** (n / e) + |u_z| ** n <= 1`` (``u = (p - centre) /
    radii``, ``n = power``, ``e = power_across``): each horizontal section an ellipse at ``e`` 2,
    every vertical section through the axis a rounded rectangle at ``n`` > 2 (an oblong seen from
    the side or from behind with a border rounded across). The same as :func:`superellipsoid`
    where ``e`` = ``n``."""
    c = np.asarray(center, float)
    r = np.asarray(radii, float)
    n, e = float(power), float(power_across)

    def f(p):
        u = (p - c) / r
        a = np.maximum(np.abs(u[:, 0]) ** e + np.abs(u[:, 1]) ** e, 1e-12)
        k = (a ** (n / e) + np.abs(u[:, 2]) ** n) ** (1.0 / n)
        safe = np.maximum(k, 1e-9)
        lead = safe ** (1.0 - n)
        across = lead * a ** (n / e - 1.0)
        g = (
            np.column_stack(
                [
                    across * np.abs(u[:, 0]) ** (e - 1.0) * np.sign(u[:, 0]),
                    across * np.abs(u[:, 1]) ** (e - 1.0) * np.sign(u[:, 1]),
                    lead * np.abs(u[:, 2]) ** (n - 1.0) * np.sign(u[:, 2]),
                ]
            )
            / r
        )
        gl = np.linalg.norm(g, axis=1)
        return np.where(gl > 1e-12, (k - 1.0) / np.maximum(gl, 1e-12), -r.min())

    return f


def superelliptic_cone(a, b, half_widths, half_heights, power: float, up=(0.0, 0.0, 1.0)) -> SDF:
    """Like :func:`viewer.anatomy.implicit.elliptic_cone` (from ``a`` to ``b``, the half-axis
    along ``up`` going from ``half_heights[0]`` to ``[1]``, the other from ``half_widths[0]`` to
    ``[1]``) but with a superelliptic section of exponent ``power`` (a rounded rectangle: flat
    faces, not a sausage); the ends stay domed, as long as the cone's."""
    coordinates = cone_coordinates(a, b, half_widths, half_heights, up)
    n = float(power)

    def f(p):
        across, upward, along, rmin = coordinates(p)
        k = np.hypot(_power_norm([across, upward], n), along)
        return (k - 1.0) * rmin

    return f
