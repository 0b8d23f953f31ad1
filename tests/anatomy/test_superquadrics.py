"""Flat-faced primitives: values one can check by hand."""

from __future__ import annotations

import numpy as np

from viewer.anatomy.implicit import ellipsoid, elliptic_cone
from viewer.anatomy.superquadrics import (
    superellipsoid,
    superellipsoid_rounded_across,
    superelliptic_cone,
)


def _points(n: int = 4000) -> np.ndarray:
    return np.random.default_rng(0).uniform(-20.0, 20.0, size=(n, 3))


def test_at_power_two_they_are_the_ellipsoid_and_the_elliptic_cone():
    p = _points()
    radii = (6.0, 3.0, 2.0)
    assert np.array_equal(
        superellipsoid((1, 2, 3), radii, 2.0)(p) < 0, ellipsoid((1, 2, 3), radii)(p) < 0
    )
    args = ((1.0, 2.0, 3.0), (20.0, -5.0, 8.0), (6.0, 3.0), (4.0, 2.5))
    assert np.allclose(superelliptic_cone(*args, 2.0)(p), elliptic_cone(*args)(p))


def test_a_higher_power_fills_the_corners_of_its_box_with_flat_faces():
    # the section's corner (0.8, 0.8 of the half-axes) lies outside the ellipse, inside the box
    corner = np.array([[0.8 * 6.0, 0.8 * 3.0, 0.0]])
    assert superellipsoid((0, 0, 0), (6.0, 3.0, 2.0), 2.0)(corner)[0] > 0
    assert superellipsoid((0, 0, 0), (6.0, 3.0, 2.0), 4.0)(corner)[0] < 0
    # a flat face: at power 8 the surface over the middle 60 % of a face stays within 3 % of it
    u = np.linspace(-0.3, 0.3, 13)
    face = np.column_stack([u * 6.0, np.full_like(u, 3.0), np.zeros_like(u)])
    assert np.all(np.abs(superellipsoid((0, 0, 0), (6.0, 3.0, 2.0), 8.0)(face)) < 0.03 * 3.0)


def test_the_distance_is_exact_on_the_axes_and_its_ends_stay_domed():
    f = superelliptic_cone((0, 0, 0), (0, 0, 30.0), (5.0, 5.0), (3.0, 3.0), 3.0, up=(0, 1, 0))
    # across the width 2 mm outside, along up 1 mm inside, 2 mm past the far end on the axis
    values = f(np.array([[7.0, 0.0, 15.0], [0.0, 2.0, 15.0], [0.0, 0.0, 32.0]]))
    assert np.allclose(values, [2.0 * 3.0 / 5.0, -1.0, 2.0 - 3.0], atol=1e-9)


def test_rounded_across_is_an_ellipse_above_and_a_rounded_box_from_the_side():
    """Rounded across: each horizontal section an ellipse, each vertical one through its axis a
    rounded box; the plain superellipsoid where both powers agree."""
    p = np.random.default_rng(0).normal(0.0, 5.0, (500, 3))
    same = superellipsoid_rounded_across((0.0, 1.0, 2.0), (3.0, 4.0, 8.0), 4.0, 4.0)
    plain = superellipsoid((0.0, 1.0, 2.0), (3.0, 4.0, 8.0), 4.0)
    assert np.allclose(same(p), plain(p))
    f = superellipsoid_rounded_across((0.0, 0.0, 0.0), (3.0, 4.0, 8.0), 4.0)
    c = 1.0 / np.sqrt(2.0)
    on_ellipse = np.array([[3.0 * c, 4.0 * c, 0.0]])
    assert abs(f(on_ellipse)[0]) < 1e-6  # (a box's corner would stand out beyond it)
    corner = np.array([[0.0, 0.8 * 4.0, 0.8 * 8.0]])  # inside a power-4 box, outside the ellipse
    assert f(corner)[0] < 0.0
