"""What the eye sees of the full-resolution meshes: segments and rays cast through them.

One cell locator per mesh (made the first time a segment may cross that mesh's box, about 1-2 ms
per mesh) answers where a segment first meets the surface. The picker, the labels and the framing
all ask these questions of the full meshes, never of the coarse copies drawn while the model moves:
what is under a pixel, whether a point of a structure is in sight, what lies in front of a
structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import reference
from vtkmodules.vtkCommonDataModel import vtkGenericCell, vtkStaticCellLocator

#: a point counts as in sight when nothing lies on the segment from the eye to this far (mm) in
#: front of it: the surface it sits on must not hide it from itself, and a neighbour touching it
#: must lie clearly in front to count
SLACK_MM = 0.6
#: another surface this near behind a point along the ray (mm) lies on it: two surfaces made
#: apart on the same place (a condition shape grown from its structure, with the same tendon or
#: the same cut against a bone) differ by their meshing, and the depth test draws either; the
#: point shows its own surface only when every other lies clearly behind it (the sight slack)
COINCIDENT_MM = SLACK_MM
#: a segment passing this near (mm) a triangle meets it: a ray through exactly a vertex or an
#: edge (the sample points are vertices) must meet the surface there, whichever way the surface
#: happens to be triangulated around that point
HIT_TOLERANCE_MM = 1e-3
#: the lattice of :func:`lattice_points` is never finer than this (mm)
LATTICE_STEP_MM = 6.0


class SightLines:
    """Segments and rays through the meshes ``meshes`` (id -> surface, full resolution)."""

    def __init__(self, meshes: Mapping[str, pv.PolyData]):
        self.meshes = meshes
        self.ids = list(meshes)
        self._index = {sid: i for i, sid in enumerate(self.ids)}
        self._lo = np.array([np.asarray(m.bounds)[0::2] for m in meshes.values()]).reshape(-1, 3)
        self._hi = np.array([np.asarray(m.bounds)[1::2] for m in meshes.values()]).reshape(-1, 3)
        self._locators: dict[str, vtkStaticCellLocator] = {}
        self._t = reference(0.0)
        self._x = [0.0, 0.0, 0.0]
        self._pcoords = [0.0, 0.0, 0.0]
        self._sub = reference(0)
        self._cell_id = reference(0)
        self._cell = vtkGenericCell()

    def locator(self, sid: str) -> vtkStaticCellLocator:
        """The cell locator of ``sid``'s full mesh (made on first use)."""
        loc = self._locators.get(sid)
        if loc is None:
            mesh = self.meshes[sid]
            # the one PyVista made for ``find_closest_cell`` (the labels' surface anchors), if
            # made already: the same kind of locator on the same surface
            made = getattr(mesh, "__dict__", {}).get("_static_cell_locator")
            if isinstance(made, vtkStaticCellLocator) and made.GetDataSet() is mesh:
                loc = made
            else:
                loc = vtkStaticCellLocator()
                loc.SetDataSet(mesh)
                loc.BuildLocator()
            self._locators[sid] = loc
        return loc

    def build_all(self) -> None:
        for sid in self.ids:
            self.locator(sid)

    def _crossed(self, start: np.ndarray, end: np.ndarray, ids: Sequence[str]) -> list[str]:
        """Those of ``ids`` whose bounding box the segment crosses (slab test)."""
        if not ids:
            return []
        rows = [self._index[i] for i in ids if i in self._index]
        lo, hi = self._lo[rows] - 1e-3, self._hi[rows] + 1e-3
        d = end - start
        with np.errstate(divide="ignore", invalid="ignore"):
            inv = np.where(np.abs(d) > 1e-12, 1.0 / d, np.inf)
            t0 = (lo - start) * inv
            t1 = (hi - start) * inv
        # an axis the segment does not move along: inside the slab or never
        flat = np.abs(d) <= 1e-12
        inside = (start >= lo) & (start <= hi)
        tmin = np.where(flat, np.where(inside, -np.inf, np.inf), np.minimum(t0, t1))
        tmax = np.where(flat, np.where(inside, np.inf, -np.inf), np.maximum(t0, t1))
        enter = np.maximum(tmin.max(axis=1), 0.0)
        leave = np.minimum(tmax.min(axis=1), 1.0)
        return [self.ids[rows[k]] for k in np.flatnonzero(enter <= leave)]

    def _hit(self, sid: str, start, end) -> float | None:
        """Where (0..1 along the segment) it first meets ``sid``'s surface, or None."""
        # VTK's out-parameters are ``reference`` objects, which its type stubs do not know
        intersect: Any = self.locator(sid).IntersectWithLine
        t: Any = self._t
        if intersect(
            start,
            end,
            HIT_TOLERANCE_MM,
            t,
            self._x,
            self._pcoords,
            self._sub,
            self._cell_id,
            self._cell,
        ):
            return float(t)
        return None

    def first_hit(self, start, end, ids: Iterable[str]) -> tuple[str, float] | None:
        """The first of ``ids`` the segment ``start``-``end`` meets, and where (0..1), or None."""
        start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        best: tuple[str, float] | None = None
        for sid in self._crossed(start, end, list(ids)):
            t = self._hit(sid, start, end)
            if t is not None and (best is None or t < best[1]):
                best = (sid, t)
        return best

    def blocked(self, start, end, ids: Iterable[str]) -> bool:
        """Whether any of ``ids`` meets the segment ``start``-``end``."""
        start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        return any(
            self._hit(sid, start, end) is not None for sid in self._crossed(start, end, list(ids))
        )

    def in_sight(self, eye, point, ids: Iterable[str], slack: float = SLACK_MM) -> bool:
        """Whether ``point`` (on a surface) is seen from ``eye``: none of ``ids`` (the surfaces
        that hide what is behind them, its own included) lies on the way to it."""
        eye, point = np.asarray(eye, dtype=float), np.asarray(point, dtype=float)
        d = point - eye
        n = float(np.linalg.norm(d))
        if n <= slack:
            return True
        return not self.blocked(eye, point - d * (slack / n), ids)

    def in_front(self, eye, point, ids: Iterable[str], slack: float = SLACK_MM) -> set[str]:
        """Every one of ``ids`` that lies between ``eye`` and ``point``."""
        eye, point = np.asarray(eye, dtype=float), np.asarray(point, dtype=float)
        d = point - eye
        n = float(np.linalg.norm(d))
        if n <= slack:
            return set()
        end = point - d * (slack / n)
        return {
            sid
            for sid in self._crossed(eye, end, list(ids))
            if self._hit(sid, eye, end) is not None
        }

    def shows(
        self,
        eye,
        through,
        sid: str,
        ids: Iterable[str],
        beyond: float = 40.0,
        coincident: float = COINCIDENT_MM,
    ) -> bool:
        """Whether the pixel through which the eye sees ``through`` surely shows ``sid``: along
        the ray from ``eye`` through ``through`` (and ``beyond`` mm past it) the first surface
        met, of ``sid``'s and those of ``ids``, is ``sid``'s, and none of the others is met
        within ``coincident`` mm behind it (a surface lying on it: the pixel is a toss-up)."""
        eye, through = np.asarray(eye, dtype=float), np.asarray(through, dtype=float)
        d = through - eye
        n = float(np.linalg.norm(d))
        if n <= 0:
            return False
        far = eye + d * ((n + beyond) / n)
        t = self._hit(sid, eye, far)
        if t is None:
            return False
        # anything of another met before it, however close, is what the pixel shows; anything
        # met just behind it may be drawn over it
        stop = eye + (far - eye) * min(1.0, t + coincident / (n + beyond))
        return not self.blocked(eye, stop, [i for i in ids if i != sid])


