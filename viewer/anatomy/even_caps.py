"""Even triangles on a plane section cap.

A boolean cut by a half-space closes the cut with a cap triangulated from its rim alone: fans of
long thin triangles from a few rim vertices right across the section, which shade as radiating
streaks. :func:`even_cap` replaces such a cap by Delaunay triangles of the rim and of a regular
triangular lattice of interior points (anchored to the plane's point, so the same on every
build), about ``spacing`` mm apart. The rim vertices and the side walls are kept (long rim edges
are split, with the wall triangle beside them), so the mesh stays closed.
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy.spatial import Delaunay

from .frame import unit

#: [constructed] a rim edge longer than this share of the spacing is split before triangulating
RIM_SPLIT = 1.0
#: [constructed] a rim edge shorter than this share of the spacing is collapsed (it would leave
#: a sliver between its ends and the nearest lattice point)
RIM_COLLAPSE = 0.3
#: [constructed] cosine of the largest turn of the rim at a vertex that is collapsed
STRAIGHT_COSINE = 0.9
#: [constructed] lattice points closer than this share of the spacing to the rim are left out
RIM_CLEARANCE = 0.6


def plane_axes(normal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit axes in the plane (the first as near the left-right axis as the plane allows)."""
    n = unit(np.asarray(normal, float))
    hint = np.array([1.0, 0.0, 0.0]) if abs(n[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    e1 = unit(hint - (hint @ n) * n)
    return e1, np.cross(n, e1)


def _rim_edges(faces: np.ndarray) -> np.ndarray:
    """The edges of ``faces`` used by one of them only (the cap's rim), as (i, j) pairs."""
    e = np.sort(np.vstack([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    uniq, counts = np.unique(e, axis=0, return_counts=True)
    return uniq[counts == 1]


def _split_rim(
    vertices: np.ndarray, walls: np.ndarray, rim: np.ndarray, pieces: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split each rim edge into ``pieces`` (1: kept): new vertices along the edge, the wall
    triangle beside it fanned from its third corner. Returns vertices, walls and rim pairs."""
    key = {}
    for k, f in enumerate(walls):
        for a, b in ((f[0], f[1]), (f[1], f[2]), (f[2], f[0])):
            key[(min(a, b), max(a, b))] = k
    verts = [vertices]
    n = len(vertices)
    new_faces = []
    drop = []
    new_rim = []
    for (i, j), m in zip(rim, pieces, strict=True):
        if m <= 1:
            new_rim.append((i, j))
            continue
        t = np.arange(1, m)[:, None] / m
        pts = vertices[i] + t * (vertices[j] - vertices[i])
        ids = np.arange(n, n + len(pts))
        n += len(pts)
        verts.append(pts)
        chain = np.r_[i, ids, j]
        new_rim += list(zip(chain[:-1], chain[1:], strict=True))
        k = key[(min(i, j), max(i, j))]
        f = walls[k]
        # the wall triangle's corners, rolled so that the rim edge runs first: (a, b, c)
        r = int(np.flatnonzero((f != i) & (f != j))[0])
        a, c = f[(r + 1) % 3], f[r]
        run = chain if a == i else chain[::-1]
        new_faces += [(p, q, c) for p, q in zip(run[:-1], run[1:], strict=True)]
        drop.append(k)
    keep = np.ones(len(walls), bool)
    keep[drop] = False
    walls_out = np.vstack([walls[keep], np.asarray(new_faces, np.int64).reshape(-1, 3)])
    return np.vstack(verts), walls_out, np.asarray(new_rim, np.int64)


def _collapse_short(
    vertices: np.ndarray, walls: np.ndarray, rim: np.ndarray, limit: float
) -> tuple[np.ndarray, np.ndarray]:
    """Rim edges shorter than ``limit`` collapsed onto their first end (no two touching ones in
    one pass): the wall triangles that had both ends go, the others follow the merged vertex.
    Returns walls and rim; the walls stay closed with the rim."""
    length = np.linalg.norm(vertices[rim[:, 0]] - vertices[rim[:, 1]], axis=1)
    target = np.arange(len(vertices))
    used = np.zeros(len(vertices), bool)
    for k in np.argsort(length):
        if length[k] >= limit:
            break
        i, j = rim[k]
        if used[i] or used[j]:
            continue
        # only where the rim runs on nearly straight through j (merging it cannot cross the rim)
        on = np.flatnonzero((rim == j).any(axis=1))
        if len(on) != 2:
            continue
        other = rim[on[on != k][0]]
        nxt = other[0] if other[1] == j else other[1]
        d1, d2 = vertices[j] - vertices[i], vertices[nxt] - vertices[j]
        if d1 @ d2 < STRAIGHT_COSINE * np.linalg.norm(d1) * np.linalg.norm(d2):
            continue
        # the link condition: i and j share one neighbour only (the wall triangle's third
        # corner), or the merge would pinch the surface
        ring_i = np.unique(walls[(walls == i).any(axis=1)])
        ring_j = np.unique(walls[(walls == j).any(axis=1)])
        if len(np.setdiff1d(np.intersect1d(ring_i, ring_j), [i, j])) != 1:
            continue
        # keep the ends of a rim run of three: each vertex takes part in one collapse
        used[i] = used[j] = True
        target[j] = i
    walls = target[walls]
    walls = walls[
        (walls[:, 0] != walls[:, 1]) & (walls[:, 1] != walls[:, 2]) & (walls[:, 2] != walls[:, 0])
    ]
    rim = target[rim]
    return walls, rim[rim[:, 0] != rim[:, 1]]


def _inside(points: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray) -> np.ndarray:
    """Even-odd test of 2D ``points`` against the closed rim made of segments a-b."""
    x, y = points[:, 0][:, None], points[:, 1][:, None]
    ya, yb = seg_a[:, 1][None], seg_b[:, 1][None]
    xa, xb = seg_a[:, 0][None], seg_b[:, 0][None]
    crosses = (ya > y) != (yb > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xc = xa + (y - ya) * (xb - xa) / (yb - ya)
    return (np.count_nonzero(crosses & (x < xc), axis=1) % 2) == 1


def _segment_distance(points: np.ndarray, seg_a: np.ndarray, seg_b: np.ndarray) -> np.ndarray:
    """Each 2D point's distance to the nearest segment a-b."""
    d = seg_b - seg_a
    t = ((points[:, None] - seg_a[None]) * d[None]).sum(-1) / np.maximum((d * d).sum(-1), 1e-12)
    q = seg_a[None] + np.clip(t, 0.0, 1.0)[..., None] * d[None]
    return np.linalg.norm(points[:, None] - q, axis=-1).min(axis=1)


def even_cap(
    mesh: trimesh.Trimesh, point, normal, spacing: float, tolerance: float = 1e-3
) -> trimesh.Trimesh:
    """``mesh`` with its flat cap on the plane through ``point`` (``normal``; the faces lying on
    it within ``tolerance`` mm) triangulated evenly, about ``spacing`` mm apart. Returns ``mesh``
    unchanged if it has no face on the plane."""
    n = unit(np.asarray(normal, float))
    p0 = np.asarray(point, float)
    v = np.array(mesh.vertices, float)
    faces = np.array(mesh.faces, np.int64)
    on = np.abs((v - p0) @ n) < tolerance
    cap = on[faces].all(axis=1) & (np.abs(mesh.face_normals @ n) > 0.99)
    if not cap.any():
        return mesh
    side = (
        1.0 if float((mesh.face_normals[cap] * mesh.area_faces[cap, None]).sum(0) @ n) > 0 else -1.0
    )
    walls = faces[~cap]
    rim = _rim_edges(faces[cap])
    walls, rim = _collapse_short(v, walls, rim, RIM_COLLAPSE * spacing)
    return fill_rim(v, walls, rim, p0, n, spacing, side)


def fill_rim(
    vertices: np.ndarray,
    walls: np.ndarray,
    rim: np.ndarray,
    point,
    normal,
    spacing: float,
    side: float,
) -> trimesh.Trimesh:
    """The open surface ``vertices``/``walls`` closed across its ``rim`` (edges, as vertex id
    pairs, of loops lying on the plane through ``point`` with ``normal``) by even triangles about
    ``spacing`` mm apart, turned towards ``side`` * ``normal``. Rim edges longer than the spacing
    are split first (the wall triangle beside each fanned from its third corner)."""
    n = unit(np.asarray(normal, float))
    p0 = np.asarray(point, float)
    v = np.asarray(vertices, float)
    e1, e2 = plane_axes(n)
    length = np.linalg.norm(v[rim[:, 0]] - v[rim[:, 1]], axis=1)
    pieces = np.maximum(np.ceil(length / (RIM_SPLIT * spacing)).astype(int), 1)
    for _ in range(6):
        if (pieces > 1).any():
            v, walls, rim = _split_rim(v, walls, rim, pieces)
        ids = np.unique(rim)
        uv_rim = np.column_stack([(v[ids] - p0) @ e1, (v[ids] - p0) @ e2])
        index = np.full(len(v), -1)
        index[ids] = np.arange(len(ids))
        a, b = uv_rim[index[rim[:, 0]]], uv_rim[index[rim[:, 1]]]
        # the lattice: rows ``spacing`` * sqrt(3)/2 apart, every other one shifted half a step
        lo, hi = uv_rim.min(axis=0), uv_rim.max(axis=0)
        dy = spacing * np.sqrt(3.0) / 2.0
        rows = np.arange(np.floor(lo[1] / dy), np.ceil(hi[1] / dy) + 1)
        cols = np.arange(np.floor(lo[0] / spacing) - 1, np.ceil(hi[0] / spacing) + 2)
        gx, gy = np.meshgrid(cols, rows)
        lattice = np.column_stack([(gx + 0.5 * (gy % 2)).ravel() * spacing, gy.ravel() * dy])
        lattice = lattice[_inside(lattice, a, b)]
        lattice = lattice[_segment_distance(lattice, a, b) > RIM_CLEARANCE * spacing]
        # four far corners keep the rim off the hull, where collinear rim vertices would give
        # flat triangles; the triangles on them lie outside and go
        far = 2.0 * float((hi - lo).max()) + 10.0
        corners = np.array(
            [
                [lo[0] - far, lo[1] - far],
                [hi[0] + far, lo[1] - far],
                [hi[0] + far, hi[1] + far],
                [lo[0] - far, hi[1] + far],
            ]
        )
        uv = np.vstack([uv_rim, lattice, corners])
        tri = Delaunay(uv).simplices
        tri = tri[(tri < len(uv) - 4).all(axis=1)]
        tri = tri[_inside(uv[tri].mean(axis=1), a, b)]
        # every rim edge must be a triangle's edge, or the cap would not close: split the rest
        e = np.sort(np.vstack([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]]), axis=1)
        have = set(map(tuple, e.tolist()))
        r2 = np.sort(np.column_stack([index[rim[:, 0]], index[rim[:, 1]]]), axis=1)
        missing = np.array([tuple(x) not in have for x in r2.tolist()])
        if not missing.any():
            break
        pieces = np.where(missing, 2, 1)
    else:
        raise ValueError("the cap's rim could not be recovered")
    # back to the mesh's vertex ids: the rim's, then the lattice's new vertices on the plane
    pts3 = p0 + lattice[:, :1] * e1 + lattice[:, 1:] * e2
    new = np.r_[ids, len(v) + np.arange(len(lattice))][tri]
    w = np.vstack([v, pts3])
    # turned the cap's way
    fn = np.cross(w[new[:, 1]] - w[new[:, 0]], w[new[:, 2]] - w[new[:, 0]]) @ n
    flip = fn * side < 0
    new[flip] = new[flip][:, ::-1]
    out = trimesh.Trimesh(w, np.vstack([walls, new]), process=False)
    out.remove_unreferenced_vertices()
    return out
