"""A spinal nerve root as an atlas draws it, from the sac out to its division: two separate
bundles, a dorsal and a ventral root, side by side a little apart from the cut in the sac to the
ganglion; the dorsal root swelling into its ganglion (a spindle, widest about a third along it,
swelling gradually out of the root and tapering distally), the ventral root passing along the
ganglion's front and lower side and joining it just beyond, where the spinal nerve begins
(Bogduk N, Clinical and Radiological Anatomy of the Lumbar Spine, ch. 9; Gray's Anatomy 42nd
ed.). A dorsal ramus divides into a medial and a lateral branch (:func:`ramus_branches`).

The root's centreline stays the axis of the pair: each bundle is offset from it across the root
(the dorsal one backwards and up, the ventral forwards and down), by offsets that fade smoothly to
nothing beyond the ganglion, so that the shape moves continuously with the centreline.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import implicit, routing
from . import parameters as P
from .frame import ANTERIOR, SUPERIOR
from .frame import unit as _unit


def _ovoid(s: np.ndarray, centre: float, length: float) -> np.ndarray:
    """0 .. 1 .. 0 along arc length ``s``: a fusiform swelling ``length`` mm long centred at
    ``centre`` (its widest), its proximal part shorter (``GANGLION_PROXIMAL_SHARE`` of the length)
    than its distal one; both set in gradually (cos to powers over 1: no edge where the swelling
    begins or ends; the ganglion's spindle)."""
    x = np.asarray(s, float) - centre
    lp = P.GANGLION_PROXIMAL_SHARE * length
    ld = length - lp
    u = np.clip(np.where(x < 0.0, x / lp, x / ld), -1.0, 1.0)
    c = np.cos(0.5 * np.pi * u)
    return np.where(x < 0.0, c**P.GANGLION_PROXIMAL_POWER, c**P.GANGLION_DISTAL_POWER)


def dorsal_direction(path: np.ndarray) -> np.ndarray:
    """Per point of a root's centreline: the unit direction across it towards its dorsal root
    (backwards and a little up), made perpendicular to the path."""
    _, w = routing.frames(path, _unit(-ANTERIOR + P.ROOT_BUNDLE_TILT * SUPERIOR))
    return w


def bundle_lines(
    path: np.ndarray, radius: float, ganglion: float, on_ganglion: float = P.VENTRAL_ON_GANGLION
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """The two roots' centrelines and radii per point of ``path`` (the root's centreline;
    ``radius`` its radius; the ganglion centred at arc length ``ganglion``): the dorsal root's
    points and radii (its ganglion's swelling included), the ventral root's, and the arc length
    where they have joined (the spinal nerve runs on from there). ``on_ganglion``: how far the
    ventral root is pressed into the ganglion (negative: a groove between them), mm."""
    s = routing.arc_length(path)
    length = P.GANGLION_LENGTH
    bump = _ovoid(s, ganglion, length)
    rd = radius * (P.DORSAL_ROOT_SHARE + (P.GANGLION_WIDTH_RATIO - P.DORSAL_ROOT_SHARE) * bump)
    # the ventral root thickens a little as it nears the spinal nerve
    end = ganglion + (1.0 - P.GANGLION_PROXIMAL_SHARE) * length
    join = end + P.ROOTS_JOIN_BEYOND
    grow = implicit.smoothstep((s - ganglion) / (join - ganglion))
    rv = radius * (P.VENTRAL_ROOT_SHARE + (1.0 - P.VENTRAL_ROOT_SHARE) * grow)
    # both thicken gently from the sac to the ganglion (their rootlets gathering: no cords of
    # one width), to their full share at the ganglion's proximal pole
    pole = ganglion - P.GANGLION_PROXIMAL_SHARE * length
    gather = implicit.smoothstep(s / max(pole, 1.0))
    rd = rd * (P.ROOT_AT_SAC_SHARE + (1.0 - P.ROOT_AT_SAC_SHARE) * gather)
    rv = rv * (P.ROOT_AT_SAC_SHARE + (1.0 - P.ROOT_AT_SAC_SHARE) * gather)
    # apart proximally, pressed onto the ganglion along its side nearer its widest (the gap
    # closing with the swelling's square, as the spindle swells gradually; blind review s39:
    # "an ellipsoid ganglion")
    gap = P.ROOT_BUNDLE_GAP - (P.ROOT_BUNDLE_GAP + on_ganglion) * bump**2
    # both come onto the centreline beyond the ganglion's distal pole
    k = 1.0 - implicit.smoothstep(
        (s - (ganglion + 0.3 * length)) / (join - ganglion - 0.3 * length)
    )
    sep = (rd + rv + gap) * k
    e = dorsal_direction(path)
    # (the centreline kept inside the dorsal root: the pulse runs along the root's axis)
    hd = np.minimum(sep * rv / (rd + rv), rd - P.ROOT_AXIS_INSIDE)
    dorsal = path + e * hd[:, None]
    ventral = path - e * (sep - hd)[:, None]
    return dorsal, rd, ventral, rv, float(join)


def bundles(
    path: np.ndarray, radius: float, ganglion: float, on_ganglion: float = P.VENTRAL_ON_GANGLION
) -> tuple[list[implicit.SDF], float, np.ndarray]:
    """The two roots from the sac to the spinal nerve, with the ganglion (centred at arc length
    ``ganglion`` of ``path``, the root's centreline; ``radius`` the root's radius), laid along
    :func:`bundle_lines`.

    Returns the shapes (the dorsal root with its ganglion, the ventral root), the arc length
    where they have joined (the spinal nerve runs on from there) and the ganglion's centre
    point (on the dorsal root). ``on_ganglion``: how far the ventral root is pressed into the
    ganglion (negative: a groove between them), mm."""
    dorsal, rd, ventral, rv, join = bundle_lines(path, radius, ganglion, on_ganglion)
    keep = routing.arc_length(path) <= join + 2.0
    centre = routing.at_length(dorsal, ganglion)
    return (
        [implicit.sweep(dorsal[keep], rd[keep]), implicit.sweep(ventral[keep], rv[keep])],
        join,
        centre,
    )


def nerve(path: np.ndarray, radii: np.ndarray, join: float) -> implicit.SDF:
    """The spinal nerve and its ventral ramus: ``path`` (with ``radii``) from where the roots
    have joined (arc length ``join``; its rounded start hidden in them) on. (Begun inside the
    ganglion, it filled the groove between the ganglion and the ventral root.)"""
    s = routing.arc_length(path)
    keep = s >= join - 1.0
    return implicit.sweep(path[keep], radii[keep])


def ramus_branches(
    ramus: np.ndarray,
    lateral: np.ndarray,
    bones: routing.Obstacles,
    radius: float,
    down: float = P.RAMUS_BRANCH_DOWN,
    level: bool = False,
    onward: np.ndarray | None = None,
    settle: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[np.ndarray]:
    """A dorsal ramus's medial and lateral branches: from ``RAMUS_BRANCHES_BEFORE`` mm before the
    end of its centreline ``ramus``, each running on backwards and down (``down`` more steeply),
    turned this way and that (``lateral``: the side's lateral direction) by
    ``RAMUS_BRANCH_SPLAY``, ``RAMUS_BRANCH_LENGTH`` mm, routed clear of bone (Bogduk ch. 11:
    the dorsal ramus divides at once into medial and lateral branches).

    ``level``: their lengths set so that both end equally far back (the mean of what their
    ``RAMUS_BRANCH_LENGTH`` would reach): turned this way and that across a ramus that runs out
    as well as back, the lateral one ran 5-7 mm further back than the medial one and S1's
    ramus read as ending in one branch (s31). (Splayed square to the front-to-back axis instead,
    their cut ends turned and the decimation left them 14-15-gons, s32.) The lengths are set by
    :func:`level_gains`, which moves gently with the branches' directions.

    ``onward``: the unit direction they run on in before they part (by default the ramus's own
    at the fork, over 2 mm of it). S1's is given (the way out of its posterior foramen, from the
    foramen's axis): where it is routed over the bone beside the opening, its course wavers
    by half a millimetre under a millionth's change in the bones, its direction by 7 deg, which
    12 mm branches carried 1.4 mm sideways (the right S1 root, stop 35).

    ``settle``: where a branch ends, given where its direction and length would take it (the
    routing holds its end there): L5's are laid onto the back of the sacrum, clear of it (left in
    the bone, a held end dragged its branch into a detour, stop 44)."""
    s = routing.arc_length(ramus)
    at = s[-1] - P.RAMUS_BRANCHES_BEFORE
    start = routing.at_length(ramus, at)
    on = routing.direction_at(ramus, at, 2.0) if onward is None else _unit(onward)
    lat = lateral - (lateral @ on) * on
    lat = _unit(lat)
    dirs = [_unit(on + sign * P.RAMUS_BRANCH_SPLAY * lat - down * SUPERIOR) for sign in (-1, 1)]
    reach = (P.RAMUS_BRANCH_LENGTH - 1.5) * (level_gains(dirs) if level else np.ones(2))
    out = []
    for d, run in zip(dirs, reach, strict=True):  # medial, lateral
        length = 1.5 + float(run)
        far = start + on * 1.5 + d * (length - 1.5)
        if settle is not None:
            far = settle(far)
        via = np.array([start, start + on * 1.5, far])
        line = routing.spline(via, 0.3)
        line = routing.route(
            line, radius + P.NERVE_BONE_CLEARANCE, bones, hold_start=1.0, iterations=8
        )
        out.append(routing.resample(line, 0.3))
    return out


def level_gains(dirs: list[np.ndarray]) -> np.ndarray:
    """Per branch (unit directions ``dirs``): the share of ``RAMUS_BRANCH_LENGTH`` it runs so that
    the branches end about equally far back: each longer the less it runs backwards per mm than
    their mean, by ``RAMUS_BRANCH_LEVEL_GAIN`` per unit of that shortfall, bounded smoothly
    (tanh) to 1 +- ``RAMUS_BRANCH_LEVEL_RANGE``.

    Linear in the backward components, so a branch running nearly sideways changes length
    by a bounded amount as its direction wavers (the ratio of the mean backward component to
    its own, which this replaced, grows without bound as a branch turns sideways; stop 34's
    2 mm shift of the right S1 root's lateral branch under the perturbed rebuild came mostly
    from the ramus's own direction at the fork, now given: ``onward``)."""
    back = np.array([-float(d @ ANTERIOR) for d in dirs])
    lead = back.mean() - back
    span = P.RAMUS_BRANCH_LEVEL_RANGE
    return 1.0 + span * np.tanh(P.RAMUS_BRANCH_LEVEL_GAIN * lead / span)


def dorsal_ramus(path: np.ndarray, thickness: float, lateral: np.ndarray) -> implicit.SDF:
    """A dorsal ramus along ``path`` (from the spinal nerve on), ``thickness`` its mean
    diameter: a small flattened nerve, not a round wire (blind review s38: "the dorsal ramus a
    bent wire"), its width across the body (``lateral``, made perpendicular to it: it lies flat
    on the bone it runs back over) ``DORSAL_RAMUS_FLATTENING`` times its thickness, its section
    (as a round one's diameter) ``DORSAL_RAMUS_TAPER`` times ``thickness`` where it leaves the
    spinal nerve, narrowing evenly along it to the reverse share at its end, where it divides."""
    s = routing.arc_length(path)
    start, end = P.DORSAL_RAMUS_TAPER, 2.0 - P.DORSAL_RAMUS_TAPER
    r = 0.5 * thickness * np.interp(s, [0.0, max(s[-1], 1e-6)], [start, end])
    flat = np.sqrt(P.DORSAL_RAMUS_FLATTENING)
    return implicit.sweep(path, r * flat, r / flat, width_dirs=lateral)
