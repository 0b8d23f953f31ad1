"""Shared geometry for the soft tissue that wraps or spans bone (ligaments, joints, skin, conditions).

* :func:`distance`: the signed distance (mm, negative inside) to the union of built meshes; each
  mesh's field is made once per build and reused.
* :class:`Lumbosacral`: the axes of the L5-S1 motion segment read off the built bones and disc.
* :func:`mesh_in_frame`: mesh a shape on a grid aligned with a local frame (thin tilted bands need a
  fine grid only across their own extent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import trimesh

from . import implicit, meshing
from .frame import ANTERIOR, RIGHT

_CACHE: dict = {}


def _field(mesh: trimesh.Trimesh, spacing: float) -> implicit.SDF:
    key = (id(mesh), spacing)
    if key not in _CACHE or _CACHE[key][0] is not mesh:
        _CACHE[key] = (mesh, implicit.mesh_distance(mesh, spacing))
    return _CACHE[key][1]


def _box_gap(p: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Distance from each point to the box [lo, hi] (0 inside it)."""
    return np.linalg.norm(np.maximum(np.maximum(lo - p, p - hi), 0.0), axis=1)


def distance(ctx, ids: Sequence[str], spacing: float = 0.6) -> implicit.SDF:
    """Signed distance to the union of the structures ``ids`` that ``ctx`` holds (others skipped)."""
    meshes = [ctx.mesh(s) for s in ids if s in ctx.built]
    if not meshes:
        raise KeyError(f"none of {list(ids)} is built yet")
    fields = [_field(m, spacing) for m in meshes]
    if len(fields) == 1:
        return fields[0]
    boxes = [np.asarray(m.bounds, float) for m in meshes]

    def union(p: np.ndarray) -> np.ndarray:
        # A mesh's distance is at least that to its bounding box: it is looked up only for the
        # points its box is nearer than the nearest structure so far (the result is the same),
        # the structures nearest to the points asked first.
        gaps = [_box_gap(p, lo, hi) for lo, hi in boxes]
        centre = p.mean(axis=0, keepdims=True)
        order = np.argsort([_box_gap(centre, lo, hi)[0] for lo, hi in boxes], kind="stable")
        out = np.full(len(p), np.inf)
        for k in order:
            need = np.flatnonzero(gaps[k] < out)
            if len(need):
                out[need] = np.minimum(out[need], fields[k](p[need]))
        return out

    return union


def missing(ctx, required: Sequence[str]) -> list[str]:
    """The structures of ``required`` that ``ctx`` does not hold yet (a builder with missing inputs
    says so and builds nothing, so a partial model still builds)."""
    gone = [s for s in required if s not in ctx.built]
    if gone:
        import sys

        print(f"[build]   skipped: needs {', '.join(gone)}", file=sys.stderr, flush=True)
    return gone


def nearest_surface_point(mesh: trimesh.Trimesh, point) -> np.ndarray:
    """The point of ``mesh``'s surface closest to ``point``."""
    pts, _ = implicit.surface_samples(mesh, 0.3)
    p = np.asarray(point, float).reshape(1, 3)
    return pts[np.argmin(np.linalg.norm(pts - p, axis=1))]


def facing_surface_point(mesh: trimesh.Trimesh, point, spread: float) -> np.ndarray:
    """Where ``mesh``'s surface faces ``point``: the mean of its surface samples near the closest
    one, weighted down to nothing ``spread`` mm further off. Unlike
    :func:`nearest_surface_point` it moves continuously with the surface: the single nearest
    sample jumps by a sample's spacing when the mesh is tessellated otherwise (another machine)."""
    pts, _ = implicit.surface_samples(mesh, 0.3)
    d = np.linalg.norm(pts - np.asarray(point, float).reshape(1, 3), axis=1)
    w = np.clip(1.0 - (d - d.min()) / spread, 0.0, 1.0) ** 2
    return (w[:, None] * pts).sum(axis=0) / w.sum()


