"""Small geometry helpers for the bones: fitted spheres and planes, rigid moves, solids (exact
booleans with manifold3d), rays, and pushing one surface clear of another.

Shared by the LLP26 placement, the sacral carving and the landmark searches; nothing here knows
any anatomy.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from .frame import unit


def fit_sphere(points: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares sphere through ``points``.

    Returns
    -------
    centre : np.ndarray
    radius : float
    """
    p = np.asarray(points, float)
    A = np.column_stack([2 * p, np.ones(len(p))])
    b = (p**2).sum(1)
    sol = np.linalg.lstsq(A, b, rcond=None)[0]
    c = sol[:3]
    return c, float(np.sqrt(sol[3] + c @ c))


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q):
    """The quantile(s) ``q`` (0-1) of ``values``, each weighing ``weights`` (e.g. the areas of
    the triangles they were read on: an integral over a surface, whatever its triangulation),
    each value standing at the middle of its weight's share.

    Returns
    -------
    float or np.ndarray
        Like ``q``.
    """
    v, w = np.asarray(values, float), np.asarray(weights, float)
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order]
    share = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(q, share, v)


def fit_plane(
    points: np.ndarray, weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least-squares plane: (centroid, unit normal); the normal's sign is arbitrary."""
    p = np.asarray(points, float)
    w = np.ones(len(p)) if weights is None else np.asarray(weights, float)
    c = (p * w[:, None]).sum(0) / w.sum()
    q = (p - c) * np.sqrt(w)[:, None]
    return c, np.linalg.svd(q, full_matrices=False)[2][2]


def joined(meshes: list[trimesh.Trimesh]) -> trimesh.Trimesh:
    """Several meshes as one (their vertices and faces side by side, not merged)."""
    out = trimesh.util.concatenate(meshes)
    if not isinstance(out, trimesh.Trimesh):
        raise ValueError("nothing to join")
    return out


def part(mesh: trimesh.Trimesh, faces: np.ndarray) -> trimesh.Trimesh:
    """The faces ``faces`` of ``mesh`` as a mesh of their own."""
    out = mesh.submesh([np.asarray(faces)], append=True)
    if not isinstance(out, trimesh.Trimesh):
        raise ValueError("no faces")
    return out


def subdivided(mesh: trimesh.Trimesh, max_edge: float) -> trimesh.Trimesh:
    """``mesh`` with its triangles split until no edge is longer than ``max_edge`` (same
    surface)."""
    out = mesh.subdivide_to_size(max_edge)
    if not isinstance(out, trimesh.Trimesh):
        raise ValueError("subdivision gave no mesh")
    return out


def merged(mesh: trimesh.Trimesh, pairs: np.ndarray) -> trimesh.Trimesh:
    """``mesh`` with the vertices joined by ``pairs`` (vertex index pairs) merged, each cluster
    into its first vertex, and the triangles that collapse with them dropped."""
    v = np.asarray(mesh.vertices, float)
    pairs = np.asarray(pairs, int).reshape(-1, 2)
    adjacency = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(v),) * 2)
    _, cluster = connected_components(adjacency, directed=False)
    f = cluster[np.asarray(mesh.faces)]
    f = f[(f[:, 0] != f[:, 1]) & (f[:, 1] != f[:, 2]) & (f[:, 2] != f[:, 0])]
    first = np.unique(cluster, return_index=True)[1]
    return trimesh.Trimesh(v[first], f, process=True)


def welded(mesh: trimesh.Trimesh, tolerance: float) -> trimesh.Trimesh:
    """``mesh`` with every cluster of vertices closer than ``tolerance`` merged into one (the
    first of each), and the triangles that collapse with them dropped: needle triangles, whose
    shortest edge is all but nothing, go."""
    v = np.asarray(mesh.vertices, float)
    return merged(mesh, cKDTree(v).query_pairs(tolerance, output_type="ndarray"))


