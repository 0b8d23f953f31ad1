"""Shape comparison of a built mesh against another surface (tests and the contact sheet).

* :func:`surface_distance`: against a reference bone in its own frame: similarity alignment
  (rotation, translation, uniform scale) by iterative closest points seeded from the principal
  axes, then the symmetric surface distance sampled both ways.
* :func:`gap_in_place` and :func:`polyline_gap`: two builds of the same structure, in the same
  frame (a rebuild against the committed meshes): no alignment.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import trimesh
from scipy.spatial import cKDTree


@dataclass(frozen=True)
class ShapeDistance:
    mean: float  # mean of both directions' point-to-surface distances, mm
    p95: float  # 95th percentile of the pooled distances, mm
    scale: float  # the uniform scale the alignment applied to the built mesh


def _principal_frame(points):
    c = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - c, full_matrices=False)
    return c, vt.T


def _similarity(src, dst):
    """Umeyama: the s, R, t minimising |s R src + t - dst|."""
    mu_s, mu_d = src.mean(0), dst.mean(0)
    a, b = src - mu_s, dst - mu_d
    U, S, Vt = np.linalg.svd(b.T @ a / len(src))
    D = np.eye(3)
    if np.linalg.det(U) * np.linalg.det(Vt) < 0:
        D[2, 2] = -1
    R = U @ D @ Vt
    s = np.trace(np.diag(S) @ D) / (a**2).sum(1).mean()
    return s, R, mu_d - s * R @ mu_s


def align(
    moving: np.ndarray,
    fixed: np.ndarray,
    iterations: int = 40,
    initial: np.ndarray | None = None,
    allow_scale: bool = True,
) -> np.ndarray:
    """Return a 4x4 similarity transform taking ``moving`` points onto ``fixed`` points.

    ``initial`` (4x4) skips the principal-axis search when the frames are already roughly known."""
    tree = cKDTree(fixed)
    starts = []
    if initial is not None:
        starts.append(np.asarray(initial, float))
    else:
        cm, am = _principal_frame(moving)
        cf, af = _principal_frame(fixed)
        for signs in itertools.product((1, -1), repeat=3):
            R = af @ np.diag(signs) @ am.T
            if np.linalg.det(R) < 0:
                continue
            T = np.eye(4)
            T[:3, :3] = R
            T[:3, 3] = cf - R @ cm
            starts.append(T)
    best, best_err = None, np.inf
    for T in starts:
        for _ in range(iterations):
            p = moving @ T[:3, :3].T + T[:3, 3]
            d, idx = tree.query(p)
            keep = d <= np.percentile(d, 95)
            s, R, t = _similarity(moving[keep], fixed[idx[keep]])
            if not allow_scale:
                s = 1.0
                _, R, t = _similarity(moving[keep], fixed[idx[keep]])
                t = fixed[idx[keep]].mean(0) - R @ moving[keep].mean(0)
            T = np.eye(4)
            T[:3, :3] = s * R
            T[:3, 3] = t
        err = tree.query(moving @ T[:3, :3].T + T[:3, 3])[0].mean()
        if err < best_err:
            best, best_err = T, err
    if best is None:
        raise ValueError("no alignment converged")
    return best


def surface_distance(
    built: trimesh.Trimesh,
    reference: trimesh.Trimesh,
    samples: int = 8000,
    seed: int = 0,
    initial: np.ndarray | None = None,
) -> ShapeDistance:
    """Align ``built`` to ``reference`` (similarity) and measure the surface distance both ways."""
    rng = np.random.default_rng(seed)
    a = trimesh.sample.sample_surface_even(built, samples, seed=rng.integers(1 << 31))[0]
    b = trimesh.sample.sample_surface_even(reference, samples, seed=rng.integers(1 << 31))[0]
    T = align(a[::3], b, initial=initial)
    # Distances measured against dense surface samples (spacing well under 0.5 mm).
    dense_ref = trimesh.sample.sample_surface(reference, 25 * samples, seed=1)[0]
    moved = built.copy()
    moved.apply_transform(T)
    dense_built = trimesh.sample.sample_surface(moved, 25 * samples, seed=2)[0]
    a2 = a @ T[:3, :3].T + T[:3, 3]
    d_ab = cKDTree(dense_ref).query(a2)[0]
    d_ba = cKDTree(dense_built).query(b)[0]
    pooled = np.concatenate([d_ab, d_ba])
    scale = float(np.cbrt(np.linalg.det(T[:3, :3])))
    return ShapeDistance(float(pooled.mean()), float(np.percentile(pooled, 95)), scale)


# ---------------------------------------------------------------- two builds, same frame
@dataclass(frozen=True)
class Gap:
    """How far apart two surfaces (or lines) lie, sampled both ways, mm."""

    mean: float
    max: float


def _distance_to_surface(mesh: trimesh.Trimesh, points: np.ndarray, k: int = 8) -> np.ndarray:
    """Exact distance from each point to ``mesh``.

    Fast path: the nearest of the triangles whose centres are the ``k`` nearest to the point
    (never less than the truth, and the truth for a point lying on a near-identical surface);
    where that is over :data:`EXACT_ABOVE`, the exact closest point is searched for."""
    tree = cKDTree(mesh.triangles_center)
    _, idx = tree.query(points, k=min(k, len(mesh.faces)))
    idx = idx.reshape(len(points), -1)
    tri = mesh.triangles[idx.ravel()]
    rep = np.repeat(points, idx.shape[1], axis=0)
    closest = trimesh.triangles.closest_point(tri, rep)
    d = np.linalg.norm(closest - rep, axis=1).reshape(idx.shape).min(axis=1)
    far = np.flatnonzero(d > EXACT_ABOVE)
    if len(far):
        d[far] = np.minimum(d[far], trimesh.proximity.closest_point(mesh, points[far])[1])
    return d


#: distances over this (mm) found by the fast path are checked exactly
EXACT_ABOVE = 0.005


def gap_in_place(a: trimesh.Trimesh, b: trimesh.Trimesh, samples: int = 6000, seed: int = 0) -> Gap:
    """Symmetric surface distance between ``a`` and ``b`` as they lie (no alignment): points
    sampled evenly by area on each, their distances to the other surface pooled."""
    pa = trimesh.sample.sample_surface(a, samples, seed=seed)[0]
    pb = trimesh.sample.sample_surface(b, samples, seed=seed + 1)[0]
    d = np.concatenate([_distance_to_surface(b, pa), _distance_to_surface(a, pb)])
    return Gap(float(d.mean()), float(d.max()))


def polyline_gap(a: np.ndarray, b: np.ndarray) -> Gap:
    """Symmetric distance between two polylines (each vertex of one to the segments of the
    other); their point counts may differ."""

    def to_segments(points: np.ndarray, line: np.ndarray) -> np.ndarray:
        p0, p1 = line[:-1], line[1:]
        seg = p1 - p0
        length2 = np.maximum((seg**2).sum(axis=1), 1e-18)
        rel = points[:, None, :] - p0[None]
        t = np.clip((rel * seg[None]).sum(axis=2) / length2[None], 0.0, 1.0)
        nearest = p0[None] + t[..., None] * seg[None]
        return np.linalg.norm(points[:, None, :] - nearest, axis=2).min(axis=1)

    a, b = np.asarray(a, float), np.asarray(b, float)
    d = np.concatenate([to_segments(a, b), to_segments(b, a)])
    return Gap(float(d.mean()), float(d.max()))
