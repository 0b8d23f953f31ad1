"""The S1 posterior arch that LLP26 lacks: the S1 laminae and the S1 spinous tubercle.

LLP26's mean sacrum has no bone behind the top of the sacral canal (the canal's top opening is
carved back through the space it fills, :mod:`viewer.anatomy.sacral_carving`). Behind S1 lie:

* **S1 laminae**: a roof over the canal, the two laminae meeting in the midline at an angle, so
  that the canal at S1 is triangular in section (its base the back of the S1 body, its apex
  behind, under the spinous tubercle; Gray's Anatomy 42nd ed., "Sacrum"). Each lamina is a
  broad plate: its canal face runs forwards as it runs out to the side (``S1_LAMINA_SLOPE``);
  it is ``S1_LAMINA_THICKNESS`` thick at its free upper border and thickens down into the bone
  (its back face slopes back by ``S1_LAMINA_BACK_SLOPE``), so that from above and behind it is a
  sloping plate, not a bar; below the top of LLP26's roof it dives into the roof
  (``S1_LAMINA_DIVE``); out to the side it thins into the bone beside the canal;
* **S1 spinous tubercle**: the first and largest tubercle of the median sacral crest, a rounded
  knob on the back of the laminae, standing up towards the L5 spinous process, one interspinous
  space below it (``S1_TUBERCLE_*``).

Both are one signed-distance shape blended (a smooth union, ``S1_ARCH_BLEND``) with the signed
distance to the carved sacrum itself, sunk ``S1_ARCH_BONE_SINK`` into it: the arch grows out of
the bone on fillets, with no seam, while away from the arch the blended shape lies inside the bone
and vanishes in the union. The canal in front of the laminae is kept clear. It is meshed and added
to the carved sacrum (after the canal is carved, so the canal's cutter leaves it whole). The
S1/S2 plane of :mod:`sacral_carving` passes below it, so the arch belongs to ``s1_segment``.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh
from scipy.spatial import cKDTree

from . import implicit as imp
from . import meshing
from . import parameters as P
from .geometry import to_manifold
from .sacral_carving import SacralCarving, Tunnel


def _canal_centre_y(canal_path: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The canal centreline's ``y`` at heights ``z`` (its top stretch, straight on beyond)."""
    top = canal_path[1:8]
    order = np.argsort(top[:, 2])
    return np.interp(z, top[order, 2], top[order, 1])


