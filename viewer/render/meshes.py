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
from ..anatomy.mesh_validation import MeshFileError, read_centerline_checked, read_ply

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


def read_surface(path: Path) -> pv.PolyData:
    """One checked surface as PolyData (with the file's normals when it has them).

    Raises
    ------
    MeshFileError
        When the file is missing or damaged (checked by numpy before VTK sees it).
    """
    checked = read_ply(path)
    mesh = pv.PolyData.from_regular_faces(checked.vertices, checked.faces)
    if checked.normals is not None:
        mesh.point_data["Normals"] = checked.normals
        mesh.point_data.active_normals_name = "Normals"
    if checked.cut is not None:
        mesh.point_data["cut"] = checked.cut  # section caps (viewer.render.section_caps)
    return mesh


def load_meshes(ids: Iterable[str], mesh_dir: Path | None = None) -> dict[str, pv.PolyData]:
    """Read the surface of each id that has a sound one; warn once, naming every structure left
    out and why (missing, or the one-line reason a damaged file was refused)."""
    meshes: dict[str, pv.PolyData] = {}
    left_out: list[str] = []
    for sid in ids:
        try:
            meshes[sid] = read_surface(surface_file(sid, mesh_dir))
        except MeshFileError as exc:
            left_out.append(f"{sid} ({exc.reason})")
    if left_out:
        warnings.warn(
            f"{len(left_out)} structure(s) not shown: {'; '.join(left_out)}",
            MissingMeshWarning,
            stacklevel=2,
        )
    return meshes


def load_centerline(structure_id: str, mesh_dir: Path | None = None) -> np.ndarray | None:
    """A nerve's centreline (N x 3, proximal to distal), or None without a sound file."""
    try:
        return read_centerline_checked(centerline_file(structure_id, mesh_dir))
    except MeshFileError as exc:
        log.warning("centreline left out: %s", exc)
        return None
