"""Erector spinae's deep (anterior) face seen from the front (issue 8, s45 blind review: "an
unexplained V-shaped pocket on the front (deep) face"): lateral of the transverse process it rests
on the back of the posterior iliac crest, from whose medial lip iliocostalis arises, and runs on
laterally from it; it does not wrap forward round the crest's lateral face into a pocket (Gray's
Anatomy 42nd ed.; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9).
Measured on the built meshes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from tests.anatomy.test_back_muscles import sign
from viewer.vocabulary import SIDES


def front_depth(mesh, xs: np.ndarray, zs: np.ndarray) -> np.ndarray:
    """How far forward (y) ``mesh``'s front surface lies over the grid ``xs`` by ``zs``, mm (NaN
    where a ray from the front misses it)."""
    X, Z = np.meshgrid(xs, zs, indexing="ij")
    origins = np.column_stack([X.ravel(), np.full(X.size, 300.0), Z.ravel()])
    rays = np.tile([0.0, -1.0, 0.0], (len(origins), 1))
    loc, hit, _ = mesh.ray.intersects_location(origins, rays, multiple_hits=False)
    y = np.full(X.size, np.nan)
    y[hit] = loc[:, 1]
    return y.reshape(X.shape)


@pytest.mark.parametrize("side", SIDES)
def test_erector_spinae_deep_face_has_no_pocket_round_the_iliac_crest(model, lm, side):
    """Lateral of the PSIS (x' from 5 mm lateral of it), from 20 mm above it up to the top of
    L5, its deep face holds no pocket: filled by a closing with a disc of 25 mm radius (as a
    sheet laid on it from the front would bridge it), nowhere deeper than 1.5 mm. (Main at s45,
    its lateral wing wrapped forward round the crest's lateral face: a pocket 3 to 4 mm deep
    between it and the transverse process, the arm of the V the reviewers saw.)"""
    es = model.mesh(f"erector_spinae_{side}")
    psis = np.asarray(lm[f"psis_{side}"], float).reshape(-1)
    l5_top = model.mesh("l5_vertebra").bounds[1][2]
    s, step = sign(side), 1.0
    xs = np.arange(es.bounds[0][0], es.bounds[1][0], step)
    zs = np.arange(es.bounds[0][2], es.bounds[1][2], step)
    y = front_depth(es, xs, zs)
    seen = np.isfinite(y)
    r = 25
    jj, ii = np.mgrid[-r : r + 1, -r : r + 1]
    disc = ii**2 + jj**2 <= r * r
    pocket = ndimage.grey_closing(np.where(seen, y, -300.0), footprint=disc) - y
    X, Z = np.meshgrid(s * xs, zs, indexing="ij")
    region = (
        ndimage.binary_erosion(seen, iterations=5)
        & (X > s * psis[0] + 5.0)
        & (Z > psis[2] + 20.0)
        & (Z < l5_top)
    )
    deepest = float(pocket[region].max())
    at = np.unravel_index(np.where(region, pocket, -1.0).argmax(), pocket.shape)
    assert deepest <= 1.5, (
        f"a pocket {deepest:.1f} mm deep in its deep face at x' {X[at]:.0f}, z {Z[at]:.0f}"
    )
