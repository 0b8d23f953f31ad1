"""The branches of the sacral plexus, drawn on the sciatic nerve's mesh as short cut stubs: the
superior gluteal nerve (L4-S1) from the upper back edge of the sheet, leaving above piriformis,
the inferior gluteal nerve (L5-S2) backwards below it, the posterior femoral cutaneous nerve
(S1-S3) down along the back of the sciatic nerve and the pudendal nerve (S2-S4) from the sheet's
lower edge, medially (Gray's Anatomy 42nd ed.; Netter, "Sacral and coccygeal plexuses").

Each leaves the back of the sheet (:data:`~parameters.SCIATIC_BRANCHES`: where, which way, how
long and how thick) and ends in a flat cut (a section cap), as the model leaves every nerve it
does not follow further.
"""

from __future__ import annotations

import numpy as np

from . import implicit, routing
from . import parameters as P
from .frame import ANTERIOR, RIGHT, side_sign
from .frame import unit as _unit


def vector_at(at: float, s: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """The unit vector of ``vectors`` (one per point of a centreline of arc lengths ``s``)
    interpolated at arc length ``at``."""
    return _unit(np.array([np.interp(at, s, vectors[:, c]) for c in range(3)]))


def _to_side(v: np.ndarray, side: str) -> np.ndarray:
    """``v`` turned, if need be, to point towards ``side`` (laterally)."""
    return v if v @ RIGHT * side_sign(side) > 0.0 else -v


def origin(
    sci: np.ndarray,
    exit_: np.ndarray,
    width: np.ndarray,
    w: np.ndarray,
    trunk: np.ndarray,
    along: float,
    across: float,
) -> np.ndarray:
    """Where a branch leaves the sheet: ``along`` of the way from the plexus point (the start
    of the centreline ``sci``) to the exit below piriformis (``exit_``), ``across`` of the
    band's half-width (``width``, along ``w``) towards its lateral edge (negative: medially);
    ``along`` below 0: that share of the way up the lumbosacral trunk's cord (``trunk``) from
    its end, the sheet's upper lateral edge."""
    if along < 0.0:
        s = routing.arc_length(trunk[::-1])
        return routing.at_length(trunk[::-1], -along * float(s[-1]))
    s = routing.arc_length(sci)
    at = along * routing.nearest_length(sci, exit_)
    w_at = vector_at(at, s, w)
    return routing.at_length(sci, at) + w_at * across * float(np.interp(at, s, width))


def paths(
    side: str,
    sci: np.ndarray,
    exit_: np.ndarray,
    width: np.ndarray,
    w: np.ndarray,
    trunk: np.ndarray,
    normal: np.ndarray,
) -> list[tuple[np.ndarray, float]]:
    """Each branch's centreline (from inside the sheet out of its back, ``normal`` facing
    forwards, then on its way: across the sheet, down it towards the exit below piriformis
    (``exit_``) and back out of it, as ``SCIATIC_BRANCHES`` gives) and radius, in the order of
    ``SCIATIC_BRANCHES``."""
    down = _unit(exit_ - sci[0])
    down = _unit(down - (down @ normal) * normal)
    lateral = _to_side(np.cross(normal, down), side)
    out = []
    for _, along, across, (x, y, z), length, thick in P.SCIATIC_BRANCHES:
        start = origin(sci, exit_, width, w, trunk, along, across)
        way = _unit(x * lateral + y * down - z * normal)
        back = start - normal * P.SCIATIC_BRANCH_OUT
        # (on 1 mm past its cut: the cut goes through the stub's full section)
        via = np.vstack([start, back, back + way * (length - P.SCIATIC_BRANCH_OUT + 1.0)])
        out.append((routing.spline(via, 0.3), thick / 2.0))
    return out


def band_paths(
    side: str,
    sci: np.ndarray,
    opening: np.ndarray,
    width: np.ndarray,
    depth: np.ndarray,
    w: np.ndarray,
) -> list[tuple[np.ndarray, float]]:
    """The branches that leave the back of the band below piriformis
    (``SCIATIC_BAND_BRANCHES``: the inferior gluteal and posterior femoral cutaneous nerves):
    each from the band's middle plane its given mm beyond the point of the centreline ``sci``
    nearest the greater sciatic foramen's opening below piriformis (``opening``: midway between
    the deepest point of the notch and the ischial spine), its share of the band's half-width
    (``width``, along ``w``) towards its lateral edge, straight out of its back face
    (``depth``: its half-thickness), then on its way (laterally, down the nerve and backwards,
    in the band's own frame there): centreline and radius each."""
    s = routing.arc_length(sci)
    s_k = routing.nearest_length(sci, opening)
    shift = np.interp(s, P.SCIATIC_MEDIAL_SHIFT_AT, P.SCIATIC_MEDIAL_SHIFT)
    out = []
    for _, below, across, (x, y, z), length, thick in P.SCIATIC_BAND_BRANCHES:
        at = s_k + below
        t = routing.direction_at(sci, at, 1.0)
        lateral = vector_at(at, s, w)
        lateral = _to_side(_unit(lateral - (lateral @ t) * t), side)
        front = np.cross(t, lateral)
        front *= 1.0 if front @ ANTERIOR > 0.0 else -1.0
        half = float(np.interp(at, s, width))
        start = routing.at_length(sci, at) + lateral * (across * half - np.interp(at, s, shift))
        back = start - front * float(np.interp(at, s, depth))
        way = _unit(x * lateral + y * t - z * front)
        reach = length - float(np.linalg.norm(back - start)) + 1.0  # (on 1 mm past its cut)
        out.append((routing.spline(np.vstack([start, back, back + way * reach]), 0.3), thick / 2))
    return out


def field(branches: list[tuple[np.ndarray, float]]) -> list[implicit.SDF]:
    """Each branch as a round cord along its centreline."""
    return [implicit.sweep(path, r) for path, r in branches]


def joined(f: implicit.SDF, branches: list[tuple[np.ndarray, float]]) -> implicit.SDF:
    """``f`` with the ``branches`` of :func:`band_paths` joined on in a fillet of
    ``SCIATIC_BAND_BRANCH_FILLET`` mm: a branch leaving the nerve, not a bump on its face."""
    return implicit.smooth_union(P.SCIATIC_BAND_BRANCH_FILLET, f, *field(branches))


def caps(branches: list[tuple[np.ndarray, float]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each branch's cut end (point, outward normal): 1 mm before its centreline's end."""
    out = []
    for path, _ in branches:
        at = float(routing.arc_length(path)[-1]) - 1.0
        out.append((routing.at_length(path, at), routing.direction_at(path, at, 1.0)))
    return out
