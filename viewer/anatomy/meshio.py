"""Reading and writing the model's meshes and nerve centrelines (no rendering, no Qt)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import trimesh


def ply_bytes(mesh: trimesh.Trimesh) -> bytes:
    """Binary little-endian PLY with float32 vertex normals; byte-for-byte deterministic."""
    clean = trimesh.Trimesh(
        vertices=np.asarray(mesh.vertices, dtype=np.float64),
        faces=np.asarray(mesh.faces, dtype=np.int64),
        process=False,
    )
    data = trimesh.exchange.ply.export_ply(clean, encoding="binary", vertex_normal=True)
    # trimesh writes a comment naming itself; drop it so the file depends on geometry alone.
    return data.replace(b"comment https://github.com/mikedh/trimesh\n", b"")


def write_mesh(mesh: trimesh.Trimesh, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ply_bytes(mesh))


def read_mesh(path: Path) -> trimesh.Trimesh:
    return trimesh.load(Path(path), file_type="ply", process=False, force="mesh")


def centerline_path(mesh_dir: Path, structure_id: str) -> Path:
    return Path(mesh_dir) / f"{structure_id}.centerline.npy"


def write_centerline(points: np.ndarray, path: Path) -> None:
    """A nerve's centreline: an (N, 3) float64 array of points in model millimetres, ordered
    proximal (spinal end) to distal."""
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(points, dtype=np.float64), allow_pickle=False)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_bytes(buf.getvalue())


def read_centerline(path: Path) -> np.ndarray:
    return np.load(Path(path), allow_pickle=False)