def surface_samples(mesh: pv.PolyData, count: int = 160) -> tuple[np.ndarray, np.ndarray]:
    """About ``count`` points spread evenly over a surface, with their outward normals: one
    vertex per cell of a grid sized for that many (the same points however often asked)."""
    pts = np.asarray(mesh.points, dtype=float)
    if "Normals" in mesh.point_data:
        normals = np.asarray(mesh.point_data["Normals"], dtype=float)
    else:
        normals = np.asarray(mesh.point_normals, dtype=float)
    if len(pts) <= count:
        return pts.copy(), normals.copy()
    lo = pts.min(axis=0)
    # a surface of area A meets about A / cell^2 cells: start from the box's surface
    size = np.maximum(pts.max(axis=0) - lo, 1e-6)
    area = 2.0 * (size[0] * size[1] + size[1] * size[2] + size[0] * size[2])
    cell = float(np.sqrt(area / count))
    idx = np.arange(len(pts))
    for _ in range(6):
        cells = np.floor((pts - lo) / cell).astype(np.int64)
        n = cells.max(axis=0) + 1
        keys = cells[:, 0] + n[0] * (cells[:, 1] + n[1] * cells[:, 2])
        _, idx = np.unique(keys, return_index=True)
        if 0.7 * count <= len(idx) <= 1.4 * count:
            break
        cell *= float(np.sqrt(len(idx) / count))
    idx = np.sort(idx)
    return pts[idx], normals[idx]


def lattice_points(
    mesh: pv.PolyData, locator: vtkStaticCellLocator, count: int = 100, apart: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    """Points of a surface that do not depend on how it is triangulated, with their normals:
    the surface points nearest to a lattice of about ``count`` points over its bounding box,
    evenly spaced in every direction (a long, thin structure gets its points along its length),
    those closer than ``apart`` mm to one kept already dropped; each with the mean of its
    triangle's corner normals (smooth normals, themselves averaged over the faces around)."""
    b = np.asarray(mesh.bounds, dtype=float).reshape(3, 2)
    extent = np.maximum(b[:, 1] - b[:, 0], 1e-3)
    step = max(LATTICE_STEP_MM, float(np.prod(extent) / count) ** (1 / 3))
    per_axis = np.clip(np.round(extent / step), 1, 12).astype(int)
    axes = [np.linspace(lo, hi, n + 2)[1:-1] for (lo, hi), n in zip(b, per_axis, strict=True)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)
    closest = [0.0, 0.0, 0.0]
    cell_id, sub_id, dist2 = reference(0), reference(0), reference(0.0)
    find: Any = locator.FindClosestPoint
    points = np.empty_like(grid)
    cells = np.empty(len(grid), dtype=np.int64)
    for i, g in enumerate(grid):
        find(g, closest, cell_id, sub_id, dist2)
        points[i] = closest
        cells[i] = int(cell_id)
    near = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2) < apart
    free = np.ones(len(points), dtype=bool)
    kept: list[int] = []
    for i in range(len(points)):
        if free[i]:
            kept.append(i)
            free &= ~near[i]
    if "Normals" in mesh.point_data:
        vnormals = np.asarray(mesh.point_data["Normals"], dtype=float)
    else:
        vnormals = np.asarray(mesh.point_normals, dtype=float)
    corners = mesh.regular_faces[cells[kept]]
    normals = vnormals[corners].sum(axis=1)
    normals /= np.maximum(np.linalg.norm(normals, axis=1), 1e-9)[:, None]
    return points[kept], normals
