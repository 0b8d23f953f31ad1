"""The sacral canal and the S1 and S2 foramina, carved through the LLP26 mean sacrum.

LLP26's sacral foramina are shallow depressions and it has no canal, so both are carved as real
openings: a nerve can run from the canal out through each anterior foramen without touching
bone. The sacrum is then cut in two by one plane square to the S1 axis just below the S1
foramina (``s1_segment`` above, ``sacrum_lower`` below). Sizes are the published ones of
:mod:`viewer.anatomy.parameters`; where each foramen opens is where LLP26's own pit is (the pit
search windows are in parameters too).
"""

from __future__ import annotations

from dataclasses import dataclass

import manifold3d
import numpy as np
import trimesh
from scipy import sparse

from ..vocabulary import SIDES
from . import frame
from . import parameters as P
from .frame import unit
from .geometry import fit_plane, onto_surface, ray_hits, to_manifold


# ---------------------------------------------------------------- the sacrum's own axes
@dataclass(frozen=True)
class SacralFrame:
    """Axes of S1 in the model frame: ``normal`` of the endplate (up the S1 body), ``anterior``
    in the endplate plane, and the endplate patch's size."""

    normal: np.ndarray
    anterior: np.ndarray
    width: float
    depth: float
    posterior_edge: float  # anterior-coordinate of the endplate's posterior edge (negative)
    anterior_edge: float


def sacral_frame(sacrum: trimesh.Trimesh, faces: np.ndarray) -> SacralFrame:
    """The S1 axes read off the endplate patch ``faces`` of the placed ``sacrum``."""
    c, n = fit_plane(sacrum.triangles_center[faces], sacrum.area_faces[faces])
    n = n if n[2] > 0 else -n
    n = unit(n - n[0] * frame.RIGHT)
    a = np.cross(n, frame.RIGHT)
    pts = sacrum.triangles_center[faces]
    lo, hi = np.percentile(pts[:, 0], [1, 99])
    back, front = np.percentile(pts @ a, [1, 99])
    return SacralFrame(n, a, float(hi - lo), float(front - back), float(back), float(front))


def _depression(mesh: trimesh.Trimesh) -> np.ndarray:
    """How far each vertex lies below a heavily smoothed copy of the surface (negative in pits:
    LLP26's sacral foramina are such shallow pits)."""
    edges = mesh.edges_unique
    n = len(mesh.vertices)
    adj = sparse.coo_matrix(
        (
            np.ones(2 * len(edges)),
            (np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]),
        ),
        shape=(n, n),
    ).tocsr()
    average = sparse.diags(1.0 / np.asarray(adj.sum(1)).ravel()) @ adj
    smooth = np.array(mesh.vertices)
    for _ in range(60):
        smooth += 0.5 * (average @ smooth - smooth)
    return ((mesh.vertices - smooth) * mesh.vertex_normals).sum(1)


def _pit(
    mesh: trimesh.Trimesh,
    depth: np.ndarray,
    facing: np.ndarray,
    side: int,
    window: P.PitWindow,
    sf: SacralFrame,
) -> np.ndarray:
    """Centre of the deepest pit on the surface facing ``facing``, on one side, within the
    lateral and height ranges of ``window`` (height along the S1 axis); snapped onto the surface."""
    v, nrm = mesh.vertices, mesh.vertex_normals
    sel = (
        (nrm @ unit(facing) > P.FORAMEN_PIT_FACING_COSINE)
        & window.lateral.holds(side * v[:, 0])
        & window.height.holds(v @ sf.normal)
    )
    w = np.clip(-depth[sel], 0.0, None) ** 2
    deepest = w > P.FORAMEN_PIT_DEEPEST_SHARE * w.max()
    centre = (v[sel][deepest] * w[deepest, None]).sum(0) / w[deepest].sum()
    return mesh.nearest.on_surface(centre[None])[0][0]


