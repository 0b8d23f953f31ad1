"""The hip bone's landmarks in relief: its spines as points, the notches between them, the
iliac tubercle and the ischial tuberosity's swelling.

The LLP26 hip bone is a mean of 26 surfaces, and averaging rounds every crest and spine: a blind
reviewer saw a "melted, wax-like" bone, with "no ischial spine, no anterior superior/inferior or
posterior superior/inferior iliac spines as points" (stop 40). In the bone (Gray's Anatomy, 42nd
ed., the hip bone):

* the ischial spine is a pointed triangular process projecting back and in between the greater
  and the lesser sciatic notch;
* the anterior superior iliac spine (ASIS) is a prominent rounded point at the front of the crest,
  with a notch below it down to the anterior inferior spine (AIIS), a rough knob above the
  acetabulum;
* the posterior superior and inferior spines (PSIS, PIIS) are two knobs at the back of the crest
  separated by a notch, above the greater sciatic notch;
* the iliac tubercle juts out from the crest's outer lip about 5 cm behind the ASIS;
* the ischial tuberosity is a large rough oval swelling, clearly thicker than the ramus running
  forward from it (a bump under its lowest point and one on its back).

Each is a smooth bump (or, for a notch, a dent) added to the surface: the vertices within its
reach move along a direction derived from the mesh (the mean normal round its centre), by a
compact smooth kernel of the distance, and only those facing that way (a spine grows out of the
bone's end; the faces beside it stretch, they are not pushed sideways). The centres are the
published landmarks (found on the plain bone) and points derived from the bone's borders (the
AIIS, the notches, the PIIS and the tubercle): no coordinates are written here. The faces round
each feature are refined first, so that a point is drawn in small triangles. The socket is left
alone (the femoral head seats on it): no vertex within ``HIP_RELIEF_SOCKET_CLEARANCE`` of the
lunate sphere moves; nor does the bone round the sacroiliac joint (within
``HIP_RELIEF_SACRUM_CLEARANCE`` of the sacrum); no feature but the ischial spine grows towards
the midline; and the PSIS moves only the bone lateral to it (the multifidus abuts its medial side),
the ischial spine only the bone medial to it (the sciatic nerve passes lateral to it:
``HIP_RELIEF_ONE_SIDED``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from . import parameters as P
from .acetabulum import averaged, refined
from .frame import mirror_points, unit
from .implicit import smoothstep
from .pelvis_landmarks import HipLandmarks


@dataclass(frozen=True)
class Feature:
    """One bump (height > 0) or dent (height < 0) of the relief."""

    name: str
    centre: np.ndarray  # (3,) model frame, mm
    direction: np.ndarray  # (3,) unit: out of the bone at the centre
    height: float  # mm along the direction (negative: a dent, into the bone)
    reach: float  # mm: the kernel's support radius


def border(
    hip: trimesh.Trimesh,
    lo: float,
    hi: float,
    forward: float,
    keep: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """The bone's border in side view between heights ``lo`` and ``hi``: in each horizontal
    section, ``HIP_RELIEF_BORDER_STEP`` apart, the point furthest forward (``forward`` = +1) or
    back (-1), one a row; ``keep`` (a function of the points, True where they count) leaves parts
    of the section out."""
    heights = np.arange(lo, hi, P.HIP_RELIEF_BORDER_STEP)
    lines, _, _ = trimesh.intersections.mesh_multiplane(
        hip, [0.0, 0.0, 0.0], [0.0, 0.0, 1.0], heights
    )
    rows = []
    for z, segments in zip(heights, lines, strict=True):
        points = np.column_stack(
            [np.asarray(segments).reshape(-1, 2), np.full(2 * len(segments), z)]
        )
        if keep is not None:
            points = points[keep(points)]
        if len(points):
            rows.append(points[np.argmax(forward * points[:, 1])])
    return np.array(rows)


def deepest(rows: np.ndarray, a: np.ndarray, b: np.ndarray, outward: float) -> np.ndarray:
    """The point of a side-view border (``rows``) lying deepest inside the chord from ``a`` to
    ``b`` (front to back, at its height; ``outward`` = +1: the border faces forward, -1: back),
    as a soft maximum (weights ``exp(depth / HIP_RELIEF_SOFTNESS)``): a near-tie does not flip
    it."""
    chord_y = a[1] + (rows[:, 2] - a[2]) * (b[1] - a[1]) / (b[2] - a[2])
    inside = outward * (chord_y - rows[:, 1])
    return _prominent(rows, inside)


def _prominent(rows: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The soft maximum of ``score`` over a border's ``rows`` (ordered by height): its height
    the mean weighted by ``exp(score / HIP_RELIEF_SOFTNESS)``, the point the border's there
    (interpolated: a weighted mean of points round a bend would lie off it)."""
    w = np.exp((score - score.max()) / P.HIP_RELIEF_SOFTNESS)
    z = (rows[:, 2] * w).sum() / w.sum()
    order = np.argsort(rows[:, 2])
    return np.array([np.interp(z, rows[order, 2], rows[order, k]) for k in range(3)])


