"""Loading the model's meshes and nerve centrelines for rendering (where each file lives is
:mod:`viewer.locations`' business)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyvista as pv

from .. import locations

log = logging.getLogger(__name__)


class MissingMeshWarning(UserWarning):
    pass


def surface_file(structure_id: str, mesh_dir: Path | None = None) -> Path:
    """The surface file of a structure: in ``mesh_dir``, or where the app finds it."""
    if mesh_dir is not None:
        return locations.mesh_path(mesh_dir, structure_id)
    return locations.mesh_file(structure_id)


def centerline_file(structure_id: str, mesh_dir: Path | None = None) -> Path:
    """The centreline file of a nerve: in ``mesh_dir``, or where the app finds it."""
    if mesh_dir is not None:
        return locations.centerline_path(mesh_dir, structure_id)
    return locations.mesh_file(structure_id, locations.CENTERLINE_SUFFIX)


def load_meshes(ids: Iterable[str], mesh_dir: Path | None = None) -> dict[str, pv.PolyData]:
    """Read the surface of each id that has one; warn once, naming every missing id."""
    meshes: dict[str, pv.PolyData] = {}
    missing: list[str] = []
    for sid in ids:
        p = surface_file(sid, mesh_dir)
        mesh = pv.read(p) if p.exists() else None
        if not isinstance(mesh, pv.PolyData) or mesh.n_cells == 0:
            missing.append(sid)
            continue
        meshes[sid] = mesh
    if missing:
        warnings.warn(
            f"no mesh for {len(missing)} structure(s), not shown: {', '.join(missing)}",
            MissingMeshWarning,
            stacklevel=2,
        )
    return meshes


def load_centerline(structure_id: str, mesh_dir: Path | None = None) -> np.ndarray | None:
    """A nerve's centreline (N x 3, proximal to distal), or None without a usable file."""
    p = centerline_file(structure_id, mesh_dir)
    if not p.exists():
        return None
    pts = np.load(p, allow_pickle=False)
    return pts if pts.ndim == 2 and pts.shape[1] == 3 and len(pts) >= 2 else None