# ---------------------------------------------------------------- canal and foramina
def _ring(
    centre: np.ndarray,
    tangent: np.ndarray,
    up_hint: np.ndarray,
    half_height: float,
    half_width: float,
    k: int = 32,
) -> np.ndarray:
    """Points of an ellipse around ``centre`` in the plane normal to ``tangent``; its height
    axis is ``up_hint`` made normal to the tangent."""
    t = unit(tangent)
    u = unit(up_hint - (up_hint @ t) * t)
    w = np.cross(t, u)
    ang = np.linspace(0, 2 * np.pi, k, endpoint=False)
    return centre + half_height * np.cos(ang)[:, None] * u + half_width * np.sin(ang)[:, None] * w


def tube(
    points: np.ndarray,
    half_heights: np.ndarray,
    half_widths: np.ndarray,
    up_hints: list[np.ndarray],
    tangents: np.ndarray | None = None,
) -> manifold3d.Manifold:
    """A smooth solid tube: convex hulls of consecutive elliptical rings, united."""
    pts = np.asarray(points, float)
    if tangents is None:
        tangents = np.gradient(pts, axis=0)
    rings = [
        _ring(p, t, np.asarray(h, float), a, b)
        for p, t, h, a, b in zip(pts, tangents, up_hints, half_heights, half_widths, strict=True)
    ]
    hulls = [
        manifold3d.Manifold.hull_points(np.vstack([r0, r1]).astype(np.float64))
        for r0, r1 in zip(rings[:-1], rings[1:], strict=True)
    ]
    return manifold3d.Manifold.batch_boolean(hulls, manifold3d.OpType.Add)


@dataclass(frozen=True)
class Tunnel:
    """One sacral foramen's way through the bone."""

    path: np.ndarray  # (N, 3) centreline, canal end first, outside end last
    opening: np.ndarray  # centre of the opening on the bone surface
    axis: np.ndarray  # unit direction of the last segment (out of the bone)
    up: np.ndarray  # unit craniocaudal axis of the opening (its "height")
    half_height: float
    half_width: float


@dataclass(frozen=True)
class SacralCarving:
    """The canal and the tunnels carved out of the sacrum, and the S1/S2 cut."""

    canal_path: np.ndarray
    canal_half_widths: np.ndarray
    canal_half_depths: np.ndarray  # of the carved tube (deeper at the top opening)
    canal_shift: np.ndarray  # (N, 3) where the carved rings sit relative to the path
    tunnels: dict[str, Tunnel]  # name ("s1_anterior_left" ...) -> Tunnel
    cut_point: np.ndarray
    cut_normal: np.ndarray  # points up, into s1_segment


