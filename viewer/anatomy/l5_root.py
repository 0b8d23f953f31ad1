"""The L5 nerve root: its centreline, L4's branch that joins it over the sacral ala (from there on
the lumbosacral trunk), its dorsal ramus, and its mesh. Built by :mod:`viewer.anatomy.nerves`
(``n`` is its per-build helper, which knows the landmarks, the bones, the sac and the lumbosacral
axes).

The root leaves the sac above the L5 pedicle, runs obliquely down the lateral recess along the
pedicle's medial side and out under it, swells into its dorsal root
ganglion (a long spindle) in the L5-S1 intervertebral foramen, gives off its dorsal ramus back
over the ala just beyond it, and over the sacral ala is joined by L4's branch (cut flat where it
enters the model from above): from there on the lumbosacral trunk, a flat band over the ala in
front of the sacroiliac joint down into the sciatic band's plexus end, beside S1 on its lateral
side (B.6).
"""

from __future__ import annotations

import numpy as np

from . import implicit, nerve_paths, root_bundles, routing
from . import nerve_shapes as shapes
from . import parameters as P
from .frame import ANTERIOR, RIGHT, SUPERIOR, side_sign
from .frame import unit as _unit


def trunk_radius() -> float:
    """The lumbosacral trunk's radius: the L5 root's and L4's branch's sections together."""
    return float(np.hypot(P.L5_ROOT_THICKNESS / 2.0, P.L4_CONTRIBUTION_THICKNESS / 2.0))


def path(n, side: str, end: np.ndarray, before: np.ndarray):
    """The root's centreline (from the sac to ``end`` in the plexus, arriving through ``before``),
    where it leaves the sac's centreline, and its point over the ala."""
    ls, bones = n.ls, n.near[side]
    lat = RIGHT * side_sign(side)
    r = P.L5_ROOT_THICKNESS / 2.0
    pedicle = n.lm("l5_pedicle", side)
    foramen = n.lm("l5_s1_foramen", side)
    s0 = n.sac_level(float(ls.s(pedicle)) + P.L5_ROOT_LEAVES_ABOVE_PEDICLE)
    origin = n.sac_point(s0)
    # down the lateral recess, along the pedicle's medial side, then out under it
    recess = pedicle - lat * P.L5_ROOT_RECESS_MEDIAL - SUPERIOR * P.L5_ROOT_RECESS_BELOW
    under = 0.5 * (recess + foramen) - lat * 1.0
    outside = foramen + lat * 8.0 + ANTERIOR * 6.0 - ls.up * 6.0
    # Over the ala and down in front of the sacroiliac joint: just anterior to the bone.
    ala = routing.first_clear(bones, n.lm("sacral_ala", side) - lat * 14.0, ANTERIOR, r + 2.0)
    via = np.array(
        [
            origin,
            origin + n.down_the_sac(s0) * P.ROOT_DOWN_THE_SAC,
            recess,
            under,
            foramen,
            outside,
            ala,
            before,
            end,
        ]
    )
    line = nerve_paths.root_path(via, r, foramen, bones, hold_route=5.0, hold_end=P.ROOT_ARRIVAL)
    return line, origin, ala