def cut_where_near(
    shape: implicit.SDF, costly: implicit.SDF, margin: float = 1.0, rounding: float = 0.0
) -> implicit.SDF:
    """max(shape, costly), evaluating ``costly`` only where ``shape`` is within ``margin`` of its
    surface or inside (the zero level is the same; far outside only ``shape`` is paid for); with
    ``rounding`` (mm) a smooth maximum, so the cut's rim is rounded rather than a crease."""

    def f(p):
        v = shape(p)
        m = v < margin + rounding
        if m.any():
            if rounding > 0.0:
                v[m] = -implicit.smooth_min(-v[m], -costly(p[m]), rounding)
            else:
                v[m] = np.maximum(v[m], costly(p[m]))
        return v

    return f


def frame_matrix(origin, axes: np.ndarray) -> np.ndarray:
    """4x4 taking local coordinates (along the columns of ``axes``) to the model frame."""
    M = np.eye(4)
    M[:3, :3] = axes
    M[:3, 3] = origin
    return M


def mesh_in_frame(
    f: implicit.SDF,
    M: np.ndarray,
    local_bounds,
    voxel: float,
    target_faces: int,
    smooth_iterations: int = 10,
) -> trimesh.Trimesh:
    """Mesh ``f`` (model frame) on a grid aligned with the local frame ``M`` (see frame_matrix).

    ``f`` is evaluated finely only near its surface (:func:`meshing.mesh_sdf_banded`), so it must
    be a reasonable distance there (bone distances and the shapes built from them are)."""
    g = implicit.transformed(f, np.linalg.inv(M))
    return meshing.mesh_sdf_banded(
        g,
        local_bounds,
        voxel=voxel,
        coarse_factor=3,
        smooth_iterations=smooth_iterations,
        target_faces=target_faces,
        transform=M,
    )


@dataclass(frozen=True)
class Lumbosacral:
    """Axes and levels of the L5-S1 segment, from the built L5, disc and S1 (model frame, mm).

    ``up`` is the S1 endplate normal, ``ant`` the anterior direction perpendicular to it in the
    mid-sagittal plane; levels ``s`` are measured along ``up`` from the disc centre ``centre``."""

    centre: np.ndarray
    up: np.ndarray
    ant: np.ndarray
    disc_top: float  # s of the L5 inferior endplate (disc's upper face) at the midline
    disc_bottom: float  # s of the S1 endplate
    disc_width: float  # left-right width of the disc
    disc_posterior: float  # a (along ant) of the disc's posterior margin at the midline
    disc_anterior: float
    l5_top: float  # s of the L5 superior endplate at the midline

    def s(self, p) -> np.ndarray:
        return (np.asarray(p) - self.centre) @ self.up

    def a(self, p) -> np.ndarray:
        return (np.asarray(p) - self.centre) @ self.ant

    def axes(self) -> np.ndarray:
        """Columns: right, anterior, up."""
        return np.column_stack([RIGHT, self.ant, self.up])

    @classmethod
    def from_context(cls, ctx) -> Lumbosacral:
        L = ctx.landmarks
        up = np.asarray(L["s1_endplate_normal"], float)
        up = up / np.linalg.norm(up)
        ant = ANTERIOR - (ANTERIOR @ up) * up
        ant /= np.linalg.norm(ant)
        dv = ctx.mesh("l5_s1_disc_annulus").vertices
        centre = np.asarray(L.get("l5_s1_disc_center", dv.mean(axis=0)), float).copy()
        centre[0] = 0.0
        mid = np.abs(dv[:, 0]) < 4.0
        da = (dv[mid] - centre) @ ant

        def s(name, fallback):
            return float((np.asarray(L[name], float) - centre) @ up) if name in L else fallback

        ds = (dv - centre) @ up
        return cls(
            centre=centre,
            up=up,
            ant=ant,
            disc_top=s("l5_inferior_endplate_center", float(ds.max())),
            disc_bottom=s("s1_endplate_center", float(ds.min())),
            disc_width=float(np.ptp(dv[:, 0])),
            disc_posterior=float(da.min()),
            disc_anterior=float(da.max()),
            l5_top=s("l5_superior_endplate_center", float(ds.max()) + 26.0),
        )
