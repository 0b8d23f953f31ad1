"""The S1 superior endplate and the sacral promontory, rebuilt on the LLP26 mean sacrum.

LLP26's mean blurs the top of the S1 body into a saddle (concave from side to side, convex from
front to back) that runs on into the alae with no margin, its front rounded off with no lip
(blind review s34/s35). An atlas shows a flat oval endplate ringed by a raised rim (the ring
apophysis), its anterior margin the promontory, a rounded lip jutting over the body's front,
the alae sweeping off lower at its sides. The top of the segment is rebuilt so:

* the **endplate**: an oval (kidney-shaped: its back margin a little concave in front of the
  canal) plateau in the plane of LLP26's own endplate, its floor very slightly depressed, ringed
  by a raised rim with a rounded outer edge;
* the **promontory**: the plateau's wall runs straight down from the rim a little way, then
  curves back under it into the body's front, so the front margin is a lip;
* the **alae** beside it are lowered into a shallow slope below the rim (nothing behind the
  body's middle: the pedicles and articular processes stay as built).

The plateau (``_plateau``) is added to the bone and what lay above the new surface taken away
(``_cleared``), both as solids meshed from implicit fields in the endplate's frame (x right,
``along`` anterior in the plane, ``h`` along its normal). The endplate's plane and centre are
LLP26's own, unchanged: the model's origin stays the centre of the endplate.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh
from scipy.ndimage import grey_closing

from . import frame, implicit, meshing
from . import parameters as P
from .frame import unit
from .geometry import from_manifold, to_manifold
from .implicit import smooth_min, smoothstep

#: [constructed] voxel sizes (mm) and triangle budgets of the plateau and the cleared solid
PLATEAU_VOXEL = 0.3
PLATEAU_FACES = 2400
CLEARED_VOXEL = 0.4
CLEARED_FACES = 3000
#: [constructed] the cleared solid's floor lies this far below the plane and its wall this far
#: inside the outline (both hidden under the plateau)
CLEARED_INNER_FLOOR = -1.3
CLEARED_INSIDE = 0.8
#: [constructed] the cleared solid reaches this high above the plane (above all bone it clears)
CLEARED_TOP = 8.0
#: [constructed] the plateau reaches this far below the plane (its undercut closes it above)
PLATEAU_BOTTOM = -5.0


def endplate_axes(normal: np.ndarray) -> np.ndarray:
    """Columns: right, anterior (in the endplate plane) and the endplate's normal."""
    n = unit(np.asarray(normal, float))
    right = np.asarray(frame.RIGHT, float)
    return np.column_stack([right, unit(np.cross(n, right)), n])


def _superellipse_radius(x: np.ndarray, along: np.ndarray) -> np.ndarray:
    """1 on the endplate's outline, less inside it (a superellipse in each AP half, the back's
    margin pushed forward at the midline)."""
    u = x / P.S1_ENDPLATE_HALF_WIDTH
    a0 = P.S1_ENDPLATE_WIDEST_AT
    front_depth = P.S1_ENDPLATE_FRONT - a0
    back_depth = a0 - P.S1_ENDPLATE_BACK
    notch = P.S1_ENDPLATE_POSTERIOR_CONCAVITY * np.clip(1.0 - u * u, 0.0, 1.0) ** 2
    behind = along < a0
    rel = along - a0 - np.where(behind, notch * smoothstep((a0 - along) / back_depth), 0.0)
    v = np.where(behind, rel / back_depth, rel / front_depth)
    p = np.where(behind, P.S1_ENDPLATE_BACK_SQUARENESS, P.S1_ENDPLATE_FRONT_SQUARENESS)
    return (np.abs(u) ** p + np.abs(v) ** p) ** (1.0 / p)


def outline_distance(x: np.ndarray, along: np.ndarray) -> np.ndarray:
    """About the distance (mm) from the endplate's outline in its plane: positive outside."""
    eps = 0.01
    rho = _superellipse_radius(x, along)
    gx = _superellipse_radius(x + eps, along) - _superellipse_radius(x - eps, along)
    ga = _superellipse_radius(x, along + eps) - _superellipse_radius(x, along - eps)
    grad = np.hypot(gx, ga) / (2 * eps)
    return (rho - 1.0) / np.maximum(grad, 1e-6)


