"""Fair nerve paths: a root's centreline bent as little as it can be while it stays clear of bone.

A path routed through via-points (:func:`routing.route`) follows them, so it turns wherever two
via-points disagree: the roots came out wiggly, with bends tighter than a nerve makes. :func:`fair`
lets the path relax under a bending energy (the sum of squared second differences) while the bones
push it out wherever it would come too close; its held ends stay put (position and direction), so
the root still starts on the sac, runs down it and ends where the sciatic nerve begins.

The relaxation is a sequence of small implicit steps, each at most ``FAIR_STEP`` mm per point,
followed by a push out of the bones: a path never jumps across a bone (it stays in its foramen),
and it depends continuously on the bones (what the rebuild test needs).

:func:`routed_root` and :func:`root_path` are the steps every root's centreline goes through:
a spline through its via-points, routed clear of bone with the girth of its ganglion, then faired.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import solve_banded

from . import nerve_shapes as shapes
from . import parameters as P
from . import routing
from .frame import ANTERIOR

#: spacing of the points while fairing, mm [constructed]
FAIR_SPACING = 1.0
#: the most a point moves in one relaxation step, mm [constructed] (under a bone's thickness)
FAIR_STEP = 0.5
#: how far either side of a point it passes through a path is held, mm [constructed]
FAIR_THROUGH_HOLD = 2.0
#: pushes out of the bones after the relaxation [constructed]
FAIR_FINAL_PUSHES = 20
#: bending weight of the light smoothing after each of those pushes [constructed]
FAIR_FINAL_STIFFNESS = 4.0


def _bending_bands(n: int, tau: float, free: np.ndarray) -> np.ndarray:
    """The banded matrix of ``I + tau * D2^T D2`` (rows of held points: identity)."""
    d2 = np.zeros((n - 2, n))
    i = np.arange(n - 2)
    d2[i, i], d2[i, i + 1], d2[i, i + 2] = 1.0, -2.0, 1.0
    a = np.eye(n) + tau * d2.T @ d2
    a[~free] = 0.0
    a[~free, ~free] = 1.0
    bands = np.zeros((5, n))
    for k in range(-2, 3):
        diag = np.diagonal(a, k)
        if k >= 0:
            bands[2 - k, k:] = diag
        else:
            bands[2 - k, : n + k] = diag
    return bands


def fair(
    path: np.ndarray,
    clearance: ArrayLike,
    bones: routing.Obstacles,
    hold_start: float = 2.0,
    hold_end: float = 2.0,
    through: Sequence[np.ndarray] = (),
    iterations: int = P.NERVE_FAIRING_ITERATIONS,
    stiffness: float = P.NERVE_FAIRING_STIFFNESS,
    step: float = 0.5,
    through_hold: float = FAIR_THROUGH_HOLD,
) -> np.ndarray:
    """``path`` relaxed towards the least bending that keeps it ``clearance`` clear of ``bones``.

    Parameters
    ----------
    path
        (N, 3) points, evenly spaced, clear of the bones (a routed path).
    clearance
        Per point of ``path`` (or one value): how far its centre stays from bone, mm.
    bones
        The obstacles.
    hold_start, hold_end
        Lengths at the ends that stay where they are, mm (at least two points each, so that the
        direction at each end is kept too).
    through
        Points the path keeps passing through: its points within ``FAIR_THROUGH_HOLD`` mm of its
        point nearest to each stay where they are (and so its direction there).
    through_hold
        How far either side of those points the path is held, mm (under the spacing: the point
        only, not its direction).
    iterations, stiffness
        Relaxation steps, and the weight of bending in each (larger: straighter per step).
    step
        Resampling step of the result, mm.

    Returns
    -------
    numpy.ndarray
        The faired path, resampled every ``step`` mm; its end points are those of ``path``.
    """
    src = np.asarray(path, float)
    s_src = routing.arc_length(src)
    c_src = np.broadcast_to(np.asarray(clearance, float), (len(src),))
    p = routing.resample(src, FAIR_SPACING)
    s = routing.arc_length(p)
    c = np.interp(s / s[-1], s_src / s_src[-1], c_src) + routing.ROUTE_EXTRA_CLEARANCE
    n = len(p)
    free = (s > max(hold_start, 1.0 * FAIR_SPACING)) & (s < s[-1] - max(hold_end, FAIR_SPACING))
    for q in through:  # held over 2 mm either side: position and direction
        near = s[int(np.argmin(np.linalg.norm(p - np.asarray(q, float), axis=1)))]
        free &= np.abs(s - near) > through_hold
    if n < 7 or free.sum() < 3:
        return routing.resample(src, step)
    bands = _bending_bands(n, stiffness, free)
    for _ in range(iterations):
        target = solve_banded((2, 2), bands, p)
        move = target - p
        size = np.linalg.norm(move, axis=1, keepdims=True)
        p = p + move * np.minimum(1.0, FAIR_STEP / np.maximum(size, 1e-12))
        p = _push(p, c, bones, free)
    # what the relaxation left too close: pushes, each followed by a light smoothing that takes
    # out any jitter the pushes make (wavelengths under about a root's diameter)
    light = _bending_bands(n, FAIR_FINAL_STIFFNESS, free)
    for _ in range(FAIR_FINAL_PUSHES):
        p = solve_banded((2, 2), light, _push(p, c, bones, free))
    return routing.resample(p, step)


def l4_branch_top(ls, foramen: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Where L4's branch to the lumbosacral trunk enters the model from above: 4 mm above the
    dural sac's cut (``ls``: :class:`~viewer.anatomy.bone_fields.Lumbosacral`), 6 mm out (``lat``:
    the side's lateral direction) and 4 mm in front of the L5-S1 ``foramen``. The nerves start the
    branch there and psoas keeps clear of it."""
    top_level = ls.l5_top + P.DURAL_SAC_ABOVE_L5 + 4.0
    return foramen + ls.up * (top_level - float(ls.s(foramen))) + lat * 6.0 + ANTERIOR * 4.0


