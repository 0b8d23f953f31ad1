"""Fixtures that load the built model (meshes/ plus the derived bones) once per test session."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import trimesh

from viewer import locations
from viewer.anatomy import meshio

REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


class Model:
    """The built meshes and centrelines, loaded lazily by id; a missing file fails the test."""

    def __init__(self) -> None:
        self._meshes: dict[str, trimesh.Trimesh] = {}
        self._centerlines: dict[str, np.ndarray] = {}

    def mesh(self, structure_id: str) -> trimesh.Trimesh:
        if structure_id not in self._meshes:
            path = locations.mesh_file(structure_id)
            if not path.exists():
                pytest.fail(
                    f"{structure_id}: no mesh at {path}; run `python -m viewer.anatomy build`"
                )
            self._meshes[structure_id] = meshio.read_mesh(path)
        return self._meshes[structure_id]

    def centerline(self, structure_id: str) -> np.ndarray:
        if structure_id not in self._centerlines:
            path = locations.mesh_file(structure_id, locations.CENTERLINE_SUFFIX)
            if not path.exists():
                pytest.fail(
                    f"{structure_id}: no centreline at {path}; run `python -m viewer.anatomy build`"
                )
            self._centerlines[structure_id] = meshio.read_centerline(path)
        return self._centerlines[structure_id]


@pytest.fixture(scope="session")
def model() -> Model:
    return Model()


@pytest.fixture(scope="session")
def lm() -> dict[str, np.ndarray]:
    """The derived bones' landmarks by name (``pelvis.landmarks()``, found once)."""
    from viewer.anatomy import pelvis

    return pelvis.landmarks()


@pytest.fixture(scope="session")
def reference_mesh(reference_dir: Path):
    """``reference_mesh(name)``: a reference bone of the shared folder (``<name>.ply``)."""

    def load(name: str) -> trimesh.Trimesh:
        return meshio.read_mesh(reference_dir / "meshes" / f"{name}.ply")

    return load


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not (REFERENCE_DIR / "meshes").is_dir():
        pytest.skip(
            f"reference meshes not found at {REFERENCE_DIR} (they live in the project's "
            "shared folder beside the checkout, not on a user's machine)"
        )
    return REFERENCE_DIR
