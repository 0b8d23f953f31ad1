"""The lower sacrum's detail that LLP26 lacks: the S3 and S4 foramina, the median sacral crest
and the coccyx.

* **S3 and S4 foramina**: carved like S1's and S2's (:mod:`viewer.anatomy.sacral_carving`): from
  the canal out through LLP26's own pits, forwards to the pelvic opening and backwards to the
  dorsal one, as through-holes;
* **median sacral crest**: a midline ridge of the dorsal surface, rising from it on sloping
  flanks, with one tubercle for each fused spinous process below S1 (S2-S4; S1's tubercle and
  laminae are :mod:`viewer.anatomy.sacral_tubercle`'s), from below the canal's top opening to
  above the hiatus;
* **coccyx**: one flattened column of four fused segments tapering evenly to a point and curving
  forwards from the sacral apex, a shallow transverse groove at each fused joint (not a string
  of beads); the first segment with cornua reaching up towards the sacral cornua and
  small flat transverse processes.

Sizes are in :mod:`viewer.anatomy.parameters` (``S3_*``, ``S4_*``, ``MEDIAN_CREST_*``,
``COCCYX_*``).
"""

from __future__ import annotations

import manifold3d
import numpy as np
import trimesh

from . import frame, meshing
from . import implicit as imp
from . import parameters as P
from .frame import unit
from .geometry import ray_hits, to_manifold
from .sacral_carving import SacralFrame, Tunnel, _pit, _tunnel

LOWER_LEVELS = ("s3", "s4")

_WINDOWS = {
    ("s3", "anterior"): P.S3_ANTERIOR_FORAMEN_PIT,
    ("s3", "posterior"): P.S3_POSTERIOR_FORAMEN_PIT,
    ("s4", "anterior"): P.S4_ANTERIOR_FORAMEN_PIT,
    ("s4", "posterior"): P.S4_POSTERIOR_FORAMEN_PIT,
}
_SIZES = {
    ("s3", "anterior"): (P.S3_ANTERIOR_FORAMEN_HEIGHT, P.S3_ANTERIOR_FORAMEN_WIDTH),
    ("s3", "posterior"): (P.S3_POSTERIOR_FORAMEN_HEIGHT, P.S3_POSTERIOR_FORAMEN_WIDTH),
    ("s4", "anterior"): (P.S4_ANTERIOR_FORAMEN_HEIGHT, P.S4_ANTERIOR_FORAMEN_WIDTH),
    ("s4", "posterior"): (P.S4_POSTERIOR_FORAMEN_HEIGHT, P.S4_POSTERIOR_FORAMEN_WIDTH),
}


def lower_tunnels(
    sacrum: trimesh.Trimesh,
    sf: SacralFrame,
    pits: np.ndarray,
    side_name: str,
) -> dict[str, Tunnel]:
    """The S3 and S4 tunnels of one side, from the bone's middle forwards to the anterior opening
    and backwards to the posterior one (``pits``: LLP26's depression map)."""
    side = int(frame.side_sign(side_name))
    pelvic_side = unit(sf.anterior - 0.5 * sf.normal)
    dorsal_side = unit(-sf.anterior + 0.3 * sf.normal)
    out: dict[str, Tunnel] = {}
    for level in LOWER_LEVELS:
        openings = {
            "anterior": _pit(sacrum, pits, pelvic_side, side, _WINDOWS[(level, "anterior")], sf),
            "posterior": _pit(sacrum, pits, dorsal_side, side, _WINDOWS[(level, "posterior")], sf),
        }
        # At S3 and S4 the bone is thin and the canal runs close under the dorsal surface: both
        # tunnels start inside the bone between the two openings, nearer the front where it is
        # thicker (a tunnel from the canal would break through the dorsal wall), so each
        # foramen is a straight way through.
        middle = 0.75 * openings["anterior"] + 0.25 * openings["posterior"]
        for kind, centre in openings.items():
            near = np.linalg.norm(sacrum.triangles_center - centre, axis=1) < 4.0
            outward = unit((sacrum.face_normals[near] * sacrum.area_faces[near, None]).sum(0))
            h, w = _SIZES[(level, kind)]
            reach = 0.4 * float(np.linalg.norm(centre - middle))  # no overshoot in thin bone
            t = _tunnel(middle, centre, outward, sf.normal, h.value / 2, w.value / 2, reach)
            out[f"{level}_{kind}_{side_name}"] = t
    return out


