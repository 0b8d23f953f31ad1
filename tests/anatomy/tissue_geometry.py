"""Measurements on built meshes shared by the soft-tissue tests (ligaments, joints, skin, conditions)."""

from __future__ import annotations

from typing import Any

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from viewer.anatomy.implicit import mesh_distance
from viewer.anatomy.structures import ids

BONES = tuple(ids("bones"))


_TREES: dict = {}


def _surface_tree(mesh: trimesh.Trimesh):
    """A KD-tree over dense surface samples (about 0.3 mm apart) of ``mesh``, made once."""
    key = id(mesh)
    if key not in _TREES:
        count = int(min(max(mesh.area / 0.08, 20_000), 1_200_000))
        pts = trimesh.sample.sample_surface(mesh, count, seed=0)[0]
        _TREES[key] = (mesh, cKDTree(np.vstack([pts, mesh.vertices])))
    return _TREES[key][1]


_SURFACES: dict = {}


def _vtk_surface(mesh: trimesh.Trimesh):
    """``mesh`` as VTK polydata and a cell locator over it, made once per mesh (its geometry
    only: the model's per-vertex attributes stay behind)."""
    import pyvista as pv
    from vtkmodules.vtkCommonDataModel import vtkCellLocator

    key = id(mesh)
    if key not in _SURFACES:
        surface = pv.wrap(trimesh.Trimesh(mesh.vertices, mesh.faces, process=False))
        locator = vtkCellLocator()
        locator.SetDataSet(surface)
        locator.BuildLocator()
        _SURFACES[key] = (mesh, surface, locator)
    return _SURFACES[key][1], _SURFACES[key][2]


def inside(mesh: trimesh.Trimesh, points) -> np.ndarray:
    """Which of ``points`` lie inside the closed ``mesh`` (VTK's enclosed-point test: rays cast
    through a cell locator, in C++; trimesh's own ``contains`` casts them in numpy and took most
    of the suite's geometry time). Points within about 1e-6 of the bounding box's diagonal of the
    surface may go either way."""
    import pyvista as pv
    from vtkmodules.vtkFiltersModeling import vtkSelectEnclosedPoints

    pts = np.asarray(points, float).reshape(-1, 3)
    if len(pts) == 0:
        return np.zeros(0, bool)
    select = vtkSelectEnclosedPoints()
    select.SetInputData(pv.PolyData(pts))
    select.SetSurfaceData(_vtk_surface(mesh)[0])
    select.SetTolerance(1e-6)
    select.Update()
    out = pv.wrap(select.GetOutput())["SelectedPoints"]
    return np.asarray(out, bool)


