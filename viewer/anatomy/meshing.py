"""Meshing: a signed distance field (:mod:`viewer.anatomy.implicit`) sampled on a grid and turned
into a closed, smooth, decimated triangle mesh, which is checked before it is handed on.

Marching cubes (scikit-image), Taubin smoothing (trimesh) and quadric decimation
(fast-simplification) are deterministic on one machine, but decimation makes discrete choices
that the last bits of its input decide: on another processor the same shape may decimate into
other triangles, and now and then into a fold (two triangles back to back) that leaves the mesh
open. So every mesh made here is checked (:func:`is_closed`: watertight, consistently wound,
outward, and in one piece where asked) and, when a decimation fails the check, it is redone
deterministically with other settings: another aggressiveness and slightly lower targets, then a
repair of folded pairs, then the whole grid at a slightly different voxel size. A shape that
cannot be meshed closed raises :class:`MeshingError`: a build never writes an open mesh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import fast_simplification
import numpy as np
import trimesh
from skimage.measure import marching_cubes

from . import perturbation
from .implicit import SDF

Bounds = Sequence[Sequence[float]] | Sequence[np.ndarray] | np.ndarray

#: voxel sizes tried in turn, relative to the one asked for, when no decimation comes out closed
VOXEL_RETRIES = (1.0, 1.04, 0.96, 1.08)
#: fast-simplification's aggressiveness: each value collapses edges in another order
DECIMATION_AGGRESSIVENESS = (7.0, 6.0, 8.0, 5.0)
#: decimation targets tried with each aggressiveness, relative to the budget
TARGET_RETRIES = (1.0, 0.96, 0.92)
#: grid values closer to zero than this are moved off it (a value on the level set makes
#: degenerate, open triangles)
LEVEL_SET_GAP = 1e-5


class MeshingError(RuntimeError):
    """A shape that could not be meshed as a closed surface with any of the retries."""


def sample_grid(bounds: Bounds, voxel: float) -> tuple[np.ndarray, list[np.ndarray]]:
    """The grid covering ``bounds`` ((lo xyz), (hi xyz)) with two voxels to spare on each side.

    Returns
    -------
    lo : np.ndarray
        The grid's first corner.
    axes : list of np.ndarray
        The grid's coordinates along x, y and z (multiples of ``voxel``).
    """
    lo = np.floor(np.asarray(bounds[0], float) / voxel) * voxel - 2 * voxel
    hi = np.ceil(np.asarray(bounds[1], float) / voxel) * voxel + 2 * voxel
    axes = [np.arange(lo[i], hi[i] + voxel / 2, voxel) for i in range(3)]
    return lo, axes


def grid_points(axes: Sequence[np.ndarray]) -> np.ndarray:
    X, Y, Z = np.meshgrid(*axes, indexing="ij")
    return np.stack([X.ravel(), Y.ravel(), Z.ravel()], axis=1)


def linear_on_grid(axes: Sequence[np.ndarray], values: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """``values`` (sampled on the evenly spaced ``axes``, one per dimension) interpolated linearly
    at ``pts`` ((n, len(axes)), inside the grid): what scipy's ``RegularGridInterpolator`` gives,
    to rounding, in a fifth of its time (``ndimage.map_coordinates`` on the grid's indices; its
    index search is the slow part)."""
    from scipy import ndimage

    at = np.stack([(pts[:, i] - ax[0]) / (ax[1] - ax[0]) for i, ax in enumerate(axes)])
    return ndimage.map_coordinates(values, at, order=1, mode="nearest")


def linear_onto_grid(
    axes: Sequence[np.ndarray], values: np.ndarray, fine: Sequence[np.ndarray]
) -> np.ndarray:
    """``values`` (sampled on the evenly spaced ``axes``) interpolated trilinearly onto the grid
    of the axes ``fine`` (inside it), one axis at a time (trilinear interpolation is separable):
    the same values, to rounding, without a point array of the fine grid."""
    out = values
    for i, (ax, at) in enumerate(zip(axes, fine, strict=True)):
        u = (np.asarray(at, float) - ax[0]) / (ax[1] - ax[0])
        j = np.clip(np.floor(u).astype(int), 0, len(ax) - 2)
        w = np.clip(u - j, 0.0, 1.0)
        shape = [1, 1, 1]
        shape[i] = len(w)
        w = w.reshape(shape)
        out = np.take(out, j, axis=i) * (1.0 - w) + np.take(out, j + 1, axis=i) * w
    return out


# ---------------------------------------------------------------- checks and repairs
def is_closed(mesh: trimesh.Trimesh, one_piece: bool = True) -> bool:
    """True for a mesh the model may ship: watertight, consistently wound, outward (positive
    volume), not empty, and a single connected surface where ``one_piece``."""
    return bool(
        len(mesh.faces) > 0
        and mesh.is_watertight
        and mesh.is_winding_consistent
        and mesh.volume > 0
        and (not one_piece or mesh.body_count == 1)
    )


def oriented(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """``mesh`` with consistent, outward-facing triangles (in place; returned for chaining)."""
    trimesh.repair.fix_normals(mesh)
    if mesh.volume < 0:
        mesh.invert()
    return mesh


def without_folded_pairs(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """Drop triangles that come in back-to-back pairs on the same three vertices (decimating a
    thin sheet can fold one over), close the small holes that leaves, and keep the largest piece."""
    key = np.sort(mesh.faces, axis=1)
    _, inv, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    keep = counts[inv.ravel()] == 1
    out = trimesh.Trimesh(mesh.vertices, mesh.faces[keep], process=True)
    if not out.is_watertight:
        trimesh.repair.fill_holes(out)
    parts = out.split(only_watertight=False)
    if len(parts) > 1:
        out = max(parts, key=lambda m: len(m.faces))
    return oriented(out)


def smoothed(mesh: trimesh.Trimesh, iterations: int) -> trimesh.Trimesh:
    """A copy of ``mesh`` after ``iterations`` of Laplacian smoothing, which shrinks it: meant as
    Taubin's, but trimesh subtracts ``nu``, so -0.53 shrinks too. The meshes were tuned on it;
    :func:`taubin_smoothed` in its place moves nearly all of them (owed, stop 39)."""
    out = mesh.copy()
    if iterations:
        trimesh.smoothing.filter_taubin(out, lamb=0.5, nu=-0.53, iterations=iterations)
    return out


def taubin_smoothed(mesh: trimesh.Trimesh, iterations: int) -> trimesh.Trimesh:
    """A copy of ``mesh`` after ``iterations`` of Taubin smoothing (0.5 of the way to the
    neighbours' mean, then 0.53 back: little shrinkage)."""
    out = trimesh.Trimesh(np.array(mesh.vertices), np.array(mesh.faces), process=False)
    if iterations:
        trimesh.smoothing.filter_taubin(out, lamb=0.5, nu=0.53, iterations=iterations)
    return out


def decimated(mesh: trimesh.Trimesh, target_faces: int, aggressiveness: float) -> trimesh.Trimesh:
    """``mesh`` decimated by quadric error to about ``target_faces``, oriented (unchecked)."""
    v, f = fast_simplification.simplify(
        np.asarray(mesh.vertices, np.float32),
        np.asarray(mesh.faces, np.int32),
        target_reduction=1.0 - target_faces / len(mesh.faces),
        agg=aggressiveness,
    )
    return oriented(trimesh.Trimesh(np.asarray(v, np.float64), f, process=True))


def closed_decimation(
    mesh: trimesh.Trimesh, target_faces: int | None, one_piece: bool = True
) -> trimesh.Trimesh | None:
    """``mesh`` (closed) decimated to at most ``target_faces``, closed; None when none of the
    retries (:data:`DECIMATION_AGGRESSIVENESS` x :data:`TARGET_RETRIES`, each also with folded
    pairs repaired) comes out closed. A mesh already within the budget is only oriented."""
    if not target_faces or len(mesh.faces) <= target_faces:
        out = oriented(mesh.copy())
        return out if is_closed(out, one_piece) else None
    for aggressiveness in DECIMATION_AGGRESSIVENESS:
        for share in TARGET_RETRIES:
            out = decimated(mesh, int(target_faces * share), aggressiveness)
            if len(out.faces) <= target_faces and is_closed(out, one_piece):
                return out
            repaired = without_folded_pairs(out)
            if len(repaired.faces) <= target_faces and is_closed(repaired, one_piece):
                return repaired
    return None


def least_folded_decimation(
    mesh: trimesh.Trimesh, target_faces: int, fold_limit: float
) -> trimesh.Trimesh | None:
    """``mesh`` (closed) decimated to about ``target_faces`` the way (of the retries of
    :func:`closed_decimation`) that folds it least: the first closed result whose neighbouring
    triangles all turn under ``fold_limit`` degrees, else the closed one with the smallest such
    turn; None when none comes out closed. A thin part (a sheet's margin, a nerve's cut end) can
    come out of one decimation with a triangle turned over and out of another without."""
    best, best_fold = None, np.inf
    for aggressiveness in DECIMATION_AGGRESSIVENESS:
        for share in TARGET_RETRIES:
            out = decimated(mesh, int(target_faces * share), aggressiveness)
            if not is_closed(out):
                continue
            fold = float(np.degrees(out.face_adjacency_angles).max())
            if fold < fold_limit:
                return out
            if fold < best_fold:
                best, best_fold = out, fold
    return best


# ---------------------------------------------------------------- from a grid to a mesh
def surface(vol: np.ndarray, lo: np.ndarray, voxel: float, largest_only: bool) -> trimesh.Trimesh:
    """The zero level set of a sampled field (marching cubes), closed at the grid's border;
    only its largest piece where ``largest_only``. ``vol`` is changed in place."""
    vol[np.abs(vol) < LEVEL_SET_GAP] = LEVEL_SET_GAP
    # Close the volume at the grid border so the surface is always watertight.
    vol[0, :, :] = vol[-1, :, :] = voxel
    vol[:, 0, :] = vol[:, -1, :] = voxel
    vol[:, :, 0] = vol[:, :, -1] = voxel
    if vol.min() >= 0:
        raise MeshingError("shape is empty inside the given bounds")
    verts, faces, _, _ = marching_cubes(vol, level=0.0, spacing=(voxel, voxel, voxel))
    mesh = trimesh.Trimesh(verts + lo, faces, process=True)
    if largest_only:
        parts = mesh.split(only_watertight=False)
        if len(parts) > 1:
            mesh = max(parts, key=lambda m: len(m.faces))
    return mesh


def closed_mesh_from_volume(
    vol: np.ndarray,
    lo: np.ndarray,
    voxel: float,
    target_faces: int | None,
    smooth_iterations: int = 10,
    one_piece: bool = True,
    transform: np.ndarray | None = None,
) -> trimesh.Trimesh | None:
    """Marching cubes, smoothing and a checked decimation of a sampled field (negative inside);
    the mesh is moved by the 4x4 ``transform`` before smoothing. None when it cannot be made
    closed (see :func:`closed_decimation`)."""
    mesh = surface(perturbation.array(vol), lo, voxel, largest_only=one_piece)
    if transform is not None:
        mesh.apply_transform(transform)
    return closed_decimation(smoothed(mesh, smooth_iterations), target_faces, one_piece)


def _with_voxel_retries(
    sample: Callable[[float], tuple[np.ndarray, np.ndarray]],
    voxel: float,
    target_faces: int | None,
    smooth_iterations: int,
    one_piece: bool,
    transform: np.ndarray | None = None,
) -> trimesh.Trimesh:
    for scale in VOXEL_RETRIES:
        size = voxel * scale
        vol, lo = sample(size)
        out = closed_mesh_from_volume(
            vol, lo, size, target_faces, smooth_iterations, one_piece, transform
        )
        if out is not None:
            return out
    raise MeshingError(
        f"no closed mesh at voxel sizes {[round(voxel * s, 4) for s in VOXEL_RETRIES]} "
        f"for a budget of {target_faces} triangles"
    )


def mesh_sdf(
    f: SDF,
    bounds: Bounds,
    voxel: float = 0.7,
    target_faces: int | None = None,
    smooth_iterations: int = 10,
    largest_only: bool = True,
    chunk: int = 400_000,
) -> trimesh.Trimesh:
    """Mesh the zero level set of ``f`` inside ``bounds`` ((xmin,ymin,zmin),(xmax,ymax,zmax)).

    Returns a closed, outward-oriented mesh (one piece where ``largest_only``); ``target_faces``
    decimates it (quadric error metric)."""

    def sample(size: float) -> tuple[np.ndarray, np.ndarray]:
        lo, axes = sample_grid(bounds, size)
        pts = perturbation.points(grid_points(axes))
        vals = np.empty(len(pts))
        for s in range(0, len(pts), chunk):
            vals[s : s + chunk] = f(pts[s : s + chunk])
        return vals.reshape(tuple(len(ax) for ax in axes)), lo

    return _with_voxel_retries(sample, voxel, target_faces, smooth_iterations, largest_only)


#: [constructed] :func:`mesh_sdf_along` samples its field first on a grid this many times
#: coarser, then exactly only where the interpolated value lies within this of zero, mm (well
#: beyond the interpolation's error, about the coarse voxel's diagonal)
ALONG_COARSE = 2
ALONG_BAND = 3.0


def mesh_sdf_along(
    f: SDF,
    path: np.ndarray,
    reach: float,
    voxel: float = 0.7,
    target_faces: int | None = None,
    smooth_iterations: int = 10,
) -> trimesh.Trimesh:
    """Mesh the zero level set of ``f``, a shape lying within ``reach`` mm of the polyline ``path``
    (a nerve, a muscle belly): only the voxels near the path are evaluated, so long thin shapes
    mesh quickly. Returns the largest closed piece, like :func:`mesh_sdf`."""
    c = np.asarray(path, float)
    seg = np.linalg.norm(np.diff(c, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])

    def sample(size: float) -> tuple[np.ndarray, np.ndarray]:
        lo, axes = sample_grid((c.min(axis=0) - reach, c.max(axis=0) + reach), size)
        shape = tuple(len(ax) for ax in axes)
        near = np.zeros(shape, bool)
        h = int(np.ceil(reach / size)) + 1
        step = max(reach / 2.0, size)
        t = np.linspace(0.0, s[-1], max(int(np.ceil(s[-1] / step)), 1) + 1)
        centres = np.stack([np.interp(t, s, c[:, i]) for i in range(3)], axis=1)
        for i, j, k in np.rint((centres - lo) / size).astype(int):
            near[
                max(i - h, 1) : i + h + 1, max(j - h, 1) : j + h + 1, max(k - h, 1) : k + h + 1
            ] = True
        near[-1, :, :] = near[:, -1, :] = near[:, :, -1] = False
        idx = np.nonzero(near)
        pts = lo + np.stack(idx, axis=1) * size
        vol = np.full(shape, size)
        # coarse to fine: ``f`` on a grid ALONG_COARSE times coarser over the near voxels (and a
        # margin), then exactly only where the interpolated value lies within ALONG_BAND of zero
        # (the surface's cells: their corners exact, so the mesh is the same); elsewhere its sign
        coarse = size * ALONG_COARSE
        c_axes = [np.arange(ax[0] - coarse, ax[-1] + 2 * coarse, coarse) for ax in axes]
        c_shape = tuple(len(ax) for ax in c_axes)
        c_near = np.zeros(c_shape, bool)
        hc = int(np.ceil(reach / coarse)) + 3
        for i, j, k in np.rint((centres - (lo - coarse)) / coarse).astype(int):
            c_near[
                max(i - hc, 0) : i + hc + 1,
                max(j - hc, 0) : j + hc + 1,
                max(k - hc, 0) : k + hc + 1,
            ] = True
        c_vals = np.full(c_shape, ALONG_BAND + coarse)
        c_idx = np.nonzero(c_near)
        c_pts = (lo - coarse) + np.stack(c_idx, axis=1) * coarse
        c_vals[c_idx] = f(perturbation.points(c_pts))
        rough = linear_on_grid(c_axes, c_vals, pts)
        exact = np.abs(rough) < ALONG_BAND
        vals = np.where(rough < 0.0, -ALONG_BAND, ALONG_BAND)
        vals[exact] = f(perturbation.points(pts[exact]))
        vol[idx] = vals
        return vol, lo

    return _with_voxel_retries(sample, voxel, target_faces, smooth_iterations, True)


def coarse_to_fine(
    f: SDF, axes: Sequence[np.ndarray], voxel: float, coarse_factor: int, within: float
) -> np.ndarray:
    """``f`` sampled on the grid of the axes ``axes`` (spaced ``voxel``), exactly only near its
    surface: first on a grid ``coarse_factor`` times coarser, then on the fine grid only where the
    interpolated coarse value lies within ``within`` (mm) of zero; elsewhere ``within`` with the
    interpolated value's sign. The surface's cells are exact as long as ``f``'s interpolation
    errs by well under ``within``."""
    shape = tuple(len(ax) for ax in axes)
    coarse = voxel * coarse_factor
    c_axes = [np.arange(ax[0] - coarse, ax[-1] + 2 * coarse, coarse) for ax in axes]
    c_shape = tuple(len(ax) for ax in c_axes)
    c_vals = f(perturbation.points(grid_points(c_axes))).reshape(c_shape)
    rough = linear_onto_grid(c_axes, c_vals, axes).ravel()
    near = np.flatnonzero(np.abs(rough) < within)
    ijk = np.unravel_index(near, shape)
    pts = np.stack([ax[i] for ax, i in zip(axes, ijk, strict=True)], axis=1)
    vals = np.where(rough < 0, -within, within)
    vals[near] = f(perturbation.points(pts))
    return vals.reshape(shape)


def mesh_sdf_banded(
    f: SDF,
    bounds: Bounds,
    voxel: float = 0.6,
    target_faces: int | None = None,
    smooth_iterations: int = 10,
    coarse_factor: int = 4,
    band: float = 2.0,
    transform: np.ndarray | None = None,
    blur: float = 0.0,
) -> trimesh.Trimesh:
    """Like :func:`mesh_sdf`, but evaluates ``f`` finely only near its surface: first on a grid
    ``coarse_factor`` times coarser, then on the fine grid only where the interpolated coarse
    value lies within ``band`` coarse voxels of zero (elsewhere its sign is kept). Much faster for
    shapes with many parts; exact where the surface is, as long as ``f`` is a reasonable distance
    (its error under about ``band`` coarse voxels). ``transform`` (4x4) moves the mesh before it
    is smoothed and decimated (a shape meshed in its own frame). ``blur`` (mm): the sampled field
    is Gaussian-filtered so, rounding creases finer than the voxel (a thin shell's cut edges)
    that would fold once decimated."""
    from scipy.ndimage import gaussian_filter

    def sample(size: float) -> tuple[np.ndarray, np.ndarray]:
        lo, axes = sample_grid(bounds, size)
        vol = coarse_to_fine(f, axes, size, coarse_factor, band * size * coarse_factor)
        return (gaussian_filter(vol, blur / size) if blur else vol), lo

    return _with_voxel_retries(sample, voxel, target_faces, smooth_iterations, True, transform)