# ---------------------------------------------------------------- median sacral crest
#: mm the crest's base lies inside the bone, at the midline and at its flanks' feet
CREST_CORE_DEPTH = 2.5
CREST_FOOT_DEPTH = 0.8
#: [constructed] radius of the crest's rounded top, mm
CREST_TOP_RADIUS = 2.0


def _crest_ring(mid, left, right, back, height: float) -> np.ndarray:
    """One section of the crest: a rounded top ``height`` behind the surface point ``mid``, its
    flanks sloping down to the surface at ``left`` and ``right`` (sunk a little into the bone),
    closed inside the bone."""
    r = min(CREST_TOP_RADIUS, 0.5 * height)
    centre = mid + (height - r) * back
    ang = np.radians(np.linspace(-70.0, 70.0, 9))
    top = centre + r * (np.sin(ang)[:, None] * frame.RIGHT + np.cos(ang)[:, None] * back)
    feet = [left - CREST_FOOT_DEPTH * back, right - CREST_FOOT_DEPTH * back]
    core = [f - CREST_CORE_DEPTH * back for f in feet]
    return np.vstack([top, feet, core, mid - 2 * CREST_CORE_DEPTH * back])


def median_crest(sacrum: trimesh.Trimesh, sf: SacralFrame, canal_path: np.ndarray):
    """The median sacral crest as a solid to add to the (uncarved) sacrum: a ridge along the
    dorsal midline that rises from the bone on sloping flanks ``MEDIAN_CREST_HALF_WIDTH`` either
    side (a ridge of the bone, not a rod lying on it), its rounded top ``MEDIAN_CREST_HEIGHT``
    proud, with a tubercle for each fused spinous process below S1 (S2-S4, ``MEDIAN_CREST_TUBERCLES``;
    S1's is :mod:`sacral_tubercle`'s), from below the canal's top opening to above the hiatus."""
    heights = canal_path @ sf.normal
    h_top = heights[3] - P.MEDIAN_CREST_BELOW_CANAL_TOP
    h_end = heights[-3] + P.MEDIAN_CREST_ABOVE_HIATUS
    origin = canal_path[1] - (canal_path[1] @ sf.normal) * sf.normal
    origin = origin - origin[0] * frame.RIGHT  # on the midline
    back = -sf.anterior
    w = P.MEDIAN_CREST_HALF_WIDTH
    rings = []
    for h in np.arange(h_top, h_end, -1.5):
        start = origin + h * sf.normal + 80.0 * back
        surface = []
        for dx in (0.0, -w, w):
            hits = ray_hits(sacrum, start + dx * frame.RIGHT, -back)
            if len(hits) == 0:
                break
            surface.append(start + dx * frame.RIGHT - hits[0] * back)
        if len(surface) < 3:
            continue
        s = (h_top - h) / (h_top - h_end)  # 0 at the top, 1 at the bottom
        n = P.MEDIAN_CREST_TUBERCLES
        # the tubercles at the middle of each of n equal stretches
        tubercle = np.cos(np.pi * (s * n - np.floor(s * n) - 0.5)) ** 2
        taper = min(1.0, 4.0 * s, 4.0 * (1.0 - s))  # rises from and fades into the surface
        height = taper * (P.MEDIAN_CREST_HEIGHT + P.MEDIAN_CREST_TUBERCLE_HEIGHT * tubercle)
        rings.append(_crest_ring(surface[0], surface[1], surface[2], back, max(height, 0.6)))
    hulls = [
        manifold3d.Manifold.hull_points(np.vstack([r0, r1]).astype(np.float64))
        for r0, r1 in zip(rings[:-1], rings[1:], strict=True)
    ]
    return manifold3d.Manifold.batch_boolean(hulls, manifold3d.OpType.Add)