def ray_first_hit(mesh: trimesh.Trimesh, origins, dirs, reach: float) -> np.ndarray:
    """:func:`viewer.anatomy.geometry.first_hit` measured by VTK (a cell locator, in C++; the
    builder's trimesh rays are cast in numpy): the distance along each ray (``origins`` + t
    ``dirs``, unit directions) to its first crossing of ``mesh`` within ``reach``, nan where none."""
    from vtkmodules.vtkCommonCore import reference

    locator = _vtk_surface(mesh)[1]
    origins = np.asarray(origins, float).reshape(-1, 3)
    ends = origins + reach * np.asarray(dirs, float).reshape(-1, 3)
    out = np.full(len(origins), np.nan)
    t: Any = reference(0.0)  # (VTK's out-parameters: its stubs type them loosely)
    sub: Any = reference(0)
    x, pcoords = [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
    for n, (a, b) in enumerate(zip(origins, ends, strict=True)):
        if locator.IntersectWithLine(a, b, 1e-9, t, x, pcoords, sub) and float(t) > 0.0:
            out[n] = float(t) * reach
    return out


def exact_depth(mesh: trimesh.Trimesh, points) -> np.ndarray:
    """Exact distance from each of ``points`` to ``mesh``'s surface, positive inside it, negative
    outside (trimesh's ``signed_distance``, signed by :func:`inside`)."""
    pts = np.asarray(points, float).reshape(-1, 3)
    _, dist, _ = trimesh.proximity.closest_point(mesh, pts)
    return np.where(inside(mesh, pts), dist, -dist)


def deepest_inside(mesh: trimesh.Trimesh, points) -> float:
    """How deep the deepest of ``points`` lies inside ``mesh``: its exact distance to the surface
    (mm), 0.0 where none lies inside. The exact distance is found only for the points inside
    (trimesh's search is slow far from a surface: 59 s for the dural sac's 3,500 vertices against
    a ligamentum flavum)."""
    pts = np.asarray(points, float).reshape(-1, 3)
    enclosed = inside(mesh, pts)
    if not enclosed.any():
        return 0.0
    _, dist, _ = trimesh.proximity.closest_point(mesh, pts[enclosed])
    return float(dist.max())


def surface_distance(points: np.ndarray, meshes) -> np.ndarray:
    """Unsigned distance from each point to the nearest of ``meshes``' surfaces (to within about
    0.2 mm: measured against dense surface samples)."""
    points = np.asarray(points, float)
    out = np.full(len(points), np.inf)
    for m in meshes:
        out = np.minimum(out, _surface_tree(m).query(points)[0])
    return out


_FIELDS: dict = {}


#: surface sampling for the skin's signed distance (mm): its surface is 50 times a bone's, and
#: the tests on it ask for millimetres, not a tenth of one (1 mm: 1.5 s; 0.25 mm: 28 s)
SKIN_SPACING = 1.0


def signed_distance(mesh: trimesh.Trimesh, points: np.ndarray, spacing: float = 0.25) -> np.ndarray:
    """Signed distance (negative inside) from dense surface samples (``spacing`` mm apart)
    signed by their normals: far quicker than ray-casting containment on concave bones."""
    key = (id(mesh), spacing)
    if key not in _FIELDS:
        _FIELDS[key] = (mesh, mesh_distance(mesh, spacing))
    return _FIELDS[key][1](np.asarray(points, float))


#: a depth over this (mm) is confirmed by ray casting before it counts
CONFIRMED_DEPTH = 0.5


def depth_inside(points: np.ndarray, mesh: trimesh.Trimesh) -> np.ndarray:
    """How deep each point lies inside ``mesh`` (0 for points outside).

    The depth comes from the normal-signed distance; where that says deeper than
    ``CONFIRMED_DEPTH``, ray casting (:func:`inside`) must agree, or the point counts as
    outside: the sign read from the nearest sample's normal flips for a point whose nearest
    surface lies in a concave crease (a sacral foramen's or the median crest's edge) 10 mm away.
    """
    points = np.asarray(points, float)
    depth = np.zeros(len(points))
    lo, hi = mesh.bounds
    near = np.all((points > lo - 1) & (points < hi + 1), axis=1)
    if near.any():
        depth[near] = np.maximum(-signed_distance(mesh, points[near]), 0.0)
    deep = np.nonzero(depth > CONFIRMED_DEPTH)[0]
    if len(deep):
        depth[deep[~inside(mesh, points[deep])]] = 0.0
    return depth


def max_depth_in_bone(model, mesh: trimesh.Trimesh, bones=BONES) -> float:
    """The deepest any vertex of ``mesh`` lies inside any bone (mm)."""
    return float(max(depth_inside(mesh.vertices, model.mesh(b)).max() for b in bones))


def ends(mesh: trimesh.Trimesh, share: float = 0.03) -> tuple[np.ndarray, np.ndarray]:
    """The vertices at either end of an elongated mesh (extreme ``share`` along its long axis)."""
    v = mesh.vertices
    c = v.mean(axis=0)
    axis = np.linalg.svd(v - c, full_matrices=False)[2][0]
    t = (v - c) @ axis
    k = max(int(len(v) * share), 3)
    order = np.argsort(t)
    return v[order[:k]], v[order[-k:]]


def thickness_through_middle(mesh: trimesh.Trimesh) -> float:
    """Thickness of a sheet along its thinnest principal axis, through the middle of the sheet."""
    v = mesh.vertices
    c = v.mean(axis=0)
    axes = np.linalg.svd(v - c, full_matrices=False)[2]
    n = axes[2]
    # the middle of the sheet: project the centre onto the sheet along n
    origin = c - n * 100.0
    locs, _, _ = mesh.ray.intersects_location([origin], [n], multiple_hits=True)
    if len(locs) < 2:
        raise AssertionError("ray through the middle of the sheet misses it")
    t = np.sort((locs - origin) @ n)
    return float(t[1] - t[0])


def creased_share(mesh: trimesh.Trimesh, faces: np.ndarray, limit: float, radius: float) -> float:
    """The share of the area of ``faces`` (a boolean mask or indices) that lies on a crease: a
    face turned more than ``limit`` degrees from the area-weighted mean normal of the faces
    within ``radius`` mm of it (a square-cut edge creases the faces either side of it; a fillet
    or a rounded margin wider than ``radius`` does not). Read at the scale ``radius``, not
    edge by edge: a mesh's slivers fold sharply, but over too little area to be seen."""
    idx = np.flatnonzero(faces) if np.asarray(faces).dtype == bool else np.asarray(faces)
    centres, normals, areas = mesh.triangles_center, mesh.face_normals, mesh.area_faces
    near = cKDTree(centres).query_ball_point(centres[idx], radius)
    turned = np.empty(len(idx))
    for k, (i, nb) in enumerate(zip(idx, near, strict=True)):
        mean = (normals[nb] * areas[nb, None]).sum(axis=0)
        mean /= np.linalg.norm(mean)
        turned[k] = np.degrees(np.arccos(np.clip(normals[i] @ mean, -1.0, 1.0)))
    return float(areas[idx][turned > limit].sum() / areas[idx].sum())
