"""Surface helpers of the L5-S1 disc's builder (:mod:`viewer.anatomy.disc`): a smoothed distance
to S1's faceted surface, a cut by bone rounded only at the rim, and the relaxation of the few folds
meshing leaves."""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit as imp

#: [constructed] mm: how widely S1's faceted surface is averaged for the disc's cut
S1_SMOOTHING = 0.6


def smooth_surface_field(mesh: trimesh.Trimesh, h: float = S1_SMOOTHING) -> imp.SDF:
    """Signed distance (near the surface) to a smoothed ``mesh``: the Gaussian-weighted mean of
    the distances to the tangent planes of its 12 nearest surface samples, ``h`` mm wide (S1's
    surface, derived from a scan, is faceted; cut by it directly the disc's rim frays)."""
    from scipy.spatial import cKDTree

    pts, nrm = imp.surface_samples(mesh, 0.5)
    tree = cKDTree(pts)

    def f(p):
        d, i = tree.query(p, k=12, workers=-1)
        w = np.exp(-(((d - d[:, :1]) / h) ** 2))
        plane = np.einsum("ijk,ijk->ij", p[:, None, :] - pts[i], nrm[i])
        return (w * plane).sum(axis=1) / w.sum(axis=1)

    return f


def cut_with_rounded_rim(
    disc: imp.SDF, bone: imp.SDF, rim: imp.SDF, rounding: float, zone: tuple[float, float]
) -> imp.SDF:
    """``disc`` cut back by ``bone``: in an edge rounded ``rounding`` mm where ``rim`` (a signed
    distance to the endplate's outline, negative inside) is over ``zone[0]``, where the disc's
    wall meets the bone's rounded rim at a grazing angle (cut sharply there it frays into a
    sawtooth), and sharply where it is under ``-zone[1]``, where the disc's face lies on the
    endplate (rounded there it would stand off the endplate's steps); blended between."""
    outer, inner = zone

    def f(p):
        # (each field evaluated once: imp.subtract and imp.smooth_subtract, as before, by hand)
        d, b = disc(p), bone(p)
        hard = np.maximum(d, -b)
        soft = -imp.smooth_min(-d, b, rounding)
        w = np.clip((rim(p) + inner) / (inner + outer), 0.0, 1.0)
        return (1.0 - w) * hard + w * soft

    return f


def relaxed(mesh: trimesh.Trimesh, passes: int = 100) -> trimesh.Trimesh:
    """``mesh`` with the few triangles that meshing left folded over (at the annulus's thin inner
    lip) relaxed flat: the vertices of edges folded past 90 degrees, and their neighbours, moved
    towards their neighbours' centroid until no such edge is left."""
    m = mesh.copy()
    for _ in range(passes):
        folded = np.degrees(m.face_adjacency_angles) > 90.0
        if not folded.any():
            break
        ring = m.vertex_neighbors
        seed = np.unique(m.face_adjacency_edges[folded])
        move = np.unique(np.concatenate([seed, *(ring[v] for v in seed)]))
        v = m.vertices.copy()
        v[move] = 0.4 * v[move] + 0.6 * np.array([v[ring[k]].mean(axis=0) for k in move])
        m = trimesh.Trimesh(v, m.faces, process=False)
    return m


#: [constructed] mm: the rounding of the disc's edge over the inner edge of L5's ring apophysis
#: (the bone's step there is 1 mm high and sharp-cornered: followed exactly, the disc's upper
#: face showed a raised step all round, "like the rim of a pie dish", blind review s22; the
#: cartilage endplate smooths that step in life)
RING_STEP_ROUNDING = 2.5


def ring_step_fill(s, k: float = RING_STEP_ROUNDING) -> imp.SDF:
    """The sliver, in the L5 frame, between L5's inferior endplate floor inside its ring
    apophysis (:func:`vertebra_shape.body_sdf`'s recess, ``ring_apophysis_height`` deep inside
    an ellipse ``ring_apophysis_width`` in from the body's outline) and the same recess with its
    rim rounded by ``k``, less the endplate's dish: cut from the disc together with the bone, it
    leaves the disc's upper face ramping smoothly up from the ring onto the floor instead of a
    sharp step (a pocket at most about ``0.35 k`` deep against the bone's concave corner)."""
    yc = s.body_front_y - s.body_depth / 2.0
    a_dish = (
        s.body_width / 2.0 - s.ring_apophysis_width,
        s.body_depth / 2.0 - s.ring_apophysis_width,
    )
    inside = imp.ellipsoid((0.0, yc - 1.0, 0.0), (*a_dish, 500.0))
    below = imp.halfspace((0.0, 0.0, s.ring_apophysis_height), (0.0, 0.0, 1.0))
    recess = imp.intersection(inside, below)
    rounded = imp.smooth_intersection(k, inside, below)
    dish = imp.ellipsoid((0.0, yc - 1.0, 0.0), (*a_dish, s.endplate_dish_inferior))
    return imp.subtract(recess, rounded, dish)