# ---------------------------------------------------------------- coccyx
def _apex_and_axis(sacrum: trimesh.Trimesh, sf: SacralFrame) -> tuple[np.ndarray, np.ndarray]:
    """The sacral apex (its lowest midline point along the S1 axis) and the direction the sacrum
    runs there (down its midline, from 22 mm above the apex)."""
    v = sacrum.vertices
    mid = v[np.abs(v[:, 0]) < 6.0]
    h = mid @ sf.normal
    low = h.min()
    apex = mid[h < low + 4.0].mean(axis=0)
    above = mid[(h > low + 18.0) & (h < low + 26.0)].mean(axis=0)
    apex[0] = above[0] = 0.0
    return apex, unit(apex - above)


def _coccyx_path(apex: np.ndarray, axis: np.ndarray, anterior: np.ndarray):
    """Samples along the coccyx's midline from ``COCCYX_OVERLAP`` inside the sacral apex to its
    tip, curving forwards evenly by ``COCCYX_CURVE_PER_SEGMENT`` a segment: (points, tangents,
    anterior directions, arc lengths)."""
    lengths = np.array([seg[0] for seg in P.COCCYX_SEGMENTS])
    total = float(lengths.sum()) + P.COCCYX_OVERLAP
    s = np.arange(0.0, total + 1e-9, COCCYX_STEP)
    turn = np.radians(P.COCCYX_CURVE_PER_SEGMENT) * (len(lengths) - 1) / total
    # a circular arc in the sagittal plane, its tangent turning evenly towards anterior
    ant0 = unit(anterior - (anterior @ axis) * axis)
    c, si = np.cos(turn * s)[:, None], np.sin(turn * s)[:, None]
    tangents = c * axis + si * ant0
    antes = c * ant0 - si * axis
    steps = 0.5 * (tangents[1:] + tangents[:-1]) * COCCYX_STEP
    points = (apex - P.COCCYX_OVERLAP * axis) + np.vstack([np.zeros(3), np.cumsum(steps, axis=0)])
    return points, tangents, antes, s


