"""The acetabulum's floor: the non-articular acetabular fossa inside the horseshoe lunate surface.

The LLP26 mean hip bone's socket is one smooth cup (a mean of 26 bones blurs the step between the
articular lunate surface and the fossa), so a blind reviewer saw "a simple cup with no lunate
surface, acetabular fossa or notch" (stop 30). In the bone the lunate surface is a horseshoe of
articular cartilage, widest above (the roof, where the body weight passes) and open below, where
its two horns end on either side of the acetabular notch; the floor inside it, the acetabular
fossa, lies deeper, is rough and thin-walled, and runs down into the notch (Gray's Anatomy, 42nd
ed., the hip bone: acetabulum).

Here the socket's triangles are refined once, and those of the fossa's margin once more
(conforming: neighbours split to close the seams); then the floor inside the horseshoe is pushed
away from the joint's centre, radially, by a smooth depth profile: a cap around a centre tilted
from the socket's deepest point towards the notch, joined by a channel running on to the notch at
the inferior rim. The depth never takes the floor thinner than ``ACETABULAR_FLOOR_MIN`` (its
thickness is measured along the same ray). The lunate surface, on the femoral head's sphere, is
not moved: the head still seats on it.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import parameters as P
from .frame import unit
from .implicit import smoothstep


def refined(mesh: trimesh.Trimesh, selected: np.ndarray) -> trimesh.Trimesh:
    """``mesh`` with the ``selected`` faces split once into four (midpoints), and the faces around
    them split into two or four so that no seam is left open (red-green refinement).

    Parameters
    ----------
    mesh : trimesh.Trimesh
        A closed mesh.
    selected : numpy.ndarray
        Boolean mask over the faces to refine.

    Returns
    -------
    trimesh.Trimesh
        The same surface in more triangles (a face with two split edges is split into four).
    """
    faces = np.asarray(mesh.faces)
    face_edges = np.asarray(mesh.faces_unique_edges)  # edge k of a face joins corners k, k+1
    red = np.asarray(selected, bool).copy()
    split = np.zeros(len(mesh.edges_unique), bool)
    while True:
        split[face_edges[red]] = True
        grown = red | (split[face_edges].sum(1) >= 2)
        if grown.sum() == red.sum():
            break
        red = grown
    edges = np.asarray(mesh.edges_unique)[split]
    vertices = np.vstack([mesh.vertices, np.asarray(mesh.vertices)[edges].mean(1)])
    middle = np.full(len(split), -1)
    middle[np.flatnonzero(split)] = len(mesh.vertices) + np.arange(split.sum())
    m = middle[face_edges]  # (n, 3): the midpoint on each edge, -1 where not split
    a, b, c = faces.T
    out = [faces[~red & (m < 0).all(1)]]
    r = red
    out += [
        np.column_stack([a[r], m[r, 0], m[r, 2]]),
        np.column_stack([m[r, 0], b[r], m[r, 1]]),
        np.column_stack([m[r, 2], m[r, 1], c[r]]),
        np.column_stack([m[r, 0], m[r, 1], m[r, 2]]),
    ]
    corners = np.column_stack([a, b, c])
    for k in range(3):  # one split edge, k: corners k, k+1 and the opposite one
        g = ~red & (m[:, k] >= 0)
        v0, v1, v2 = corners[g, k], corners[g, (k + 1) % 3], corners[g, (k + 2) % 3]
        out += [np.column_stack([v0, m[g, k], v2]), np.column_stack([m[g, k], v1, v2])]
    return trimesh.Trimesh(vertices, np.vstack(out), process=False)


def socket_axes(
    hip: trimesh.Trimesh, centre: np.ndarray, radius: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The socket's vertices (mask), its opening direction (unit, from the centre out of the
    cup) and the direction of its notch (unit, square to the opening, down and slightly
    forward), weighted smoothly so that a last-bit change moves them by as little."""
    v, n = hip.vertices, hip.vertex_normals
    d = np.linalg.norm(v - centre, axis=1)
    u = (v - centre) / d[:, None]
    facing = (n * -u).sum(1)
    # the socket's wall: facing the centre, near the sphere; weights fade at the window's edges
    w = np.clip((facing - 0.3) / 0.3, 0, 1) * np.clip(
        (P.ACETABULUM_SOCKET_REACH - np.abs(d - radius)) / 2, 0, 1
    )
    opening = unit((n * w[:, None]).sum(0))
    towards = np.asarray(P.ACETABULAR_NOTCH_TOWARDS, float)
    notch = unit(towards - (towards @ opening) * opening)
    return w > 0, opening, notch