def _canal_face(canal_path: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``y`` of the laminae's canal face at the points ``p``: behind the canal's centreline in
    the midline, further forwards out to the side (the canal's triangular apex behind)."""
    return (
        _canal_centre_y(canal_path, p[:, 2])
        - P.S1_LAMINA_BEHIND_CANAL_CENTRE
        + P.S1_LAMINA_SLOPE * np.abs(p[:, 0])
        - _retreat(p[:, 2])
    )


def _retreat(z: np.ndarray) -> np.ndarray:
    """How far the canal face steps back into LLP26's roof below its top (``S1_LAMINA_DIVE`` mm
    per mm): it crosses the carved canal wall there instead of running along it, just in front,
    where the boolean would leave fins that flip under rounding noise."""
    return P.S1_LAMINA_DIVE * np.clip(P.S1_LAMINA_ROOF_TOP - z, 0.0, None)


def _laminae(canal_path: np.ndarray) -> imp.SDF:
    """The two laminae, one plate bent at the midline, with rounded rims (model frame)."""
    r = P.S1_LAMINA_ROUNDING
    reach = P.S1_LAMINA_HALF_SPAN
    start = P.S1_LAMINA_THINNING_FROM

    def f(p: np.ndarray) -> np.ndarray:
        x, y, z = p[:, 0], p[:, 1], p[:, 2]
        inner = _canal_face(canal_path, p)
        # the upper border arches up laterally, towards the articular processes
        z_top = P.S1_LAMINA_TOP + P.S1_LAMINA_TOP_RISE * x * x
        # thicker down from the free border; thinning out to the side (a smoothstep)
        u = np.clip((np.abs(x) - start) / (reach - start), 0.0, 1.0)
        thin = 1.0 - P.S1_LAMINA_LATERAL_THINNING * u * u * (3.0 - 2.0 * u)
        # below the top of LLP26's own roof of the canal the back face turns forwards, away
        # from the dorsal surface, so that the plate dives into the roof (a plate lying just
        # under the surface would bulge it in the blend)
        roof = P.S1_LAMINA_ROOF_TOP
        depth = (
            P.S1_LAMINA_THICKNESS
            + P.S1_LAMINA_BACK_SLOPE * np.clip(z_top - z, 0.0, z_top - roof)
            - P.S1_LAMINA_DIVE * np.clip(roof - z, 0.0, None)
        )
        back = inner + _retreat(z) - np.maximum(depth, P.S1_LAMINA_ROUNDING) * thin
        across = (np.abs(y - 0.5 * (inner + back)) - 0.5 * (inner - back)) * P.S1_LAMINA_FACE_COSINE
        across = across + r
        top = z - z_top + r
        side = np.abs(x) - reach + r
        inside = np.minimum(np.maximum.reduce([across, top, side]), 0.0)
        out = np.sqrt(
            np.clip(across, 0, None) ** 2 + np.clip(top, 0, None) ** 2 + np.clip(side, 0, None) ** 2
        )
        return np.maximum(out + inside - r, P.S1_LAMINA_BOTTOM - z)

    return f


def bone_distance(carved: trimesh.Trimesh, lo: np.ndarray, hi: np.ndarray) -> imp.SDF:
    """Signed distance to the ``carved`` sacrum near the box ``lo``-``hi``, from dense surface
    samples signed by their normals; further than ``S1_ARCH_BONE_BAND`` from the surface it reads
    as that far outside (a shape blends only with bone near it; deep inside the bone the
    blended shape has a hollow, hidden in the union)."""
    c = carved.triangles_center
    near = np.all((c > lo - 10.0) & (c < hi + 10.0), axis=1)
    piece = carved.submesh([np.flatnonzero(near)], append=True)
    assert isinstance(piece, trimesh.Trimesh)
    pts, nrm = imp.surface_samples(piece, P.S1_ARCH_BONE_SPACING)
    tree = cKDTree(pts)
    band = P.S1_ARCH_BONE_BAND
    # the arch's field asks twice for the same points (its blend and its canal's clearance): the
    # last answer is kept for the same array (the query is most of the pelvis builder's time)
    last: list[np.ndarray] = []

    def f(p: np.ndarray) -> np.ndarray:
        if last and last[0] is p:
            return last[1].copy()
        d, j = tree.query(p, distance_upper_bound=band, workers=-1)
        ok = np.isfinite(d)
        out = np.full(len(p), band)
        side = np.einsum("ij,ij->i", p[ok] - pts[j[ok]], nrm[j[ok]])
        out[ok] = np.where(side < 0.0, -d[ok], d[ok])
        last[:] = [p, out]
        return out.copy()

    return f


def _opening(t: Tunnel) -> imp.SDF:
    """The way out of a foramen's opening: a cylinder along its axis, ``S1_FORAMEN_CLEARANCE``
    wider than the opening, from 8 mm inside the bone to 12 mm out."""
    radius = max(t.half_height, t.half_width) + P.S1_FORAMEN_CLEARANCE
    return imp.capsule(t.opening - 8.0 * t.axis, t.opening + 12.0 * t.axis, radius)


def s1_arch(cut: SacralCarving, carved: trimesh.Trimesh) -> manifold3d.Manifold:
    """The S1 laminae and spinous tubercle, grown out of the ``carved`` sacrum, as a solid to add
    to it."""
    path = cut.canal_path
    zc = P.S1_TUBERCLE_TOP - P.S1_TUBERCLE_RADII[2]
    yc = float(_canal_centre_y(path, np.array([zc]))[0]) - P.S1_TUBERCLE_BEHIND_CANAL_CENTRE
    tubercle = imp.ellipsoid((0.0, yc, zc), P.S1_TUBERCLE_RADII)
    arch = imp.smooth_union(P.S1_TUBERCLE_BLEND, _laminae(path), tubercle)
    ys = _canal_centre_y(path, np.array([P.S1_LAMINA_BOTTOM, P.S1_TUBERCLE_TOP]))
    span = P.S1_LAMINA_HALF_SPAN + 9.0
    lo = np.array([-span, float(ys.min()) - 32.0, P.S1_LAMINA_BOTTOM - 8.0])
    hi = np.array([span, float(ys.max()) + 8.0, P.S1_TUBERCLE_TOP + 9.0])
    bone = bone_distance(carved, lo, hi)
    sink = P.S1_ARCH_BONE_SINK
    grown = imp.smooth_union(P.S1_ARCH_BLEND, arch, lambda p: bone(p) + sink)
    box = imp.box(tuple(0.5 * (lo + hi)), tuple(0.5 * (hi - lo) - 1.0))

    # the S1 posterior foramina beside the laminae stay open as carved
    foramina = [_opening(t) for n, t in cut.tunnels.items() if n.startswith("s1_posterior")]

    def path_face(p: np.ndarray) -> np.ndarray:
        return _canal_face(path, p)

    def shape(p: np.ndarray) -> np.ndarray:
        # the canal in front of the laminae stays clear (the fillets do not reach into it)
        # (rounded, edges and crease alike: a fillet grazing a sharp edge would jump under noise)
        # (only where it lies clear of the bone: bone reaching into the zone keeps its arch, so
        # that no cut runs along a bone surface, face to face with it)
        k = P.S1_CANAL_KEEP_ROUNDING
        canal = -imp.smooth_min(p[:, 1] - path_face(p), P.S1_CANAL_KEEP_HALF - np.abs(p[:, 0]), k)
        clear = -imp.smooth_min(-canal, bone(p) - P.S1_CANAL_KEEP_BONE_MARGIN, k)
        kept = -imp.smooth_min(-grown(p), clear, k)
        return np.maximum.reduce([kept, box(p)] + [-f(p) for f in foramina])

    mesh = meshing.mesh_sdf(
        shape, (tuple(lo), tuple(hi)), voxel=0.5, target_faces=P.S1_ARCH_FACES, smooth_iterations=4
    )
    return to_manifold(mesh)