def _coccyx_profile(s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half-width and half-depth of the coccyx at arc length ``s`` from its top: one column of
    segments each about its own size, stepping down smoothly across each fused joint (fused
    segments diminishing downwards, not an even cone nor a stack of beads), the last rounding
    off to ``COCCYX_TIP_RADIUS``; at each fused intercoccygeal joint a
    shallow transverse groove narrows the width by ``COCCYX_JOINT_GROOVE`` (the depth by
    ``COCCYX_JOINT_GROOVE_DEPTH_SHARE`` of it)."""
    seg = np.asarray(P.COCCYX_SEGMENTS, float)
    tops = P.COCCYX_OVERLAP + np.concatenate([[0.0], np.cumsum(seg[:, 0])])
    mids = tops[:-1] + 0.5 * seg[:, 0]
    # each segment keeps about its own size along its length and steps down to the next across
    # their fused joint (over COCCYX_JOINT_STEP mm): diminishing segments, not one even cone
    w = np.full_like(s, seg[0, 1])
    d = np.full_like(s, seg[0, 2])
    for j, joint in enumerate(tops[1:-1]):
        step = imp.smoothstep((s - joint) / P.COCCYX_JOINT_STEP + 0.5)
        w = w + (seg[j + 1, 1] - seg[j, 1]) * step
        d = d + (seg[j + 1, 2] - seg[j, 2]) * step
    # the last segment rounds off to the tip from its middle
    frac = np.clip((s - mids[-1]) / (tops[-1] - mids[-1]), 0.0, 1.0)
    point = np.sqrt(np.clip(1.0 - frac**2, 0.0, 1.0))
    w = np.maximum(w * point, P.COCCYX_TIP_RADIUS)
    d = np.maximum(d * point, P.COCCYX_TIP_RADIUS)
    groove = np.zeros_like(s)
    for joint in tops[1:-1]:
        groove = np.maximum(groove, np.exp(-(((s - joint) / P.COCCYX_JOINT_GROOVE_WIDTH) ** 2)))
    return w * (1.0 - P.COCCYX_JOINT_GROOVE * groove), d * (
        1.0 - P.COCCYX_JOINT_GROOVE_DEPTH_SHARE * P.COCCYX_JOINT_GROOVE * groove
    )


#: mm between the samples of the coccyx's midline
COCCYX_STEP = 0.25
#: mm the coccygeal column runs on above its top sample (inside the sacrum, hidden)
COCCYX_TOP_REACH = 1.0


def _coccyx_body(points, tangents, antes, s) -> imp.SDF:
    """The coccygeal column: a generalised cylinder of elliptical section along the sampled
    midline (each point measured in the frame of its nearest sample, so the joint grooves keep
    their depth), with a rounded tip."""
    from scipy.spatial import cKDTree

    w, d = _coccyx_profile(s)
    rights = np.cross(antes, tangents)
    tree = cKDTree(points)
    last = len(points) - 1

    def f(p):
        _, i = tree.query(p, k=1)
        q = p - points[i]
        u = np.einsum("ij,ij->i", q, rights[i]) / w[i]
        v = np.einsum("ij,ij->i", q, antes[i]) / d[i]
        along = np.einsum("ij,ij->i", q, tangents[i])
        r = np.minimum(w[i], d[i])
        e = (np.hypot(u, v) - 1.0) * r
        beyond = np.where(i == last, np.maximum(along, 0.0), 0.0)
        # the column ends flat just above its top sample, inside the sacral apex
        e = np.where(i == 0, np.maximum(e, -along - COCCYX_TOP_REACH), e)
        return np.where(beyond > 0, np.hypot(np.maximum(e, 0.0), beyond) + np.minimum(e, 0.0), e)

    return f


def coccyx(sacrum: trimesh.Trimesh, sf: SacralFrame) -> trimesh.Trimesh:
    """The coccyx (a closed mesh) hanging from the sacral apex, overlapping it by
    ``COCCYX_OVERLAP`` so the two are one solid once united: a flattened column of fused
    segments tapering to a point, curving forwards, with Co1's cornua and transverse
    processes."""
    apex, axis = _apex_and_axis(sacrum, sf)
    points, tangents, antes, s = _coccyx_path(apex, axis, sf.anterior)
    w, d = _coccyx_profile(s)
    body = _coccyx_body(points, tangents, antes, s)
    seg = P.COCCYX_SEGMENTS
    # Co1's frame at its middle
    i1 = int(np.argmin(np.abs(s - (P.COCCYX_OVERLAP + 0.5 * seg[0][0]))))
    top1 = int(np.argmin(np.abs(s - (P.COCCYX_OVERLAP + 1.0))))
    c1, t1, a1 = points[i1], tangents[i1], antes[i1]
    extras = []
    for sx in (1.0, -1.0):
        side = sx * frame.RIGHT
        # cornua: from the back of Co1's upper part, up towards the sacral cornua
        base = points[top1] + P.COCCYX_CORNU_LATERAL * side - 0.55 * d[top1] * a1 + 2.0 * t1
        tip = base - P.COCCYX_CORNU_LENGTH * t1 - 1.0 * a1 + 0.8 * side
        extras.append(
            imp.elliptic_cone(
                base,
                tip,
                (P.COCCYX_CORNU_RADII[0], P.COCCYX_CORNU_TIP_RADIUS),
                (P.COCCYX_CORNU_RADII[1], P.COCCYX_CORNU_TIP_RADIUS),
                up=a1,
            )
        )
        # transverse processes: flat, tapering, out to the side and a little up from Co1
        root = c1 - 0.2 * seg[0][0] * t1 + 0.5 * w[i1] * side
        tp_tip = c1 - 0.6 * seg[0][0] * t1 + (w[i1] + P.COCCYX_TRANSVERSE_REACH) * side
        extras.append(
            imp.elliptic_cone(
                root,
                tp_tip,
                P.COCCYX_TRANSVERSE_DEPTHS,
                P.COCCYX_TRANSVERSE_HEIGHTS,
                up=t1,
            )
        )
    shape = imp.smooth_union(P.COCCYX_PROCESS_ROUNDING, body, *extras)
    lo = points.min(axis=0) - 20.0
    hi = points.max(axis=0) + 20.0
    return meshing.mesh_sdf(
        shape, (tuple(lo), tuple(hi)), voxel=0.4, target_faces=4200, smooth_iterations=4
    )


def with_coccyx(lower: manifold3d.Manifold, sacrum: trimesh.Trimesh, sf: SacralFrame):
    """The lower sacrum united with its coccyx."""
    return lower + to_manifold(coccyx(sacrum, sf))
