"""The sacroiliac joints: the thin, ear-shaped (L-shaped) joint between the sacral and iliac
auricular surfaces, shown as its two cartilage layers with the joint line between them.

Each joint is the region between the two bones where they face each other closely (the sum of the
distances to the sacrum and to the ilium under ``SI_JOINT_REACH``; never thinner than
``SI_JOINT_MIN_SPACE``, so it has no holes where the mean bones nearly touch). Its faces are the
two bones' own surfaces, so it follows them and enters neither.

Its outline is the auricular surface's: the part of the sacrum that faces the ilium closely,
projected into the joint's plane, smoothed (``SI_JOINT_OUTLINE_SMOOTHING``) and cut at the level
that leaves the published joint surface area (``parameters.SI_JOINT_SURFACE_AREA``). On the mean
bones that is the ear's L: a narrow upper arm and a broad lower arm meeting in front (the closer the
bones face each other, the more a place counts). Round its margin a groove
(``SI_JOINT_LINE_WIDTH`` wide, ``SI_JOINT_LINE_DEPTH`` deep) runs midway between the bones: the
joint line between the sacral and the iliac cartilage. Each side is fitted to its own bones (the
sacrum is not exactly symmetric).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from scipy import ndimage

from ..vocabulary import SIDES
from . import implicit
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


@dataclass(frozen=True)
class JointOutline:
    """The joint's outline in its plane: ``axes`` columns (anterior, cranial, normal from the
    sacrum to the ilium), ``origin``, and a signed 2D distance raster (negative inside)."""

    origin: np.ndarray
    axes: np.ndarray
    lo: np.ndarray
    sdf: np.ndarray

    def plane(self, p: np.ndarray) -> np.ndarray:
        return (p - self.origin) @ self.axes[:, :2]

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """Signed distance to the outline (in the plane) for model-frame points."""
        ij = (self.plane(p) - self.lo) / _PIXEL
        return ndimage.map_coordinates(self.sdf, ij.T, order=1, mode="nearest")


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


def _outline(centres, areas, weights, normals, near, centre) -> JointOutline:
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
    return JointOutline(centre, axes, lo, sdf)


def joint_space(ctx, side: str):
    """(sdf, outline): the joint of one side and its outline."""
    c_s = np.asarray(ctx.landmarks[f"auricular_surface_{side}"], float)
    c_i = np.asarray(ctx.landmarks[f"iliac_auricular_surface_{side}"], float)
    d_s = distance(ctx, SACRUM)
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
    outline = _outline(centres, fine.area_faces, weight, fine.face_normals, near, centre)

    def joint(p):
        # between the two surfaces (|ds - di| <= ds + di), never thinner than SI_JOINT_MIN_SPACE,
        # with the joint line: a groove midway between the bones round the margin
        ds, di = d_s(p), d_i(p)
        half = np.maximum((ds + di) / 2, P.SI_JOINT_MIN_SPACE / 2)
        space = np.maximum(ds + di - reach - 1.0, np.abs(ds - di) / 2 - half)
        rim = outline(p)
        # a V-shaped notch, widest at the margin, only where the joint is thick enough to show it
        depth = P.SI_JOINT_LINE_DEPTH
        width = P.SI_JOINT_LINE_WIDTH * np.clip((rim + depth) / depth, 0.0, 1.0)
        line = np.maximum.reduce(
            [np.abs(ds - di) / 2 - width / 2, -rim - depth, 2.0 * P.SI_JOINT_LINE_WIDTH - ds - di]
        )
        rounded = -implicit._smin(-space, -rim, 0.8)  # a rounded margin
        return np.maximum(rounded, -line)

    def slab(p):  # cheap bound: the outline, near the joint's plane
        return np.maximum(outline(p), np.abs((p - centre) @ outline.axes[:, 2]) - 15.0)

    return cut_where_near(slab, joint), outline


def sacroiliac_joint(ctx, side: str) -> trimesh.Trimesh:
    f, outline = joint_space(ctx, side)
    M = frame_matrix(outline.origin, outline.axes)
    hi = outline.lo + np.array(outline.sdf.shape) * _PIXEL
    bounds = ((*(outline.lo + 4.0), -15.0), (*(hi - 4.0), 15.0))
    return mesh_in_frame(f, M, bounds, voxel=0.35, target_faces=MAX_FACES, smooth_iterations=8)


def build(ctx) -> dict[str, Built]:
    if missing(ctx, SACRUM + ("hip_bone_left", "hip_bone_right")):
        return {}
    return {f"sacroiliac_joint_{s}": Built(sacroiliac_joint(ctx, s)) for s in SIDES}