def _canal(
    sacrum: trimesh.Trimesh, sf: SacralFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Centreline, half-widths, half-depths and ring shifts of the sacral canal, top (above the
    bone, so the canal opens upwards to meet L5's) to the hiatus (out through the dorsal
    surface)."""
    w0, d0 = P.SACRAL_CANAL_TOP_WIDTH / 2, P.SACRAL_CANAL_TOP_DEPTH / 2
    w1, d1 = P.SACRAL_CANAL_LOW_WIDTH / 2, P.SACRAL_CANAL_LOW_DEPTH / 2
    a_top = sf.posterior_edge - d0 - 0.5
    high = a_top * sf.anterior + 80.0 * sf.normal
    top = high - ray_hits(sacrum, high, -sf.normal)[0] * sf.normal
    v = sacrum.vertices
    apex = v[np.argmin(v[:, 2])]
    prom_y = (sf.anterior_edge * sf.anterior)[1]
    # Rays fanning in the mid-sagittal plane from a point in front of the lower sacrum: each one
    # crosses the pelvic surface, then the canal, then the dorsal surface.
    centre = np.array([0.0, prom_y, apex[2] + 20.0])

    def ray(theta: float) -> np.ndarray:
        return np.array([0.0, np.cos(theta), np.sin(theta)])

    th_top = np.arctan2(*(top - centre)[[2, 1]])
    th_end = np.arctan2(*(apex - centre)[[2, 1]]) % (2 * np.pi)
    # The top opening, straight along the S1 axis as the L5 canal above it runs. LLP26 fills the
    # space between the L5 and S1 laminae, so the opening reaches back through it: the S1 lamina
    # starts where the canal narrows to its own depth below.
    pts = [top + 10.0 * sf.normal, top, top - 8.0 * sf.normal]
    hw, hd = [w0] * 3, [3 * d0] * 3
    # Down the sacrum the canal shares the bone's thickness with the body in front and the roof
    # behind: LLP26's sacrum is thinner than the textbook sum of the three, so the canal takes
    # at most 42 % of it and its roof 18 % [constructed].
    for th in np.linspace(th_top, th_end, 40)[1:]:
        s = (th - th_top) / (th_end - th_top)
        half_w = w0 + (w1 - w0) * s
        # the tightest bone across the canal's width (the dorsal surface dips beside the crest)
        spans = [
            ray_hits(sacrum, centre + dx * frame.RIGHT, ray(th))
            for dx in (0.0, -0.7 * half_w, 0.7 * half_w)
        ]
        if min(len(h) for h in spans) < 2:
            break
        r_in, r_out = max(h[0] for h in spans), min(h[-1] for h in spans)
        thickness = r_out - r_in
        half_d = min(d0 + (d1 - d0) * s, 0.21 * thickness)
        if half_d < d1:
            break
        r = r_out - max(P.SACRAL_WALL_MIN, 0.18 * thickness) - half_d
        p = centre + r * ray(th)
        if p @ sf.normal > top @ sf.normal - 16.0:  # still beside the top opening
            continue
        pts.append(p)
        hw.append(half_w)
        hd.append(half_d)
    # The hiatus: turn out through the dorsal surface.
    last = pts[-1]
    out = unit(last - centre)
    pts += [last + out * 6.0, last + out * 14.0]
    hw += [hw[-1]] * 2
    hd += [hd[-1]] * 2
    # the widened top rings are centred behind the canal's own centreline
    shift = np.zeros((len(pts), 3))
    shift[:3] = -2 * d0 * sf.anterior
    return np.array(pts), np.array(hw), np.array(hd), shift


def _tunnel(
    start: np.ndarray,
    opening: np.ndarray,
    outward: np.ndarray,
    up: np.ndarray,
    half_height: float,
    half_width: float,
    reach: float = 10.0,
) -> Tunnel:
    """A foramen from ``start`` (in the canal) out through the opening along the surface normal
    there, on a smooth bend (quadratic Bezier) that reaches the opening along its axis (its
    control point ``reach`` mm inside the opening)."""
    ctrl = opening - reach * outward
    t = np.linspace(0.0, 1.0, 9)[:, None]
    bend = (1 - t) ** 2 * start + 2 * t * (1 - t) * ctrl + t**2 * opening
    path = np.vstack([bend, opening + 3.0 * outward, opening + 6.0 * outward])
    return Tunnel(
        path, opening, unit(outward), unit(up - (up @ outward) * outward), half_height, half_width
    )


_OPENING_SIZES = {
    ("s1", "anterior"): (P.S1_ANTERIOR_FORAMEN_HEIGHT, P.S1_ANTERIOR_FORAMEN_WIDTH),
    ("s1", "posterior"): (P.S1_POSTERIOR_FORAMEN_HEIGHT, P.S1_POSTERIOR_FORAMEN_WIDTH),
    ("s2", "anterior"): (P.S2_ANTERIOR_FORAMEN_HEIGHT, P.S2_ANTERIOR_FORAMEN_WIDTH),
    ("s2", "posterior"): (P.S2_POSTERIOR_FORAMEN_HEIGHT, P.S2_POSTERIOR_FORAMEN_WIDTH),
}


def carving(sacrum: trimesh.Trimesh, sf: SacralFrame) -> SacralCarving:
    """Where the canal and the S1 and S2 tunnels run through the placed ``sacrum``, and where it
    is cut between S1 and S2."""
    canal_path, hw, hd, shift = _canal(sacrum, sf)
    pits = _depression(sacrum)
    pelvic_side = unit(sf.anterior - 0.5 * sf.normal)
    dorsal_side = unit(-sf.anterior + 0.3 * sf.normal)
    tunnels: dict[str, Tunnel] = {}
    # right first: the order of the tunnels is the order of the cutters, which decides the
    # triangles the boolean leaves
    for side_name in sorted(SIDES, reverse=True):
        side = int(frame.side_sign(side_name))
        asf1 = _pit(sacrum, pits, pelvic_side, side, P.S1_ANTERIOR_FORAMEN_PIT, sf)
        psf1 = _pit(sacrum, pits, dorsal_side, side, P.S1_POSTERIOR_FORAMEN_PIT, sf)
        # LLP26's pit gives the level; the published distance from the midline gives the place
        psf1 = onto_surface(
            sacrum, np.r_[side * P.S1_POSTERIOR_FORAMEN_LATERAL.value, psf1[1:]], dorsal_side
        )
        asf2 = _pit(sacrum, pits, pelvic_side, side, P.S2_ANTERIOR_FORAMEN_PIT, sf)
        psf2 = _pit(sacrum, pits, dorsal_side, side, P.S2_POSTERIOR_FORAMEN_PIT, sf)
        for level, asf, psf in (("s1", asf1, psf1), ("s2", asf2, psf2)):
            # Each sacral foramen leaves the canal sideways, then forks: forwards to the pelvic
            # opening (the ventral ramus's way) and backwards to the dorsal one. The S1 root
            # leaves from the canal's side; the S2 tunnels from its middle (from its side they
            # would run under the thin dorsal wall and break through).
            k = int(np.argmin(np.linalg.norm(canal_path - asf, axis=1)))
            start = canal_path[k]
            if level == "s1":
                front_width = _OPENING_SIZES[(level, "anterior")][1].value
                start = start + side * max(hw[k] - front_width / 2, 0.0) * frame.RIGHT
            fork = None
            for kind, centre in (("anterior", asf), ("posterior", psf)):
                # the surface's mean normal around the opening
                near = np.linalg.norm(sacrum.triangles_center - centre, axis=1) < 5.0
                outward = unit((sacrum.face_normals[near] * sacrum.area_faces[near, None]).sum(0))
                h, w = _OPENING_SIZES[(level, kind)]
                t = _tunnel(
                    start if fork is None else fork,
                    centre,
                    outward,
                    sf.normal,
                    h.value / 2,
                    w.value / 2,
                )
                tunnels[f"{level}_{kind}_{side_name}"] = t
                fork = t.path[3]
    # The S1/S2 cut: one plane across the sacrum, square to the S1 axis (the plane of the S1/S2
    # junction, parallel to the S1 endplate), a little below the lowest points of the S1
    # pelvic openings; the S1 arch behind the canal lies above it.
    gap = P.S1_S2_CUT_BELOW_FORAMINA

    def below(t: Tunnel) -> np.ndarray:
        return t.opening - (t.half_height + gap) * t.up

    point = np.mean([below(tunnels[f"s1_anterior_{s}"]) for s in SIDES], axis=0)
    point[0] = 0.0
    normal = unit(np.asarray(sf.normal, float))
    # every S1 tunnel stays above the cut
    s1_pts = np.vstack([t.path[:-1] for n, t in tunnels.items() if n.startswith("s1")])
    lowest = ((s1_pts - point) @ normal).min() - max(t.half_height for t in tunnels.values())
    if lowest < gap:
        point = point + (lowest - gap) * normal
    return SacralCarving(canal_path, hw, hd, shift, tunnels, point, normal)


#: mm between the canal cutter's rings [constructed: short triangles, no shading streaks]
CANAL_RING_SPACING = 1.5


def _resampled(
    path: np.ndarray, *values: np.ndarray, step: float = CANAL_RING_SPACING
) -> tuple[np.ndarray, ...]:
    """``path`` and per-point ``values`` interpolated to points ``step`` mm apart along it: the
    tube between rings far apart is made of long thin triangles that shade as streaks."""
    s = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))]
    grid = np.linspace(0.0, s[-1], max(int(np.ceil(s[-1] / step)) + 1, len(path)))
    out = [np.column_stack([np.interp(grid, s, path[:, i]) for i in range(3)])]
    out += [np.interp(grid, s, v) for v in values]
    return tuple(out)


def carve(sacrum: trimesh.Trimesh, carving: SacralCarving) -> manifold3d.Manifold:
    """The placed ``sacrum`` with the canal and tunnels of ``carving`` taken out (a solid)."""
    path, half_widths, half_depths = _resampled(
        carving.canal_path + carving.canal_shift,
        carving.canal_half_widths,
        carving.canal_half_depths,
    )
    # the canal's rings: "height" along the left-right axis (its width), then its depth
    cutters = [tube(path, half_widths, half_depths, [np.asarray(frame.RIGHT)] * len(path))]
    for t in carving.tunnels.values():
        m = len(t.path)
        # circular where it leaves the canal, the published opening's ellipse near the surface
        at_opening = np.linalg.norm(t.path - t.opening, axis=1) < 5.0
        r = min(t.half_height, t.half_width)
        hh = np.where(at_opening, t.half_height, r)
        ww = np.where(at_opening, t.half_width, r)
        tangents = np.gradient(t.path, axis=0)
        tangents[at_opening] = t.axis  # the opening's stretch runs straight along its axis
        cutters.append(tube(t.path, hh, ww, [t.up] * m, tangents))
    return to_manifold(sacrum) - manifold3d.Manifold.batch_boolean(cutters, manifold3d.OpType.Add)


#: [constructed] a fold sharper than this (dihedral, degrees) is a fin the booleans left where a
#: cutter nearly grazed the surface; the cut plane's own edge (about 137 deg) stays sharp
FIN_FOLD_DEGREES = 150.0
FIN_SMOOTHING = 10  # [constructed] Laplacian passes over a fin and the ring of vertices round it


def without_fins(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """A copy of ``mesh`` whose fins (edges folded past ``FIN_FOLD_DEGREES``: zero-thickness
    sheets the canal and tunnel cuts leave where a cutter grazes the surface) are smoothed back
    into the surface: each fin's vertices and the ring round them move to their neighbours'
    mean. A fin turns the surface's normals inside out, so a signed distance read from them
    would call points outside the bone inside it."""
    out = mesh.copy()
    for _ in range(3):
        folded = np.degrees(out.face_adjacency_angles) > FIN_FOLD_DEGREES
        if not folded.any():
            break
        edges = out.edges_unique
        n = len(out.vertices)
        adj = sparse.coo_matrix(
            (
                np.ones(2 * len(edges)),
                (np.r_[edges[:, 0], edges[:, 1]], np.r_[edges[:, 1], edges[:, 0]]),
            ),
            shape=(n, n),
        ).tocsr()
        region = np.zeros(n, bool)
        region[np.unique(out.face_adjacency_edges[folded])] = True
        region |= np.asarray(adj @ region.astype(float)).ravel() > 0  # and the ring round it
        average = sparse.diags(1.0 / np.asarray(adj.sum(1)).ravel()) @ adj
        v = np.array(out.vertices)
        for _ in range(FIN_SMOOTHING):
            v[region] = (average @ v)[region]
        out = trimesh.Trimesh(v, out.faces, process=False)
    return out
