"""The sacroiliac joints: the thin, ear-shaped (L-shaped) joint between the sacral and iliac
auricular surfaces, shown as the thin space its cartilage fills (the sacral and iliac layers are not
shown apart).

Each joint is the region between the two bones where they face each other closely (the sum of the
distances to the sacrum and to the ilium under ``SI_JOINT_REACH``; never thinner than
``SI_JOINT_MIN_SPACE``, so it has no holes where the mean bones nearly touch). Its faces are the
two bones' own surfaces, so it follows them and enters neither.

Its outline is the auricular surface's: the part of the sacrum that faces the ilium closely,
projected into the joint's plane, smoothed (``SI_JOINT_OUTLINE_SMOOTHING``) and cut at the level
that leaves the published joint surface area (``parameters.SI_JOINT_SURFACE_AREA``). On the mean
bones that is the ear's L: a narrow upper arm and a broad lower arm meeting in front (the closer the
bones face each other, the more a place counts). Where the bones part at the margin the joint is no
wider than the widest gap just inside (so it ends there instead of running into the wedge between
them), and its margin is rounded. Each side is fitted to its own bones (the sacrum is not exactly
symmetric). The thin margin is decimated the way that folds it least (:func:`_least_folded`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from scipy import ndimage

from ..vocabulary import SIDES
from . import implicit, meshing
from . import parameters as P
from .bone_fields import cut_where_near, distance, frame_matrix, mesh_in_frame, missing
from .build import Built
from .frame import unit as _unit
from .geometry import joined, subdivided

SACRUM = ("s1_segment", "sacrum_lower")
MAX_FACES = 3000
_PIXEL = 0.5  # [constructed] raster of the outline in the joint plane, mm
_BLEND = 1.5  # [constructed] within this of the margin the outline is the level line, mm
_SEARCH = 60.0  # [constructed] the auricular surface lies within this of its centre, mm
_GAP_REACH = 3.0  # [constructed] the joint's widest gap is looked for this far round a place, mm
_GAP_INSIDE = 1.0  # [constructed] the widest gap is read this far inside the margin, mm
_GAP_SLACK = 0.8  # [constructed] the joint may be this much wider than that, mm
_MARGIN_ROUNDING = 0.8  # [constructed] the joint's margin is rounded by this, mm
_SEAM_ROUNDING = 1.0  # [constructed] the sacrum's two pieces joined with this rounding, mm
_FOLD_LIMIT = 100.0  # [constructed] degrees between neighbouring triangles taken as unfolded


@dataclass(frozen=True)
class JointOutline:
    """The joint's outline in its plane: ``axes`` columns (anterior, cranial, normal from the
    sacrum to the ilium), ``origin``, and a signed 2D distance raster (negative inside)."""

    origin: np.ndarray
    axes: np.ndarray
    lo: np.ndarray
    sdf: np.ndarray
    gap: np.ndarray

    def plane(self, p: np.ndarray) -> np.ndarray:
        return (p - self.origin) @ self.axes[:, :2]

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """Signed distance to the outline (in the plane) for model-frame points."""
        ij = (self.plane(p) - self.lo) / _PIXEL
        return ndimage.map_coordinates(self.sdf, ij.T, order=1, mode="nearest")

    def widest(self, p: np.ndarray) -> np.ndarray:
        """The widest gap between the bones round the point's place in the plane, mm."""
        ij = (self.plane(p) - self.lo) / _PIXEL
        return ndimage.map_coordinates(self.gap, ij.T, order=1, mode="nearest")


