"""The LLP26 evaluator reproduces the package's mean bone surfaces.

The reference meshes in ``shared/reference/meshes`` were evaluated from the same fields by another
implementation (11 samples per element edge for the pelvis, 9 for the femur, CT frame). Our
evaluator, sampled the same way, must give the same surfaces to well under 0.1 mm.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from viewer.anatomy import llp26


@pytest.fixture(scope="module")
def pelvis_parts():
    return llp26.pelvis_parts(divisions=11)


@pytest.mark.parametrize(
    "part, reference",
    [
        ("sacrum", "sacrum_mean_llp26"),
        ("hip_bone_left", "hip_bone_left_mean_llp26"),
        ("hip_bone_right", "hip_bone_right_mean_llp26"),
    ],
)
def test_pelvis_bones_match_reference(pelvis_parts, reference_mesh, part, reference):
    ours = pelvis_parts[part]
    ref = reference_mesh(reference)
    assert len(ours.faces) == len(ref.faces)
    # every sample of ours lies on a reference vertex and vice versa (the references are float32)
    assert cKDTree(ref.vertices).query(ours.vertices)[0].max() < 0.1
    assert cKDTree(ours.vertices).query(ref.vertices)[0].max() < 0.1


def test_femur_matches_reference(reference_mesh):
    ours = llp26.femur_left(divisions=9)
    ref = reference_mesh("femur_left_mean_llp26")
    assert cKDTree(ref.vertices).query(ours.vertices)[0].max() < 0.1
    assert cKDTree(ours.vertices).query(ref.vertices)[0].max() < 0.1


def test_evaluated_bones_are_closed_surfaces(pelvis_parts):
    """Element edges are stitched: each bone is one watertight surface, the hip bone with its
    obturator foramen (genus 1), the sacrum and femur without holes (genus 0)."""
    genus = {"sacrum": 0, "hip_bone_left": 1, "hip_bone_right": 1}
    for name, mesh in pelvis_parts.items():
        assert mesh.is_watertight and mesh.is_winding_consistent, name
        assert mesh.volume > 0, name
        assert 1 - mesh.euler_number // 2 == genus[name], name
    femur = llp26.femur_left(divisions=5)
    assert femur.is_watertight and femur.euler_number == 2


def test_basis_interpolates_its_nodes_and_sums_to_one():
    """Lagrange basis: weight 1 at its own node, 0 at the others, partition of unity inside."""
    rng = np.random.default_rng(0)
    for shape, orders in (
        ("quad", (3, 3)),
        ("quad", (4, 3)),
        ("quad", (4, 4)),
        ("simplex", (3, 3)),
        ("simplex", (4, 4)),
    ):
        nodes = llp26.local_nodes(shape, orders)
        assert np.allclose(llp26.basis(shape, orders, nodes), np.eye(len(nodes)), atol=1e-9)
        xi = rng.random((50, 2))
        if shape == "simplex":
            xi = xi[xi.sum(1) <= 1]
        assert np.allclose(llp26.basis(shape, orders, xi).sum(1), 1.0)
