"""Landmarks the L5-S1 disc's builder (:mod:`viewer.anatomy.disc`) publishes once the disc
exists: its centre, posterolateral herniation points and heights (:func:`publish`), and the
roomiest points of the L5-S1 foramen and of the lateral recess beside it
(:func:`open_space_centres`), which the nerves are routed through."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import trimesh

from ..vocabulary import SIDES
from . import parameters as P
from . import vertebra
from .build import BuildContext
from .frame import side_sign
from .routing import roomiest

if TYPE_CHECKING:
    from .disc import DiscGeometry


def open_space_centres(ctx: BuildContext, g: DiscGeometry, meshes) -> None:
    """Place ``l5_s1_foramen_<side>`` at the roomiest point of the L5-S1 foramen (farthest from
    L5, S1 and the disc, below the L5 pedicle at its lateral position, behind the disc) and
    ``lateral_recess_<side>`` where the S1 root runs at disc level: behind the disc's lower back
    edge, over the back of S1 and medial to its pedicle, from where the root can run straight
    down and out to its foramen (the roomiest point of that box). Both in the model frame; the
    search is in the L5 frame, and the roomiest point is a soft argmax (:func:`roomiest`) of the
    exact distance to the nearest surface (:func:`_clearance`)."""
    inv = np.linalg.inv(g.pose)
    solids = [ctx.mesh(sid) for sid in (vertebra.BONE_ID, "s1_segment") if sid in ctx.built]
    solids += list(meshes)
    local = [trimesh.Trimesh(m.vertices @ inv[:3, :3].T + inv[:3, 3], m.faces) for m in solids]
    s = g.shape
    back_y = s.body_front_y - s.body_depth
    a, _, _ = g.heights(np.array([[0.0, back_y, 0.0]]))
    disc_mid_back = -0.5 * float(a[0])
    # (x fixed: at the pedicle's lateral position / at LATERAL_RECESS_X; y and z searched)
    boxes = {
        "l5_s1_foramen": (
            s.pedicle_x,
            (back_y - 12.0, disc_mid_back - 6.0),
            (back_y + 1.0, s.pedicle_z - 6.0),
        ),
        # behind the disc's lower back edge, over the back of S1: from there the root goes
        # straight down the back of the S1 body, medial to its pedicle, to its foramen
        "lateral_recess": (
            P.LATERAL_RECESS_X,
            (back_y - P.LATERAL_RECESS_BEHIND[1], disc_mid_back - P.LATERAL_RECESS_BELOW[1]),
            (back_y - P.LATERAL_RECESS_BEHIND[0], disc_mid_back - P.LATERAL_RECESS_BELOW[0]),
        ),
    }
    for name, (x, lo, hi) in boxes.items():
        for side in SIDES:
            sx = side_sign(side)
            yz = np.stack(
                np.meshgrid(
                    np.arange(lo[0], hi[0] + 0.01, 0.5),
                    np.arange(lo[1], hi[1] + 0.01, 0.5),
                    indexing="ij",
                ),
                axis=-1,
            ).reshape(-1, 2)
            grid = np.column_stack([np.full(len(yz), sx * x), yz])
            q = roomiest(grid, _clearance(grid, local))
            ctx.landmarks[f"{name}_{side}"] = g.pose[:3, :3] @ q + g.pose[:3, 3]


#: [constructed] mm round the search grid within which surfaces count for its clearance
_CLEARANCE_REACH = 15.0


def _clearance(grid: np.ndarray, solids: list[trimesh.Trimesh]) -> np.ndarray:
    """Distance from each of ``grid``'s points to the nearest of ``solids``' surfaces (those parts
    within ``_CLEARANCE_REACH`` of the grid): exact, so it moves only as far as the surfaces do
    when a rebuild retriangulates them (the distance to random surface samples this replaced
    moved the lateral recess 0.2 mm)."""
    lo, hi = grid.min(axis=0) - _CLEARANCE_REACH, grid.max(axis=0) + _CLEARANCE_REACH
    out = np.full(len(grid), 2.0 * _CLEARANCE_REACH)
    for m in solids:
        near = np.nonzero(np.all((m.triangles_center > lo) & (m.triangles_center < hi), axis=1))[0]
        if len(near):
            piece = m.submesh([near], append=True)
            out = np.minimum(out, trimesh.proximity.closest_point(piece, grid)[1])
    return out


def publish(ctx: BuildContext, g: DiscGeometry) -> None:
    T = g.pose
    L = ctx.landmarks
    L["l5_s1_disc_center"] = T[:3, :3] @ g.centre_local() + T[:3, 3]
    for side in SIDES:
        p, d = g.posterolateral_local(side)
        L[f"l5_s1_disc_posterolateral_{side}"] = T[:3, :3] @ p + T[:3, 3]
        L[f"l5_s1_disc_posterolateral_normal_{side}"] = T[:3, :3] @ d
    s = g.shape
    half = s.body_depth / 2.0
    yc = s.body_front_y - half
    pts = np.array([[0.0, yc + half, 0.0], [0.0, yc - half, 0.0]])
    a, _, _ = g.heights(pts)
    L["l5_s1_disc_anterior_height"] = np.array([float(a[0])])
    L["l5_s1_disc_posterior_height"] = np.array([float(a[1])])
    L["l5_s1_disc_wedge"] = np.array([float(np.degrees(np.arccos(np.clip(g.s1_normal[2], -1, 1))))])
