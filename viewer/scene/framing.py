"""Framing a chosen structure so that it can be seen: from which side to look, and how close.

Pure numpy (no VTK): the renderer says how much of the structure a side sees and what lies in
front of it (rays through the meshes); this module offers the sides, picks one, and makes the
pose. The side the user looks from is kept when it sees enough; otherwise the side that sees
most, nearer sides first among equals; when no side sees enough, the side with the fewest
structures in front, which are then faded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..vocabulary import VIEW_DIRECTIONS
from .camera import VIEW_ANGLE_DEG, CameraPose, bounds_centre

#: a side that sees at least this share of the structure's surface facing it is good enough
SEEN_ENOUGH = 0.5
#: turning the camera all the way round costs this much seen share (nearer sides first) ...
TURN_COST = 0.15
#: ... or this many faded structures, when something must be faded
FADE_TURN_COST = 1.0
#: when something must be faded, showing all of the structure's surface is worth this many
#: faded structures (a side that sees a thin band edge-on shows little of it)
SHOWN_GAIN = 4.0
#: looking from straight below costs this much seen share, or this many faded structures
BELOW_COST = 0.3
#: a side that faces less than this share of the structure's surface sees it edge-on (a thin band
#: or sheet): what it sees counts for that much less
FACING_ENOUGH = 0.25
#: the chosen structure fills about this share of the view's height ...
FILL = 0.45
#: ... from no nearer than this (mm): the eye stays outside the body, with some context around
NEAREST_MM = 150.0


@dataclass(frozen=True)
class Framing:
    """Where to look from to see a structure, what to fade so that it shows, and how much of
    it the chosen side sees before fading (0..1)."""

    pose: CameraPose
    faded: frozenset[str] = field(default_factory=frozenset)
    seen: float = 1.0


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def candidate_directions(current) -> list[np.ndarray]:
    """The directions (from the structure to the eye) worth trying: the current one first, then
    the standard views, then the 26 directions of a cube's faces, edges and corners."""
    out = [_unit(current)]
    out += [_unit(d) for d, _up in VIEW_DIRECTIONS.values()]
    for x in (-1, 0, 1):
        for y in (-1, 0, 1):
            for z in (-1, 0, 1):
                if (x, y, z) != (0, 0, 0):
                    out.append(_unit((x, y, z)))
    unique: list[np.ndarray] = []
    for d in out:
        if all(float(np.dot(d, u)) < np.cos(np.radians(8)) for u in unique):
            unique.append(d)
    return unique


def _turn(d: np.ndarray, current: np.ndarray) -> float:
    """How far ``d`` turns from ``current``: 0 (not at all) to 1 (all the way round)."""
    return float(np.arccos(np.clip(np.dot(d, current), -1.0, 1.0))) / np.pi


def _odd(d: np.ndarray) -> float:
    """How unusual a side is to look from: from below, the pelvis and legs fill the view."""
    return BELOW_COST * max(0.0, -float(d[2]))


def seen_share(in_sight: float, facing: float) -> float:
    """What a side sees of a structure (0..1): the share ``in_sight`` of the points facing it
    that nothing hides, scaled down when those are only a small share ``facing`` of all its
    points (the structure is seen edge-on)."""
    return in_sight * min(1.0, facing / FACING_ENOUGH)


def fades_needed(blockers: Sequence[frozenset[str]], enough: float = SEEN_ENOUGH) -> frozenset[str]:
    """The fewest structures to fade (greedily, the one in front of most points first) for
    ``enough`` of the points to be seen; ``blockers`` holds, per point, what lies in front of
    it."""
    if not blockers:
        return frozenset()
    faded: set[str] = set()

    def seen() -> float:
        return sum(b <= faded for b in blockers) / len(blockers)

    while seen() < enough:
        counts: dict[str, int] = {}
        for b in blockers:
            for sid in b - faded:
                counts[sid] = counts.get(sid, 0) + 1
        if not counts:
            break
        faded.add(max(sorted(counts), key=lambda sid: counts[sid]))
    return frozenset(faded)


def choose_direction(
    directions: Sequence[np.ndarray],
    seen: Callable[[np.ndarray], float],
    blockers: Callable[[np.ndarray], Sequence[frozenset[str]]],
    points: int = 0,
) -> tuple[np.ndarray, float, frozenset[str]]:
    """(direction, share seen, structures to fade) for the first of ``directions`` (the current
    one) when it sees enough, else the best of them (see the module's docstring). ``seen(d)``
    is the share of the structure's points facing ``d`` that nothing hides, ``blockers(d)`` what
    lies in front of each of those points, ``points`` how many points the structure has in all
    (what a side shows once its fades are made is a share of them)."""
    current = directions[0]
    first = seen(current)
    if first >= SEEN_ENOUGH:
        return current, first, frozenset()
    scored = [(first, current)] + [(seen(d), d) for d in directions[1:]]

    def merit(share: float, d: np.ndarray) -> float:
        return share - TURN_COST * _turn(d, current) - _odd(d)

    best_share, best = max(scored, key=lambda sd: merit(*sd))
    if best_share >= SEEN_ENOUGH:
        return best, best_share, frozenset()
    # no side sees enough: the side needing the fewest fades and showing most of the structure
    # once they are faded, nearer and usual sides first
    options = []
    for share, d in scored:
        in_front = blockers(d)
        faded = fades_needed(in_front)
        shown = sum(b <= faded for b in in_front) / points if points else 0.0
        cost = len(faded) + FADE_TURN_COST * _turn(d, current) + _odd(d) - SHOWN_GAIN * shown
        options.append((cost, faded, share, d))
    _, faded, share, d = min(options, key=lambda o: o[0])
    return d, share, faded


def framing_distance(bounds, fill: float = FILL, nearest: float = NEAREST_MM) -> float:
    """How far from its centre the eye stands for ``bounds`` to fill ``fill`` of the view."""
    b = np.asarray(bounds, dtype=float).reshape(3, 2)
    radius = 0.5 * float(np.linalg.norm(b[:, 1] - b[:, 0]))
    fit = max(radius, 1.0) / fill / float(np.tan(np.radians(VIEW_ANGLE_DEG) / 2))
    return max(fit, nearest)


def up_for(direction, hint=(0.0, 0.0, 1.0)) -> np.ndarray:
    """A view-up for looking along ``-direction``: the patient's head up, or (looking from above
    or below) the front up."""
    d = _unit(direction)
    for h in (hint, (0.0, 0.0, 1.0), (0.0, 1.0, 0.0)):
        up = np.asarray(h, dtype=float) - np.dot(h, d) * d
        if np.linalg.norm(up) > 0.3:
            return _unit(up)
    return np.array([0.0, 1.0, 0.0])


def pose_towards(bounds, direction, distance: float, up_hint=(0.0, 0.0, 1.0)) -> CameraPose:
    """The pose looking at ``bounds``' centre from ``direction`` at ``distance``, its view-up as
    near ``up_hint`` as the direction allows."""
    c = bounds_centre(bounds)
    d = _unit(direction)
    return CameraPose.of(c + d * distance, c, up_for(d, up_hint))
