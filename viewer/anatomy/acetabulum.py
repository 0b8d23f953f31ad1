"""The acetabulum's floor: the non-articular acetabular fossa inside the horseshoe lunate surface.

The LLP26 mean hip bone's socket is one smooth cup (a mean of 26 bones blurs the step between the
articular lunate surface and the fossa), so a blind reviewer saw "a simple cup with no lunate
surface, acetabular fossa or notch" (stop 30). In the bone the lunate surface is a horseshoe of
articular cartilage, widest above (the roof, where the body weight passes) and open below, where
its two horns end on either side of the acetabular notch; the floor inside it, the acetabular
fossa, lies deeper, is rough and thin-walled, and runs down into the notch (Gray's Anatomy, 42nd
ed., the hip bone: acetabulum).

Here the fossa's step and its foramina, and a ring round them, are refined twice (conforming:
neighbours split to close the seams; edges about 0.7 mm; the smooth floor between them keeps the
bone's own triangles); then the floor inside the horseshoe is pushed away
from the joint's centre, radially, onto a sphere concentric with the lunate surface's and
``ACETABULAR_FOSSA_DEPTH`` further out (a floor that follows the socket's curve, not a plate facing
out): an oval cap, longer from the roof to the notch than across, round a centre tilted a little
from the socket's deepest point towards the notch, joined by a channel running on to the bone's
own notch at the inferior rim. The cap reaches well above the socket's deepest point, so that the
lunate surface left round it is a horseshoe about 20-25 mm broad at its roof and its horns about
20 mm broad either side (Gray's; stop 42's round cap below the deepest point left a 42 mm roof:
"a simple cup" to a blind reviewer). The lunate surface's inner margin is a step
``ACETABULAR_STEP_WIDTH`` wide (stop 31's soft 8 deg margin let the sunk floor read as "a smooth
round boss inside the socket" to two blind reviewers: an edge that casts a shade line reads as a
recess). The floor alone carries a relief: only a handful of small round pits with
smooth edges, its vascular foramina (stop 32's fine seeded relief read as "a speckled, noisy mesh
texture", stop 41's broad undulations as "a blotchy floor": an atlas draws the non-articular
floor as a dull recess), and is never left thinner than ``ACETABULAR_FLOOR_MIN`` (its thickness
measured along the same ray, its jumps smoothed). The lunate surface, on the femoral head's
sphere, is not moved: the head still seats on it.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import parameters as P
from .frame import unit
from .implicit import smooth_min, smoothstep


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
    forward), weighted by area and smoothly so that a last-bit change moves them by as little."""
    v, n = hip.vertices, hip.vertex_normals
    d = np.linalg.norm(v - centre, axis=1)
    u = (v - centre) / d[:, None]
    facing = (n * -u).sum(1)
    # the socket's wall: facing the centre, near the sphere; weights fade at the window's edges
    w = np.clip((facing - 0.3) / 0.3, 0, 1) * np.clip(
        (P.ACETABULUM_SOCKET_REACH - np.abs(d - radius)) / 2, 0, 1
    )
    # each vertex weighted by its share of the surface (the fossa's finer triangles count no
    # more than the lunate surface's coarse ones)
    area = np.bincount(hip.faces.ravel(), np.repeat(hip.area_faces / 3.0, 3), len(v))
    opening = unit((n * (w * area)[:, None]).sum(0))
    towards = np.asarray(P.ACETABULAR_NOTCH_TOWARDS, float)
    notch = unit(towards - (towards @ opening) * opening)
    return w > 0, opening, notch


