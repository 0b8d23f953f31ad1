"""Thin ligamentous sheets between the bones, and the meshing they share (:mod:`ligaments`).

A sheet is built from a sampled mid-surface: the union of small spheres, one per sample, whose
radius is the sheet's local half-thickness (:func:`sheet`). Samples a fraction of a millimetre
apart give a smooth surface of any outline and any thickness profile, with round free rims; where
the sheet is sunk into bone the bone is cut away (:func:`spanning`), so it meets the bone on its
surface. The ligamenta flava (:mod:`flavum`), the interspinous ligament (:mod:`interspinous`)
and the iliolumbar ligament (:mod:`iliolumbar`) are built with them.
"""

from __future__ import annotations

import numpy as np
import trimesh

from . import implicit
from . import parameters as P
from .bone_fields import cut_where_near, distance, frame_matrix, mesh_in_frame
from .frame import RIGHT
from .frame import unit as _unit

BONES = ("l5_vertebra", "s1_segment", "sacrum_lower", "hip_bone_left", "hip_bone_right")
MAX_FACES = 3000
#: how far apart the mid-surface samples of a sheet lie, mm (well under its half-thickness)
SAMPLE_STEP = 0.3


def sheet(points, half_thickness) -> implicit.SDF:
    """A sheet round the mid-surface samples ``points`` ((n, 3), at most about ``SAMPLE_STEP``
    apart), ``half_thickness`` (per sample) either side: the union of a sphere per sample."""
    q = np.asarray(points, float).reshape(-1, 3)
    r = np.broadcast_to(np.asarray(half_thickness, float), q.shape[:1]).reshape(-1)

    def spheres(p: np.ndarray, idx: np.ndarray) -> np.ndarray:
        return (np.linalg.norm(p[:, None, :] - q[idx], axis=2) - r[idx]).min(axis=1)

    return implicit.union_near_samples(q, float(r.max()), spheres, k=16, band=1.5)


# ---------------------------------------------------------------- meshing a spanning band
def spanning(
    ctx,
    shape: implicit.SDF,
    a,
    b,
    margin: float,
    voxel: float,
    pad: float = 4.0,
    rounding: float = P.LIGAMENT_BONE_CUT_ROUNDING,
    cut_within: tuple[float, float] | None = None,
    max_faces: int = MAX_FACES,
    bones: implicit.SDF | None = None,
) -> trimesh.Trimesh:
    """Mesh a band with the bones cut away (on a grid aligned with the band), the cut's edge
    rounded by ``rounding`` mm (a sharp cut leaves folds along it); kept just off the bone.
    With ``cut_within`` only within those many mm of ``a`` and of ``b`` (where the band is sunk into
    its bones; the bones' distance field can be wrongly signed in the open S1 canal behind).
    ``bones``: the bones' signed distance (by default that of ``BONES``, :func:`distance`)."""
    bones = distance(ctx, BONES) if bones is None else bones
    ends = np.array([a, b], float)
    reach = np.asarray(cut_within if cut_within is not None else (0.0, 0.0), float)

    def cut(p: np.ndarray) -> np.ndarray:
        if cut_within is None:
            return 0.15 - bones(p)
        out = np.full(len(p), -1e3)
        near = (np.linalg.norm(p[:, None, :] - ends[None], axis=2) < reach).any(axis=1)
        if near.any():
            out[near] = 0.15 - bones(p[near])
        return out

    f = cut_where_near(shape, cut, rounding=rounding)
    a, b = np.asarray(a, float), np.asarray(b, float)
    u = _unit(b - a)
    w = _unit(np.cross(u, RIGHT) if abs(u @ RIGHT) < 0.9 else np.cross(u, [0, 0, 1.0]))
    M = frame_matrix(a, np.column_stack([u, w, np.cross(u, w)]))
    L = np.linalg.norm(b - a)
    bounds = ((-pad, -margin, -margin), (L + pad, margin, margin))
    return mesh_in_frame(f, M, bounds, voxel=voxel, target_faces=max_faces)


def sink(point, toward, depth: float) -> np.ndarray:
    """``point`` moved ``depth`` mm away from ``toward`` (into the bone it sits on)."""
    point = np.asarray(point, float)
    return point - depth * _unit(np.asarray(toward, float) - point)


def both_sides(ctx, name: str, shape, a, b, **kw) -> dict[str, trimesh.Trimesh]:
    """``<name>_right`` meshed from ``shape`` (spanning ``a`` to ``b``, :func:`spanning` with
    ``kw``) and ``<name>_left`` its mirror image, each cut by its own bones."""
    flip = np.array([-1.0, 1.0, 1.0])
    return {
        f"{name}_right": spanning(ctx, shape, a, b, **kw),
        f"{name}_left": spanning(ctx, lambda p: shape(p * flip), a * flip, b * flip, **kw),
    }