def _smax(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Smooth maximum (intersection) of two fields, rounded over about ``k`` mm."""
    return -implicit._smin(-a, -b, k)


def _splat(ij: np.ndarray, values: np.ndarray, shape) -> np.ndarray:
    """``values`` at fractional pixel positions ``ij``, shared bilinearly among four pixels."""
    out = np.zeros(shape)
    base = np.floor(ij).astype(int)
    frac = ij - base
    for di in (0, 1):
        for dj in (0, 1):
            share = np.abs(1 - di - frac[:, 0]) * np.abs(1 - dj - frac[:, 1])
            i = np.clip(base[:, 0] + di, 0, shape[0] - 1)
            j = np.clip(base[:, 1] + dj, 0, shape[1] - 1)
            np.add.at(out, (i, j), values * share)
    return out


def _gap_map(q, gaps, facing, lo, shape) -> np.ndarray:
    """Raster of the widest gap between the bones near each place of the plane: the gaps at the
    sacral faces ``facing`` the ilium, averaged per pixel, their greatest within
    ``_GAP_REACH`` and carried outwards past the faces to the raster's edge."""
    ij = (q[facing] - lo) / _PIXEL
    total = _splat(ij, gaps[facing], shape)
    count = _splat(ij, np.ones(facing.sum()), shape)
    have = count > 0.05
    mean = np.where(have, total / np.maximum(count, 1e-12), 0.0)
    _, (i, j) = ndimage.distance_transform_edt(~have, return_indices=True)
    filled = mean[i, j]
    size = 2 * int(_GAP_REACH / _PIXEL) + 1
    return ndimage.gaussian_filter(ndimage.maximum_filter(filled, size), 1.0 / _PIXEL)


def _outline(centres, areas, weights, normals, near, centre, gaps) -> JointOutline:
    """The smoothed outline of the close-facing sacral faces holding the published area."""
    n = _unit((normals[near] * areas[near, None]).sum(axis=0))
    up = np.array([0.0, 0.0, 1.0]) - n[2] * n
    up = _unit(up)
    ant = np.cross(up, n)
    if ant[1] < 0:
        ant = -ant
    axes = np.column_stack([ant, up, np.cross(ant, up)])
    if axes[:, 2] @ n < 0:
        axes[:, 2] = -axes[:, 2]
    q = (centres - centre) @ axes[:, :2]
    lo = q[near].min(axis=0) - 8.0
    shape = np.ceil((q[near].max(axis=0) + 8.0 - lo) / _PIXEL).astype(int) + 1
    # area of close-facing sacral surface per pixel (shared bilinearly with the four nearest
    # pixels, so the density moves continuously with the faces), smoothed into a density
    dens = _splat((q[near] - lo) / _PIXEL, weights[near], shape)
    dens = ndimage.gaussian_filter(dens, P.SI_JOINT_OUTLINE_SMOOTHING / _PIXEL)
    # the level whose region holds the published area of close-facing surface
    held = ndimage.map_coordinates(dens, ((q[near] - lo) / _PIXEL).T, order=1, mode="nearest")
    order = np.argsort(-held)
    cum = np.cumsum(areas[near][order])
    k = int(np.searchsorted(cum, P.SI_JOINT_SURFACE_AREA.value))
    if k >= len(order) or held[order][k] <= 0.0:
        raise ValueError(f"only {cum[held[order] > 0].max():.0f} mm² of auricular surface found")
    level = held[order][k]
    raw = dens >= level
    labels, count = ndimage.label(raw)
    mask = raw
    if count > 1:  # the one piece holding most of the surface
        sizes = ndimage.sum(raw, labels, index=np.arange(1, count + 1))
        mask = labels == 1 + int(np.argmax(sizes))
    mask = ndimage.binary_fill_holes(mask)
    sdf = (ndimage.distance_transform_edt(~mask) - ndimage.distance_transform_edt(mask)) * _PIXEL
    # near the margin the outline is the density's own level line (interpolated between pixels,
    # so it moves continuously with the inputs rather than by whole pixels); away from it, and
    # round the pieces and holes dropped above, the pixel outline's distance
    grad = np.hypot(*np.gradient(dens, _PIXEL))
    level_line = (level - dens) / np.maximum(grad, 1e-12)
    w = np.clip(1.0 - np.abs(level_line) / _BLEND, 0.0, 1.0)
    w[ndimage.binary_dilation(raw != mask, iterations=int(2 * _BLEND / _PIXEL) + 2)] = 0.0
    sdf = w * level_line + (1.0 - w) * sdf
    # the gaps are read well inside the margin, where the bones still face each other
    inside = ndimage.map_coordinates(sdf, ((q - lo) / _PIXEL).T, order=1, mode="nearest")
    facing = near & ((normals @ axes[:, 2]) > 0.5) & (inside < -_GAP_INSIDE)
    return JointOutline(centre, axes, lo, sdf, _gap_map(q, gaps, facing, lo, shape))


def joint_space(ctx, side: str):
    """(sdf, outline): the joint of one side and its outline."""
    c_s = np.asarray(ctx.landmarks[f"auricular_surface_{side}"], float)
    c_i = np.asarray(ctx.landmarks[f"iliac_auricular_surface_{side}"], float)
    # the sacrum's two pieces joined smoothly, so the joint's sacral face has no crease where
    # they meet
    pieces = [distance(ctx, [s]) for s in SACRUM if s in ctx.built]

    def d_s(p):
        out = pieces[0](p)
        for piece in pieces[1:]:
            out = implicit._smin(out, piece(p), _SEAM_ROUNDING)
        return out

    d_i = distance(ctx, [f"hip_bone_{side}"])
    centre = (c_s + c_i) / 2
    reach = P.SI_JOINT_REACH

    sacrum = joined([ctx.mesh(s) for s in SACRUM if s in ctx.built])
    fine = subdivided(sacrum, 1.5)
    centres = fine.triangles_center
    close = np.linalg.norm(centres - centre, axis=1) < _SEARCH
    gap = np.full(len(centres), np.inf)
    gap[close] = d_i(centres[close])
    near = gap < reach
    # the closer the bones face each other, the more surely it is the auricular (cartilage) part
    # rather than the interosseous ligament's rougher ground behind it
    weight = fine.area_faces * np.clip(1.0 - gap / reach, 0.0, 1.0)
    outline = _outline(centres, fine.area_faces, weight, fine.face_normals, near, centre, gap)

    def joint(p):
        # between the two surfaces (|ds - di| <= ds + di), never thinner than SI_JOINT_MIN_SPACE
        ds, di = d_s(p), d_i(p)
        thick = np.maximum(ds + di, P.SI_JOINT_MIN_SPACE)
        # no wider than the widest gap round it: where the bones part at the margin the joint
        # ends instead of running into the wedge between them
        wide = ds + di - outline.widest(p) - _GAP_SLACK
        space = np.maximum(wide, np.abs(ds - di) / 2 - thick / 2)
        return _smax(space, outline(p), _MARGIN_ROUNDING)  # a rounded margin

    def slab(p):  # cheap bound: the outline, near the joint's plane
        return np.maximum(outline(p), np.abs((p - centre) @ outline.axes[:, 2]) - 15.0)

    return cut_where_near(slab, joint), outline


def _least_folded(mesh: trimesh.Trimesh, target_faces: int) -> trimesh.Trimesh:
    """``mesh`` decimated to ``target_faces`` the way (of meshing's retries) that folds the thin
    margin least: the first closed one whose neighbouring triangles all turn under
    ``_FOLD_LIMIT`` degrees, else the closed one with the smallest such turn."""
    best, best_fold = None, np.inf
    for aggressiveness in meshing.DECIMATION_AGGRESSIVENESS:
        for share in meshing.TARGET_RETRIES:
            out = meshing.decimated(mesh, int(target_faces * share), aggressiveness)
            if not meshing.is_closed(out):
                continue
            fold = float(np.degrees(out.face_adjacency_angles).max())
            if fold < _FOLD_LIMIT:
                return out
            if fold < best_fold:
                best, best_fold = out, fold
    if best is None:
        raise meshing.MeshingError("no closed decimation of the sacroiliac joint")
    return best


def sacroiliac_joint(ctx, side: str) -> trimesh.Trimesh:
    f, outline = joint_space(ctx, side)
    M = frame_matrix(outline.origin, outline.axes)
    hi = outline.lo + np.array(outline.sdf.shape) * _PIXEL
    bounds = ((*(outline.lo + 4.0), -15.0), (*(hi - 4.0), 15.0))
    fine = mesh_in_frame(f, M, bounds, voxel=0.35, target_faces=0, smooth_iterations=8)
    return _least_folded(fine, MAX_FACES)


def build(ctx) -> dict[str, Built]:
    if missing(ctx, SACRUM + ("hip_bone_left", "hip_bone_right")):
        return {}
    return {f"sacroiliac_joint_{s}": Built(sacroiliac_joint(ctx, s)) for s in SIDES}
