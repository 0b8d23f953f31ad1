"""The margins of the sacral canal's top opening at S1, rounded.

The canal's top opening is cut by a boolean (:mod:`viewer.anatomy.sacral_carving`) and the S1
laminae added after it (:mod:`viewer.anatomy.sacral_tubercle`): its margins, and the laminae's
free borders round it, are square-cut edges, so the opening reads as a box-shaped pocket (blind
review s36: "a square-edged pocket beside an articular process"). In an atlas the margins of the
S1 vertebral foramen (the back of the body, the pedicles, the laminae) are rounded (Gray's
Anatomy 42nd ed., "Sacrum").

The bone round the opening is rounded by blurring its signed distance: a Gaussian blur of the
distance moves its zero level inwards at convex edges and outwards in concave corners, by about
the blur's width, and leaves flat and gently curved surface where it is. What lies between the
bone and the blurred level set is taken off at the edges (:func:`_edges_off`) and added in the
corners (:func:`_corners_filled`). The blur is weighted in by a smooth weight round the opening
(:func:`weight`), none at the region's border, so nothing changes away from it and no cut is
left at the border.
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh
from scipy.ndimage import gaussian_filter

from . import implicit, meshing, perturbation
from . import parameters as P
from .frame import unit
from .geometry import from_manifold, to_manifold
from .implicit import smoothstep
from .sacral_carving import SacralCarving

#: [constructed] voxel size (mm), triangle budget and distance sampling of the rounding's solids
ROUNDING_VOXEL = 0.35
#: (the solids are thin and in many pieces: not decimated; only their exposed part stays)
ROUNDING_FACES = None
ROUNDING_SAMPLING = 0.25
#: [constructed] the solids reach this far (mm) past the bone's surface where they are cut, and
#: stop this far short of it elsewhere (their surfaces cross the bone's only at the edges)
ROUNDING_OVERLAP = 0.4


def opening_axes(carving: SacralCarving) -> tuple[np.ndarray, np.ndarray]:
    """The top opening's centre (where the canal's axis meets the bone) and its axes as columns:
    right, forwards (towards the S1 body) and up the canal's axis."""
    top = carving.canal_path[1]
    up = unit(carving.canal_path[0] - top)
    ahead = -np.asarray(carving.canal_shift[0], float)
    forward = unit(ahead - (ahead @ up) * up)
    return top, np.column_stack([np.cross(forward, up), forward, up])


def weight(q: np.ndarray) -> np.ndarray:
    """How much (0-1) the bone at opening-frame points ``q`` is rounded: in full within the inner
    part of an ellipsoid round the opening (``S1_CANAL_MARGIN_*``), none at its surface."""
    rel = (q - np.asarray(P.S1_CANAL_MARGIN_OFFSET)) / np.asarray(P.S1_CANAL_MARGIN_RADII)
    inner = P.S1_CANAL_MARGIN_FULL
    return 1.0 - smoothstep((np.linalg.norm(rel, axis=1) - inner) / (1.0 - inner))


def _fields(bone: trimesh.Trimesh, carving: SacralCarving):
    """The bone's signed distance and its weighted blur, on a grid in the opening's frame, with
    the grid's corner and the frame's 4x4 transform."""
    top, axes = opening_axes(carving)
    offset, radii = np.asarray(P.S1_CANAL_MARGIN_OFFSET), np.asarray(P.S1_CANAL_MARGIN_RADII)
    lo, grid = meshing.sample_grid((offset - radii, offset + radii), ROUNDING_VOXEL)
    X, Y, Z = np.meshgrid(*grid, indexing="ij")
    q = perturbation.points(np.stack([X.ravel(), Y.ravel(), Z.ravel()], axis=1))
    d = implicit.mesh_distance(bone, ROUNDING_SAMPLING)(top + q @ axes.T).reshape(X.shape)
    blurred = gaussian_filter(d, P.S1_CANAL_MARGIN_BLUR / ROUNDING_VOXEL, mode="nearest")
    w = weight(q).reshape(X.shape)
    T = np.eye(4)
    T[:3, :3] = axes
    T[:3, 3] = top
    return d, d + w * (blurred - d), lo, T


def _solid(vol: np.ndarray, lo: np.ndarray, T: np.ndarray) -> manifold3d.Manifold | None:
    """The solid where ``vol`` is negative, meshed (model frame); None where it is empty."""
    if vol.min() >= -1e-3:
        return None
    mesh = meshing.closed_mesh_from_volume(vol, lo, ROUNDING_VOXEL, ROUNDING_FACES, 2, False, T)
    return None if mesh is None else to_manifold(mesh)


def rounded(bone: manifold3d.Manifold, carving: SacralCarving) -> manifold3d.Manifold:
    """``bone`` (the S1 segment) with the margins of the canal's top opening and the laminae's
    borders round it rounded: what sticks out past the blurred level set at the edges taken
    off, what it fills in the corners added."""
    d, blurred, lo, T = _fields(from_manifold(bone), carving)
    e = ROUNDING_OVERLAP
    # at the edges: inside the bone (and a little past it) but outside the blurred level set
    edges = _solid(np.maximum(d - e, e - blurred), lo, T)
    # in the corners: outside the bone (a little short of it) but inside the blurred level set
    corners = _solid(np.maximum(e - d, blurred + e), lo, T)
    out = bone
    if edges is not None:
        out = out - edges
    if corners is not None:
        out = out + corners
    return out
