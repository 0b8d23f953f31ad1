"""The sacral promontory's lip: the rounded anterior rim of the S1 superior endplate.

LLP26's mean sacrum rounds the front edge of its S1 body off smoothly, so that the endplate runs
over into the front of the body and, at the sides, into the alae with no margin: seen from the
front, the top of S1 reads as one saddle. In the bone the anterior border of the S1 endplate is
a rounded lip standing slightly forwards of the body below it (the promontory, the ring
apophysis' fused rim; Gray's Anatomy 42nd ed., "Sacrum"), which outlines the endplate as an
oval. The lip here is a round tube along the endplate's front edge, ``S1_PROMONTORY_ARC`` either
side of the midline and tapering to nothing at its ends, its top ``S1_PROMONTORY_DROP`` below the
endplate's plane (so the endplate itself, and the disc on it, stay as they are), standing
``S1_PROMONTORY_OUTSET`` forwards of the bone's front face. Like the S1 arch
(:mod:`viewer.anatomy.sacral_tubercle`) it is blended with the bone's own signed distance, sunk
into it, so that it grows out of the body on a fillet with no seam.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh

from . import implicit as imp
from . import meshing
from . import parameters as P
from .frame import unit
from .geometry import ray_hits, to_manifold
from .sacral_carving import SacralFrame
from .sacral_tubercle import bone_distance


def _rim(sacrum: trimesh.Trimesh, sf: SacralFrame, centre: np.ndarray) -> np.ndarray:
    """The lip's centreline: at each angle of the arc (0 = straight forwards), the point where a
    ray in the endplate's plane, at the lip's depth below it, leaves the front of the body, moved
    out by ``S1_PROMONTORY_OUTSET`` less the lip's radius."""
    n, a = sf.normal, sf.anterior
    right = unit(np.cross(a, n))
    depth = P.S1_PROMONTORY_DROP + P.S1_PROMONTORY_RADIUS
    origin = centre - depth * n
    angles = np.radians(np.linspace(-P.S1_PROMONTORY_ARC, P.S1_PROMONTORY_ARC, 25))
    points = []
    for t in angles:
        d = np.cos(t) * a + np.sin(t) * right
        hits = ray_hits(sacrum, origin, d)
        if len(hits) == 0:
            raise ValueError("the S1 body has no front edge for the promontory's lip")
        reach = hits[hits > 0][0] + P.S1_PROMONTORY_OUTSET - P.S1_PROMONTORY_RADIUS
        points.append(origin + reach * d)
    return np.array(points)


def promontory_lip(
    sacrum: trimesh.Trimesh, sf: SacralFrame, endplate_centre: np.ndarray
) -> manifold3d.Manifold:
    """The lip, grown out of the (placed, uncarved) ``sacrum``, as a solid to add to it."""
    centre = np.asarray(endplate_centre, float)
    path = _rim(sacrum, sf, centre)
    s = np.linspace(-1.0, 1.0, len(path))
    # full radius over the middle, tapering smoothly to nothing at the arc's ends
    taper = np.clip((1.0 - np.abs(s)) / P.S1_PROMONTORY_TAPER, 0.0, 1.0)
    radii = P.S1_PROMONTORY_RADIUS * np.sqrt(taper * (2.0 - taper))
    lip = imp.tube(path, np.maximum(radii, 0.05))
    lo = path.min(axis=0) - 8.0
    hi = path.max(axis=0) + 8.0
    bone = bone_distance(sacrum, lo, hi)
    grown = imp.smooth_union(P.S1_PROMONTORY_BLEND, lip, lambda p: bone(p) + P.S1_ARCH_BONE_SINK)
    box = imp.box(tuple(0.5 * (lo + hi)), tuple(0.5 * (hi - lo) - 1.0))

    def shape(p: np.ndarray) -> np.ndarray:
        return np.maximum(grown(p), box(p))

    mesh = meshing.mesh_sdf(
        shape,
        (tuple(lo), tuple(hi)),
        voxel=0.5,
        target_faces=P.S1_PROMONTORY_FACES,
        smooth_iterations=4,
    )
    return to_manifold(mesh)
