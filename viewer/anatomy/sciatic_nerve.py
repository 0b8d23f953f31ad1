"""The sciatic nerve's band with its plexus end, built by :mod:`nerves` (``n``: its builder's
state, with the bones near each side, piriformis and the landmarks).

* :func:`band`: the band's half-widths, half-thicknesses and width directions along its centreline;
* :func:`sacral_rami`: the S2 and S3 ventral rami, out of their foramina into the plexus;
* :func:`mesh`: the band with the rami and the roots' last stretches (their cords) converging on
  it as separate round cords: the lumbosacral trunk and S1 united at its plexus end, the S2 and
  S3 rami only near the notch; each cut flat where it enters the modelled plexus.

The band's own shape is :mod:`sciatic_shape`.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import nerve_paths, routing, sciatic_branches, sciatic_shape, section_caps
from . import nerve_shapes as shapes
from . import parameters as P
from .frame import ANTERIOR, RIGHT, side_sign
from .frame import unit as _unit


def band(n, side: str, sci: np.ndarray, exit_: np.ndarray, facing: bool = True):
    """The sciatic band's half-widths, half-thicknesses and width directions
    (:func:`sciatic_shape.band`): facing forwards from the plexus to the notch and backwards
    down the thigh, its width square to the front-to-back axis all along (turning with its
    course, no twisted neck); unless ``facing``, flat on piriformis and the notch it passes
    (where the lumbosacral trunk's course is aimed)."""
    lateral = RIGHT * side_sign(side)
    if not facing:  # (flat on its bed: where the trunk's course is aimed, as before)
        return sciatic_shape.band(sci, exit_, lateral, n.near[side])
    return sciatic_shape.band(sci, exit_, lateral, None)


def s3_opening(n, side: str) -> tuple[np.ndarray, np.ndarray]:
    """The S3 foramen (one segment on from S2, on the bone) and where its ventral ramus comes
    out of it on the front of the sacrum: ``S3_FORAMEN_TUNNEL`` mm forwards along its tunnel."""
    s2, s1 = n.lm("s2_anterior_foramen", side), n.lm("s1_anterior_foramen", side)
    s3 = n.near[side].lift(s2 + 0.8 * (s2 - s1), 2.0)[0]  # (one segment on from S2)
    return s3, s3 + ANTERIOR * P.S3_FORAMEN_TUNNEL


def sacral_rami(n, side: str, sci, width, w) -> list[tuple[np.ndarray, float]]:
    """The S2 and S3 ventral rami: out of their anterior sacral foramina and down and out on
    the front of piriformis into the medial edge of the sciatic band's plexus end, S2 higher
    and S3 nearer the infrapiriform exit (the rami merge one after another along the sheet)."""
    bones = n.near[side]
    s2_path = n.lm("s2_anterior_foramen_path", side)
    s2 = n.lm("s2_anterior_foramen", side)
    axis2 = _unit(n.lm("s2_anterior_foramen_axis", side))
    s3, s3_out = s3_opening(n, side)
    out = []
    for start, opening, axis, thick, join, turn, tunnel in (
        (
            s2_path[len(s2_path) // 2],
            s2,
            axis2,
            P.S2_VENTRAL_RAMUS_THICKNESS,
            P.S2_RAMUS_JOIN,
            P.SACRAL_RAMUS_TURN,
            False,
        ),
        # (S3 through its tunnel and out of its opening, then at once down and out)
        (
            s3 - axis2 * 2.0,
            s3_out,
            ANTERIOR,
            P.S3_VENTRAL_RAMUS_THICKNESS,
            P.S3_RAMUS_JOIN,
            P.S3_RAMUS_TURN,
            True,
        ),
    ):
        r = thick / 2.0
        end = sciatic_shape.edge_point(sci, width, w, *join)
        # out of its foramen turning at once towards the band (no hook out of the foramen)
        out_of = _unit(axis + turn * _unit(end - opening))
        via = np.vstack([start, *([opening] if tunnel else []), opening + out_of * (r + 3.0), end])
        path = routing.spline(via, 0.4)
        path = routing.route(
            path, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=0.0, hold_end=2.0, iterations=10
        )
        path = nerve_paths.fair(
            path, r + P.NERVE_BONE_CLEARANCE, bones, hold_start=2.0, hold_end=2.0, step=0.4
        )
        out.append((path, r))
    return out


def mesh(n, side: str, sci, exit_, roots) -> trimesh.Trimesh:
    """The band (:mod:`sciatic_shape`) with the S2 and S3 rami and the last stretches of the
    ``roots`` ((centreline, end radius, length drawn in) of S1 and the trunk) webbed into
    its plexus end."""
    width, depth, w = band(n, side, sci, exit_)
    rami = sacral_rami(n, side, sci, width, w)
    stubs = [sciatic_shape.stub(path, start) for path, start, _ in roots]
    # the band's plexus end laid in the plane of the cords converging on it (one flat sheet,
    # not a band facing forwards with the cords' sheet tilted across it), the rami led to its
    # edges so laid
    plane = sciatic_shape.sheet_plane(sci, [*(p for p, _ in rami), *stubs])
    w = sciatic_shape.in_sheet(sci, exit_, w, plane[1])
    rami = sacral_rami(n, side, sci, width, w)
    cords = [sciatic_shape.cord(m, p) for p, (_, _, m) in zip(stubs, roots, strict=True)]
    # each root and ramus cut off flat where it enters the modelled plexus (a section: the
    # roots of an atlas's plexus, no rounded fingers): the rami at their foramina
    # (S3's at the opening of its foramen's tunnel on the front of the sacrum)
    openings = [
        n.lm("s2_anterior_foramen", side),
        s3_opening(n, side)[1] - ANTERIOR * P.S3_CUT_INSIDE_OPENING,
    ]
    # (the roots' stubs are not cut: hidden in the roots, and two cuts side by side folded
    # the surface between them)
    caps = [
        sciatic_shape.cord_cut(p, opening) for (p, _), opening in zip(rami, openings, strict=True)
    ] + [sciatic_shape.cord_cut(p, None) for p in stubs]
    # the S2 and S3 rami broadening and flattening into the sheet as they converge (the roots'
    # cords are drawn from the roots' own meshes: a round cord about them showed round over the
    # flat lumbosacral trunk in the whole model)
    broad = [sciatic_shape.broad_cord(p, r, plane[1]) for p, r in rami]
    # each cord webbed to its neighbours only over its last SCIATIC_CORD_FUSED mm (the rami not
    # at all: they unite with the band at their joins near the notch) and never within
    # SCIATIC_CORD_FREE mm of its cut: separate round cords converging across piriformis (S2,
    # S3, S1, the trunk; then S3, S2, S1, the trunk: medial to lateral, as body() takes them)
    cut_at = [
        routing.nearest_length(p, c[0])
        for p, c in zip([rami[0][0], rami[1][0], *stubs], caps, strict=True)
    ]
    ends = [p for p, _ in rami] + stubs
    webbed = [
        min(float(routing.arc_length(p)[-1]) - a - free, fused)
        for p, a, free, fused in zip(
            ends, cut_at, P.SCIATIC_CORD_FREE, P.SCIATIC_CORD_FUSED, strict=True
        )
    ]
    webbed = [webbed[1], webbed[0], *webbed[2:]]
    # the plexus's branches: short cut stubs leaving the back of the sheet
    branches = sciatic_branches.paths(side, sci, exit_, width, w, stubs[1], plane[1])
    # (and those leaving the band where it passes the greater sciatic foramen below piriformis)
    opening = 0.5 * (n.lm("greater_sciatic_notch", side) + n.lm("ischial_spine", side))
    behind = sciatic_branches.band_paths(side, sci, opening, width, depth, w)
    body = sciatic_shape.body(sci, width, depth, w, rami, stubs, exit_, webbed)
    f = shapes.union(
        P.SCIATIC_PLEXUS_WEB,
        [body, *broad, *cords, *sciatic_branches.field(branches)],
    )
    f = sciatic_branches.joined(f, behind)
    branches += behind
    caps = caps + sciatic_branches.caps(branches)
    # where they converge the cords lie side by side in one flat sheet (no knot)
    f = sciatic_shape.flattened(f, *sciatic_shape.sheet_plane(sci, [*(p for p, _ in rami), *stubs]))
    # the full clearance: the rami's cut ends in their foramina are smoothed towards bone
    f = shapes.trimmed(f, n.near[side], avoid=[n.piriformis[side]], margin=P.NERVE_BONE_CLEARANCE)
    # (each cut only across its own cord: the web and the band beside it stay whole)
    f = shapes.cut_ends(f, caps, reach=P.SCIATIC_CORD_CUT_REACH)
    reach = float(width.max()) + 2.0
    paths = [sci, *(p for p, _ in rami), *stubs, *(p for p, _ in branches)]
    out = shapes.capped_mesh(
        f, paths, reach, 0.6, caps, faces=P.SCIATIC_FACES, cap_reach=P.SCIATIC_CORD_CUT_REACH
    )
    return flat_caps(out, caps)


def flat_caps(m: trimesh.Trimesh, caps: list[tuple[np.ndarray, np.ndarray]]) -> trimesh.Trimesh:
    """``m`` with every cut of ``caps`` (point, outward normal) put back on its plane after the
    decimation and tagged as a section cap: the decimation can leave a cut a few tenths of a
    millimetre off its plane (s40: four of the six cuts on the right side of one build), so
    that it was neither drawn nor counted as one. Every cut is flattened, every time (s40
    flattened only those found off their planes, and which those were differed between
    machines: a cut moved 0.65-0.92 mm under the perturbed rebuild), by :func:`pressed_flat`."""
    flags = section_caps.cut_flags(m)
    v = np.array(m.vertices, float)
    facing = np.asarray(m.vertex_normals, float)
    for point, normal in caps:
        v = pressed_flat(v, facing, point, normal)
    out = trimesh.Trimesh(v, m.faces, process=False)
    out.vertex_attributes[section_caps.ATTRIBUTE] = flags
    for point, normal in caps:
        section_caps.tag_plane(out, point, normal, 0.05, within=P.SCIATIC_CORD_CUT_REACH)
    return out


def pressed_flat(
    v: np.ndarray, facing: np.ndarray, point: np.ndarray, normal: np.ndarray
) -> np.ndarray:
    """The vertices ``v`` with those within ``SCIATIC_CAP_REFLATTEN`` mm below the plane
    (``point``, unit outward ``normal``) and ``SCIATIC_CORD_CUT_REACH`` mm of its point put on
    it, and those a little further (down to twice that depth, and 1 mm beyond that reach)
    moved part of the way, smoothly: no vertex jumps where it crosses a limit (the build moves
    continuously with its inputs), and none passes another (the move keeps their order). Only
    the cut's own face is pressed: a vertex whose normal (``facing``) turns from the plane's
    by more than 60 degrees (towards the cord's side) is moved less, none beyond 78
    (pressing the side's vertices onto the plane turned its triangles over: s41)."""
    d = P.SCIATIC_CAP_REFLATTEN
    n = np.asarray(normal, float) / np.linalg.norm(normal)
    h = (v - point) @ n
    r = np.linalg.norm(v - point, axis=1)
    # a share 1 at and above -d, falling to 0 at -2d: h * (1 - share) is increasing in h
    share = np.clip((h + 2.0 * d) / d, 0.0, 1.0)
    share *= np.clip(P.SCIATIC_CORD_CUT_REACH + 1.0 - r, 0.0, 1.0)
    share *= np.clip((facing @ n - 0.2) / 0.3, 0.0, 1.0)
    return v - (share * h)[:, None] * n