def l4_branch_middle(ls, foramen: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Where L4's branch bows out in front of the L5 transverse process, before the bone there
    is cleared: 12 mm above the L5-S1 ``foramen`` and ``10 + L4_BRANCH_BOW`` mm out. The nerves
    bend the branch through it and psoas keeps clear of it."""
    return foramen + ls.up * 12.0 + lat * (10.0 + P.L4_BRANCH_BOW)


def routed_root(
    via: np.ndarray,
    radius: float,
    ganglion_at: np.ndarray,
    bones: routing.Obstacles,
    hold_start: float,
) -> np.ndarray:
    """A root's centreline: a spline through ``via`` (every 0.5 mm) routed
    ``P.NERVE_BONE_CLEARANCE`` clear of ``bones`` round its girth (``radius``, swelling into its
    ganglion at the point nearest to ``ganglion_at``); its first ``hold_start`` mm stay put."""
    path = routing.spline(via, 0.5)
    radii, _ = shapes.ganglion_profile(path, radius, ganglion_at)
    return routing.route(
        path, radii + P.NERVE_BONE_CLEARANCE, bones, hold_start=hold_start, iterations=15
    )


def root_path(
    via: np.ndarray,
    radius: float,
    ganglion_at: np.ndarray,
    bones: routing.Obstacles,
    hold_route: float,
    hold_end: float,
    through: Sequence[np.ndarray] = (),
    through_hold: float = FAIR_THROUGH_HOLD,
) -> np.ndarray:
    """A root's centreline routed through ``via`` (:func:`routed_root`, its first ``hold_route``
    mm held) and then faired (:func:`fair`: its first 3 mm and its last ``hold_end`` mm held, and
    passing ``through`` those points), every 0.5 mm."""
    path = routed_root(via, radius, ganglion_at, bones, hold_route)
    radii, _ = shapes.ganglion_profile(path, radius, ganglion_at)
    return fair(
        path,
        radii + P.NERVE_BONE_CLEARANCE,
        bones,
        hold_start=3.0,
        hold_end=hold_end,
        through=through,
        step=0.5,
        through_hold=through_hold,
    )


def _push(p: np.ndarray, c: np.ndarray, bones: routing.Obstacles, free: np.ndarray) -> np.ndarray:
    """``p`` with the points closer to bone than ``c`` pushed out, the push spread along the path
    (a binomial filter over about 5 mm: pushing single points would make the path jitter where
    it runs in a tunnel); held points stay."""
    need = c - bones(p)
    m = (need > 0) & free
    if not m.any():
        return p
    d = np.zeros_like(p)
    d[m] = bones.normal(p[m], h=1.0) * need[m, None]
    for _ in range(2):
        d = np.stack(
            [np.convolve(np.pad(d[:, k], 2, mode="edge"), _KERNEL, "valid") for k in range(3)], 1
        )
    d[~free] = 0.0
    return p + d


#: binomial smoothing kernel of the pushes
_KERNEL = np.array([1.0, 4.0, 6.0, 4.0, 1.0]) / 16.0
