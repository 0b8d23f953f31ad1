"""Fixtures that load the built model (meshes/ plus the derived bones) once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import locations
from viewer.anatomy import meshio
from viewer.anatomy.structures import STRUCTURES

REFERENCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


class Model:
    """The built meshes, loaded lazily by id."""

    def __init__(self):
        self._cache = {}

    def mesh(self, structure_id: str):
        if structure_id not in self._cache:
            path = locations.mesh_file(structure_id)
            if not path.exists():
                pytest.fail(
                    f"{structure_id}: no mesh at {path}; run `python -m viewer.anatomy build`"
                )
            self._cache[structure_id] = meshio.read_mesh(path)
        return self._cache[structure_id]

    def centerline(self, structure_id: str):
        return meshio.read_centerline(locations.mesh_file(structure_id, ".centerline.npy"))

    def ids(self):
        return [s.id for s in STRUCTURES]


@pytest.fixture(scope="session")
def model() -> Model:
    return Model()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not (REFERENCE_DIR / "meshes").is_dir():
        pytest.skip(
            f"reference meshes not found at {REFERENCE_DIR} (they live in the project's "
            "shared folder beside the checkout, not on a user's machine)"
        )
    return REFERENCE_DIR