def l4_contribution(
    n, side: str, l5: np.ndarray, ala: np.ndarray
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """L4's branch to the lumbosacral trunk: from the top of the modelled region (where it leaves
    the L4 ventral ramus in psoas, above the model) down and a little out in a gentle curve in
    front of the L5 transverse process, then bowing back in to meet the L5 root over the ala at an
    angle (Gray's Anatomy 42nd ed.: it descends at the medial border of psoas over the ala). Its
    centreline, and the plane (point, outward normal) of its cut top: set by the design points
    alone (not the routed line), so that it moves continuously with the bones."""
    ls, bones = n.ls, n.near[side]
    lat = RIGHT * side_sign(side)
    r = P.L4_CONTRIBUTION_THICKNESS / 2.0
    foramen = n.lm("l5_s1_foramen", side)
    top = nerve_paths.l4_branch_top(ls, foramen, lat)
    # its direction leaving the top: down the lumbosacral axis, as the tube psoas keeps clear of
    # (muscles.lumbosacral_corridor) runs there, and a little out
    down = _unit(P.L4_BRANCH_OUT * lat - ls.up)
    lead = top + down * P.L4_BRANCH_LEAD
    mid = nerve_paths.l4_branch_middle(ls, foramen, lat)
    mid = routing.first_clear(bones, mid, ANTERIOR, r + 2.0)
    join = routing.at_length(l5, routing.nearest_length(l5, ala))
    line = routing.spline(np.vstack([top, lead, mid, join]), 0.5)
    line = routing.route(
        line,
        r + P.NERVE_BONE_CLEARANCE,
        bones,
        hold_start=P.L4_BRANCH_LEAD,
        hold_end=1.0,
        iterations=10,
    )
    return routing.resample(line, 0.5), (top + down * P.L4_BRANCH_CAP_BELOW, -down)


def mesh(
    n,
    side: str,
    l5: np.ndarray,
    radii: np.ndarray,
    ganglion: float,
    l4,
    leaves: float,
    l4_top: tuple[np.ndarray, np.ndarray],
):
    """The L5 root with its ganglion (centred at arc length ``ganglion``), joined over the ala by
    L4's branch: from there on the lumbosacral trunk, as thick as the two together. L4's branch
    is cut flat at the top, on the plane ``l4_top`` (point, outward normal)."""
    r4 = P.L4_CONTRIBUTION_THICKNESS / 2.0
    s = routing.arc_length(l5)
    s_join = routing.nearest_length(l5, l4[-1])
    # the spinal nerve's own radii (the routing's ganglion envelope taken out): the ganglion is
    # drawn on the dorsal root (root_bundles)
    radii = radii / shapes.spindle(s, ganglion, P.DRG_LENGTH, P.DRG_DIAMETER_RATIO.value)
    trunk = np.sqrt(radii**2 + r4**2 * np.clip((s - s_join + 10.0) / 10.0, 0.0, 1.0))
    # the trunk a flat band over the ala and the pelvic brim (its section's area kept) on into
    # the plexus, of even width to its cut: its thickness narrows into the plexus band, and it is
    # a little less flat at its cut (``TRUNK_END_FLATTENING``: a round cut end); made round again
    # there and narrowed all round, it swelled into a cigar and ran out to a point (s30)
    taper = shapes.end_taper(l5)
    flat = np.interp(
        s,
        [s_join - 10.0, s_join + 5.0, s[-1] - P.ROOT_CUT_IN_PLEXUS - 12.0, s[-1]],
        [
            1.0,
            P.LUMBOSACRAL_TRUNK_FLATTENING,
            P.LUMBOSACRAL_TRUNK_FLATTENING,
            P.TRUNK_END_FLATTENING,
        ],
        left=1.0,
    )
    t, across = routing.frames(l5, RIGHT)  # its width across the body: it faces forwards
    # (where it runs out sideways it is still round: blended smoothly, no switch)
    sideways = np.clip((np.abs(t @ RIGHT) - 0.9) / 0.08, 0.0, 1.0)[:, None]
    n_ = np.cross(t, ANTERIOR)
    n_ /= np.maximum(np.linalg.norm(n_, axis=1, keepdims=True), 1e-9)
    n_ *= np.where((n_ * across).sum(1) < 0.0, -1.0, 1.0)[:, None]
    across = (1.0 - sideways) * across + sideways * n_
    across /= np.linalg.norm(across, axis=1, keepdims=True)
    top, top_normal = l4_top  # (from the design points: continuous with the bones)
    cut = implicit.halfspace(top, top_normal)
    pair, _, _ = root_bundles.bundles(l5, P.L5_ROOT_THICKNESS / 2.0, ganglion)
    # the spinal nerve, from inside the ganglion on (begun where the roots join, as S1's, the
    # band's flat start there left no closed mesh)
    on = s >= ganglion - 1.0
    w_, d_ = trunk * np.sqrt(flat), trunk / np.sqrt(flat) * taper
    band = implicit.sweep(l5[on], w_[on], d_[on], width_dirs=across[on])
    dorsal = dorsal_ramus(n, side, l5, ganglion)
    r_d = P.L5_DORSAL_RAMUS_THICKNESS / 2.0
    r_t = r_d * P.RAMUS_BRANCH_SHARE
    twigs = root_bundles.ramus_branches(
        dorsal,
        RIGHT * side_sign(side),
        n.near[side],
        r_t,
        P.L5_RAMUS_BRANCH_DOWN,
        settle=lambda p: onto_bone(
            n.near[side], p, r_t + P.NERVE_BONE_CLEARANCE, P.L5_RAMUS_BRANCH_DROP
        ),
    )
    f = shapes.union(
        1.0,
        [
            implicit.smooth_union(P.ROOT_BUNDLE_FILLET, *pair),
            band,
            l4_branch(l4, r4),
            root_bundles.dorsal_ramus(dorsal, 2.0 * r_d, RIGHT * side_sign(side)),
            *(implicit.sweep(t, r_t) for t in twigs),
        ],
    )
    f = shapes.trimmed(f, n.near[side], avoid=[n.piriformis[side]])
    g = implicit.intersection(
        f, lambda p: np.where(np.linalg.norm(p - l4[0], axis=1) < 8.0, cut(p), -1e3)
    )
    return shapes.root_mesh(
        g,
        [l5, l4, dorsal, *twigs],
        float(trunk.max()) + 3.0,
        n.root_cuts(l5, leaves),
        twigs,
        cut_already=[(top, top_normal)],
    )


def l4_branch(l4: np.ndarray, r4: float) -> implicit.SDF:
    """L4's branch as a flattened ramus (a nerve's section, not a pencil-thin pipe; blind review
    s30): its section's area that of a round one of radius ``r4``, ``L4_BRANCH_FLATTENING`` times
    as wide as thick, its width across the body (it faces forwards, as the trunk it joins)."""
    t, across = routing.frames(l4, RIGHT)
    f = P.L4_BRANCH_FLATTENING
    n = len(l4)
    return implicit.sweep(
        l4, np.full(n, r4 * np.sqrt(f)), np.full(n, r4 / np.sqrt(f)), width_dirs=across
    )


def dorsal_ramus(n, side: str, l5: np.ndarray, ganglion: float) -> np.ndarray:
    """The L5 dorsal ramus: from the root just beyond its ganglion (centred at arc length
    ``ganglion``) back over the top of the sacral ala, along the groove between the ala and the
    root of S1's superior articular process, to where it divides into its medial and lateral
    branches (Bogduk ch. 11), lying on the bone and clear of it all the way.

    Its way is set by two points laid onto the bone from above (:func:`onto_bone`): the groove,
    ``L5_RAMUS_GROOVE_LATERAL`` mm lateral to and ``L5_RAMUS_GROOVE_BEHIND`` mm behind the
    centre of S1's superior articular facet, and its division, ``L5_RAMUS_DIVIDES_BEYOND`` mm
    further back; each its own half-width and ``NERVE_BONE_CLEARANCE`` clear of the bone (a
    straight line run back and down from the root, its end held, had ended 8 mm inside the
    superior articular process and its branches began 5.7 mm inside the bone: cut flat by the
    bone, routed into 47 mm detours, stop 44)."""
    bones = n.near[side]
    lat = RIGHT * side_sign(side)
    start = routing.at_length(l5, ganglion + P.L5_DORSAL_RAMUS_BRANCH)
    # it leaves the nerve square to it, backwards (turned back at once towards the groove, it ran
    # back across the ganglion's distal half: the root's widest section there, not the ganglion)
    along = routing.direction_at(l5, ganglion + P.L5_DORSAL_RAMUS_BRANCH, 2.0)
    square = _unit(-ANTERIOR - (-ANTERIOR @ along) * along)
    leaving = start + square * P.L5_DORSAL_RAMUS_SQUARE
    facet = n.lm("s1_superior_articular_facet", side)
    groove = facet + lat * P.L5_RAMUS_GROOVE_LATERAL - ANTERIOR * P.L5_RAMUS_GROOVE_BEHIND
    divide = groove - ANTERIOR * P.L5_RAMUS_DIVIDES_BEYOND
    mid, end = ramus_clearance(np.array([0.5, 1.0]))
    groove = onto_bone(bones, groove, mid)
    divide = onto_bone(bones, divide, end)
    line = routing.spline(np.array([start, leaving, groove, divide]), 0.4)
    s = routing.arc_length(line)
    line = routing.route(line, ramus_clearance(s / s[-1]), bones, hold_start=1.0, iterations=10)
    return routing.resample(line, 0.4)


def ramus_clearance(share: np.ndarray) -> np.ndarray:
    """How far the dorsal ramus's centreline keeps from bone at ``share`` of the way along it:
    its half-width there (:func:`root_bundles.dorsal_ramus`: flattened, tapering) and
    ``NERVE_BONE_CLEARANCE``: it lies flat on the bone, its edges clear too."""
    taper = P.DORSAL_RAMUS_TAPER + (2.0 - 2.0 * P.DORSAL_RAMUS_TAPER) * np.asarray(share)
    half_width = 0.5 * P.L5_DORSAL_RAMUS_THICKNESS * taper * np.sqrt(P.DORSAL_RAMUS_FLATTENING)
    return half_width + P.NERVE_BONE_CLEARANCE


def onto_bone(
    bones: routing.Obstacles, point: np.ndarray, clearance: float, below: float = P.L5_RAMUS_DROP
) -> np.ndarray:
    """``point`` laid onto the bone beneath it: marching down from ``L5_RAMUS_DROP`` mm above
    it to ``below`` mm below it, the first point ``clearance`` mm clear of the bone
    (interpolated between the steps either side: it moves continuously with the bone; the
    lowest when there is no bone so near)."""
    step = 0.25
    t = np.arange(0.0, P.L5_RAMUS_DROP + below + step, step)
    pts = point + SUPERIOR * P.L5_RAMUS_DROP - t[:, None] * SUPERIOR
    gap = bones(pts) - clearance
    if not (gap <= 0.0).any():
        return pts[-1]
    k = int(np.argmax(gap <= 0.0))
    if k == 0:  # (already too close where it starts)
        return pts[0]
    f = gap[k - 1] / (gap[k - 1] - gap[k])
    return pts[k - 1] + f * (pts[k] - pts[k - 1])