def without_slivers(
    mesh: trimesh.Trimesh, quality: float, rounds: int = 4, keep_border: bool = False
) -> trimesh.Trimesh:
    """``mesh`` with the shortest edge of every triangle of lower ``quality`` than given
    (4*sqrt(3)*area / sum of squared edges: 1 equilateral, 0 degenerate) collapsed onto its
    first vertex (:func:`merged`), round by round: flat cap triangles, whose corner lies all but
    on the opposite edge, go. With ``keep_border`` (an open mesh), edges with an end on the
    border are left (a cap on the border, collapsed, pulls it in and flips its neighbours)."""
    out = mesh
    for _ in range(rounds):
        q = triangle_quality(out)
        bad = np.flatnonzero(q < quality)
        if not len(bad):
            break
        f = np.asarray(out.faces)
        tri = out.triangles
        edges = np.linalg.norm(tri - np.roll(tri, -1, axis=1), axis=2)  # (v0v1, v1v2, v2v0)
        k = np.argmin(edges[bad], axis=1)
        pairs = np.column_stack([f[bad, k], f[bad, (k + 1) % 3]])
        if keep_border:
            pairs = pairs[~np.any(border_vertices(out)[pairs], axis=1)]
            if not len(pairs):
                break
        out = merged(out, pairs)
    return out


def closed_without_slivers(mesh: trimesh.Trimesh, quality: float) -> trimesh.Trimesh:
    """``mesh`` (closed) with the odd needle triangle a decimation leaves (of lower ``quality``)
    collapsed (:func:`without_slivers`) where that keeps it closed, consistently wound and of the
    same Euler number (no hole, no piece split off); else ``mesh`` as it was."""
    out = without_slivers(mesh, quality)
    kept = out.is_watertight and out.is_winding_consistent and out.euler_number == mesh.euler_number
    return out if kept else mesh


def triangle_quality(mesh: trimesh.Trimesh) -> np.ndarray:
    """Per face: 4*sqrt(3)*area / (sum of squared edge lengths); 1 equilateral, 0 degenerate."""
    return triangles_quality(mesh.triangles)


def triangles_quality(tri: np.ndarray) -> np.ndarray:
    """:func:`triangle_quality` of triangles given by their corners (n, 3, 3), in no mesh."""
    tri = np.asarray(tri, float)
    edges = np.linalg.norm(tri - np.roll(tri, -1, axis=1), axis=2)
    area = trimesh.triangles.area(tri)
    return 4.0 * np.sqrt(3.0) * area / np.maximum((edges**2).sum(axis=1), 1e-30)


def border_vertices(mesh: trimesh.Trimesh) -> np.ndarray:
    """Per vertex: whether it lies on the border of the open ``mesh`` (on an edge of one face)."""
    border = np.zeros(len(mesh.vertices), bool)
    edges = mesh.edges_sorted
    border[edges[trimesh.grouping.group_rows(edges, require_count=1)]] = True
    return border


