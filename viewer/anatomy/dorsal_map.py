"""The back of the lumbosacral skeleton seen from behind, as a depth map, and shapes laid on it.

The back muscles lie on the dorsal face of L5, the sacrum and the posterior ilium. Their deep
surface follows that face, so they are modelled as height fields over the frontal plane: for a
point ``(x, z)`` of one side, :class:`DorsalMap` gives how far behind the frontal plane the bone
begins (``h = -y``, mm). A muscle is then the set of points between that floor and a smooth dorsal
surface (:func:`layer`), with rounded edges.

The map is read with a *ball contact*, not a ray: a small ball is moved forward along each ray
from behind until it first touches the bone's surface samples. The contact depth is a maximum of
continuous functions of the samples, so it moves continuously with the bone (under the rebuild's
simulated other machine a ray that grazes an edge cannot jump from one surface to another, and no
far-field sign of a mesh distance is ever read). Holes narrower than a disc of
``P.DORSAL_MAP_CLOSING`` (the posterior sacral foramina, the interlaminar space, the gaps between
the transverse process, the ala and the crest) are bridged by a grey closing, so the muscles lie
over them as they do over their membranes and ligaments, instead of sinking in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from scipy.spatial import cKDTree

from . import implicit, meshing
from . import parameters as P
from .build import BuildContext

#: spacing of the map and of the bone's surface samples, mm [constructed]
MAP_STEP = 1.0
SAMPLE_SPACING = 0.7
#: the map covers this lateral range (x' = distance from the midline toward the side) and height
MAP_X = (-12.0, 100.0)
MAP_Z = (-115.0, 95.0)
#: where no bone lies behind a column, the floor is taken this far in front of the frontal plane
NO_BONE = -60.0


def depth(p: np.ndarray) -> np.ndarray:
    """How far behind the frontal plane (y = 0) each point lies, mm."""
    return -np.asarray(p, float)[:, 1]


@dataclass
class DorsalMap:
    """The dorsal bone surface of one side as a height field ``h(x', z)`` (``x' = sign * x``)."""

    sign: float
    xs: np.ndarray
    zs: np.ndarray
    floor: np.ndarray

    def lateral(self, p: np.ndarray) -> np.ndarray:
        """Distance of each point from the midline toward this side (negative past it), mm."""
        return self.sign * np.asarray(p, float)[:, 0]

    def __call__(self, xl, z) -> np.ndarray:
        """The floor's depth at lateral distances ``xl`` and heights ``z`` (bilinear)."""
        xl = np.clip(np.asarray(xl, float), self.xs[0], self.xs[-1])
        z = np.clip(np.asarray(z, float), self.zs[0], self.zs[-1])
        at = np.stack([xl.ravel(), z.ravel()], axis=1)
        return meshing.linear_on_grid((self.xs, self.zs), self.floor, at).reshape(xl.shape)

    def point(self, xl: float, z: float, above: float = 0.0) -> np.ndarray:
        """The point at lateral distance ``xl`` and height ``z``, ``above`` mm behind the floor."""
        h = float(self(np.array([xl]), np.array([z]))[0]) + above
        return np.array([self.sign * xl, -h, z])


def dorsal_map(ctx: BuildContext, side_sign: float, ids) -> DorsalMap:
    """The depth map of the bones ``ids`` seen from behind, for the side of ``side_sign``."""
    samples = np.vstack([implicit.surface_samples(ctx.mesh(i), SAMPLE_SPACING)[0] for i in ids])
    samples = samples * np.array([side_sign, 1.0, 1.0])
    r = P.DORSAL_MAP_BALL
    xs = np.arange(MAP_X[0], MAP_X[1] + MAP_STEP / 2, MAP_STEP)
    zs = np.arange(MAP_Z[0], MAP_Z[1] + MAP_STEP / 2, MAP_STEP)
    X, Z = np.meshgrid(xs, zs, indexing="ij")
    q = np.stack([X.ravel(), Z.ravel()], axis=1)
    tree = cKDTree(samples[:, [0, 2]])
    hits = np.full(len(q), NO_BONE)
    weight = np.zeros(len(q))
    for k, near in enumerate(tree.query_ball_point(q, r)):
        if near:
            c = samples[near]
            rho2 = ((c[:, [0, 2]] - q[k]) ** 2).sum(axis=1)
            lift = np.sqrt(np.maximum(r * r - rho2, 0.0))
            # the ball's centre when it first touches, less its radius: bone-free behind it
            hits[k] = np.max(-c[:, 1] + lift) - r
            # how squarely the ball sits on bone (0 where it only grazes an edge)
            weight[k] = min(1.0, 2.0 * float(np.max(1.0 - rho2 / (r * r))))
    hits = hits.reshape(X.shape)
    weight = weight.reshape(X.shape)
    # where no bone lies behind, a smooth membrane across from the bone around (weighted, so that
    # a column grazing an edge passes continuously from the one to the other)
    sigma = P.DORSAL_MAP_FILL / MAP_STEP
    num = ndimage.gaussian_filter(weight * hits, sigma, mode="nearest")
    den = ndimage.gaussian_filter(weight, sigma, mode="nearest")
    fill = np.where(den > 1e-6, num / np.maximum(den, 1e-6), NO_BONE)
    floor = weight * hits + (1.0 - weight) * fill
    radius = int(round(P.DORSAL_MAP_CLOSING / MAP_STEP))
    yy, xx = np.mgrid[-radius : radius + 1, -radius : radius + 1]
    disc = xx**2 + yy**2 <= radius**2
    floor = ndimage.grey_closing(floor, footprint=disc, mode="nearest")
    floor = ndimage.gaussian_filter(floor, P.DORSAL_MAP_SMOOTHING / MAP_STEP, mode="nearest")
    return DorsalMap(side_sign, xs, zs, floor)


def smooth_max(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """max(a, b) with a round of about ``k`` where they meet (a smooth intersection)."""
    h = np.clip(0.5 - 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h + k * h * (1.0 - h)


def outline(xl: np.ndarray, z: np.ndarray, rows, rounding: float) -> np.ndarray:
    """A 2D region of the (x', z) plane: between a medial and a lateral border given per height
    by ``rows`` ((z, medial x', lateral x'), from bottom to top, linear between), and between
    the lowest and highest row; negative inside, about the distance to the border, corners
    rounded by ``rounding`` mm."""
    rz, rm, rl = (np.asarray(c, float) for c in zip(*rows, strict=True))
    med = np.interp(z, rz, rm)
    lat = np.interp(z, rz, rl)
    across = smooth_max(med - xl, xl - lat, rounding)
    along = smooth_max(rz[0] - z, z - rz[-1], rounding)
    return smooth_max(across, along, rounding)


def layer(dmap: DorsalMap, top, rows, rounding: float, margin: float) -> implicit.SDF:
    """The solid lying on the bone (``margin`` mm off the floor) up to the dorsal surface of depth
    ``top(x', z)``, within the outline ``rows`` (:func:`outline`), its edges rounded."""

    def f(p: np.ndarray) -> np.ndarray:
        xl, z, h = dmap.lateral(p), p[:, 2], depth(p)
        back = h - top(xl, z)
        front = dmap(xl, z) + margin - h
        edge = outline(xl, z, rows, rounding)
        return np.maximum(smooth_max(back, edge, rounding), front)

    return f
