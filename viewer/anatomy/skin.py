"""The skin of the lower back, buttocks and upper thighs: a smooth closed envelope on which the
pain areas are painted (shown translucent, off by default).

The envelope is the union of
* the built bones and muscles grown by ``SKIN_MIN_DEPTH`` (so no bone or muscle comes closer to
  the skin than that), and
* the soft-tissue masses no other structure models: the waist, the gluteal masses behind the hip
  bones and the thighs around the femoral shafts (sizes ``[constructed]`` in ``parameters.py``),
closed morphologically with a ball of ``SKIN_CLOSING_RADIUS`` and smoothed, then clipped at the
lower thorax above and at mid-thigh below. All sizes are on a coarse grid (the skin is smooth).
"""

from __future__ import annotations

import numpy as np
import trimesh
from scipy import ndimage

from ..vocabulary import SIDES
from . import implicit, meshing
from . import parameters as P
from .bone_fields import missing
from .build import Built
from .frame import side_sign
from .structures import ids

VOXEL = 4.0
MAX_FACES = 20_000


def _lm(ctx, name) -> np.ndarray:
    return np.asarray(ctx.landmarks[name], float).reshape(-1)[:3]


def soft_tissue_masses(ctx) -> implicit.SDF:
    """Waist, gluteal masses and thighs, blended smoothly ([constructed] sizes)."""
    shapes = []
    spinous = _lm(ctx, "l5_spinous_tip")
    top = P.SKIN_TOP_ABOVE_S1
    waist_centre_y = spinous[1] - 15.0 + P.WAIST_HALF_DEPTH
    waist_r = np.array([P.WAIST_HALF_WIDTH, P.WAIST_HALF_DEPTH, 1.0])

    def waist(p):
        q = (p[:, :2] - [0.0, waist_centre_y]) / waist_r[:2]
        k = np.linalg.norm(q, axis=1)
        radial = (k - 1.0) * min(waist_r[:2])
        return np.maximum(radial, np.maximum(-20.0 - p[:, 2], p[:, 2] - top - 40.0))

    shapes.append(waist)
    for side in SIDES:
        sx = side_sign(side)
        gt = _lm(ctx, f"greater_trochanter_lateral_{side}")
        hip = _lm(ctx, f"femoral_head_center_{side}")
        it = _lm(ctx, f"ischial_tuberosity_{side}")
        psis = _lm(ctx, f"psis_{side}")
        cut = _lm(ctx, f"femur_shaft_cut_center_{side}")
        # gluteal mass: behind the hip joint, between the PSIS and the ischial tuberosity
        g = np.array(
            [(abs(hip[0]) * 0.75) * sx, min(it[1], psis[1]) - 5.0, (hip[2] + psis[2]) / 2 - 10]
        )
        shapes.append(implicit.ellipsoid(g, P.BUTTOCK_RADII))
        # hips: across the greater trochanters
        shapes.append(
            implicit.ellipsoid([gt[0] - sx * 35.0, hip[1] - 5.0, gt[2] + 5.0], (70.0, 85.0, 80.0))
        )
        # thigh: around the shaft, a little medial to it
        medial = np.array([-sx * 12.0, 0.0, 0.0])
        shapes.append(
            implicit.round_cone(
                hip + medial + [0, -10.0, -20.0],
                cut + medial - [0, 0, 60],
                P.THIGH_SOFT_TISSUE_RADIUS + 8,
                P.THIGH_SOFT_TISSUE_RADIUS,
            )
        )
    return implicit.smooth_union(40.0, *shapes)


def clip_levels(ctx) -> tuple[float, float]:
    """(bottom, top) heights of the skin: mid-thigh (below the femur cuts) and the lower thorax."""
    cuts = [_lm(ctx, f"femur_shaft_cut_center_{s}")[2] for s in SIDES]
    gts = [_lm(ctx, f"greater_trochanter_{s}")[2] for s in SIDES]
    bottom = min(min(cuts) - 15.0, min(gts) - P.SKIN_THIGH_CLIP_BELOW_TROCHANTER)
    return bottom, P.SKIN_TOP_ABOVE_S1


def skin(ctx) -> trimesh.Trimesh:
    inner = [s for s in ids("bones") + ids("disc") + ids("muscles") if s in ctx.built]
    masses = soft_tissue_masses(ctx)
    bottom, top = clip_levels(ctx)
    lo = np.array([-260.0, -260.0, bottom - 3 * VOXEL])
    hi = np.array([260.0, 260.0, top + 3 * VOXEL])
    lo_grid, axes = meshing.sample_grid((lo, hi), VOXEL)
    X, Y, Z = np.meshgrid(*axes, indexing="ij")
    pts = np.stack([X.ravel(), Y.ravel(), Z.ravel()], axis=1)
    # everything within SKIN_MIN_DEPTH of a bone or muscle surface (distance transform of the
    # voxels their surfaces pass through), their insides filled
    surface = np.zeros(X.shape, bool)
    for sid in inner:
        samples, _ = implicit.surface_samples(ctx.mesh(sid), VOXEL / 2)
        idx = np.round((samples - lo_grid) / VOXEL).astype(int)
        ok = np.all((idx >= 0) & (idx < surface.shape), axis=1)
        surface[tuple(idx[ok].T)] = True
    near = ndimage.distance_transform_edt(~surface) * VOXEL <= P.SKIN_MIN_DEPTH + VOXEL
    body = ndimage.binary_fill_holes(near)
    free = np.flatnonzero(~body.ravel())  # the soft-tissue masses only matter outside that
    body.ravel()[free] = masses(pts[free]) < 0
    # close: grow by the closing radius, then shrink back (fills folds and clefts)
    r = P.SKIN_CLOSING_RADIUS / VOXEL
    grown = ndimage.distance_transform_edt(~body) <= r
    closed = ndimage.distance_transform_edt(grown) > r
    closed |= body
    closed = ndimage.binary_fill_holes(closed)
    sdf = (ndimage.distance_transform_edt(~closed) - ndimage.distance_transform_edt(closed)) * VOXEL
    sdf = ndimage.gaussian_filter(sdf, sigma=1.5)
    z = axes[2][None, None, :]
    # (planes between grid levels: a level set lying exactly on grid points leaves holes)
    sdf = np.maximum(sdf, np.maximum(bottom + 0.37 - z, z - top - 0.37))
    sdf[0], sdf[-1], sdf[:, 0], sdf[:, -1], sdf[:, :, 0], sdf[:, :, -1] = (VOXEL,) * 6
    mesh = meshing.closed_mesh_from_volume(sdf, lo_grid, VOXEL, MAX_FACES, smooth_iterations=10)
    if mesh is None:
        raise meshing.MeshingError("skin: no closed decimation of the envelope")
    return mesh


def build(ctx) -> dict[str, Built]:
    if missing(ctx, ids("bones")):
        return {}
    return {"skin": Built(skin(ctx))}