def border_loops(faces: np.ndarray) -> list[np.ndarray]:
    """The border loops of an open surface (``faces``), as vertex ids, each in the order its
    faces run along it; ValueError where the border is not a set of simple loops (a vertex
    where two of its loops touch)."""
    directed = np.asarray(faces)[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
    key = np.sort(directed, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    border = directed[counts[inverse.ravel()] == 1]
    nxt = {int(a): int(b) for a, b in border}
    if len(nxt) != len(border):
        raise ValueError("the border is not a set of simple loops")
    loops, seen = [], set()
    for start in sorted(nxt):
        if start in seen:
            continue
        loop, v = [], start
        while v not in seen:
            seen.add(v)
            loop.append(v)
            v = nxt[v]
        if v != start:
            raise ValueError("the border is not a set of simple loops")
        loops.append(np.array(loop, np.int64))
    return loops


def transform_points(points: np.ndarray, T: np.ndarray) -> np.ndarray:
    """``points`` (N, 3) moved by the 4x4 matrix ``T``."""
    return np.asarray(points, float) @ T[:3, :3].T + T[:3, 3]


def moved(mesh: trimesh.Trimesh, T: np.ndarray) -> trimesh.Trimesh:
    """A copy of ``mesh`` moved by the 4x4 matrix ``T`` (same faces)."""
    return trimesh.Trimesh(transform_points(mesh.vertices, T), mesh.faces.copy(), process=False)


def rotation_about(axis: np.ndarray, angle: float, centre: np.ndarray) -> np.ndarray:
    """4x4 rotation by ``angle`` (radians) about the line through ``centre`` along ``axis``."""
    T = trimesh.transformations.rotation_matrix(angle, unit(axis), np.asarray(centre, float))
    return np.asarray(T)


def to_manifold(mesh: trimesh.Trimesh) -> manifold3d.Manifold:
    """The closed ``mesh`` as a manifold3d solid (raises ValueError when it is not closed)."""
    m = manifold3d.Manifold(
        manifold3d.Mesh(
            vert_properties=np.ascontiguousarray(mesh.vertices, dtype=np.float32),
            tri_verts=np.ascontiguousarray(mesh.faces, dtype=np.uint32),
        )
    )
    if m.status() != manifold3d.Error.NoError:
        raise ValueError(f"not a closed manifold mesh: {m.status()}")
    return m


def from_manifold(m: manifold3d.Manifold) -> trimesh.Trimesh:
    """A manifold3d solid as a trimesh."""
    out = m.to_mesh()
    return trimesh.Trimesh(
        np.asarray(out.vert_properties[:, :3], float),
        np.asarray(out.tri_verts, np.int64),
        process=False,
    )


def solid(m: manifold3d.Manifold) -> trimesh.Trimesh:
    """The manifold as a trimesh, without the zero-volume slivers booleans can leave."""
    parts = [p for p in m.decompose() if p.volume() > 1.0]
    return from_manifold(manifold3d.Manifold.batch_boolean(parts, manifold3d.OpType.Add))


def ray_hits(mesh: trimesh.Trimesh, origin: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Distances along a ray to every crossing of the surface, sorted."""
    locs, _, _ = mesh.ray.intersects_location([origin], [unit(direction)], multiple_hits=True)
    if len(locs) == 0:
        return np.empty(0)
    return np.sort((locs - origin) @ unit(direction))


def first_hit(
    mesh: trimesh.Trimesh, origins: np.ndarray, dirs: np.ndarray, reach: float
) -> np.ndarray:
    """Distance along each ray (``origins`` + t ``dirs``, unit directions) to its first crossing
    of ``mesh`` with 0 < t < ``reach``; nan where it meets none.

    Parameters
    ----------
    mesh : trimesh.Trimesh
        The surface the rays are cast at (its ray cache must be fresh: clear ``mesh._cache``
        after reading a mesh back from a pickle).
    origins, dirs : numpy.ndarray
        (N, 3) ray origins and unit directions, mm.
    reach : float
        How far along each ray a crossing counts, mm.

    Returns
    -------
    numpy.ndarray
        (N,) distances, nan for rays that meet nothing within ``reach``.
    """
    origins = np.asarray(origins, float)
    dirs = np.asarray(dirs, float)
    locs, ray, _ = mesh.ray.intersects_location(origins, dirs, multiple_hits=True)
    out = np.full(len(origins), np.nan)
    if len(locs):
        d = np.einsum("ij,ij->i", locs - origins[ray], dirs[ray])
        keep = (d > 0.0) & (d < reach)
        for i in np.unique(ray[keep]):
            out[i] = d[keep & (ray == i)].min()
    return out


def onto_surface(
    mesh: trimesh.Trimesh, point: np.ndarray, outward: np.ndarray, start: float = 30.0
) -> np.ndarray:
    """The surface point met coming in along ``-outward`` from ``start`` mm outside ``point``
    (IndexError where the ray misses the surface)."""
    origin = np.asarray(point, float) + start * unit(outward)
    return origin - ray_hits(mesh, origin, -unit(outward))[0] * unit(outward)


def clear_of(mesh: trimesh.Trimesh, obstacle: trimesh.Trimesh, gap: float) -> trimesh.Trimesh:
    """``mesh`` with its vertices that lie inside ``obstacle``, or closer to it than ``gap``,
    moved out along the obstacle's surface normal to ``gap`` from it (same faces)."""
    v = np.array(mesh.vertices)
    near = np.flatnonzero(
        cKDTree(obstacle.vertices).query(v, distance_upper_bound=gap + 6.0)[0] < np.inf
    )
    if len(near):
        closest, dist, tri = trimesh.proximity.closest_point(obstacle, v[near])
        normal = obstacle.face_normals[tri]
        signed = np.where(((v[near] - closest) * normal).sum(1) >= 0, dist, -dist)
        move = signed < gap
        v[near[move]] = closest[move] + gap * normal[move]
    return trimesh.Trimesh(v, mesh.faces.copy(), process=False)
