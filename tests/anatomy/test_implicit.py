"""Implicit shapes: values one can check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from tests.anatomy.tissue_geometry import inside
from viewer.anatomy.implicit import mesh_distance, union_near_samples


def test_a_union_near_samples_is_exact_near_its_surface_and_signed_away_from_it():
    centres = np.column_stack([np.linspace(0.0, 50.0, 101), np.zeros(101), np.zeros(101)])
    radius = 2.0 + 1.5 * np.sin(centres[:, 0] / 5.0)  # the bound alone is wrong near the surface

    def spheres(q, idx):
        return (np.linalg.norm(q[:, None, :] - centres[idx], axis=2) - radius[idx]).min(axis=1)

    f = union_near_samples(centres, float(radius.max()), spheres, k=8, chunk=7)
    rng = np.random.default_rng(0)
    p = rng.uniform([-10, -10, -10], [60, 10, 10], size=(2000, 3))
    exact = spheres(p, np.tile(np.arange(101), (len(p), 1)))
    got = f(p)
    near = np.abs(exact) < 1.0
    assert near.sum() > 50
    assert np.allclose(got[near], exact[near])
    assert np.array_equal(np.sign(got[~near]), np.sign(exact[~near]))
    assert np.all(got[~near] <= exact[~near] + 1e-9)  # a bound away from it, never beyond


@pytest.mark.parametrize("bone", ["sacrum_lower", "s1_segment", "l5_vertebra", "hip_bone_left"])
def test_a_mesh_distance_is_signed_like_the_bone_itself_all_round_it(model, bone):
    """Every soft tissue keeps clear of the bones by this field: a point outside a bone read as
    inside it (the nearest vertex across a thin ridge, its normal facing away) punched holes in
    the S1 root where it passed 12 mm from the back of the sacral canal's roof."""
    mesh = model.mesh(bone)
    lo, hi = mesh.bounds[0] - 15.0, mesh.bounds[1] + 15.0
    p = np.random.default_rng(1).uniform(lo, hi, size=(3000, 3))
    d = mesh_distance(mesh)(p)
    clear = np.abs(d) > 1.5  # the sampled field is within about a millimetre near the surface
    enclosed = inside(mesh, p[clear])
    assert enclosed.sum() > 20 and (~enclosed).sum() > 1000
    assert np.array_equal(d[clear] < 0.0, enclosed)