def _normal_at(hip: trimesh.Trimesh, point: np.ndarray) -> np.ndarray:
    """The bone's outward direction at ``point``: its vertex normals within
    ``HIP_RELIEF_NORMAL_REACH`` averaged, weighted smoothly by distance."""
    d = np.linalg.norm(hip.vertices - point, axis=1)
    w = smoothstep(1.0 - d / P.HIP_RELIEF_NORMAL_REACH)
    return unit((hip.vertex_normals * w[:, None]).sum(0))


def features(hip: trimesh.Trimesh, marks: HipLandmarks, side: int) -> list[Feature]:
    """The relief's features on one plain hip bone (``side`` +1 right, -1 left)."""
    v = hip.vertices
    ac, r = marks.acetabulum_center, marks.acetabulum_radius
    step = P.HIP_RELIEF_BORDER_STEP

    def lateral(p: np.ndarray) -> np.ndarray:
        return side * p[:, 0] > side * ac[0] - P.HIP_RELIEF_ILIUM_BEYOND_SOCKET

    # the anterior border of the ilium, from the acetabulum's top to the ASIS
    front = border(hip, ac[2] + r, marks.asis[2] + step, +1.0, lateral)
    low = P.AIIS_ABOVE_ACETABULUM_CENTRE
    band = (front[:, 2] > ac[2] + low[0]) & (front[:, 2] < ac[2] + low[1])
    aiis = _prominent(front[band], front[band, 1])
    between = (front[:, 2] > aiis[2]) & (front[:, 2] < marks.asis[2])
    asis_notch = deepest(front[between], aiis, marks.asis, +1.0)
    # the posterior border: the PIIS is its corner above the greater sciatic notch, the
    # PSIS-PIIS notch lies between the two spines
    gsn, psis = marks.greater_sciatic_notch, marks.psis
    back = border(hip, gsn[2], psis[2], -1.0)
    chord_y = gsn[1] + (back[:, 2] - gsn[2]) * (psis[1] - gsn[1]) / (psis[2] - gsn[2])
    piis = _prominent(back, chord_y - back[:, 1])
    upper = back[back[:, 2] > piis[2] + step]
    psis_notch = deepest(upper, piis, psis, -1.0)
    # the lesser sciatic notch: the posterior border between the spine and the tuberosity
    spine, tub = marks.ischial_spine, marks.ischial_tuberosity
    lower = border(hip, tub[2] + P.LESSER_NOTCH_ABOVE_TUBEROSITY, spine[2], -1.0)
    lesser = deepest(lower, lower[0], spine, -1.0)
    # the iliac tubercle: on the crest's outer lip, ILIAC_TUBERCLE_BEHIND_ASIS behind the ASIS
    # (the soft maximum over the crest's slab of vertices there, put back on the surface below)
    y = marks.asis[1] - P.ILIAC_TUBERCLE_BEHIND_ASIS
    crest = v[np.abs(v[:, 1] - y) < step]
    tubercle = _prominent(crest, crest[:, 2] + P.ILIAC_TUBERCLE_LATERAL_WEIGHT * side * crest[:, 0])
    # the ischial tuberosity's back: the posterior border's point ISCHIAL_TUBEROSITY_BACK_ABOVE
    # above its lowest point (the swelling is an oval running up the back of the ischium, not a
    # knob under it)
    rise = P.ISCHIAL_TUBEROSITY_BACK_ABOVE
    behind = border(hip, tub[2] + rise - 3 * step, tub[2] + rise + 3 * step, -1.0)
    tub_back = np.array([np.interp(tub[2] + rise, behind[:, 2], behind[:, k]) for k in range(3)])
    lat = np.array([side, 0.0, 0.0])  # lateral (the left bone lies at -x)
    out = []
    for name, centre, (height, reach) in (
        ("ischial_spine", spine, P.ISCHIAL_SPINE_RELIEF),
        ("lesser_sciatic_notch", lesser, P.LESSER_SCIATIC_NOTCH_RELIEF),
        ("asis", marks.asis, P.ASIS_RELIEF),
        ("aiis", aiis, P.AIIS_RELIEF),
        ("asis_aiis_notch", asis_notch, P.ASIS_AIIS_NOTCH_RELIEF),
        ("psis", psis, P.PSIS_RELIEF),
        ("piis", piis, P.PIIS_RELIEF),
        ("psis_piis_notch", psis_notch, P.PSIS_PIIS_NOTCH_RELIEF),
        ("ischial_tuberosity", tub, P.ISCHIAL_TUBEROSITY_RELIEF),
        ("ischial_tuberosity_back", tub_back, P.ISCHIAL_TUBEROSITY_BACK_RELIEF),
    ):
        on = hip.nearest.on_surface(centre[None])[0][0]
        direction = _normal_at(hip, on)
        if name == "ischial_spine":  # it points back (and in), beyond its notches
            direction = unit(direction + P.ISCHIAL_SPINE_BACKWARD_LEAN * np.array([0.0, -1.0, 0.0]))
        elif side * direction[0] < 0.0:  # the others grow back, out, up or down: not towards
            # the sacrum (the PSIS and PIIS stand beside the sacroiliac joint, whose dorsal
            # ligaments and the multifidus lie medial to them)
            direction = unit(direction * np.array([0.0, 1.0, 1.0]))
        out.append(Feature(name, on, direction, height, reach))
    height, reach = P.ILIAC_TUBERCLE_RELIEF
    on = hip.nearest.on_surface(tubercle[None])[0][0]
    out.append(Feature("iliac_tubercle", on, unit(lat + _normal_at(hip, on)), height, reach))
    return out


