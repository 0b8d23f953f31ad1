"""A clean rim where a bone is cut by a plane: regular rows of triangles on both sides of the edge.

A boolean cut slices the bone's own triangles where the plane crosses them: the side wall along
the cut's rim is left as fans of long thin triangles, a different number at each rim vertex. The
shading normal at a rim vertex is the mean of its triangles' normals, the wall's and the cap's
(they meet at about a right angle), so it swings from vertex to vertex and the edge shades as a
saw-tooth ("a jagged cut edge", blind review s34). :func:`banded_section` rebuilds the surface
next to the rim instead:

* the rim resampled at even steps (``R0``, on the plane);
* one row of quads up the wall to the bone's section ``BAND_ROW`` mm above the plane (``R1``,
  one point for each rim point), then the bone's own triangles from ``BAND_TOP`` mm on, zipped to
  ``R1`` (the wall there is smooth: its triangles all face alike);
* one row of quads on the cap, the rim offset inwards by ``CAP_ROW`` of the spacing (``C1``),
  and the even lattice of :func:`viewer.anatomy.even_caps.fill_rim` inside it.

Every rim vertex then has three wall triangles and three cap triangles, all alike: the edge
shades as one even line. Where the rows cannot be laid (the section's loops do not match from
one level to the next, or the offset row would fold), ``None`` is returned and the caller keeps
its plain cap.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import even_caps
from .frame import unit
from .geometry import border_loops, from_manifold, to_manifold

#: [constructed] mm above the plane of the wall row's upper points (one row of quads)
BAND_ROW = 1.2
#: [constructed] mm above the plane from which the bone's own triangles are kept
BAND_TOP = 2.4
#: [constructed] the cap row's depth, as a share of the spacing (equilateral: sqrt(3)/2)
CAP_ROW = 0.85
#: [constructed] passes that even out the cap row's points along it
INSET_SMOOTHING = 3
#: [constructed] the rim's step, as a share of the cap's spacing (no rim edge split by the cap)
RIM_STEP = 0.9


def _loops(path: trimesh.path.Path3D | None) -> list[np.ndarray]:
    """The closed polylines of a section (first point not repeated)."""
    if path is None:
        return []
    out = []
    for d in path.discrete:
        d = np.asarray(d, float)
        if len(d) > 2 and np.linalg.norm(d[0] - d[-1]) < 1e-9:
            d = d[:-1]
        if len(d) >= 3:
            out.append(d)
    return out


def _resampled(loop: np.ndarray, count: int, start: float = 0.0) -> np.ndarray:
    """``count`` points evenly spaced along the closed polyline ``loop``, the first at arc
    length ``start``."""
    closed = np.vstack([loop, loop[:1]])
    s = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(closed, axis=0), axis=1))]
    t = (start + np.arange(count) * s[-1] / count) % s[-1]
    return np.column_stack([np.interp(t, s, closed[:, i]) for i in range(3)])


def _arc_position(loop: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Arc length along the closed ``loop`` of each point's nearest point on it."""
    closed = np.vstack([loop, loop[:1]])
    a, d = closed[:-1], np.diff(closed, axis=0)
    s = np.r_[0.0, np.cumsum(np.linalg.norm(d, axis=1))]
    t = np.clip(
        ((points[:, None] - a[None]) * d[None]).sum(-1) / np.maximum((d * d).sum(-1), 1e-12),
        0.0,
        1.0,
    )
    gap = np.linalg.norm(points[:, None] - (a[None] + t[..., None] * d[None]), axis=-1)
    k = np.argmin(gap, axis=1)
    return s[k] + t[np.arange(len(points)), k] * np.linalg.norm(d[k], axis=1)