def fossa_depth(u: np.ndarray, opening: np.ndarray, notch: np.ndarray) -> np.ndarray:
    """How far (mm) the floor lies below the lunate surface's sphere in each direction ``u``
    (unit vectors from the joint's centre): the cap round the fossa's centre and the channel on
    to the notch, each with a soft margin."""
    pole = -opening
    tilt = np.radians(P.ACETABULAR_FOSSA_TILT)
    centre = np.cos(tilt) * pole + np.sin(tilt) * notch
    margin = np.radians(P.ACETABULAR_FOSSA_MARGIN)
    angle = np.arccos(np.clip(u @ centre, -1, 1))
    cap = smoothstep((np.radians(P.ACETABULAR_FOSSA_RADIUS) - angle) / margin + 0.5)
    across = unit(np.cross(opening, notch))
    beside = np.degrees(np.arcsin(np.clip(np.abs(u @ across), 0, 1)))
    toward = u @ notch
    channel = smoothstep((P.ACETABULAR_NOTCH_HALF_WIDTH - beside) / P.ACETABULAR_FOSSA_MARGIN + 0.5)
    channel = channel * smoothstep(toward / 0.2)
    from_pole = np.degrees(np.arccos(np.clip(u @ pole, -1, 1)))
    short_of_rim = smoothstep((P.ACETABULAR_CHANNEL_END - from_pole) / P.ACETABULAR_FOSSA_MARGIN)
    return P.ACETABULAR_FOSSA_DEPTH * np.maximum(cap, channel) * short_of_rim


def with_fossa(hip: trimesh.Trimesh, centre: np.ndarray, radius: float) -> trimesh.Trimesh:
    """The hip bone with its acetabular fossa sunk inside the lunate surface.

    Parameters
    ----------
    hip : trimesh.Trimesh
        The placed hip bone (closed).
    centre, radius : numpy.ndarray, float
        The acetabulum's sphere (the lunate surface's), model frame, mm.

    Returns
    -------
    trimesh.Trimesh
        A closed copy, the socket in finer triangles, its floor sunk.
    """
    socket, opening, notch = socket_axes(hip, centre, radius)
    fine = refined(hip, np.any(socket[hip.faces], axis=1))
    # the fossa's margin, a step of a few millimetres, once more (no saw-tooth along its edge)
    share = _depth(fine, centre, radius, opening, notch) / P.ACETABULAR_FOSSA_DEPTH
    fine = refined(fine, np.any(((share > 0.02) & (share < 0.98))[fine.faces], axis=1))
    v = fine.vertices.copy()
    u = (v - centre) / np.linalg.norm(v - centre, axis=1)[:, None]
    depth = _depth(fine, centre, radius, opening, notch)
    moving = np.flatnonzero(depth > 1e-3)
    # the floor's thickness along the same ray: never thinner than ACETABULAR_FLOOR_MIN
    start = v[moving] + u[moving] * 0.05
    hits, ray, _ = fine.ray.intersects_location(start, u[moving], multiple_hits=False)
    room = np.full(len(moving), np.inf)
    room[ray] = np.linalg.norm(hits - v[moving][ray], axis=1) - P.ACETABULAR_FLOOR_MIN
    depth[moving] = np.minimum(depth[moving], np.maximum(room, 0.0))
    # the clamp's kinks averaged out over the neighbours (a floor, not a saw-tooth)
    depth = _averaged(fine, depth, P.ACETABULAR_FOSSA_SMOOTHING)
    v += u * depth[:, None]
    # the coarse triangles' facets, refined flat, rounded on the sunk floor only (Taubin)
    weight = np.clip(3.0 * depth / P.ACETABULAR_FOSSA_DEPTH - 0.5, 0.0, 1.0)[:, None]
    for _ in range(P.ACETABULAR_FOSSA_SMOOTHING):
        for step in (0.5, -0.53):
            v += step * weight * (_averaged(fine, v, 1) - v)
    out = trimesh.Trimesh(v, fine.faces, process=False)
    out.fix_normals()
    return out


def _depth(
    mesh: trimesh.Trimesh, centre: np.ndarray, radius: float, opening: np.ndarray, notch: np.ndarray
) -> np.ndarray:
    """The fossa's depth at each vertex of ``mesh``: ``fossa_depth`` on the socket's wall, fading
    smoothly off it (where the wall turns away from the centre or leaves the sphere)."""
    v = mesh.vertices
    d = np.linalg.norm(v - centre, axis=1)
    u = (v - centre) / d[:, None]
    facing = (mesh.vertex_normals * -u).sum(1)
    on_wall = smoothstep((facing - 0.2) / 0.3) * smoothstep(
        (P.ACETABULUM_SOCKET_REACH - np.abs(d - radius)) / 2.0
    )
    # a wall already lying deep below the sphere (LLP26's own shallow notch) is not sunk again
    shallow = smoothstep((P.ACETABULAR_FOSSA_DEPTH + 0.5 - (d - radius)) / 2.0)
    return fossa_depth(u, opening, notch) * on_wall * shallow


def _averaged(mesh: trimesh.Trimesh, values: np.ndarray, iterations: int) -> np.ndarray:
    """``values`` on the vertices (scalars or rows), each replaced ``iterations`` times by the mean
    of itself and its neighbours."""
    edges = mesh.edges_unique
    n = len(mesh.vertices)
    degree = np.bincount(edges.ravel(), minlength=n) + 1.0
    out = np.asarray(values, float).copy()
    if out.ndim == 2:
        degree = degree[:, None]
    for _ in range(iterations):
        total = out.copy()
        np.add.at(total, edges[:, 0], out[edges[:, 1]])
        np.add.at(total, edges[:, 1], out[edges[:, 0]])
        out = total / degree
    return out
