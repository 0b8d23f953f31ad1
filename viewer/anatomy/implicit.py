"""Implicit modelling: signed distance fields (negative inside) and smooth blends.

A shape is a function ``f(points: (N, 3) array) -> (N,) array`` of signed distances in mm.
Primitives and operators here build such functions (and :func:`mesh_distance` one from a closed
mesh); :mod:`viewer.anatomy.meshing` turns one into a closed, smooth, decimated triangle mesh.
Everything is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import trimesh

SDF = Callable[[np.ndarray], np.ndarray]


# ---------------------------------------------------------------- primitives
def sphere(center, radius: float) -> SDF:
    c = np.asarray(center, float)
    return lambda p: np.linalg.norm(p - c, axis=1) - radius


def ellipsoid(center, radii, rotation=None) -> SDF:
    """Approximate SDF of an ellipsoid (exact on the axes; good enough for blending)."""
    c = np.asarray(center, float)
    r = np.asarray(radii, float)
    R = np.eye(3) if rotation is None else np.asarray(rotation, float)

    def f(p):
        q = (p - c) @ R  # into the ellipsoid's axes (columns of R)
        k0 = np.linalg.norm(q / r, axis=1)
        k1 = np.linalg.norm(q / (r * r), axis=1)
        return np.where(k1 > 1e-12, k0 * (k0 - 1.0) / np.maximum(k1, 1e-12), -r.min())

    return f


def round_cone(a, b, ra: float, rb: float) -> SDF:
    """A capsule between points a and b whose radius goes linearly from ra to rb."""
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    ba = b - a
    L2 = float(ba @ ba)

    def f(p):
        pa = p - a
        t = np.clip((pa @ ba) / max(L2, 1e-12), 0.0, 1.0)
        d = np.linalg.norm(pa - t[:, None] * ba, axis=1)
        return d - (ra + (rb - ra) * t)

    return f


def capsule(a, b, radius: float) -> SDF:
    return round_cone(a, b, radius, radius)


def box(center, half_sizes, rotation=None, rounding: float = 0.0) -> SDF:
    """A box (optionally with rounded edges), axes given as the columns of ``rotation``."""
    c = np.asarray(center, float)
    h = np.asarray(half_sizes, float) - rounding
    R = np.eye(3) if rotation is None else np.asarray(rotation, float)

    def f(p):
        q = np.abs((p - c) @ R) - h
        outside = np.linalg.norm(np.maximum(q, 0.0), axis=1)
        inside = np.minimum(q.max(axis=1), 0.0)
        return outside + inside - rounding

    return f


def halfspace(point, normal) -> SDF:
    """Everything on the side of the plane opposite to ``normal`` is inside."""
    c = np.asarray(point, float)
    n = np.asarray(normal, float)
    n = n / np.linalg.norm(n)
    return lambda p: (p - c) @ n


def tube(points, radii) -> SDF:
    """A smooth tube along a polyline, radius interpolated per vertex (nerves, muscle bellies)."""
    pts = np.asarray(points, float)
    rad = np.broadcast_to(np.asarray(radii, float), (len(pts),))
    parts = [round_cone(pts[i], pts[i + 1], rad[i], rad[i + 1]) for i in range(len(pts) - 1)]
    return union(*parts)


def surface_samples(mesh: trimesh.Trimesh, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Points on a closed ``mesh`` no further than ``spacing`` apart, with outward normals: the
    vertices (their own normals), points along every edge (the mean of its two faces' normals, so
    sharp edges sign right) and a barycentric grid inside every face (the face's normal)."""
    tri = mesh.triangles
    pts, nrm = [np.asarray(mesh.vertices)], [np.asarray(mesh.vertex_normals)]
    # edges
    e = mesh.face_adjacency_edges
    en = mesh.face_normals[mesh.face_adjacency].sum(axis=1)
    en /= np.maximum(np.linalg.norm(en, axis=1), 1e-12)[:, None]
    a, b = mesh.vertices[e[:, 0]], mesh.vertices[e[:, 1]]
    m = np.clip(np.ceil(np.linalg.norm(b - a, axis=1) / spacing), 1, 64).astype(int)
    for k in np.unique(m[m > 1]):
        sel = m == k
        t = np.arange(1, k)[None, :, None] / k
        pts.append((a[sel][:, None] + t * (b[sel] - a[sel])[:, None]).reshape(-1, 3))
        nrm.append(np.repeat(en[sel], k - 1, axis=0))
    # face interiors
    longest = np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2).max(axis=1)
    n = np.clip(np.ceil(longest / spacing), 1, 64).astype(int)
    for k in np.unique(n[n > 2]):
        sel = n == k
        i, j = np.array([(i, j) for i in range(1, k) for j in range(1, k - i)]).T
        bary = np.stack([i / k, j / k, 1.0 - (i + j) / k], axis=1)
        pts.append(np.einsum("mb,fbd->fmd", bary, tri[sel]).reshape(-1, 3))
        nrm.append(np.repeat(mesh.face_normals[sel], len(bary), axis=0))
    return np.vstack(pts), np.vstack(nrm)


