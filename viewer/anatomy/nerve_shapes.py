"""The shapes the nerves are made of: sweeps along a centreline with a radius profile (a root with
its dorsal root ganglion, a dural sleeve), trimmed to stay clear of bone and muscle, and meshed
as one closed surface; a flat section cap where a nerve leaves the modelled region.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import trimesh

from . import cap_rims, implicit, meshing, routing, section_caps
from . import parameters as P
from .muscle_meshing import unfolded

#: triangles of one nerve's mesh
NERVE_FACES = 5000
#: degrees two neighbouring triangles of a nerve may turn (a flat cut's rim turns 90): beyond
#: this a decimated triangle has turned over, and another of the decimation's retries is taken
FOLD_LIMIT = 120.0


def spindle(s: np.ndarray, centre: float, length: float, ratio: float) -> np.ndarray:
    """A radius factor along arc length ``s``: 1 away from ``centre``, swelling smoothly (cos^2)
    to ``ratio`` over ``length`` mm centred there (a ganglion)."""
    x = np.clip((np.asarray(s, float) - centre) / (length / 2.0), -1.0, 1.0)
    return 1.0 + (ratio - 1.0) * np.cos(0.5 * np.pi * x) ** 2


def ganglion_profile(path: np.ndarray, radius: float, at: np.ndarray) -> tuple[np.ndarray, float]:
    """Radii along a root ``path`` with a dorsal root ganglion centred on the path point nearest
    to ``at`` (a long spindle, :func:`spindle`), and the ganglion centre's arc length. Beyond the
    ganglion the root (its ventral ramus) thickens a little, by ``ROOT_DISTAL_THICKENING`` over
    ``ROOT_THICKENING_LENGTH`` mm: a root is no uniform pipe."""
    s = routing.arc_length(path)
    c = routing.nearest_length(path, at)  # (projected: it moves continuously with the path)
    grow = np.clip((s - c) / P.ROOT_THICKENING_LENGTH, 0.0, 1.0)
    grow = grow * grow * (3.0 - 2.0 * grow)  # smoothstep
    distal = 1.0 + (P.ROOT_DISTAL_THICKENING - 1.0) * grow
    return radius * distal * spindle(s, c, P.DRG_LENGTH, P.DRG_DIAMETER_RATIO.value), c


def spinal_nerve_swelling(path: np.ndarray, ganglion: float) -> np.ndarray:
    """A radius factor along a root's centreline ``path`` (its ganglion centred at arc length
    ``ganglion``): 1 but for a gentle swelling where the spinal nerve forms beyond the ganglion,
    the dorsal and ventral roots joined in one trunk (Bogduk ch. 8; Gray's Anatomy 42nd ed.),
    ``SPINAL_NERVE_SWELLING`` thicker at its widest ``SPINAL_NERVE_SWELLING_AT`` mm beyond the
    ganglion's centre, fading smoothly (cos^2) over ``SPINAL_NERVE_SWELLING_LENGTH`` mm either
    side: a root whose girth changes gently along it, no pipe of one width (blind review s39).
    Drawn only (the routing keeps its own envelope): the roots' ends, where they join the
    plexus, keep their radii. S1's only: L5's spinal nerve becomes the lumbosacral trunk,
    thickening where L4's branch joins it (:mod:`l5_root`); swollen too just beyond its
    ganglion, with its dorsal ramus leaving there, it was as wide as the ganglion itself."""
    s = routing.arc_length(path)
    x = np.clip((s - ganglion - P.SPINAL_NERVE_SWELLING_AT) / P.SPINAL_NERVE_SWELLING_LENGTH, -1, 1)
    return 1.0 + (P.SPINAL_NERVE_SWELLING - 1.0) * np.cos(0.5 * np.pi * x) ** 2


def sleeve(
    path: np.ndarray, radius: float, ganglion: float, leaves: float
) -> tuple[np.ndarray, np.ndarray]:
    """The dural sleeve round a root whose ganglion is centred at arc length ``ganglion``: a long
    funnel from where it leaves the sac (at arc length ``leaves``; there ``DURAL_SLEEVE_FLARE``
    wider than the root in its dura) narrowing continuously (no tube, no shoulder: its radius
    falls as a power ``DURAL_SLEEVE_TAPER_POWER`` of the way left) onto the root, to
    ``DURAL_SLEEVE_TIP`` of the root's radius ``DURAL_SLEEVE_PAST_GANGLION`` past the ganglion's
    centre, where the dura ends, going on as the root's epineurium: the sleeve is cut there
    (a section, :func:`sleeve_cut`; a rounded end read as a horn's tip, blind review s38).
    Returns the sleeve's centreline (running ``DURAL_SLEEVE_BEYOND_CUT`` mm past the cut, so
    that the cut crosses a whole section) and half-widths."""
    s = routing.arc_length(path)
    end = ganglion + P.DURAL_SLEEVE_PAST_GANGLION
    stop = end + P.DURAL_SLEEVE_BEYOND_CUT
    # (ending at exactly that length, interpolated: the sleeve's end moves continuously)
    line = np.vstack([path[s < stop - 0.1], routing.at_length(path, [stop])])
    s = routing.arc_length(line)
    u = np.clip((s - leaves) / max(end - leaves, 1.0), 0.0, 1.0)
    wall = radius + P.DURAL_SLEEVE_THICKNESS + P.DURAL_SLEEVE_FLARE
    tip = P.DURAL_SLEEVE_TIP * radius
    return line, funnel(u, wall, tip)


def funnel(u: np.ndarray, wall: float, tip: float) -> np.ndarray:
    """A dural sleeve's half-widths at shares ``u`` (0 where it leaves the sac, 1 at its cut) of
    its length: ``wall`` at the sac narrowing continuously onto ``tip`` (its radius falling as
    the power ``DURAL_SLEEVE_TAPER_POWER`` of the way left: no tube, no shoulder)."""
    return tip + (wall - tip) * (1.0 - u) ** P.DURAL_SLEEVE_TAPER_POWER


def sleeve_cut(line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where a sleeve of :func:`sleeve` (its centreline ``line``) is cut off: the plane across it
    ``DURAL_SLEEVE_BEYOND_CUT`` mm before its end (point, outward normal)."""
    return cut_plane(line, routing.arc_length(line)[-1] - P.DURAL_SLEEVE_BEYOND_CUT, 1.0)


def trimmed(
    f: implicit.SDF,
    bones: routing.Obstacles,
    avoid: Sequence[implicit.SDF] = (),
    cut: implicit.SDF | None = None,
    margin: float = 0.5 * P.NERVE_BONE_CLEARANCE,
) -> implicit.SDF:
    """``f`` kept ``margin`` clear of bone, ``P.NERVE_MUSCLE_CLEARANCE`` clear of each shape in
    ``avoid`` (muscles it passes), and on the inner side of ``cut`` (a section)."""

    def g(p):
        v = f(p)
        m = v < 1.0
        if m.any():
            q = p[m]
            w = np.maximum(v[m], margin - bones(q, reach=2.0))
            for a in avoid:
                w = np.maximum(w, P.NERVE_MUSCLE_CLEARANCE - a(q))
            if cut is not None:
                w = np.maximum(w, cut(q))
            v[m] = w
        return v

    return g


def mesh(
    f: implicit.SDF,
    paths: Sequence[np.ndarray],
    reach: float,
    voxel: float,
    faces: int | None = NERVE_FACES,
) -> trimesh.Trimesh:
    """Mesh a nerve shape lying within ``reach`` of ``paths`` as one closed surface, decimated to
    ``faces`` triangles (None: not decimated)."""
    return meshing.mesh_sdf_along(f, np.vstack(paths), reach, voxel=voxel, target_faces=faces)


def capped_mesh(
    f: implicit.SDF,
    paths: Sequence[np.ndarray],
    reach: float,
    voxel: float,
    caps: Sequence[tuple[np.ndarray, np.ndarray]],
    faces: int = NERVE_FACES,
    cap_reach: float = 0.0,
    round_rims: bool = False,
) -> trimesh.Trimesh:
    """Like :func:`mesh`, for a shape cut by planes (``caps``: (point, outward normal) each) where
    it leaves the modelled region or is cut off where it joins another nerve or the sac: each
    cut is made flat (:func:`flat_cap`, within ``CAP_REACH`` of its point) on the fine mesh,
    before it is decimated, and tagged as a section cap (:mod:`section_caps`).

    Flattening after the decimation folded a thin nerve's cap: a 3 mm branch's cut end is only a
    few decimated triangles across, rounded by the meshing over about 1 mm, and squashing that
    dome flat turned a triangle over. On the fine mesh the rounding is under ``flat_cap``'s depth
    and the quadric decimation keeps the plane and its rim. ``cap_reach``: how far from its point
    a cut is flattened (0: ``CAP_REACH``; less where other parts of the shape lie near a cut).
    ``round_rims``: each cut end's rim refined to a round one (:mod:`cap_rims`)."""
    fine = mesh(f, paths, reach, voxel, faces=None)
    for point, normal in caps:
        fine = flat_cap(fine, point, normal, reach=cap_reach or CAP_REACH)
    out = meshing.least_folded_decimation(fine, faces, FOLD_LIMIT)
    if out is None:
        out = meshing.closed_decimation(fine, faces)  # (with folded pairs repaired)
    if out is None:
        raise meshing.MeshingError(f"no closed capped mesh within {faces} triangles")
    if np.degrees(out.face_adjacency_angles).max() >= FOLD_LIMIT:  # folded by every retry
        out = unfolded(out)
    for point, normal in caps:  # it runs on beyond what is shown: a section
        section_caps.tag_plane(out, point, normal, 0.05)
    return cap_rims.rounder(out, FOLD_LIMIT) if round_rims else out


#: how far across its cord a root's end cut reaches, mm [constructed: past the widest root]
ROOT_CAP_REACH = 5.0


def root_mesh(
    f: implicit.SDF,
    paths: Sequence[np.ndarray],
    reach: float,
    cuts: Sequence[tuple[np.ndarray, np.ndarray]],
    twigs: Sequence[np.ndarray],
    cut_already: Sequence[tuple[np.ndarray, np.ndarray]] = (),
) -> trimesh.Trimesh:
    """A nerve root's mesh: ``f`` cut off flat (sections) at ``cuts`` (point, outward normal)
    and 0.5 mm short of the tips of its dorsal ramus's branches ``twigs``, meshed along ``paths``
    (within ``reach`` mm) with round rims; ``cut_already``: caps where ``f`` is cut already."""
    caps = [*cuts, *(cut_plane(t, routing.arc_length(t)[-1] - 0.5, 1.0) for t in twigs)]
    f = cut_ends(f, caps, reach=ROOT_CAP_REACH)
    return capped_mesh(
        f,
        paths,
        reach,
        0.3,
        [*caps, *cut_already],
        faces=P.ROOT_FACES,
        cap_reach=ROOT_CAP_REACH,
        round_rims=True,
    )


def cut_ends(
    f: implicit.SDF, caps: Sequence[tuple[np.ndarray, np.ndarray]], reach: float = 0.0
) -> implicit.SDF:
    """``f`` cut by each plane of ``caps`` ((point, outward normal)) within ``reach`` (0:
    ``CAP_REACH``) of its point (only the nerve's end there, not a part of it that passes the
    plane elsewhere)."""
    for point, normal in caps:
        cut = implicit.halfspace(point, normal)

        def g(p, f=f, cut=cut, point=point):
            v = f(p)
            near = np.linalg.norm(p - point, axis=1) < (reach or CAP_REACH)
            v[near] = np.maximum(v[near], cut(p[near]))
            return v

        f = g
    return f


def end_taper(path: np.ndarray) -> np.ndarray:
    """Per point of a root's centreline ``path`` (ending in the sciatic band's plexus end): the
    share of its radius it keeps, 1 down to ``ROOT_END_TAPER`` mm before its cut in the plexus
    (``ROOT_CUT_IN_PLEXUS`` mm before its end), then narrowing smoothly to ``ROOT_END_TIP`` at
    the cut: it runs tapering into the band rather than ending in a square stump."""
    s = routing.arc_length(path)
    d = s[-1] - P.ROOT_CUT_IN_PLEXUS - s
    return 1.0 - (1.0 - P.ROOT_END_TIP) * implicit.smoothstep(1.0 - d / P.ROOT_END_TAPER)


def cut_plane(path: np.ndarray, at: float, sense: float) -> tuple[np.ndarray, np.ndarray]:
    """The plane across ``path`` at arc length ``at``: its point and normal (along the path,
    ``sense`` -1: backwards, +1: forwards)."""
    s = routing.arc_length(path)
    at = float(np.clip(at, s[0], s[-1]))
    # interpolated (not the nearest point): the cut moves continuously with the path
    return routing.at_length(path, at), sense * routing.direction_at(path, at, 1.0)


#: how far from its point a cut's plane acts (a nerve's end, not its course elsewhere), mm
CAP_REACH = 9.0


def flat_cap(
    m: trimesh.Trimesh, point, normal, depth: float = 0.35, reach: float | None = None
) -> trimesh.Trimesh:
    """``m`` with the vertices within ``depth`` mm below the plane (``point``, ``normal``: outward)
    put on it: the section cap becomes one clean planar face. ``depth`` must stay under how far
    the meshing rounds the cut's rim (about a voxel): deeper, the rim's side wall is squashed
    into the plane and its triangles can turn over."""
    n = np.asarray(normal, float)
    n = n / np.linalg.norm(n)
    v = np.array(m.vertices)
    h = (v - np.asarray(point, float)) @ n
    near = h > -depth
    if reach is not None:
        near &= np.linalg.norm(v - np.asarray(point, float), axis=1) < reach
    v[near] -= h[near, None] * n
    return trimesh.Trimesh(v, m.faces, process=False)


def union(k: float, fields: Sequence[implicit.SDF]) -> implicit.SDF:
    """Smooth union of the shapes (fillet ``k`` mm where a branch joins)."""
    return fields[0] if len(fields) == 1 else implicit.smooth_union(k, *fields)


Field = Callable[[np.ndarray], np.ndarray]