def _forward_crossing(loop: np.ndarray, forwards: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Where the ray from the closed ``loop``'s centroid along ``forwards`` first crosses it
    (the loop's point furthest that way if the ray misses it); ``side`` is the plane's other
    axis."""
    c = loop.mean(axis=0)
    a, b = loop, np.roll(loop, -1, axis=0)
    # crossings of the line through c along ``forwards`` with each segment, in the plane
    da, db = (a - c) @ side, (b - c) @ side
    cross = (da * db <= 0.0) & (da != db)
    t = np.where(cross, da / np.where(da != db, da - db, 1.0), 0.0)
    hits = a + t[:, None] * (b - a)
    ahead = ((hits - c) @ forwards) > 0.0
    ok = cross & ahead
    if not ok.any():
        return loop[int(np.argmax(loop @ forwards))]
    k = np.flatnonzero(ok)
    return hits[k[np.argmin((hits[k] - c) @ forwards)]]


def _signed_area(loop: np.ndarray, e1: np.ndarray, e2: np.ndarray) -> float:
    """Signed area of ``loop`` seen along the plane's normal (``e1`` x ``e2``)."""
    x, y = loop @ e1, loop @ e2
    return 0.5 * float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum())


def _above(part: trimesh.Trimesh, point: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    """The open surface of ``part`` on the ``normal`` side of the plane through ``point`` (the
    boolean's cap on that plane left off)."""
    kept = from_manifold(to_manifold(part).trim_by_plane(normal.tolist(), float(point @ normal)))
    on = np.abs((kept.vertices - point) @ normal) < 1e-4
    flat = on[kept.faces].all(axis=1) & (kept.face_normals @ normal < -0.99)
    out = trimesh.Trimesh(kept.vertices, kept.faces[~flat], process=False)
    out.remove_unreferenced_vertices()
    return out


def _strip(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Faces of a closed strip of quads between two loops of ids of one length, every quad cut
    along the same diagonal; the top loop's edges run backwards in them."""
    t1, b1 = np.roll(top, -1), np.roll(bottom, -1)
    return np.vstack([np.column_stack([t1, top, bottom]), np.column_stack([t1, bottom, b1])])


def _zip(top: np.ndarray, bottom: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    """Faces of a closed band between two loops of ids of any lengths, each step taking the
    shorter diagonal (the top loop's first id the one nearest the bottom's first); the top
    loop's edges run backwards in them."""
    v = vertices
    j0 = int(np.argmin(np.linalg.norm(v[top] - v[bottom[0]], axis=1)))
    top = np.roll(top, -j0)
    nt, nb = len(top), len(bottom)
    j = k = 0
    faces = []
    while j < nt or k < nb:
        tj, tn = top[j % nt], top[(j + 1) % nt]
        bk, bn = bottom[k % nb], bottom[(k + 1) % nb]
        on_top = k >= nb or (
            j < nt and np.linalg.norm(v[tn] - v[bk]) <= np.linalg.norm(v[bn] - v[tj])
        )
        if on_top:
            faces.append((tn, tj, bk))
            j += 1
        else:
            faces.append((tj, bk, bn))
            k += 1
    return np.array(faces, np.int64)


def _inset(rim: np.ndarray, depth: float, e1: np.ndarray, e2: np.ndarray) -> np.ndarray | None:
    """``rim`` (a loop on the plane, counter-clockwise seen along ``e1`` x ``e2`` for an outer
    boundary of the cap, clockwise for a hole's) moved ``depth`` into the cap along each point's
    bisector; None if the row between would fold."""
    prev, nxt = np.roll(rim, 1, axis=0), np.roll(rim, -1, axis=0)
    n = unit(np.cross(e1, e2))
    inward = np.cross(n, nxt - prev)  # to the left of the way the loop runs
    inward /= np.linalg.norm(inward, axis=1, keepdims=True)
    inner = rim + depth * inward
    # evened out along the loop (at a sharp corner the bisectors' points crowd or spread)
    for _ in range(INSET_SMOOTHING):
        inner = 0.5 * inner + 0.25 * (np.roll(inner, 1, axis=0) + np.roll(inner, -1, axis=0))
    # every quad of the row turned the same way as the loop (no fold, no crossing)
    a, b = rim @ np.c_[e1, e2], inner @ np.c_[e1, e2]
    quads = [a, np.roll(a, -1, axis=0), np.roll(b, -1, axis=0), b]
    for p, q, r in ((0, 1, 2), (0, 2, 3)):
        u, w = quads[q] - quads[p], quads[r] - quads[p]
        if ((u[:, 0] * w[:, 1] - u[:, 1] * w[:, 0]) <= 0.05 * depth * depth).any():
            return None
    return inner


def banded_section(part: trimesh.Trimesh, point, normal, spacing: float) -> trimesh.Trimesh | None:
    """``part``, a closed bone cut flat by the plane through ``point`` (``normal`` pointing into
    the bone), with its cut's rim and cap rebuilt as even rows (module docstring) and the cap
    filled evenly, ``spacing`` mm apart; None where the rows cannot be laid."""
    n = unit(np.asarray(normal, float))
    p0 = np.asarray(point, float)
    e1, e2 = even_caps.plane_axes(n)
    rims = _loops(part.section(n, p0 + 1e-4 * n))
    rows = _loops(part.section(n, p0 + BAND_ROW * n))
    kept = _above(part, p0 + BAND_TOP * n, n)
    try:
        tops = border_loops(kept.faces)
    except ValueError:
        return None
    if not (len(rims) == len(rows) == len(tops)) or not rims:
        return None
    v = np.asarray(kept.vertices, float)
    # the kept bone's boundary runs one way round the cap's outer edges, the other round its holes
    outer = np.sign(_signed_area(v[max(tops, key=len)], e1, e2))
    verts = [v]
    faces = [np.asarray(kept.faces, np.int64)]
    count = len(v)
    cap_rim = []
    used_rows: set[int] = set()
    used_tops: set[int] = set()
    for rim in rims:
        rim = rim - ((rim - p0) @ n)[:, None] * n  # onto the plane
        # the loops above it: the nearest at each level (one each)
        r = int(np.argmin([np.linalg.norm(q.mean(0) - rim.mean(0)) for q in rows]))
        t = int(np.argmin([np.linalg.norm(v[q].mean(0) - rim.mean(0)) for q in tops]))
        if r in used_rows or t in used_tops:
            return None
        used_rows.add(r)
        used_tops.add(t)
        row, top = rows[r], tops[t]
        # all three loops run the way the boundary of the kept bone runs (its edges run that
        # way in its faces: the band's must run backwards)
        way = np.sign(_signed_area(v[top], e1, e2))
        if np.sign(_signed_area(rim, e1, e2)) != way:
            rim = rim[::-1]
        if np.sign(_signed_area(row, e1, e2)) != way:
            row = row[::-1]
        length = float(np.linalg.norm(np.diff(np.vstack([rim, rim[:1]]), axis=0), axis=1).sum())
        m = max(int(np.ceil(length / (RIM_STEP * spacing))), 8)
        # the first point where the loop crosses the ray forwards from its centroid: it moves
        # with the bone, smoothly (the section's own first point may lie anywhere on the loop,
        # and the rows would slide along it from one build to the next)
        r0 = _resampled(rim, m, _arc_position(rim, _forward_crossing(rim, e2, e1)[None])[0])
        # each rim point's partner up the wall: its nearest point on the row's section, kept in
        # order along it (else evenly spaced along the row from the first one's)
        row_len = float(np.linalg.norm(np.diff(np.vstack([row, row[:1]]), axis=0), axis=1).sum())
        s = _arc_position(row, r0 + BAND_ROW * n)
        steps = np.diff(np.r_[s, s[0] + row_len]) % row_len
        if np.isclose(steps.sum(), row_len) and steps.min() > 0.25 * row_len / m:
            r1 = np.vstack([_resampled(row, 1, x) for x in s])
        else:
            r1 = _resampled(row, m, s[0])
        # the cap's row, inside the rim (offset to the left of a loop run counter-clockwise
        # round the cap's outer edge, clockwise round a hole in it)
        hole = way != outer
        ccw = _signed_area(r0, e1, e2) > 0
        turned = ccw == hole
        inner = _inset(r0[::-1] if turned else r0, CAP_ROW * spacing, e1, e2)
        if inner is None:
            return None
        if turned:
            inner = inner[::-1]
        ids_r1 = count + np.arange(m)
        ids_r0 = ids_r1 + m
        ids_c1 = ids_r0 + m
        verts += [r1, r0, inner]
        count += 3 * m
        faces += [_zip(top, ids_r1, np.vstack(verts)), _strip(ids_r1, ids_r0)]
        faces.append(_strip(ids_r0, ids_c1))
        cap_rim.append(np.column_stack([ids_c1, np.roll(ids_c1, -1)]))
    w = np.vstack(verts)
    walls = np.vstack(faces)
    rim_edges = np.vstack(cap_rim)
    # the cap faces away from the bone: against the normal
    out = even_caps.fill_rim(w, walls, rim_edges, p0, n, spacing, -1.0)
    if not (out.is_watertight and out.is_winding_consistent):
        return None
    if out.volume < 0:
        out.invert()
    return out