#: below this many query points a KD-tree search runs on one thread: starting threads costs more
#: than it saves (the routers ask about a few hundred points at a time, thousands of times)
_PARALLEL_QUERY_MIN = 20_000


def _workers(n: int) -> int:
    return -1 if n >= _PARALLEL_QUERY_MIN else 1


#: how many of the nearest vertices and face centres sign a point far from a mesh
#: (:func:`mesh_distance`)
FAR_VOTES = 8


def mesh_distance(mesh: trimesh.Trimesh, spacing: float = 0.8) -> SDF:
    """Signed distance to a closed triangle mesh (negative inside), to within about ``spacing``/2
    near the surface (and about half the mesh's own edge length far from it).

    The surface is sampled every ``spacing`` mm; a point's distance is that to its nearest sample,
    signed by the sample's outward normal. Points far from the surface are answered from the
    mesh's own vertices and face centres (a search among dense samples of a surface gets slow far
    from it, where many samples are almost equally near), signed by the ``FAR_VOTES``
    nearest of them where they agree, else by the nearest dense sample (the single nearest
    vertex can lie across a thin ridge, its normal facing away)."""
    from scipy.spatial import cKDTree

    pts, nrm = surface_samples(mesh, spacing)
    tree = cKDTree(pts, compact_nodes=False)
    c_pts = np.vstack([mesh.vertices, mesh.triangles_center])
    c_nrm = np.vstack([mesh.vertex_normals, mesh.face_normals])
    c_tree = cKDTree(c_pts, compact_nodes=False)
    band = 3.0 * float(mesh.edges_unique_length.mean()) + 2.0

    def signed(q, d, i, points, normals):
        side = np.einsum("ij,ij->i", q - points[i], normals[i])
        return np.where(side < 0.0, -d, d)

    def voted(q, d, i):
        # far from the surface the nearest vertex or face centre may lie on the far side of a
        # thin ridge or a sharp edge, its normal facing away: where the FAR_VOTES nearest do
        # not agree, the nearest dense sample (on a large face's interior too) signs it
        side = np.einsum("ikj,ikj->ik", q[:, None, :] - c_pts[i], c_nrm[i])
        out = np.where(side[:, 0] < 0.0, -d[:, 0], d[:, 0])
        split = np.flatnonzero((side < 0.0).any(axis=1) & (side >= 0.0).any(axis=1))
        if len(split):
            df, j = tree.query(q[split], workers=_workers(len(split)))
            out[split] = signed(q[split], np.minimum(df, d[split, 0]), j, pts, nrm)
        return out

    def f(p):
        d, i = c_tree.query(p, k=FAR_VOTES, workers=_workers(len(p)))
        out = voted(p, d, i)
        d = d[:, 0]
        near = np.flatnonzero(d < band)
        if len(near):
            q = p[near]
            df, j = tree.query(q, distance_upper_bound=band + spacing, workers=_workers(len(q)))
            ok = np.isfinite(df)
            w = np.clip(band - d[near][ok], 0.0, 1.0)  # blend into the coarse answer at the band
            out[near[ok]] = w * signed(q[ok], df[ok], j[ok], pts, nrm) + (1 - w) * out[near[ok]]
        return out

    return f


