"""The shapes the nerves are made of: sweeps along a centreline with a radius profile (a root with
its dorsal root ganglion, a dural sleeve), trimmed to stay clear of bone and muscle, and meshed
as one closed surface; a flat section cap where a nerve leaves the modelled region.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import trimesh

from . import implicit, meshing, routing, section_caps
from . import parameters as P

#: triangles of one nerve's mesh
NERVE_FACES = 5000


def spindle(s: np.ndarray, centre: float, length: float, ratio: float) -> np.ndarray:
    """A radius factor along arc length ``s``: 1 away from ``centre``, swelling smoothly (cos^2)
    to ``ratio`` over ``length`` mm centred there (a ganglion)."""
    x = np.clip((np.asarray(s, float) - centre) / (length / 2.0), -1.0, 1.0)
    return 1.0 + (ratio - 1.0) * np.cos(0.5 * np.pi * x) ** 2


def ganglion_profile(path: np.ndarray, radius: float, at: np.ndarray) -> tuple[np.ndarray, float]:
    """Radii along a root ``path`` with a dorsal root ganglion centred on the path point nearest
    to ``at``, and the ganglion centre's arc length."""
    s = routing.arc_length(path)
    c = float(s[int(np.argmin(np.linalg.norm(path - at, axis=1)))])
    return radius * spindle(s, c, P.DRG_LENGTH, P.DRG_DIAMETER_RATIO.value), c


def sleeve(
    path: np.ndarray, radius: float, ganglion: float, leaves: float
) -> tuple[np.ndarray, np.ndarray]:
    """The dural sleeve round a root whose ganglion is centred at arc length ``ganglion``: a thin
    sheath over the root (``radius``) that flares into a funnel where it leaves the sac (at arc
    length ``leaves``) and runs out to the ganglion, where the dura ends, blending with the
    root's epineurium: it tapers onto the root over the ganglion's distal half. Returns the
    sleeve's centreline and half-widths."""
    s = routing.arc_length(path)
    end = ganglion + P.DRG_LENGTH / 2.0
    keep = s <= end
    out = np.clip(1.0 - (s[keep] - leaves) / P.DURAL_SLEEVE_FUNNEL, 0.0, 1.0)
    flare = P.DURAL_SLEEVE_FLARE * out**2
    fade = np.clip((end - s[keep]) / (P.DRG_LENGTH / 2.0), 0.0, 1.0)
    fade = fade * fade * (3.0 - 2.0 * fade)  # smoothstep: the sheath thins out onto the root
    return path[keep], radius + (P.DURAL_SLEEVE_THICKNESS + flare) * fade - 0.3 * (1.0 - fade)


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
    point,
    normal,
    faces: int = NERVE_FACES,
) -> trimesh.Trimesh:
    """Like :func:`mesh`, for a shape cut by the plane (``point``, ``normal``: outward) where it
    leaves the modelled region: the cut is made flat (:func:`flat_cap`) on the fine mesh, before
    it is decimated, and tagged as a section cap (:mod:`section_caps`).

    Flattening after the decimation folded a thin nerve's cap: a 3 mm branch's cut end is only a
    few decimated triangles across, rounded by the meshing over about 1 mm, and squashing that
    dome flat turned a triangle over. On the fine mesh the rounding is under ``flat_cap``'s depth
    and the quadric decimation keeps the plane and its rim."""
    fine = mesh(f, paths, reach, voxel, faces=None)
    out = meshing.closed_decimation(flat_cap(fine, point, normal), faces)
    if out is None:
        raise meshing.MeshingError(f"no closed capped mesh within {faces} triangles")
    section_caps.tag_plane(out, point, normal, 0.05)  # it runs on beyond the model: a section
    return out


def flat_cap(m: trimesh.Trimesh, point, normal, depth: float = 0.35) -> trimesh.Trimesh:
    """``m`` with the vertices within ``depth`` mm below the plane (``point``, ``normal``: outward)
    put on it: the section cap becomes one clean planar face. ``depth`` must stay under how far
    the meshing rounds the cut's rim (about a voxel): deeper, the rim's side wall is squashed
    into the plane and its triangles can turn over."""
    n = np.asarray(normal, float)
    n = n / np.linalg.norm(n)
    v = np.array(m.vertices)
    h = (v - np.asarray(point, float)) @ n
    near = h > -depth
    v[near] -= h[near, None] * n
    return trimesh.Trimesh(v, m.faces, process=False)


def union(k: float, fields: Sequence[implicit.SDF]) -> implicit.SDF:
    """Smooth union of the shapes (fillet ``k`` mm where a branch joins)."""
    return fields[0] if len(fields) == 1 else implicit.smooth_union(k, *fields)


Field = Callable[[np.ndarray], np.ndarray]
