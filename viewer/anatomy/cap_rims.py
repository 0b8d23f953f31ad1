"""Round cut ends on a decimated nerve: the rim of each section cap refined until it has at least
``MIN_RIM_EDGES`` edges.

The quadric decimation spends few edges on a thin nerve's cut end (a 2 mm root's section came out
a 9-gon, and a 5 mm root's a hexagon: "the proximal cut end is a visible hexagon", blind review
s28). Each rim edge is split at its middle (the cap's triangle and the side's triangle on it each
in two: the mesh stays closed and conforming) and the new vertex is put on the smooth curve
through its loop's rim (the four-point scheme); repeated while a loop has too few edges.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import geometry, section_caps

#: the fewest edges round a cut end's rim (a polygon of fewer reads as low-poly)
MIN_RIM_EDGES = 20
#: the least triangle quality a split may leave (unless the mesh had less already)
MIN_QUALITY = 0.03
#: a loop of fewer edges is no cut end but a sliver of the cap's plane beside its rim: left alone
MIN_LOOP = 6


def _rim_edges(faces: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Directed edges (as they run in their cap triangle) on the rim of the cap faces ``cap``."""
    f = faces[cap]
    e = np.vstack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    key = np.sort(e, axis=1)
    _, inv, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    return e[counts[inv.ravel()] == 1]


def _loops(edges: np.ndarray) -> list[np.ndarray]:
    """The rim's edges grouped by loop (connected components)."""
    comps = trimesh.graph.connected_components(edges, min_len=1)
    return [edges[np.isin(edges[:, 0], c)] for c in comps]


def _split(
    mesh: trimesh.Trimesh,
    flags: np.ndarray,
    edges: np.ndarray,
    number: int,
    skip: frozenset[tuple[int, int]] = frozenset(),
):
    """``mesh`` with each directed rim edge of ``edges`` (but those in ``skip``) split at a point on
    the smooth curve through its loop, the vertices' cap numbers (``flags``, the new ones
    ``number``) and the edges split, in the order of their new vertices (numbered on from
    ``mesh``'s)."""
    v = np.array(mesh.vertices)
    faces = [list(f) for f in mesh.faces]
    tags: list[int] = [int(x) for x in flags]
    lookup: dict[tuple[int, int], int] = {}
    for i, f in enumerate(faces):
        for k in range(3):
            lookup[(f[k], f[(k + 1) % 3])] = i
    new_v: list[np.ndarray] = []
    done: list[np.ndarray] = []
    into = {int(b): int(a) for a, b in edges}
    out_of = {int(a): int(b) for a, b in edges}
    for loop in _loops(edges):
        for a, b in loop:
            if (int(a), int(b)) in skip:
                continue
            # the four-point scheme (Dyn, Levin, Gregory 1987): on the smooth curve through
            # the rim's points, in the cap's plane with them
            p, q = into.get(int(a), a), out_of.get(int(b), b)
            m = (9.0 * (v[a] + v[b]) - v[p] - v[q]) / 16.0
            j = len(v) + len(new_v)
            new_v.append(m)
            done.append(np.array([a, b]))
            tags.append(number)
            for x, y in ((a, b), (b, a)):  # the cap's triangle, then the side's
                i = lookup[(x, y)]
                f = faces[i]
                k = f.index(x)
                z = f[(k + 2) % 3]
                faces[i] = [x, j, z]
                faces.append([j, y, z])
                lookup[(x, j)] = i
                lookup[(j, z)] = i
                lookup[(z, x)] = i
                n = len(faces) - 1
                lookup[(j, y)] = n
                lookup[(y, z)] = n
                lookup[(z, j)] = n
    out = trimesh.Trimesh(np.vstack([v, np.array(new_v)]), np.array(faces), process=False)
    return out, np.array(tags, dtype=np.uint8), np.array(done).reshape(-1, 2)


def _bad_splits(out: trimesh.Trimesh, first_new: int, limit: float, least: float) -> np.ndarray:
    """Indices (in split order) of the new rim vertices of ``out`` (numbered from ``first_new``)
    on a triangle of quality under ``least`` or on a pair of triangles turned ``limit`` degrees
    or more: the splits to leave out."""
    bad_faces = out.faces[geometry.triangle_quality(out) < least]
    turned = out.face_adjacency[np.degrees(out.face_adjacency_angles) >= limit]
    verts = np.concatenate([bad_faces.ravel(), out.faces[turned.ravel()].ravel()])
    return np.unique(verts[verts >= first_new]) - first_new


