"""The sacral auricular surface's central groove: a shallow trough running along the auricular L,
into which the iliac surface's ridge fits (Gray's Anatomy 42nd ed.: "the iliac surface has a
corresponding elevation"; Vleeming et al. 2012, J Anat 221:537).

The mean bones (LLP26) touch across the sacroiliac joints and are only pushed apart by
``SI_JOINT_MIN_GAP``: their facing surfaces are parallel copies of each other and carry no relief,
so the joint space between them was an even slab. The groove is sunk into the sacrum's facing
surface (its own vertices moved in along the joint's normal, the faces kept) along the middle of
the same auricular L the joint is laid on (:func:`sacroiliac_joints.auricular_outline`): deepest
``SI_SACRAL_GROOVE_DEPTH`` more than ``SI_SACRAL_GROOVE_FULL`` inside the L's outline, nothing
within ``SI_SACRAL_GROOVE_FROM`` of it, so it runs along both limbs and fades out into the narrow
toe and at the margin. The joint built on the bones then fills it: its sacral face carries the
groove's cast (a ridge along the L), and it is thicker in the middle and thin at the rim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from . import implicit
from . import parameters as P
from .geometry import subdivided

if TYPE_CHECKING:
    from .sacroiliac_joints import JointOutline

#: [constructed] sacral vertices further than this from the hip bone are not on the joint, mm
_FACING = (3.5, 6.0)
_SEARCH = 45.0  # [constructed] the auricular surface lies within this of the facing patch, mm


def _along_middle(outline: JointOutline, p: np.ndarray) -> np.ndarray:
    """0 within ``SI_SACRAL_GROOVE_FROM`` of the L's outline rising to 1 ``SI_SACRAL_GROOVE_FULL``
    inside it (a rounded trough's or ridge's profile along the L's middle) at points ``p``."""
    lo, hi = P.SI_SACRAL_GROOVE_FROM, P.SI_SACRAL_GROOVE_FULL
    return implicit.smoothstep((-outline(p) - lo) / (hi - lo))


def auricular_groove_depth(outline: JointOutline, p: np.ndarray) -> np.ndarray:
    """How deep the sacral surface's central groove (``auricular_groove``) is at ``p``, mm."""
    return P.SI_SACRAL_GROOVE_DEPTH * _along_middle(outline, p)


def iliac_ridge(outline: JointOutline, p: np.ndarray) -> np.ndarray:
    """How high the iliac surface's ridge stands at model-frame points ``p``, mm: along the middle
    of the L, where the sacral surface's groove lies (``auricular_groove``), the same profile."""
    return P.SI_ILIAC_RIDGE_HEIGHT * _along_middle(outline, p)


def _facing_patch(sacrum: trimesh.Trimesh, hip: trimesh.Trimesh, gap_to_hip) -> np.ndarray:
    """The area-weighted centre of the sacral surface within ``SI_JOINT_REACH`` of the hip bone
    on the hip bone's side."""
    side = np.sign(hip.centroid[0])
    c = sacrum.triangles_center
    cand = np.flatnonzero(side * c[:, 0] > 0)
    gaps = gap_to_hip(c[cand])
    close = cand[gaps < P.SI_JOINT_REACH]
    return (c[close] * sacrum.area_faces[close, None]).sum(axis=0) / sacrum.area_faces[close].sum()


def outline_between(sacrum: trimesh.Trimesh, hip: trimesh.Trimesh) -> JointOutline:
    """The auricular L laid on the sacral surface facing ``hip`` (as the joint's builder lays it)."""
    from .sacroiliac_joints import auricular_outline

    gap_to_hip = implicit.mesh_distance(hip, 0.5)
    centre = _facing_patch(sacrum, hip, gap_to_hip)
    fine = subdivided(sacrum, 1.5)
    centres = fine.triangles_center
    close = np.linalg.norm(centres - centre, axis=1) < _SEARCH
    gap = np.full(len(centres), np.inf)
    gap[close] = gap_to_hip(centres[close])
    return auricular_outline(fine, gap, centre)


def with_groove(sacrum: trimesh.Trimesh, hip: trimesh.Trimesh) -> trimesh.Trimesh:
    """``sacrum`` with the groove sunk into its auricular surface facing ``hip`` (same faces)."""
    outline = outline_between(sacrum, hip)
    v = np.array(sacrum.vertices)
    near = np.flatnonzero(
        cKDTree(hip.vertices).query(v, distance_upper_bound=_FACING[1] + 6.0)[0] < np.inf
    )
    if len(near):
        _, dist, _ = trimesh.proximity.closest_point(hip, v[near])
        facing = np.clip((_FACING[1] - dist) / (_FACING[1] - _FACING[0]), 0.0, 1.0)
        # only the face turned towards the ilium (not the bone's other side near the margin)
        turned = np.clip(sacrum.vertex_normals[near] @ outline.axes[:, 2] * 2.0 - 0.6, 0.0, 1.0)
        depth = auricular_groove_depth(outline, v[near]) * implicit.smoothstep(facing) * turned
        # no deeper than leaves the bones within SI_SACRAL_GROOVE_GAP of each other, where
        # they already stand apart
        room = np.maximum(P.SI_SACRAL_GROOVE_GAP - dist, 0.0)
        depth = np.maximum(implicit.smooth_min(depth, room, 0.5), 0.0)
        v[near] -= depth[:, None] * outline.axes[:, 2]
    return trimesh.Trimesh(v, sacrum.faces.copy(), process=False)


def with_grooves(sacrum: trimesh.Trimesh, hips: list[trimesh.Trimesh]) -> trimesh.Trimesh:
    """``sacrum`` with the groove sunk into both auricular surfaces."""
    for hip in hips:
        sacrum = with_groove(sacrum, hip)
    return sacrum