def fossa_frame(
    opening: np.ndarray, notch: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The fossa's centre (unit, from the joint's centre: tilted from the socket's deepest point
    towards the notch), the direction on to the notch square to it, and the third axis across."""
    tilt = np.radians(P.ACETABULAR_FOSSA_TILT)
    centre = np.cos(tilt) * -opening + np.sin(tilt) * notch
    towards = unit(notch - (notch @ centre) * centre)
    return centre, towards, unit(np.cross(centre, towards))


def fossa_angle(u: np.ndarray, opening: np.ndarray, notch: np.ndarray) -> np.ndarray:
    """The angle (deg) of each direction ``u`` (unit, from the joint's centre) from the fossa's
    centre."""
    centre = fossa_frame(opening, notch)[0]
    return np.degrees(np.arccos(np.clip(u @ centre, -1, 1)))


def fossa_reach(u: np.ndarray, opening: np.ndarray, notch: np.ndarray) -> np.ndarray:
    """How far (deg from the fossa's centre) the fossa reaches on the great circle through each
    direction ``u``: an ellipse, ``ACETABULAR_FOSSA_HALF_LENGTH`` along the line from the roof
    to the notch and ``ACETABULAR_FOSSA_HALF_WIDTH`` across it (the fossa is longer than it is
    broad, the horns of the lunate surface flanking it)."""
    centre, towards, across = fossa_frame(opening, notch)
    azimuth = np.arctan2(u @ across, u @ towards)
    return 1.0 / np.sqrt(
        (np.cos(azimuth) / P.ACETABULAR_FOSSA_HALF_LENGTH) ** 2
        + (np.sin(azimuth) / P.ACETABULAR_FOSSA_HALF_WIDTH) ** 2
    )


def fossa_share(u: np.ndarray, opening: np.ndarray, notch: np.ndarray, radius: float) -> np.ndarray:
    """How much of the fossa's full depth (0 to 1) the floor takes in each direction ``u`` (unit
    vectors from the joint's centre): 1 on the oval cap round the fossa's centre and on the channel on
    to the notch, 0 on the lunate surface, the step between them ``ACETABULAR_STEP_WIDTH`` wide on
    the ``radius`` sphere (the lunate surface's inner margin is an edge, not a slope)."""
    pole = -opening
    step = np.degrees(P.ACETABULAR_STEP_WIDTH / radius)  # the step's width as an angle, deg
    cap = smoothstep((fossa_reach(u, opening, notch) - fossa_angle(u, opening, notch)) / step + 0.5)
    across = unit(np.cross(opening, notch))
    beside = np.degrees(np.arcsin(np.clip(np.abs(u @ across), 0, 1)))
    channel = smoothstep((P.ACETABULAR_NOTCH_HALF_WIDTH - beside) / step + 0.5)
    # the channel runs from the cap's centre on (its start hidden inside the cap: no corners
    # beside the cap nearer the socket's deepest point)
    along = np.degrees(np.arctan2(u @ notch, u @ pole))
    channel = channel * smoothstep((along - P.ACETABULAR_FOSSA_TILT) / 10.0)
    from_pole = np.degrees(np.arccos(np.clip(u @ pole, -1, 1)))
    short_of_rim = smoothstep((P.ACETABULAR_CHANNEL_END - from_pole) / P.ACETABULAR_FOSSA_MARGIN)
    # the union without a crease where the cap's margin meets the channel's
    return (cap + channel - cap * channel) * short_of_rim


def foramina_centres(opening: np.ndarray, notch: np.ndarray) -> np.ndarray:
    """The fossa floor's vascular foramina (``ACETABULAR_FORAMINA``): their centres as unit
    directions from the joint's centre, one a row."""
    centre, towards, across = fossa_frame(opening, notch)
    rows = []
    for angle, azimuth, _, _ in P.ACETABULAR_FORAMINA:
        a, b = np.radians(angle), np.radians(azimuth)
        side = np.cos(b) * towards + np.sin(b) * across
        rows.append(np.cos(a) * centre + np.sin(a) * side)
    return np.array(rows)


def floor_relief(
    u: np.ndarray, radius: float, opening: np.ndarray, notch: np.ndarray
) -> np.ndarray:
    """The fossa floor's relief in directions ``u`` (unit, from the joint's centre; the floor
    about ``radius`` mm from it): how much deeper (mm) the floor lies there.

    The floor is a smooth dull recess, as an atlas draws it: only a handful of small round pits
    with smooth edges where vessels enter the bone (``ACETABULAR_FORAMINA``; a raised-cosine bowl
    each, no rim). (Stop 41's broad seeded undulations, with the thickness clamp's streaks, read
    as "a blotchy floor" to a blind reviewer.)"""
    out = np.zeros(len(u))
    for q, (_, _, size, depth) in zip(
        foramina_centres(opening, notch), P.ACETABULAR_FORAMINA, strict=True
    ):
        s = radius * np.arccos(np.clip(u @ q, -1.0, 1.0)) / size  # mm along the floor / radius
        out += depth * 0.5 * (1.0 + np.cos(np.pi * np.clip(s, 0.0, 1.0)))
    return out


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
        A closed copy, the fossa in finer triangles, its floor sunk.
    """
    _, opening, notch = socket_axes(hip, centre, radius)
    fine = hip
    pits = foramina_centres(opening, notch)
    reach = np.cos(np.array([f[2] for f in P.ACETABULAR_FORAMINA]) * 1.5 / radius)
    for _ in range(2):  # where the floor bends, the step and the foramina, and a ring of faces
        # round them split twice (edges ~0.7 mm; the floor between them is a smooth sphere left in
        # the bone's own triangles: the larger fossa's floor split once cost 2,000 triangles of
        # the model's budget)
        share = _share(fine, centre, radius, opening, notch)
        u = fine.vertices - centre
        u /= np.linalg.norm(u, axis=1)[:, None]
        inside = (share > 1e-3) & ((share < 1.0 - 1e-3) | (u @ pits.T > reach).any(1))
        ring = np.zeros(len(fine.vertices), bool)
        ring[fine.faces[np.any(inside[fine.faces], axis=1)].ravel()] = True
        fine = refined(fine, np.any(ring[fine.faces], axis=1))
    v = fine.vertices.copy()
    d = np.linalg.norm(v - centre, axis=1)
    u = (v - centre) / d[:, None]
    share = _share(fine, centre, radius, opening, notch)
    # the floor: a sphere concentric with the lunate surface's, ACETABULAR_FOSSA_DEPTH further
    # out, and its relief; the step's wall between it and the lunate surface; the bone already
    # deeper there (LLP26's own notch) is left where it is (a soft max, no crease)
    relief = floor_relief(u, radius, opening, notch) * smoothstep((share - 0.5) / 0.5)
    floor = radius + P.ACETABULAR_FOSSA_DEPTH
    soft = P.ACETABULAR_FLOOR_SOFTNESS
    sink = share * soft * np.logaddexp(0.0, (floor - d) / soft)
    # the floor's thickness along the same ray: never thinner than ACETABULAR_FLOOR_MIN, its
    # relief included (the relief kept where the floor is held up by its thickness)
    moving = np.flatnonzero(share > 1e-3)
    start = v[moving] + u[moving] * 0.05
    hits, ray, _ = fine.ray.intersects_location(start, u[moving], multiple_hits=False)
    room = np.full(len(moving), 50.0)
    room[ray] = np.linalg.norm(hits - v[moving][ray], axis=1) - P.ACETABULAR_FLOOR_MIN
    # its jumps (a ray grazing the notch's lip) smoothed, the thin places kept: no folds
    whole = np.full(len(v), 50.0)
    whole[moving] = room
    rounds = P.ACETABULAR_FLOOR_CLAMP_SMOOTHING
    whole = averaged(fine, np.minimum(whole, averaged(fine, whole, rounds)), rounds)
    room = whole[moving]
    held = smooth_min(sink[moving], room - relief[moving], 1.0) + relief[moving]
    sink[moving] = np.maximum(held, np.minimum(relief[moving], 0.0))
    out = trimesh.Trimesh(v + u * sink[:, None], fine.faces, process=False)
    out.fix_normals()
    off_wall = smoothstep((1.0 - _on_wall(fine, centre, radius)) / 0.5)
    return _unfolded(out, fine, u, sink, off_wall)


def _unfolded(
    out: trimesh.Trimesh, fine: trimesh.Trimesh, u: np.ndarray, sink: np.ndarray, rim: np.ndarray
) -> trimesh.Trimesh:
    """``out`` (``fine`` with each vertex pushed ``sink`` mm along ``u``) with the sink smoothed
    round every edge that the push folded, where the bone's own surface was smooth.

    Where the fossa fades out over LLP26's thin lip at the notch, the wall lies almost along the
    rays: a push that changes over one fine triangle slid its vertices past each other (folds up
    to 168 deg, stop 43). Each vertex's sink is blended with its neighbours' mean by how sharply
    its edges are folded (0 at ``ACETABULAR_FOLD_ANGLE``, all at twice it: a smooth weight, so
    that a last-bit change in the bone moves the result by as little) and by how far it lies off
    the socket's wall, ``rim`` (0 to 1: the step inside the socket is left sharp), a few times
    over."""
    smooth_before = np.degrees(fine.face_adjacency_angles) < 0.5 * P.ACETABULAR_FOLD_ANGLE
    pairs = fine.face_adjacency_edges[smooth_before]
    for _ in range(P.ACETABULAR_UNFOLD_TRIES):
        angle = np.degrees(out.face_adjacency_angles)[smooth_before]
        fold = smoothstep(angle / P.ACETABULAR_FOLD_ANGLE - 1.0)
        weight = np.zeros(len(sink))
        np.maximum.at(weight, pairs[:, 0], fold)
        np.maximum.at(weight, pairs[:, 1], fold)
        weight = np.clip(averaged(fine, weight, 2) * 3.0, 0.0, 1.0) * rim  # and round them
        sink = sink + weight * (averaged(fine, sink, P.ACETABULAR_UNFOLD_SMOOTHING) - sink)
        out = trimesh.Trimesh(fine.vertices + u * sink[:, None], fine.faces, process=False)
        out.fix_normals()
    return out


def _share(
    mesh: trimesh.Trimesh, centre: np.ndarray, radius: float, opening: np.ndarray, notch: np.ndarray
) -> np.ndarray:
    """The fossa's share of its depth at each vertex of ``mesh``: ``fossa_share`` on the socket's
    wall, fading smoothly off it (where the wall turns away from the centre or leaves the
    sphere)."""
    u = mesh.vertices - centre
    u /= np.linalg.norm(u, axis=1)[:, None]
    return fossa_share(u, opening, notch, radius) * _on_wall(mesh, centre, radius)


def _on_wall(mesh: trimesh.Trimesh, centre: np.ndarray, radius: float) -> np.ndarray:
    """How much each vertex of ``mesh`` lies on the socket's wall (0 to 1): 1 where the wall faces
    the centre near the sphere, fading where it turns away (the rim) or leaves the sphere."""
    v = mesh.vertices
    d = np.linalg.norm(v - centre, axis=1)
    u = (v - centre) / d[:, None]
    # how squarely the wall faces the centre, averaged over the neighbours (the refined faces
    # keep the coarse ones' normals: unaveraged, the fade would follow their facets)
    facing = averaged(mesh, (mesh.vertex_normals * -u).sum(1), P.ACETABULAR_FACING_SMOOTHING)
    return smoothstep((facing - 0.2) / 0.3) * smoothstep(
        (P.ACETABULUM_SOCKET_REACH - np.abs(d - radius)) / 2.0
    )


def averaged(mesh: trimesh.Trimesh, values: np.ndarray, iterations: int) -> np.ndarray:
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
