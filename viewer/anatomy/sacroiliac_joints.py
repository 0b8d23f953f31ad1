"""The sacroiliac joints: the thin, ear-shaped joint space between the sacral and iliac auricular
surfaces.

Each joint is the region between the two bones where they face each other closely (the sum of the
distances to the sacrum and to the ilium is under ``SI_JOINT_REACH``; never thinner than
``SI_JOINT_MIN_SPACE``, so it has no holes where the mean bones nearly touch), limited to a disc
around the auricular surfaces whose radius is chosen so that the joint surface has the published area
(``parameters.SI_JOINT_SURFACE_AREA``). Its faces are the two bones' own surfaces, so it follows
them and enters neither. Each side is fitted to its own bones (the sacrum is not exactly symmetric).
"""

from __future__ import annotations

import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import implicit
from . import parameters as P
from .bone_fields import cut_where_near, distance, frame_matrix, mesh_in_frame, missing
from .build import Built
from .geometry import joined, subdivided

SACRUM = ("s1_segment", "sacrum_lower")
MAX_FACES = 3000


from .frame import unit as _unit  # noqa: E402


def joint_space(ctx, side: str):
    """(sdf, centre, normal, radius): the joint space of one side.

    ``normal`` points from the sacrum to the ilium across the joint."""
    c_s = np.asarray(ctx.landmarks[f"auricular_surface_{side}"], float)
    c_i = np.asarray(ctx.landmarks[f"iliac_auricular_surface_{side}"], float)
    d_s = distance(ctx, SACRUM)
    d_i = distance(ctx, [f"hip_bone_{side}"])
    centre = (c_s + c_i) / 2
    reach = P.SI_JOINT_REACH

    # The radius that gives the published surface area: sample the sacral surface facing the
    # ilium (within ``reach``) and grow a disc around the centre until it holds that area.
    sacrum = joined([ctx.mesh(s) for s in SACRUM if s in ctx.built])
    fine = subdivided(sacrum, 1.5)
    centres = fine.triangles_center
    facing = (d_i(centres) < reach) & (np.linalg.norm(centres - centre, axis=1) < 60.0)
    r = np.linalg.norm(centres[facing] - centre, axis=1)
    area = fine.area_faces[facing]
    order = np.argsort(r)
    cum = np.cumsum(area[order])
    k = np.searchsorted(cum, P.SI_JOINT_SURFACE_AREA.value)
    radius = float(r[order][min(k, len(order) - 1)])

    def joint(p):
        # between the two surfaces (|ds - di| <= ds + di), never thinner than SI_JOINT_MIN_SPACE
        ds, di = d_s(p), d_i(p)
        half = np.maximum((ds + di) / 2, P.SI_JOINT_MIN_SPACE / 2)
        return np.maximum(ds + di - reach, np.abs(ds - di) / 2 - half)

    # across the joint: the mean outward normal of the sacral joint surface
    inside = facing.copy()
    inside[facing] = r <= radius
    normal = _unit((fine.face_normals[inside] * fine.area_faces[inside, None]).sum(axis=0))
    # the joint's faces are the bones' own; they are evaluated only near the auricular disc
    return cut_where_near(implicit.sphere(centre, radius), joint), centre, normal, radius, reach


def sacroiliac_joint(ctx, side: str) -> trimesh.Trimesh:
    f, centre, normal, radius, reach = joint_space(ctx, side)
    helper = np.array([0.0, 0.0, 1.0]) if abs(normal[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
    u = _unit(np.cross(normal, helper))
    v = np.cross(normal, u)
    M = frame_matrix(centre, np.column_stack([u, v, normal]))
    R = radius + 3
    bounds = ((-R, -R, -reach - 10), (R, R, reach + 10))
    return mesh_in_frame(f, M, bounds, voxel=0.5, target_faces=MAX_FACES)


def build(ctx) -> dict[str, Built]:
    if missing(ctx, SACRUM + ("hip_bone_left", "hip_bone_right")):
        return {}
    return {f"sacroiliac_joint_{s}": Built(sacroiliac_joint(ctx, s)) for s in SIDES}