def top_height(inside: np.ndarray) -> np.ndarray:
    """The endplate's height at ``inside`` mm in from its outline: the floor, the ring
    apophysis's crest ``S1_RING_APOPHYSIS_HEIGHT`` above it near the edge (the floor's dish is
    :func:`dish_depth`)."""
    fall = smoothstep((inside - P.S1_RING_APOPHYSIS_WIDTH) / P.S1_RING_APOPHYSIS_SLOPE)
    return P.S1_ENDPLATE_FLOOR + P.S1_RING_APOPHYSIS_HEIGHT * (1.0 - fall)


def dish_depth(x: np.ndarray, along: np.ndarray) -> np.ndarray:
    """How far the floor dips at (x, along): ``S1_ENDPLATE_DISH`` at the middle, none from
    ``S1_ENDPLATE_DISH_INSET`` inside the outline's extremes (a smooth elliptic dish: a
    depth read off the distance to the outline would crease along its medial axis)."""
    inset = P.S1_ENDPLATE_DISH_INSET
    middle = 0.5 * (P.S1_ENDPLATE_FRONT + P.S1_ENDPLATE_BACK)
    half_depth = 0.5 * (P.S1_ENDPLATE_FRONT - P.S1_ENDPLATE_BACK) - inset
    e = (x / (P.S1_ENDPLATE_HALF_WIDTH - inset)) ** 2 + ((along - middle) / half_depth) ** 2
    return P.S1_ENDPLATE_DISH * (1.0 - smoothstep(e))


def _undercut(h: np.ndarray, along: np.ndarray) -> np.ndarray:
    """How far in from the outline the plateau's wall lies at height ``h`` (under the lip, in
    front; none at the sides and back)."""
    full, none = P.S1_LIP_FROM
    share = smoothstep((along - none) / (full - none))
    below = np.maximum(-P.S1_LIP_WALL_BELOW - h, 0.0)
    return share * below * below / (2.0 * P.S1_LIP_UNDERCUT_RADIUS)


def _plateau_field(q: np.ndarray) -> np.ndarray:
    """Implicit field of the plateau (negative inside), at endplate-frame points ``q``."""
    x, along, h = q[:, 0], q[:, 1], q[:, 2]
    d2 = outline_distance(x, along)
    wall = d2 + _undercut(h, along)
    top = h - top_height(np.maximum(-d2, 0.0)) + dish_depth(x, along)
    k = 2.0 * P.S1_ENDPLATE_EDGE_ROUNDING
    rounded = -smooth_min(-wall, -top, k)
    return np.maximum(rounded, PLATEAU_BOTTOM - h)


def _cleared_field(q: np.ndarray) -> np.ndarray:
    """Implicit field of what is taken off the bone (negative inside): the bone above
    ``CLEARED_INNER_FLOOR`` inside the outline (all under the plateau)."""
    x, along, h = q[:, 0], q[:, 1], q[:, 2]
    d2 = outline_distance(x, along)
    return np.maximum.reduce([CLEARED_INNER_FLOOR - h, h - CLEARED_TOP, d2 + CLEARED_INSIDE])


def ala_lowering(q: np.ndarray) -> np.ndarray:
    """How far (mm, down the endplate's normal) the bone at endplate-frame points ``q`` is
    lowered beside the endplate (``S1_ALA_LOWERING``...): a smooth field, so the surface moved
    by it stays smooth."""
    x, along, h = q[:, 0], q[:, 1], q[:, 2]
    d2 = np.maximum(outline_distance(x, along), 0.0)
    a0, a1, a2, a3 = P.S1_ALA_LOWERING_ALONG
    ap = smoothstep((along - a0) / (a1 - a0)) * (1.0 - smoothstep((along - a2) / (a3 - a2)))
    top, bottom = P.S1_ALA_LOWERING_DEPTH
    depth = smoothstep((h - bottom) / (top - bottom))
    lateral = 1.0 - smoothstep(d2 / P.S1_ALA_LOWERING_REACH)
    return P.S1_ALA_LOWERING * lateral * ap * depth


