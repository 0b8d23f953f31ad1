"""Implicit shapes: values one can check by hand."""

from __future__ import annotations

import numpy as np

from viewer.anatomy.implicit import union_near_samples


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
