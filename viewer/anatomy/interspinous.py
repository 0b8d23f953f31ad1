"""The interspinous ligament: a thin sagittal membrane filling the gap between the lower border of
the L5 spinous process and the top of the median sacral crest, from the ligamenta flava and the
back of the canal in front to the supraspinous ligament behind; thinner at its concave free front
edge than at the back, where it merges into the supraspinous ligament, its faces ridged by fibre
bundles running up and back (:func:`fibres`). Built as a sheet of :mod:`ligament_sheets`.
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy.ndimage import gaussian_filter1d

from . import implicit, muscle_meshing, nerve_shapes
from . import parameters as P
from .geometry import first_hit
from .ligament_sheets import SAMPLE_STEP, sheet, spanning


def _profile(points: np.ndarray, along: np.ndarray, pick, bin_mm: float = 1.0):
    """``pick`` (np.min or np.max) of the points' second coordinate in bins ``bin_mm`` wide of
    their first, at the bins' centres ``along`` (nan in an empty bin)."""
    out = np.full(len(along), np.nan)
    for i, c in enumerate(along):
        sel = points[np.abs(points[:, 0] - c) <= bin_mm / 2, 1]
        if len(sel):
            out[i] = pick(sel)
    return out


def _fill(values: np.ndarray) -> np.ndarray:
    """``values`` with their nan gaps filled linearly (and held flat beyond the ends)."""
    ok = np.isfinite(values)
    idx = np.arange(len(values))
    return np.interp(idx, idx[ok], values[ok])


def fibres(shape: implicit.SDF, x0: float, axis: np.ndarray) -> implicit.SDF:
    """``shape`` (a membrane in the plane ``x = x0``) with shallow grooves between its fibre
    bundles on both faces: straight ridges ``INTERSPINOUS_FIBRE_SPACING`` apart, running up and
    back at ``INTERSPINOUS_FIBRE_ANGLE`` from the interspace's own ``axis`` (a unit vector, up:
    from the middle of its attachment on the sacral crest's top to the middle of its attachment
    on the L5 spinous process's lower border; Bogduk: the fibres run obliquely backwards and
    upwards from the lower spinous process to the one above), gently wavy so that they do not
    look machined."""
    angle = np.radians(P.INTERSPINOUS_FIBRE_ANGLE)
    tilt = np.arctan2(axis[1], axis[2])  # the axis's forward lean from the vertical
    lean = tilt - angle  # the fibres' forward lean from the vertical (negative: back)
    along = np.array([0.0, np.sin(lean), np.cos(lean)])  # up and back
    across = np.array([0.0, np.cos(lean), -np.sin(lean)])
    spacing, depth = P.INTERSPINOUS_FIBRE_SPACING, P.INTERSPINOUS_FIBRE_DEPTH

    def f(p: np.ndarray) -> np.ndarray:
        s = p @ across + 0.35 * spacing * np.sin(2 * np.pi * (p @ along) / 23.0)
        groove = 0.5 - 0.5 * np.cos(2 * np.pi * s / spacing)
        # on the faces only, fading out round the rims (which lie in the plane)
        face = np.clip(np.abs(p[:, 0] - x0) / (P.INTERSPINOUS_THICKNESS / 2), 0.0, 1.0) ** 2
        return shape(p) + depth * groove * face

    return f