def _meshed(field, bounds, voxel: float, faces: int, centre, axes) -> trimesh.Trimesh:
    """The zero level set of ``field`` (endplate frame) meshed, placed in the model frame."""
    mesh = meshing.mesh_sdf(field, bounds, voxel=voxel, target_faces=faces, smooth_iterations=2)
    T = np.eye(4)
    T[:3, :3] = axes
    T[:3, 3] = centre
    mesh.apply_transform(T)
    return mesh


def _extent() -> tuple[float, float, float]:
    w = P.S1_ENDPLATE_HALF_WIDTH
    return w, P.S1_ENDPLATE_FRONT, P.S1_ENDPLATE_BACK


def plateau(centre: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    """The endplate's plateau with its rim and the promontory's lip (model frame)."""
    w, front, back = _extent()
    bounds = ((-w - 2.0, back - 2.0, PLATEAU_BOTTOM - 1.0), (w + 2.0, front + 2.0, 2.0))
    return _meshed(
        _plateau_field,
        bounds,
        PLATEAU_VOXEL,
        PLATEAU_FACES,
        np.asarray(centre, float),
        endplate_axes(normal),
    )


def cleared(centre: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    """What is taken off the bone above the new endplate (model frame)."""
    w, front, back = _extent()
    bounds = (
        (-w - 1.0, back - 1.0, CLEARED_INNER_FLOOR - 1.0),
        (w + 1.0, front + 1.0, CLEARED_TOP + 1.0),
    )
    return _meshed(
        _cleared_field,
        bounds,
        CLEARED_VOXEL,
        CLEARED_FACES,
        np.asarray(centre, float),
        endplate_axes(normal),
    )


#: [constructed] voxel size (mm), triangle budget and distance-field sampling (mm) of the fillet
FILLET_VOXEL = 0.3
FILLET_FACES = 6000
FILLET_SAMPLING = 0.25
#: [constructed] the fillet's field is closed over this many voxels (thin streaks dropped)
FILLET_CLOSING = 3
#: [constructed] the fillet's solid lies this far inside the bone and the plateau away from their
#: corner (so its surface crosses theirs only in the corner, at a shallow angle)
FILLET_INSET = 0.3
#: [constructed] the fillet is made only this far (mm) inside the plateau's wall and between these
#: heights (the corner lies within it; its cut faces inside the bone and the plateau)
FILLET_INSIDE = 4.0
FILLET_HEIGHTS = (-12.0, 6.0)
#: [constructed] the fillet's field is evaluated in full only where its band is nearer than this
#: (mm; the closing and marching cubes read at most 3 voxels, 0.9 mm, round a point)
FILLET_EVALUATED_BEYOND = 2.0
#: [constructed] the field is first evaluated on a grid this many voxels coarser, then exactly only
#: where the interpolated value lies within ``FILLET_EXACT_WITHIN`` mm of zero (the closing and
#: the surface read at most 0.9 mm round a point, but the field is steeper than a distance in
#: places: at 1.5 mm the mesh moved by up to 0.18 mm; from 2.0 mm on it is the same, byte for
#: byte, as the field evaluated everywhere; CPU 20.3 s -> 11.7 s)
FILLET_COARSE = 3
FILLET_EXACT_WITHIN = 2.5


def _fillet_band(q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The band round the outline within which the fillet is made (negative inside; about a
    distance, mm), the fillet's width and the plateau's wall's distance, at ``q`` (endplate
    frame)."""
    low, high = FILLET_HEIGHTS
    full, none = P.S1_LIP_FROM
    x, along, h = q[:, 0], q[:, 1], q[:, 2]
    d2 = outline_distance(x, along)
    # narrower under the promontory's lip, which still juts over the body's front
    lip = smoothstep((along - none) / (full - none))
    k = P.S1_ENDPLATE_FILLET * (1.0 - (1.0 - P.S1_ENDPLATE_FILLET_UNDER_LIP) * lip)
    # (the inner limit follows the wall under the promontory's lip, inside the bone below it)
    wall = d2 + _undercut(h, along)
    band = np.maximum.reduce([-wall - FILLET_INSIDE, d2 - (k + 3.0), h - high, low - h])
    return band, k, wall


def _fillet_field(bone_distance, centre: np.ndarray, axes: np.ndarray):
    """Implicit field (endplate frame) of the fillet's solid: the smooth union of the bone and the
    plateau (rounded over ``S1_ENDPLATE_FILLET`` mm where they meet), shrunk by ``FILLET_INSET``,
    in a band round the outline."""

    def field(q: np.ndarray) -> np.ndarray:
        band, k, wall = _fillet_band(q)
        # only the bone outside the plateau's wall is blended: the cleared floor under the
        # plateau, parallel to its top, would swell the smooth union through it
        bone = np.maximum(bone_distance(centre + q @ axes.T), -wall)
        plateau_d = _plateau_field(q)
        # (implicit.smooth_min's polynomial smooth minimum, its width varying from point to point)
        t = np.clip(0.5 + 0.5 * (plateau_d - bone) / k, 0.0, 1.0)
        joined = plateau_d + (bone - plateau_d) * t - k * t * (1.0 - t) + FILLET_INSET
        return np.maximum(joined, band)

    return field


def _banded(field, pts: np.ndarray) -> np.ndarray:
    """``field`` at ``pts`` where its band can matter, else the band's value (the bone's distance,
    the costly part, is not needed where the band alone puts a point further out than
    ``FILLET_EVALUATED_BEYOND``)."""
    values = _fillet_band(pts)[0]
    near = values < FILLET_EVALUATED_BEYOND
    values[near] = field(pts[near])
    return values


def fillet(bone: trimesh.Trimesh, centre: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    """The fillet (model frame) that rounds the corner between the plateau's wall and ``bone``
    round it (the alae, the body's sides and front): a solid to add to both.

    The field is sampled on a grid and closed (a grey-level closing over ``FILLET_CLOSING``
    voxels) before it is meshed: where the bone's surface is jagged (the booleans' seams) its
    distance is signed wrong in thin streaks, which would stand out of the fillet as whiskers."""
    w, front, back = _extent()
    k = P.S1_ENDPLATE_FILLET
    low, high = FILLET_HEIGHTS
    reach = k + 4.0
    bounds = ((-w - reach, back - reach, low - 1.0), (w + reach, front + reach, high + 1.0))
    centre = np.asarray(centre, float)
    axes = endplate_axes(normal)
    field = _fillet_field(implicit.mesh_distance(bone, FILLET_SAMPLING), centre, axes)
    T = np.eye(4)
    T[:3, :3] = axes
    T[:3, 3] = centre
    for scale in meshing.VOXEL_RETRIES:
        voxel = FILLET_VOXEL * scale
        lo, grid = meshing.sample_grid(bounds, voxel)
        # (coarse to fine: exact within FILLET_EXACT_WITHIN of its surface, elsewhere its sign)
        values = meshing.coarse_to_fine(
            lambda q: _banded(field, q), grid, voxel, FILLET_COARSE, FILLET_EXACT_WITHIN
        )
        vol = grey_closing(values, size=(FILLET_CLOSING,) * 3)
        mesh = meshing.closed_mesh_from_volume(vol, lo, voxel, FILLET_FACES, 2, True, T)
        if mesh is not None:
            return mesh
    raise meshing.MeshingError("the S1 endplate's fillet could not be meshed closed")


def lowered_alae(bone: trimesh.Trimesh, centre: np.ndarray, normal: np.ndarray) -> trimesh.Trimesh:
    """A copy of ``bone`` with the alae beside the endplate lowered (:func:`ala_lowering`)."""
    axes = endplate_axes(normal)
    q = (np.asarray(bone.vertices, float) - centre) @ axes
    moved = bone.vertices - ala_lowering(q)[:, None] * axes[:, 2]
    return trimesh.Trimesh(moved, bone.faces, process=False)


def with_endplate(
    bone: manifold3d.Manifold, centre: np.ndarray, normal: np.ndarray
) -> manifold3d.Manifold:
    """``bone`` (the S1 segment) with its top rebuilt: the flat rimmed endplate, the promontory's
    lip and the lowered alae beside it."""
    centre = np.asarray(centre, float)
    lowered = to_manifold(lowered_alae(from_manifold(bone), centre, normal))
    base = lowered - to_manifold(cleared(centre, normal))
    rounded = to_manifold(fillet(from_manifold(base), centre, normal))
    return base + to_manifold(plateau(centre, normal)) + rounded