def rounder(mesh: trimesh.Trimesh, fold_limit: float = 120.0) -> trimesh.Trimesh:
    """``mesh`` (with its section caps tagged) with every cap's rim loops refined to at least
    :data:`MIN_RIM_EDGES` edges each; the caps stay tagged. A refinement that would turn two
    neighbouring triangles ``fold_limit`` degrees or more (or more than ``mesh`` already turns
    anywhere; or open the mesh) is not made: that cap keeps the rim it had."""
    flags = section_caps.cut_flags(mesh)
    # (a turn the decimation left elsewhere is no reason to keep a polygonal rim)
    limit = max(fold_limit, float(np.degrees(mesh.face_adjacency_angles).max()) + 1e-6)
    # (nor is a sliver it left elsewhere: no split makes a worse one)
    least = min(float(geometry.triangle_quality(mesh).min()), MIN_QUALITY)
    for number in [int(c) for c in np.unique(flags) if c > 0]:
        for _ in range(3):
            on = section_caps.cap_faces(mesh.faces, flags, mesh.face_normals)
            cap = on & (flags[mesh.faces[:, 0]] == number)
            if not cap.any():
                break
            edges = _rim_edges(mesh.faces, cap)
            short = [lp for lp in _loops(edges) if MIN_LOOP <= len(lp) < MIN_RIM_EDGES]
            if not short:
                break
            # edge by edge: a split that would fold the cap's side or leave a sliver (a thin
            # twig's rim) is left out, the others made: one bad edge no longer keeps the whole
            # rim polygonal (stops 32-33: cut ends of 11-14 edges after an upstream change)
            rim = np.vstack(short)
            skip: frozenset[tuple[int, int]] = frozenset()
            for _ in range(4):
                out, out_flags, done = _split(mesh, flags, rim, number, skip)
                bad = _bad_splits(out, len(mesh.vertices), limit, least)
                if not len(bad) or len(bad) == len(done):
                    break
                skip = skip | {(int(a), int(b)) for a, b in done[bad]}
            if len(bad) or not len(done) or not out.is_watertight:
                break
            mesh, flags = out, out_flags
        mesh, flags = _fanned(mesh, flags, number, least)
    mesh.vertex_attributes[section_caps.ATTRIBUTE] = flags
    return mesh


#: a fanned cap's triangles may turn at most this far from the cap's mean normal, degrees
FAN_MAX_TILT = 20.0


def _fanned(mesh: trimesh.Trimesh, flags: np.ndarray, number: int, least: float):
    """``mesh`` with each patch of the cap ``number`` (a cut through two bundles has two)
    triangulated again as a fan from a new vertex at its rim's centroid (each rim edge one
    triangle), and the vertices' cap numbers; a patch is left as it was where its rim is not
    one loop, or its fan would tilt a triangle ``FAN_MAX_TILT`` off the cap's plane, leave one
    under quality ``least`` or open the mesh.

    The decimation leaves a small cap a fan from one of its rim vertices; refined, that vertex
    is joined to the whole rim across the cap and its normal turns 60-70 degrees from its ring's
    (the rim opposite pulls the ring's mean normal over: a spike at the cut's edge, s34). A fan
    from the centre leaves each rim vertex two cap triangles, as a section cap has."""
    on = section_caps.cap_faces(mesh.faces, flags, mesh.face_normals)
    cap = on & (flags[mesh.faces[:, 0]] == number)
    if not cap.any():
        return mesh, flags
    normal = mesh.face_normals[cap].sum(axis=0)
    normal /= np.linalg.norm(normal)
    ids = np.flatnonzero(cap)
    adjacency = mesh.face_adjacency
    inside = cap[adjacency].all(axis=1)
    patches = trimesh.graph.connected_components(adjacency[inside], nodes=ids, min_len=1)
    faces = np.asarray(mesh.faces)
    v = np.asarray(mesh.vertices)
    drop = np.zeros(len(faces), bool)
    centres: list[np.ndarray] = []
    fans: list[np.ndarray] = []
    for patch in sorted(patches, key=lambda p: int(np.min(p))):
        part = np.zeros(len(faces), bool)
        part[np.asarray(patch, int)] = True
        edges = _rim_edges(faces, part)
        if len(_loops(edges)) != 1 or len(edges) < MIN_LOOP:
            continue
        centre = v[np.unique(edges.ravel())].mean(axis=0)
        a, b = v[edges[:, 0]], v[edges[:, 1]]
        cross = np.cross(b - a, centre - a)
        area = np.linalg.norm(cross, axis=1)
        tilt = (cross @ normal) / np.maximum(area, 1e-12)
        quality = (
            2.0
            * np.sqrt(3.0)
            * area
            / (((b - a) ** 2).sum(1) + ((centre - b) ** 2).sum(1) + ((a - centre) ** 2).sum(1))
        )
        if tilt.min() < np.cos(np.radians(FAN_MAX_TILT)) or quality.min() < least:
            continue
        drop |= part
        fans.append(np.column_stack([edges, np.full(len(edges), len(v) + len(centres))]))
        centres.append(centre)
    if not fans:
        return mesh, flags
    keep = faces[~drop]
    used = np.zeros(len(v) + len(centres), bool)
    used[keep.ravel()] = True
    for fan in fans:
        used[fan.ravel()] = True
    remap = np.cumsum(used) - 1
    out = trimesh.Trimesh(
        np.vstack([v, *centres])[used], remap[np.vstack([keep, *fans])], process=False
    )
    if not out.is_watertight:
        return mesh, flags
    return out, np.append(flags, np.full(len(centres), number, np.uint8))[used]