def union_near_samples(
    centres: np.ndarray,
    reach: float,
    union: Callable[[np.ndarray, np.ndarray], np.ndarray],
    k: int,
    band: float = 2.0,
    chunk: int = 60_000,
) -> SDF:
    """The union of one primitive per sample of ``centres``, none reaching further than ``reach``
    from its centre. Away from the surface the value is the distance to the nearest centre less
    ``reach`` (correctly signed); within ``band`` of that bound it is ``union(q, idx)``, the union
    of the primitives of the ``k`` nearest samples ``idx`` ((m, k)) at the points ``q`` ((m, 3)),
    evaluated ``chunk`` points at a time."""
    from scipy.spatial import cKDTree

    c = np.asarray(centres, float)
    tree = cKDTree(c)
    k = min(k, len(c))

    def f(p: np.ndarray) -> np.ndarray:
        dist, _ = tree.query(p, k=1, workers=_workers(len(p)))
        out = dist - reach
        close = np.flatnonzero(out < band)
        for s0 in range(0, len(close), chunk):
            sel = close[s0 : s0 + chunk]
            _, idx = tree.query(p[sel], k=k, workers=_workers(len(sel)))
            out[sel] = union(p[sel], idx.reshape(len(sel), k))
        return out

    return f


def sweep(
    points,
    half_widths,
    half_depths=None,
    width_dirs=None,
    k: int = 12,
    along=None,
    band: float = 2.0,
) -> SDF:
    """A tube along a densely sampled path (points at most about half the smallest radius apart)
    with an elliptical cross-section: half-axis ``half_widths`` along ``width_dirs`` (per point,
    made perpendicular to the path) and ``half_depths`` across it; round where ``half_depths`` is
    None. It is the union of ellipsoids centred on the samples, so the ends are rounded; their
    half-axis along the path is the smaller of the two, or ``along`` where given (no larger
    than them: short discs, so that where the section shrinks fast the wider ones do not bulge
    past it). Within ``band`` (mm) of its surface the value is the ellipsoids' own; beyond it
    only a lower bound (the distance to the nearest centre less the largest radius), which a
    smooth union reaching farther than ``band`` reads as a shape of its own."""
    from scipy.spatial import cKDTree

    c = np.asarray(points, float)
    n = len(c)
    a = np.broadcast_to(np.asarray(half_widths, float), (n,))
    b = a if half_depths is None else np.broadcast_to(np.asarray(half_depths, float), (n,))
    t = np.gradient(c, axis=0)
    t /= np.maximum(np.linalg.norm(t, axis=1, keepdims=True), 1e-12)
    if width_dirs is None:
        helper = np.where(np.abs(t[:, [0]]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
        w = np.cross(t, helper)
    else:
        w = np.broadcast_to(np.asarray(width_dirs, float), (n, 3)).copy()
        w -= (w * t).sum(1, keepdims=True) * t
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-12)
    d = np.cross(t, w)
    axes = np.stack([w, d, t], axis=2)  # columns: width, depth, along
    c_ = np.minimum(a, b) if along is None else np.minimum(np.minimum(a, b), along)
    radii = np.stack([a, b, c_], axis=1)
    reach = float(radii.max())
    tree = cKDTree(c)
    k = min(k, n)

    def ellipsoids(q, idx):
        local = np.einsum("mkj,mkji->mki", q[:, None, :] - c[idx], axes[idx])
        r = radii[idx]
        k0 = np.linalg.norm(local / r, axis=2)
        k1 = np.linalg.norm(local / (r * r), axis=2)
        val = np.where(k1 > 1e-12, k0 * (k0 - 1.0) / np.maximum(k1, 1e-12), -r.min(axis=2))
        return val.min(axis=1)

    def f(p, chunk=60_000):
        # The nearest sample's ellipsoid alone gives a correctly signed value away from the surface
        # (and, beyond reach, the distance to the nearest centre less the largest radius); the
        # union over the k nearest is evaluated only near the surface.
        dist, i1 = tree.query(p, k=1, workers=_workers(len(p)))
        out = dist - reach
        close = np.nonzero(out < band)[0]
        out[close] = ellipsoids(p[close], i1[close, None])
        near = close[np.abs(out[close]) < band]
        for s0 in range(0, len(near), chunk):
            sel = near[s0 : s0 + chunk]
            _, idx = tree.query(p[sel], k=k, workers=_workers(len(sel)))
            out[sel] = ellipsoids(p[sel], idx.reshape(len(sel), k))
        return out

    return f


# ---------------------------------------------------------------- operators
def union(*fs: SDF) -> SDF:
    return lambda p: np.min(np.stack([f(p) for f in fs]), axis=0)


def intersection(*fs: SDF) -> SDF:
    return lambda p: np.max(np.stack([f(p) for f in fs]), axis=0)


def subtract(a: SDF, *bs: SDF) -> SDF:
    return lambda p: np.max(np.stack([a(p)] + [-b(p) for b in bs]), axis=0)


def smoothstep(x: np.ndarray) -> np.ndarray:
    """0 below 0, 1 above 1, and the cubic ``3x^2 - 2x^3`` between (flat at both ends)."""
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


def smooth_min(d1: np.ndarray, d2: np.ndarray, k: float) -> np.ndarray:
    """``min(d1, d2)`` with its crease rounded over ``k`` mm (polynomial smooth minimum): equal
    to it where ``|d1 - d2| >= k``, at most ``k / 4`` below it (where ``d1 == d2``). The smooth
    maximum (a rounded intersection) is ``-smooth_min(-d1, -d2, k)``."""
    h = np.clip(0.5 + 0.5 * (d2 - d1) / k, 0.0, 1.0)
    return d2 + (d1 - d2) * h - k * h * (1.0 - h)


def smooth_union(k: float, *fs: SDF) -> SDF:
    """Union with a fillet of about ``k`` mm where the shapes meet."""

    def f(p):
        d = fs[0](p)
        for g in fs[1:]:
            d = smooth_min(d, g(p), k)
        return d

    return f


def smooth_subtract(k: float, a: SDF, b: SDF) -> SDF:
    return lambda p: -smooth_min(-a(p), b(p), k)


def smooth_intersection(k: float, a: SDF, b: SDF) -> SDF:
    return lambda p: -smooth_min(-a(p), -b(p), k)


def offset(f: SDF, amount: float) -> SDF:
    """Grow (positive) or shrink (negative) a shape."""
    return lambda p: f(p) - amount


def shell(f: SDF, thickness: float) -> SDF:
    return lambda p: np.abs(f(p)) - thickness / 2.0


def transformed(f: SDF, matrix: np.ndarray) -> SDF:
    """The shape ``f`` moved by the rigid 4x4 ``matrix``."""
    inv = np.linalg.inv(np.asarray(matrix, float))
    return lambda p: f(p @ inv[:3, :3].T + inv[:3, 3])


# ---------------------------------------------------------------- more primitives
def cone_coordinates(
    a, b, half_widths, half_heights, up=(0.0, 0.0, 1.0)
) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """The coordinates of a rounded cone from ``a`` to ``b`` whose half-axis along ``up`` (made
    perpendicular to the axis) goes from ``half_heights[0]`` to ``[1]`` and the other from
    ``half_widths[0]`` to ``[1]``: for points ``p``, (across / half-width, along ``up`` /
    half-height, beyond the ends / the smaller half-axis, the smaller half-axis). A cone's
    section shape is a norm of the first two; its ends a norm with the third."""
    a = np.asarray(a, float)
    axis = np.asarray(b, float) - a
    length = max(float(np.linalg.norm(axis)), 1e-9)
    t_hat = axis / length
    u = np.asarray(up, float) - (np.asarray(up, float) @ t_hat) * t_hat
    u /= max(float(np.linalg.norm(u)), 1e-12)
    w = np.cross(t_hat, u)
    w0, w1 = (float(r) for r in half_widths)
    h0, h1 = (float(r) for r in half_heights)

    def coordinates(p):
        q = p - a
        s = q @ t_hat
        t = np.clip(s / length, 0.0, 1.0)
        rw = w0 + (w1 - w0) * t
        rh = h0 + (h1 - h0) * t
        rmin = np.minimum(rw, rh)
        return (q @ w) / rw, (q @ u) / rh, (s - t * length) / rmin, rmin

    return coordinates


def elliptic_cone(a, b, half_widths, half_heights, up=(0.0, 0.0, 1.0)) -> SDF:
    """A rounded cone from ``a`` to ``b`` with an elliptical cross-section: the half-axis along
    ``up`` (made perpendicular to the axis) goes from ``half_heights[0]`` to ``half_heights[1]``,
    the other one from ``half_widths[0]`` to ``half_widths[1]``; the ends are half-ellipsoids.
    Approximate distance (exact on the axes), like :func:`ellipsoid`."""
    coordinates = cone_coordinates(a, b, half_widths, half_heights, up)

    def f(p):
        across, upward, along, rmin = coordinates(p)
        k = np.sqrt(across**2 + upward**2 + along**2)
        return (k - 1.0) * rmin

    return f


def polygon_plate(vertices, thickness: float) -> SDF:
    """A plate of the given thickness (with rounded edges of radius thickness/2) on a convex,
    nearly planar polygon given by its corners in order."""
    v = np.asarray(vertices, float)
    c = v.mean(axis=0)
    _, _, vt = np.linalg.svd(v - c)
    n = vt[2]
    e1, e2 = vt[0], vt[1]
    poly = np.stack([(v - c) @ e1, (v - c) @ e2], axis=1)
    a, b = poly[1] - poly[0], poly[2] - poly[1]
    if a[0] * b[1] - a[1] * b[0] < 0:  # counter-clockwise
        poly = poly[::-1]
        v = v[::-1]
    edges = np.roll(poly, -1, axis=0) - poly
    half = thickness / 2.0

    def f(p):
        q = p - c
        x, y, h = q @ e1, q @ e2, q @ n
        inside = np.ones(len(p), bool)
        for (px, py), (ex, ey) in zip(poly, edges, strict=True):
            inside &= (ex * (y - py) - ey * (x - px)) >= 0.0
        d_edge = np.full(len(p), np.inf)
        for i in range(len(v)):
            a, b = v[i], v[(i + 1) % len(v)]
            ab = b - a
            t = np.clip(((p - a) @ ab) / max(float(ab @ ab), 1e-12), 0.0, 1.0)
            d_edge = np.minimum(d_edge, np.linalg.norm(p - a - t[:, None] * ab, axis=1))
        return np.where(inside, np.abs(h), d_edge) - half

    return f


def mirrored_x(f: SDF) -> SDF:
    """The shape ``f`` (modelled on the right, x > 0) together with its reflection across x = 0:
    a left-right symmetric shape."""

    def g(p):
        q = np.array(p, float, copy=True)
        q[:, 0] = np.abs(q[:, 0])
        return f(q)

    return g