def with_relief(
    hip: trimesh.Trimesh, marks: HipLandmarks, side: int, sacrum: trimesh.Trimesh
) -> trimesh.Trimesh:
    """The hip bone with its spines, notches, tubercle and tuberosity in relief.

    Parameters
    ----------
    hip : trimesh.Trimesh
        The hip bone (closed), its acetabulum finished.
    marks : HipLandmarks
        Its landmarks, found on the plain bone.
    side : int
        +1 right, -1 left.
    sacrum : trimesh.Trimesh
        The sacrum it meets at the sacroiliac joint (built against the sacrum on either side: the
        relief fades out near it and near its mirror image, so that the bone and its mirror stay
        put there).

    Returns
    -------
    trimesh.Trimesh
        A closed copy, finer round each feature, its vertices moved.
    """
    feats = features(hip, marks, side)
    centres = np.array([f.centre for f in feats])
    reaches = np.array([f.reach for f in feats])
    fine = hip
    for _ in range(P.HIP_RELIEF_REFINEMENTS):
        tc = fine.triangles_center
        near = (
            np.linalg.norm(tc[:, None] - centres[None], axis=2)
            < P.HIP_RELIEF_REFINED_REACH * reaches[None]
        ).any(1)
        long = fine.edges_unique_length[fine.faces_unique_edges].max(1) > P.HIP_RELIEF_EDGE
        fine = refined(fine, near & long)
    v = fine.vertices.copy()
    normals = averaged(fine, fine.vertex_normals, P.HIP_RELIEF_NORMAL_SMOOTHING)
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    # the socket stays where it is: the femoral head seats on it
    d_ac = np.linalg.norm(v - marks.acetabulum_center, axis=1) - marks.acetabulum_radius
    free = smoothstep((d_ac - P.HIP_RELIEF_SOCKET_CLEARANCE) / P.HIP_RELIEF_SOCKET_CLEARANCE)
    # nor does the bone round the sacroiliac joint (the joint and the sacral plexus's way out
    # over the greater sciatic notch are built in the gap between the bones)
    d_sacrum = np.minimum(
        cKDTree(sacrum.vertices).query(v)[0],
        cKDTree(mirror_points(sacrum.vertices)).query(v)[0],
    )
    near, far = P.HIP_RELIEF_SACRUM_CLEARANCE
    free = free * smoothstep((d_sacrum - near) / (far - near))
    tree = cKDTree(v)
    shift = np.zeros_like(v)
    for f in feats:
        idx = np.asarray(tree.query_ball_point(f.centre, f.reach), int)
        if not len(idx):
            continue
        s = np.linalg.norm(v[idx] - f.centre, axis=1) / f.reach
        kernel = np.clip(1.0 - s * s, 0.0, 1.0) ** 3
        facing = normals[idx] @ f.direction  # (a dent: the faces facing out move in)
        weight = smoothstep(
            (facing - P.HIP_RELIEF_FACING[0]) / (P.HIP_RELIEF_FACING[1] - P.HIP_RELIEF_FACING[0])
        )
        if f.name in P.HIP_RELIEF_ONE_SIDED:  # (the bone on the other side stays put)
            beyond = -P.HIP_RELIEF_ONE_SIDED[f.name] * side * (v[idx, 0] - f.centre[0])
            weight = weight * smoothstep(1.0 - beyond / P.HIP_RELIEF_ONE_SIDED_FADE)
        shift[idx] += (f.height * kernel * weight * free[idx])[:, None] * f.direction
    out = trimesh.Trimesh(v + shift, fine.faces, process=False)
    out.fix_normals()
    return out
