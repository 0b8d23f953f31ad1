"""The tests' own measuring helpers (tests/anatomy/tissue_geometry.py) agree with trimesh's and the
builders' slower ones they replace."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from tests.anatomy.tissue_geometry import deepest_inside, exact_depth, inside, ray_first_hit
from viewer.anatomy.geometry import first_hit


def _shape() -> trimesh.Trimesh:
    """A non-convex closed surface: a box with a bite taken out of it."""
    box = trimesh.creation.box((40.0, 30.0, 20.0))
    bite = trimesh.creation.icosphere(subdivisions=3, radius=12.0)
    bite.apply_translation((20.0, 0.0, 0.0))
    return box.difference(bite)


def test_inside_and_exact_depth_agree_with_trimesh():
    mesh = _shape()
    points = np.random.default_rng(3).uniform(-25.0, 25.0, size=(2000, 3))
    enclosed = inside(mesh, points)
    assert 100 < enclosed.sum() < 1900
    assert np.array_equal(enclosed, mesh.contains(points))
    depth = exact_depth(mesh, points[:300])
    assert np.allclose(depth, trimesh.proximity.signed_distance(mesh, points[:300]), atol=1e-9)


def test_deepest_inside_is_the_largest_exact_depth_and_zero_outside():
    mesh = _shape()
    points = np.random.default_rng(5).uniform(-25.0, 25.0, size=(400, 3))
    depth = exact_depth(mesh, points)
    assert depth.max() > 1.0
    assert deepest_inside(mesh, points) == pytest.approx(depth.max(), abs=1e-9)
    outside = points[depth < 0.0]
    assert deepest_inside(mesh, outside) == 0.0


def test_ray_first_hit_agrees_with_the_builders_first_hit():
    mesh = _shape()
    rng = np.random.default_rng(4)
    dirs = rng.normal(size=(500, 3))
    dirs /= np.linalg.norm(dirs, axis=1)[:, None]
    origins = np.tile([-5.0, 0.0, 0.0], (500, 1))
    ours, theirs = ray_first_hit(mesh, origins, dirs, 15.0), first_hit(mesh, origins, dirs, 15.0)
    assert np.isnan(ours).sum() > 50 and np.isfinite(ours).sum() > 50  # some reach the wall
    assert np.array_equal(np.isnan(ours), np.isnan(theirs))
    assert np.nanmax(np.abs(ours - theirs)) < 1e-6
