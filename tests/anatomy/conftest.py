"""Fixtures that load the built model (meshes/ plus the derived bones) once per test session."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

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
def lm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, np.ndarray]:
    """The derived bones' landmarks by name (``pelvis.landmarks()``): those their build kept beside
    the derived bones the suite reads, where that build was this code's; else found once per test
    run: under pytest-xdist one worker builds the bones for them and hands the others its answer
    (a whole derivation of the bones each, otherwise)."""
    from viewer import locations
    from viewer.anatomy import pelvis
    from viewer.anatomy.derived_landmarks import recorded_landmarks

    recorded = recorded_landmarks(locations.derived_mesh_dir())
    if recorded is not None:  # (kept by the build of the derived bones the suite reads)
        return recorded
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return pelvis.landmarks()
    shared = tmp_path_factory.getbasetemp().parent
    answer = shared / "pelvis_landmarks.npz"
    try:
        os.close(os.open(shared / "pelvis_landmarks.lock", os.O_CREAT | os.O_EXCL))
    except FileExistsError:  # another worker builds them: wait for its answer
        for _ in range(1200):
            if answer.exists():
                with np.load(answer) as found:
                    return {name: found[name] for name in found.files}
            time.sleep(0.5)
        return pelvis.landmarks()  # (that worker stopped: build them here)
    marks = pelvis.landmarks()
    partial = shared / "pelvis_landmarks.partial.npz"
    arrays: dict[str, Any] = dict(marks)
    np.savez(partial, **arrays)
    os.replace(partial, answer)
    return marks


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


@pytest.fixture(scope="session")
def joints(model: Model):
    """The facet joints' frames found on the built meshes (``find_joints`` of
    :mod:`tests.anatomy.test_facet_joints`), shared by the facet test files."""
    from tests.anatomy.test_facet_joints import find_joints

    return find_joints(model)
