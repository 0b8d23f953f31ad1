"""The S1 dorsal ramus's centreline: from the distal pole of the S1 ganglion, where the spinal
nerve divides, back through the posterior sacral foramen's tunnel and out of the posterior S1
foramen, then backwards and down over the back of the sacrum towards multifidus and the medial
cluneal nerves (Gray's Anatomy 42nd ed.).

One smooth curve: a spline through few points (the fork, the tunnel's middle, the opening and
two points outside it), routed clear of bone; the tunnel is followed only up to the opening (its
points beyond it made the ramus run out and back, a hook, blind review s27).
"""

from __future__ import annotations

import numpy as np

from . import parameters as P
from . import routing
from .frame import unit


def outward(axis: np.ndarray) -> np.ndarray:
    """Unit direction the dorsal ramus takes out of the posterior foramen (whose axis is
    ``axis``): the axis's horizontal part (backwards and out) turned down by
    ``S1_DORSAL_RAMUS_SLOPE`` (down : back)."""
    flat = np.array([axis[0], axis[1], 0.0])
    flat = unit(flat)
    return unit(flat + np.array([0.0, 0.0, -P.S1_DORSAL_RAMUS_SLOPE]))


def path(
    root: np.ndarray,
    branch_at: float,
    tunnel: np.ndarray,
    opening: np.ndarray,
    axis: np.ndarray,
    bones: routing.Obstacles,
    radius: float,
) -> np.ndarray:
    """The ramus's centreline, every 0.4 mm.

    Parameters
    ----------
    root
        The S1 root's centreline; the ramus leaves it ``branch_at`` mm along it.
    tunnel
        The posterior foramen's tunnel from the fork of the foramina to beyond the opening.
    opening, axis
        The posterior S1 foramen (a point of the tunnel) and its outward axis.
    bones
        What it keeps clear of; ``radius`` its half-thickness.
    """
    start = routing.at_length(root, branch_at)
    # it leaves the root square to it (a fork, not a branch running back along the ganglion)
    along = routing.direction_at(root, branch_at, 1.0)
    inside = tunnel[(tunnel - opening) @ axis < -1.0]
    mid = inside[len(inside) // 2] if len(inside) else 0.5 * (start + opening)
    out = outward(axis)
    p1 = opening + axis * P.S1_DORSAL_RAMUS_OUT
    p2 = p1 + out * P.S1_DORSAL_RAMUS_DOWN
    square = unit((mid - start) - ((mid - start) @ along) * along)
    first = start + square * P.S1_DORSAL_RAMUS_SQUARE
    via = np.vstack([start, first, mid, opening, p1, p2])
    dorsal = routing.spline(via, 0.4)
    return routing.route(
        dorsal, radius + P.NERVE_BONE_CLEARANCE, bones, hold_start=2.0, iterations=10
    )