def interspinous(
    ctx, x0: float, flava: list[trimesh.Trimesh], supraspinous: trimesh.Trimesh
) -> trimesh.Trimesh:
    """A thin sagittal membrane in the plane ``x = x0`` filling the gap between the lower border
    of the L5 spinous process (its top edge, sunk into it) and the top of the median sacral crest
    (its bottom edge); in front it meets the ligamenta flava and, below their free edge, lies
    behind the canal; behind, it meets the supraspinous ligament."""
    r_front, r_back = (t / 2 for t in P.INTERSPINOUS_THICKNESS_FRONT_BACK)
    slab = P.INTERSPINOUS_THICKNESS
    sink_top, sink_bottom = P.LIGAMENT_ANCHOR_DEPTH, P.INTERSPINOUS_CREST_SINK
    pts = {
        name: implicit.surface_samples(ctx.mesh(name), SAMPLE_STEP)[0]
        for name in ("l5_vertebra", "sacrum_lower", "s1_segment")
    }
    near = {k: v[np.abs(v[:, 0] - x0) <= slab / 2][:, 1:] for k, v in pts.items()}  # (y, z)
    # (points all over their surface, not their vertices: the lowest and the rearmost of those
    # by height jump with the decimation)
    lf = np.vstack([implicit.surface_samples(m, SAMPLE_STEP)[0] for m in flava])
    lf = lf[np.abs(lf[:, 0] - x0) <= 2.5][:, 1:]
    ys = np.arange(-90.0, 0.0, 0.5)
    zs = np.arange(-40.0, 40.0, 0.5)
    # the lower border of the L5 spinous process, from the back of the flava to its tip
    border = _profile(near["l5_vertebra"], ys, np.min)
    tip_y = float(near["l5_vertebra"][:, 0].min())  # (its rearmost point, not a bin's centre)
    # the top of the median crest behind the sacral canal: the sacrum's highest point at each
    # depth below L5, over the run round the crest's highest point where it stays within
    # INTERSPINOUS_CREST_DROP of it (in front of that run lies the canal's floor)
    sacrum = np.vstack([near["sacrum_lower"], near["s1_segment"]])
    crest = _profile(sacrum[sacrum[:, 1] < np.nanmin(border)], ys, np.max)
    behind = (ys < tip_y + 12.0) & np.isfinite(crest)
    peak = int(np.flatnonzero(behind)[np.argmax(crest[behind])])
    keep = behind & (crest > crest[peak] - P.INTERSPINOUS_CREST_DROP)
    run = peak
    while run + 1 < len(ys) and keep[run + 1]:
        run += 1
    on_crest = keep & (np.arange(len(ys)) <= run)
    # the front edge comes down onto the crest's top a little behind its front (not onto its edge)
    # (where the crest's profile drops through the run's floor, interpolated between the bins:
    # a bin's centre would jump by a bin)
    floor = crest[peak] - P.INTERSPINOUS_CREST_DROP
    edge_y = float(ys[run])
    if run + 1 < len(ys) and np.isfinite(crest[run + 1]):
        share = (crest[run] - floor) / max(crest[run] - crest[run + 1], 1e-9)
        edge_y += float(np.clip(share, 0.0, 1.0)) * (ys[1] - ys[0])
    crest_front_y = max(edge_y - P.INTERSPINOUS_CREST_FRONT_INSET, float(ys[peak]))
    crest_front_z = float(np.interp(crest_front_y, ys, _fill(crest)))
    # in front: the back face of the flava (meeting them), below their free edge straight on down
    # to the crest's front; behind: the front face of the supraspinous ligament
    lf_back = _profile(lf[:, ::-1], zs, np.min, 0.5)  # y of the flava's back face by height
    low_z = float(lf[:, 1].min())  # their lowest point near the midline (not a bin's)
    smooth = 1.5 / (zs[1] - zs[0])
    lf_back = gaussian_filter1d(_fill(lf_back), smooth, mode="nearest")
    low_y = float(np.interp(low_z, zs, lf_back))
    # below their free edge the membrane's own free front edge, concave (bowed back between the
    # flava's edge and the crest), not a straight cut
    share = np.clip((low_z - zs) / (low_z - crest_front_z), 0.0, 1.0)
    ramp = (
        low_y
        + (crest_front_y - low_y) * share
        - P.INTERSPINOUS_FRONT_CONCAVITY * np.sin(np.pi * share)
    )
    front = np.where(zs >= low_z, lf_back, ramp)
    # (into the flava by INTERSPINOUS_FRONT_OVERLAP; its own free edge below them coming down
    # onto the crest where it did)
    into = P.INTERSPINOUS_OVERLAP + (P.INTERSPINOUS_FRONT_OVERLAP - P.INTERSPINOUS_OVERLAP) * (
        1.0 - share
    )
    front = front + into - r_front
    # (where the supraspinous ligament turns back over the crest's top, the membrane's back edge
    # runs on straight down to the crest)
    # (its front face where a ray in the membrane's plane meets it: continuous in the mesh, where
    # the frontmost of its vertices by height jumps with their spacing)
    origins = np.column_stack([np.full(len(zs), x0), np.zeros(len(zs)), zs])
    toward = np.tile([0.0, -1.0, 0.0], (len(zs), 1))
    back = -first_hit(supraspinous, origins, toward, 90.0)
    back = gaussian_filter1d(_fill(back), smooth, mode="nearest")
    corner = crest[peak] + P.INTERSPINOUS_CREST_DROP / 2
    back = (
        np.where(zs < corner, np.interp(corner, zs, back), back)
        - P.INTERSPINOUS_BACK_OVERLAP
        + r_back
    )
    # (behind the tip's lower corner the border turns up round the tip: there the membrane's
    # top-back corner is rounded off, down and back from the corner)
    # (both bones' borders smoothed over a millimetre or two: the membrane's edges follow them
    # smoothly, not the bins' or the bone mesh's small steps)
    soft = 1.0 / (ys[1] - ys[0])
    level = float(np.interp(tip_y + 2.0, ys, _fill(border)))
    corner = tip_y + 2.0 - ys
    top = np.where(corner > 0.0, level - 1.5 * corner, _fill(border)) + sink_top
    top = gaussian_filter1d(top, soft, mode="nearest")
    # (on the crest's top, and held level beyond it: in front and behind it is bounded by its
    # front and back edges)
    bottom = gaussian_filter1d(_fill(np.where(on_crest, crest, np.nan)), soft, mode="nearest")
    bottom = bottom - sink_bottom
    # (where the front edge, running up and forward along the flava, meets the L5 border in a
    # sharp wedge, it is held from INTERSPINOUS_FRONT_TOP_DROP below that corner on straight up:
    # a rounded corner there, not a horn)
    gap = np.interp(front, ys, top) - zs  # how far below the border the front edge lies
    order = np.argsort(gap)
    z_corner = float(np.interp(0.0, gap[order], zs[order]))
    front = np.minimum(front, np.interp(z_corner - P.INTERSPINOUS_FRONT_TOP_DROP, zs, front))
    # the membrane's samples: a grid over the sagittal plane, kept where inside all four edges,
    # its corners rounded (a smooth minimum of the distances to the four edges: no horn or peg)
    gy, gz = np.meshgrid(np.arange(-90.0, 0.0, SAMPLE_STEP), np.arange(-40.0, 40.0, SAMPLE_STEP))
    gy, gz = gy.ravel(), gz.ravel()
    edges = np.stack(
        [
            np.interp(gz, zs, front) - gy,
            gy - np.interp(gz, zs, back),
            np.interp(gy, ys, top) - gz,
            gz - np.interp(gy, ys, bottom),
        ]
    )
    k = P.INTERSPINOUS_CORNER_ROUNDING
    low = edges.min(axis=0)
    inside = low - k * np.log(np.exp(-(edges - low) / k).sum(axis=0)) > 0.0
    q = np.column_stack([np.full(inside.sum(), x0), gy[inside], gz[inside]])
    if len(q) < 100:
        raise ValueError("interspinous ligament: no gap found between L5 and the sacral crest")
    # thinnest at its free front edge, thickest at the back where it merges into the
    # supraspinous ligament (Bogduk ch. 4)
    fy, by = np.interp(q[:, 2], zs, front), np.interp(q[:, 2], zs, back)
    share = np.clip((fy - q[:, 1]) / np.maximum(fy - by, 1e-6), 0.0, 1.0)
    lo, hi = P.INTERSPINOUS_THICKNESS_FRONT_BACK
    r = (lo + (hi - lo) * share) / 2
    # (but under the narrow, rounded tip of the spinous process, its top-back corner, where it
    # merges into the supraspinous ligament, no thicker than the tip is wide)
    near_tip = implicit.smoothstep((q[:, 1] - tip_y) / P.INTERSPINOUS_TIP_TAPER)
    r = np.minimum(r, lo / 2 + (r - lo / 2) * near_tip)
    # and its free front edge thins out to a fine edge where it meets the flava and, below
    # them, over the canal (a rim as thick as the membrane read as a bar of soap: blind review
    # s27)
    edge, reach = P.INTERSPINOUS_FRONT_EDGE
    r = r * (edge + (1.0 - edge) * implicit.smoothstep((fy - q[:, 1]) / reach))
    # meshed along the line from the middle of its top edge to the middle of its bottom edge,
    # the bones cut away only near those edges (behind the open S1 canal their distance field
    # can be wrongly signed)
    sel_top = gz[inside] >= np.interp(gy[inside], ys, top) - 2.0
    sel_bottom = gz[inside] <= np.interp(gy[inside], ys, bottom) + 2.0
    a, b = q[sel_top].mean(axis=0), q[sel_bottom].mean(axis=0)
    span = float(np.ptp(q[:, 1])) / 2 + 4.0
    top_reach, bottom_reach = (
        float(np.linalg.norm(q[sel] - c, axis=1).max()) + 3.0
        for sel, c in ((sel_top, a), (sel_bottom, b))
    )
    mesh = spanning(
        ctx,
        fibres(sheet(q, r), x0, (a - b) / np.linalg.norm(a - b)),
        a,
        b,
        margin=span + 4.0,
        voxel=0.4,
        pad=3.0,
        cut_within=(top_reach, bottom_reach),
        max_faces=P.INTERSPINOUS_FACES,
    )
    # a fold the decimation leaves (stop 28: 131 deg where its thinned front edge meets the flava
    # in the midline) relaxed in place (under 0.06 mm moved); elsewhere the surface is untouched
    if np.degrees(mesh.face_adjacency_angles).max() >= nerve_shapes.FOLD_LIMIT:
        mesh = muscle_meshing.unfolded(mesh)
    return mesh
