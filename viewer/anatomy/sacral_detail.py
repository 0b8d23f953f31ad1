"""The lower sacrum's detail that LLP26 lacks: the S3 and S4 foramina, the median sacral crest
and the coccyx.

* **S3 and S4 foramina**: carved like S1's and S2's (:mod:`viewer.anatomy.sacral_carving`): from
  the canal out through LLP26's own pits, forwards to the pelvic opening and backwards to the
  dorsal one, as through-holes;
* **median sacral crest**: a midline ridge along the dorsal surface with one tubercle for each
  fused spinous process (S1-S4), from below the canal's top opening to above the hiatus;
* **coccyx**: four segments, each smaller, curving forwards from the sacral apex; the first with
  cornua reaching up towards the sacral cornua and small transverse processes. Its joints are
  fused (one solid) with a visible waist at each.

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
from .geometry import ray_hits, rotation_about, to_manifold
from .sacral_carving import SacralFrame, Tunnel, _pit, _tube, _tunnel

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
#: mm the crest's core lies inside the bone: the deeper, the gentler it rises from the surface
CREST_CORE_DEPTH = 2.5


def median_crest(sacrum: trimesh.Trimesh, sf: SacralFrame, canal_path: np.ndarray):
    """The median sacral crest as a solid to add to the (uncarved) sacrum: a ridge along the
    dorsal midline, standing ``MEDIAN_CREST_HEIGHT`` out, with ``MEDIAN_CREST_TUBERCLES``
    tubercles, from below the canal's top opening to above the hiatus."""
    heights = canal_path @ sf.normal
    h_top = heights[3] - P.MEDIAN_CREST_BELOW_CANAL_TOP
    h_end = heights[-3] + P.MEDIAN_CREST_ABOVE_HIATUS
    origin = canal_path[1] - (canal_path[1] @ sf.normal) * sf.normal
    origin = origin - origin[0] * frame.RIGHT  # on the midline
    back = -sf.anterior
    points, depths = [], []
    levels = np.arange(h_top, h_end, -1.5)
    for h in levels:
        start = origin + h * sf.normal + 80.0 * back
        hits = ray_hits(sacrum, start, -back)
        if len(hits) == 0:
            continue
        surface = start - hits[0] * back
        points.append(surface - CREST_CORE_DEPTH * back)  # its core inside the bone
        s = (h_top - h) / (h_top - h_end)  # 0 at the top, 1 at the bottom
        n = P.MEDIAN_CREST_TUBERCLES
        tubercle = np.cos(np.pi * (s * n - np.floor(s * n) - 0.5)) ** 2
        taper = min(1.0, 4.0 * s, 4.0 * (1.0 - s))  # rises from and fades into the surface
        depths.append(
            CREST_CORE_DEPTH
            + taper * (P.MEDIAN_CREST_HEIGHT + P.MEDIAN_CREST_TUBERCLE_HEIGHT * tubercle)
        )
    pts = np.asarray(points)
    m = len(pts)
    widths = np.full(m, P.MEDIAN_CREST_HALF_WIDTH)
    return _tube(pts, np.asarray(depths), widths, [back] * m)


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


def coccyx(sacrum: trimesh.Trimesh, sf: SacralFrame) -> trimesh.Trimesh:
    """The coccyx (a closed mesh) hanging from the sacral apex, overlapping it by
    ``COCCYX_OVERLAP`` so the two are one solid once united."""
    apex, axis = _apex_and_axis(sacrum, sf)
    # the segments' axes curve forwards: rotate about the left-right axis towards anterior
    turn_sign = 1.0 if np.cross(axis, sf.anterior) @ frame.RIGHT > 0 else -1.0
    parts: list[imp.SDF] = []
    top = apex - P.COCCYX_OVERLAP * axis
    d = axis
    centres = []
    for i, (length, half_w, half_d) in enumerate(P.COCCYX_SEGMENTS):
        if i:
            d = (
                rotation_about(
                    frame.RIGHT, turn_sign * np.radians(P.COCCYX_CURVE_PER_SEGMENT), np.zeros(3)
                )[:3, :3]
                @ d
            )
        centre = top + 0.5 * length * d
        ant = unit(
            np.cross(frame.RIGHT, d) * (1.0 if np.cross(frame.RIGHT, d) @ sf.anterior > 0 else -1.0)
        )
        rot = np.column_stack([frame.RIGHT, ant, d])
        parts.append(imp.ellipsoid(centre, (half_w, half_d, 0.5 * length + 0.5), rotation=rot))
        centres.append((centre, rot, length, half_w, half_d))
        top = top + (length - P.COCCYX_OVERLAP) * d
    c1, rot1, len1, w1, d1 = centres[0]
    ant1, d_1 = rot1[:, 1], rot1[:, 2]
    extras = []
    for sx in (1.0, -1.0):
        # cornua: up from the back of Co1 towards the sacral cornua
        cornu = c1 + sx * P.COCCYX_CORNU_LATERAL * frame.RIGHT - 0.8 * d1 * ant1 - 0.45 * len1 * d_1
        extras.append(imp.ellipsoid(cornu, P.COCCYX_CORNU_RADII, rotation=rot1))
        # transverse processes: out to the sides of Co1
        tp = c1 + sx * (w1 + 1.5) * frame.RIGHT - 0.1 * len1 * d_1
        extras.append(imp.ellipsoid(tp, P.COCCYX_TRANSVERSE_RADII, rotation=rot1))
    shape = imp.smooth_union(P.COCCYX_JOINT_ROUNDING, *parts)
    shape = imp.smooth_union(1.5, shape, *extras)
    pts = np.array([c[0] for c in centres])
    lo = pts.min(axis=0) - 16.0
    hi = pts.max(axis=0) + 16.0
    return meshing.mesh_sdf(
        shape, (tuple(lo), tuple(hi)), voxel=0.45, target_faces=4000, smooth_iterations=6
    )


def with_coccyx(lower: manifold3d.Manifold, sacrum: trimesh.Trimesh, sf: SacralFrame):
    """The lower sacrum united with its coccyx."""
    return lower + to_manifold(coccyx(sacrum, sf))
