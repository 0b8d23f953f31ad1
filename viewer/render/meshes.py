"""Loading the model's meshes and nerve centrelines for rendering."""

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


def mesh_path(structure_id: str, mesh_dir: Path | None = None, suffix: str = ".ply") -> Path:
    if mesh_dir is not None:
        return Path(mesh_dir) / f"{structure_id}{suffix}"
    return locations.mesh_file(structure_id, suffix)


def load_meshes(ids: Iterable[str], mesh_dir: Path | None = None) -> dict[str, pv.PolyData]:
    """Read ``<id>.ply`` for each id that has one; warn once, naming every missing id."""
    meshes: dict[str, pv.PolyData] = {}
    missing: list[str] = []
    for sid in ids:
        p = mesh_path(sid, mesh_dir)
        if not p.exists():
            missing.append(sid)
            continue
        mesh = pv.read(p)
        if mesh.n_cells == 0:
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
    p = mesh_path(structure_id, mesh_dir, ".centerline.npy")
    if not p.exists():
        return None
    pts = np.load(p, allow_pickle=False)
    return pts if pts.ndim == 2 and pts.shape[1] == 3 and len(pts) >= 2 else None
