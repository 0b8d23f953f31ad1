"""Reading and writing the model's meshes and nerve centrelines (no rendering, no Qt).

Where a structure's files live is :mod:`viewer.locations`' business; this module only turns a
mesh or a centreline into bytes and back. Writes are atomic: a reader (the app, a test, a second
build) sees either the old file or the new one, never half of one.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import trimesh

from ..locations import write_atomic


def ply_bytes(mesh: trimesh.Trimesh) -> bytes:
    """Binary little-endian PLY with float32 vertex normals; byte-for-byte deterministic.

    Parameters
    ----------
    mesh
        A triangle mesh; only its vertices and faces are written (and the normals computed from
        them), with the vertex attribute ``cut`` when it marks section caps.

    Returns
    -------
    bytes
        The file's contents, with nothing in them but geometry (no tool name, no date).
    """
    clean = trimesh.Trimesh(
        vertices=np.asarray(mesh.vertices, dtype=np.float64),
        faces=np.asarray(mesh.faces, dtype=np.int64),
        process=False,
    )
    found = mesh.vertex_attributes.get("cut")  # section caps (viewer.anatomy.section_caps)
    cut = None if found is None else np.asarray(found)
    if cut is not None and len(cut) == len(clean.vertices) and np.any(cut):
        clean.vertex_attributes["cut"] = np.asarray(cut, dtype=np.uint8)
    data = trimesh.exchange.ply.export_ply(clean, encoding="binary", vertex_normal=True)
    # trimesh writes a comment naming itself; drop it so the file depends on geometry alone.
    return data.replace(b"comment https://github.com/mikedh/trimesh\n", b"")


def centerline_bytes(points: np.ndarray) -> bytes:
    """A centreline as ``.npy`` bytes: an (N, 3) float64 array, no pickled objects."""
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(points, dtype=np.float64), allow_pickle=False)
    return buf.getvalue()


def index_bytes(index: np.ndarray) -> bytes:
    """A per-vertex index as ``.npy`` bytes: an (N,) int32 array, no pickled objects."""
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(index, dtype=np.int32), allow_pickle=False)
    return buf.getvalue()


def write_mesh(mesh: trimesh.Trimesh, path: Path) -> None:
    """Write ``mesh`` as a binary PLY (:func:`ply_bytes`) to ``path``, atomically."""
    write_atomic(path, ply_bytes(mesh))


def read_mesh(path: Path) -> trimesh.Trimesh:
    """Read a PLY mesh as written by :func:`write_mesh` (vertices and faces kept as stored, with
    its section caps' vertex attribute ``cut`` when it has one)."""
    mesh = trimesh.load(Path(path), file_type="ply", process=False, force="mesh")
    if not isinstance(mesh, trimesh.Trimesh):
        raise ValueError(f"{path}: not a triangle mesh")
    raw = mesh.metadata.get("_ply_raw", {}).get("vertex", {}).get("data")
    if raw is not None and "cut" in (raw.dtype.names or ()):
        mesh.vertex_attributes["cut"] = np.asarray(raw["cut"], dtype=np.uint8).ravel()
    return mesh


def write_centerline(points: np.ndarray, path: Path) -> None:
    """Write a nerve's centreline, an (N, 3) array of points in model millimetres ordered
    proximal (spinal end) to distal, to ``path`` atomically."""
    write_atomic(path, centerline_bytes(points))


def read_centerline(path: Path) -> np.ndarray:
    """Read a centreline written by :func:`write_centerline`."""
    return np.load(Path(path), allow_pickle=False)
